"""Stored hostile values (title, outlet, URL, text, event roles and evidence) come out inert:
escaped on every dashboard page, intact and valid in every JSON response and export, and
never a formula in a CSV/TSV cell. Complements tests/api/test_security.py (article pages)
and tests/export/test_export.py (formula prefixes in actor names and evidence)."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from sitrep.api.stories import StoryIndex
from sitrep.cli import main
from sitrep.export import FORMATS

from ..api.conftest import client_for
from .conftest import ACTIVE, OUTLET, TITLE, URL

#: What a spreadsheet runs as a formula when a cell starts with it (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.I)


def pages(store) -> list[str]:
    [story] = [row.id for row in StoryIndex(store).summaries("newest")]
    article = store.articles()[0].id
    return [
        "/",
        "/?sort=articles",
        f"/stories/{quote(story, safe='')}",
        f"/stories/{quote(story, safe='')}?timeline=all",
        "/articles",
        f"/articles/{article}",
        "/articles?outlet=" + quote(OUTLET),
        "/actors",
        "/actors/hamas",
        "/places",
        "/places/" + quote("geo:281133"),
        "/map",
        "/map?actor=Hamas&type=ASSAULT",
        "/events",
        "/events?sort=actor&actor=hamas",
        "/events?q=" + quote(TITLE),
        "/search?q=Hamas",
        "/search?q=" + quote(TITLE),
        "/articles/" + quote("<script>alert(1)</script>", safe=""),
        "/nope/" + quote("<script>alert(1)</script>"),
    ]


def test_no_page_carries_active_markup_or_inline_script(hostile_store, blank_analyzer):
    client = client_for(hostile_store, blank_analyzer)
    for path in pages(hostile_store):
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        assert response.headers["content-type"].startswith("text/html"), path
        html = response.text
        for fragment in ACTIVE:
            assert fragment not in html, (path, fragment)
        # The only scripts are the server's own files: no inline script at all.
        for tag in _SCRIPT_TAG.findall(html):
            assert re.search(r"""\bsrc=["']/(static|vendor)/""", tag), (path, tag)
        assert not re.search(r"""(href|src|action)=["']?\s*javascript:""", html, re.I), path
    article = client.get(f"/articles/{hostile_store.articles()[0].id}").text
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in article


def test_json_responses_keep_hostile_values_verbatim_and_valid(hostile_store, blank_analyzer):
    client = client_for(hostile_store, blank_analyzer)
    article_id = hostile_store.articles()[0].id
    report = client.get(f"/api/articles/{article_id}")
    assert report.headers["content-type"] == "application/json"
    assert report.headers["x-content-type-options"] == "nosniff"
    article = report.json()["report"]["article"]
    assert (article["title"], article["outlet"], article["url"]) == (TITLE, OUTLET, URL)
    for path in ("/api/articles", "/api/stories", "/api/claims", "/api/actors", "/api/places"):
        response = client.get(path)
        assert response.status_code == 200 and response.json()["ok"] is True, path
    [story] = client.get("/api/stories").json()["items"]
    assert client.get(f"/api/stories/{quote(story['id'], safe='')}").json()["ok"] is True


@pytest.fixture()
def exports(hostile_store, tmp_path):
    """Every export format of the hostile store, written by `sitrep export --output`."""
    runner = CliRunner()
    written = {}
    for fmt in FORMATS:
        target = tmp_path / f"export.{fmt}"
        result = runner.invoke(
            main, ["export", "--format", fmt, "--db", hostile_store.url, "--output", str(target)]
        )
        assert result.exit_code == 0, result.output
        written[fmt] = target.read_text("utf-8")
    return written


def test_json_exports_stay_valid_and_verbatim(exports):
    [line] = exports["jsonl"].splitlines()
    article = json.loads(line)["article"]
    assert (article["title"], article["outlet"], article["url"]) == (TITLE, OUTLET, URL)
    collection = json.loads(exports["geojson"])
    properties = [feature["properties"] for feature in collection["features"]]
    assert len(properties) == 2
    assert {p["outlet"] for p in properties} == {OUTLET} and {p["url"] for p in properties} == {URL}


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("acled", ","), ("gdelt", "\t")])
def test_table_exports_hold_no_formula(exports, fmt, delimiter):
    rows = list(csv.reader(io.StringIO(exports[fmt]), delimiter=delimiter))
    assert len(rows) == 3, rows  # the header and both events
    cells = [cell for row in rows for cell in row]
    unsafe = [c for c in cells if c.startswith(FORMULA_START) and not _is_number(c)]
    assert unsafe == [], unsafe
    assert "'+SUM(1+1)" in cells  # the recipient, kept as text
    if fmt != "gdelt":  # GDELT's columns carry neither the outlet nor the evidence
        assert "'" + OUTLET in cells
        assert any(cell.startswith("'@SUM(2+2)") for cell in cells), fmt


def _is_number(value: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", value) is not None
