"""4. Attitudes toward another's claim: questioning idioms (found by ``sitrep_certainty``:
"analysts viewed the claim with caution", "cast doubt on the report") and responses received
("X faced criticism from Y": Y's attitude toward X).

Rules: ``questioning`` and ``received``.
"""

from __future__ import annotations

from sitrep.nlp.attribution.candidates import Candidate, Context
from sitrep.nlp.attribution.lexicon import CueLexicon
from sitrep.nlp.attribution.syntax import (
    PASSIVE_SUBJECT,
    RELATIVE,
    agent_of,
    chars,
    child_with,
    cue_chars,
    end_of,
    noun_phrase,
    prep_object,
    subject_of,
    subtree_chars,
)
from sitrep.nlp.certainty import QUESTIONING
from sitrep.nlp.doc import tokens_with


class Questioning:
    """Family 4a: the source of a questioning idiom questions the claim it names."""

    name = "questioning"

    def propose(self, context: Context, found: list[Candidate]) -> list[Candidate]:
        candidates = []
        for cue in context.doc.spans[QUESTIONING]:
            verb = cue[0]
            if any(c.dep_ in PASSIVE_SUBJECT for c in verb.children):
                source = agent_of(verb)
                claim = child_with(verb, PASSIVE_SUBJECT)
            else:
                source = subject_of(verb)
                claim = next(
                    (c for c in verb.children if c.dep_ == "dobj" and c.i < cue.end - 1), None
                )
            if claim is None:
                claim = prep_object(cue[-1], ("about", "on", "over", "of")) or prep_object(
                    verb, ("about", "on", "over")
                )
            if claim is None:
                continue
            candidates.append(
                Candidate(
                    "questioning",
                    chars(cue),
                    [subtree_chars(claim)],
                    noun_phrase(source) if source is not None else None,
                    "questions",
                    "speech",
                    "questioning",
                    verb.i,
                    claim.i,
                )
            )
        return candidates


class Received:
    """Family 4b: "X faced criticism (from Y) ...", "X came under scrutiny": X is what is
    responded to; Y, when named, the source."""

    name = "questioning"

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon

    def propose(self, context: Context, found: list[Candidate]) -> list[Candidate]:
        candidates = []
        for noun in tokens_with(context.doc, self.lexicon.responses):
            if noun.pos_ != "NOUN":
                continue
            # "faced criticism": the verb's object; "came under scrutiny": through its particle.
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            particle = noun.head.lower_ if noun.dep_ == "pobj" else None
            if (
                verb.pos_ != "VERB"
                or noun.dep_ not in ("dobj", "pobj")
                or self.lexicon.receiving.get(verb.lemma_.lower(), "") != particle
            ):
                continue
            target = subject_of(verb)
            if target is None or target.lower_ in RELATIVE:
                continue
            by = next(
                (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None
            )
            source = child_with(by, ("pobj",)) if by is not None else None
            candidates.append(
                Candidate(
                    "received",
                    (cue_chars(verb)[0], end_of(noun)),
                    [subtree_chars(target)],
                    noun_phrase(source) if source is not None else None,
                    "asserts",
                    "attitude",
                    "verb",
                    verb.i,
                    target.i,
                )
            )
        return candidates
