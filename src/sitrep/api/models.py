"""The JSON shapes the API answers with, as pydantic models so /openapi.json describes them.
Listings page the library's own row records (``ArticleRow``, ``StorySummary``...), which
pydantic describes as they are."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel


class ErrorEnvelope(BaseModel):
    """Every error, whatever its cause: the catalogue code, a message that says what to do,
    and the HTTP status repeated for clients that only see the body."""

    ok: Literal[False] = False
    error: str
    status: int
    code: str


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a listing. ``next_offset`` is the offset of the next page, or None on the
    last one."""

    ok: Literal[True] = True
    items: list[T]
    limit: int
    offset: int
    next_offset: int | None


class EventPage(Page[dict[str, Any]]):
    """One page of events (each as the article schema has it, with ``article_id`` and
    ``claim_status``), and ``total``: how many events match the filters in all."""

    total: int


class SearchPage(Page[dict[str, Any]]):
    """One page of a search section: each item is the section's row (an article, story,
    claim, actor or place) with ``snippet``: the passage or name that matched, its
    ``matches`` as ``[start, end)`` offsets into the snippet's ``text``. ``total``: how many
    match in all."""

    section: str
    total: int


class Suggestions(BaseModel):
    """Names for a picker, most reported first: ``id`` is what the filter takes (None for
    an outlet, filtered by name; an ISO code for a country)."""

    ok: Literal[True] = True
    items: list[dict[str, Any]]


class ReportEnvelope(BaseModel):
    """One article's whole report, as ``sitrep show --json`` prints it
    (sitrep/schema/article.schema.json)."""

    ok: Literal[True] = True
    report: dict[str, Any]


class Outcome(BaseModel):
    """What became of one article of an upload."""

    id: str | None
    title: str | None
    result: Literal["added", "existing", "failed"]
    code: str | None = None
    message: str | None = None


class Ingested(BaseModel):
    ok: Literal[True] = True
    added: int
    existing: int
    failed: int
    articles: list[Outcome]


class StoryEnvelope(BaseModel):
    """One story with its articles (and what each copies), claims, actors and places, as
    in ``sitrep stories --json`` (sitrep/schema/stories.schema.json)."""

    ok: Literal[True] = True
    story: dict[str, Any]


class ClaimItem(BaseModel):
    """A claim as reported across a story: independent origins per stance, and every
    attribution (article, source, relays, stance)."""

    story_id: str
    story_title: str
    id: str
    text: str
    status: str
    origins: dict[str, int]
    attributions: list[dict[str, Any]]
