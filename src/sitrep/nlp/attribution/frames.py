"""The component's working form of an attribution: one :class:`AttributionFrame` each, kept on
the doc in its JSON form (``doc._.attribution_frames``, offsets into ``article.text``) and read
back with :func:`attribution_frames` (offsets into the doc's text, as its tokens index). Claims
read the frames; the report gets their records (records.py), one per frame, in the same order."""

from __future__ import annotations

from dataclasses import dataclass, fields

from spacy.tokens import Doc

from sitrep.model import Via
from sitrep.nlp.attribution.syntax import Chars


@dataclass(frozen=True, slots=True)
class AttributionFrame:
    """One attribution; offsets are doc-relative characters (``make_span`` shifts them)."""

    cue: Chars
    content: tuple[Chars, ...]  # one piece, or several for a quote split around its speaker
    source: Chars | None  # the words naming the source, as written; None when agentless
    source_text: str  # who: the words as written, or a pronoun's antecedent
    actor: str | None  # actor id of the source
    stance: str  # asserts | denies | questions
    kind: str  # speech | belief | evidence | directive | commitment | attitude
    form: str  # verb | according | citing | artefact | questioning | signature | label
    head: int  # token index of the cue's head word
    content_head: int | None  # token index of the content's head word, when syntactic
    rule: str  # the rule that proposed it (see the family modules)
    via: tuple[Via, ...] = ()  # relays in the text, nearest first (the outlet is added by claims)
    relay: bool = False  # only passes on another frame's report ("according to Interfax")
    source_lemma: str | None = None  # head word of the source ("video"), lower-cased
    source_kind: str | None = None  # an actor's kind, or document | unnamed | pronoun
    within: int | None = None  # index of the frame whose content holds this one's cue

    @property
    def extent(self) -> Chars:
        """From the first to the last character of source, cue and content."""
        points = [*self.cue, *(p for piece in self.content for p in piece)]
        if self.source is not None:
            points.extend(self.source)
        return min(points), max(points)

    def to_dict(self, offset: int) -> dict:
        """Its JSON form, its character offsets shifted by ``offset`` (to index article.text)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["cue"] = list(_shift(self.cue, offset))
        data["content"] = [list(_shift(piece, offset)) for piece in self.content]
        data["source"] = list(_shift(self.source, offset)) if self.source is not None else None
        data["via"] = [v.to_dict() for v in self.via]
        return data

    @classmethod
    def from_dict(cls, data: dict, offset: int) -> AttributionFrame:
        """The frame of :meth:`to_dict`, its offsets shifted back by ``offset``."""
        values = dict(data)
        values["cue"] = _shift(data["cue"], -offset)
        values["content"] = tuple(_shift(piece, -offset) for piece in data["content"])
        source = data["source"]
        values["source"] = _shift(source, -offset) if source is not None else None
        values["via"] = tuple(Via.from_dict(v) for v in data["via"])
        return cls(**values)


def _shift(piece: Chars | list[int], offset: int) -> Chars:
    return piece[0] + offset, piece[1] + offset


def keep_frames(doc: Doc, frames: list[AttributionFrame]) -> None:
    """Keeps ``frames`` on the doc in their JSON form, offsets into ``article.text``."""
    offset = doc._.offset or 0
    doc._.attribution_frames = [frame.to_dict(offset) for frame in frames]


def attribution_frames(doc: Doc) -> list[AttributionFrame]:
    """The doc's attributions in text order, offsets into the doc's text."""
    offset = doc._.offset or 0
    return [AttributionFrame.from_dict(data, offset) for data in doc._.attribution_frames or ()]
