"""Tables (SQLAlchemy Core) and the migrations that create and evolve them.

Reports are stored whole as JSON; the tables beside them hold what is queried (actors, places,
failures). Each migration runs once, in its own transaction, recorded in ``sitrep_meta``.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.sql.elements import ColumnElement

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


# -- linking (migration 2): stories, copies and cross-article claims (sitrep.link) -------
# Tables written at random keys on every linked article are WITHOUT ROWID on SQLite: one
# b-tree each, so a link dirties half the pages it would otherwise.

#: story membership, one row per linked article; ``seq`` is the order articles were linked in
story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("story_id", String(40), nullable=False),
    Column("seq", Integer, nullable=False, unique=True),
    Column("published", String(40)),
    Column("wire", String(32)),
)
Index("ix_story_articles_story", story_articles.c.story_id)

#: ``centroid`` is the JSON sum of the members' term vectors; ``active`` stories are the
#: candidate set a new article is compared with (old ones age out)
stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text),
    Column("title_key", String(64), nullable=False),
    Column("first_seen", String(40)),
    Column("last_seen", String(40)),
    Column("first_seq", Integer, nullable=False),
    Column("last_seq", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("centroid", Text, nullable=False),
)
Index("ix_stories_active", stories.c.active, stories.c.last_seq)

#: inverted index of active stories by their strongest centroid terms: candidate retrieval
#: only (the cosine is computed from ``stories.centroid``), so it changes only when a story's
#: strongest terms do
story_terms = Table(
    "story_terms",
    metadata,
    Column("term", String(128), primary_key=True),
    Column("story_id", String(40), primary_key=True),
    sqlite_with_rowid=False,
)
Index("ix_story_terms_story", story_terms.c.story_id)

#: document frequencies of terms over linked articles (the IDF of story similarity)
link_terms = Table(
    "link_terms",
    metadata,
    Column("term", String(128), primary_key=True),
    Column("df", Integer, nullable=False),
    sqlite_with_rowid=False,
)

#: MinHash signatures of recent articles' text units, and their LSH band keys
copy_units = Table(
    "copy_units",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("unit", Integer, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)
Index("ix_copy_units_seq", copy_units.c.seq)

copy_bands = Table(
    "copy_bands",
    metadata,
    Column("band", BigInteger, primary_key=True),
    Column("article_id", String(32), primary_key=True),
    sqlite_with_rowid=False,
)

#: ``kind`` copy: the article is a near-copy of ``original_id`` (the earliest of its copy
#: group); partial: it reprints part of it
copies = Table(
    "copies",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("original_id", String(32), primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("coverage", Float, nullable=False),
)
Index("ix_copies_original", copies.c.original_id)

story_claims = Table(
    "story_claims",
    metadata,
    Column("id", String(48), primary_key=True),
    Column("story_id", String(40), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_story_claims_story", story_claims.c.story_id)

#: each article claim aligned to a story claim, with its attributions (JSON) and the
#: features it was aligned by
story_claim_members = Table(
    "story_claim_members",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("claim_id", String(64), primary_key=True),
    Column("story_claim_id", String(48), nullable=False),
    Column("story_id", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("features", Text, nullable=False),
    Column("attributions", Text, nullable=False),
    Column("weak", Boolean, nullable=False),
)
Index("ix_story_claim_members_story", story_claim_members.c.story_id)

LINK_TABLES = [
    story_articles,
    stories,
    story_terms,
    link_terms,
    copy_units,
    copy_bands,
    copies,
    story_claims,
    story_claim_members,
]


def _v2(conn: Connection) -> None:
    metadata.create_all(conn, tables=LINK_TABLES)


# -- full-text search (migration 3): sitrep.store.Store.articles(q=...) ----------------


def _search_index(conn: Connection) -> None:
    """Full-text search over title and text: an FTS5 table kept in step by triggers on
    SQLite, a generated tsvector column with a GIN index on PostgreSQL. Both stem English."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
            "content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); "
            "END"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, old.title, old.text); END"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, old.title, old.text); "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); "
            "END"
        )
        # Articles stored before this migration are indexed too.
        conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    else:
        conn.exec_driver_sql(
            "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
        )
        conn.exec_driver_sql("CREATE INDEX ix_articles_search ON articles USING GIN (search)")


def text_match(dialect: str, terms: list[str]) -> ColumnElement[bool]:
    """Articles holding every one of ``terms`` (plain words), as the search index has them."""
    if dialect == "sqlite":
        # Each word quoted as an FTS5 string, so none is read as an operator.
        expression = " ".join(f'"{term}"' for term in terms)
        fts = table("articles_fts", column("rowid"))
        return articles.c.seq.in_(
            select(fts.c.rowid).where(literal_column("articles_fts").op("MATCH")(expression))
        )
    query = func.plainto_tsquery(literal_column("'english'::regconfig"), " ".join(terms))
    return column("search").op("@@")(query)


#: (version, migration). Append new ones; never edit one that has shipped.
MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [
    (1, _v1),
    (2, _v2),
    (3, _search_index),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0
