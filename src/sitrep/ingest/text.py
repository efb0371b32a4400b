"""Plain-text articles: an optional ``Key: value`` header block, an optional trailing
``Source: NAME`` line, else the first line is the title. Offsets keep indexing the verbatim
text; header and trailer lines are metadata and lie outside the analyzed body."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitrep.ingest.meta import make_article
from sitrep.model import Article

HEADER_KEYS = {
    "url": "url",
    "link": "url",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "date": "published",
    "published": "published",
    "title": "title",
    "headline": "title",
}
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_TRAILER = re.compile(r"(?:^|\n)[ \t]*Source:[ \t]*(?P<value>\S[^\n]*?)[ \t]*\s*$")


def read_text(text: str, name: str | None, max_bytes: int | None = None) -> Iterator[Article]:
    yield parse_text(text, path=name)


def parse_text(text: str, path: str | None = None, **meta: str | None) -> Article:
    """One article from text; ``meta`` (title, outlet, url, published) overrides the header."""
    fields, body_start = _header(text)
    body_end = len(text)
    trailer = _TRAILER.search(text, body_start)
    if trailer:
        fields.setdefault("outlet", trailer.group("value"))
        body_end = trailer.start()
    body_end = len(text[:body_end].rstrip())
    while body_start < body_end and text[body_start].isspace():
        body_start += 1
    if "title" not in fields:
        first = text[body_start:body_end].split("\n", 1)[0].strip()
        fields["title"] = first or None
    fields.update({k: v for k, v in meta.items() if v is not None})
    return make_article(text, body_start=body_start, body_end=body_end, path=path, **fields)


def _header(text: str) -> tuple[dict[str, str], int]:
    """The header block's fields and where the body starts; ({}, 0) when there is none."""
    fields: dict[str, str] = {}
    pos = 0
    while True:
        newline = text.find("\n", pos)
        line = text[pos:] if newline < 0 else text[pos:newline]
        if not line.strip():
            # A blank line ends the header; without one it was the article's own first lines.
            return (fields, pos) if fields and newline >= 0 else ({}, 0)
        match = _HEADER_LINE.match(line.rstrip("\r"))
        if not match or match.group("key").lower() not in HEADER_KEYS or newline < 0:
            return {}, 0
        fields[HEADER_KEYS[match.group("key").lower()]] = match.group("value")
        pos = newline + 1
