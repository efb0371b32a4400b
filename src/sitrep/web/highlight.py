"""An article's text cut into segments for highlighting, each with the items that cover it.

The page is built from these segments by the template, which escapes every segment's text:
markup is never assembled from article text by string concatenation. Spans overlap freely
(a claim's content holds actor mentions), so the text is cut at every span boundary and each
piece carries the kinds of all spans over it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.model import ArticleReport, Attribution, Span


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span: its kind (a CSS class), the anchor id the item lists link to,
    the claim it is evidence for, and a tooltip."""

    start: int
    end: int
    kind: str
    anchor: str
    claim: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text with the kinds, claims and tooltip of the spans over it, and the
    anchors of those that start here. ``quote``: it starts a claim's quote, a stop of the
    keyboard's Tab order (one per quote, however many pieces the quote is cut into)."""

    text: str
    kinds: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    title: str | None = None
    quote: bool = False

    @property
    def classes(self) -> str:
        return " ".join(f"hl-{kind}" for kind in self.kinds)


def claim_anchor(index: int) -> str:
    return f"c{index}"


def quote_anchor(attribution_id: str) -> str:
    """The anchor of an attribution's quote (its content) in the article's text, which a
    story's claim board links to."""
    return f"{attribution_id}-quote"


def content_anchor(claim_index: int, k: int, attribution: Attribution) -> str:
    """The anchor of the ``k``-th attribution's content of a claim: by the attribution's id;
    in reports stored before attributions had ids, by position."""
    if attribution.id:
        return quote_anchor(attribution.id)
    return f"{claim_anchor(claim_index)}-{k}"


def marks(report: ArticleReport) -> list[Mark]:
    """Every span of the report as a mark; anchors are stable per report (kind + index)."""
    found: list[Mark] = []
    for i, actor in enumerate(report.actors):
        tip = f"{actor.name} ({actor.kind.replace('_', ' ')})"
        found += [_mark(m, "actor", f"a{i}-{j}", title=tip) for j, m in enumerate(actor.mentions)]
    for i, place in enumerate(report.places):
        tip = f"{place.name} ({place.feature}, {place.lat:.2f}, {place.lon:.2f})"
        found += [_mark(m, "place", f"p{i}-{j}", title=tip) for j, m in enumerate(place.mentions)]
    for i, time in enumerate(report.times):
        found.append(_mark(time.span, "time", f"t{i}", title=time.value))
    for i, event in enumerate(report.events):
        found.append(_mark(event.trigger, "event", f"e{i}", title=f"{event.type} event"))
    for attribution in report.attributions:
        tip = f"{attribution.source_text or 'no source'} {attribution.stance} ({attribution.rule})"
        found.append(_mark(attribution.cue, "cue", f"{attribution.id}-cue", title=tip))
    for i, claim in enumerate(report.claims):
        anchor = claim_anchor(i)
        for k, attribution in enumerate(claim.attributions):
            tip = f"{attribution.source_text} {attribution.stance}"
            content = content_anchor(i, k, attribution)
            found.append(_mark(attribution.content, "claim", content, anchor, tip))
            found.append(_mark(attribution.cue, "cue", f"{anchor}-cue{k}", anchor, tip))
        for k, hedge in enumerate(claim.hedges):
            found.append(_mark(hedge, "hedge", f"{anchor}-h{k}", anchor, "hedge"))
        for k, check in enumerate(claim.verification):
            tip = f"{check.status} by {check.by_text}"
            found.append(_mark(check.span, "verification", f"{anchor}-v{k}", anchor, tip))
    return found


def segments(text: str, found: list[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; marks outside the text or empty are dropped."""
    valid = [m for m in found if 0 <= m.start < m.end <= len(text)]
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    for mark in valid:
        starts.setdefault(mark.start, []).append(mark)
        ends.setdefault(mark.end, []).append(mark)
    cuts = sorted({0, len(text), *starts, *ends})
    active: dict[int, Mark] = {}
    result: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        for mark in ends.get(left, ()):
            active.pop(id(mark), None)
        opening = starts.get(left, ())
        for mark in opening:
            active[id(mark)] = mark
        covering = list(active.values())
        result.append(
            Segment(
                text=text[left:right],
                kinds=tuple(sorted({m.kind for m in covering})),
                claims=tuple(sorted({m.claim for m in covering if m.claim})),
                anchors=tuple(m.anchor for m in opening),
                # The innermost (shortest) span names the segment best.
                title=min(covering, key=lambda m: m.end - m.start).title if covering else None,
                quote=any(m.kind == "claim" for m in opening),
            )
        )
    return result


def _mark(
    span: Span, kind: str, anchor: str, claim: str | None = None, title: str | None = None
) -> Mark:
    return Mark(span.start, span.end, kind, anchor, claim, title)
