"""The filters in the store: one page of events, the map's markers and the counts the pages
show, each query timed on its own (median of 5) over a synthetic SQLite store of 10,000
articles with 5 events each (types, actors, places, factualities and claims drawn at random;
a third of the places a region or country). The store is built once through Store.add and
cached in .cache/bench. The dashboard's latency under load is bench_web's."""

from __future__ import annotations

import hashlib
import random
import shutil
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from common import emit

from sitrep.ingest.text import parse_text
from sitrep.model import FACTUALITIES, PLOVER_TYPES, Actor, ArticleReport, Event, Place, Span
from sitrep.store import Store
from sitrep.store.filters import Filters
from sitrep.store.tables import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 10_000
EVENTS_EACH = 5
PLACES = 500
ACTORS = (("hamas", "Hamas"), ("idf", "Israel Defense Forces"), ("un", "United Nations"))


def _report(rng: random.Random, serial: int) -> ArticleReport:
    day = f"2024-{1 + serial % 12:02d}-{1 + serial % 28:02d}"
    text = (
        f"Title: Report {serial}\nOutlet: Outlet {serial % 20}\nDate: {day}\n\n"
        f"Fighting was reported near town {serial % PLACES}; the army said it struck depot {serial}."
    )
    article = parse_text(text)
    body = article.body_start
    span = Span(body, body + 8, text[body : body + 8])
    actors = tuple(Actor(key, name, "armed_group", None, (span,)) for key, name in ACTORS)
    places = tuple(
        Place(
            f"geo:bench{n}",
            f"Town {n}",
            rng.uniform(-30, 50),
            rng.uniform(-20, 60),
            "NG",
            rng.choice(("city", "city", "admin1", "country")),
            None,
            (span,),
        )
        for n in {serial % PLACES, (serial * 7) % PLACES}
    )
    events = tuple(
        Event(
            f"e{j}",
            rng.choice(PLOVER_TYPES),
            span,
            span,
            actor=rng.choice((*(key for key, _ in ACTORS), None)),
            place=rng.choice((*(p.id for p in places), None)),
            factuality=rng.choice(FACTUALITIES),
        )
        for j in range(EVENTS_EACH)
    )
    return ArticleReport(article, actors, places, (), events, ())


def cached_store() -> Path:
    key = hashlib.sha256(
        f"{SCHEMA_VERSION}:{ARTICLES}:{EVENTS_EACH}".encode() + Path(__file__).read_bytes()
    ).hexdigest()[:12]
    folder = ROOT / ".cache" / "bench-filters"
    path = folder / f"filters-{key}.db"
    if not path.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        partial = folder / "building.db"
        rng = random.Random(3)
        with Store(f"sqlite:///{partial}") as store:
            for serial in range(ARTICLES):
                store.add(_report(rng, serial))
        partial.rename(path)
    return path


def median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    store = Store(f"sqlite:///{cached_store()}")
    march = Filters(since=date(2024, 3, 1), until=date(2024, 3, 31))
    cases = {
        "events page, stored order": lambda: store.events(51, 0),
        "events page, newest first": lambda: store.events(51, 0, None, "-date"),
        "events page 400, newest first": lambda: store.events(51, 20_000, None, "-date"),
        "events by type": lambda: store.events(51, 0, Filters(type="ASSAULT"), "-date"),
        "events by actor name": lambda: store.events(51, 0, Filters(actor="Hamas"), "-date"),
        "events by place name": lambda: store.events(51, 0, Filters(place="Town 7"), "-date"),
        "events by country code": lambda: store.events(51, 0, Filters(country="NG"), "-date"),
        "events by claim status": lambda: store.events(51, 0, Filters(status="asserted")),
        "events sorted by place": lambda: store.events(51, 0, None, "place"),
        "events in a month": lambda: store.events(51, 0, march, "-date"),
        "events left out of exports (counts)": lambda: store.event_counts(None),
        "map markers, every event": lambda: store.event_points(None),
        "map markers, one type": lambda: store.event_points(Filters(type="ASSAULT")),
        "articles by actor name, with total": lambda: (
            store.articles(51, 0, Filters(actor="Hamas")),
            store.count(Filters(actor="Hamas")),
        ),
    }
    emit("events in store", ARTICLES * EVENTS_EACH, "events", f"{ARTICLES} synthetic articles")
    for name, work in cases.items():
        emit(name, median_ms(work), "ms", "median of 5, SQLite")
    store.close()


if __name__ == "__main__":
    main()
