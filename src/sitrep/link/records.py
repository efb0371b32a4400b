"""The records of linked articles: stories, their articles and their cross-source claims, and
their JSON form (schema/stories.schema.json)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitrep.link.events import StoryEvent
from sitrep.model import Via

SCHEMA_STORIES = "sitrep.stories/1"


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """A member article. ``copy_of``: the earliest article it is a near-copy of; ``reuses``:
    articles it reprints part of; ``wire``: the agency whose copy it carries."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    path: str | None
    url: str | None
    copy_of: str | None
    wire: str | None
    reuses: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "path": self.path,
            "url": self.url,
            "copy_of": self.copy_of,
            "wire": self.wire,
            "reuses": list(self.reuses),
        }


@dataclass(frozen=True, slots=True)
class StoryAttribution:
    """One report of a story claim: which article, who (through which relays), with what
    stance, and the independent origin it counts for. ``via`` is the chain as the article
    gives it, its outlet last; ``relays`` are those who passed the report on to the outlet;
    ``attribution`` is the id of the article's attribution ("a3"; "" in reports stored before
    attributions had ids), which names the quote on the article's page."""

    article: str
    claim: str
    source: str | None
    source_text: str
    stance: str
    via: tuple[Via, ...]
    hedged: bool
    origin: str
    name: str | None = None
    confidence: float | None = None
    relays: tuple[str, ...] = ()
    attribution: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "claim": self.claim,
            "attribution": self.attribution,
            "source": self.source,
            "source_text": self.source_text,
            "name": self.name,
            "stance": self.stance,
            "via": [v.to_dict() for v in self.via],
            "hedged": self.hedged,
            "origin": self.origin,
            "confidence": self.confidence,
            "relays": list(self.relays),
        }


@dataclass(frozen=True, slots=True)
class StoryClaim:
    """One proposition as reported across the story's articles. ``origins``: independent
    origins per stance (asserts, denies, questions); ``sides``: those origins, each with its
    names, relays, articles and confidence; ``reasons``: the status in words; ``confidence``:
    how sure the status is; ``alignment``: how sure it is that the reports state one
    proposition; ``verification``: its checkers' statements; ``propagation``: how it spread
    (first appearance, outlets in order and through whom, time to the first denial)."""

    id: str
    text: str
    status: str
    origins: dict[str, int]
    attributions: tuple[StoryAttribution, ...]
    confidence: float = 0.0
    reasons: str = ""
    sides: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    alignment: float = 1.0
    verification: tuple[dict[str, Any], ...] = ()
    propagation: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "status": self.status,
            "confidence": self.confidence,
            "reasons": self.reasons,
            "origins": dict(self.origins),
            "sides": self.sides,
            "alignment": self.alignment,
            "verification": list(self.verification),
            "propagation": self.propagation,
            "attributions": [a.to_dict() for a in self.attributions],
        }


@dataclass(frozen=True, slots=True)
class StoryEntity:
    """An actor or place of a story, with the number of member articles naming it."""

    id: str
    name: str
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "articles": self.articles}


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    articles: tuple[StoryArticle, ...]
    claims: tuple[StoryClaim, ...]
    actors: tuple[StoryEntity, ...] = ()
    places: tuple[StoryEntity, ...] = ()
    events: tuple[StoryEvent, ...] = ()

    @property
    def origins(self) -> int:
        """Independent articles: each copy group counts once."""
        return sum(1 for a in self.articles if a.copy_of is None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "articles": [a.to_dict() for a in self.articles],
            "claims": [c.to_dict() for c in self.claims],
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "events": [e.to_dict() for e in self.events],
        }


def stories_to_dict(stories: list[Story]) -> dict[str, Any]:
    """What ``sitrep stories --json`` prints."""
    return {"schema": SCHEMA_STORIES, "stories": [s.to_dict() for s in stories]}
