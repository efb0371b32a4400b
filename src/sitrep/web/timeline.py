"""Timelines: what happened when, for a story (its articles, its events, and when each claim
was first asserted and first denied) and for an actor or a place (the articles naming it and
its events). The store counts per day (Store.day_counts); here the days become the buckets of
one chart, so that the API, the page's chart and the table beside it show the same figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sitrep.link.index import StoryIndex
from sitrep.link.records import Story, StoryClaim
from sitrep.store import Store
from sitrep.store.store import DayCounts

BUCKETS = ("day", "week", "month")
#: The longest span drawn by day, then by week: a chart a few hundred pixels wide stays
#: readable to about a hundred bars (a quarter by day, two years by week).
DAILY_UP_TO = 92
WEEKLY_UP_TO = 731
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Series:
    """One line or stack of bars: ``key`` "articles", "events:<PLOVER type>", "asserted" or
    "denied" (claims first asserted, first denied), its ``label``, and one count per bucket."""

    key: str
    label: str
    counts: list[int]
    total: int


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """When a story claim was first asserted and first denied (publication days of the first
    articles to carry that stance), as bucket indexes into the timeline (None: not dated, or
    never)."""

    id: str
    text: str
    status: str
    asserted: str | None
    denied: str | None
    asserted_bucket: int | None
    denied_bucket: int | None


@dataclass(frozen=True, slots=True)
class Timeline:
    """Counts per bucket (``bucket``: day, week or month; ``buckets``: each one's first day,
    every bucket from the first to the last, empty ones included, so time runs evenly).
    ``undated``: what had no day, per series key; ``earlier``/``later``: events of a story
    dated before its first or after its last article (mentioned, not reported as news), per
    series key; ``claims``: a story's claims with the buckets they were first asserted and
    first denied in."""

    bucket: str
    buckets: list[str]
    series: list[Series]
    undated: dict[str, int]
    earlier: dict[str, int]
    later: dict[str, int]
    claims: list[ClaimMark]

    def to_dict(self) -> dict[str, Any]:
        return {
            "bucket": self.bucket,
            "buckets": self.buckets,
            "series": [
                {"key": s.key, "label": s.label, "counts": s.counts, "total": s.total}
                for s in self.series
            ],
            "undated": self.undated,
            "earlier": self.earlier,
            "later": self.later,
            "claims": [
                {
                    "id": c.id,
                    "text": c.text,
                    "status": c.status,
                    "asserted": c.asserted,
                    "denied": c.denied,
                    "asserted_bucket": c.asserted_bucket,
                    "denied_bucket": c.denied_bucket,
                }
                for c in self.claims
            ],
        }

    def rows(self) -> list[dict[str, Any]]:
        """The non-empty buckets as table rows: the bucket, articles, events (total and by
        type), and the claims first asserted and first denied in it."""
        events = [s for s in self.series if s.key.startswith("events:")]
        articles = next((s for s in self.series if s.key == "articles"), None)
        found = []
        for i, start in enumerate(self.buckets):
            by_type = [(s.label, s.counts[i]) for s in events if s.counts[i]]
            asserted = [c for c in self.claims if c.asserted_bucket == i]
            denied = [c for c in self.claims if c.denied_bucket == i]
            count = articles.counts[i] if articles else 0
            if count or by_type or asserted or denied:
                found.append(
                    {
                        "label": bucket_label(self.bucket, start),
                        "articles": count,
                        "events": sum(n for _, n in by_type),
                        "by_type": by_type,
                        "asserted": asserted,
                        "denied": denied,
                    }
                )
        return found

    def outside(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """What the buckets leave out, in words: (why, [(what, count)])."""
        labels = {s.key: s.label for s in self.series}
        found = []
        for why, counts in (
            ("undated", self.undated),
            ("dated before the first article", self.earlier),
            ("dated after the last article", self.later),
        ):
            if counts:
                found.append((why, [(_plural(labels.get(k, k), k), n) for k, n in counts.items()]))
        return found

    @property
    def empty(self) -> bool:
        return not self.buckets


def bucket_label(bucket: str, start: str) -> str:
    if bucket == "month":
        return start[:7]
    if bucket == "week":
        return f"week of {start}"
    return start


def timeline_of(
    store: Store,
    stories: StoryIndex,
    subject: str,
    subject_id: str,
    since: date | None = None,
    until: date | None = None,
) -> Timeline:
    """The timeline of a story, actor or place (``subject``), within ``since`` and ``until``
    (inclusive); one that does not exist raises SitrepError (E032 for a story, else E030)."""
    counts = store.day_counts(subject, subject_id, since=since, until=until)
    if subject == "story":
        return story_timeline(counts, stories.story(subject_id), since, until)
    if not counts.articles:
        # Every stored actor or place is named by an article: with none counted, it is named
        # only outside the dates asked, or it is unknown.
        (store.actor if subject == "actor" else store.place)(subject_id)
    return build(counts)


def story_timeline(
    counts: DayCounts, story: Story, since: date | None = None, until: date | None = None
) -> Timeline:
    """A story's timeline over the days its articles were published (within ``since`` and
    ``until``): events dated outside them are counted as earlier or later, so a war
    recalled from years before does not stretch the chart to years of empty bars."""
    published = [d for d in (_day(a.published) for a in story.articles) if d is not None]
    if not published:
        return build(counts, story.claims)
    first = max(min(published), since or date.min)
    last = min(max(published), until or date.max)
    if first > last:
        return build(DayCounts([], []))
    return build(counts, story.claims, (first, last))


def build(
    counts: DayCounts,
    claims: Sequence[StoryClaim] = (),
    window: tuple[date, date] | None = None,
) -> Timeline:
    """The timeline of ``counts`` and ``claims``, over ``window`` (first and last day) or,
    without one, from the first to the last dated item."""
    firsts = [(claim, *_firsts(claim)) for claim in claims]
    dated = [d for d in (_day(day) for day, _ in counts.articles) if d is not None]
    dated += [d for d in (_day(day) for day, _, _ in counts.events) if d is not None]
    dated += [d for _, asserted, denied in firsts for d in (asserted, denied) if d is not None]
    if window is None and dated:
        window = (min(dated), max(dated))
    if window is None:
        return Timeline("day", [], [], {}, {}, {}, [])
    tally = _Tally(_unit(*window), window)
    for day, n in counts.articles:
        tally.add("articles", "Articles", _day(day), n)
    # Event types in order of how many events each has, the biggest stack at the bottom.
    by_type: dict[str, int] = {}
    for _, kind, n in counts.events:
        by_type[kind] = by_type.get(kind, 0) + n
    for kind in sorted(by_type, key=lambda k: (-by_type[k], k)):
        for day, event_kind, n in counts.events:
            if event_kind == kind:
                tally.add(f"events:{kind}", kind.capitalize(), _day(day), n)
    marks = []
    for claim, asserted, denied in firsts:
        tally.add("asserted", "Claims first asserted", asserted, 1 if asserted else 0)
        tally.add("denied", "Claims first denied", denied, 1 if denied else 0)
        marks.append(
            ClaimMark(
                claim.id,
                claim.text,
                claim.status,
                asserted and asserted.isoformat(),
                denied and denied.isoformat(),
                tally.bucket(asserted),
                tally.bucket(denied),
            )
        )
    return Timeline(
        tally.unit,
        [s.isoformat() for s in tally.starts],
        tally.series(),
        tally.undated,
        tally.earlier,
        tally.later,
        marks,
    )


class _Tally:
    """Counts per series and ``unit`` bucket of ``window`` (first and last day), and those
    outside it."""

    def __init__(self, unit: str, window: tuple[date, date]) -> None:
        self.unit = unit
        self.window = window
        self.starts = _starts(unit, *window)
        self._index = {start: i for i, start in enumerate(self.starts)}
        self.counts: dict[str, list[int]] = {}
        self.labels: dict[str, str] = {}
        self.undated: dict[str, int] = {}
        self.earlier: dict[str, int] = {}
        self.later: dict[str, int] = {}

    def bucket(self, day: date | None) -> int | None:
        """The index of the bucket holding ``day``; None outside the window."""
        if day is None or not self.window[0] <= day <= self.window[1]:
            return None
        return self._index[_floor(self.unit, day)]

    def add(self, key: str, label: str, day: date | None, n: int) -> None:
        counts = self.counts.setdefault(key, [0] * len(self.starts))
        self.labels[key] = label
        bucket = self.bucket(day)
        if not n:
            return
        if bucket is not None:
            counts[bucket] += n
            return
        if day is None:
            outside = self.undated
        else:
            outside = self.earlier if day < self.window[0] else self.later
        outside[key] = outside.get(key, 0) + n

    def series(self) -> list[Series]:
        return [
            Series(key, self.labels[key], counts, sum(counts))
            for key, counts in self.counts.items()
        ]


def _plural(label: str, key: str) -> str:
    return f"{label.lower()} events" if key.startswith("events:") else label.lower()


def _firsts(claim: StoryClaim) -> tuple[date | None, date | None]:
    """The publication days of the first article asserting the claim and the first denying
    it (the propagation's order: by publication time, undated last)."""
    steps = claim.propagation.get("outlets", ())
    asserted = next(
        (d for s in steps if "asserts" in s["stances"] and (d := _day(s["published"]))), None
    )
    denial = claim.propagation.get("first_denial")
    return asserted, _day(denial["published"]) if denial else None


def _day(value: str | None) -> date | None:
    """The day an ISO date or timestamp names; None for none, or for a value that names no
    day (stored dates come from articles, which may carry anything)."""
    if not value or not _ISO_DAY.match(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _unit(first: date, last: date) -> str:
    span = (last - first).days
    if span <= DAILY_UP_TO:
        return "day"
    return "week" if span <= WEEKLY_UP_TO else "month"


def _floor(unit: str, day: date) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _starts(unit: str, first: date, last: date) -> list[date]:
    starts = []
    current = _floor(unit, first)
    while current <= last:
        starts.append(current)
        if unit == "month":
            current = (current + timedelta(days=32)).replace(day=1)
        else:
            current += timedelta(days=7 if unit == "week" else 1)
    return starts
