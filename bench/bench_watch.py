"""`sitrep watch` over many polls: whether memory stays flat as it runs, and what a poll costs.

A local site (the watch tests' http.server on 127.0.0.1, reached through the fetcher's seams
as the tests do) serves a feed of the 20 newest invented items; before each "changed" poll 5
new items are published, so each such poll fetches the whole feed, skips the 15 items seen,
ingests and links 5 and reconciles alerts; between them an "unchanged" poll gets 304. The
analyzer is the real Analyzer over a blank English pipeline: this measures the watch, not the
NLP (whose cost is `bench_pipeline.py`'s). RSS is the process's current resident set
(VmRSS), read after the warm-up polls and at the end.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from common import emit  # noqa: E402
from tests.loopback import PUBLIC, ToLoopback  # noqa: E402
from tests.watch.site import Site, SiteServer  # noqa: E402

from sitrep.analyzer import Analyzer  # noqa: E402
from sitrep.api.fetch import Fetcher  # noqa: E402
from sitrep.nlp.doc import register_extensions  # noqa: E402
from sitrep.settings import Settings  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.watch import Watcher  # noqa: E402

FEED_ITEMS = 20
NEW_PER_POLL = 5
WARMUP_POLLS = 20
POLLS = 400
PLACES = ("Gao", "Mopti", "Kidal", "Timbuktu", "Menaka", "Segou", "Sikasso", "Kayes")


def item(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    body = (
        f"<p>Gunmen attacked a convoy of {10 + i % 40} lorries near {place} on day {i}, "
        f"officials said.</p><p>The regional governor said {i % 9 + 2} drivers were missing "
        f"and that an inquiry into attack number {i} had begun.</p>"
    )
    return (
        f"<item><guid>item-{i}</guid><title>Convoy attacked near {place} ({i})</title>"
        f"<link>https://news.example/item-{i}</link><description><![CDATA[{body}]]>"
        f"</description></item>"
    )


def feed(newest: int) -> bytes:
    items = "".join(item(i) for i in range(newest, max(newest - FEED_ITEMS, 0), -1))
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bench Wire</title>'
        f"{items}</channel></rss>"
    ).encode()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    register_extensions()
    analyzer = Analyzer(Settings(), nlp=spacy.blank("en"))
    site = Site()
    server = SiteServer(site)
    newest = 0
    changed_ms: list[float] = []
    unchanged_ms: list[float] = []
    with tempfile.TemporaryDirectory() as folder, Store(f"sqlite:///{folder}/watch.db") as store:
        fetcher = Fetcher(
            1_000_000, resolver=lambda host: [PUBLIC], transport=ToLoopback(server.port)
        )
        watch = Watcher(
            store, analyzer, ["http://news.example/feed.xml"], Settings(), fetcher=fetcher
        )
        warm = 0.0
        for poll in range(POLLS):
            changed = poll % 2 == 0
            if changed:
                newest += NEW_PER_POLL
                site.publish("/feed.xml", feed(newest))
            started = time.perf_counter()
            summary = watch.poll()
            elapsed = (time.perf_counter() - started) * 1000
            expected = (NEW_PER_POLL, 0) if changed else (0, 1)
            if (summary.added, summary.not_modified) != expected or summary.failed_sources:
                raise SystemExit(f"poll {poll} did not do what it should: {summary}")
            if poll >= WARMUP_POLLS:
                (changed_ms if changed else unchanged_ms).append(elapsed)
            if poll == WARMUP_POLLS - 1:
                warm = rss_mb()
        end = rss_mb()
        articles, alerts = store.count(), len(store.alerts(limit=100_000))
    server.close()
    measured = POLLS - WARMUP_POLLS
    emit("polls", POLLS, "polls", f"{NEW_PER_POLL} new items every other poll; 304 between")
    emit("articles stored", articles, "articles", f"{alerts} alerts recorded")
    emit("changed poll p50", statistics.median(changed_ms), "ms", "fetch, 5 ingested, reconcile")
    emit("changed poll p95", statistics.quantiles(changed_ms, n=20)[18], "ms")
    emit("unchanged poll p50", statistics.median(unchanged_ms), "ms", "304, reconcile")
    emit("RSS after warm-up", warm, "MB", f"after {WARMUP_POLLS} polls")
    emit("RSS at the end", end, "MB", f"after {POLLS} polls")
    emit(
        "RSS growth per 100 polls",
        (end - warm) / measured * 100,
        "MB",
        "flat memory: no per-poll state is kept",
    )


if __name__ == "__main__":
    main()
