"""Linking cost at scale: time to add one article (store.add + link_report) to a store that
already holds 100,000 linked articles, and memory, which must not grow with the store.

The store is built fast, not by linking 100,000 articles one by one: synthetic articles
(invented words, a Zipf-like general vocabulary plus a vocabulary of their story) are
bulk-inserted with the link state they would have (story membership, inactive old stories,
document frequencies), and the state the candidate index holds, the stories and copy units of
the last ``LinkSettings`` windows, is built with the linker's own feature functions. Then new
articles (continuing recent stories, starting new ones, and wire reprints) are added and
linked one at a time, and timed.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit, peak_rss_mb  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from sitrep.ingest.text import parse_text  # noqa: E402
from sitrep.link import LinkSettings, link_report  # noqa: E402
from sitrep.link.copies import copy_units  # noqa: E402
from sitrep.link.stories import add_to_centroid, normalized, term_counts, weigh  # noqa: E402
from sitrep.model import Actor, ArticleReport, Place, Span  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.store import tables as t  # noqa: E402

STORED = 100_000
TIMED = 300
PER_DAY = 300
STORY_SIZE = 5
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
        self.general = [self._word(3) for _ in range(6000)]
        self.weights = [1 / (rank + 1) for rank in range(len(self.general))]
        self.stories: dict[int, list[str]] = {}

    def _word(self, parts: int) -> str:
        return "".join(self.random.choice(_SYLLABLES) for _ in range(parts))

    def story_words(self, story: int) -> list[str]:
        if story not in self.stories:
            self.stories[story] = [self._word(4) for _ in range(40)]
        return self.stories[story]

    def report(self, story: int, day: int) -> ArticleReport:
        own = self.story_words(story)
        pick = self.random.choices
        paragraphs = []
        for _ in range(5):
            words = pick(self.general, self.weights, k=18) + self.random.sample(own, 8)
            self.random.shuffle(words)
            paragraphs.append(" ".join(words).capitalize() + ".")
        title = " ".join(self.random.sample(own, 6)).capitalize()
        text = title + "\n" + "\n".join(paragraphs)
        published = f"2024-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"
        mention = (Span(0, 1, text[0]),)
        actors = tuple(
            Actor(f"actor_{story}_{i}", f"Actor {i}", "armed_group", None, mention)
            for i in range(2)
        )
        places = (Place(f"geo:{story}", "Place", 0.0, 0.0, None, "city", story, mention),)
        article = parse_text(
            text, outlet=f"Outlet {self.random.randrange(400)}", published=published
        )
        return ArticleReport(article=article, actors=actors, places=places)


def build(store: Store, corpus: Corpus) -> dict[int, str]:
    """Bulk-inserts STORED linked articles; returns the story id of each synthetic story."""
    reports = [corpus.report(i // STORY_SIZE, i // PER_DAY) for i in range(STORED)]
    counts = [term_counts(r) for r in reports]
    df = Counter(term for c in counts for term in c)
    story_ids: dict[int, str] = {}
    stories: dict[str, dict] = {}
    active_from = STORED - SETTINGS.story_window
    for seq, (report, terms) in enumerate(zip(reports, counts, strict=True), start=1):
        key = (seq - 1) // STORY_SIZE
        story_id = story_ids.setdefault(key, "s-" + report.article.id)
        row = stories.setdefault(
            story_id,
            {
                "id": story_id,
                "title": report.article.title,
                "title_key": f"{report.article.published}|{seq:012d}",
                "first_seen": report.article.published,
                "first_seq": seq,
                "articles": 0,
                "centroid": {},
            },
        )
        row.update(last_seen=report.article.published, last_seq=seq, articles=row["articles"] + 1)
        if seq > active_from:
            row["centroid"] = add_to_centroid(row["centroid"], weigh(terms, df, STORED))
    with store.engine.begin() as conn:
        for start in range(0, STORED, 5000):
            chunk = list(enumerate(reports[start : start + 5000], start=start + 1))
            conn.execute(
                insert(t.articles),
                [
                    {
                        "id": r.article.id,
                        "title": r.article.title,
                        "outlet": r.article.outlet,
                        "url": None,
                        "published": r.article.published,
                        "path": None,
                        "text": r.article.text,
                        "report": json.dumps(r.to_dict()),
                        "added_at": "2024-12-31T00:00:00+00:00",
                    }
                    for _, r in chunk
                ],
            )
            conn.execute(
                insert(t.story_articles),
                [
                    {
                        "article_id": r.article.id,
                        "story_id": story_ids[(seq - 1) // STORY_SIZE],
                        "seq": seq,
                        "published": r.article.published,
                        "wire": None,
                    }
                    for seq, r in chunk
                ],
            )
        conn.execute(
            insert(t.stories),
            [
                {
                    **row,
                    "active": row["last_seq"] > active_from,
                    "centroid": json.dumps(row["centroid"], sort_keys=True),
                }
                for row in stories.values()
            ],
        )
        conn.execute(
            insert(t.story_terms),
            [
                {"term": term, "story_id": row["id"], "weight": w}
                for row in stories.values()
                if row["last_seq"] > active_from
                for term, w in normalized(row["centroid"]).items()
            ],
        )
        conn.execute(insert(t.link_terms), [{"term": term, "df": n} for term, n in df.items()])
        units, bands = [], []
        for seq in range(STORED - SETTINGS.copy_window + 1, STORED + 1):
            article_id = reports[seq - 1].article.id
            for u in copy_units(reports[seq - 1].article):
                units.append(
                    {
                        "article_id": article_id,
                        "unit": u.index,
                        "seq": seq,
                        "shingles": u.shingles,
                        "signature": u.to_bytes(),
                    }
                )
                bands += [
                    {"band": key, "article_id": article_id, "seq": seq} for key in u.band_keys()
                ]
        conn.execute(insert(t.copy_units), units)
        conn.execute(insert(t.copy_bands), bands)
    return story_ids


def main() -> None:
    corpus = Corpus()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        db = Path(tmp) / "stories.db"
        store = Store(f"sqlite:///{db}")
        start = time.perf_counter()
        build(store, corpus)
        built = time.perf_counter() - start
        rss_before = peak_rss_mb()
        last_story = (STORED - 1) // STORY_SIZE
        link_times, add_times = [], []
        reprints = []
        for i in range(TIMED):
            day = (STORED + i) // PER_DAY
            if i % 10 == 9 and reprints:
                # a reprint of an earlier timed article under a new headline
                source = reprints[-1]
                report = ArticleReport(
                    article=parse_text(
                        "Reprinted: " + source.article.text,
                        outlet="Reprints Daily",
                        published=source.article.published,
                    )
                )
            elif i % 3 == 0:
                report = corpus.report(last_story + 1 + i, day)
            else:
                report = corpus.report(
                    last_story - corpus.random.randrange(SETTINGS.story_window // STORY_SIZE // 2),
                    day,
                )
            reprints.append(report)
            t0 = time.perf_counter()
            store.add(report)
            t1 = time.perf_counter()
            link_report(store, report, SETTINGS)
            t2 = time.perf_counter()
            add_times.append((t2 - t0) * 1000)
            link_times.append((t2 - t1) * 1000)
        with store.engine.connect() as conn:
            active = conn.execute(
                select(func.count()).where(t.stories.c.active.is_(True))
            ).scalar_one()
            index_rows = conn.execute(select(func.count()).select_from(t.story_terms)).scalar_one()
            band_rows = conn.execute(select(func.count()).select_from(t.copy_bands)).scalar_one()
        store.close()
        size = db.stat().st_size / 1e6

    def p95(values: list[float]) -> float:
        return sorted(values)[int(0.95 * len(values)) - 1]

    emit(
        "stored articles", STORED, "articles", f"built in {built:.0f} s; SQLite file {size:.0f} MB"
    )
    emit(
        "add + link, median", statistics.median(add_times), "ms", f"{TIMED} articles; target <= 20"
    )
    emit("add + link, p95", p95(add_times), "ms", "target <= 20")
    emit("link only, median", statistics.median(link_times), "ms", "link_report after store.add")
    emit("link only, p95", p95(link_times), "ms", "")
    emit(
        "active stories",
        active,
        "stories",
        f"candidate set; story window {SETTINGS.story_window} articles",
    )
    emit(
        "candidate index rows",
        index_rows,
        "rows",
        f"story_terms; copy bands {band_rows} (window {SETTINGS.copy_window})",
    )
    emit(
        "peak RSS",
        peak_rss_mb(),
        "MB",
        f"{rss_before:.0f} MB after the build, before the timed adds",
    )


if __name__ == "__main__":
    main()
