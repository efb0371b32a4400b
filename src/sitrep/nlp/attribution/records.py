"""The report's attributions: one :class:`~sitrep.model.Attribution` record per frame, in text
order ("a1", "a2", ...), with the hedges that qualify it, the verification statements about it,
its confidence, the attribution it lies within, and the article's outlet as the last relay.

Claims take these same records (by id), so a user reads one account of each attribution."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from sitrep.model import Attribution, Span, Verification, Via
from sitrep.nlp.attribution.confidence import Calibration
from sitrep.nlp.attribution.frames import AttributionFrame
from sitrep.nlp.certainty import Hedge, VerificationStatement
from sitrep.nlp.doc import make_span
from sitrep.nlp.intervals import Intervals


@dataclass(frozen=True, slots=True)
class CheckTarget:
    """What a verification statement may be about: one attribution, or a claim's several."""

    first: int  # character of the first cue
    last: int  # character of the last cue
    source_lemmas: frozenset[str | None]  # the sources' head words ("video")
    lemmas: frozenset[str]  # the words of what is reported, lower-cased lemmas


def assign_checks(
    targets: Sequence[CheckTarget], checks: list[VerificationStatement]
) -> list[list[VerificationStatement]]:
    """The checks about each target: a check of an artefact ("the video could not be
    verified") is about every target that rests on it; a check of a proposition about the
    targets that name its head word; any other check about the target reported last before
    it."""
    by_target: list[list[VerificationStatement]] = [[] for _ in targets]
    # Each target's words are read once, not once per check: a long article has many of both.
    sources = _by_word(t.source_lemmas for t in targets)
    words: dict[str, list[int]] | None = None
    for check in checks:
        lemma = check.target_lemma
        owners = sources.get(lemma, []) if lemma else []
        if not owners and lemma:
            if words is None:
                words = _by_word(t.lemmas for t in targets)
            owners = words.get(lemma, [])
        if not owners:
            before = [(t.last, i) for i, t in enumerate(targets) if t.first < check.start]
            owners = [max(before)[1]] if before else []
        for i in owners:
            by_target[i].append(check)
    return by_target


def _by_word(word_sets: Iterable[Iterable[str | None]]) -> dict[str, list[int]]:
    """Each word -> the indices, in order, of the word sets that hold it."""
    found: dict[str, list[int]] = {}
    for i, words in enumerate(word_sets):
        for word in words:
            if word:
                found.setdefault(word, []).append(i)
    return found


def attribution_records(
    doc: Doc,
    frames: list[AttributionFrame],
    hedges: list[Hedge],
    checks: list[VerificationStatement],
    calibration: Calibration,
    outlet: tuple[str, str | None] | None,
) -> list[Attribution]:
    """The records of ``frames`` (in text order, chains made), given the article's hedges,
    its verification statements that count and its outlet."""
    # A target's words come from its content's tokens: read only when there is a check.
    targets = [_target(doc, frame) for frame in frames] if checks else []
    verified = assign_checks(targets, checks) if checks else [[] for _ in frames]
    by_place = Intervals((h.start, h.end, h) for h in hedges)
    return [
        Attribution(
            id=attribution_id(i),
            source=frame.actor,
            source_text=frame.source_text,
            source_span=make_span(doc, *frame.source) if frame.source is not None else None,
            source_kind=frame.source_kind,
            cue=make_span(doc, *frame.cue),
            stance=frame.stance,
            kind=frame.kind,
            content=_content(doc, frame),
            content_pieces=tuple(make_span(doc, s, e) for s, e in frame.content),
            via=_via(frame, outlet),
            rule=frame.rule,
            confidence=calibration.confidence(frame.rule),
            hedges=tuple(
                make_span(doc, h.start, h.end)
                for h in by_place.within(*frame.extent)
                if hedges_frame(h, frame)
            ),
            verification=tuple(
                Verification(c.by_text, c.status, make_span(doc, c.start, c.end), c.by)
                for c in verified[i]
            ),
            within=attribution_id(frame.within) if frame.within is not None else None,
            relay=frame.relay,
        )
        for i, frame in enumerate(frames)
    ]


def _content(doc: Doc, frame: AttributionFrame) -> Span:
    """From the first to the last character reported; where the cue reports speech with no
    words found for it ("he said."), an empty span at the cue's end."""
    if not frame.content:
        return make_span(doc, frame.cue[1], frame.cue[1])
    return make_span(doc, frame.content[0][0], frame.content[-1][1])


def attribution_id(index: int) -> str:
    """The id of the frame at ``index`` (0-based, in text order): "a1", "a2", ..."""
    return f"a{index + 1}"


def _target(doc: Doc, frame: AttributionFrame) -> CheckTarget:
    lemmas = {
        t.lemma_.lower()
        for s, e in frame.content
        if (span := doc.char_span(s, e, alignment_mode="contract")) is not None
        for t in span
    }
    return CheckTarget(
        frame.cue[0], frame.cue[0], frozenset({frame.source_lemma}), frozenset(lemmas)
    )


def hedges_frame(hedge: Hedge, frame: AttributionFrame) -> bool:
    """Whether ``hedge`` qualifies ``frame``: a modal or a condition inside its content ("may",
    "if"), any other hedge anywhere from its source to its content ("reportedly said", "is
    believed to have said", the cue "believe" itself)."""
    if hedge.scope == "content":
        return any(s <= hedge.start and hedge.end <= e for s, e in frame.content)
    start, end = frame.extent
    return start <= hedge.start and hedge.end <= end


def _via(frame: AttributionFrame, outlet: tuple[str, str | None] | None) -> tuple[Via, ...]:
    """The frame's relays and, last, the outlet that published the article (unless the outlet
    is the source itself, or already the last relay)."""
    via = list(frame.via)
    if outlet is not None:
        name, outlet_id = outlet
        is_source = (
            outlet_id is not None and frame.actor == outlet_id
        ) or frame.source_text.casefold() == name.casefold()
        if not is_source and (not via or (via[-1].source_text, via[-1].source) != outlet):
            via.append(Via(name, outlet_id))
    return tuple(via)
