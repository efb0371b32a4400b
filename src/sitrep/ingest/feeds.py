"""RSS and Atom feed files: one article per entry, its HTML content reduced to text."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser
import lxml.html

from sitrep.errors import E, SitrepError
from sitrep.ingest.meta import make_article
from sitrep.model import Article, Failure


def read_feed(
    data: str, name: str | None, max_bytes: int | None = None
) -> Iterator[Article | Failure]:
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = str(feed.get("bozo_exception") or "it has no entries")
        raise SitrepError(E.BAD_FEED, what=name or "the feed", reason=reason)
    outlet = feed.feed.get("title")
    for index, entry in enumerate(feed.entries):
        where = f"{name}#{index + 1}"
        try:
            yield make_article(
                _entry_text(entry),
                title=entry.get("title"),
                outlet=outlet,
                url=entry.get("link"),
                published=_entry_date(entry),
                path=where,
            )
        except SitrepError as exc:
            yield exc.to_failure(where)


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    paragraphs = [" ".join(p.text_content().split()) for p in root.iter("p")]
    text = "\n".join(p for p in paragraphs if p) or " ".join(root.text_content().split())
    title = (entry.get("title") or "").strip()
    return f"{title}\n{text}" if title and not text.startswith(title) else text


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None
