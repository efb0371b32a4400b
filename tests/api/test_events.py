"""Events through the API and the store: filters, paging in SQL with a total, and a story's
events. The reports are hand-built, with events placed on their words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.link import link_report
from sitrep.model import Event, Span
from sitrep.store import Store
from sitrep.store.filters import Filters

from .conftest import client_for
from .reports import STORY_TEXTS, make_report


def event_on(report, event_id, word, plover, **fields):
    """An event whose trigger is the first ``word`` of the report's body."""
    start = report.article.text.index(word, report.article.body_start)
    span = Span(start, start + len(word), word)
    return Event(event_id, plover, span, span, mentions=(span,), **fields)


def reports():
    """Kukawa's strike in two outlets (asserted; then reported), the army's denial (denied),
    and talks in Moscow (future, no place of the event's own)."""
    first, second, denial, _, talks = (make_report(text) for text in STORY_TEXTS)
    kukawa = "geo:2332459"
    first = replace(
        first,
        events=(
            event_on(first, "e1", "hit", "ASSAULT", mode="aerial", place=kukawa, time="t0"),
            event_on(first, "e2", "targeted", "ASSAULT", actor="idf", factuality="reported"),
        ),
    )
    second = replace(
        second, events=(event_on(second, "e1", "hit", "ASSAULT", place=kukawa, time="t0"),)
    )
    denial = replace(
        denial,
        events=(
            event_on(denial, "e1", "killed", "ASSAULT", place=kukawa, factuality="denied"),
            event_on(denial, "e2", "denied", "REJECT", actor="idf"),
        ),
    )
    talks = replace(
        talks, events=(event_on(talks, "e1", "talks", "CONSULT", actor="hamas", modality="future", factuality="future"),)
    )  # fmt: skip
    return [first, second, denial, talks]


@pytest.fixture()
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'events.db'}") as store:
        for report in reports():
            store.add(report)
            link_report(store, report)
        yield store


@pytest.fixture()
def client(store, quick_analyzer):
    return client_for(store, quick_analyzer)


def ids(page):
    return [(item["article_id"][:4], item["id"]) for item in page["items"]]


def test_events_page_in_sql_with_a_total(client):
    everything = client.get("/api/events").json()
    assert everything["ok"] is True and everything["total"] == 6
    assert len(everything["items"]) == 6 and everything["next_offset"] is None
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert (first["total"], first["next_offset"], second["next_offset"]) == (6, 2, 4)
    assert ids(first) + ids(second) == ids(everything)[:4]
    item = everything["items"][0]
    assert (item["type"], item["factuality"], item["trigger"]["text"]) == (
        "ASSAULT",
        "asserted",
        "hit",
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "REJECT"}, 1),
        ({"actor": "idf"}, 2),
        ({"country": "ng"}, 3),
        ({"place": "geo:2332459"}, 3),
        ({"factuality": "asserted"}, 3),
        ({"factuality": "denied", "country": "NG"}, 1),
        ({"since": "2024-03-05"}, 3),
        ({"since": "2024-03-04", "until": "2024-03-04"}, 3),
        ({"until": "2024-03-03"}, 0),
    ],
)
def test_event_filters(client, params, expected):
    page = client.get("/api/events", params=params).json()
    assert page["total"] == expected == len(page["items"]), page


def test_a_storys_events(client, store):
    stories = client.get("/api/stories").json()["items"]
    kukawa = next(s for s in stories if "Kukawa" in s["title"])
    page = client.get("/api/events", params={"story": kukawa["id"]}).json()
    assert page["total"] >= 3 and {i["type"] for i in page["items"]} == {"ASSAULT", "REJECT"}
    assert client.get("/api/events", params={"story": "none"}).json()["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"factuality": "rumoured"},
        {"type": "BOMB"},
        {"since": "0"},
        {"since": "2024-02-30"},
        {"sort": "loudest"},
    ],
)
def test_bad_event_filters_are_refused_with_the_envelope(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422 and response.json()["ok"] is False


def test_the_store_dates_events_by_their_time_else_the_publication(store):
    found, total = store.events(filters=Filters(since=date(2024, 3, 4), until=date(2024, 3, 4)))
    assert total == 3 and {item.event.trigger.text for item in found} == {"hit", "targeted"}
