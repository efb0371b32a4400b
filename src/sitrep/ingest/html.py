"""HTML pages: the article text and metadata as trafilatura extracts them.

For HTML, ``article.text`` is the extracted text (offsets index it), not the markup.
"""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura

from sitrep.errors import E, SitrepError
from sitrep.ingest.meta import make_article
from sitrep.model import Article

_MIN_WORDS = 8


def read_html(markup: str, name: str | None, max_bytes: int | None = None) -> Iterator[Article]:
    yield parse_html(markup, path=name)


def parse_html(markup: str, path: str | None = None, url: str | None = None) -> Article:
    document = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = (document.text or "").strip() if document is not None else ""
    # trafilatura falls back to any text it finds ("Home" from a menu); that is no article.
    if len(text.split()) < _MIN_WORDS:
        raise SitrepError(E.NO_TEXT_IN_HTML, what=path or url or "the page")
    return make_article(
        text,
        title=document.title,
        outlet=document.sitename or document.hostname,
        url=url or document.url,
        published=document.date,
        path=path,
    )
