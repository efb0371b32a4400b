"""HTML pages: the article text and metadata as trafilatura extracts them.

For HTML, ``article.text`` is the extracted text (offsets index it), not the markup.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import trafilatura

from sitrep.errors import E, SitrepError
from sitrep.ingest.meta import make_article
from sitrep.model import Article


def read_html(markup: str, name: str | None, max_bytes: int | None = None) -> Iterator[Article]:
    yield parse_html(markup, path=name)


def parse_html(markup: str, path: str | None = None, url: str | None = None) -> Article:
    extracted = trafilatura.extract(
        markup,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    data = json.loads(extracted) if extracted else {}
    text = (data.get("text") or "").strip()
    if not text:
        raise SitrepError(E.NO_TEXT_IN_HTML, what=path or url or "the page")
    return make_article(
        text,
        title=data.get("title"),
        outlet=data.get("sitename") or data.get("hostname"),
        url=url or data.get("source"),
        published=data.get("date"),
        path=path,
    )
