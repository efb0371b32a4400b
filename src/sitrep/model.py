"""The records sitrep produces, and their JSON form (schema/article.schema.json).

Every record is a frozen dataclass with ``to_dict``/``from_dict``. Offsets are half-open
``[start, end)`` and index into ``Article.text``, which is the input verbatim.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

SCHEMA_ARTICLE = "sitrep.article/2"

ACTOR_KINDS = (
    "armed_group",
    "military",
    "government",
    "media",
    "person",
    "organization",
    "population",
    "other",
)
PLACE_FEATURES = ("country", "admin1", "admin2", "city", "locality", "natural", "other")
#: ACLED geo_precision of a place's own point by its feature: 1 a town, 2 a district, 3 a
#: province, a country or a region (a sea, a river, "the Sahel").
PLACE_PRECISION = {"city": 1, "locality": 1, "admin2": 2, "admin1": 3, "country": 3}
COARSE_PRECISION = 3
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
STANCES = ("asserts", "denies", "questions")
#: How the article carries an event, most factual first: stated by the article itself,
#: reported by a source, intended, conditional or demanded, asked about, denied by someone,
#: negated. "reported" (and a source's "denied"/"questioned") come from the attribution that
#: holds the event (sitrep.nlp.events.standing); the rest from the words around it.
FACTUALITIES = (
    "asserted",
    "reported",
    "future",
    "hypothetical",
    "questioned",
    "denied",
    "negated",
)
#: what an attribution reports: said, believed, shown by evidence, ordered, promised, felt
REPORT_KINDS = ("speech", "belief", "evidence", "directive", "commitment", "attitude")
#: who a source is when no actor of the article is: a document ("a statement"), someone not
#: named ("officials", "a witness"), a pronoun with no antecedent ("I" in a quotation)
SOURCE_KINDS = (*ACTOR_KINDS, "document", "unnamed", "pronoun")
CLAIM_STATUSES = ("asserted", "denied", "disputed", "unverified")
#: A story claim's status across the outlets of its story (sitrep.link.corroborate).
STORY_CLAIM_STATUSES = ("corroborated", "single_source", "disputed", "denied", "unverified")
VERIFICATION_STATUSES = ("unverified", "verified", "disputed")

_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Text reduced to what identifies an article: NFKC, case-folded, whitespace collapsed."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def article_id(body: str) -> str:
    """Stable id of an article from its normalized body, so a re-read article keeps its id."""
    return hashlib.sha256(normalize_text(body).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


def _spans(items: list[dict[str, Any]]) -> tuple[Span, ...]:
    return tuple(Span.from_dict(item) for item in items)


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``body_start``/``body_end`` bound the part that is analyzed:
    header lines (``Key: value``) and a trailing ``Source:`` line are metadata, not text."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None
    body_start: int = 0
    body_end: int | None = None

    @property
    def body(self) -> str:
        return self.text[self.body_start : self.end]

    @property
    def end(self) -> int:
        return len(self.text) if self.body_end is None else self.body_end

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "path": self.path,
            "body": {"start": self.body_start, "end": self.end},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        body = data.get("body") or {}
        return cls(
            id=data["id"],
            text=data["text"],
            title=data.get("title"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            published=data.get("published"),
            path=data.get("path"),
            body_start=int(body.get("start", 0)),
            body_end=body.get("end"),
        )

    def with_meta(self, **changes: Any) -> Article:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str | None
    mentions: tuple[Span, ...]
    #: a person's role ("the Kremlin spokesman")
    title: str | None = None
    #: actor id of whom this one speaks for (Amaq for Islamic State)
    parent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "title": self.title,
            "parent": self.parent,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            data["id"],
            data["name"],
            data["kind"],
            data.get("country"),
            _spans(data["mentions"]),
            data.get("title"),
            data.get("parent"),
        )


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer record the article names. ``precision`` is ACLED's geo_precision of its
    point (1 a town, 2 a district or a point near a town, 3 a province, country or region);
    ``confidence`` (0-1) how far its reading beat the next one; ``evidence`` the rule that
    chose it and the terms that favoured it ("score", "country", "contained", "spelling" ...)."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str
    geonameid: int | None
    mentions: tuple[Span, ...]
    precision: int = 1
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "feature": self.feature,
            "geonameid": self.geonameid,
            "mentions": [m.to_dict() for m in self.mentions],
            "precision": self.precision,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(
            data["id"],
            data["name"],
            float(data["lat"]),
            float(data["lon"]),
            data.get("country"),
            data["feature"],
            data.get("geonameid"),
            _spans(data["mentions"]),
            # Reports stored before precision and confidence were recorded.
            int(data.get("precision", 1)),
            float(data.get("confidence", 1.0)),
            tuple(data.get("evidence", ())),
        )


@dataclass(frozen=True, slots=True)
class UnplacedName:
    """A name the text makes a place that no reading fits with confidence: kept with its
    mentions and the countries the article is about, and given no point (never another name's).
    ``reason``: "unknown" (the gazetteer lacks it) or "unsure" (its readings lie where nothing
    in the article puts it)."""

    name: str
    countries: tuple[str, ...]
    reason: str
    mentions: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "countries": list(self.countries),
            "reason": self.reason,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UnplacedName:
        return cls(data["name"], tuple(data["countries"]), data["reason"], _spans(data["mentions"]))


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression and its TimeML value. ``basis``: in an article without a publication
    date, the expression whose date or year the value was read against ("March 3, 2017" in a
    photo caption), where the value owes its year to it."""

    id: str
    value: str
    span: Span
    basis: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "value": self.value,
            "span": self.span.to_dict(),
            "basis": self.basis.to_dict() if self.basis else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeRef:
        basis = data.get("basis")
        return cls(
            data["id"],
            data["value"],
            Span.from_dict(data["span"]),
            Span.from_dict(basis) if basis else None,
        )


#: What a casualty figure counts.
CASUALTY_KINDS = ("killed", "wounded", "captured", "missing")


@dataclass(frozen=True, slots=True)
class Casualty:
    """One casualty figure as a source gives it: ``low``/``high`` bound the count (equal for
    "12", ``high`` None for "at least 30", ``low`` None for "up to 30"; a vague word such as
    "dozens" gives its most conservative reading as ``low``), ``words`` the quantity as
    written, ``source`` who gives it (the attribution's source as written; None: the article
    itself) and ``attribution`` that attribution's id."""

    kind: str
    low: int | None
    high: int | None
    words: str
    span: Span
    source: str | None = None
    attribution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "low": self.low,
            "high": self.high,
            "words": self.words,
            "span": self.span.to_dict(),
            "source": self.source,
            "attribution": self.attribution,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Casualty:
        return cls(
            kind=data["kind"],
            low=data.get("low"),
            high=data.get("high"),
            words=data["words"],
            span=Span.from_dict(data["span"]),
            source=data.get("source"),
            attribution=data.get("attribution"),
        )


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world happening in PLOVER terms. ``trigger``/``evidence`` are its first
    mention; ``mentions`` are the triggers of every mention merged into it. ``actor_span`` and
    ``recipient_span`` are the text of the roles even where no actor is resolved. ``modality``
    is "asserted", "future" (intended, scheduled) or "hypothetical" (demanded, threatened,
    conditional); ``negated`` says the article reports it only as not having happened.
    ``factuality`` is how the article carries it (sitrep.nlp.events.FACTUALITIES: asserted,
    reported, future, hypothetical, questioned, denied, negated), ``denied_by`` who denies
    it, ``attribution`` the innermost attribution whose content holds it and ``claim`` the
    claim that carries it, whose status it follows. ``casualties`` are the figures of people
    killed, wounded, captured or missing given in its sentences, each with its source.
    ``place_name`` is where it happened when that is a name the article gives no point for
    (one of ``unplaced``): ``place`` is then None."""

    id: str
    type: str
    trigger: Span
    evidence: Span
    mode: str | None = None
    actor: str | None = None
    recipient: str | None = None
    place: str | None = None
    time: str | None = None
    negated: bool = False
    claim: str | None = None
    modality: str = "asserted"
    actor_span: Span | None = None
    recipient_span: Span | None = None
    mentions: tuple[Span, ...] = ()
    factuality: str = "asserted"
    denied_by: tuple[str, ...] = ()
    attribution: str | None = None
    casualties: tuple[Casualty, ...] = ()
    place_name: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "trigger": self.trigger.to_dict(),
            "actor": self.actor,
            "recipient": self.recipient,
            "place": self.place,
            "place_name": self.place_name.to_dict() if self.place_name else None,
            "time": self.time,
            "negated": self.negated,
            "modality": self.modality,
            "factuality": self.factuality,
            "denied_by": list(self.denied_by),
            "attribution": self.attribution,
            "casualties": [c.to_dict() for c in self.casualties],
            "claim": self.claim,
            "evidence": self.evidence.to_dict(),
            "actor_span": self.actor_span.to_dict() if self.actor_span else None,
            "recipient_span": self.recipient_span.to_dict() if self.recipient_span else None,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        actor_span = data.get("actor_span")
        recipient_span = data.get("recipient_span")
        place_name = data.get("place_name")
        return cls(
            id=data["id"],
            type=data["type"],
            trigger=Span.from_dict(data["trigger"]),
            evidence=Span.from_dict(data["evidence"]),
            mode=data.get("mode"),
            actor=data.get("actor"),
            recipient=data.get("recipient"),
            place=data.get("place"),
            time=data.get("time"),
            negated=bool(data.get("negated", False)),
            claim=data.get("claim"),
            modality=data.get("modality", "asserted"),
            actor_span=Span.from_dict(actor_span) if actor_span else None,
            recipient_span=Span.from_dict(recipient_span) if recipient_span else None,
            mentions=_spans(data.get("mentions", ())),
            # Reports stored before factuality was recorded: what negated/modality said.
            factuality=data.get("factuality")
            or ("negated" if data.get("negated") else data.get("modality", "asserted")),
            denied_by=tuple(data.get("denied_by", ())),
            attribution=data.get("attribution"),
            casualties=tuple(Casualty.from_dict(c) for c in data.get("casualties", ())),
            place_name=Span.from_dict(place_name) if place_name else None,
        )


@dataclass(frozen=True, slots=True)
class Via:
    """One relay in an attribution chain ("according to Interfax")."""

    source_text: str
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "source_text": self.source_text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Via:
        return cls(data["source_text"], data.get("source"))


@dataclass(frozen=True, slots=True)
class Verification:
    by_text: str
    status: str
    span: Span
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "by_text": self.by_text,
            "status": self.status,
            "span": self.span.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verification:
        return cls(data["by_text"], data["status"], Span.from_dict(data["span"]), data.get("by"))


@dataclass(frozen=True, slots=True)
class Attribution:
    """One report of who said, believed or showed what (``id`` "a1", "a2", ... in text order).

    ``source_span`` is the source as written (None when no actor speaks: "it was reported",
    or a source that named none), ``source_text`` who it is (a pronoun's antecedent, or the
    words), ``source`` its actor id and ``source_kind`` what kind of source it is (an actor's
    kind, or one of "document", "unnamed", "pronoun"). ``content`` runs from the first to the
    last character reported; ``content_pieces`` are its parts when a quote is split around its
    speaker. ``rule`` names the rule family and rule that found it ("cues.verb"), and
    ``confidence`` is that rule's precision measured on annotated news (calibration.json).
    ``within`` is the id of the attribution whose content holds this one's cue ("the ministry
    said ..., according to Interfax": the ministry's is within Interfax's); ``relay`` marks
    one that only passes another's report on. Reports stored before sitrep.article/2 read with
    the defaults (no id, no spans beyond cue and content)."""

    source: str | None
    source_text: str
    cue: Span
    stance: str
    content: Span
    via: tuple[Via, ...] = ()
    id: str = ""
    source_span: Span | None = None
    source_kind: str | None = None
    kind: str = "speech"
    rule: str = ""
    confidence: float | None = None
    content_pieces: tuple[Span, ...] = ()
    hedges: tuple[Span, ...] = ()
    verification: tuple[Verification, ...] = ()
    within: str | None = None
    relay: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "source_text": self.source_text,
            "source_span": self.source_span.to_dict() if self.source_span else None,
            "source_kind": self.source_kind,
            "cue": self.cue.to_dict(),
            "stance": self.stance,
            "kind": self.kind,
            "via": [v.to_dict() for v in self.via],
            "content": self.content.to_dict(),
            "content_pieces": [p.to_dict() for p in self.content_pieces],
            "rule": self.rule,
            "confidence": self.confidence,
            "hedges": [h.to_dict() for h in self.hedges],
            "verification": [v.to_dict() for v in self.verification],
            "within": self.within,
            "relay": self.relay,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        source_span = data.get("source_span")
        return cls(
            source=data.get("source"),
            source_text=data["source_text"],
            cue=Span.from_dict(data["cue"]),
            stance=data["stance"],
            content=Span.from_dict(data["content"]),
            via=tuple(Via.from_dict(v) for v in data.get("via", ())),
            id=data.get("id", ""),
            source_span=Span.from_dict(source_span) if source_span else None,
            source_kind=data.get("source_kind"),
            kind=data.get("kind", "speech"),
            rule=data.get("rule", ""),
            confidence=data.get("confidence"),
            content_pieces=_spans(data.get("content_pieces", ())),
            hedges=_spans(data.get("hedges", ())),
            verification=tuple(Verification.from_dict(v) for v in data.get("verification", ())),
            within=data.get("within"),
            relay=bool(data.get("relay", False)),
        )


@dataclass(frozen=True, slots=True)
class Hedge:
    """A word or phrase that presents something as less than certain ("reportedly", "may",
    "believed to be"), with its category (resources/hedges.yaml; "scare_quote" for a short
    quoted phrase in the headline)."""

    category: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "span": self.span.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Hedge:
        return cls(data["category"], Span.from_dict(data["span"]))


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: str
    attributions: tuple[Attribution, ...]
    hedges: tuple[Span, ...]
    verification: tuple[Verification, ...]
    status: str
    event: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "event": self.event,
            "attributions": [a.to_dict() for a in self.attributions],
            "hedges": [h.to_dict() for h in self.hedges],
            "verification": [v.to_dict() for v in self.verification],
            "status": self.status,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            id=data["id"],
            text=data["text"],
            attributions=tuple(Attribution.from_dict(a) for a in data["attributions"]),
            hedges=_spans(data["hedges"]),
            verification=tuple(Verification.from_dict(v) for v in data["verification"]),
            status=data["status"],
            event=data.get("event"),
        )


@dataclass(frozen=True, slots=True)
class ArticleReport:
    article: Article
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeRef, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    hedges: tuple[Hedge, ...] = ()
    unplaced: tuple[UnplacedName, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ARTICLE,
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "attributions": [a.to_dict() for a in self.attributions],
            "hedges": [h.to_dict() for h in self.hedges],
            "unplaced": [u.to_dict() for u in self.unplaced],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleReport:
        return cls(
            article=Article.from_dict(data["article"]),
            actors=tuple(Actor.from_dict(a) for a in data["actors"]),
            places=tuple(Place.from_dict(p) for p in data["places"]),
            times=tuple(TimeRef.from_dict(t) for t in data["times"]),
            events=tuple(Event.from_dict(e) for e in data["events"]),
            claims=tuple(Claim.from_dict(c) for c in data["claims"]),
            # Reports stored before sitrep.article/2 have neither.
            attributions=tuple(Attribution.from_dict(a) for a in data.get("attributions", ())),
            hedges=tuple(Hedge.from_dict(h) for h in data.get("hedges", ())),
            unplaced=tuple(UnplacedName.from_dict(u) for u in data.get("unplaced", ())),
        )


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read or analyzed, with the catalogue code that says why."""

    code: str
    message: str
    path: str | None = None
    article_id: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "path": self.path,
            "article_id": self.article_id,
        }
