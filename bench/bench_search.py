"""Word search and pickers on the 10,000-article store of bench_web (SQLite, synthetic):
median and p95 of repeated calls in process, per search section (a rare word, a common one,
two words), per picker field, and the articles list newest first. What a request adds on top
(routing, JSON, HTML) bench_web and bench_api_load measure under concurrent load.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import cached_store  # noqa: E402
from common import emit  # noqa: E402

from sitrep.store import SEARCH_SECTIONS, Store  # noqa: E402

CALLS = 50
PAGE = 51  # a page of 50, and one more to know whether there is a next page


def timed(call: Callable[[], object]) -> tuple[float, float]:
    """(median, p95) in ms of ``CALLS`` calls after one warm-up call."""
    call()
    ms = []
    for _ in range(CALLS):
        began = time.perf_counter()
        call()
        ms.append((time.perf_counter() - began) * 1000)
    ms.sort()
    return statistics.median(ms), ms[int(0.95 * CALLS) - 1]


def main() -> None:
    path, _ = cached_store()
    with Store(f"sqlite:///{path}") as store:
        rare = store.articles(limit=1)[0].title.split()[-1]
        town = store.places(limit=1)[0].name
        for section in SEARCH_SECTIONS:
            for label, q in (
                ("rare word", rare),
                ("common word", town),
                ("two words", "market attacked"),
            ):
                total = store.search(section, q)[1]
                p50, p95 = timed(lambda s=section, q=q: store.search(s, q, limit=PAGE))
                note = f"q={q!r}, {total} matches"
                emit(f"search {section}, {label}: p50", p50, "ms", note)
                emit(f"search {section}, {label}: p95", p95, "ms", note)
        for field, prefix in (
            ("actor", "a"),
            ("place", town[:2]),
            ("country", "n"),
            ("outlet", "l"),
        ):
            p50, p95 = timed(lambda f=field, p=prefix: store.suggest(f, p))
            emit(f"suggest {field}: p50", p50, "ms", f"q={prefix!r}")
            emit(f"suggest {field}: p95", p95, "ms", f"q={prefix!r}")
        for sort in ("newest", "added"):
            p50, p95 = timed(lambda s=sort: store.articles(limit=PAGE, sort=s))
            emit(f"articles sort={sort}: p50", p50, "ms")
            emit(f"articles sort={sort}: p95", p95, "ms")


if __name__ == "__main__":
    main()
