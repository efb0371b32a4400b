"""Stories as the API and the dashboard list them: sorted, filtered and paged in memory from a
cache that follows the store.

A story's claim statuses are computed from all its members' attributions (sitrep.link), which
is too much work to repeat for every story on every request. The index keeps each story and
re-reads only the stories whose row changed since it last looked (a story's row changes in the
transaction that links an article to it), so a listing costs one small query while nothing is
being linked, and one story read per changed story while an ingest runs.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from sitrep.link import get_story, list_stories
from sitrep.link.records import Story, StoryClaim
from sitrep.store import Store
from sitrep.store import tables as t

#: how listings can be ordered: newest (last seen), most articles, most disputed claims
SORTS = ("newest", "articles", "disputed")


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

    @classmethod
    def of(cls, story: Story) -> StorySummary:
        statuses = [claim.status for claim in story.claims]
        return cls(
            id=story.id,
            title=story.title,
            first_seen=story.first_seen,
            last_seen=story.last_seen,
            articles=len(story.articles),
            origins=story.origins,
            claims=len(statuses),
            disputed=statuses.count("disputed"),
            denied=statuses.count("denied"),
            corroborated=statuses.count("corroborated"),
        )

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


@dataclass(frozen=True, slots=True)
class _Entry:
    stamp: tuple[int, int]
    story: Story
    summary: StorySummary


@dataclass(frozen=True, slots=True)
class _State:
    entries: dict[str, _Entry]
    ordered: dict[str, list[StorySummary]]


class StoryIndex:
    """Every story of a store, kept current by :meth:`refresh`; safe to share across threads."""

    def __init__(self, store: Store, recheck_s: float = 1.0) -> None:
        """``recheck_s``: how long a check that the store is unchanged holds, so a busy
        dashboard asks the store at most once a second (new stories show within that)."""
        self.store = store
        self.recheck_s = recheck_s
        self._checked = -math.inf
        self._lock = threading.Lock()
        self._version: int | None = None
        self._loaded = False
        # Replaced whole on reload, so a reader holding it sees one consistent state.
        self._state: _State = _State({}, {sort: [] for sort in SORTS})

    @property
    def version(self) -> int | None:
        """What the index was last refreshed to; changes whenever linking changes a story."""
        return self._version

    @property
    def checked(self) -> bool:
        """Whether the store was checked within ``recheck_s``: refresh() would not ask it."""
        return self._loaded and time.monotonic() - self._checked < self.recheck_s

    def refresh(self) -> None:
        """Brings the index up to date with the store (cheap when nothing changed)."""
        if self.checked:
            return
        self._checked = time.monotonic()
        # Every link takes the next membership seq, so its maximum (an index lookup) moves
        # whenever linking changes any story.
        with self.store.engine.connect() as conn:
            version = conn.execute(select(func.max(t.story_articles.c.seq))).scalar()
        if self._loaded and version == self._version:
            return
        with self._lock:
            if self._loaded and version == self._version:
                return
            self._reload()
            self._version = version
            self._loaded = True

    def _reload(self) -> None:
        c = t.stories.c
        with self.store.engine.connect() as conn:
            stamps = {
                row.id: (row.articles, row.last_seq)
                for row in conn.execute(select(c.id, c.articles, c.last_seq))
            }
        entries = {k: v for k, v in self._state.entries.items() if k in stamps}
        changed = [
            k for k, stamp in stamps.items() if k not in entries or entries[k].stamp != stamp
        ]
        # Reading every story in one pass is far cheaper than one read per story at the start.
        fresh = (
            list_stories(self.store)
            if len(changed) > len(stamps) // 2
            else [get_story(self.store, k) for k in changed]
        )
        for story in fresh:
            if story.id in stamps:
                entries[story.id] = _Entry(stamps[story.id], story, StorySummary.of(story))
        summaries = [e.summary for e in entries.values()]
        self._state = _State(entries, {sort: _sorted(summaries, sort) for sort in SORTS})

    def story(self, story_id: str) -> Story:
        """One story, current; SitrepError(E032) when there is none."""
        self.refresh()
        entry = self._state.entries.get(story_id)
        return entry.story if entry is not None else get_story(self.store, story_id)

    def summaries(
        self,
        sort: str = "newest",
        *,
        actor: str | None = None,
        place: str | None = None,
        words: str | None = None,
    ) -> list[StorySummary]:
        """Story summaries in ``sort`` order; ``actor`` / ``place`` keep the stories that
        name them, ``words`` those whose title holds every word (case-insensitive)."""
        self.refresh()
        state = self._state
        ordered = state.ordered[sort]
        if actor is None and place is None and not words:
            return ordered
        terms = words.casefold().split() if words else []
        kept = []
        for summary in ordered:
            story = state.entries[summary.id].story
            if actor is not None and all(a.id != actor for a in story.actors):
                continue
            if place is not None and all(p.id != place for p in story.places):
                continue
            if terms and not all(term in story.title.casefold() for term in terms):
                continue
            kept.append(summary)
        return kept

    def claims(
        self, status: str | None = None, actor: str | None = None
    ) -> list[tuple[StorySummary, StoryClaim]]:
        """Story claims, newest story first; ``status`` keeps one status, ``actor`` the claims
        that actor asserts, denies or questions, directly or as a relay."""
        self.refresh()
        state = self._state
        found = []
        for summary in state.ordered["newest"]:
            for claim in state.entries[summary.id].story.claims:
                if status is not None and claim.status != status:
                    continue
                if actor is not None and actor not in _sources(claim):
                    continue
                found.append((summary, claim))
        return found


def _sources(claim: StoryClaim) -> set[str | None]:
    return {a.source for a in claim.attributions} | {
        v.source for a in claim.attributions for v in a.via
    }


def _sorted(summaries: list[StorySummary], sort: str) -> list[StorySummary]:
    by_id = sorted(summaries, key=lambda s: s.id)
    if sort == "articles":
        return sorted(by_id, key=lambda s: (-s.articles, -s.origins))
    if sort == "disputed":
        return sorted(by_id, key=lambda s: (-s.disputed, -s.denied, -s.articles))
    # Newest first; undated stories last. Sorts are stable, so ties keep id order.
    return sorted(by_id, key=lambda s: s.last_seen or "", reverse=True)
