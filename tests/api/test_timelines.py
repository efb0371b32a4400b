"""Timelines through the API: a story's, an actor's and a place's counts over time agree with
the events and stories the API lists, and unknown ids are 404 in the envelope."""

from __future__ import annotations

import pytest

from sitrep.link import link_report
from sitrep.store import Store

from .conftest import client_for
from .reports import make_report
from .test_events import reports

KUKAWA = "geo:2332459"


@pytest.fixture()
def client(tmp_path, quick_analyzer):
    with Store(f"sqlite:///{tmp_path / 'timelines.db'}") as store:
        for report in reports():
            store.add(report)
            link_report(store, report)
        yield client_for(store, quick_analyzer)


def totals(timeline):
    """Series key -> everything counted, in the buckets or outside them."""
    found = {s["key"]: s["total"] for s in timeline["series"]}
    for outside in (timeline["undated"], timeline["earlier"], timeline["later"]):
        for key, n in outside.items():
            found[key] = found.get(key, 0) + n
    return found


def events_by_type(client, **params):
    counted: dict[str, int] = {}
    for item in client.get("/api/events", params={**params, "limit": 500}).json()["items"]:
        counted[f"events:{item['type']}"] = counted.get(f"events:{item['type']}", 0) + 1
    return counted


def kukawa_story(client):
    return next(s for s in client.get("/api/stories").json()["items"] if "Kukawa" in s["title"])


def test_a_storys_timeline_counts_its_articles_events_and_claims(client):
    story = kukawa_story(client)
    body = client.get(f"/api/stories/{story['id']}/timeline").json()
    assert body["ok"] is True
    timeline = body["timeline"]
    assert timeline["bucket"] == "day" and timeline["buckets"] == ["2024-03-04", "2024-03-05"]
    found = totals(timeline)
    assert found.pop("articles") == story["articles"]
    claims = client.get(f"/api/stories/{story['id']}").json()["story"]["claims"]
    assert found.pop("asserted") == sum(
        any(a["stance"] == "asserts" for a in c["attributions"]) for c in claims
    )
    assert found.pop("denied") == sum(c["propagation"]["first_denial"] is not None for c in claims)
    assert found == events_by_type(client, story=story["id"])
    marks = {c["id"]: c for c in timeline["claims"]}
    assert set(marks) == {c["id"] for c in claims}
    denied = [c for c in claims if c["propagation"]["first_denial"]]
    assert denied and all(marks[c["id"]]["denied"] == "2024-03-05" for c in denied)


@pytest.mark.parametrize(
    ("path", "params"),
    [("/api/actors/idf/timeline", {"actor": "idf"}), (f"/api/places/{KUKAWA}/timeline", {"place": KUKAWA})],
)  # fmt: skip
def test_an_actors_and_a_places_events_over_time(client, path, params):
    timeline = client.get(path).json()["timeline"]
    found = totals(timeline)
    assert found.pop("articles") == len(client.get("/api/articles", params=params).json()["items"])
    assert found == events_by_type(client, **params)
    assert timeline["claims"] == []


def test_since_and_until_narrow_a_timeline(client):
    story = kukawa_story(client)
    path = f"/api/stories/{story['id']}/timeline"
    later = client.get(path, params={"since": "2024-03-05"}).json()["timeline"]
    assert later["buckets"] == ["2024-03-05"]
    assert totals(later)["events:ASSAULT"] == 1
    none = client.get(f"/api/places/{KUKAWA}/timeline", params={"until": "2024-03-03"}).json()
    assert none["timeline"]["buckets"] == [] and none["timeline"]["series"] == []


@pytest.mark.parametrize(
    "path", ["/api/stories/s-none/timeline", "/api/actors/nobody/timeline", "/api/places/geo:0/timeline"]
)  # fmt: skip
def test_unknown_ids_are_404_in_the_envelope(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.json()["ok"] is False


def test_a_bad_date_is_refused(client):
    response = client.get("/api/actors/idf/timeline", params={"since": "yesterday"})
    assert response.status_code == 422 and response.json()["ok"] is False


def test_a_timeline_is_computed_anew_once_an_article_is_linked(client):
    client.app.state.stories.recheck_s = 0
    before = totals(client.get("/api/actors/hamas/timeline").json()["timeline"])
    again = make_report(
        "Title: Talks go on\nOutlet: Gulf Desk\nDate: 2024-03-08\n\n"
        "Hamas said the talks in Moscow went on for a second day."
    )
    store = client.app.state.store
    store.add(again)
    link_report(store, again)
    after = client.get("/api/actors/hamas/timeline").json()["timeline"]
    assert totals(after)["articles"] == before["articles"] + 1
    assert after["buckets"][-1] == "2024-03-08"
