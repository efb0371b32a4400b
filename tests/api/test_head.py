"""HEAD on every GET route, API and dashboard alike (monitors and link checkers send it): the
status and headers a GET would get, and no body."""

from __future__ import annotations

import pytest

from sitrep.api.routes import router as api_router
from sitrep.link import link_report
from sitrep.store import Store
from sitrep.web.pages import router as web_router

from .conftest import client_for
from .reports import corpus_reports


@pytest.fixture()
def linked_client(tmp_path, quick_analyzer):
    with Store(f"sqlite:///{tmp_path / 'head.db'}") as store:
        for report in corpus_reports():
            store.add(report)
            link_report(store, report)
        yield client_for(store, quick_analyzer)


#: What a route cannot answer without: a search's words, a picker's field.
REQUIRED = {"/api/search": "?q=kukawa", "/api/suggest": "?field=place&q=ku"}


def get_paths(client) -> list[str]:
    """Every GET route of the app, its path parameters filled with ids from the store."""
    ids = {
        "article_id": client.get("/api/articles").json()["items"][0]["id"],
        "story_id": client.get("/api/stories").json()["items"][0]["id"],
        "actor_id": client.get("/api/actors").json()["items"][0]["id"],
        "place_id": client.get("/api/places").json()["items"][0]["id"],
    }
    paths = ["/openapi.json", "/static/sitrep.css", "/static/article.js"]
    for route in (*api_router.routes, *web_router.routes):
        if "GET" in route.methods:
            path = route.path
            for name, value in ids.items():
                path = path.replace(f"{{{name}}}", value).replace(f"{{{name}:path}}", value)
            paths.append(path + REQUIRED.get(path, ""))
    return paths


def test_every_get_route_answers_head_like_get_without_a_body(linked_client):
    paths = get_paths(linked_client)
    assert "/" in paths and "/api/articles" in paths and len(paths) >= 19
    for path in paths:
        get = linked_client.get(path)
        head = linked_client.head(path)
        assert get.status_code == 200, (path, get.text[:200])
        assert head.status_code == 200, (path, head.status_code)
        assert head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"], path
        assert head.headers["content-length"] == str(len(get.content)), path
        assert head.headers["content-security-policy"] == get.headers["content-security-policy"]


def test_head_where_get_fails_answers_the_same_status(linked_client):
    # /api/articles/url takes POST only, and reads as the id "url" to GET.
    for path in ("/api/articles/no-such-id", "/api/articles/url", "/no/such/page"):
        head = linked_client.head(path)
        assert head.status_code == linked_client.get(path).status_code == 404, path
        assert head.content == b"", path
