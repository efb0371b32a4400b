"""The Store: one class over SQLAlchemy Core for SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
import weakref
import zlib
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    create_engine,
    event,
    func,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError

from sitrep.errors import E, SitrepError, check_choice
from sitrep.export.tables import CORROBORATED
from sitrep.model import COARSE_PRECISION, PLACE_PRECISION, ArticleReport, Event, Failure
from sitrep.store import tables as t
from sitrep.store.filters import (
    EVENT_SORTS,
    Filters,
    article_conditions,
    claim_status,
    event_conditions,
    story_conditions,
)
from sitrep.store.links import Links
from sitrep.store.watch import ALERT_KINDS, Alert, WatchEntry, Watching, alert_of, alert_query
from sitrep.store.words import Snippet, has_prefix, has_words, search_terms, snippet, words_of

#: How long an SQLite writer waits for another's lock before it fails.
_BUSY_TIMEOUT_S = 30
#: Ids per IN list: far below SQLite's and PostgreSQL's limits on bound parameters.
_IN_CHUNK = 500


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What article listings show, without the whole report."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    path: str | None
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "path": self.path,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """What an event listing says of the article that reports an event."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where an event happened, with how precise its point is (ACLED geo_precision: 1 a
    town, 2 a district, 3 a province or country, whose point is only its centre)."""

    name: str
    lat: float
    lon: float
    feature: str

    @property
    def precision(self) -> int:
        return PLACE_PRECISION.get(self.feature, COARSE_PRECISION)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class EventItem:
    """A stored event with its article's id, its claim's status (across the outlets of its
    story where known, else within the article), the day it happened (as the exports date
    it: its time, else the publication date), its article, and the names of its actor,
    recipient and place."""

    article_id: str
    event: Event
    claim_status: str | None
    day: str | None
    article: ArticleLink | None = None
    actor_name: str | None = None
    recipient_name: str | None = None
    place: EventPlace | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            **self.event.to_dict(),
            "claim_status": self.claim_status,
            "date": self.day,
            "article": self.article.to_dict() if self.article else None,
            "actor_name": self.actor_name,
            "recipient_name": self.recipient_name,
            "where": self.place.to_dict() if self.place else None,
        }


@dataclass(frozen=True, slots=True)
class EventPoint:
    """The events at one place of one PLOVER type and claim status: a map marker."""

    place_id: str
    name: str
    lat: float
    lon: float
    feature: str
    type: str
    status: str | None
    events: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "place_id": self.place_id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "precision": PLACE_PRECISION.get(self.feature, COARSE_PRECISION),
            "type": self.type,
            "status": self.status,
            "events": self.events,
        }


@dataclass(frozen=True, slots=True)
class EventPoints:
    """A map's markers, with how many events match (``total``), how many of them have no
    place (``unplaced``), and the first and last day of the events over every day."""

    points: list[EventPoint]
    total: int
    unplaced: int
    first_day: str | None
    last_day: str | None

    @property
    def shown(self) -> int:
        return sum(point.events for point in self.points)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "points": [point.to_dict() for point in self.points],
            "total": self.total,
            "shown": self.shown,
            "unplaced": self.unplaced,
            "first_day": self.first_day,
            "last_day": self.last_day,
        }


@dataclass(frozen=True, slots=True)
class DayCounts:
    """What a timeline is drawn from (Store.day_counts): (day, articles) and (day, PLOVER
    type, events), days ISO and None for the undated, in no particular order."""

    articles: list[tuple[str | None, int]]
    events: list[tuple[str | None, str, int]]


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An actor with the number of stored articles and mentions that name it."""

    id: str
    name: str
    kind: str
    country: str | None
    articles: int
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "articles": self.articles,
            "mentions": self.mentions,
        }


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A place with the number of stored articles and mentions that name it."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str
    articles: int
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "feature": self.feature,
            "articles": self.articles,
            "mentions": self.mentions,
        }


#: How article listings can be ordered: by publication date (undated last), or as stored.
ARTICLE_SORTS = ("newest", "oldest", "added")

#: How story listings can be ordered: newest (last seen), most articles, most disputed claims.
STORY_SORTS = ("newest", "articles", "disputed")


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as a list shows it: counts instead of members."""

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "articles": self.articles,
            "origins": self.origins,
            "claims": self.claims,
            "disputed": self.disputed,
            "denied": self.denied,
            "corroborated": self.corroborated,
        }


class Store:
    """Articles, their reports and the failures of a batch. Writes are transactional and
    idempotent: adding an article already stored changes nothing."""

    def __init__(self, url: str = "sqlite:///sitrep.db", checkpoint_every: float = 1.0) -> None:
        """``checkpoint_every``: seconds between checkpoints of an SQLite store's write-ahead
        log, which a background thread runs (see :class:`_Checkpointer`)."""
        self.url = url
        try:
            self.engine = _engine(url)
            self._migrate()
        except (OperationalError, ArgumentError) as exc:
            reason = str(getattr(exc, "orig", None) or exc)
            raise SitrepError(E.STORE_UNAVAILABLE, what=_safe_url(url), reason=reason) from None
        self._checkpointer = _Checkpointer.start(self.engine, checkpoint_every)

    def _migrate(self) -> None:
        with self.writing("migrations") as conn:
            t.meta.create(conn, checkfirst=True)
        for version, migration in t.MIGRATIONS:
            with self.writing("migrations") as conn:
                if t.current_version(conn) >= version:
                    continue
                migration(conn)
                conn.execute(t.meta.delete().where(t.meta.c.key == "schema_version"))
                conn.execute(insert(t.meta).values(key="schema_version", value=str(version)))

    @contextmanager
    def writing(self, lock: str | None = None) -> Iterator[Connection]:
        """A write transaction whose reads cannot go stale before it writes, for steps that
        read, then write what they read (a next number, "not there yet"), while other
        processes write the same store. SQLite: it holds the write lock from its start (the
        driver would begin only at the first INSERT, never before DDL). PostgreSQL: it holds
        the advisory lock named ``lock``, which every writer of the same data must name;
        writes a unique key guards need none."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif lock is not None:
                key = zlib.crc32(lock.encode("utf-8"))
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
            yield conn

    @contextmanager
    def linking(self) -> Iterator[Links]:
        """The link tables inside one write transaction (sitrep.link links an article in
        one, together with its add when it is new); writers of links take turns."""
        with self.writing("links") as conn:
            yield Links(conn, added_at=_now())

    @contextmanager
    def links(self) -> Iterator[Links]:
        """The link tables for reading (sitrep.link reads stories through them)."""
        with self.engine.connect() as conn:
            yield Links(conn)

    @contextmanager
    def watching(self) -> Iterator[Watching]:
        """The watch tables (poll state, watchlist, alerts) inside one write transaction;
        writers of them take turns."""
        with self.writing("watch") as conn:
            yield Watching(conn, now=_now())

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------------------

    def add(self, report: ArticleReport) -> bool:
        """Stores a report with its actor and place rows in one transaction. Returns False
        when the article was already stored (nothing is written then). The article is not
        linked: ``sitrep.link.add_report`` stores and links in one transaction."""
        try:
            with self.writing() as conn:
                return t.insert_report(conn, report, _now())
        except IntegrityError:
            # Another writer stored the same article between our check and insert.
            return False

    def add_failure(self, failure: Failure) -> None:
        """Records a failed input once: a rerun over the same bad file adds no duplicate."""
        c = t.failures.c
        with self.writing("failures") as conn:
            seen = conn.execute(
                select(c.seq).where(
                    c.path == failure.path, c.code == failure.code, c.message == failure.message
                )
            ).first()
            if seen:
                return
            conn.execute(
                insert(t.failures).values(
                    path=failure.path,
                    code=failure.code,
                    message=failure.message,
                    article_id=failure.article_id,
                    added_at=_now(),
                )
            )

    # -- reads ----------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(t.articles.c.id).where(t.articles.c.id == article_id)).first()
                is not None
            )

    def get(self, article_id: str) -> ArticleReport:
        """The stored report; SitrepError(E030) when there is none."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.articles.c.report).where(t.articles.c.id == article_id)
            ).first()
        if row is None:
            raise SitrepError(E.NOT_FOUND, kind="article", what=article_id)
        return ArticleReport.from_dict(json.loads(row[0]))

    def articles(
        self,
        limit: int = 100,
        offset: int = 0,
        filters: Filters | None = None,
        sort: str = "newest",
    ) -> list[ArticleRow]:
        """Articles in ``sort`` order (one of ARTICLE_SORTS), narrowed by ``filters`` (see
        :func:`sitrep.store.filters.article_conditions`; words as sitrep.store.words finds
        them)."""
        c = t.articles.c
        where = article_conditions(self.resolved(filters), self.engine.dialect.name)
        query = select(c.id, c.title, c.outlet, c.published, c.path, c.url).where(*where)
        with self.engine.connect() as conn:
            rows = conn.execute(self._article_order(query, sort).limit(limit).offset(offset))
            return [ArticleRow(*row) for row in rows]

    def _article_order(self, query: Select, sort: str) -> Select:
        """``query`` over articles in ``sort`` order: newest or oldest publication first,
        undated articles last (latest stored first among equals), or in the order stored.
        Newest first reads an index in order on both databases (ix_articles_published on
        SQLite, ix_articles_newest on PostgreSQL) instead of sorting every article."""
        check_choice("sort", sort, ARTICLE_SORTS)
        c = t.articles.c
        if sort == "added":
            return query.order_by(c.seq)
        published = self._ordered(c.published)
        if sort == "newest":
            return query.order_by(published.desc().nulls_last(), c.seq.desc())
        return query.order_by(published.asc().nulls_last(), c.seq)

    def count(self, filters: Filters | None = None) -> int:
        """How many articles are stored, or match ``filters``."""
        where = article_conditions(self.resolved(filters), self.engine.dialect.name)
        with self.engine.connect() as conn:
            query = select(func.count()).select_from(t.articles).where(*where)
            return conn.execute(query).scalar_one()

    def reports(self, ids: Collection[str] | None = None) -> Iterator[ArticleReport]:
        """Every stored report (or those of ``ids``), in the order added (streamed, not
        loaded at once)."""
        c = t.articles.c
        query = select(c.report).order_by(c.seq)
        with self.engine.connect() as conn:
            if ids is None:
                chunks: Iterator[Any] = iter([query])
            else:
                wanted = sorted(ids)
                chunks = (
                    query.where(c.id.in_(wanted[i : i + _IN_CHUNK]))
                    for i in range(0, len(wanted), _IN_CHUNK)
                )
            for chunk in chunks:
                result = conn.execution_options(yield_per=200).execute(chunk)
                for (raw,) in result:
                    yield ArticleReport.from_dict(json.loads(raw))

    def events(
        self,
        limit: int = 100,
        offset: int = 0,
        filters: Filters | None = None,
        sort: str = "stored",
    ) -> tuple[list[EventItem], int]:
        """One page of the stored events narrowed by ``filters`` (see
        :func:`sitrep.store.filters.event_conditions`), in ``sort`` order (one of
        EVENT_SORTS; ties in the order their articles were added), and how many match in
        all. An event is dated by its time, else its article's publication (its ``day``)."""
        check_choice("sort", sort, EVENT_SORTS)
        e, a = t.article_events.c, t.articles.c
        actor, recipient = t.article_actors.alias("actor"), t.article_actors.alias("recipient")
        place = t.article_places.alias("place")
        named = {
            "actor": (actor, e.actor_id),
            "recipient": (recipient, e.recipient_id),
        }
        filters = self.resolved(filters)
        events = t.article_events.join(t.articles, a.id == e.article_id)
        where = event_conditions(filters, self.engine.dialect.name)
        # The page is chosen on its keys alone (filtered, sorted, cut), and only its rows are
        # then read whole: names, places and claim statuses cost a lookup per event on the
        # page, not per event that matches.
        key = sort.lstrip("-")
        source = _event_source(filters, outlet=key == "outlet")
        sorted_by = None
        if key in ("actor", "place"):
            alias, id_column, event_column = (
                (actor, actor.c.actor_id, e.actor_id)
                if key == "actor"
                else (place, place.c.place_id, e.place_id)
            )
            source = source.outerjoin(alias, _same_article(alias.c, id_column, event_column))
            sorted_by = alias.c.name
        elif key != "stored":
            sorted_by = {
                "date": e.day,
                "type": e.type,
                "factuality": e.factuality,
                "status": claim_status(),
                "outlet": a.outlet,
            }[key]
        columns = [e.article_id, e.event_id, e.seq]
        if sorted_by is not None:
            columns.append(sorted_by.label("sorted_by"))
        chosen = select(*columns).select_from(source).where(*where)
        chosen = chosen.order_by(*self._event_order(chosen.selected_columns, sort))
        ranked = chosen.limit(limit).offset(offset).subquery("ranked")
        joined = events.join(
            ranked, (ranked.c.article_id == e.article_id) & (ranked.c.event_id == e.event_id)
        )
        for alias, column in named.values():
            joined = joined.outerjoin(alias, _same_article(alias.c, alias.c.actor_id, column))
        joined = joined.outerjoin(place, _same_article(place.c, place.c.place_id, e.place_id))
        query = (
            select(
                e.article_id,
                claim_status(),
                e.day,
                e.record,
                a.title,
                a.outlet,
                a.url,
                a.published,
                actor.c.name,
                recipient.c.name,
                place.c.name,
                place.c.lat,
                place.c.lon,
                place.c.feature,
            )
            .select_from(joined)
            .order_by(*self._event_order(ranked.c, sort))
        )
        total = select(func.count()).select_from(_event_source(filters)).where(*where)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            count = conn.execute(total).scalar_one()
        items = [
            EventItem(
                article_id,
                Event.from_dict(json.loads(record)),
                status,
                day,
                ArticleLink(article_id, title, outlet, url, published),
                actor_name,
                recipient_name,
                None if place_name is None else EventPlace(place_name, lat, lon, feature),
            )
            for (
                article_id,
                status,
                day,
                record,
                title,
                outlet,
                url,
                published,
                actor_name,
                recipient_name,
                place_name,
                lat,
                lon,
                feature,
            ) in rows
        ]
        return items, count

    def _event_order(self, c: Any, sort: str) -> list[Any]:
        """The ORDER BY of an event page over columns ``c`` (article_id, event_id, seq and,
        unless ``sort`` is "stored", sorted_by): the sort, undefined values last, then the
        order articles were stored in."""
        order = []
        if sort != "stored":
            column = self._ordered(c.sorted_by)
            order.append((column.desc() if sort.startswith("-") else column.asc()).nulls_last())
        return [*order, c.seq, c.article_id, c.event_id]

    def event_points(self, filters: Filters | None = None, limit: int = 5000) -> EventPoints:
        """The events that match ``filters`` grouped by place, PLOVER type and claim
        status (one map marker each, however many events share it), the ``limit`` largest
        groups first; with how many events match in all and how many of them have no
        place, and the first and last day of the events that match when dates are not
        narrowed (a time slider's bounds)."""
        filters = self.resolved(filters)
        dialect = self.engine.dialect.name
        e, p = t.article_events.c, t.article_places.c
        status = claim_status()
        events = _event_source(filters)
        # Grouped on the events alone; each group's place is then read from one article that
        # names it (a lookup per marker, not per event).
        count = func.count().label("events")
        grouped = (
            select(
                e.place_id,
                e.type,
                status.label("status"),
                count,
                func.min(e.article_id).label("article_id"),
            )
            .select_from(events)
            .where(e.place_id.is_not(None), *event_conditions(filters, dialect))
            .group_by(e.place_id, e.type, status)
            .order_by(count.desc(), e.place_id, e.type)
            .limit(limit)
            .subquery("grouped")
        )
        g = grouped.c
        groups = (
            select(g.place_id, p.name, p.lat, p.lon, p.feature, g.type, g.status, g.events)
            .select_from(
                grouped.join(
                    t.article_places,
                    (p.article_id == g.article_id) & (p.place_id == g.place_id),
                )
            )
            .order_by(g.events.desc(), g.place_id, g.type)
        )
        where = event_conditions(filters, dialect)
        totals = select(func.count(), func.count(e.place_id)).select_from(events).where(*where)
        undated = event_conditions(filters.without_days(), dialect)
        span = select(func.min(e.day), func.max(e.day)).select_from(events).where(*undated)
        with self.engine.connect() as conn:
            rows = conn.execute(groups).all()
            total, located = conn.execute(totals).one()
            first, last = conn.execute(span).one()
        points = [
            EventPoint(place_id, name, lat, lon, feature, kind, claim, n)
            for place_id, name, lat, lon, feature, kind, claim, n in rows
        ]
        return EventPoints(points, total, total - located, first, last)

    def event_counts(self, filters: Filters | None = None) -> tuple[int, int]:
        """How many events match ``filters``, and how many of them stand: the article
        asserts them or other outlets corroborate their claim (what exports write by
        default, sitrep.export.tables.EventRow.stands)."""
        filters = self.resolved(filters)
        dialect = self.engine.dialect.name
        e = t.article_events.c
        stands = (e.factuality == "asserted") | (claim_status() == CORROBORATED)
        query = (
            select(func.count(), func.count().filter(stands))
            .select_from(_event_source(filters))
            .where(*event_conditions(filters, dialect))
        )
        with self.engine.connect() as conn:
            total, standing = conn.execute(query).one()
        return total, standing

    def event_keys(self, filters: Filters | None = None) -> set[tuple[str, str]]:
        """(article id, event id) of every event that matches ``filters``."""
        filters = self.resolved(filters)
        dialect = self.engine.dialect.name
        e = t.article_events.c
        query = (
            select(e.article_id, e.event_id)
            .select_from(_event_source(filters))
            .where(*event_conditions(filters, dialect))
        )
        with self.engine.connect() as conn:
            return {(article, event) for article, event in conn.execute(query)}

    def export_source(
        self, filters: Filters | None = None
    ) -> tuple[Iterator[ArticleReport], dict[str, Any]]:
        """What an export (sitrep.export.export) of the events that match ``filters`` reads:
        the reports (with filters, only those holding a matching event) and the keyword
        arguments that choose its events (``story_statuses``, ``events``)."""
        options: dict[str, Any] = {"story_statuses": self.story_claim_statuses(), "events": None}
        if filters is None or not filters.active():
            return self.reports(), options
        keys = self.event_keys(filters)
        options["events"] = keys
        return self.reports(ids={article for article, _ in keys}), options

    def day_counts(
        self,
        subject: str,
        subject_id: str,
        *,
        since: date | None = None,
        until: date | None = None,
    ) -> DayCounts:
        """Per day, counted in SQL: the articles of a story (``subject`` "story") or that
        name an actor or place ("actor", "place"), by publication day; and the events of the
        story's articles, or that the actor does or undergoes, or that happen at the place,
        by the day they happened and PLOVER type; each as the filter of that subject selects
        them (sitrep.store.filters), within ``since`` and ``until`` (inclusive). A day None
        counts the undated."""
        if subject not in ("story", "actor", "place"):
            raise ValueError(f"no day counts of {subject!r}: use story, actor or place")
        filters = Filters(since=since, until=until, **{subject: subject_id})
        dialect = self.engine.dialect.name
        e = t.article_events.c
        article_day = func.substr(t.articles.c.published, 1, 10)
        article_query = (
            select(article_day, func.count())
            .where(*article_conditions(filters, dialect))
            .group_by(article_day)
        )
        event_query = (
            select(e.day, e.type, func.count())
            .select_from(_event_source(filters))
            .where(*event_conditions(filters, dialect))
            .group_by(e.day, e.type)
        )
        with self.engine.connect() as conn:
            return DayCounts(
                articles=[(day, n) for day, n in conn.execute(article_query)],
                events=[(day, kind, n) for day, kind, n in conn.execute(event_query)],
            )

    def story_claim_statuses(self) -> dict[tuple[str, str], str]:
        """(article id, claim id) -> the status across outlets of the story claim the
        article's claim is aligned to, for every aligned claim that has one."""
        m, k = t.story_claim_members.c, t.story_claims.c
        query = select(m.article_id, m.claim_id, k.status).join(
            t.story_claims, k.id == m.story_claim_id
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query.where(k.status.is_not(None))).all()
        return {(article, claim): status for article, claim, status in rows}

    def actors(
        self,
        limit: int = 100,
        kind: str | None = None,
        *,
        offset: int = 0,
        name: str | None = None,
    ) -> list[ActorRow]:
        """Actors across stored articles, most reported first; ``name`` keeps those whose
        name holds every word of it (sitrep.store.words)."""
        c = t.article_actors.c
        query = _named(_actor_query().limit(limit).offset(offset), "actor", c.actor_id, name)
        if query is None:
            return []
        if kind is not None:
            query = query.where(c.kind == kind)
        with self.engine.connect() as conn:
            return [ActorRow(*row) for row in conn.execute(query).all()]

    def resolved(self, filters: Filters | None) -> Filters:
        """``filters`` with an actor, place or country given by name replaced by its id (the
        most reported of that name, which its picker lists first: :meth:`named`) and a
        country code upper-cased; a value that names nothing is kept, and matches nothing."""
        filters = filters or Filters()
        changes = {}
        for field in ("actor", "place", "country"):
            value = getattr(filters, field)
            if value is None:
                continue
            if field == "country" and len(value) == 2 and value.isalpha():
                changes[field] = value.upper()
            else:
                changes[field] = self.named(field, value) or value
        return replace(filters, **changes) if changes else filters

    def label(self, kind: str, value: str) -> str:
        """The name of the actor, place or country (``kind``) whose id is ``value``, else
        ``value`` itself (already a name): what a filter shows instead of a raw id."""
        n = t.names.c
        query = select(n.name).where(n.kind == kind, n.id == value)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar() or value

    def actor(self, actor_id: str) -> ActorRow:
        """One actor with its counts; SitrepError(E030) when no stored article names it."""
        query = _actor_query().where(t.article_actors.c.actor_id == actor_id)
        return ActorRow(*self._one(query, "actor", actor_id))

    def places(
        self,
        limit: int = 100,
        *,
        offset: int = 0,
        name: str | None = None,
        ids: Collection[str] | None = None,
    ) -> list[PlaceRow]:
        """Places across stored articles, most reported first; ``name`` as in actors(),
        ``ids`` keeps only those places."""
        c = t.article_places.c
        query = _named(_place_query().limit(limit).offset(offset), "place", c.place_id, name)
        if query is None:
            return []
        if ids is not None:
            query = query.where(c.place_id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [PlaceRow(*row) for row in conn.execute(query).all()]

    def place(self, place_id: str) -> PlaceRow:
        """One place with its counts; SitrepError(E030) when no stored article names it."""
        query = _place_query().where(t.article_places.c.place_id == place_id)
        return PlaceRow(*self._one(query, "place", place_id))

    def _one(self, query: Any, kind: str, what: str) -> Any:
        """The query's first row; SitrepError(E030) naming ``kind`` when there is none."""
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise SitrepError(E.NOT_FOUND, kind=kind, what=what)
        return row

    # -- search and suggestions -----------------------------------------------------------------

    def search(
        self, section: str, q: str, limit: int = 50, offset: int = 0
    ) -> tuple[list[SearchHit], int]:
        """One page of what in ``section`` (one of SEARCH_SECTIONS) holds every word of ``q``
        (sitrep.store.words), each with a snippet marking the words, and how many match in
        all. Articles newest first, stories last seen first, claims by their story's last
        seen, actors and places most reported first."""
        check_choice("section", section, SEARCH_SECTIONS)
        terms = search_terms(q)
        if not terms:
            return [], 0
        if section == "articles":
            c = t.articles.c
            where = [t.text_match(self.engine.dialect.name, terms)]
            query = self._article_order(
                select(
                    c.id,
                    c.title,
                    c.outlet,
                    c.published,
                    c.path,
                    c.url,
                    c.text,
                    c.body_start,
                    c.body_end,
                ).where(*where),
                "newest",
            )
            total = select(func.count()).select_from(t.articles).where(*where)
            with self.engine.connect() as conn:
                rows = conn.execute(query.limit(limit).offset(offset)).all()
                count = conn.execute(total).scalar_one()
            hits = [
                SearchHit(
                    ArticleRow(*row[:6]), snippet(row.text[row.body_start : row.body_end], terms)
                )
                for row in rows
            ]
            return hits, count
        if section == "stories":
            c = t.stories.c
            found = self.story_summaries("newest", limit, offset, Filters(q=q))
            total = select(func.count()).where(has_words(c.title_folded, terms))
            hits = [SearchHit(row, snippet(row.title, terms, None)) for row in found]
            return hits, self._count(total)
        if section == "claims":
            k, s = t.story_claims.c, t.stories.c
            match = has_words(k.words, terms)
            query = (
                select(k.id, k.story_id, s.title, k.text, k.status)
                .join(t.stories, s.id == k.story_id)
                .where(match)
                .order_by(
                    self._ordered(func.coalesce(s.last_seen, "")).desc(),
                    self._ordered(k.story_id),
                    k.seq,
                )
            )
            with self.engine.connect() as conn:
                rows = conn.execute(query.limit(limit).offset(offset)).all()
            hits = [SearchHit(ClaimRow(*row), snippet(row.text, terms, None)) for row in rows]
            return hits, self._count(select(func.count()).where(match))
        key, build, row_type = _ENTITIES[section]
        matched = _names_with(section[:-1], terms)
        with self.engine.connect() as conn:
            rows = conn.execute(build().where(key.in_(matched)).limit(limit).offset(offset))
            hits = [SearchHit(row_type(*row), snippet(row[1], terms, None)) for row in rows]
        return hits, self._count(select(func.count()).select_from(matched.subquery()))

    def _count(self, query: Select) -> int:
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def suggest(self, field: str, prefix: str, limit: int = 10) -> list[Suggestion]:
        """Names for a picker of ``field`` (one of SUGGEST_FIELDS) with a word that starts
        with the last word of ``prefix`` and every earlier word whole (folded as
        sitrep.store.words folds), most reported first. Actors and places carry their id,
        countries their ISO code (the names of the countries stored articles mention as
        places), outlets none."""
        check_choice("field", field, SUGGEST_FIELDS)
        terms = search_terms(prefix)
        if not terms:
            return []
        *whole, last = terms
        if field == "outlet":
            return self._outlets(whole, last, limit)
        n = t.names.c
        query = _suggestions(field).where(has_prefix(n.words, last))
        if whole:
            query = query.where(has_words(n.words, whole))
        with self.engine.connect() as conn:
            return [Suggestion(*row) for row in conn.execute(query.limit(limit))]

    def _outlets(self, whole: list[str], last: str, limit: int) -> list[Suggestion]:
        """Outlets for suggest(): few enough to fold in Python, which keeps one definition
        of a word without a words column on every article."""
        c = t.articles.c
        n = func.count().label("n")
        query = select(c.outlet, n).where(c.outlet.is_not(None)).group_by(c.outlet)
        with self.engine.connect() as conn:
            counted = conn.execute(query.order_by(n.desc(), c.outlet)).all()
        found = []
        for outlet, count in counted:
            words = words_of(outlet)
            if f" {last}" in words and all(f" {w} " in words for w in whole):
                found.append(Suggestion(outlet, None, count, None))
        return found[:limit]

    def named(self, field: str, value: str) -> str | None:
        """The id of an actor or place (``field``) given its id or its name (folded as
        sitrep.store.words folds; the most reported when several share it), else None."""
        n = t.names.c
        query = _suggestions(field, (n.id == value).desc()).where(
            (n.id == value) | (n.words == words_of(value))
        )
        with self.engine.connect() as conn:
            found = conn.execute(query.limit(1)).first()
        return found[1] if found else None

    # -- stories ------------------------------------------------------------------------------

    def story_summaries(
        self,
        sort: str = "newest",
        limit: int | None = 100,
        offset: int = 0,
        filters: Filters | None = None,
    ) -> list[StorySummary]:
        """One page of story summaries in ``sort`` order (one of STORY_SORTS; ties by id):
        newest by last seen (undated last), articles by most articles then most origins,
        disputed by most disputed, then denied claims, then articles; narrowed by
        ``filters`` (see :func:`sitrep.store.filters.story_conditions`); ``limit`` None:
        every story."""
        check_choice("sort", sort, STORY_SORTS)
        c = t.stories.c
        counts = [func.coalesce(col, 0) for col in _SUMMARY_COUNTS]
        query = select(c.id, c.title, c.first_seen, c.last_seen, c.articles, *counts)
        story_id = self._ordered(c.id)
        if sort == "newest":
            last_seen = self._ordered(func.coalesce(c.last_seen, ""))
            query = query.order_by(last_seen.desc(), story_id)
        elif sort == "articles":
            query = query.order_by(c.articles.desc(), counts[0].desc(), story_id)
        else:
            query = query.order_by(counts[2].desc(), counts[3].desc(), c.articles.desc(), story_id)
        query = query.where(*story_conditions(self.resolved(filters)))
        query = query.offset(offset) if limit is None else query.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [StorySummary(*row) for row in conn.execute(query)]

    def count_stories(self, filters: Filters | None = None) -> int:
        """How many stories match ``filters``."""
        query = select(func.count()).select_from(t.stories)
        with self.engine.connect() as conn:
            return conn.execute(query.where(*story_conditions(self.resolved(filters)))).scalar_one()

    def change_stamp(self) -> tuple[int | None, int | None, int | None]:
        """Changes whenever an article, a story link or an alert is written (each takes the
        next number of its table; nothing here is updated in place that a reader shows)."""
        latest = [
            select(func.max(column)).scalar_subquery()
            for column in (t.articles.c.seq, t.story_articles.c.seq, t.alerts.c.seq)
        ]
        with self.engine.connect() as conn:
            return tuple(conn.execute(select(*latest)).one())

    def story_stamps(self) -> dict[str, tuple[int, int, int | None]]:
        """Every story's stamp, which changes whenever linking changes the story."""
        c = t.stories.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(c.id, c.articles, c.last_seq, c.changed_seq))
            return {story: (n, last, changed) for story, n, last, changed in rows}

    def _ordered(self, expression: Any) -> Any:
        """``expression`` compared by code point on PostgreSQL too (SQLite compares text so
        by default; PostgreSQL by the database's collation), so pages follow one order."""
        if self.engine.dialect.name == "postgresql":
            return expression.collate("C")
        return expression

    # -- alerts -------------------------------------------------------------------------------

    def alerts(
        self,
        limit: int = 100,
        offset: int = 0,
        *,
        kind: str | None = None,
        after: int | None = None,
    ) -> list[Alert]:
        """Alerts newest first; with ``after``, those recorded after that ``seq``, oldest
        first (what a stream sends next). ``kind`` keeps one of ALERT_KINDS."""
        check_choice("kind", kind, ALERT_KINDS)
        c = t.alerts.c
        query = alert_query()
        if kind is not None:
            query = query.where(c.kind == kind)
        if after is None:
            query = query.order_by(c.seq.desc())
        else:
            query = query.where(c.seq > after).order_by(c.seq)
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).all()
        return [alert_of(row) for row in rows]

    def watchlist(self) -> list[WatchEntry]:
        """The watched actor and place names, by kind and name."""
        with self.engine.connect() as conn:
            return Watching(conn, now=_now()).watchlist()

    # -- failures -----------------------------------------------------------------------------

    def failures(self) -> list[Failure]:
        c = t.failures.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(c.code, c.message, c.path, c.article_id).order_by(c.seq)
            ).all()
        return [
            Failure(code, message, path, article_id) for code, message, path, article_id in rows
        ]


#: What search looks through, and how it orders each (Store.search).
SEARCH_SECTIONS = ("articles", "stories", "claims", "actors", "places")
#: What pickers suggest names for (Store.suggest).
SUGGEST_FIELDS = ("actor", "place", "country", "outlet")


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim across a story, as search lists it."""

    id: str
    story_id: str
    story_title: str | None
    text: str
    status: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story_id": self.story_id,
            "story_title": self.story_title,
            "text": self.text,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A row of a search section with the snippet that shows where its words matched: a
    passage of an article's text, or the whole title, claim text or name."""

    row: ArticleRow | StorySummary | ClaimRow | ActorRow | PlaceRow
    snippet: Snippet

    def to_dict(self) -> dict[str, Any]:
        return {**self.row.to_dict(), "snippet": self.snippet.to_dict()}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A name a picker offers, with the id a filter takes (None for outlets, which filter
    by name), the number of articles behind it, and what tells it apart from another of the
    same name (an actor's kind; a place's feature and country)."""

    name: str
    id: str | None
    articles: int
    detail: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.id,
            "articles": self.articles,
            "detail": self.detail,
        }


_SUMMARY_COUNTS = (
    t.stories.c.origins,
    t.stories.c.claims,
    t.stories.c.disputed,
    t.stories.c.denied,
    t.stories.c.corroborated,
)


def _event_source(filters: Filters, outlet: bool = False) -> Any:
    """The events table, joined to their articles only where the filters (an outlet, words)
    or the sort (``outlet``) read them: the join would cost a lookup per event."""
    if filters.outlet is None and filters.q is None and not outlet:
        return t.article_events
    return t.article_events.join(t.articles, t.articles.c.id == t.article_events.c.article_id)


def _same_article(c: Any, key: Any, value: Any) -> Any:
    """The join of an actor or place row (columns ``c``) to an event of the same article."""
    return (c.article_id == t.article_events.c.article_id) & (key == value)


def _actor_query() -> Select:
    c = t.article_actors.c
    articles = func.count(c.article_id).label("articles")
    return (
        select(
            c.actor_id,
            func.min(c.name),
            func.min(c.kind),
            func.min(c.country),
            articles,
            func.sum(c.mentions),
        )
        .group_by(c.actor_id)
        .order_by(articles.desc(), c.actor_id)
    )


def _place_query() -> Select:
    c = t.article_places.c
    articles = func.count(c.article_id).label("articles")
    return (
        select(
            c.place_id,
            func.min(c.name),
            func.min(c.lat),
            func.min(c.lon),
            func.min(c.country),
            func.min(c.feature),
            articles,
            func.sum(c.mentions),
        )
        .group_by(c.place_id)
        .order_by(articles.desc(), c.place_id)
    )


#: section -> (key, query of its rows, row type) for the sections of names.
_ENTITIES = {
    "actors": (t.article_actors.c.actor_id, _actor_query, ActorRow),
    "places": (t.article_places.c.place_id, _place_query, PlaceRow),
}


def _named(query: Select, kind: str, key: Any, name: str | None) -> Select | None:
    """Keeps the rows whose ``key`` is an actor or place (``kind``) whose name holds every
    word of ``name``; None when ``name`` holds no word (nothing matches)."""
    if name is None:
        return query
    terms = search_terms(name)
    return query.where(key.in_(_names_with(kind, terms))) if terms else None


def _suggestions(field: str, *first: Any) -> Select:
    """(name, id, articles, detail) of the actor, place or country names, ordered by
    ``first``, then most reported first: ``detail`` tells apart two of one name (an
    actor's kind; a place's feature and country)."""
    n = t.names.c
    if field == "actor":
        c = t.article_actors.c
        key, detail = c.actor_id, func.min(c.kind)
    else:
        c = t.article_places.c
        key, detail = c.place_id, func.min(c.feature) + ", " + func.min(c.country)
        if field == "country":
            key, detail = c.country, literal(None)
    articles = func.count(func.distinct(c.article_id))
    return (
        select(n.name, n.id, articles, detail)
        .join_from(t.names, key.table, key == n.id)
        .where(n.kind == field)
        .group_by(n.name, n.id)
        .order_by(*first, articles.desc(), n.id)
    )


def _names_with(kind: str, terms: list[str]) -> Select:
    """The ids of the ``kind`` names that hold every one of ``terms``."""
    n = t.names.c
    return select(n.id).where(n.kind == kind, has_words(n.words, terms))


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": _BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _set_wal(cursor: sqlite3.Cursor) -> None:
    """Puts the database in WAL mode. On a new database that takes an exclusive lock, and when
    several connections open the same new file at once SQLite answers "database is locked"
    at once instead of waiting out the busy timeout (each holds the shared lock the others
    wait for): so it is tried again, for as long as the busy timeout."""
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # busy_timeout makes a second writer wait, not fail; WAL lets readers run during a write.
    cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_S * 1000}")
    _set_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    # The write that fills the log would otherwise copy it into the database and wait for the
    # disk to sync (60-300 ms on a large store); _Checkpointer does that off the write path.
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()


class _Checkpointer:
    """Checkpoints an SQLite store's write-ahead log every few seconds in a daemon thread.
    PASSIVE checkpoints never block readers or writers; whatever one leaves behind (frames
    a reader still needs) the next takes, and SQLite checkpoints the rest when the last
    connection closes."""

    def __init__(self, engine: Engine, every: float) -> None:
        # Weak, so that a store dropped without close() takes its engine and this thread along.
        self._engine = weakref.ref(engine)
        self._every = every
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sitrep-checkpoint", daemon=True)

    @classmethod
    def start(cls, engine: Engine, every: float) -> _Checkpointer | None:
        """A running checkpointer for a file-backed SQLite store; None for other stores."""
        if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
            return None
        checkpointer = cls(engine, every)
        checkpointer._thread.start()
        return checkpointer

    def _run(self) -> None:
        while not self._stopped.wait(self._every):
            engine = self._engine()
            if engine is None:
                return
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except OperationalError:
                # Busy or gone for now (the store is being closed): the next round retries.
                continue
            finally:
                del engine

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()


def _safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable database url>"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
