"""/api/search, /api/suggest and the /search page over one store, on SQLite and PostgreSQL:
the same word search as the store's, snippets whose marks are escaped text, pickers by name."""

from __future__ import annotations

import re

from sitrep.link import link_report
from sitrep.store import Store
from tests.api.reports import STORY_TEXTS, make_report

from .conftest import client_for

HOSTILE = (
    "Title: Market attack <script>alert(1)</script>\nDate: 2024-06-01\n\n"
    'Gunmen attacked the market <img src=x onerror="alert(2)"> in Kukawa at dawn.'
)


def seeded(store_url, analyzer):
    store = Store(store_url)
    for text in [*STORY_TEXTS, HOSTILE]:
        report = make_report(text)
        store.add(report)
        link_report(store, report)
    return store, client_for(store, analyzer)


def test_search_api_pages_every_section_with_snippets(store_url, quick_analyzer):
    store, client = seeded(store_url, quick_analyzer)
    with store:
        body = client.get("/api/search", params={"q": "Kukawa", "limit": 2}).json()
        assert body["ok"] and body["section"] == "articles" and body["next_offset"] == 2
        assert body["total"] == store.search("articles", "kukawa")[1] > 2
        for item in body["items"]:
            text = item["snippet"]["text"]
            assert {text[s:e].lower() for s, e in item["snippet"]["matches"]} == {"kukawa"}
        dates = [i["published"] for i in body["items"]]
        assert dates == sorted(dates, reverse=True)
        for section in ("stories", "claims", "actors", "places"):
            found = client.get("/api/search", params={"q": "kukawa", "section": section}).json()
            assert found["total"] == store.search(section, "kukawa")[1], section
        claims = client.get("/api/search", params={"q": "civilians", "section": "claims"}).json()
        assert claims["total"] > 0 and all("story_id" in c for c in claims["items"])
        bad = client.get("/api/search", params={"q": "x", "section": "all"})
        assert bad.status_code == 422 and bad.json()["ok"] is False
        assert client.get("/api/search").status_code == 422


def test_suggest_api_names_with_ids(store_url, quick_analyzer):
    store, client = seeded(store_url, quick_analyzer)
    with store:
        items = client.get("/api/suggest", params={"field": "place", "q": "Kuk"}).json()["items"]
        assert items == [
            {"name": "Kukawa", "id": "geo:2332459", "articles": 5, "detail": "city, NG"}
        ]
        actors = client.get("/api/suggest", params={"field": "actor", "q": "isr"}).json()
        assert [i["id"] for i in actors["items"]] == ["idf"]
        outlets = client.get("/api/suggest", params={"field": "outlet", "q": "sahel"}).json()
        assert outlets["items"] == [
            {"name": "Sahel Herald", "id": None, "articles": 1, "detail": None}
        ]
        [actor] = client.get("/api/suggest", params={"field": "actor", "q": "israel"}).json()[
            "items"
        ]
        assert actor["detail"] == "military"
        assert client.get("/api/suggest", params={"field": "x", "q": "a"}).status_code == 422


def test_search_page_marks_words_and_escapes_hostile_text(store_url, quick_analyzer):
    store, client = seeded(store_url, quick_analyzer)
    with store:
        html = client.get("/search", params={"q": "market gunmen"}).text
        assert "<mark>Gunmen</mark>" in html and "<mark>market</mark>" in html
        assert "&lt;img src=x onerror=" in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
        overview = client.get("/search", params={"q": "kukawa"}).text
        for section in ("articles", "stories", "claims", "actors", "places"):
            assert f'id="found-{section}"' in overview
        one = client.get("/search", params={"q": "kukawa", "section": "places"}).text
        assert 'id="found-places"' in one and 'id="found-articles"' not in one
        assert "<mark>Kukawa</mark>" in one
        assert client.get("/search", params={"q": "k", "section": "nope"}).status_code == 400


def test_article_pages_show_names_not_ids_or_server_paths(store_url, quick_analyzer):
    store, client = seeded(store_url, quick_analyzer)
    with store:
        report = make_report(
            "Title: Convoy\n\nA convoy reached Gaza.", path="/srv/feeds/x/convoy.txt"
        )
        store.add(report)
        page = client.get(f"/articles/{report.article.id}").text
        assert "convoy.txt" in page and "/srv/feeds" not in page
        # A picker's name filters as its id did, and an id in a link shows as the name.
        by_name = client.get("/articles", params={"place": "Kukawa"}).text
        by_id = client.get("/articles", params={"place": "geo:2332459"}).text
        rows = re.findall(r'<td><a href="/articles/[^"]+">', by_name)
        assert rows and rows == re.findall(r'<td><a href="/articles/[^"]+">', by_id)
        assert 'value="Kukawa"' in by_id and "geo:2332459" not in by_id
        assert 'data-suggest="place"' in by_id and "/static/suggest.js" in by_id
        dates = re.findall(r'<td class="date">([^<]*)</td>', client.get("/articles").text)
        assert dates == sorted(dates, reverse=True)
        place = client.get("/places/geo:2332459").text
        assert "Kukawa" in place and "geo:2332459" not in re.sub(r"<[^>]*>", "", place)
