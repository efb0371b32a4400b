"""Security of the API and pages: SQL injection through every filter (SQLite and PostgreSQL),
hostile stored values rendered inert, security headers everywhere, no secrets in logs."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

import pytest
from sqlalchemy import inspect

from sitrep.settings import Settings
from sitrep.store import Store

from .conftest import TOKEN, client_for
from .reports import corpus_reports, make_report

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "1; DELETE FROM articles",
    "') UNION SELECT id, text, report, path, url, title FROM articles --",
    "%' OR name LIKE '%",
    "%",
    "_",
    "\\",
    "*",
    'NEAR("a" "b")',
    "articles_fts MATCH '*'",
    "x' || pg_sleep(5) || '",
    "\x00' OR 1=1",
    "😀' --",
]
#: (path, parameter) for every free-text filter and search of the API and the dashboard
FILTERS = [
    ("/api/articles", "outlet"),
    ("/api/articles", "actor"),
    ("/api/articles", "place"),
    ("/api/articles", "q"),
    ("/api/actors", "name"),
    ("/api/places", "name"),
    ("/articles", "outlet"),
    ("/articles", "actor"),
    ("/articles", "place"),
    ("/articles", "q"),
    ("/actors", "name"),
    ("/places", "name"),
    ("/search", "q"),
]
#: pages and endpoints that take an id in the path
BY_ID = ["/api/articles/{}", "/articles/{}", "/actors/{}", "/places/{}"]


@pytest.fixture()
def backend(store_url, quick_analyzer):
    with Store(store_url) as store:
        for report in corpus_reports():
            store.add(report)
        yield store, client_for(store, quick_analyzer, token=TOKEN)


def snapshot(store: Store) -> tuple[list[str], int, int]:
    return (
        sorted(inspect(store.engine).get_table_names()),
        store.count(),
        len(store.actors(limit=1000)),
    )


def test_injection_strings_in_every_filter_match_nothing_and_change_nothing(backend):
    store, client = backend
    before = snapshot(store)
    for path, param in FILTERS:
        for value in INJECTIONS:
            response = client.get(path, params={param: value})
            where = f"{path}?{param}={value!r}"
            if "\x00" in value:
                assert response.status_code == 422, where
                continue
            assert response.status_code == 200, (
                f"{where}: {response.status_code} {response.text[:300]}"
            )
            if path.startswith("/api/"):
                assert response.json()["items"] == [], where
    for template in BY_ID:
        for value in INJECTIONS:
            response = client.get(template.format(quote(value, safe="")))
            assert response.status_code in (404, 422), (
                f"{template} {value!r}: {response.status_code}"
            )
    assert snapshot(store) == before


def test_dates_and_numbers_are_typed_so_injections_are_422(client):
    for params in (
        {"since": "2024-01-01' OR '1'='1"},
        {"until": "1; DROP TABLE articles"},
        {"limit": "1 OR 1=1"},
        {"offset": "-1"},
        {"offset": str(2**63)},
    ):
        response = client.get("/api/articles", params=params)
        assert response.status_code == 422 and response.json()["code"] == "E055", params


def test_every_response_carries_the_security_headers(client):
    for path in (
        "/api/articles",
        "/articles",
        "/map",
        "/api/nope",
        "/nope",
        "/openapi.json",
        "/static/sitrep.css",
    ):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, path
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
    refused = client.post(
        "/api/articles", content=b"x" * 10, headers={"content-length": "99999999"}
    )
    assert refused.status_code == 413 and "content-security-policy" in refused.headers


def test_the_tile_server_is_the_only_other_image_origin(seeded_store, quick_analyzer):
    client = client_for(
        seeded_store, quick_analyzer, tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    )
    policy = client.get("/map").headers["content-security-policy"]
    assert "img-src 'self' data: https://*.tiles.example.org;" in policy
    with pytest.raises(Exception, match="SITREP_TILE_URL"):
        client_for(seeded_store, quick_analyzer, tile_url="javascript:alert(1)//{z}")


HOSTILE = (
    "Title: <script>alert('title')</script><img src=x onerror=alert(1)>\n"
    "Outlet: <b onmouseover=alert(2)>Evil Outlet</b>\n"
    "URL: javascript:alert(document.cookie)\n\n"
    "Hamas said <script>alert(3)</script> fighters entered Gaza <img src=x onerror=alert(4)> "
    'on Monday. <a href="javascript:alert(5)">click</a> </div></span><!-- <iframe '
    "src=//evil.example>"
)


def test_hostile_stored_values_come_out_escaped_on_every_page(tmp_path, quick_analyzer):
    with Store(f"sqlite:///{tmp_path / 'hostile.db'}") as store:
        report = make_report(HOSTILE)
        store.add(report)
        client = client_for(store, quick_analyzer)
        aid = report.article.id
        pages = [
            f"/articles/{aid}",
            "/articles",
            "/articles?outlet=" + quote(report.article.outlet),
            "/actors/hamas",
            "/places/" + quote("geo:281133"),
            "/search?q=fighters",
            "/search?q=" + quote("<script>alert(9)</script>"),
            "/map",
        ]
        for page in pages:
            html = client.get(page).text
            assert client.get(page).status_code == 200, page
            assert "<script>alert" not in html and "<img src=x" not in html, page
            assert "<b onmouseover" not in html and "<iframe" not in html, page
            assert not re.search(r"""href=["']?\s*javascript:""", html, re.I), page
        article_page = client.get(f"/articles/{aid}").text
        assert "&lt;script&gt;alert(3)&lt;/script&gt;" in article_page
        assert "javascript:alert(document.cookie)" in article_page  # shown as text, not a link


def test_the_token_never_reaches_logs_or_reprs(client, caplog):
    assert TOKEN not in repr(Settings(token=TOKEN))
    with caplog.at_level(logging.DEBUG):
        client.post(
            "/api/articles",
            files={"file": ("a.txt", b"")},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        client.post(
            "/api/articles",
            files={"file": ("a.txt", b"x")},
            headers={"Authorization": "Bearer guess"},
        )
    messages = [record.getMessage() for record in caplog.records]
    # both requests reached the log, and the token is in no record
    assert [m.split('"')[1] for m in messages if m.startswith("HTTP Request: POST")] == [
        "HTTP/1.1 200 OK",
        "HTTP/1.1 401 Unauthorized",
    ]
    assert [m for m in messages if TOKEN in m] == []
