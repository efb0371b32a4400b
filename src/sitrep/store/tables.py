"""Tables (SQLAlchemy Core) and the migrations that create and evolve them.

Reports are stored whole as JSON; the tables beside them hold what is queried (actors, places,
events, failures). Each migration runs once, in its own transaction, recorded in ``sitrep_meta``.
"""

from __future__ import annotations

import json
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
    UniqueConstraint,
    bindparam,
    column,
    func,
    insert,
    inspect,
    literal,
    literal_column,
    select,
    table,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from sitrep.export.tables import EventRow
from sitrep.model import ArticleReport
from sitrep.store.words import latin_folding, words_of

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
    # migration 7: where the body is in ``text`` (Article.body_start, Article.end), so a
    # search snippet is cut from the body, not the header lines
    Column("body_start", Integer),
    Column("body_end", Integer),
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
#: (migration 9) covers what actor listings group and count and what ``actor=`` filters
#: read, so neither visits the table: the article_actors rows of 10,000 articles were read one
#: by one for every page of actors before (bench/bench_web.py)
Index(
    "ix_article_actors_listing",
    article_actors.c.actor_id,
    article_actors.c.article_id,
    article_actors.c.name,
    article_actors.c.kind,
    article_actors.c.country,
    article_actors.c.mentions,
)

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
#: (migration 9) as ix_article_actors_listing, for place listings, the map and ``place=``
Index(
    "ix_article_places_listing",
    article_places.c.place_id,
    article_places.c.article_id,
    article_places.c.name,
    article_places.c.lat,
    article_places.c.lon,
    article_places.c.country,
    article_places.c.feature,
    article_places.c.mentions,
)

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


def insert_report(conn: Connection, report: ArticleReport, added_at: str) -> bool:
    """Writes the rows of one report (article, actors, places); False, writing nothing, when
    the article is stored already."""
    article = report.article
    if conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first():
        return False
    seq = conn.execute(
        insert(articles).values(
            id=article.id,
            title=article.title,
            outlet=article.outlet,
            url=article.url,
            published=article.published,
            path=article.path,
            text=article.text,
            report=json.dumps(report.to_dict(), ensure_ascii=False),
            added_at=added_at,
            body_start=article.body_start,
            body_end=article.end,
        )
    ).inserted_primary_key[0]
    _insert_events(conn, report, seq)
    _insert_names(
        conn,
        [("actor", a.id, a.name) for a in report.actors]
        + [("place", p.id, p.name) for p in report.places]
        + [
            ("country", p.country, p.name)
            for p in report.places
            if _is_country(p.feature, p.country)
        ],
    )
    if report.actors:
        conn.execute(
            insert(article_actors),
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
            insert(article_places),
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
    return True


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[articles, article_actors, article_places, failures])


# -- events (migration 6): sitrep.store.Store.events ---------------------------------------

#: one row per event of a stored report, with what event listings filter on; ``seq`` is the
#: article's, ``day`` the day it happened (YYYY-MM-DD, or the first of its week, month or
#: year, as the ACLED export dates it), ``record`` the event as the report has it (JSON)
article_events = Table(
    "article_events",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("event_id", String(16), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("actor_id", String(128)),
    Column("recipient_id", String(128)),
    Column("place_id", String(64)),
    Column("country", String(2)),
    Column("day", String(10)),
    Column("factuality", String(16), nullable=False),
    Column("claim_status", String(16)),
    Column("record", Text, nullable=False),
)
Index("ix_article_events_seq", article_events.c.seq)
Index("ix_article_events_type", article_events.c.type)
#: an actor's or a place's events found without reading every event, each index holding what
#: a timeline counts (day, type) (migration 8)
EVENT_LOOKUPS = [
    Index(f"ix_article_events_{name}", column, article_events.c.day, article_events.c.type)
    for name, column in (
        ("actor", article_events.c.actor_id),
        ("recipient", article_events.c.recipient_id),
        ("place", article_events.c.place_id),
    )
]


def _insert_events(conn: Connection, report: ArticleReport, seq: int) -> None:
    rows = []
    for event in report.events:
        row = EventRow(report, event)
        day, _ = row.date()
        rows.append(
            {
                "article_id": report.article.id,
                "event_id": event.id,
                "seq": seq,
                "type": event.type,
                "actor_id": event.actor,
                "recipient_id": event.recipient,
                "place_id": event.place,
                "country": row.place.country if row.place else None,
                "day": day.isoformat() if day else None,
                "factuality": event.factuality,
                "claim_status": row.claim_status,
                "record": json.dumps(event.to_dict(), ensure_ascii=False),
            }
        )
    if rows:
        conn.execute(insert(article_events), rows)


def _events(conn: Connection) -> None:
    """The events table, filled from the reports stored before it existed."""
    metadata.create_all(conn, tables=[article_events])
    stored = conn.execute(select(articles.c.seq, articles.c.report).order_by(articles.c.seq))
    for seq, raw in stored.all():
        _insert_events(conn, ArticleReport.from_dict(json.loads(raw)), seq)


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
#: candidate set a new article is compared with (old ones age out). The summary columns
#: (migration 4) are what story listings sort and show, kept by the transaction that links an
#: article: ``origins`` (members that copy no other), ``claims`` and the claims per status,
#: ``changed_seq`` (the link that last changed the story) and ``title_folded`` (the title's
#: folded words since migration 7, for title search: sitrep.store.words). NULL summary
#: columns: a story linked before migration 4.
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
    Column("title_folded", Text),
    Column("origins", Integer),
    Column("claims", Integer),
    Column("disputed", Integer),
    Column("denied", Integer),
    Column("corroborated", Integer),
    Column("changed_seq", Integer),
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
    # migration 4: the claim's status across the story (sitrep.link.corroborate.claim_status)
    Column("status", String(16)),
    # migration 7: the text's folded words (sitrep.store.words)
    Column("words", Text),
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


# -- full-text search (migration 3, reindexed by migration 7): Store.articles(q=...) --------


def _search_index(conn: Connection) -> None:
    """Full-text search over title and text: an FTS5 table kept in step by triggers on
    SQLite, a generated tsvector column with a GIN index on PostgreSQL. Migration 7 replaces
    both indexes with unstemmed ones (``_article_words``)."""
    if conn.dialect.name == "sqlite":
        _create_fts(conn, "porter unicode61 remove_diacritics 2")
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
    else:
        _create_tsvector(conn, "to_tsvector('english', coalesce(title, '') || ' ' || text)")


def _create_fts(conn: Connection, tokenize: str) -> None:
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
        f"content_rowid='seq', tokenize='{tokenize}')"
    )
    # Articles stored before the index are indexed too.
    conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def _create_tsvector(conn: Connection, expression: str) -> None:
    conn.exec_driver_sql(
        f"ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ({expression}) STORED"
    )
    conn.exec_driver_sql("CREATE INDEX ix_articles_search ON articles USING GIN (search)")


def text_match(dialect: str, terms: list[str]) -> ColumnElement[bool]:
    """Articles holding every one of ``terms`` (folded words: sitrep.store.words) as whole
    words, as the search index has them."""
    if dialect == "sqlite":
        # Each word quoted as an FTS5 string, so none is read as an operator.
        expression = " ".join(f'"{term}"' for term in terms)
        fts = table("articles_fts", column("rowid"))
        return articles.c.seq.in_(
            select(fts.c.rowid).where(literal_column("articles_fts").op("MATCH")(expression))
        )
    query = func.plainto_tsquery(literal_column("'simple'::regconfig"), " ".join(terms))
    return column("search").op("@@")(query)


# -- story summaries (migration 4): sitrep.store.Store.story_summaries ---------------------

#: Columns migration 4 adds, with their SQL types. A store created after it has them already
#: (migration 2 creates the tables as defined above), so only missing ones are added.
_SUMMARY_COLUMNS = {
    "stories": [
        ("title_folded", "TEXT"),
        ("origins", "INTEGER"),
        ("claims", "INTEGER"),
        ("disputed", "INTEGER"),
        ("denied", "INTEGER"),
        ("corroborated", "INTEGER"),
        ("changed_seq", "INTEGER"),
    ],
    "story_claims": [("status", "VARCHAR(16)")],
}


def _add_missing_columns(conn: Connection, tables: dict[str, list[tuple[str, str]]]) -> None:
    """Adds the columns a table lacks: a store created after a migration that adds columns
    has them already (the earlier migrations create the tables as defined above)."""
    for name, columns in tables.items():
        present = {c["name"] for c in inspect(conn).get_columns(name)}
        for column_name, sql_type in columns:
            if column_name not in present:
                conn.exec_driver_sql(f"ALTER TABLE {name} ADD COLUMN {column_name} {sql_type}")


def _story_summaries(conn: Connection) -> None:
    """Story listings page in SQL: each story carries its counts. Stories linked before this
    migration get their folded title here; their counts need the claim statuses, which
    sitrep.link computes (``link_pending``): until then their counts are NULL."""
    _add_missing_columns(conn, _SUMMARY_COLUMNS)
    c = stories.c
    rows = conn.execute(select(c.id, c.title).where(c.title_folded.is_(None))).all()
    if rows:
        conn.execute(
            update(stories).where(c.id == bindparam("story")).values(title_folded=bindparam("f")),
            [{"story": story, "f": (title or "").casefold()} for story, title in rows],
        )


# -- watching (migration 5): sitrep.watch's feed state, watchlist and alerts ---------------

#: one row per watched feed or page: the validators of its last complete poll (sent back in a
#: conditional GET) and its failures in a row, which set when it is polled next (backoff)
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("failures", Integer, nullable=False),
    Column("next_at", String(40)),
    Column("checked_at", String(40)),
    Column("last_error", Text),
)

#: the items (article ids) of each source's last complete poll: only what the source still
#: lists is kept, so the table grows with the feeds watched, not with time
watch_items = Table(
    "watch_items",
    metadata,
    Column("source_id", String(40), primary_key=True),
    Column("item", String(64), primary_key=True),
    sqlite_with_rowid=False,
)

#: the status each story claim had when alerts were last reconciled: a claim whose status
#: differs has changed since
watch_claims = Table(
    "watch_claims",
    metadata,
    Column("claim_id", String(48), primary_key=True),
    Column("status", String(16), nullable=False),
    sqlite_with_rowid=False,
)

watchlist = Table(
    "watchlist",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("folded", String(300), nullable=False),
    Column("added_at", String(40), nullable=False),
    UniqueConstraint("kind", "folded", name="uq_watchlist_kind_folded"),
)

#: ``key`` names what an alert is about (a story, a claim's change, a claim matching a watch),
#: so reconciling the same change twice adds nothing; ``pending``: awaiting the webhook
alerts = Table(
    "alerts",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("story_id", String(40)),
    Column("claim_id", String(64)),
    Column("article_id", String(32)),
    Column("detail", Text, nullable=False),
    Column("pending", Boolean, nullable=False),
)
Index("ix_alerts_pending", alerts.c.pending)

WATCH_TABLES = [watch_sources, watch_items, watch_claims, watchlist, alerts]


def _watch(conn: Connection) -> None:
    metadata.create_all(conn, tables=WATCH_TABLES)


# -- word search (migration 7): sitrep.store.words ------------------------------------------

_WORD_COLUMNS = {
    "articles": [("body_start", "INTEGER"), ("body_end", "INTEGER")],
    "story_claims": [("words", "TEXT")],
}

#: every actor, place and country (``id`` its ISO code) stored articles name, once, with the
#: name's folded words: what name search and pickers match, a row per name where the article
#: tables hold a row per article that names it
names = Table(
    "names",
    metadata,
    Column("kind", String(8), primary_key=True),
    Column("id", String(128), primary_key=True),
    Column("name", Text, nullable=False),
    Column("words", Text, nullable=False),
    sqlite_with_rowid=False,
)


def _is_country(feature: str | None, country: str | None) -> bool:
    return feature == "country" and country is not None


def _insert_names(conn: Connection, rows: list[tuple[str, str, str]]) -> None:
    """Adds the names not stored yet (the first name an id is stored with stays)."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    values = {(kind, ident): name for kind, ident, name in reversed(rows)}
    conn.execute(
        dialect.insert(names).on_conflict_do_nothing(index_elements=["kind", "id"]),
        [
            {"kind": kind, "id": ident, "name": name, "words": words_of(name)}
            for (kind, ident), name in sorted(values.items())
        ],
    )


def _word_search(conn: Connection) -> None:
    """Whole words, unstemmed, case and diacritics folded, in every section: the article
    index is rebuilt without stemming (on PostgreSQL, Latin diacritics folded by
    ``translate``, as unaccent is an extension a server may lack); the short texts (claim
    texts, story titles) get the column of their folded words, names the ``names`` table;
    articles say where their body is, for snippets."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TABLE articles_fts")
        _create_fts(conn, "unicode61 remove_diacritics 2")
    else:
        # Newest first, undated last, in the order Store.articles sorts (code points).
        conn.exec_driver_sql(
            'CREATE INDEX IF NOT EXISTS ix_articles_newest ON articles ((published COLLATE "C") '
            "DESC NULLS LAST, seq DESC)"
        )
        source, target = latin_folding()
        conn.exec_driver_sql("ALTER TABLE articles DROP COLUMN search")
        _create_tsvector(
            conn,
            "to_tsvector('simple'::regconfig, translate(coalesce(title, '') || ' ' || text, "
            f"'{source}', '{target}'))",
        )
    _add_missing_columns(conn, _WORD_COLUMNS)
    metadata.create_all(conn, tables=[names])
    a, p = article_actors.c, article_places.c
    stored = [
        select(literal("actor"), a.actor_id, func.min(a.name)).group_by(a.actor_id),
        select(literal("place"), p.place_id, func.min(p.name)).group_by(p.place_id),
        select(literal("country"), p.country, func.min(p.name))
        .where(p.feature == "country", p.country.is_not(None))
        .group_by(p.country),
    ]
    for query in stored:
        _insert_names(conn, [tuple(row) for row in conn.execute(query)])
    c = articles.c
    bodies = [
        {"s": seq, "start": article.body_start, "end": article.end}
        for seq, raw in conn.execute(select(c.seq, c.report)).all()
        for article in [ArticleReport.from_dict(json.loads(raw)).article]
    ]
    if bodies:
        conn.execute(
            update(articles)
            .where(c.seq == bindparam("s"))
            .values(body_start=bindparam("start"), body_end=bindparam("end")),
            bodies,
        )
    for name, (key, text_column, words_column) in {
        "story_claims": ("id", "text", "words"),
        "stories": ("id", "title", "title_folded"),
    }.items():
        tbl = metadata.tables[name]
        rows = conn.execute(select(tbl.c[key], tbl.c[text_column])).all()
        if rows:
            conn.execute(
                update(tbl)
                .where(tbl.c[key] == bindparam("k"))
                .values({words_column: bindparam("w")}),
                [{"k": k, "w": words_of(text)} for k, text in rows],
            )


def _event_lookups(conn: Connection) -> None:
    """The event lookup indexes (EVENT_LOOKUPS); a store whose events table was created with
    them (migration 6 creates it as defined above) has them already."""
    for index in EVENT_LOOKUPS:
        index.create(conn, checkfirst=True)


def _listing_indexes(conn: Connection) -> None:
    """Covering indexes for actor and place listings, in place of the one-column ones (their
    prefix); a store made after this migration was written has them from migration 1."""
    for old in ("ix_article_actors_actor", "ix_article_places_place"):
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {old}")
    for listed in (article_actors, article_places):
        for index in listed.indexes:
            index.create(conn, checkfirst=True)


#: (version, migration). Append new ones; never edit one that has shipped.
MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [
    (1, _v1),
    (2, _v2),
    (3, _search_index),
    (4, _story_summaries),
    (5, _watch),
    (6, _events),
    (7, _word_search),
    (8, _event_lookups),
    (9, _listing_indexes),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0
