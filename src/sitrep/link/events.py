"""A story's events: the events its articles report of one happening, grouped across outlets,
with every casualty figure each outlet gives side by side (who gives it, in which article, in
which words) and ACLED's count of the killed, the most conservative figure any of them gives.

Two articles' events are one happening when they are of one type and nothing of theirs
conflicts: the same place (or one names none), the same day (or one gives none), the same
actor and recipient where both name one. One article's events are already one per happening
(sitrep.nlp.events.merging), so a group holds at most one event of each article. Only events
that carry a figure are grouped: the figures are what outlets compete on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sitrep.model import Casualty, Event


@dataclass(frozen=True, slots=True)
class StoryFigure:
    """One outlet's figure for a story event: the ``casualty`` as its article gives it (with
    its source and span), in which ``article`` and ``event``, from which ``outlet``."""

    casualty: Casualty
    article: str
    event: str
    outlet: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.casualty.to_dict(),
            "article": self.article,
            "event": self.event,
            "outlet": self.outlet,
        }


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """Events of several articles of a story that report one happening, with their figures."""

    id: str
    type: str
    mode: str | None
    place: str | None
    day: str | None
    members: tuple[tuple[str, str], ...]  # (article id, event id), in link order
    figures: tuple[StoryFigure, ...]

    @property
    def fatalities(self) -> int | None:
        """ACLED's fatalities: the least lower bound of the killed any outlet's source gives
        ("up to 30", with none, counts nothing); None when none gives one."""
        return min(
            (c.low for c in self._casualties if c.kind == "killed" and c.low is not None),
            default=None,
        )

    @property
    def _casualties(self) -> list[Casualty]:
        return [f.casualty for f in self.figures]

    @property
    def competing(self) -> list[str]:
        """The kinds of figure on which the outlets' sources differ."""
        bounds: dict[str, set[tuple[int | None, int | None]]] = {}
        for casualty in self._casualties:
            bounds.setdefault(casualty.kind, set()).add((casualty.low, casualty.high))
        return sorted(kind for kind, found in bounds.items() if len(found) > 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "place": self.place,
            "day": self.day,
            "members": [{"article": a, "event": e} for a, e in self.members],
            "casualties": [f.to_dict() for f in self.figures],
            "competing": self.competing,
            "fatalities": self.fatalities,
        }


def story_events(rows: Iterable[dict[str, Any]]) -> dict[str, list[StoryEvent]]:
    """Story id -> its events with figures, from member event rows in link order (each:
    ``story_id``, ``article_id``, ``outlet``, ``type``, ``place_id``, ``day``, ``record``,
    the event's JSON)."""
    groups: dict[str, list[list[tuple[dict[str, Any], Event]]]] = {}
    for row in rows:
        event = Event.from_dict(json.loads(row["record"]))
        if not event.casualties:
            continue
        story = groups.setdefault(row["story_id"], [])
        home = next((g for g in story if _joins(g, row, event)), None)
        if home is None:
            story.append([(row, event)])
        else:
            home.append((row, event))
    return {
        story: [_story_event(f"se{n}", group) for n, group in enumerate(found, start=1)]
        for story, found in groups.items()
    }


def _joins(group: list[tuple[dict[str, Any], Event]], row: dict[str, Any], event: Event) -> bool:
    for other_row, other in group:
        if other_row["article_id"] == row["article_id"] or other.type != event.type:
            return False
        pairs = (
            (other_row["place_id"], row["place_id"]),
            (other_row["day"], row["day"]),
            (other.actor, event.actor),
            (other.recipient, event.recipient),
        )
        if any(a is not None and b is not None and a != b for a, b in pairs):
            return False
    return True


def _story_event(event_id: str, group: list[tuple[dict[str, Any], Event]]) -> StoryEvent:
    first_row, first = group[0]
    return StoryEvent(
        id=event_id,
        type=first.type,
        mode=next((e.mode for _, e in group if e.mode), None),
        place=next((r["place_id"] for r, _ in group if r["place_id"]), None),
        day=next((r["day"] for r, _ in group if r["day"]), None),
        members=tuple((r["article_id"], e.id) for r, e in group),
        figures=tuple(
            StoryFigure(c, row["article_id"], event.id, row["outlet"])
            for row, event in group
            for c in event.casualties
        ),
    )


def fatalities_by_event(events: dict[str, list[StoryEvent]]) -> dict[tuple[str, str], int]:
    """(article id, event id) -> the story event's fatalities, for every member of a story
    event whose outlets give a count of the killed."""
    return {
        member: found.fatalities
        for story in events.values()
        for found in story
        if found.fatalities is not None
        for member in found.members
    }
