"""Jobs over many articles: analyze a stream, in this process or in worker processes, and
write the results to the store from this process alone (one writer, whatever the workers)."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from sitrep.analyzer import Analyzer
from sitrep.link import add_report
from sitrep.model import Article, ArticleReport, Failure
from sitrep.nlp.pipeline import shared_nlp
from sitrep.settings import Settings
from sitrep.store import Store

# Workers fork from a server process that imported the pipeline code once, not from this
# process, which holds database connections and threads (the store's pool, rich's refresh
# thread) that a fork would copy. Measured with two workers on a busy 2-core machine, until
# both had loaded the model: 9-14 s this way, 27 s with "spawn" (each re-imports spaCy).
_START_METHOD = "forkserver"
_PRELOAD = ["sitrep.analyzer", "sitrep.jobs"]
# Batches queued per worker: enough to keep every worker busy while the parent writes,
# few enough that a long input stream is not read into memory ahead of the analysis.
_QUEUED_PER_WORKER = 2

#: The pipeline of a worker process, loaded once by :func:`_start_worker`.
_worker_analyzer: Analyzer | None = None


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
    analyzer: Analyzer,
    workers: int = 1,
    on_progress: OnProgress | None = None,
) -> IngestSummary:
    """Analyzes articles not yet stored and stores each report in its own transaction, so an
    interrupted run keeps what it finished and a rerun completes it. Failures are recorded.
    With ``workers`` > 1 the analysis runs in that many processes, each loading its own
    pipeline from ``analyzer.settings``; the store still has one writer, this process, and
    the stored result is the same as with one worker."""
    summary = IngestSummary()

    def fresh() -> Iterator[Article | Failure]:
        for item in items:
            if isinstance(item, Article) and store.has(item.id):
                summary.existing += 1
                continue
            yield item

    if workers > 1:
        results = analyze_parallel(fresh(), analyzer.settings, workers)
    else:
        results = analyzer.analyze_many(fresh())
    return store_results(results, store, summary, on_progress)


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


def analyze_parallel(
    items: Iterable[Article | Failure], settings: Settings, workers: int
) -> Iterator[ArticleReport | Failure]:
    """Reports (and the Failures passed in) in input order, analyzed in ``workers`` processes
    that each load the pipeline once. Batches of ``settings.batch_size`` articles travel to
    the workers; only a few are queued ahead, so the input is read as the work goes."""
    context = multiprocessing.get_context(_START_METHOD)
    context.set_forkserver_preload(_PRELOAD)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(settings,)
    ) as pool:
        queued: deque[Future[list[ArticleReport | Failure]]] = deque()
        stream = iter(items)
        while batch := list(islice(stream, settings.batch_size)):
            queued.append(pool.submit(_analyze_batch, batch))
            if len(queued) >= workers * _QUEUED_PER_WORKER:
                yield from queued.popleft().result()
        while queued:
            yield from queued.popleft().result()


def _start_worker(settings: Settings) -> None:
    global _worker_analyzer
    # Loaded here, once per worker: the first batch does not pay for it, and a model that
    # cannot load fails the pool at start rather than on every batch.
    _worker_analyzer = Analyzer(settings, nlp=shared_nlp(settings.model))


def _analyze_batch(batch: list[Article | Failure]) -> list[ArticleReport | Failure]:
    return list(_worker_analyzer.analyze_many(batch))
