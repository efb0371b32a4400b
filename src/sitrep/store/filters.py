"""The one filter model of every listing, page and export: :class:`Filters` parses and
validates the query parameters (``since``, ``until``, ``actor``, ``place``, ``country``,
``type``, ``factuality``, ``status``, ``outlet``, ``story``, ``q``), and the functions below
turn them into SQL conditions on events, articles and stories, so the store filters and
counts in the database on SQLite and PostgreSQL alike.

An actor, place or country is given by id (``idf``, ``geo:2332459``, ``NG``) or by name
(``Israel Defense Forces``, ``Kukawa``, ``Nigeria``, case and diacritics ignored): names are
what the dashboard's pickers show and put in the URL, ids keep working for API clients. The
store turns a name into the id its picker lists first (Store.named: the most reported of that
name) before these conditions are built, so they compare ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from sitrep.errors import E, SitrepError
from sitrep.model import CLAIM_STATUSES, FACTUALITIES, PLOVER_TYPES, STORY_CLAIM_STATUSES
from sitrep.store import tables as t
from sitrep.store.words import has_words, search_terms

#: A claim's status as the views show it: across the outlets of its story where it is
#: aligned to a story claim, else within its article.
STATUSES = tuple(dict.fromkeys(STORY_CLAIM_STATUSES + CLAIM_STATUSES))
#: The filters each kind of listing understands; a listing refuses the others (E022) rather
#: than ignoring them.
EVENT_FILTERS = (
    "since",
    "until",
    "actor",
    "place",
    "country",
    "type",
    "factuality",
    "status",
    "outlet",
    "story",
    "q",
)
ARTICLE_FILTERS = ("since", "until", "actor", "place", "country", "type", "outlet", "story", "q")
STORY_FILTERS = ("since", "until", "actor", "place", "country", "type", "status", "outlet", "q")
CLAIM_FILTERS = (*STORY_FILTERS, "story")
#: What each filter means, for the API's description and the forms' hints.
FILTER_HELP = {
    "since": "on or after this day (YYYY-MM-DD)",
    "until": "on or before this day (YYYY-MM-DD)",
    "actor": "an actor's name or id",
    "place": "a place's name or id",
    "country": "a country's name or ISO alpha-2 code",
    "type": f"a PLOVER event type: {', '.join(PLOVER_TYPES)}",
    "factuality": f"how the article carries the event: {', '.join(FACTUALITIES)}",
    "status": f"the claim's status: {', '.join(STATUSES)}",
    "outlet": "an outlet's name, as articles give it",
    "story": "a story id",
    "q": "words that must all occur in the article (whole words, case and accents ignored)",
}
#: The filters that take one of a list of values (exactly as listed).
CHOICES = {"type": PLOVER_TYPES, "factuality": FACTUALITIES, "status": STATUSES}
#: Event orders: a column name ascending, "-name" descending; "stored" is the order the
#: articles were stored in (the API's default).
EVENT_SORT_KEYS = ("date", "type", "actor", "place", "factuality", "status", "outlet")
EVENT_SORTS = ("stored", *EVENT_SORT_KEYS, *(f"-{key}" for key in EVENT_SORT_KEYS))


@dataclass(frozen=True, slots=True)
class Filters:
    """What a listing is narrowed to; None: not narrowed. ``since``/``until`` are inclusive
    days: of publication for articles, of the event for events, a story's span for stories."""

    since: date | None = None
    until: date | None = None
    actor: str | None = None
    place: str | None = None
    country: str | None = None
    type: str | None = None
    factuality: str | None = None
    status: str | None = None
    outlet: str | None = None
    story: str | None = None
    q: str | None = None

    @classmethod
    def parse(cls, values: Mapping[str, str | None], allowed: tuple[str, ...]) -> Filters:
        """Filters from query strings, where a blank value means no filter. Raises
        SitrepError(E022) for a filter outside ``allowed``, a day that is not YYYY-MM-DD, or
        a type, factuality or status not in its list."""
        given = {name: value.strip() for name, value in values.items() if value and value.strip()}
        for name in given:
            if name not in allowed:
                raise SitrepError(
                    E.BAD_FILTER,
                    option=name,
                    what=given[name],
                    reason=f"this listing is filtered by {', '.join(allowed)}",
                )
        parsed: dict[str, Any] = {}
        for name, value in given.items():
            if name in ("since", "until"):
                parsed[name] = _day(name, value)
            elif name in CHOICES and value not in CHOICES[name]:
                reason = f"use one of {', '.join(CHOICES[name])}"
                raise SitrepError(E.BAD_FILTER, option=name, what=value, reason=reason)
            else:
                parsed[name] = value
        # since after until is an empty range, as a database answers it: nothing matches.
        return cls(**parsed)

    def active(self) -> dict[str, str]:
        """The filters set, as the URL gives them (name -> value)."""
        shown = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                shown[f.name] = value.isoformat() if isinstance(value, date) else value
        return shown

    def without_days(self) -> Filters:
        """The same filters over every day (what a time slider's bounds come from)."""
        return replace(self, since=None, until=None)

    @property
    def day_before(self) -> str | None:
        """The first day after ``until`` (ISO), for a half-open range."""
        if self.until is None or self.until == date.max:
            return None
        return (self.until + timedelta(days=1)).isoformat()


def _day(name: str, value: str) -> date:
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise SitrepError(E.BAD_FILTER, option=name, what=value, reason="give a day as YYYY-MM-DD")


# -- SQL ------------------------------------------------------------------------------------


def claim_status() -> ColumnElement:
    """An event row's claim status: that of the story claim its claim is aligned to, else
    its claim's within the article (as the exports give it)."""
    e, m, k = t.article_events.c, t.story_claim_members.c, t.story_claims.c
    across = (
        select(k.status)
        .select_from(t.story_claim_members.join(t.story_claims, k.id == m.story_claim_id))
        .where(m.article_id == e.article_id, m.claim_id == e.claim_id)
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(across, e.claim_status)


def event_conditions(filters: Filters, dialect: str) -> list[ColumnElement[bool]]:
    """Conditions on article_events joined to articles."""
    e, a = t.article_events.c, t.articles.c
    where = _days(filters, e.day, e.day)
    if filters.actor is not None:
        where.append(or_(e.actor_id == filters.actor, e.recipient_id == filters.actor))
    if filters.place is not None:
        where.append(e.place_id == filters.place)
    if filters.country is not None:
        where.append(e.country == filters.country)
    if filters.type is not None:
        where.append(e.type == filters.type)
    if filters.factuality is not None:
        where.append(e.factuality == filters.factuality)
    if filters.status is not None:
        where.append(claim_status() == filters.status)
    if filters.outlet is not None:
        where.append(a.outlet == filters.outlet)
    if filters.story is not None:
        where.append(e.article_id.in_(_story_members(filters.story)))
    where.extend(_words(filters, dialect))
    return where


def article_conditions(filters: Filters, dialect: str) -> list[ColumnElement[bool]]:
    """Conditions on articles: published in the range, naming the actor, place or country,
    holding an event of the type, from the outlet, in the story, holding the words."""
    a = t.articles.c
    where = _days(filters, a.published, a.published)
    if filters.actor is not None:
        where.append(a.id.in_(_naming_actor(filters.actor)))
    if filters.place is not None:
        where.append(a.id.in_(_naming_place(filters.place)))
    if filters.country is not None:
        where.append(a.id.in_(_naming_country(filters.country)))
    if filters.type is not None:
        e = t.article_events.c
        where.append(a.id.in_(select(e.article_id).where(e.type == filters.type)))
    if filters.outlet is not None:
        where.append(a.outlet == filters.outlet)
    if filters.story is not None:
        where.append(a.id.in_(_story_members(filters.story)))
    where.extend(_words(filters, dialect))
    return where


def story_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """Conditions on stories: seen within the range (first seen on or before ``until``, last
    seen on or after ``since``), with an article that names the actor (other than media),
    place or country, holds an event of the type or comes from the outlet, with a claim of
    the status, the story itself, and a title holding every word (case-insensitive)."""
    s, m = t.stories.c, t.story_articles.c
    where = _days(filters, s.first_seen, s.last_seen)
    members = []
    if filters.actor is not None:
        members.append(_naming_actor(filters.actor, media=False))
    if filters.place is not None:
        members.append(_naming_place(filters.place))
    if filters.country is not None:
        members.append(_naming_country(filters.country))
    if filters.type is not None:
        e = t.article_events.c
        members.append(select(e.article_id).where(e.type == filters.type))
    if filters.outlet is not None:
        a = t.articles.c
        members.append(select(a.id).where(a.outlet == filters.outlet))
    for articles in members:
        where.append(s.id.in_(select(m.story_id).where(m.article_id.in_(articles))))
    if filters.status is not None:
        k = t.story_claims.c
        where.append(s.id.in_(select(k.story_id).where(k.status == filters.status)))
    if filters.story is not None:
        where.append(s.id == filters.story)
    if filters.q is not None and filters.q.strip():
        terms = search_terms(filters.q)
        where.append(has_words(s.title_folded, terms) if terms else false())
    return where


def _days(filters: Filters, first: Any, last: Any) -> list[ColumnElement[bool]]:
    """Rows whose span of ISO dates (``first`` to ``last``) meets the filters' days."""
    where: list[ColumnElement[bool]] = []
    if filters.since is not None:
        where.append(last >= filters.since.isoformat())
    if filters.day_before is not None:
        where.append(first < filters.day_before)
    return where


def _naming_actor(actor_id: str, media: bool = True) -> Select:
    a = t.article_actors.c
    query = select(a.article_id).where(a.actor_id == actor_id)
    return query if media else query.where(a.kind != "media")


def _naming_place(place_id: str) -> Select:
    p = t.article_places.c
    return select(p.article_id).where(p.place_id == place_id)


def _naming_country(code: str) -> Select:
    p = t.article_places.c
    return select(p.article_id).where(p.country == code)


def _story_members(story_id: str) -> Select:
    m = t.story_articles.c
    return select(m.article_id).where(m.story_id == story_id)


def _words(filters: Filters, dialect: str) -> list[ColumnElement[bool]]:
    """Articles holding every word of ``q`` (sitrep.store.words); a blank ``q`` filters
    nothing, one with no word matches nothing."""
    if filters.q is None or not filters.q.strip():
        return []
    terms = search_terms(filters.q)
    return [t.text_match(dialect, terms) if terms else false()]
