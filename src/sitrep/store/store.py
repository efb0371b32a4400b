"""The Store: one class over SQLAlchemy Core for SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError

from sitrep.errors import E, SitrepError
from sitrep.model import ArticleReport, Failure
from sitrep.store import tables as t


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


class Store:
    """Articles, their reports and the failures of a batch. Writes are transactional and
    idempotent: adding an article already stored changes nothing."""

    def __init__(self, url: str = "sqlite:///sitrep.db") -> None:
        self.url = url
        try:
            self.engine = _engine(url)
            self._migrate()
        except (OperationalError, ArgumentError) as exc:
            reason = str(getattr(exc, "orig", None) or exc)
            raise SitrepError(E.STORE_UNAVAILABLE, what=_safe_url(url), reason=reason) from None

    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            t.meta.create(conn, checkfirst=True)
        for version, migration in t.MIGRATIONS:
            with self.engine.begin() as conn:
                if t.current_version(conn) >= version:
                    continue
                migration(conn)
                conn.execute(t.meta.delete().where(t.meta.c.key == "schema_version"))
                conn.execute(insert(t.meta).values(key="schema_version", value=str(version)))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------------------

    def add(self, report: ArticleReport) -> bool:
        """Stores a report with its actor and place rows in one transaction. Returns False
        when the article was already stored (nothing is written then)."""
        article = report.article
        now = _now()
        try:
            with self.engine.begin() as conn:
                if conn.execute(
                    select(t.articles.c.id).where(t.articles.c.id == article.id)
                ).first():
                    return False
                conn.execute(
                    insert(t.articles).values(
                        id=article.id,
                        title=article.title,
                        outlet=article.outlet,
                        url=article.url,
                        published=article.published,
                        path=article.path,
                        text=article.text,
                        report=json.dumps(report.to_dict(), ensure_ascii=False),
                        added_at=now,
                    )
                )
                if report.actors:
                    conn.execute(
                        insert(t.article_actors),
                        [
                            {
                                "article_id": article.id,
                                "actor_id": a.id,
                                "name": a.name,
                                "kind": a.kind,
                                "country": a.country,
                                "mentions": len(a.mentions),
                            }
                            for a in report.actors
                        ],
                    )
                if report.places:
                    conn.execute(
                        insert(t.article_places),
                        [
                            {
                                "article_id": article.id,
                                "place_id": p.id,
                                "name": p.name,
                                "lat": p.lat,
                                "lon": p.lon,
                                "country": p.country,
                                "feature": p.feature,
                                "geonameid": p.geonameid,
                                "mentions": len(p.mentions),
                            }
                            for p in report.places
                        ],
                    )
        except IntegrityError:
            # Another writer stored the same article between our check and insert.
            return False
        return True

    def add_failure(self, failure: Failure) -> None:
        """Records a failed input once: a rerun over the same bad file adds no duplicate."""
        c = t.failures.c
        with self.engine.begin() as conn:
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

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(t.articles)).scalar_one()

    def articles(
        self, limit: int = 100, offset: int = 0, outlet: str | None = None
    ) -> list[ArticleRow]:
        """Articles in the order they were added, optionally from one outlet."""
        c = t.articles.c
        query = select(c.id, c.title, c.outlet, c.published, c.path, c.url).order_by(c.seq)
        if outlet is not None:
            query = query.where(c.outlet == outlet)
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).all()
        return [ArticleRow(*row) for row in rows]

    def reports(self) -> Iterator[ArticleReport]:
        """Every stored report, in the order added (streamed, not loaded at once)."""
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=200).execute(
                select(t.articles.c.report).order_by(t.articles.c.seq)
            )
            for (raw,) in result:
                yield ArticleReport.from_dict(json.loads(raw))

    def actors(self, limit: int = 100, kind: str | None = None) -> list[ActorRow]:
        """Actors across stored articles, most reported first."""
        c = t.article_actors.c
        articles = func.count(c.article_id).label("articles")
        query = (
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
            .limit(limit)
        )
        if kind is not None:
            query = query.where(c.kind == kind)
        with self.engine.connect() as conn:
            return [ActorRow(*row) for row in conn.execute(query).all()]

    def failures(self) -> list[Failure]:
        c = t.failures.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(c.code, c.message, c.path, c.article_id).order_by(c.seq)
            ).all()
        return [
            Failure(code, message, path, article_id) for code, message, path, article_id in rows
        ]


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets readers run during a write; busy_timeout makes a second writer wait, not fail.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable database url>"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
