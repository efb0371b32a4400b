"""SQL for watching (sitrep.watch): each source's poll state, the watchlist, the claim statuses
alerts were last reconciled against, and the alerts themselves.

:class:`Watching` is those tables over one connection; the Store hands one out inside a write
transaction (``Store.watching()``), so what a poll or a reconcile decides is written at once
or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from sitrep.model import ArticleReport
from sitrep.store import tables as t

#: What the watchlist can hold: names of actors and of places.
WATCH_KINDS = ("actor", "place")
#: What an alert can be about: a new story, a claim whose status changed, a new claim about
#: something on the watchlist.
ALERT_KINDS = ("story", "status", "watched")
_LINK_MARK = "watch_link_seq"
_ARTICLE_MARK = "watch_article_seq"


@dataclass(frozen=True, slots=True)
class SourceState:
    """A watched URL as its last poll left it; ``items``: the article ids it listed then."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_at: str | None = None
    checked_at: str | None = None
    last_error: str | None = None
    items: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """A name on the watchlist: an actor's or a place's, matched case-insensitively."""

    id: int
    kind: str
    name: str
    added_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "added_at": self.added_at}


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert: ``kind`` one of ALERT_KINDS, ``title`` what it says in a line, ``detail``
    the facts behind it (statuses, the watched name, the claim's text)."""

    seq: int
    kind: str
    created_at: str
    title: str
    story_id: str | None
    claim_id: str | None
    article_id: str | None
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "kind": self.kind,
            "created_at": self.created_at,
            "title": self.title,
            "story_id": self.story_id,
            "claim_id": self.claim_id,
            "article_id": self.article_id,
            "detail": self.detail,
        }


_ALERT_COLUMNS = (
    t.alerts.c.seq,
    t.alerts.c.kind,
    t.alerts.c.created_at,
    t.alerts.c.title,
    t.alerts.c.story_id,
    t.alerts.c.claim_id,
    t.alerts.c.article_id,
    t.alerts.c.detail,
)


def alert_query() -> Any:
    return select(*_ALERT_COLUMNS)


def alert_of(row: Any) -> Alert:
    *fields, detail = row
    return Alert(*fields, json.loads(detail))


def source_id(url: str) -> str:
    """A short fixed-size key for a URL of any length."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


class Watching:
    """The watch tables through one connection, inside a write transaction; ``now`` (ISO,
    UTC) stamps what it writes."""

    def __init__(self, conn: Connection, now: str) -> None:
        self._conn = conn
        self.now = now

    # -- sources -------------------------------------------------------------------------------

    def source(self, url: str) -> SourceState:
        """The state of ``url``; a fresh one when it was never polled."""
        c = t.watch_sources.c
        key = source_id(url)
        row = self._conn.execute(
            select(
                c.etag, c.last_modified, c.failures, c.next_at, c.checked_at, c.last_error
            ).where(c.id == key)
        ).first()
        if row is None:
            return SourceState(url)
        i = t.watch_items.c
        items = self._conn.execute(select(i.item).where(i.source_id == key)).scalars()
        return SourceState(url, *row, items=frozenset(items))

    def record_poll(
        self, url: str, etag: str | None, last_modified: str | None, items: Iterable[str] | None
    ) -> None:
        """A complete poll: its validators, and the items the source lists now (None: the
        source answered 304, its items are as they were)."""
        key = source_id(url)
        self._save(
            url, etag=etag, last_modified=last_modified, failures=0, next_at=None, last_error=None
        )
        if items is None:
            return
        i = t.watch_items.c
        self._conn.execute(delete(t.watch_items).where(i.source_id == key))
        rows = [{"source_id": key, "item": item} for item in sorted(set(items))]
        if rows:
            self._conn.execute(insert(t.watch_items), rows)

    def record_failure(self, url: str, error: str, next_at: str) -> int:
        """A failed poll, to be tried again from ``next_at``; returns the failures in a row."""
        failures = self.source(url).failures + 1
        self._save(url, failures=failures, next_at=next_at, last_error=error)
        return failures

    def _save(self, url: str, **values: Any) -> None:
        key = source_id(url)
        c = t.watch_sources.c
        values["checked_at"] = self.now
        if self._conn.execute(select(c.id).where(c.id == key)).first() is None:
            self._conn.execute(insert(t.watch_sources).values(id=key, url=url, **values))
        else:
            self._conn.execute(update(t.watch_sources).where(c.id == key).values(**values))

    # -- watchlist -----------------------------------------------------------------------------

    def watchlist(self) -> list[WatchEntry]:
        c = t.watchlist.c
        query = select(c.id, c.kind, c.name, c.added_at).order_by(c.kind, c.folded)
        return [WatchEntry(*row) for row in self._conn.execute(query)]

    def add_watch(self, kind: str, name: str) -> tuple[WatchEntry, bool]:
        """The entry for ``name`` and whether it is new (a name is listed once per kind)."""
        c = t.watchlist.c
        folded = name.casefold()
        query = select(c.id, c.kind, c.name, c.added_at).where(c.kind == kind, c.folded == folded)
        row = self._conn.execute(query).first()
        if row is not None:
            return WatchEntry(*row), False
        self._conn.execute(
            insert(t.watchlist).values(kind=kind, name=name, folded=folded, added_at=self.now)
        )
        return WatchEntry(*self._conn.execute(query).one()), True

    def remove_watch(self, kind: str, name: str) -> bool:
        c = t.watchlist.c
        removed = self._conn.execute(
            delete(t.watchlist).where(c.kind == kind, c.folded == name.casefold())
        )
        return removed.rowcount > 0

    # -- reconciling ---------------------------------------------------------------------------

    def marks(self) -> tuple[int, int] | None:
        """(link seq, article seq) up to which alerts were reconciled; None before the first."""
        c = t.meta.c
        rows = dict(
            self._conn.execute(
                select(c.key, c.value).where(c.key.in_([_LINK_MARK, _ARTICLE_MARK]))
            ).all()
        )
        if len(rows) < 2:
            return None
        return int(rows[_LINK_MARK]), int(rows[_ARTICLE_MARK])

    def heads(self) -> tuple[int, int]:
        """The latest (link seq, article seq) in the store; 0 when there is none."""
        link = self._conn.execute(select(func.max(t.story_articles.c.seq))).scalar()
        article = self._conn.execute(select(func.max(t.articles.c.seq))).scalar()
        return link or 0, article or 0

    def set_marks(self, link: int, article: int) -> None:
        c = t.meta.c
        self._conn.execute(delete(t.meta).where(c.key.in_([_LINK_MARK, _ARTICLE_MARK])))
        self._conn.execute(
            insert(t.meta),
            [
                {"key": _LINK_MARK, "value": str(link)},
                {"key": _ARTICLE_MARK, "value": str(article)},
            ],
        )

    def snapshot_claims(self) -> None:
        """Records every story claim's status as it is, so only later changes alert."""
        k, w = t.story_claims.c, t.watch_claims.c
        unseen = select(k.id, func.coalesce(k.status, "")).where(~k.id.in_(select(w.claim_id)))
        self._conn.execute(insert(t.watch_claims).from_select(["claim_id", "status"], unseen))

    def stories_since(self, link_seq: int) -> list[tuple[str, str | None, int]]:
        """(id, title, articles) of the stories whose first article was linked after
        ``link_seq``, oldest first."""
        c = t.stories.c
        query = select(c.id, c.title, c.articles).where(c.first_seq > link_seq)
        return [tuple(row) for row in self._conn.execute(query.order_by(c.first_seq))]

    def claims_changed_since(self, link_seq: int) -> list[tuple[str, str, str, str, str | None]]:
        """(claim id, story id, text, status, status last recorded or None) of the claims of
        stories that linking changed after ``link_seq`` whose status is not the one recorded."""
        k, w, s = t.story_claims.c, t.watch_claims.c, t.stories.c
        query = (
            select(k.id, k.story_id, k.text, k.status, w.status)
            .select_from(
                t.story_claims.join(t.stories, s.id == k.story_id).outerjoin(
                    t.watch_claims, w.claim_id == k.id
                )
            )
            .where(s.changed_seq > link_seq, k.status.is_not(None))
            .where(w.status.is_(None) | (w.status != k.status))
            .order_by(k.story_id, k.seq)
        )
        return [tuple(row) for row in self._conn.execute(query)]

    def set_claim_status(self, claim_id: str, status: str, recorded: bool) -> None:
        w = t.watch_claims.c
        if recorded:
            self._conn.execute(
                update(t.watch_claims).where(w.claim_id == claim_id).values(status=status)
            )
        else:
            self._conn.execute(insert(t.watch_claims).values(claim_id=claim_id, status=status))

    def reports_since(self, article_seq: int, limit: int) -> list[tuple[int, ArticleReport]]:
        """Up to ``limit`` (seq, report) of the articles stored after ``article_seq``, in order."""
        c = t.articles.c
        query = select(c.seq, c.report).where(c.seq > article_seq).order_by(c.seq).limit(limit)
        return [
            (seq, ArticleReport.from_dict(json.loads(raw)))
            for seq, raw in self._conn.execute(query)
        ]

    def story_claims_of(self, article_id: str) -> dict[str, tuple[str, str]]:
        """The article's claim id -> (story id, story claim id) it was aligned to."""
        m = t.story_claim_members.c
        query = select(m.claim_id, m.story_id, m.story_claim_id).where(m.article_id == article_id)
        return {
            claim: (story, story_claim) for claim, story, story_claim in self._conn.execute(query)
        }

    def story_of(self, article_id: str) -> str | None:
        c = t.story_articles.c
        return self._conn.execute(select(c.story_id).where(c.article_id == article_id)).scalar()

    # -- alerts --------------------------------------------------------------------------------

    def add_alert(
        self,
        key: str,
        kind: str,
        title: str,
        *,
        story_id: str | None = None,
        claim_id: str | None = None,
        article_id: str | None = None,
        detail: dict[str, Any] | None = None,
        pending: bool = False,
    ) -> bool:
        """Records an alert once: False, adding nothing, when one with ``key`` exists."""
        c = t.alerts.c
        if self._conn.execute(select(c.seq).where(c.key == key)).first() is not None:
            return False
        self._conn.execute(
            insert(t.alerts).values(
                key=key,
                kind=kind,
                created_at=self.now,
                title=title,
                story_id=story_id,
                claim_id=claim_id,
                article_id=article_id,
                detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
                pending=pending,
            )
        )
        return True

    def pending_alerts(self, limit: int) -> list[Alert]:
        """The oldest alerts still awaiting the webhook."""
        c = t.alerts.c
        query = alert_query().where(c.pending.is_(True)).order_by(c.seq).limit(limit)
        return [alert_of(row) for row in self._conn.execute(query)]

    def delivered(self, seqs: Iterable[int]) -> None:
        c = t.alerts.c
        seqs = list(seqs)
        if seqs:
            self._conn.execute(update(t.alerts).where(c.seq.in_(seqs)).values(pending=False))
