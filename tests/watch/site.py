"""A local news site for the watch tests: a threaded http.server on 127.0.0.1 serving feeds
that the test changes between polls (with ETag and Last-Modified, answering 304 to a
conditional GET), and faults on demand (a 500, a response slower than the fetch deadline).
Also an analyzer that builds hand-made reports (tests/api/reports.py), so the tests know what
every article claims; and the invented articles the feeds carry."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from sitrep.model import Article, ArticleReport, Failure

from ..api.reports import make_report

#: Seconds a "stall" fault waits before answering: longer than the tests' fetch deadline.
STALL_S = 1.5

#: Invented feed items: key -> (title, publication date, paragraphs). The cast is the one
#: tests/api/reports.py knows (the army, Hamas, Kukawa, Moscow...).
ITEMS = {
    "water": (
        "Water station attacked near Kukawa",
        "Mon, 04 Mar 2024 08:00:00 GMT",
        [
            "Fighters attacked a water station near Kukawa on Monday.",
            "Residents said the attack cut off water to thousands of homes around Kukawa.",
        ],
    ),
    "denial": (
        "Army denies water cut in Kukawa",
        "Tue, 05 Mar 2024 08:00:00 GMT",
        [
            "The army denied that the attack cut off water to thousands of homes around Kukawa.",
            "Engineers were repairing the water station on Tuesday.",
        ],
    ),
    "talks": (
        "Talks in Moscow to resume",
        "Wed, 06 Mar 2024 08:00:00 GMT",
        ["Hamas said talks in Moscow would resume on Friday."],
    ),
    "convoy": (
        "Aid convoy reaches Gaza",
        "Thu, 07 Mar 2024 08:00:00 GMT",
        ["An aid convoy reached Gaza on Thursday.", "WHO said the convoy carried medicine."],
    ),
}


def rss(*keys: str, title: str = "Sahel Test Wire") -> bytes:
    """An RSS 2.0 feed of the ``ITEMS`` named, newest first as feeds list them."""
    entries = []
    for key in keys:
        headline, published, paragraphs = ITEMS[key]
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        entries.append(
            f"<item><guid>{key}</guid><title>{escape(headline)}</title>"
            f"<link>https://news.example/{key}</link><pubDate>{published}</pubDate>"
            f"<description>{escape(body)}</description></item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title>{''.join(entries)}</channel></rss>"
    ).encode()


@dataclass
class Document:
    body: bytes
    media_type: str = "application/rss+xml"
    etag: str = ""
    last_modified: str = ""

    def __post_init__(self) -> None:
        self.etag = self.etag or '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'
        self.last_modified = self.last_modified or formatdate(usegmt=True)


@dataclass
class Seen:
    """One request as the server saw it."""

    path: str
    if_none_match: str | None
    if_modified_since: str | None
    answered: int = 0


@dataclass
class Site:
    """What the server serves (path -> Document), the faults it answers with next (path ->
    "500" or "stall", used once each, in order), and every request it saw."""

    documents: dict[str, Document] = field(default_factory=dict)
    faults: dict[str, list[str]] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, path: str, body: bytes, media_type: str = "application/rss+xml") -> None:
        with self.lock:
            self.documents[path] = Document(body, media_type)

    def fail(self, path: str, *faults: str) -> None:
        with self.lock:
            self.faults.setdefault(path, []).extend(faults)

    def seen(self, path: str) -> list[Seen]:
        with self.lock:
            return [r for r in self.requests if r.path == path]


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        seen = Seen(
            self.path, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        )
        with self.site.lock:
            self.site.requests.append(seen)
            queue = self.site.faults.get(self.path) or []
            fault = queue.pop(0) if queue else None
            document = self.site.documents.get(self.path)
        if fault == "stall":
            time.sleep(STALL_S)
        if fault == "500":
            seen.answered = 500
            self.send_error(500)
            return
        if document is None:
            seen.answered = 404
            self.send_error(404)
            return
        if seen.if_none_match == document.etag:
            seen.answered = 304
            self.send_response(304)
            self.send_header("ETag", document.etag)
            self.end_headers()
            return
        seen.answered = 200
        self.send_response(200)
        self.send_header("Content-Type", f"{document.media_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(document.body)))
        self.send_header("ETag", document.etag)
        self.send_header("Last-Modified", document.last_modified)
        self.end_headers()
        self.wfile.write(document.body)

    def log_message(self, *args: object) -> None:
        # Quiet: pytest shows the requests through Site.requests when a test fails.
        return

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            # A stalled answer whose client gave up at its deadline.
            return


class SiteServer:
    """The site on an ephemeral port of 127.0.0.1, served by threads until ``close``."""

    def __init__(self, site: Site) -> None:
        handler = type("Handler", (_Handler,), {"site": site})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class Crash(Exception):
    """What the crashing analyzer raises: the process dying mid-poll."""


class CastAnalyzer:
    """Analyzes an article into the hand-made report of its text (tests/api/reports.py),
    keeping the article as read. ``crash_after``: raise Crash once that many reports were
    handed out, as a watch killed mid-poll would stop. Counts what it analyzed."""

    def __init__(self, crash_after: int | None = None) -> None:
        self.crash_after = crash_after
        self.analyzed: list[str] = []

    def analyze_many(self, items: Iterable[Article | Failure]) -> Iterator[ArticleReport | Failure]:
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            if self.crash_after is not None and len(self.analyzed) >= self.crash_after:
                raise Crash(item.id)
            self.analyzed.append(item.id)
            yield replace(make_report(item.text), article=item)
