"""An event mention: one trigger in the parse, as the rule families fill it in before mentions
of the same happening are merged. Each family records the rule that decided what it set."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from sitrep.nlp.doc import sentence_numbers
from sitrep.nlp.events.lexicon import TriggerEntry

MODALITIES = ("asserted", "future", "hypothetical")


def stronger(current: str, kind: str) -> str:
    """Hypothetical outranks future outranks asserted ("would have agreed to")."""
    return max(current, kind, key=MODALITIES.index)


@dataclass(slots=True)
class Mention:
    """One trigger in the parse, before mentions of the same happening are merged. The
    ``*_rule`` fields name the rule of the family that set the field next to them."""

    token: Token
    entry: TriggerEntry
    type: str
    mode: str | None
    extra: tuple[Token, ...] = ()  # the other words of a multiword trigger ("taken hostage")
    clause: Token | None = None  # the obliged clause of "X said Y must ..."
    actor: str | None = None
    recipient: str | None = None
    actor_span: tuple[int, int] | None = None
    recipient_span: tuple[int, int] | None = None
    actor_head: Token | None = None
    actor_rule: str | None = None
    recipient_rule: str | None = None
    retyped: str | None = None  # the PLOVER convention that changed the entry's type
    negated: bool = False
    modality: str = "asserted"
    governor: Token | None = None
    governor_kind: str | None = None
    questioned: bool = False  # an open question ("whether ...")
    denied_by: str | None = None  # who denies it, when a denial verb negates it ("" unnamed)
    cues: list[str] = field(default_factory=list)  # the factuality rules that applied, in order
    tokens: set[int] = field(default_factory=set)  # triggers merged in the same sentence
    casualties: list = field(default_factory=list)  # casualties.Figure, in text order
    place: str | None = None
    # Where it happened when that is a name the gazetteer could not place (doc characters).
    place_name: tuple[int, int] | None = None
    time: str | None = None
    place_rule: str | None = None
    time_rule: str | None = None
    sentence: int = field(init=False)  # the trigger's sentence number (see sentence_numbers)

    def __post_init__(self) -> None:
        self.sentence = sentence_numbers(self.token.doc)[self.token.i]

    @property
    def factuality(self) -> str:
        """One of FACTUALITIES, from the words around this mention alone."""
        if self.negated:
            return "denied" if self.denied_by is not None else "negated"
        if self.questioned:
            return "questioned"
        return self.modality

    @property
    def rule(self) -> str:
        """The trigger rule: the lexicon entry ("ASSAULT#3") or the construction that made it."""
        return self.entry.name
