"""Store.day_counts: what timelines are drawn from, counted per day in SQL, on SQLite and
PostgreSQL alike. The reports are hand-built, with events on their words."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect

from sitrep.link import link_report
from sitrep.store import Store
from sitrep.store import tables as t
from sitrep.store.filters import Filters
from sitrep.store.tables import EVENT_LOOKUPS
from tests.api.test_events import reports

KUKAWA = "geo:2332459"


@pytest.fixture()
def store(store_url):
    with Store(store_url) as store:
        for report in reports():
            store.add(report)
            link_report(store, report)
        yield store


def counted(found):
    return sorted(found.articles), sorted(found.events)


def test_a_storys_articles_by_publication_day_and_its_events_by_day_and_type(store):
    (kukawa,) = store.story_summaries(filters=Filters(q="kukawa"))
    assert counted(store.day_counts("story", kukawa.id)) == (
        [("2024-03-04", 2), ("2024-03-05", 1)],
        [("2024-03-04", "ASSAULT", 3), ("2024-03-05", "ASSAULT", 1), ("2024-03-05", "REJECT", 1)],
    )


def test_an_actors_events_are_those_it_does_or_undergoes(store):
    # Three articles name the army; it does one event in each of two of them.
    assert counted(store.day_counts("actor", "idf")) == (
        [("2024-03-04", 2), ("2024-03-05", 1)],
        [("2024-03-04", "ASSAULT", 1), ("2024-03-05", "REJECT", 1)],
    )


def test_a_places_events_are_those_that_happen_there_within_the_days_asked(store):
    assert counted(store.day_counts("place", KUKAWA)) == (
        [("2024-03-04", 2), ("2024-03-05", 1)],
        [("2024-03-04", "ASSAULT", 2), ("2024-03-05", "ASSAULT", 1)],
    )
    assert counted(store.day_counts("place", KUKAWA, since=date(2024, 3, 5))) == (
        [("2024-03-05", 1)],
        [("2024-03-05", "ASSAULT", 1)],
    )
    assert counted(store.day_counts("place", KUKAWA, until=date(2024, 3, 3))) == ([], [])


def test_unknown_ids_count_nothing_and_unknown_subjects_are_refused(store):
    assert counted(store.day_counts("actor", "nobody")) == ([], [])
    with pytest.raises(ValueError, match="story, actor or place"):
        store.day_counts("outlet", "x")


def test_a_store_from_before_the_event_lookups_gets_them(store_url):
    with Store(store_url) as store, store.engine.begin() as conn:
        for index in EVENT_LOOKUPS:
            index.drop(conn)
        conn.execute(t.meta.update().where(t.meta.c.key == "schema_version").values(value="6"))
    with Store(store_url) as store:
        names = {i["name"] for i in inspect(store.engine).get_indexes("article_events")}
        assert {index.name for index in EVENT_LOOKUPS} <= names
        with store.engine.connect() as conn:
            assert t.current_version(conn) == t.SCHEMA_VERSION
