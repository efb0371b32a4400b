"""Polling feeds and pages: conditional GETs through the URL-fetch guard, retries with
backoff, what is new ingested (stored and linked), then alerts reconciled and delivered.

Restart-safe by order: a source's validators (ETag, Last-Modified) and its list of items are
saved only after every new item of the document is stored, each in its own transaction. A
watch stopped mid-poll has saved nothing for that source, so the next poll fetches the whole
document again; what was stored already is skipped by id, the rest is analyzed, and alerts
come from reconciling the store (sitrep.watch.alerts), whose keys keep each one single.
Nothing is kept in memory from one poll to the next.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx

from sitrep.analyzer import Analyzer
from sitrep.api.fetch import Fetched, Fetcher
from sitrep.errors import E, SitrepError
from sitrep.ingest import FORMAT_BY_MEDIA, read_data
from sitrep.jobs import ingest
from sitrep.model import Article, Failure
from sitrep.settings import Settings
from sitrep.store import SourceState, Store
from sitrep.watch.alerts import reconcile
from sitrep.watch.webhook import deliver
from sitrep.workers import WorkerPool

_log = logging.getLogger("sitrep.watch")
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds from ``30s``, ``15m``, ``2h``, ``1d`` or a plain number of seconds;
    SitrepError(E021) for anything else or for zero."""
    match = _INTERVAL.match(text)
    seconds = float(match.group(1)) * _UNIT_S[match.group(2)] if match else 0.0
    if seconds <= 0:
        raise SitrepError(
            E.BAD_OPTION,
            option="--every",
            reason=f"'{text}' is not an interval: give a number with s, m, h or d (e.g. 15m)",
        )
    return seconds


@dataclass(frozen=True, slots=True)
class Backoff:
    """Retries of a failed fetch: ``tries`` in one poll, waiting ``first`` seconds, then
    ``factor`` times longer each time. A source that still fails is next polled after the
    same growing wait, one step longer for each poll it failed in a row, at most ``cap``."""

    tries: int = 3
    first: float = 5.0
    factor: float = 2.0
    cap: float = 6 * 3600.0

    def delay(self, step: int) -> float:
        return min(self.cap, self.first * self.factor**step)


@dataclass
class PollSummary:
    """What one poll did: sources fetched, unchanged (304), waiting out a backoff, failed;
    articles added, already stored, failed; alerts recorded and delivered to the webhook."""

    sources: int = 0
    not_modified: int = 0
    waiting: int = 0
    failed_sources: int = 0
    added: int = 0
    existing: int = 0
    failed: int = 0
    alerts: int = 0
    delivered: int = 0
    errors: list[str] = field(default_factory=list)


class Watcher:
    """Polls ``sources`` (feed or page URLs) into ``store``, analyzing with ``analyzer``.
    ``fetcher``, ``webhook``, ``sleep`` and ``clock`` are seams: tests pass a fetcher whose
    resolver and transport reach a local server, a client for a local webhook, and clocks
    they control."""

    def __init__(
        self,
        store: Store,
        analyzer: Analyzer | WorkerPool,
        sources: list[str],
        settings: Settings,
        *,
        fetcher: Fetcher | None = None,
        webhook: httpx.Client | None = None,
        backoff: Backoff = Backoff(),
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        for url in sources:
            if urlsplit(url).scheme.lower() not in ("http", "https"):
                raise SitrepError(
                    E.BAD_OPTION,
                    option="FEED_OR_URL",
                    reason=f"'{url}' is not an http(s) URL of a feed or page",
                )
        self.store = store
        self.analyzer = analyzer
        self.sources = list(dict.fromkeys(sources))
        self.settings = settings
        self.fetcher = fetcher or Fetcher(settings.max_bytes, deadline=settings.fetch_deadline)
        self.webhook_url = settings.webhook_url
        self.webhook = webhook
        if self.webhook_url and webhook is None:
            # The webhook is the operator's own setting, so it may be on their network.
            self.webhook = httpx.Client(timeout=10.0, trust_env=False)
        self.backoff = backoff
        self._sleep = sleep
        self._clock = clock

    def poll(self) -> PollSummary:
        """Polls every source once, then records and delivers the alerts."""
        summary = PollSummary()
        notify = bool(self.webhook_url)
        # Catches up on what a stopped watch stored but did not reconcile (and on the first
        # poll of a store, records where things stand).
        summary.alerts += reconcile(self.store, notify)
        for url in self.sources:
            self._poll_source(url, summary)
        summary.alerts += reconcile(self.store, notify)
        if self.webhook is not None and self.webhook_url:
            summary.delivered = deliver(self.store, self.webhook, self.webhook_url)
        return summary

    def run(
        self,
        every: float,
        on_poll: Callable[[PollSummary], None] | None = None,
        polls: int | None = None,
    ) -> None:
        """Polls every ``every`` seconds (from the start of one poll to the next), ``polls``
        times or until interrupted."""
        done = 0
        while polls is None or done < polls:
            started = time.monotonic()
            summary = self.poll()
            done += 1
            if on_poll is not None:
                on_poll(summary)
            if polls is None or done < polls:
                self._sleep(max(0.0, every - (time.monotonic() - started)))

    def _poll_source(self, url: str, summary: PollSummary) -> None:
        with self.store.watching() as watching:
            state = watching.source(url)
        now = self._clock()
        if state.next_at and datetime.fromisoformat(state.next_at) > now:
            summary.waiting += 1
            return
        summary.sources += 1
        try:
            fetched = self._fetch(state)
            if fetched.not_modified:
                summary.not_modified += 1
                items = None
            else:
                items = self._ingest(state, fetched, summary)
        except SitrepError as exc:
            self._failed(state, exc, summary)
            return
        with self.store.watching() as watching:
            watching.record_poll(url, fetched.etag, fetched.last_modified, items)

    def _fetch(self, state: SourceState) -> Fetched:
        """The source, conditionally on what its last complete poll saw; a failed fetch
        (an error status, a timeout, a broken connection) is tried again after a wait."""
        attempt = 0
        while True:
            try:
                return self.fetcher.fetch(
                    state.url, etag=state.etag, last_modified=state.last_modified
                )
            except SitrepError as exc:
                attempt += 1
                if exc.error is not E.FETCH_FAILED or attempt >= self.backoff.tries:
                    raise
                _log.info("retrying %s: %s", state.url, exc.message)
                self._sleep(self.backoff.delay(attempt - 1))

    def _ingest(self, state: SourceState, fetched: Fetched, summary: PollSummary) -> list[str]:
        """Stores the document's articles not seen before; returns the ids of all it lists."""
        fmt = FORMAT_BY_MEDIA.get(fetched.media_type)
        items = list(read_data(fetched.data, fetched.url, self.settings.max_bytes, fmt))
        listed: list[str] = []
        fresh: list[Article | Failure] = []
        for item in items:
            if isinstance(item, Article):
                if item.url is None:
                    item = item.with_meta(url=fetched.url)
                listed.append(item.id)
                if item.id in state.items:
                    continue
            fresh.append(item)
        result = ingest(fresh, self.store, self.analyzer)
        summary.added += result.added
        summary.existing += result.existing
        summary.failed += result.failed
        return listed

    def _failed(self, state: SourceState, exc: SitrepError, summary: PollSummary) -> None:
        summary.failed_sources += 1
        summary.errors.append(f"{state.url}: {exc.code} {exc.message}")
        wait = self.backoff.delay(self.backoff.tries + state.failures)
        next_at = (self._clock() + timedelta(seconds=wait)).isoformat()
        with self.store.watching() as watching:
            watching.record_failure(state.url, f"{exc.code} {exc.message}", next_at)
