"""3. Relayed reports: "..., citing X". The clause's subject only passes X's report on, so X
is the source and the subject a relay; citing a reason ("citing a threat to health") is the
subject's own statement.

Rules: ``citing`` (X relayed; a cue-word report of the same clause becomes a relay) and
``citing_reason`` (the subject speaks, the object is what it says).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.nlp.actors import actor_for
from sitrep.nlp.attribution.candidates import Candidate, Context, cued
from sitrep.nlp.attribution.lexicon import CueLexicon
from sitrep.nlp.attribution.syntax import (
    SPEAKER_ENTITIES,
    child_with,
    clause_without,
    cue_chars,
    end_of,
    minus,
    noun_phrase,
    subject_of,
    subtree_chars,
)
from sitrep.nlp.doc import tokens_with


class Citing:
    """Family 3: "..., citing X"."""

    name = "citing"

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon
        # The lemmas of a person, body or artefact that speaks.
        self.source_words = (
            lexicon.spokespersons | lexicon.persons | lexicon.bodies | lexicon.documents
        )

    def propose(self, context: Context, found: list[Candidate]) -> list[Candidate]:
        """Also marks the cue-word candidate whose report a citing phrase relays (``relay``)
        and cuts the phrase out of its content."""
        doc, text = context.doc, context.text
        reports = cued(found)
        candidates = []
        for token in tokens_with(doc, self.lexicon.citing):
            if token.tag_ != "VBG":
                continue
            cited = child_with(token, ("dobj", "pobj"))
            if cited is None:
                continue
            if not self._names_a_source(doc, cited):
                # "..., citing the release of prisoners": the subject gives a reason, the
                # object is what it says (PolNeAR), not whom it relays.
                subject = subject_of(token)
                candidates.append(
                    Candidate(
                        "citing_reason",
                        cue_chars(token),
                        [subtree_chars(cited)],
                        noun_phrase(subject) if subject is not None else None,
                        "asserts",
                        "speech",
                        "verb",
                        token.i,
                        cited.i,
                    )
                )
                continue
            head = token.head
            relayed = reports.get(head.i) or next(
                (c for c in reports.values() if c.content_head == head.i), None
            )
            if relayed is not None:
                content = minus(
                    text, relayed.content, (token.left_edge.idx, end_of(token.right_edge))
                )
                relayed.content = content
                content_head = relayed.content_head
                relays = [relayed.source] if relayed.source is not None else []
                relayed.relay = True
                stance, kind = relayed.stance, relayed.kind
            else:
                verb = head if head.pos_ in ("VERB", "AUX") else None
                content = clause_without(verb, doc[token.i : token.right_edge.i + 1])
                content_head = verb.i if verb is not None else None
                relays, stance, kind = [], "asserts", "speech"
            if content:
                candidates.append(
                    Candidate(
                        "citing",
                        cue_chars(token),
                        content,
                        noun_phrase(cited),
                        stance,
                        kind,
                        "citing",
                        token.i,
                        content_head,
                        relays,
                    )
                )
        return candidates

    def _names_a_source(self, doc: Doc, phrase: Token) -> bool:
        """Whether a noun phrase names who or what speaks: an actor, a name, a person or body
        ("a ministry source", "officials"), or an artefact ("a report")."""
        lemma = phrase.lemma_.lower()
        return (
            phrase.ent_type_ in SPEAKER_ENTITIES
            or phrase.pos_ in ("PROPN", "PRON")
            or lemma in self.source_words
            or actor_for(doc, phrase.left_edge.idx, end_of(phrase.right_edge)) is not None
        )
