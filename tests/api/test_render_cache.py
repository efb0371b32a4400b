"""The app's RenderCache: a repeated read is answered without the store, and nothing it keeps
outlives a write, whether through the server or by another process on the same database."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from sitrep.store import Store
from sitrep.web.pages import RenderCache

from .conftest import TOKEN, client_for
from .reports import make_report

AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW = (
    "Bridge reopened near Mopti\nEngineers reopened the bridge on Friday and the council said "
    "that traders could cross again, according to officials who were present."
)


def titles(client, path: str = "/api/articles") -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


def total(client) -> int:
    return client.get("/api/articles").json()["total"]


def test_a_repeated_read_is_answered_without_the_store(client, seeded_store, monkeypatch):
    calls = []
    read = seeded_store.articles
    monkeypatch.setattr(seeded_store, "articles", lambda *a, **k: calls.append(1) or read(*a, **k))
    first = client.get("/api/articles")
    assert client.get("/api/articles").content == first.content
    assert client.head("/api/articles").status_code == 200
    assert len(calls) == 1
    # A client asking for a fresh answer gets one rendered now.
    assert client.get("/api/articles", headers={"Cache-Control": "no-cache"}).status_code == 200
    assert len(calls) == 2
    # Another query is another answer; an error is never kept.
    client.get("/api/articles?limit=1")
    assert client.get("/api/articles?limit=many").status_code == 422
    assert client.get("/api/articles?limit=many").status_code == 422
    assert len(calls) == 3


def test_an_upload_shows_on_the_very_next_read(tmp_path, quick_analyzer):
    with Store(f"sqlite:///{tmp_path / 'cache.db'}") as store:
        client = client_for(store, quick_analyzer, token=TOKEN)
        assert titles(client) == []
        assert "Bridge reopened" not in client.get("/articles").text
        upload = {"file": ("new.txt", NEW.encode("utf-8"), "text/plain")}
        assert client.post("/api/articles", files=upload, headers=AUTH).status_code == 201
        # No wait for the store's recheck: a write through the server expires it.
        assert titles(client) == ["Bridge reopened near Mopti"]
        assert "Bridge reopened near Mopti" in client.get("/articles").text


def test_another_writer_shows_once_the_store_is_checked(client, seeded_store):
    client.app.state.stories.recheck_s = 0  # the store is asked on every request
    before = total(client)
    assert titles(client, "/api/articles?q=Mopti") == []
    assert client.get("/api/alerts").json()["items"] == []
    alerts_page = client.get("/alerts").text
    with Store(seeded_store.url) as other:
        other.add(make_report(NEW))
        with other.watching() as watching:
            assert watching.add_alert("story:s-9", "story", "New story: bridge", story_id="s-9")
    assert total(client) == before + 1
    assert titles(client, "/api/articles?q=Mopti") == ["Bridge reopened near Mopti"]
    assert [a["title"] for a in client.get("/api/alerts").json()["items"]] == ["New story: bridge"]
    assert client.get("/alerts").text != alerts_page
    assert "New story: bridge" in client.get("/alerts").text


def test_what_is_kept_is_bounded_by_bytes():
    rendered = []

    async def app(scope, receive, send):
        rendered.append(scope["path"])
        size = int(scope["path"].strip("/"))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"x" * size})

    class Unchanged:
        checked, version = True, 1

    cache = RenderCache(app, max_bytes=1000)
    scope = {"type": "http", "method": "GET", "query_string": b"", "headers": []}
    scope["app"] = SimpleNamespace(state=SimpleNamespace(stories=Unchanged()))

    async def get(path: str) -> bytes:
        sent = []

        async def send(message):
            sent.append(message)

        await cache({**scope, "path": path}, None, send)
        return sent[1]["body"]

    async def run():
        for path in (
            "/200",
            "/200",
            "/250",
            "/240",
            "/230",
            "/210",
            "/200",
            "/240",
            "/400",
            "/400",
        ):
            assert await get(path) == b"x" * int(path[1:])

    asyncio.run(run())
    # /210 pushed the least recently used (/200) out; /400 is over a quarter of the budget,
    # so never kept.
    assert rendered == ["/200", "/250", "/240", "/230", "/210", "/200", "/400", "/400"]
