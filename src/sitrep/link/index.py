"""Stories for a server: listings paged by the store, whole stories kept while unchanged.

Listings (:meth:`StoryIndex.summaries`) are one query each: the store sorts, filters and pages
the summary every story carries, which linking keeps current in the transaction that links an
article. A whole story (its claims' statuses computed from every member's attributions) is too
much work to repeat on every request, so the index keeps the stories it has read and re-reads
one only when its stamp says linking changed it; and it asks the store whether anything was
linked at most once per ``recheck_s``.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass

from sitrep.link.linker import get_story, list_stories
from sitrep.link.records import Story, StoryClaim
from sitrep.store import Store, StorySummary
from sitrep.store.filters import Filters


def summarize(story: Story) -> StorySummary:
    """The summary of a story as read whole: what the store's listings carry for it."""
    statuses = [claim.status for claim in story.claims]
    return StorySummary(
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


@dataclass(frozen=True, slots=True)
class _Entry:
    stamp: tuple
    story: Story


class StoryIndex:
    """Story listings and whole stories of a store, current within ``recheck_s``; safe to
    share across threads."""

    def __init__(self, store: Store, recheck_s: float = 1.0) -> None:
        """``recheck_s``: how long a check that the store is unchanged holds, so a busy
        dashboard asks the store at most once a second (new stories show within that)."""
        self.store = store
        self.recheck_s = recheck_s
        self._checked = -math.inf
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._loaded = False
        self._stamps: dict[str, tuple] = {}
        self._entries: dict[str, _Entry] = {}
        #: every story claim, newest story first, as of the version it was listed at
        self._claims: tuple[tuple | None, list[tuple[StorySummary, StoryClaim]]] | None = None

    @property
    def version(self) -> int | None:
        """The store's change stamp the index was last refreshed to (Store.change_stamp):
        changes whenever an article, a link or an alert is written."""
        return self._version

    @property
    def checked(self) -> bool:
        """Whether the store was checked within ``recheck_s``: refresh() would not ask it."""
        return self._loaded and time.monotonic() - self._checked < self.recheck_s

    def expire(self) -> None:
        """Makes the next refresh() ask the store (after a write through this process)."""
        self._checked = -math.inf

    def refresh(self) -> None:
        """Brings the index up to date with the store (one small query when nothing changed);
        stories whose stamp changed are dropped, to be read again when asked for."""
        if self.checked:
            return
        self._checked = time.monotonic()
        version = self.store.change_stamp()
        if self._loaded and version == self._version:
            return
        with self._lock:
            if self._loaded and version == self._version:
                return
            stamps = self.store.story_stamps()
            self._entries = {k: e for k, e in self._entries.items() if stamps.get(k) == e.stamp}
            self._stamps = stamps
            self._version = version
            self._loaded = True

    def summaries(
        self,
        sort: str = "newest",
        limit: int | None = None,
        offset: int = 0,
        filters: Filters | None = None,
    ) -> list[StorySummary]:
        """One page of story summaries, as ``Store.story_summaries`` (every story when
        ``limit`` is None)."""
        return self.store.story_summaries(sort, limit, offset, filters)

    def story(self, story_id: str) -> Story:
        """One story, current; SitrepError(E032) when there is none."""
        self.refresh()
        entry = self._entries.get(story_id)
        if entry is not None:
            return entry.story
        stamp = self._stamps.get(story_id)
        story = get_story(self.store, story_id)
        if stamp is not None:
            # Read after its stamp, so never older than it: at worst re-read once more.
            self._entries[story_id] = _Entry(stamp, story)
        return story

    def claims(
        self,
        status: str | None = None,
        actors: Collection[str] | None = None,
        stories: Filters | None = None,
    ) -> list[tuple[StorySummary, StoryClaim]]:
        """Story claims, newest story first; ``status`` keeps one status, ``actors`` the
        claims one of these actors (ids) asserts, denies or questions, directly or as a
        relay; ``stories`` narrows the stories they come from."""
        self.refresh()
        kept = None
        if stories is not None and stories.active():
            kept = {s.id for s in self.summaries("newest", filters=stories)}
        wanted = None if actors is None else set(actors)
        return [
            (summary, claim)
            for summary, claim in self._every_claim()
            if (status is None or claim.status == status)
            and (wanted is None or _sources(claim) & wanted)
            and (kept is None or summary.id in kept)
        ]

    def _every_claim(self) -> list[tuple[StorySummary, StoryClaim]]:
        """Every story claim with its story's summary, newest story first: listed once per
        version of the links, not once per request (every story's summary is read for it)."""
        version, listed = self._version, self._claims
        if listed is not None and listed[0] == version:
            return listed[1]
        newest = self.summaries("newest")
        self._read_all([s.id for s in newest])
        found = [(summary, claim) for summary in newest for claim in self.story(summary.id).claims]
        self._claims = (version, found)
        return found

    def _read_all(self, story_ids: list[str]) -> None:
        """Reads the stories not kept, in one pass when they are many (far cheaper than one
        read per story, as after a start)."""
        missing = [k for k in story_ids if k not in self._entries]
        if len(missing) <= len(story_ids) // 2:
            return
        for story in list_stories(self.store):
            stamp = self._stamps.get(story.id)
            if stamp is not None:
                self._entries[story.id] = _Entry(stamp, story)


def _sources(claim: StoryClaim) -> set[str | None]:
    return {a.source for a in claim.attributions} | {
        v.source for a in claim.attributions for v in a.via
    }
