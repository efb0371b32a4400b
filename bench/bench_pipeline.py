"""Full sitrep pipeline vs bare nlp.pipe of the same spaCy model, on the same texts."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_articles, emit, peak_rss_mb  # noqa: E402

from sitrep.analyzer import Analyzer  # noqa: E402
from sitrep.nlp.pipeline import shared_nlp  # noqa: E402
from sitrep.settings import Settings  # noqa: E402

ARTICLES = 300
BATCH = 32


def main() -> None:
    articles = demo_articles(ARTICLES)
    # The pipeline the analyzer itself loads (one per process).
    nlp = shared_nlp()
    texts = [a.body for a in articles]
    bare_names = [name for name in nlp.pipe_names if not name.startswith("sitrep_")]
    sitrep_names = [name for name in nlp.pipe_names if name.startswith("sitrep_")]
    # Warm both paths once so model loading and first-call costs are not timed.
    list(nlp.pipe(texts[:20], batch_size=BATCH))
    analyzer = Analyzer(Settings(batch_size=BATCH), nlp=nlp)
    list(analyzer.analyze_many(articles[:20]))

    start = time.perf_counter()
    with nlp.select_pipes(enable=bare_names):
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH))
    bare = time.perf_counter() - start

    start = time.perf_counter()
    reports = list(analyzer.analyze_many(articles))
    full = time.perf_counter() - start
    assert len(reports) == ARTICLES

    emit("articles", ARTICLES, "articles", "demo corpus repeated")
    emit(
        "bare nlp.pipe",
        ARTICLES / bare,
        "articles/s",
        f"{tokens / bare:.0f} tokens/s; {', '.join(bare_names)}",
    )
    emit(
        "full pipeline",
        ARTICLES / full,
        "articles/s",
        f"{tokens / full:.0f} tokens/s; + {', '.join(sitrep_names)}",
    )
    emit("ratio full / bare", bare / full, "", "target >= 0.80")
    emit("peak RSS", peak_rss_mb(), "MB", "one process, both runs")


if __name__ == "__main__":
    main()
