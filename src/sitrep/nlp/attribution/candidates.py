"""What the rule families share: the candidate attribution each proposes, naming its rule,
and the doc's context they read.

Every family is an object built once per pipeline from its lexicons, with one method,
``propose(context, found)``: it returns the
candidates it finds in ``context.doc``, given the candidates the families before it ``found``
(a later family defers to an earlier one's cue, or extends its report). The component runs the
families in a fixed order, resolves the candidates' sources and keeps one frame per cue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from sitrep.nlp.attribution.resolver import SourceResolver
from sitrep.nlp.attribution.syntax import Chars
from sitrep.nlp.attribution.text import Lines, Quote


@dataclass
class Candidate:
    """An attribution before its source is resolved and its chain is known."""

    rule: str  # the rule that proposed it ("verb", "according_to", "speaker_label", ...)
    cue: Chars
    content: list[Chars]
    source: SpacySpan | None
    stance: str  # asserts | denies | questions
    kind: str  # speech | belief | evidence | directive | commitment | attitude
    form: str  # verb | according | citing | artefact | questioning | headline | signature | label
    head: int  # token index of the cue's head word
    content_head: int | None  # token index of the content's head word, when syntactic
    relays: list[SpacySpan] = field(default_factory=list)  # nearest first
    relay: bool = False  # only passes on another candidate's report
    check: bool = False  # a failed check ("could not confirm"): a verification if media checked
    source_lemma: str | None = None  # set when the source speaks through an artefact ("video")
    family: str = ""  # the family's name, set by the component ("cues" for "cues.verb")


@dataclass(frozen=True)
class Context:
    """One doc as the families read it."""

    doc: Doc
    lines: Lines
    quotes: list[Quote]
    resolver: SourceResolver

    @property
    def text(self) -> str:
        return self.lines.text


class Family(Protocol):
    name: str  # the family's name in rule names ("cues" in "cues.verb")

    def propose(self, context: Context, found: list[Candidate]) -> list[Candidate]: ...


#: the rules of the cue-word family (cues.py): the reports a later family may relay or defer to
CUE_RULES = frozenset(
    rule
    for base in ("verb", "adjective", "noun", "light_verb_noun", "governed")
    for rule in (base, f"learned_{base}")
)


def cued(found: list[Candidate]) -> dict[int, Candidate]:
    """The cue-word family's candidates by the token index of their cue word."""
    return {c.head: c for c in found if c.rule in CUE_RULES}
