"""Stories and claims through the API: sorting, filters, paging, one story, and the story
index following the store as articles are linked."""

from __future__ import annotations

import jsonschema
import pytest

from sitrep import schema
from sitrep.api.stories import StoryIndex
from sitrep.link import link_report
from sitrep.store import Store

from .conftest import client_for
from .reports import STORY_TEXTS, make_report

STORIES_SCHEMA = schema.load("stories")


@pytest.fixture()
def linked(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'stories.db'}") as store:
        for text in STORY_TEXTS:
            report = make_report(text)
            store.add(report)
            link_report(store, report)
        yield store


@pytest.fixture()
def client(linked, quick_analyzer):
    return client_for(linked, quick_analyzer)


def test_stories_sort_filter_and_page(client):
    newest = client.get("/api/stories").json()
    assert newest["ok"] is True and len(newest["items"]) >= 2
    seen = [s["last_seen"] for s in newest["items"]]
    assert seen == sorted(seen, reverse=True)
    kukawa = next(s for s in newest["items"] if "Kukawa" in s["title"])
    assert kukawa["articles"] == 4 and kukawa["origins"] == 3  # the reprint counts once
    assert kukawa["first_seen"] == "2024-03-04" and kukawa["last_seen"] == "2024-03-06"
    by_size = client.get("/api/stories", params={"sort": "articles"}).json()["items"]
    assert by_size[0]["id"] == kukawa["id"]
    disputed = client.get("/api/stories", params={"sort": "disputed"}).json()["items"]
    assert disputed[0]["disputed"] >= max(s["disputed"] for s in disputed)
    assert [
        s["id"] for s in client.get("/api/stories", params={"place": "geo:524901"}).json()["items"]
    ] == [s["id"] for s in newest["items"] if "Moscow" in s["title"]]
    assert (
        client.get("/api/stories", params={"actor": "hamas"}).json()["items"][0]["title"]
        == "Talks in Moscow to resume"
    )
    assert (
        client.get("/api/stories", params={"q": "KUKAWA airstrike"}).json()["items"][0]["id"]
        == kukawa["id"]
    )
    first = client.get("/api/stories", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    assert client.get("/api/stories", params={"sort": "loudest"}).status_code == 422


def test_one_story_follows_the_stories_schema(client):
    story_id = client.get("/api/stories", params={"sort": "articles"}).json()["items"][0]["id"]
    story = client.get(f"/api/stories/{story_id}").json()["story"]
    jsonschema.validate({"schema": "sitrep.stories/1", "stories": [story]}, STORIES_SCHEMA)
    copies = [a for a in story["articles"] if a["copy_of"]]
    assert [a["outlet"] for a in copies] == ["Sahel Herald"]
    assert {p["id"] for p in story["places"]} == {"geo:2332459"}
    missing = client.get("/api/stories/s-nope")
    assert missing.status_code == 404 and missing.json()["code"] == "E032"


def test_claims_filter_by_status_and_actor(client):
    claims = client.get("/api/claims", params={"limit": 500}).json()["items"]
    assert claims and all(set(c["origins"]) == {"asserts", "denies", "questions"} for c in claims)
    for status in {c["status"] for c in claims}:
        kept = client.get("/api/claims", params={"status": status, "limit": 500}).json()["items"]
        assert kept and {c["status"] for c in kept} == {status}
    idf = client.get("/api/claims", params={"actor": "idf", "limit": 500}).json()["items"]
    assert idf and all(any(a["source"] == "idf" for a in c["attributions"]) for c in idf)
    assert client.get("/api/claims", params={"actor": "nobody"}).json()["items"] == []
    assert client.get("/api/claims", params={"status": "rumoured"}).status_code == 422


def test_the_index_rereads_only_what_linking_changed(linked):
    index = StoryIndex(linked, recheck_s=0)
    before = {s.id: s for s in index.summaries()}
    untouched = {sid: index.story(sid) for sid in before}
    report = make_report(
        "Title: Talks in Moscow postponed\nOutlet: Border Post\nDate: 2024-03-09\n\n"
        "Hamas said talks in Moscow would not resume on Friday, according to Interfax."
    )
    linked.add(report)
    joined = link_report(linked, report).story_id
    after = {s.id: s for s in index.summaries()}
    # Whichever story the clustering chose, the index shows the new article in it.
    if joined in before:
        assert after[joined].articles == before[joined].articles + 1
    else:
        assert set(after) == set(before) | {joined}
    for sid, story in untouched.items():
        if sid != joined:
            assert index.story(sid) is story  # not re-read


def test_claims_are_listed_once_per_change_of_the_links(linked, monkeypatch):
    index = StoryIndex(linked, recheck_s=0)
    reads = []
    listing = linked.story_summaries
    monkeypatch.setattr(
        linked, "story_summaries", lambda *a, **k: reads.append(a) or listing(*a, **k)
    )
    before = index.claims()
    assert before and index.claims() == before
    assert index.claims(status=before[0][1].status) == [
        pair for pair in before if pair[1].status == before[0][1].status
    ]
    assert len(reads) == 1  # the two calls after the first filtered what it listed
    report = make_report(
        "Title: Market shelled in Kukawa\nOutlet: Lake Wire\nDate: 2024-03-10\n\n"
        "The army denied that the market in Kukawa was shelled on Monday."
    )
    linked.add(report)
    link_report(linked, report)
    after = index.claims()
    assert len(reads) == 2
    assert any(a.article == report.article.id for _, c in after for a in c.attributions)
