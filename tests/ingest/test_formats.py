import io
import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.ingest import read_data, read_paths
from sitrep.model import Article, Failure

LIMIT = 2_000_000
BODY = "Shelling hit the market in the morning, the regional governor said. " * 3

HTML = f"""<!DOCTYPE html><html><head><title>Market shelled | Example Post</title>
<meta property="og:site_name" content="Example Post">
<meta name="date" content="2024-02-03"></head>
<body><nav>Home | World</nav><article><h1>Market shelled</h1>
<p>{BODY}</p><p>{BODY}</p></article><footer>Copyright</footer></body></html>"""

FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Feed</title>
<item><title>Convoy attacked</title><link>https://example.org/1</link>
<pubDate>Tue, 03 Oct 2017 10:00:00 GMT</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
<item><title>Empty one</title><link>https://example.org/2</link><description></description></item>
</channel></rss>"""


def test_html_page_text_title_and_site():
    [article] = list(read_data(HTML.encode(), "page.html", LIMIT))
    assert "Shelling hit the market" in article.text
    assert "Home | World" not in article.text
    assert article.outlet == "Example Post"
    assert article.published == "2024-02-03"


def test_feed_one_article_per_entry_and_bad_entry_recorded():
    items = list(read_data(FEED.encode(), "feed.xml", LIMIT))
    article, failure = items
    assert isinstance(article, Article) and isinstance(failure, Failure)
    assert article.outlet == "Example Feed" and article.url == "https://example.org/1"
    assert article.published == "2017-10-03T10:00:00+00:00"
    assert article.title == "Convoy attacked" and "Shelling hit" in article.body
    assert failure.code == "E001" and failure.path == "feed.xml#2"


def test_jsonl_records_with_one_bad_line():
    lines = [
        json.dumps({"text": BODY, "title": "A", "source": "Wire", "date": "2020-01-02"}),
        "{not json",
        json.dumps({"title": "no text"}),
    ]
    good, bad_json, no_text = list(read_data("\n".join(lines).encode(), "r.jsonl", LIMIT))
    assert good.outlet == "Wire" and good.published == "2020-01-02" and good.title == "A"
    assert (bad_json.code, bad_json.path) == ("E009", "r.jsonl:2")
    assert no_text.code == "E009"


def test_csv_and_parquet_records():
    [article] = list(read_data(f'text,outlet\n"{BODY}",Wire\n'.encode(), "r.csv", LIMIT))
    assert article.outlet == "Wire"
    buffer = io.BytesIO()
    pq.write_table(pa.table({"text": [BODY, BODY + " More."], "url": ["u1", "u2"]}), buffer)
    articles = list(read_data(buffer.getvalue(), "r.parquet", LIMIT))
    assert [a.url for a in articles] == ["u1", "u2"]


def test_directory_is_read_recursively_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second\n" + BODY)
    (tmp_path / "1.txt").write_text("First\n" + BODY + " First.")
    titles = [a.title for a in read_paths([str(tmp_path)], LIMIT)]
    assert titles == ["First", "Second"]


def test_stdin_dash_is_read(tmp_path):
    code = (
        "import sys; from sitrep.ingest import read_paths; "
        "print([a.title for a in read_paths(['-'], 10000)])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=b"Title from stdin\nBody.",
        capture_output=True,
        check=True,
    )
    assert out.stdout.decode().strip() == "['Title from stdin']"
