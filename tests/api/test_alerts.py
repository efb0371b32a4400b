"""Alerts in the API and the dashboard: the list, the server-sent event stream (resumed from
Last-Event-ID, or from now), the alerts page with hostile titles escaped, and /docs."""

from __future__ import annotations

import json

import pytest

from sitrep.api.alerts import StreamTiming
from sitrep.store import Store

from .conftest import client_for

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def add_alert(store: Store, key: str, kind: str, title: str, **ids: str) -> None:
    with store.watching() as watching:
        assert watching.add_alert(key, kind, title, **ids)


@pytest.fixture()
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'alerts.db'}") as store:
        add_alert(store, "story:s-1", "story", "New story: Water station attacked", story_id="s-1")
        add_alert(
            store,
            "status:s-1-c1",
            "status",
            "Claim now disputed (was single source): water was cut off",
            story_id="s-1",
            claim_id="s-1-c1",
        )
        add_alert(store, "watched:1:a:c0", "watched", HOSTILE, article_id="a1b2")
        yield store


@pytest.fixture()
def client(store, quick_analyzer):
    client = client_for(store, quick_analyzer)
    client.app.state.alert_stream = StreamTiming(poll=0.02, lifetime=0.4, keepalive=0.1)
    return client


def events(response) -> list[dict]:
    """The ``alert`` events of a finished stream, each with its id."""
    found = []
    for block in response.text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if fields.get("event") == "alert":
            found.append({"id": int(fields["id"]), **json.loads(fields["data"])})
    return found


def test_alerts_are_listed_newest_first_and_filtered_by_kind(client):
    page = client.get("/api/alerts").json()
    assert [a["kind"] for a in page["items"]] == ["watched", "status", "story"]
    assert page["items"][0]["title"] == HOSTILE and page["next_offset"] is None
    status = client.get("/api/alerts", params={"kind": "status"}).json()["items"]
    assert [(a["seq"], a["claim_id"]) for a in status] == [(2, "s-1-c1")]
    paged = client.get("/api/alerts", params={"limit": 1, "offset": 1}).json()
    assert [a["seq"] for a in paged["items"]] == [2] and paged["next_offset"] == 2
    bad = client.get("/api/alerts", params={"kind": "rumour"})
    assert bad.status_code == 422 and bad.json()["code"] == "E055"


def test_the_stream_sends_alerts_after_the_one_named(client):
    response = client.get("/api/alerts/stream", params={"after": 1})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert [(e["id"], e["kind"]) for e in events(response)] == [(2, "status"), (3, "watched")]
    assert response.text.startswith("retry: ")
    assert ": keep-alive" in response.text
    resumed = client.get("/api/alerts/stream", headers={"Last-Event-ID": "2"})
    assert [e["id"] for e in events(resumed)] == [3]


def test_a_new_stream_sends_only_alerts_recorded_after_it_opened(client, store, monkeypatch):
    # The alert is recorded right after the stream has read the newest alert it starts from.
    newest = store.alerts

    def opened_then_recorded(*args, **kwargs):
        found = newest(*args, **kwargs)
        monkeypatch.setattr(store, "alerts", newest)
        add_alert(store, "story:s-2", "story", "New story: Talks resume")
        return found

    monkeypatch.setattr(store, "alerts", opened_then_recorded)
    response = client.get("/api/alerts/stream")
    assert [(e["id"], e["title"]) for e in events(response)] == [(4, "New story: Talks resume")]


def test_the_alerts_page_escapes_titles_and_follows_the_stream(client):
    page = client.get("/alerts")
    assert page.status_code == 200
    assert HOSTILE not in page.text and "&lt;script&gt;alert(&#34;x&#34;)" in page.text
    assert 'data-alert-stream="/api/alerts/stream?after=3"' in page.text
    assert 'href="/stories/s-1#claim-s-1-c1"' in page.text
    assert 'href="/articles/a1b2"' in page.text
    filtered = client.get("/alerts", params={"kind": "story"})
    assert "Water station" in filtered.text and "water was cut off" not in filtered.text
    assert "data-alert-stream" not in filtered.text
    bad = client.get("/alerts", params={"kind": "rumour"})
    assert bad.status_code == 400 and "E021" in bad.text


def test_docs_serve_swagger_ui_from_the_packages(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert 'src="/vendor/swagger/swagger-ui-bundle.js"' in page.text
    assert 'src="/static/docs.js"' in page.text and 'data-spec="/openapi.json"' in page.text
    assert "<script>" not in page.text
    bundle = client.get("/vendor/swagger/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text
    assert client.get("/vendor/swagger/swagger-ui.css").status_code == 200


def test_head_answers_like_get_on_the_new_pages(client):
    for path in ("/api/alerts", "/alerts", "/docs"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers["content-length"] == str(len(get.content))
