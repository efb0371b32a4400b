"""Tables (SQLAlchemy Core) and the migrations that create and evolve them.

Reports are stored whole as JSON; the tables beside them hold what is queried (actors, places,
failures). Each migration runs once, in its own transaction, recorded in ``sitrep_meta``.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
)

metadata = MetaData()

meta = Table(
    "sitrep_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(256), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(32), nullable=False, unique=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", String(40)),
    Column("path", Text),
    Column("text", Text, nullable=False),
    Column("report", Text, nullable=False),
    Column("added_at", String(40), nullable=False),
)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_published", articles.c.published)

article_actors = Table(
    "article_actors",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("actor_id", String(128), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("country", String(3)),
    Column("mentions", Integer, nullable=False),
)
Index("ix_article_actors_actor", article_actors.c.actor_id)

article_places = Table(
    "article_places",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("place_id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("country", String(2)),
    Column("feature", String(16), nullable=False),
    Column("geonameid", Integer),
    Column("mentions", Integer, nullable=False),
)
Index("ix_article_places_place", article_places.c.place_id)

failures = Table(
    "failures",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("path", Text),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("article_id", String(32)),
    Column("added_at", String(40), nullable=False),
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[articles, article_actors, article_places, failures])


#: (version, migration). Append new ones; never edit one that has shipped.
MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [(1, _v1)]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0
