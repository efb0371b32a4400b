"""Chains: a frame whose cue lies in another's content reached the article through that
other frame's source. In "[the ministry denied ...], according to Interfax" the ministry is the
source and Interfax a relay (``via``, nearest first), and the ministry's frame is ``within``
Interfax's."""

from __future__ import annotations

import bisect
from dataclasses import replace

from sitrep.model import Via
from sitrep.nlp.attribution.frames import AttributionFrame
from sitrep.nlp.attribution.syntax import Chars

#: the share of an outer frame's content that an inner report must cover for the outer frame
#: to only relay it (otherwise the outer source reports more than the inner report)
RELAY_SHARE = 0.5


def chain(frames: list[AttributionFrame]) -> list[AttributionFrame]:
    """``frames`` with each one's relays added to its ``via`` and the innermost frame whose
    content holds its cue as ``within``; the outer frame is a relay (``relay``) when the inner
    frame heads its content or is most of it."""
    relays: set[int] = set()
    chained = []
    sourced = _Contents(frames, sourced=True)
    every = _Contents(frames, sourced=False)
    for j, inner in enumerate(frames):
        within = _innermost(j, frames, every)
        if within is not None:
            inner = replace(inner, within=within)
        outer = [(i, frames[i]) for i in sourced.holding(inner.cue) if i != j]
        outer.sort(key=lambda item: _size(item[1].content))
        via = list(inner.via)
        for i, frame in outer:
            via.append(Via(frame.source_text, frame.actor))
            via.extend(frame.via)
            heads = (
                frame.content_head == inner.head or _covered(inner, frame.content) >= RELAY_SHARE
            )
            if heads and inner.source is not None:
                relays.add(i)
        via = tuple(_unique_via(via))
        chained.append(inner if via == inner.via else replace(inner, via=via))
    return [replace(frame, relay=True) if i in relays else frame for i, frame in enumerate(chained)]


class _Contents:
    """The content pieces of the frames (those that name a source, with ``sourced``), by
    start: the pieces that hold a cue start at most the longest piece's length before it, so
    each cue is looked up among the few pieces near it rather than among all."""

    def __init__(self, frames: list[AttributionFrame], sourced: bool) -> None:
        self.pieces = sorted(
            (start, end, i)
            for i, frame in enumerate(frames)
            if frame.source is not None or not sourced
            for start, end in frame.content
        )
        self.starts = [start for start, _, _ in self.pieces]
        self.longest = max((end - start for start, end, _ in self.pieces), default=0)

    def holding(self, span: Chars) -> list[int]:
        """The indices, in order, of the frames one of whose content pieces holds ``span``."""
        low = bisect.bisect_left(self.starts, span[1] - self.longest)
        high = bisect.bisect_right(self.starts, span[0])
        return sorted({i for start, end, i in self.pieces[low:high] if end >= span[1]})


def _innermost(j: int, frames: list[AttributionFrame], contents: _Contents) -> int | None:
    """The index of the smallest frame whose content holds frame ``j``'s cue. Only a larger
    content can hold another frame, so that no two frames are within each other."""
    size = _size(frames[j].content)
    holding = [
        (_size(frames[i].content), i)
        for i in contents.holding(frames[j].cue)
        if _size(frames[i].content) > size
    ]
    return min(holding)[1] if holding else None


def _unique_via(via: list[Via]) -> list[Via]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for item in via:
        key = (item.source_text, item.source)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _size(pieces: tuple[Chars, ...]) -> int:
    return sum(end - start for start, end in pieces)


def _covered(inner: AttributionFrame, pieces: tuple[Chars, ...]) -> float:
    start, end = inner.extent
    overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in pieces)
    return overlap / max(_size(pieces), 1)
