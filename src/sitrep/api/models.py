"""The JSON shapes the API answers with, as pydantic models so /openapi.json describes them."""

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


class ArticleItem(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    path: str | None
    url: str | None


class ActorItem(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None
    articles: int
    mentions: int


class PlaceItem(BaseModel):
    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str
    articles: int
    mentions: int


class ReportEnvelope(BaseModel):
    """One article's whole report, as ``sitrep show --json`` prints it
    (../shared/schema/article.schema.json)."""

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


class StoryItem(BaseModel):
    """A story in a listing: ``origins`` counts independent articles (copies count once);
    ``disputed`` / ``denied`` / ``corroborated`` count its claims by status."""

    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    articles: int
    origins: int
    claims: int
    disputed: int
    denied: int
    corroborated: int


class StoryEnvelope(BaseModel):
    """One story with its articles (and what each copies), claims, actors and places, as
    in ``sitrep stories --json`` (../shared/schema/stories.schema.json)."""

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
