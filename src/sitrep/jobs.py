"""Jobs over many articles: analyze a stream, in this process or in worker processes, and
write the results to the store from this process alone (one writer, whatever the workers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sitrep.analyzer import Analyzer
from sitrep.link import add_report
from sitrep.model import Article, ArticleReport, Failure
from sitrep.store import Store
from sitrep.workers import WorkerPool


@dataclass
class IngestSummary:
    added: int = 0
    existing: int = 0
    failed: int = 0


#: Called with the running counts after each result is stored (the CLI draws a progress line).
OnProgress = Callable[[IngestSummary], None]


def ingest(
    items: Iterable[Article | Failure],
    store: Store,
    analyzer: Analyzer | WorkerPool,
    on_progress: OnProgress | None = None,
) -> IngestSummary:
    """Analyzes articles not yet stored and stores each report in its own transaction, so an
    interrupted run keeps what it finished and a rerun completes it. Failures are recorded.
    With a :class:`WorkerPool` the analysis runs in its processes (under the time budget);
    the store still has one writer, this process, and the stored result is the same as with
    an in-process :class:`Analyzer`."""
    summary = IngestSummary()

    def fresh() -> Iterator[Article | Failure]:
        for item in items:
            if isinstance(item, Article) and store.has(item.id):
                summary.existing += 1
                continue
            yield item

    return store_results(analyzer.analyze_many(fresh()), store, summary, on_progress)


def store_results(
    results: Iterable[ArticleReport | Failure],
    store: Store,
    summary: IngestSummary | None = None,
    on_progress: OnProgress | None = None,
) -> IngestSummary:
    """Writes reports and failures to the store, one transaction each (a report is stored and
    linked into its story in the same one), counting what was added, what was already stored
    and what failed; ``on_progress`` is called after each with the running counts (one
    summary, updated in place)."""
    summary = summary or IngestSummary()
    for result in results:
        if isinstance(result, Failure):
            store.add_failure(result)
            summary.failed += 1
        elif add_report(store, result) is not None:
            summary.added += 1
        else:
            summary.existing += 1
        if on_progress is not None:
            on_progress(summary)
    return summary
