"""Analysis in worker processes, each article under its own time budget.

An article that overruns ``Settings.time_budget`` is stopped by killing the process that
analyzes it (SIGKILL): a process shares nothing with the rest of the work, so nothing can be
left half-changed, whereas a thread stopped midway could leave the shared spaCy pipeline's
caches or locks in any state. The article is recorded as E012, a fresh worker takes the
killed one's place, and the batch goes on.

A worker gets one article at a time, so an article's budget runs from the moment it is sent
until its report comes back, once, and an overrun charges that article alone.
"""

from __future__ import annotations

import math
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from types import TracebackType

from spacy.language import Language

from sitrep.analyzer import Analyzer
from sitrep.errors import E, SitrepError
from sitrep.model import Article, ArticleReport, Failure
from sitrep.nlp.pipeline import shared_nlp
from sitrep.settings import Settings

#: What loads a worker's pipeline from the model name; it travels to the worker by reference,
#: so it must be a module-level function (tests pass one that builds a deliberately slow one).
LoadNlp = Callable[[str], Language]

# Workers fork from a server process that imported the pipeline code once, not from this
# process, which holds database connections and threads (the store's pool, a progress
# display) that a fork would copy. Measured with two workers on a busy 2-core machine, until
# both had loaded the model: 9-14 s this way, 27 s with "spawn" (each re-imports spaCy).
_START_METHOD = "forkserver"
_PRELOAD = ["sitrep.workers"]
# Items read from the input and not yet handed back, per worker: results that wait for an
# earlier, slower article are kept until it is done, so this bounds that memory and how far
# the input is read ahead, while other workers keep busy behind one slow article.
_AHEAD_PER_WORKER = 8
_READY = "ready"


class WorkerPool:
    """``workers`` processes that each load the pipeline once (on first use) and analyze one
    article at a time, each under ``settings.time_budget`` seconds (0: no budget). Use it as
    a context manager, or call :meth:`close`, so the workers end with it."""

    def __init__(
        self, settings: Settings | None = None, workers: int = 1, load_nlp: LoadNlp = shared_nlp
    ) -> None:
        if workers < 1:
            raise SitrepError(E.BAD_OPTION, option="workers", reason=f"{workers} is not 1 or more")
        self.settings = settings or Settings.from_env()
        self.size = workers
        self._load_nlp = load_nlp
        self._context = multiprocessing.get_context(_START_METHOD)
        self._workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Ends the workers; a later call to :meth:`analyze_many` starts new ones."""
        for worker in self._workers:
            worker.stop()
        self._workers = []

    def analyze_many(self, items: Iterable[Article | Failure]) -> Iterator[ArticleReport | Failure]:
        """Reports in input order, as :meth:`Analyzer.analyze_many` gives them: an article
        that cannot be analyzed becomes a Failure (E012 when it overruns the budget), and
        Failures passed in pass through."""
        if not self._workers:
            self._workers = [self._start() for _ in range(self.size)]
        stream = enumerate(items)
        done: dict[int, ArticleReport | Failure] = {}
        taken = given = 0
        exhausted = False
        try:
            while True:
                for worker in self._workers:
                    while worker.idle and not exhausted and taken - given < self._ahead:
                        index, item = next(stream, (taken, None))
                        if item is None:
                            exhausted = True
                            break
                        taken += 1
                        if isinstance(item, Failure):
                            done[index] = item
                        else:
                            worker.send(index, item, self.settings.time_budget)
                while given in done:
                    yield done.pop(given)
                    given += 1
                if exhausted and given == taken:
                    return
                self._collect(done)
        finally:
            # A caller that stops reading early leaves articles in the workers: replace those
            # workers, or their reports would come back in answer to the next call's articles.
            for slot, worker in enumerate(self._workers):
                if worker.job is not None:
                    self._replace(slot)

    @property
    def _ahead(self) -> int:
        return self.size * _AHEAD_PER_WORKER

    def _start(self) -> _Worker:
        return _Worker(self._context, self.settings, self._load_nlp)

    def _replace(self, slot: int) -> None:
        self._workers[slot].stop()
        self._workers[slot] = self._start()

    def _collect(self, done: dict[int, ArticleReport | Failure]) -> None:
        """Waits for the next message from any worker or the next deadline, whichever comes
        first; puts what finished into ``done`` and replaces workers that overran or died."""
        timeout = min(worker.deadline for worker in self._workers) - time.monotonic()
        ready = wait(
            [worker.conn for worker in self._workers],
            None if timeout == math.inf else max(timeout, 0.0),
        )
        for slot, worker in enumerate(self._workers):
            if worker.conn in ready:
                self._receive(slot, done)
        now = time.monotonic()
        for slot, worker in enumerate(self._workers):
            if worker.job is not None and worker.deadline <= now:
                index, article = worker.job
                done[index] = SitrepError(
                    E.TIME_BUDGET,
                    what=article.path or article.id,
                    limit=self.settings.time_budget,
                    article_id=article.id,
                ).to_failure(article.path)
                self._replace(slot)

    def _receive(self, slot: int, done: dict[int, ArticleReport | Failure]) -> None:
        worker = self._workers[slot]
        try:
            message = worker.conn.recv()
        except EOFError:
            # The process died on its own (a crash, the kernel's out-of-memory killer).
            worker.process.join()
            reason = f"the worker process exited with code {worker.process.exitcode}"
            if not worker.ready:
                # It could not load the pipeline (its error is on stderr), and a replacement
                # would fail the same way.
                raise SitrepError(
                    E.INTERNAL, what="the pipeline", component="worker", reason=reason
                ) from None
            if worker.job is None:
                self._replace(slot)
                return
            index, article = worker.job
            done[index] = SitrepError(
                E.INTERNAL,
                what=article.path or article.id,
                component="worker",
                reason=reason,
                article_id=article.id,
            ).to_failure(article.path)
            self._replace(slot)
            return
        if message == _READY:
            worker.ready = True
            return
        index, _ = worker.job
        done[index] = message
        worker.job = None
        worker.deadline = math.inf


class _Worker:
    """One worker process, the pipe to it, and the article it is analyzing."""

    def __init__(self, context: BaseContext, settings: Settings, load_nlp: LoadNlp) -> None:
        context.set_forkserver_preload(_PRELOAD)
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, settings, load_nlp), name="sitrep-worker", daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False
        self.job: tuple[int, Article] | None = None
        self.deadline = math.inf

    @property
    def idle(self) -> bool:
        return self.ready and self.job is None

    def send(self, index: int, article: Article, budget: float) -> None:
        self.job = (index, article)
        # The clock starts before the article travels: sending it is part of its analysis.
        self.deadline = time.monotonic() + budget if budget > 0 else math.inf
        self.conn.send(article)

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def make_analyzer(settings: Settings, workers: int = 1) -> Analyzer | WorkerPool:
    """What the CLI and the server analyze with: worker processes whenever a time budget is
    set (the only safe stop is killing a process) or more than one worker is asked for, else
    this process. Both are context managers and give the same reports."""
    if workers == 1 and settings.time_budget <= 0:
        return Analyzer(settings)
    return WorkerPool(settings, workers)


def _serve(conn: Connection, settings: Settings, load_nlp: LoadNlp) -> None:
    """A worker's life: load the pipeline, say so, then analyze each article sent until the
    pool closes the pipe (or the pool's process ends)."""
    analyzer = Analyzer(settings, nlp=load_nlp(settings.model))
    conn.send(_READY)
    while True:
        try:
            article = conn.recv()
        except EOFError:
            return
        [result] = analyzer.analyze_many([article])
        conn.send(result)
