"""Story listings paged in SQL (Store.story_summaries), on SQLite and PostgreSQL: the same
pages, in the same order, as sorting every whole story in memory would give, and summaries
that linking keeps current, and that a store from before them gets."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from sitrep.errors import SitrepError
from sitrep.link import add_report, link_pending, list_stories
from sitrep.link.index import summarize
from sitrep.store import STORY_SORTS, Store, StorySummary
from sitrep.store import tables as t
from sitrep.store.words import words_of
from tests.api.reports import CORPUS, STORY_TEXTS
from tests.api.reports import make_report as make_api_report
from tests.link.builders import ELECTION, FLOOD, FLOOD_FOLLOWUP, FLOOD_REPRINT, MARKETS
from tests.link.builders import make_report as make_link_report

SUMMARY_COLUMNS = (
    "title_folded",
    "origins",
    "claims",
    "disputed",
    "denied",
    "corroborated",
    "changed_seq",
)


def reports():
    """Stories with copies, denials and undated and non-ASCII titles; the reprint comes
    before the earlier original, which then becomes its copy group's original."""
    return [
        *(make_api_report(text) for text in STORY_TEXTS + CORPUS),
        make_link_report(FLOOD_REPRINT, outlet="Reprints", published="2025-05-05"),
        make_link_report(FLOOD, outlet="Wire", published="2025-05-04"),
        make_link_report(FLOOD_FOLLOWUP, outlet="Wire", published="2025-05-05"),
        make_link_report(ELECTION, published=None),
        make_link_report("Grüße aus der STRAẞE\n" + MARKETS.split("\n", 1)[1], published=None),
    ]


@pytest.fixture()
def store(store_url):
    with Store(store_url) as store:
        for report in reports():
            assert add_report(store, report) is not None
        yield store


def in_memory(store: Store, sort: str) -> list[StorySummary]:
    """The listing as the API built it before: every story read whole, sorted in Python."""
    by_id = sorted((summarize(s) for s in list_stories(store)), key=lambda s: s.id)
    if sort == "articles":
        return sorted(by_id, key=lambda s: (-s.articles, -s.origins))
    if sort == "disputed":
        return sorted(by_id, key=lambda s: (-s.disputed, -s.denied, -s.articles))
    return sorted(by_id, key=lambda s: s.last_seen or "", reverse=True)


def test_every_sort_pages_as_the_whole_stories_sorted_in_memory(store):
    assert {s.disputed for s in in_memory(store, "newest")} != {0}  # the data has disputes
    for sort in STORY_SORTS:
        expected = in_memory(store, sort)
        assert store.story_summaries(sort, limit=None) == expected, sort
        pages = [store.story_summaries(sort, limit=3, offset=o) for o in range(0, 12, 3)]
        assert [s for page in pages for s in page] == expected, sort
        assert store.story_summaries(sort, limit=2, offset=len(expected)) == []


def test_filters_keep_what_the_whole_stories_name(store):
    stories = {s.id: s for s in list_stories(store)}
    newest = [s.id for s in in_memory(store, "newest")]

    def kept(**query):
        return [s.id for s in store.story_summaries("newest", limit=None, **query)]

    for actor in ("hamas", "idf", "interfax"):  # interfax is media: never what a story names
        assert kept(actor=actor) == [
            k for k in newest if actor in {a.id for a in stories[k].actors}
        ]
    assert kept(actor="interfax") == []
    assert kept(place="geo:2332459") == [
        k for k in newest if "geo:2332459" in {p.id for p in stories[k].places}
    ]
    assert kept(words="KUKAWA airstrike") == [
        k for k in newest if {"kukawa", "airstrike"} <= set(words_of(stories[k].title).split())
    ]
    # Case and diacritics folded as the database folds them (ẞ lower-cases to ß).
    assert kept(words="straße GRUßE") == [k for k in newest if "STRA" in stories[k].title]
    assert kept(words="stra") == []
    assert kept(words="100%_") == [] and kept(words="   ") == newest


def test_a_copy_that_reorders_its_group_keeps_the_summary(store_url):
    """The reprint links first, as its story's original; the earlier original then joins and
    makes it a copy: the story counts one origin, as read whole."""
    with Store(store_url) as store:
        add_report(
            store, make_link_report(FLOOD_REPRINT, outlet="Reprints", published="2025-05-05")
        )
        add_report(store, make_link_report(FLOOD, outlet="Wire", published="2025-05-04"))
        listed = {s.id: s for s in store.story_summaries(limit=None)}
        assert listed == {s.id: summarize(s) for s in list_stories(store)}
        assert sum(s.origins for s in listed.values()) == 1


def test_unknown_sort_is_a_catalogue_error(store_url):
    with Store(store_url) as store, pytest.raises(SitrepError) as info:
        store.story_summaries("loudest")
    assert info.value.code == "E021" and "newest" in info.value.message


def test_a_store_from_before_summaries_lists_them_after_link_pending(store_url):
    """A store of schema 3 (no summary columns) is migrated when opened, and lists its
    stories with their counts, and finds them by title, once link_pending has run, as
    `sitrep stories` and `sitrep serve` run it."""
    with Store(store_url) as store:
        for report in reports()[:5]:
            add_report(store, report)
        expected = store.story_summaries(limit=None)
        kukawa = store.story_summaries(limit=None, words="kukawa")
        assert kukawa
        with store.engine.begin() as conn:
            for column in SUMMARY_COLUMNS:
                conn.exec_driver_sql(f"ALTER TABLE stories DROP COLUMN {column}")
            conn.exec_driver_sql("ALTER TABLE story_claims DROP COLUMN status")
            conn.execute(update(t.meta).where(t.meta.c.key == "schema_version").values(value="3"))
    with Store(store_url) as store:
        # the migration folded the titles; the counts wait for link_pending
        found = store.story_summaries(limit=None, words="kukawa")
        assert [s.id for s in found] == [s.id for s in kukawa] and found != kukawa
        link_pending(store)
        assert store.story_summaries(limit=None) == expected
        assert store.story_summaries(limit=None, words="kukawa") == kukawa
