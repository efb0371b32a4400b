"""Chains: a frame whose cue lies in another's content reached the article through that
other frame's source. In "[the ministry denied ...], according to Interfax" the ministry is the
source and Interfax a relay (``via``, nearest first), and the ministry's frame is ``within``
Interfax's."""

from __future__ import annotations

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
    sourced = [(i, f) for i, f in enumerate(frames) if f.source is not None]
    for inner in frames:
        within = _innermost(inner, frames)
        if within is not None:
            inner = replace(inner, within=within)
        outer = [(i, f) for i, f in sourced if f is not inner and _within(inner.cue, f.content)]
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


def _innermost(inner: AttributionFrame, frames: list[AttributionFrame]) -> int | None:
    """The index of the smallest frame whose content holds ``inner``'s cue. Only a larger
    content can hold another frame, so that no two frames are within each other."""
    size = _size(inner.content)
    holding = [
        (_size(f.content), i)
        for i, f in enumerate(frames)
        if _size(f.content) > size and _within(inner.cue, f.content)
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


def _within(span: Chars, pieces: tuple[Chars, ...]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in pieces)


def _size(pieces: tuple[Chars, ...]) -> int:
    return sum(end - start for start, end in pieces)


def _covered(inner: AttributionFrame, pieces: tuple[Chars, ...]) -> float:
    start, end = inner.extent
    overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in pieces)
    return overlap / max(_size(pieces), 1)
