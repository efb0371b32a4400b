"""Read endpoints: listings, filters, paging, one article's report, the error envelope."""

from __future__ import annotations

import json

import jsonschema
import pytest

from sitrep import schema
from sitrep.store import Store

from .conftest import client_for
from .reports import corpus_reports

ARTICLE_SCHEMA = schema.load("article")


def titles(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


def test_articles_are_paginated_with_next_offset(client):
    first = client.get("/api/articles", params={"limit": 3}).json()
    assert first["ok"] is True and (first["limit"], first["offset"]) == (3, 0)
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    last = client.get("/api/articles", params={"limit": 3, "offset": 3}).json()
    # Newest publication first: the oldest article ends the last page.
    assert [i["title"] for i in last["items"]] == ["Strikes hit Kukawa"]
    assert last["next_offset"] is None
    beyond = client.get("/api/articles", params={"offset": 100}).json()
    assert beyond["items"] == [] and beyond["next_offset"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"outlet": "Frontline Daily"}, ["Army denies civilian deaths in Kukawa"]),
        (
            {"since": "2024-03-05", "until": "2024-03-07"},
            ["Talks in Moscow", "Army denies civilian deaths in Kukawa"],
        ),
        ({"until": "2024-03-04"}, ["Strikes hit Kukawa"]),
        ({"actor": "hamas"}, ["Talks in Moscow"]),
        ({"place": "geo:2332459"}, ["Army denies civilian deaths in Kukawa", "Strikes hit Kukawa"]),
        (
            {"place": "geo:2332459", "sort": "oldest"},
            ["Strikes hit Kukawa", "Army denies civilian deaths in Kukawa"],
        ),
        ({"q": "convoy medicine"}, ["Aid convoy reaches Gaza"]),
        # Whole words, case ignored: "strikes" finds "Strikes" but not "Airstrikes"'s
        # article twice, and "strike" is not a word of any article.
        ({"q": "STRIKES"}, ["Strikes hit Kukawa"]),
        ({"q": "strike"}, []),
        ({"q": "kukawa", "outlet": "Lake Chad Wire"}, ["Strikes hit Kukawa"]),
        ({"q": "convoy Moscow"}, []),
    ],
)
def test_article_filters(client, params, expected):
    assert titles(client.get("/api/articles", params=params)) == expected


def test_one_article_is_its_whole_report(client, seeded_store):
    item = client.get("/api/articles", params={"limit": 1}).json()["items"][0]
    body = client.get(f"/api/articles/{item['id']}").json()
    assert body["ok"] is True
    jsonschema.validate(body["report"], ARTICLE_SCHEMA)
    assert body["report"] == seeded_store.get(item["id"]).to_dict()


def test_actors_and_places_with_filters(client):
    actors = client.get("/api/actors").json()["items"]
    assert {a["id"] for a in actors} == {"hamas", "idf", "who", "interfax", "rus_mod"}
    idf = next(a for a in actors if a["id"] == "idf")
    assert (idf["articles"], idf["kind"]) == (2, "military")
    assert [
        a["id"] for a in client.get("/api/actors", params={"kind": "media"}).json()["items"]
    ] == ["interfax"]
    assert [
        a["id"] for a in client.get("/api/actors", params={"name": "health"}).json()["items"]
    ] == ["who"]
    places = client.get("/api/places", params={"limit": 1}).json()
    assert places["items"][0]["name"] == "Kukawa" and places["items"][0]["articles"] == 2
    assert places["next_offset"] == 1
    assert client.get("/api/places", params={"name": "MOSCOW"}).json()["items"][0]["lat"] == 55.75


def envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["code"] == code
    assert body["error"]
    return body


def test_errors_share_one_envelope(client):
    envelope(client.get("/api/articles/0000000000000000"), 404, "E030")
    body = envelope(client.get("/api/nothing-here"), 404, "E056")
    assert "/openapi.json" in body["error"]
    body = envelope(client.get("/api/articles", params={"limit": 0}), 422, "E055")
    assert "limit" in body["error"]
    envelope(client.get("/api/articles", params={"since": "last week"}), 422, "E055")
    envelope(client.get("/api/actors", params={"kind": "wizard"}), 422, "E055")
    envelope(client.delete("/api/articles"), 405, "E057")


class ExplodingStore:
    """A store whose reads fail the way a bug would (it never changes, so the dashboard's
    cache asks on to the failing read)."""

    def change_stamp(self):
        return (None, None, None)

    def story_stamps(self):
        return {}

    def articles(self, *_, **__):
        raise RuntimeError("password=hunter2 in a driver message")


def test_an_unexpected_error_is_a_500_envelope_without_internals(quick_analyzer, caplog):
    client = client_for(ExplodingStore(), quick_analyzer)
    body = envelope(client.get("/api/articles"), 500, "E099")
    assert "hunter2" not in body["error"] and "Traceback" not in body["error"]
    assert "RuntimeError" in body["error"]
    assert any(r.levelname == "ERROR" and r.name == "sitrep.api" for r in caplog.records)


def test_dashboard_errors_are_pages_with_the_same_facts(client):
    response = client.get("/articles/0000000000000000")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "E030" in response.text and "0000000000000000" in response.text
    assert client.get("/no/such/page").status_code == 404
    assert "E055" in client.get("/articles", params={"limit": "many"}).text


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert {
        ("get", "/api/articles"),
        ("post", "/api/articles"),
        ("get", "/api/articles/{article_id}"),
        ("get", "/api/actors"),
        ("get", "/api/places"),
        ("get", "/api/stories"),
        ("get", "/api/stories/{story_id}"),
        ("get", "/api/claims"),
        ("get", "/api/events"),
        ("get", "/api/search"),
        ("get", "/api/suggest"),
        ("post", "/api/articles/url"),
    } <= {(method, path) for path, ops in spec["paths"].items() for method in ops}
    # The dashboard's HTML pages are not part of the JSON API's contract.
    assert not any(path.startswith(("/articles", "/map")) for path in spec["paths"])
    assert "bearer" in json.dumps(spec["components"]["securitySchemes"]).lower()


def test_full_text_search_is_one_behaviour_on_every_backend(store_url, quick_analyzer):
    with Store(store_url) as store:
        for report in corpus_reports():
            store.add(report)
        client = client_for(store, quick_analyzer)
        assert titles(client.get("/api/articles", params={"q": "strikes"})) == [
            "Strikes hit Kukawa"
        ]
        assert titles(client.get("/api/articles", params={"q": "strike"})) == []
        assert titles(client.get("/api/articles", params={"q": "KILLED residents"})) == [
            "Strikes hit Kukawa"
        ]
        assert titles(
            client.get("/api/articles", params={"q": "medicine", "since": "2024-03-09"})
        ) == ["Aid convoy reaches Gaza"]
        assert titles(client.get("/api/articles", params={"q": "talks", "actor": "hamas"})) == [
            "Talks in Moscow"
        ]
        assert titles(client.get("/api/articles", params={"q": "---"})) == []
