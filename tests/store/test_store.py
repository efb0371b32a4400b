"""Storage behaviour, run against SQLite and PostgreSQL alike (see conftest --db)."""

import gc
import threading
from dataclasses import replace

import pytest
from sqlalchemy import inspect

from sitrep.errors import SitrepError
from sitrep.ingest.text import parse_text
from sitrep.model import Actor, ArticleReport, Event, Failure, Place, Span
from sitrep.store import Store
from sitrep.store import tables as t
from sitrep.store.tables import SCHEMA_VERSION, current_version


def make_report(body: str, outlet: str = "Wire") -> ArticleReport:
    article = parse_text(body, outlet=outlet)
    start = article.text.index("Hamas")
    mention = Span(start, start + 5, "Hamas")
    return ArticleReport(
        article=article,
        actors=(Actor("hamas", "Hamas", "armed_group", "PSE", (mention,)),),
        places=(Place("geo:281133", "Gaza", 31.5, 34.47, "PS", "city", 281133, (mention,)),),
    )


def test_add_get_round_trip_and_idempotence(store_url):
    report = make_report("Truce talks\nHamas said talks would resume.")
    with Store(store_url) as store:
        assert store.add(report) is True
        assert store.add(report) is False
        assert store.count() == 1
        assert store.get(report.article.id) == report
        assert store.has(report.article.id)


def test_reopening_keeps_data_and_schema_version(store_url):
    report = make_report("Truce talks\nHamas said talks would resume.")
    with Store(store_url) as store:
        store.add(report)
    with Store(store_url) as store:
        assert store.count() == 1
        with store.engine.connect() as conn:
            assert current_version(conn) == SCHEMA_VERSION
        assert {"articles", "article_actors", "article_places", "failures"} <= set(
            inspect(store.engine).get_table_names()
        )


def test_listing_filters_and_actor_aggregation(store_url):
    with Store(store_url) as store:
        store.add(make_report("One\nHamas fired rockets.", outlet="A"))
        store.add(make_report("Two\nHamas denied it.", outlet="B"))
        assert [row.outlet for row in store.articles(sort="added")] == ["A", "B"]
        # Both undated: the latest stored first.
        assert [row.outlet for row in store.articles()] == ["B", "A"]
        assert [row.title for row in store.articles(outlet="B")] == ["Two"]
        assert [row.title for row in store.articles(limit=1, offset=1, sort="added")] == ["Two"]
        [actor] = store.actors()
        assert (actor.id, actor.articles, actor.mentions) == ("hamas", 2, 2)
        assert store.actors(kind="media") == []


def test_missing_article_is_a_catalogue_error(store_url):
    with Store(store_url) as store, pytest.raises(SitrepError) as info:
        store.get("0000")
    assert info.value.code == "E030"


def test_failures_recorded_once(store_url):
    failure = Failure("E002", "binary", path="x.bin")
    with Store(store_url) as store:
        store.add_failure(failure)
        store.add_failure(failure)
        assert store.failures() == [failure]


def test_a_failed_transaction_leaves_no_half_written_article(store_url):
    report = make_report("Three\nHamas said nothing.")
    duplicate_actor = report.actors[0]
    broken = ArticleReport(article=report.article, actors=(duplicate_actor, duplicate_actor))
    with Store(store_url) as store:
        assert store.add(broken) is False  # the duplicate actor row violates the key
        assert store.count() == 0
        assert store.add(report) is True


def test_unreachable_store_is_a_catalogue_error():
    with pytest.raises(SitrepError) as info:
        Store("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert info.value.code == "E031"
    assert "secret" not in str(info.value)


def test_writers_naming_the_same_lock_take_turns(store_url):
    """A second writer waits for the first to commit: what the first read stays true until
    it has written (two processes numbering story members, checking for a failure)."""
    order = []

    def second_writer(store):
        with store.writing("counter"):
            order.append("second")

    with Store(store_url) as first, Store(store_url) as second:
        with first.writing("counter"):
            other = threading.Thread(target=second_writer, args=(second,))
            other.start()
            other.join(timeout=1.0)  # still waiting for the lock
            order.append("first")
        other.join(timeout=30)
    assert order == ["first", "second"]


def test_connections_opening_a_new_sqlite_file_at_once_all_succeed(tmp_path):
    # Switching a new file to WAL takes an exclusive lock that SQLite refuses at once, without
    # waiting, to connections racing for it; each round is a new file and eight openers.
    for round_ in range(30):
        url = f"sqlite:///{tmp_path / f'store{round_}.db'}"
        stores, errors = [], []

        def open_store(url=url, stores=stores, errors=errors):
            try:
                stores.append(Store(url))
            except SitrepError as exc:
                errors.append(exc)

        threads = [threading.Thread(target=open_store) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        for store in stores:
            store.close()
        assert errors == [] and len(stores) == 8


def test_concurrent_stores_migrate_one_schema(store_url):
    stores = []
    threads = [threading.Thread(target=lambda: stores.append(Store(store_url))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(stores) == 4
    with stores[0].engine.connect() as conn:
        assert current_version(conn) == SCHEMA_VERSION
    for store in stores:
        store.close()


def test_sqlite_writes_leave_the_log_to_the_background_checkpointer(tmp_path):
    path = tmp_path / "log.db"
    running = set(checkpointers())
    with Store(f"sqlite:///{path}", checkpoint_every=0.05) as store:
        with store.engine.connect() as conn:
            # no write copies the log into the database itself
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one() == 0
        before = path.stat().st_size
        for n in range(20):
            store.add(make_report(f"Truce talks {n}\nHamas said talks would resume on day {n}."))
        # Writes go to the log; only a checkpoint grows the database file.
        grown = threading.Event()
        for _ in range(100):
            if path.stat().st_size > before:
                grown.set()
                break
            grown.wait(0.05)
        assert grown.is_set() and store.count() == 20
    assert set(checkpointers()) == running


def test_a_store_dropped_without_closing_stops_its_checkpointer(tmp_path):
    running = set(checkpointers())
    store = Store(f"sqlite:///{tmp_path / 'dropped.db'}", checkpoint_every=0.02)
    assert len(set(checkpointers()) - running) == 1
    del store
    gc.collect()  # the engine lives in reference cycles of its own
    gone = threading.Event()
    for _ in range(100):
        if set(checkpointers()) <= running:
            gone.set()
            break
        gone.wait(0.02)
    assert gone.is_set()


def checkpointers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sitrep-checkpoint"]


def test_migration_6_fills_the_events_of_reports_stored_before_it(store_url):
    report = make_report("Rockets\nHamas fired rockets at Gaza.")
    fired = Span(
        report.article.text.index("fired"), report.article.text.index("fired") + 5, "fired"
    )
    report = replace(report, events=(Event("e1", "ASSAULT", fired, fired, actor="hamas"),))
    with Store(store_url) as store:
        store.add(report)
        with store.engine.begin() as conn:
            # The store as schema 5 left it: no events.
            conn.execute(t.article_events.delete())
            conn.execute(t.meta.update().values(value="5"))
    with Store(store_url) as store:
        found, total = store.events(actor="hamas")
        assert total == 1 and found[0].event == report.events[0]
        assert found[0].article_id == report.article.id


def test_listings_read_covering_indexes_also_after_migrating_an_older_store(store_url):
    report = make_report("Truce talks\nHamas said talks would resume.")
    with Store(store_url) as store:
        store.add(report)
        with store.engine.begin() as conn:
            # the store as migration 8 left it: one-column indexes
            for index in ("ix_article_actors_listing", "ix_article_places_listing"):
                conn.exec_driver_sql(f"DROP INDEX {index}")
            conn.exec_driver_sql(
                "CREATE INDEX ix_article_actors_actor ON article_actors (actor_id)"
            )
            conn.exec_driver_sql(
                "CREATE INDEX ix_article_places_place ON article_places (place_id)"
            )
            conn.execute(t.meta.update().where(t.meta.c.key == "schema_version").values(value="8"))
    with Store(store_url) as store:
        names = {
            table: {index["name"] for index in inspect(store.engine).get_indexes(table)}
            for table in ("article_actors", "article_places")
        }
        assert "ix_article_actors_listing" in names["article_actors"]
        assert "ix_article_places_listing" in names["article_places"]
        assert not {"ix_article_actors_actor", "ix_article_places_place"} & (
            names["article_actors"] | names["article_places"]
        )
        [actor], [place] = store.actors(), store.places()
        assert (actor.id, actor.articles, place.id, place.articles) == ("hamas", 1, "geo:281133", 1)
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as conn:
                plan = conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT actor_id, min(name), min(kind), min(country), "
                    "count(article_id), sum(mentions) FROM article_actors GROUP BY actor_id"
                ).all()
            assert "COVERING INDEX ix_article_actors_listing" in " ".join(r[-1] for r in plan)
