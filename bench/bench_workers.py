"""`sitrep ingest --workers`: one vs two worker processes on the same texts, worker start-up,
peak memory per worker, what sending one article at a time to a worker costs against a spaCy
batch in this process; and, for reference, spaCy's own ``n_process`` on the bare model."""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_articles, emit  # noqa: E402

from sitrep.analyzer import Analyzer  # noqa: E402
from sitrep.model import ArticleReport  # noqa: E402
from sitrep.nlp.pipeline import shared_nlp  # noqa: E402
from sitrep.settings import Settings  # noqa: E402
from sitrep.workers import WorkerPool  # noqa: E402

ARTICLES = 400
SETTINGS = Settings(batch_size=16)
BURN = 20_000_000


def burn(steps: int) -> int:
    """Pure-Python work with no memory traffic: what the machine's cores give, and no more."""
    total = 0
    for i in range(steps):
        total += i * i
    return total


def spare_cores() -> float:
    """The speedup two busy processes get over one on this machine right now: about 2 on two
    free cores, less when other work shares them. It bounds the worker speedup below."""
    # Forked before any thread starts: no start-up to time.
    with multiprocessing.get_context("fork").Pool(2) as pool:
        start = time.perf_counter()
        pool.map(burn, [BURN])
        one = time.perf_counter() - start
        start = time.perf_counter()
        pool.map(burn, [BURN, BURN])
        two = time.perf_counter() - start
    return 2 * one / two


class PeakRss(threading.Thread):
    """Peak RSS (VmHWM) of every process below this one, sampled until stopped. The workers
    fork from multiprocessing's fork server, not from this process, so RUSAGE_CHILDREN does
    not see them."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            for pid in _descendants(os.getpid()):
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), _vm_hwm_mb(pid))


def _descendants(root: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The command name may hold spaces; the parent pid follows its closing paren.
                parents[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
            except (OSError, IndexError, ValueError):
                continue  # the process exited while being read
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, ppid in parents.items() if ppid in frontier]
        found += children
        frontier = children
    return found


def _vm_hwm_mb(pid: int) -> float:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith("VmHWM:")), 0.0)


def timed_parallel(workers: int, articles: list) -> tuple[float, float, list]:
    """(seconds in all, seconds until the first report came back, reports) for a pool run,
    worker start-up included."""
    start = time.perf_counter()
    first = None
    reports = []
    with WorkerPool(SETTINGS, workers) as pool:
        for report in pool.analyze_many(articles):
            first = first or time.perf_counter()
            reports.append(report)
    return time.perf_counter() - start, first - start, reports


def warm_pool_rate(articles: list) -> float:
    """Articles per second through one warm worker process: one article per round trip, under
    the budget, against the spaCy batches of an in-process Analyzer."""
    with WorkerPool(SETTINGS, 1) as pool:
        list(pool.analyze_many(articles[:5]))
        start = time.perf_counter()
        list(pool.analyze_many(articles))
        return len(articles) / (time.perf_counter() - start)


def main() -> None:
    articles = demo_articles(ARTICLES)

    # One worker is this process: what `--workers 1` runs. Warm, so the model load is not timed.
    analyzer = Analyzer(SETTINGS, nlp=shared_nlp())
    list(analyzer.analyze_many(articles[:20]))
    start = time.perf_counter()
    serial = list(analyzer.analyze_many(articles))
    one = time.perf_counter() - start
    assert all(isinstance(r, ArticleReport) for r in serial)
    emit("articles", ARTICLES, "articles", "demo corpus repeated; batches of 16")
    emit("machine: 2 busy processes vs 1", spare_cores(), "x", "2.0 = two free cores")
    emit("1 worker (in process)", ARTICLES / one, "articles/s", "SITREP_TIME_BUDGET=0; warm")
    pooled = warm_pool_rate(articles)
    emit("1 worker process", pooled, "articles/s", "what --workers 1 runs under a budget; warm")
    emit("one article per call vs batches", pooled / (ARTICLES / one), "x", "1 worker process")

    sampler = PeakRss()
    sampler.start()
    total, first, reports = timed_parallel(2, articles)
    sampler.done.set()
    sampler.join()
    assert reports == serial, "two workers must give what one gives"
    steady = (ARTICLES - 1) / (total - first)
    emit("2 workers, start to end", ARTICLES / total, "articles/s", "worker start-up included")
    emit("2 workers, after the first report", steady, "articles/s", "start-up excluded")
    emit(
        "speedup 2 vs 1 workers", steady / (ARTICLES / one), "x", "start-up excluded; target >= 1.7"
    )
    emit("speedup 2 vs 1, start-up included", one / total, "x", f"{ARTICLES} articles")
    emit("worker start-up + first article", first, "s", "fork from the server, model load")
    peaks = sorted(sampler.peaks.values(), reverse=True)
    emit(
        "peak RSS per worker",
        peaks[0],
        "MB",
        f"largest of the pool's processes ({', '.join(f'{p:.0f}' for p in peaks)}); target <= 1024",
    )
    emit("peak RSS, parent", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB", "")

    # spaCy's own n_process on the bare model, for reference: its scaling where sitrep adds
    # nothing. (The full pipeline crosses n_process too, its extensions being plain data, see
    # tests/nlp/test_serialization.py; it is not a worker pool: no budget, no skipped article.)
    nlp = shared_nlp()
    texts = [a.body for a in articles]
    bare = [name for name in nlp.pipe_names if not name.startswith("sitrep_")]
    with nlp.select_pipes(enable=bare):
        start = time.perf_counter()
        list(nlp.pipe(texts, batch_size=SETTINGS.batch_size))
        bare_one = time.perf_counter() - start
        start = time.perf_counter()
        list(nlp.pipe(texts, batch_size=SETTINGS.batch_size, n_process=2))
        bare_two = time.perf_counter() - start
    emit("bare nlp.pipe n_process=1", ARTICLES / bare_one, "articles/s", "spaCy model only")
    emit("bare nlp.pipe n_process=2", ARTICLES / bare_two, "articles/s", "start-up included")
    emit("speedup bare n_process 2 vs 1", bare_one / bare_two, "x", "spaCy's own multiprocessing")


if __name__ == "__main__":
    main()
