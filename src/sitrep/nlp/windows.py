"""Long articles in windows: where a body is cut, and how the windows' reports become one.

One Doc of a whole long article takes memory and time that grow faster than its length (some
6 GB for 1.99 MB of news), so a body longer than a window is analyzed as several Docs, one
after another, each of a window of text cut at a paragraph break (else at a sentence's end,
else at whitespace). Each window's doc starts at its own offset in ``article.text`` (``doc._.offset``),
so its records already index the whole article; merging only joins what the windows share:
one actor or place named in two windows is one record, and the ids that number a report's
times, events and claims are numbered anew across the windows, with every reference to them.

What a window cannot see is the text of the others: a description ("the militants") resolves
only to an actor named in its own window, and one happening reported in two windows is two
events. A window is long enough (some twenty paragraphs) for that to be rare.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import replace

from sitrep.model import (
    Actor,
    Article,
    ArticleReport,
    Attribution,
    Claim,
    Event,
    Hedge,
    Place,
    TimeRef,
    UnplacedName,
)

#: Characters per window: ordinary news articles fit in one (they are analyzed whole, as they
#: always were), and a window's analysis takes about a second and some 100 MB beyond the
#: model's (bench/bench_size.py).
WINDOW_CHARS = 25_000

# Where a window may end, best first; each ends after the whitespace it matches, so the next
# window starts on a word and no token is ever cut.
_PARAGRAPH = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")
_BOUNDARIES = (_PARAGRAPH, _SENTENCE, _SPACE)


def window_bounds(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """Half-open ``[start, end)`` ranges that cover ``text`` end to end, in order, each at most
    ``size`` characters: one range for a text that fits, else cuts at the last paragraph break
    of a window's second half, else its last sentence end, else its last whitespace. Only a run
    of over ``size / 2`` characters without whitespace is cut where the window ends."""
    bounds = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def article_windows(article: Article, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """The windows of ``article``'s body as ``[start, end)`` ranges of ``article.text``."""
    return [
        (article.body_start + start, article.body_start + end)
        for start, end in window_bounds(article.body, size)
    ]


def _cut(text: str, start: int, limit: int) -> int:
    # The second half only: a window cut early at a break near its start would be a sliver.
    middle = start + (limit - start) // 2
    for boundary in _BOUNDARIES:
        last = deque(boundary.finditer(text, middle, limit), maxlen=1)
        if last:
            return last[0].end()
    return limit


def merge_reports(article: Article, reports: list[ArticleReport]) -> ArticleReport:
    """One report of ``article`` from the reports of its windows, in text order: actors and
    places with one id become one record (mentions in text order, a person's title from the
    first window that gives one); times, events, attributions and claims follow one another,
    numbered anew (``t1``, ``e1``, ``a1``, ``c1`` ...) with every reference to them, and so do
    hedges and unplaced names."""
    actors: dict[str, Actor] = {}
    places: dict[str, Place] = {}
    times: list[TimeRef] = []
    events: list[Event] = []
    attributions: list[Attribution] = []
    claims: list[Claim] = []
    hedges: list[Hedge] = []
    unplaced: list[UnplacedName] = []
    for report in reports:
        for actor in report.actors:
            known = actors.setdefault(actor.id, actor)
            if known is not actor:
                actors[actor.id] = replace(
                    known,
                    mentions=known.mentions + actor.mentions,
                    title=known.title or actor.title,
                )
        for place in report.places:
            known = places.setdefault(place.id, place)
            if known is not place:
                places[place.id] = replace(known, mentions=known.mentions + place.mentions)
        time_ids = _new_ids(report.times, "t", len(times))
        event_ids = _new_ids(report.events, "e", len(events))
        claim_ids = _new_ids(report.claims, "c", len(claims))
        attribution_ids = _new_ids(report.attributions, "a", len(attributions))
        attributions += [_renumbered(a, attribution_ids) for a in report.attributions]
        hedges += report.hedges
        unplaced += report.unplaced
        times += [replace(time, id=time_ids[time.id]) for time in report.times]
        events += [
            replace(
                event,
                id=event_ids[event.id],
                time=_ref(time_ids, event.time),
                claim=_ref(claim_ids, event.claim),
            )
            for event in report.events
        ]
        claims += [
            replace(
                claim,
                id=claim_ids[claim.id],
                event=_ref(event_ids, claim.event),
                attributions=tuple(_renumbered(a, attribution_ids) for a in claim.attributions),
            )
            for claim in report.claims
        ]
    return ArticleReport(
        article=article,
        actors=tuple(actors.values()),
        places=tuple(places.values()),
        times=tuple(times),
        events=tuple(events),
        claims=tuple(claims),
        attributions=tuple(attributions),
        hedges=tuple(hedges),
        unplaced=tuple(unplaced),
    )


def _new_ids(
    items: tuple[TimeRef | Event | Attribution | Claim, ...], prefix: str, before: int
) -> dict[str, str]:
    """A window's ids -> the report's: numbered on from the ``before`` records of earlier
    windows."""
    return {item.id: f"{prefix}{before + n}" for n, item in enumerate(items, start=1)}


def _renumbered(attribution: Attribution, ids: dict[str, str]) -> Attribution:
    return replace(attribution, id=ids[attribution.id], within=_ref(ids, attribution.within))


def _ref(ids: dict[str, str], old: str | None) -> str | None:
    return None if old is None else ids[old]
