"""Linking cost at scale: time to add one article (store.add + link_report) to a store that
already holds 100,000 linked articles, and memory, which must not grow with the store.

The store is built fast, not by linking 100,000 articles one by one. Synthetic articles
(invented words: a Zipf-distributed general vocabulary plus a vocabulary of their story, and
the story's actors and places) are bulk-inserted with the link state linking would have left:
story membership and document frequencies for all of them; the candidate index (active
stories' centroid terms, copy units and their LSH bands) for the last ``LinkSettings`` windows,
built with the linker's own feature functions. Articles older than the windows are stored with
their title only: linking never reads them. Then new articles (continuing recent stories,
starting new ones, and reprints) are added and linked one at a time, and timed.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit, peak_rss_mb  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from sitrep.ingest.text import parse_text  # noqa: E402
from sitrep.link import LinkSettings, link_report  # noqa: E402
from sitrep.link.copies import copy_units  # noqa: E402
from sitrep.link.stories import add_to_centroid, index_terms, term_counts, weigh  # noqa: E402
from sitrep.link.text import stem  # noqa: E402
from sitrep.model import Actor, Article, ArticleReport, Place, Span, article_id  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.store import tables as t  # noqa: E402

STORED = 100_000
TIMED = 300
PER_DAY = 300
STORY_SIZE = 5
GENERAL_WORDS = 90
STORY_WORDS = 40
SETTINGS = LinkSettings()
_SYLLABLES = [
    "ka",
    "lo",
    "mer",
    "ta",
    "vin",
    "dro",
    "sel",
    "pa",
    "nor",
    "quie",
    "bra",
    "ust",
    "fel",
    "gon",
    "ri",
    "zam",
]


class Corpus:
    """Deterministic synthetic news: each story has its own words, actors and places."""

    def __init__(self, seed: int = 7) -> None:
        self.random = random.Random(seed)
        self.numbers = np.random.default_rng(seed)
        self.general = [self._word(3) for _ in range(6000)]
        zipf = 1 / np.arange(1, len(self.general) + 1)
        self.p = zipf / zipf.sum()
        self.stories: dict[int, list[str]] = {}

    def _word(self, parts: int) -> str:
        return "".join(self.random.choice(_SYLLABLES) for _ in range(parts))

    def story_words(self, story: int) -> list[str]:
        if story not in self.stories:
            self.stories[story] = [self._word(4) for _ in range(STORY_WORDS)]
        return self.stories[story]

    def words(self, story: int) -> list[str]:
        """The words of one article of ``story``, in order."""
        general = self.numbers.choice(len(self.general), GENERAL_WORDS, p=self.p)
        own = self.story_words(story)
        chosen = [self.general[i] for i in general] + self.random.sample(own, 30)
        self.random.shuffle(chosen)
        return chosen

    def report(self, story: int, day: int) -> ArticleReport:
        chosen = self.words(story)
        title = " ".join(self.random.sample(self.story_words(story), 6)).capitalize()
        paragraphs = [
            " ".join(chosen[i : i + 24]).capitalize() + "." for i in range(0, len(chosen), 24)
        ]
        text = title + "\n" + "\n".join(paragraphs)
        mention = (Span(0, 1, text[0]),)
        article = parse_text(
            text, outlet=f"Outlet {self.random.randrange(400)}", published=_date(day)
        )
        return ArticleReport(
            article=article,
            actors=tuple(
                Actor(f"actor_{story}_{i}", f"Actor {i}", "armed_group", None, mention)
                for i in range(2)
            ),
            places=(Place(f"geo:{story}", "Place", 0.0, 0.0, None, "city", story, mention),),
        )


def _date(day: int) -> str:
    return f"{2020 + day // 336}-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"


def build(store: Store, corpus: Corpus) -> None:
    """Bulk-inserts STORED linked articles with their link state."""
    window_from = STORED - max(SETTINGS.story_window, SETTINGS.copy_window) + 1
    df: Counter[str] = Counter()
    article_rows, member_rows = [], []
    recent: list[tuple[int, ArticleReport, Counter[str]]] = []
    stories: dict[int, dict] = {}
    for seq in range(1, STORED + 1):
        story, day = (seq - 1) // STORY_SIZE, (seq - 1) // PER_DAY
        if seq >= window_from:
            report = corpus.report(story, day)
            counts = term_counts(report)
            recent.append((seq, report, counts))
            article = report.article
        else:
            # older than every window: linking never reads it again, so only its terms count
            counts = Counter(stem(w) for w in corpus.words(story))
            counts.update((f"a:actor_{story}_0", f"a:actor_{story}_1", f"p:geo:{story}"))
            title = f"Synthetic story {story} article {seq}"
            article = Article(
                article_id(title), title, title, f"Outlet {seq % 400}", None, _date(day)
            )
        df.update(counts.keys())
        story_id = stories.setdefault(
            story,
            {
                "id": "s-" + article.id,
                "title": article.title,
                "title_key": f"{article.published}|{seq:012d}",
                "first_seen": article.published,
                "first_seq": seq,
                "articles": 0,
                "centroid": {},
            },
        )["id"]
        stories[story].update(
            last_seen=article.published, last_seq=seq, articles=stories[story]["articles"] + 1
        )
        article_rows.append(
            {
                "id": article.id,
                "title": article.title,
                "outlet": article.outlet,
                "url": None,
                "published": article.published,
                "path": None,
                "text": article.text,
                "report": json.dumps(ArticleReport(article=article).to_dict()),
                "added_at": "2024-12-31T00:00:00+00:00",
            }
        )
        member_rows.append(
            {
                "article_id": article.id,
                "story_id": story_id,
                "seq": seq,
                "published": article.published,
                "wire": None,
            }
        )
    active_from = STORED - SETTINGS.story_window + 1
    units: list[tuple] = []
    bands: set[tuple[int, str]] = set()
    for seq, report, counts in recent:
        if seq >= active_from:
            row = stories[(seq - 1) // STORY_SIZE]
            row["centroid"] = add_to_centroid(row["centroid"], weigh(counts, df, STORED))
        if seq > STORED - SETTINGS.copy_window:
            for u in copy_units(report.article):
                units.append((report.article.id, u.index, seq, u.shingles, u.to_bytes()))
                bands.update((key, report.article.id) for key in u.band_keys())
    with store.engine.begin() as conn:
        conn.execute(insert(t.articles), article_rows)
        conn.execute(insert(t.story_articles), member_rows)
        conn.execute(
            insert(t.stories),
            [
                {
                    **row,
                    "active": row["last_seq"] >= active_from,
                    "centroid": json.dumps(row["centroid"]),
                }
                for row in stories.values()
            ],
        )
        conn.execute(
            insert(t.story_terms),
            [
                {"term": term, "story_id": row["id"]}
                for row in stories.values()
                if row["last_seq"] >= active_from
                for term in index_terms(row["centroid"])
            ],
        )
        conn.execute(insert(t.link_terms), [{"term": term, "df": n} for term, n in df.items()])
        conn.execute(
            insert(t.copy_units),
            [
                dict(zip(("article_id", "unit", "seq", "shingles", "signature"), u, strict=True))
                for u in units
            ],
        )
        conn.execute(insert(t.copy_bands), [{"band": b, "article_id": a} for b, a in sorted(bands)])


def main() -> None:
    corpus = Corpus()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        db = Path(tmp) / "stories.db"
        store = Store(f"sqlite:///{db}")
        start = time.perf_counter()
        build(store, corpus)
        built = time.perf_counter() - start
        rss_built = _rss_mb()
        last_story = (STORED - 1) // STORY_SIZE
        link_ms, link_cpu_ms, add_ms = [], [], []
        previous: ArticleReport | None = None
        for i in range(TIMED):
            day = (STORED + i) // PER_DAY
            if i % 10 == 9 and previous is not None:
                # a reprint of the article before, under a new headline
                report = ArticleReport(
                    article=parse_text(
                        "Reprinted: " + previous.article.text,
                        outlet="Reprints Daily",
                        published=previous.article.published,
                    )
                )
            elif i % 3 == 0:
                report = corpus.report(last_story + 1 + i, day)
            else:
                recent = SETTINGS.story_window // STORY_SIZE // 2
                report = corpus.report(last_story - corpus.random.randrange(recent), day)
            previous = report
            t0 = time.perf_counter()
            store.add(report)
            t1, cpu = time.perf_counter(), time.process_time()
            link_report(store, report, SETTINGS)
            t2 = time.perf_counter()
            link_cpu_ms.append((time.process_time() - cpu) * 1000)
            add_ms.append((t2 - t0) * 1000)
            link_ms.append((t2 - t1) * 1000)
        rss_timed = _rss_mb()
        with store.engine.connect() as conn:
            active = conn.execute(
                select(func.count()).where(t.stories.c.active.is_(True))
            ).scalar_one()
            index_rows = conn.execute(select(func.count()).select_from(t.story_terms)).scalar_one()
            band_rows = conn.execute(select(func.count()).select_from(t.copy_bands)).scalar_one()
            stored = conn.execute(select(func.count()).select_from(t.story_articles)).scalar_one()
        store.close()
        size = db.stat().st_size / 1e6

    def p95(values: list[float]) -> float:
        return sorted(values)[round(0.95 * len(values)) - 1]

    emit(
        "stored articles",
        STORED,
        "articles",
        f"built in {built:.0f} s; {stored} linked at the end; SQLite {size:.0f} MB",
    )
    emit("add + link, median", statistics.median(add_ms), "ms", f"{TIMED} articles; target <= 20")
    emit("add + link, p95", p95(add_ms), "ms", "target <= 20")
    emit("link only, median", statistics.median(link_ms), "ms", "link_report after store.add")
    emit("link only, p95", p95(link_ms), "ms", "")
    emit(
        "active stories",
        active,
        "stories",
        f"candidate set: stories joined in the last {SETTINGS.story_window} articles",
    )
    emit(
        "candidate index",
        index_rows,
        "rows",
        f"story_terms; {band_rows} copy bands (last {SETTINGS.copy_window} articles)",
    )
    emit("link only, CPU median", statistics.median(link_cpu_ms), "ms", "this process's CPU time")
    emit(
        "RSS",
        rss_timed,
        "MB",
        f"{rss_built:.0f} MB after the build (which holds the corpus), {rss_timed:.0f} MB after "
        f"the {TIMED} adds; peak {peak_rss_mb():.0f} MB",
    )


def _rss_mb() -> float:
    """Resident memory now (not the peak), from /proc."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


if __name__ == "__main__":
    main()
