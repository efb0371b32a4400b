"""SQL for linking (sitrep.link): story membership, the story candidate index, copy units and
copy relations, story claims and the story summaries listings sort by.

:class:`Links` is the link tables over one connection. The Store hands one out, and only the
Store: ``Store.linking()`` inside the write transaction that links an article (so one article
is linked in one transaction, with its add when it is new), ``Store.links()`` for reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from sitrep.model import ArticleReport
from sitrep.store import tables as t
from sitrep.store.words import words_of


class Links:
    """The link tables through one connection. ``recopied``: articles whose copy relation a
    write through this object set, so the caller can bring their stories' claims up to date."""

    def __init__(self, conn: Connection, added_at: str | None = None) -> None:
        self._conn = conn
        self._added_at = added_at
        self.recopied: set[str] = set()

    # -- articles ----------------------------------------------------------------------------

    def add_article(self, report: ArticleReport) -> bool:
        """Stores the report (as ``Store.add`` does) inside this transaction; False, writing
        nothing, when it is stored already. A savepoint keeps the transaction usable when
        another writer stored it first, or the report's rows break a key."""
        try:
            with self._conn.begin_nested():
                return t.insert_report(self._conn, report, self._added_at or "")
        except IntegrityError:
            return False

    def unlinked(self) -> list[str]:
        """Ids of stored articles not linked yet, in the order they were stored."""
        a, m = t.articles.c, t.story_articles.c
        query = (
            select(a.id)
            .select_from(t.articles.outerjoin(t.story_articles, m.article_id == a.id))
            .where(m.article_id.is_(None))
            .order_by(a.seq)
        )
        return list(self._conn.execute(query).scalars())

    # -- membership --------------------------------------------------------------------------

    def story_of(self, article_id: str) -> str | None:
        c = t.story_articles.c
        return self._conn.execute(select(c.story_id).where(c.article_id == article_id)).scalar()

    def stories_of(self, article_ids: Iterable[str]) -> set[str]:
        c = t.story_articles.c
        query = select(c.story_id).where(c.article_id.in_(list(article_ids)))
        return set(self._conn.execute(query).scalars())

    def next_seq(self) -> int:
        """The link order of the next article (1 for the first)."""
        return (self._conn.execute(select(func.max(t.story_articles.c.seq))).scalar() or 0) + 1

    def add_member(
        self, article_id: str, story_id: str, seq: int, published: str | None, wire: str | None
    ) -> None:
        self._conn.execute(
            insert(t.story_articles).values(
                article_id=article_id, story_id=story_id, seq=seq, published=published, wire=wire
            )
        )

    def member_meta(
        self, article_ids: Iterable[str]
    ) -> dict[str, tuple[str | None, int, str | None]]:
        """(published, link order, wire) of linked articles."""
        c = t.story_articles.c
        rows = self._conn.execute(
            select(c.article_id, c.published, c.seq, c.wire).where(
                c.article_id.in_(list(article_ids))
            )
        )
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    # -- copies ------------------------------------------------------------------------------

    def band_candidates(self, keys: Sequence[int], exclude: str, limit: int) -> list[str]:
        """Articles sharing LSH band keys with the given ones, most shared first."""
        if not keys:
            return []
        c = t.copy_bands.c
        shared = func.count().label("shared")
        query = (
            select(c.article_id, shared)
            .where(c.band.in_(sorted(set(keys))), c.article_id != exclude)
            .group_by(c.article_id)
            .order_by(shared.desc(), c.article_id)
            .limit(limit)
        )
        return [row[0] for row in self._conn.execute(query)]

    def units_of(self, article_ids: Sequence[str]) -> dict[str, list[tuple[int, int, bytes]]]:
        """(unit, shingles, signature) rows of each article, in unit order."""
        c = t.copy_units.c
        out: dict[str, list[tuple[int, int, bytes]]] = {i: [] for i in article_ids}
        query = select(c.article_id, c.unit, c.shingles, c.signature).where(
            c.article_id.in_(list(article_ids))
        )
        for article_id, unit, shingles, signature in self._conn.execute(
            query.order_by(c.article_id, c.unit)
        ):
            out[article_id].append((unit, shingles, bytes(signature)))
        return out

    def add_units(
        self, article_id: str, seq: int, units: Sequence[tuple[int, int, bytes, list[int]]]
    ) -> None:
        """Stores (unit, shingles, signature, band keys) rows of an article."""
        if not units:
            return
        self._conn.execute(
            insert(t.copy_units),
            [
                {"article_id": article_id, "unit": u, "seq": seq, "shingles": n, "signature": sig}
                for u, n, sig, _ in units
            ],
        )
        keys = sorted({key for *_, unit_keys in units for key in unit_keys})
        self._conn.execute(
            insert(t.copy_bands), [{"band": key, "article_id": article_id} for key in keys]
        )

    def units_before(self, before_seq: int) -> list[tuple[str, bytes]]:
        """(article, signature) of the units of articles linked before ``before_seq``."""
        c = t.copy_units.c
        query = select(c.article_id, c.signature).where(c.seq < before_seq)
        return [(article, bytes(signature)) for article, signature in self._conn.execute(query)]

    def drop_units(self, before_seq: int, bands: Iterable[tuple[int, str]]) -> None:
        """Takes articles linked before ``before_seq`` out of the copy index, given their (band
        key, article) rows."""
        rows = [{"b": band, "a": article} for band, article in sorted(set(bands))]
        if rows:
            c = t.copy_bands.c
            query = delete(t.copy_bands).where(
                c.band == bindparam("b"), c.article_id == bindparam("a")
            )
            self._conn.execute(query, rows)
        self._conn.execute(delete(t.copy_units).where(t.copy_units.c.seq < before_seq))

    def copy_roots(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The original each article is a copy of; articles that are no copy map to themselves."""
        ids = list(article_ids)
        c = t.copies.c
        rows = self._conn.execute(
            select(c.article_id, c.original_id).where(c.article_id.in_(ids), c.kind == "copy")
        )
        roots = dict(rows.all())
        return {i: roots.get(i, i) for i in ids}

    def copies_of(self, originals: Iterable[str]) -> dict[str, float]:
        """Articles recorded as copies of the given originals, with their coverage."""
        c = t.copies.c
        rows = self._conn.execute(
            select(c.article_id, c.coverage).where(
                c.original_id.in_(list(originals)), c.kind == "copy"
            )
        )
        return dict(rows.all())

    def set_copy(self, article_id: str, original_id: str, coverage: float) -> None:
        """Records ``article_id`` as a copy of ``original_id``, replacing any earlier copy row."""
        c = t.copies.c
        self._conn.execute(delete(t.copies).where(c.article_id == article_id, c.kind == "copy"))
        self._conn.execute(
            delete(t.copies).where(c.article_id == article_id, c.original_id == original_id)
        )
        self._conn.execute(
            insert(t.copies).values(
                article_id=article_id, original_id=original_id, kind="copy", coverage=coverage
            )
        )
        self.recopied.add(article_id)

    def add_partial(self, article_id: str, original_id: str, coverage: float) -> None:
        c = t.copies.c
        seen = self._conn.execute(
            select(c.kind).where(c.article_id == article_id, c.original_id == original_id)
        ).first()
        if seen is None:
            self._conn.execute(
                insert(t.copies).values(
                    article_id=article_id,
                    original_id=original_id,
                    kind="partial",
                    coverage=coverage,
                )
            )

    # -- stories -----------------------------------------------------------------------------

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        c = t.link_terms.c
        return dict(self._conn.execute(select(c.term, c.df).where(c.term.in_(list(terms)))).all())

    def count_terms(self, terms: Iterable[str]) -> None:
        """Adds one to the document frequency of each term. Terms are written in sorted order,
        so concurrent writers lock rows in the same order."""
        rows = [{"term": term, "df": 1} for term in sorted(set(terms))]
        if not rows:
            return
        dialect = postgresql if self._conn.dialect.name == "postgresql" else sqlite
        query = dialect.insert(t.link_terms).on_conflict_do_update(
            index_elements=["term"], set_={"df": t.link_terms.c.df + 1}
        )
        self._conn.execute(query, rows)

    def postings(self, terms: Iterable[str]) -> list[tuple[str, str]]:
        """(story, term) of active stories indexed by any of ``terms``."""
        c = t.story_terms.c
        query = select(c.story_id, c.term).where(c.term.in_(list(terms)))
        return [(story, term) for story, term in self._conn.execute(query)]

    def story_rows(self, story_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        query = select(t.stories).where(t.stories.c.id.in_(list(story_ids)))
        return {row["id"]: dict(row) for row in self._conn.execute(query).mappings()}

    def add_story(self, values: dict[str, Any], terms: Iterable[str]) -> None:
        self._conn.execute(insert(t.stories).values(**_folded(values)))
        self.set_story_terms(values["id"], terms)

    def update_story(self, story_id: str, values: dict[str, Any]) -> None:
        self._conn.execute(
            update(t.stories).where(t.stories.c.id == story_id).values(**_folded(values))
        )

    def set_story_terms(self, story_id: str, terms: Iterable[str]) -> None:
        """Makes ``terms`` the story's entries in the candidate index, writing only what
        changed."""
        c = t.story_terms.c
        wanted = set(terms)
        indexed = set(self._conn.execute(select(c.term).where(c.story_id == story_id)).scalars())
        gone = sorted(indexed - wanted)
        if gone:
            self._conn.execute(
                delete(t.story_terms).where(c.story_id == story_id, c.term.in_(gone))
            )
        new = sorted(wanted - indexed)
        if new:
            self._conn.execute(
                insert(t.story_terms), [{"term": term, "story_id": story_id} for term in new]
            )

    def age_stories(self, before_seq: int) -> None:
        """Takes stories last joined before ``before_seq`` out of the candidate set."""
        c = t.stories.c
        old = list(
            self._conn.execute(
                select(c.id).where(c.active.is_(True), c.last_seq < before_seq)
            ).scalars()
        )
        if old:
            self._conn.execute(update(t.stories).where(c.id.in_(old)).values(active=False))
            self._conn.execute(delete(t.story_terms).where(t.story_terms.c.story_id.in_(old)))

    # -- story claims ------------------------------------------------------------------------

    def claim_members(self, story_id: str) -> list[tuple[str, str]]:
        """(story claim, features JSON) of the story's aligned claims, in story-claim order."""
        m, s = t.story_claim_members.c, t.story_claims.c
        query = (
            select(m.story_claim_id, m.features)
            .join(t.story_claims, s.id == m.story_claim_id)
            .where(m.story_id == story_id)
            .order_by(s.seq, m.article_id, m.claim_id)
        )
        return [tuple(row) for row in self._conn.execute(query)]

    def story_claim_count(self, story_id: str) -> int:
        c = t.story_claims.c
        return self._conn.execute(select(func.count()).where(c.story_id == story_id)).scalar_one()

    def add_story_claim(self, claim_id: str, story_id: str, seq: int, text: str) -> None:
        self._conn.execute(
            insert(t.story_claims).values(
                id=claim_id, story_id=story_id, seq=seq, text=text, words=words_of(text)
            )
        )

    def add_claim_member(self, **values: Any) -> None:
        self._conn.execute(insert(t.story_claim_members).values(**values))

    def claims_of(self, article_ids: Iterable[str]) -> set[str]:
        """The story claims the articles' claims are aligned to."""
        m = t.story_claim_members.c
        query = select(m.story_claim_id).where(m.article_id.in_(list(article_ids)))
        return set(self._conn.execute(query).scalars())

    def claim_reports(self, claim_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The aligned article claims of the given story claims, as member_claim_rows()."""
        m = t.story_claim_members.c
        query = select(m.story_claim_id, m.article_id, m.claim_id, m.attributions, m.weak).where(
            m.story_claim_id.in_(sorted(set(claim_ids)))
        )
        return _decoded(self._conn.execute(query.order_by(m.story_claim_id, m.article_id)))

    def article_links(self, article_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """(wire, the original it is a copy of) of each linked article."""
        m, c = t.story_articles.c, t.copies.c
        query = (
            select(m.article_id, m.wire, c.original_id)
            .select_from(
                t.story_articles.outerjoin(
                    t.copies, (c.article_id == m.article_id) & (c.kind == "copy")
                )
            )
            .where(m.article_id.in_(list(article_ids)))
        )
        return {article: (wire, original) for article, wire, original in self._conn.execute(query)}

    def set_claim_statuses(self, statuses: dict[str, str]) -> None:
        if statuses:
            c = t.story_claims.c
            self._conn.execute(
                update(t.story_claims)
                .where(c.id == bindparam("claim"))
                .values(status=bindparam("s")),
                [{"claim": claim, "s": status} for claim, status in sorted(statuses.items())],
            )

    # -- story summaries -----------------------------------------------------------------------

    def summarize(self, story_ids: Iterable[str], seq: int | None) -> None:
        """Recounts the summary columns of the stories from their members and their claims'
        statuses (set_claim_statuses first), in one statement; ``seq``: the link that changed
        them, None for stories whose rows were written without summaries (before migration 4,
        or in bulk), whose folded title is then written too."""
        ids = sorted(set(story_ids))
        if not ids:
            return
        s, m, c, k = t.stories.c, t.story_articles.c, t.copies.c, t.story_claims.c
        is_copy = exists().where(c.article_id == m.article_id, c.kind == "copy")
        origins = select(func.count()).where(m.story_id == s.id, ~is_copy)

        def claims(*status: str) -> Any:
            query = select(func.count()).where(k.story_id == s.id, *(k.status == x for x in status))
            return query.scalar_subquery()

        values: dict[str, Any] = {
            "origins": origins.scalar_subquery(),
            "claims": claims(),
            "disputed": claims("disputed"),
            "denied": claims("denied"),
            "corroborated": claims("corroborated"),
        }
        if seq is not None:
            values["changed_seq"] = seq
        self._conn.execute(update(t.stories).where(s.id.in_(ids)).values(**values))
        if seq is None:
            rows = self._conn.execute(select(s.id, s.title).where(s.id.in_(ids))).all()
            for story_id, title in rows:
                self.update_story(story_id, {"title": title})

    def unsummarized(self) -> list[str]:
        """Stories linked before story summaries existed (schema 4), oldest first."""
        c = t.stories.c
        query = select(c.id).where(c.claims.is_(None)).order_by(c.first_seq)
        return list(self._conn.execute(query).scalars())

    def claim_ids(self, story_ids: Iterable[str]) -> set[str]:
        c = t.story_claims.c
        query = select(c.id).where(c.story_id.in_(list(story_ids)))
        return set(self._conn.execute(query).scalars())

    # -- reads -------------------------------------------------------------------------------

    def all_stories(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Story rows, oldest first (by when their first article was linked)."""
        query = select(t.stories).order_by(t.stories.c.first_seq)
        if story_id is not None:
            query = query.where(t.stories.c.id == story_id)
        return [dict(row) for row in self._conn.execute(query).mappings()]

    def story_articles(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Member articles with their metadata, in link order."""
        m, a = t.story_articles.c, t.articles.c
        query = (
            select(
                m.story_id,
                m.article_id,
                m.wire,
                m.seq,
                a.title,
                a.outlet,
                a.published,
                a.path,
                a.url,
            )
            .join(t.articles, a.id == m.article_id)
            .order_by(m.seq)
        )
        if story_id is not None:
            query = query.where(m.story_id == story_id)
        return [dict(row) for row in self._conn.execute(query).mappings()]

    def copy_relations(self, article_ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(article, original, kind) rows of the given articles."""
        c = t.copies.c
        query = select(c.article_id, c.original_id, c.kind).where(
            c.article_id.in_(list(article_ids))
        )
        return [
            tuple(row) for row in self._conn.execute(query.order_by(c.article_id, c.original_id))
        ]

    def story_claim_rows(self, story_id: str | None = None) -> list[dict[str, Any]]:
        c = t.story_claims.c
        query = select(c.id, c.story_id, c.seq, c.text).order_by(c.story_id, c.seq)
        if story_id is not None:
            query = query.where(c.story_id == story_id)
        return [dict(row) for row in self._conn.execute(query).mappings()]

    def member_claim_rows(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Aligned article claims with their attributions (decoded) and the features they were
        aligned by, in link order."""
        m, a = t.story_claim_members.c, t.story_articles.c
        query = (
            select(m.story_claim_id, m.article_id, m.claim_id, m.attributions, m.weak, m.features)
            .join(t.story_articles, a.article_id == m.article_id)
            .order_by(a.seq, m.claim_id)
        )
        if story_id is not None:
            query = query.where(m.story_id == story_id)
        return _decoded(self._conn.execute(query))

    def member_events(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """The events of member articles (``story_id``, ``article_id``, ``outlet``, ``event_id``,
        ``type``, ``place_id``, ``day``, ``record``), in link order."""
        m, e, a = t.story_articles.c, t.article_events.c, t.articles.c
        query = (
            select(
                m.story_id, e.article_id, a.outlet, e.event_id, e.type, e.place_id, e.day, e.record
            )
            .join(t.article_events, e.article_id == m.article_id)
            .join(t.articles, a.id == m.article_id)
            .order_by(m.seq, e.event_id)
        )
        if story_id is not None:
            query = query.where(m.story_id == story_id)
        return [dict(row) for row in self._conn.execute(query).mappings()]

    def story_entities(
        self, kind: str, story_id: str | None = None
    ) -> list[tuple[str, str, str, int]]:
        """(story, id, name, member articles naming it) for actors or places, most named first."""
        table = t.article_actors if kind == "actors" else t.article_places
        key = table.c.actor_id if kind == "actors" else table.c.place_id
        m = t.story_articles.c
        count = func.count(table.c.article_id).label("n")
        query = (
            select(m.story_id, key, func.min(table.c.name), count)
            .join(t.story_articles, m.article_id == table.c.article_id)
            .group_by(m.story_id, key)
            .order_by(m.story_id, count.desc(), key)
        )
        if kind == "actors":
            query = query.where(table.c.kind != "media")
        if story_id is not None:
            query = query.where(m.story_id == story_id)
        return [tuple(row) for row in self._conn.execute(query)]


def _folded(values: dict[str, Any]) -> dict[str, Any]:
    """The values with the title's folded words, which title search matches."""
    if "title" not in values:
        return values
    return {**values, "title_folded": words_of(values["title"])}


def _decoded(rows: Any) -> list[dict[str, Any]]:
    out = []
    for row in rows.mappings():
        item = dict(row)
        item["attributions"] = json.loads(item["attributions"])
        out.append(item)
    return out
