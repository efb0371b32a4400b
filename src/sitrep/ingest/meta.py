"""Article metadata shared by every reader: publication dates and the record constructor."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser

from sitrep.errors import E, SitrepError
from sitrep.model import Article, article_id

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def normalize_published(value: str | None, strict: bool = False) -> str | None:
    """An ISO 8601 date (or datetime, when a time is given) from the many forms feeds and
    headers use; None when absent or unparseable, or SitrepError(E020) when ``strict``."""
    if value is None or not str(value).strip():
        return None
    raw = str(value).strip()
    if _ISO_DATE.match(raw):
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            return _invalid(raw, strict)
    try:
        parsed = dateutil_parser.parse(raw, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return _invalid(raw, strict)
    if parsed.year == 1:
        return _invalid(raw, strict)
    has_time = bool(re.search(r"\d{1,2}:\d{2}", raw))
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def _invalid(raw: str, strict: bool) -> None:
    if strict:
        raise SitrepError(E.BAD_DATE, what=raw)
    return None


def make_article(
    text: str,
    *,
    body_start: int = 0,
    body_end: int | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    path: str | None = None,
) -> Article:
    """An Article whose id derives from its body, so the same article read twice is one."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # A lone surrogate (a broken "\ud800" escape in JSON) is no text that can be stored.
        raise SitrepError(E.BAD_ENCODING, what=path or "the article", offset=exc.start) from None
    end = len(text) if body_end is None else body_end
    body = text[body_start:end]
    if not body.strip():
        raise SitrepError(E.EMPTY_INPUT, what=path or "the article")
    return Article(
        id=article_id(body),
        text=text,
        title=_clean(title),
        outlet=_clean(outlet),
        url=_clean(url),
        published=normalize_published(published),
        path=path,
        body_start=body_start,
        body_end=end,
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
