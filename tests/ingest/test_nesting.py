"""Input nested 50,000 deep, in every reader: a record that deep is one bad record (E009), and
markup that deep is read as far as the parser goes, never a RecursionError that ends a batch."""

from __future__ import annotations

import html
import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.errors import SitrepError
from sitrep.ingest import read_data
from sitrep.model import Article, Failure

LIMIT = 2_000_000
DEPTH = 50_000
FIRST = "Gunmen attacked a supply convoy near Gao on Monday, the army said in a statement."
SECOND = "Rebels shelled the market in Kidal on Tuesday, the regional governor said."
DEEP_JSON = "[" * DEPTH + "]" * DEPTH


def kinds(items: list[Article | Failure]) -> list[str]:
    return [item.code if isinstance(item, Failure) else "article" for item in items]


def test_a_jsonl_record_nested_50000_deep_is_e009_and_the_others_are_read():
    lines = (
        f'{{"text": "{FIRST}"}}',
        f'{{"text": "x", "extra": {DEEP_JSON}}}',
        f'{{"text": "{SECOND}"}}',
    )
    items = list(read_data("\n".join(lines).encode(), "in.jsonl", LIMIT))
    assert kinds(items) == ["article", "E009", "article"]
    assert items[1].path == "in.jsonl:2" and "nested too deeply" in items[1].message
    assert [items[0].text, items[2].text] == [FIRST, SECOND]


def test_metadata_that_is_not_text_is_e009():
    # Deep values that json.loads accepts would otherwise be turned into text by str(), which
    # recurses once more per level.
    depth = 900
    lines = (
        f'{{"text": "{FIRST}", "title": {"[" * depth + "]" * depth}}}',
        f'{{"text": "{SECOND}", "outlet": {{"name": "Wire"}}}}',
        f'{{"text": "{SECOND}", "published": 20240301, "title": 7}}',
    )
    items = list(read_data("\n".join(lines).encode(), "meta.jsonl", LIMIT))
    assert kinds(items) == ["E009", "E009", "article"]
    assert "'title' must be text" in items[0].message
    assert "'outlet' must be text" in items[1].message
    assert items[2].title == "7"


def test_a_csv_cell_of_50000_brackets_is_only_text():
    data = f'text,title\n"{FIRST}","{DEEP_JSON}"\n"{SECOND}",plain\n'.encode()
    items = list(read_data(data, "in.csv", LIMIT))
    assert kinds(items) == ["article", "article"]
    assert items[0].title == DEEP_JSON


def test_a_parquet_schema_nested_past_arrows_limit_is_e009():
    # Arrow refuses schemas over 100 levels, so a file this deep is bad as a whole.
    nested = pa.string()
    for _ in range(150):
        nested = pa.list_(nested)
    table = pa.table({"text": [FIRST, SECOND], "extra": pa.array([None, None], type=nested)})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    with pytest.raises(SitrepError) as info:
        list(read_data(buffer.getvalue(), "in.parquet", LIMIT))
    assert info.value.code == "E009" and "too deeply nested" in info.value.message


def test_html_with_50000_nested_tags_keeps_the_article():
    page = (
        "<html><head><title>Convoy attacked</title></head><body><article>"
        f"<p>{FIRST}</p>{'<div>' * DEPTH}deep{'</div>' * DEPTH}<p>{SECOND}</p>"
        "</article></body></html>"
    )
    [article] = list(read_data(page.encode(), "deep.html", LIMIT))
    assert FIRST in article.text and article.title == "Convoy attacked"


def test_feed_entries_with_50000_nested_tags_are_each_read():
    deep_html = html.escape(f"<p>{FIRST}</p>{'<div>' * DEPTH}x{'</div>' * DEPTH}")
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>A</title><description>{deep_html}</description>"
        f"{'<x>' * DEPTH}{'</x>' * DEPTH}</item>"
        f"<item><title>B</title><description>{html.escape(SECOND)}</description></item>"
        "</channel></rss>"
    )
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        '<entry><title>A</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        f"<p>{FIRST}</p>{'<div>' * DEPTH}x{'</div>' * DEPTH}</div></content></entry>"
        f'<entry><title>B</title><content type="html">{html.escape(SECOND)}</content></entry>'
        "</feed>"
    )
    for data, name in ((rss, "deep.rss"), (atom, "deep.atom")):
        items = list(read_data(data.encode(), name, LIMIT))
        assert kinds(items) == ["article", "article"], name
        assert FIRST in items[0].text and SECOND in items[1].text, name
