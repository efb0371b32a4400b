"""7. Artefacts: "In a video released by X, two men appear ...". The artefact speaks for
whoever released it, named beside it or known to the resolver ("Amaq released a video. In
the video, ..."), unless a cue word already attributes the clause.

Rule: ``artefact``.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sitrep.nlp.attribution.candidates import Candidate, Context, cued
from sitrep.nlp.attribution.lexicon import CueLexicon
from sitrep.nlp.attribution.syntax import (
    child_with,
    clause_without,
    end_of,
    noun_phrase,
    publisher,
)
from sitrep.nlp.doc import tokens_with


class Artefacts:
    """Family 7: "in a video released by X, ..."."""

    name = "artefacts"

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon

    def propose(self, context: Context, found: list[Candidate]) -> list[Candidate]:
        doc = context.doc
        reports = cued(found)
        candidates = []
        for token in tokens_with(doc, ("in", "on"), attr="lower"):
            if token.dep_ != "prep" or token.head.i in reports:
                continue
            artefact = child_with(token, ("pobj",))
            head = token.head
            if (
                artefact is None
                or artefact.lemma_.lower() not in self.lexicon.documents
                or head.pos_ not in ("VERB", "AUX")
                or token.i > head.i
            ):
                continue
            phrase = doc[token.i : artefact.right_edge.i + 1]
            source = doc[artefact.left_edge.i : artefact.right_edge.i + 1]
            participle = _publishing_participle(head, phrase, self.lexicon.publish)
            if participle is not None:
                phrase = doc[token.i : max(participle.right_edge.i, artefact.right_edge.i) + 1]
                source = noun_phrase(publisher(participle))
            elif context.resolver.resolve(source)[1] is None:
                continue
            content = clause_without(head, phrase)
            if content:
                candidates.append(
                    Candidate(
                        "artefact",
                        (token.idx, end_of(artefact)),
                        content,
                        source,
                        "asserts",
                        "evidence",
                        "artefact",
                        token.i,
                        head.i,
                        source_lemma=artefact.lemma_.lower(),
                    )
                )
        return candidates


def _publishing_participle(head: Token, phrase: SpacySpan, publish: frozenset[str]) -> Token | None:
    """The participle that names an artefact's publisher next to it: "a video released by X"
    or, where the parser hangs it on the main verb, "In the video, released on X's agency, ..."."""
    participles = [t for t in phrase if t.tag_ == "VBN"]
    participles += [
        c for c in head.children if c.tag_ == "VBN" and c.dep_ in ("advcl", "acl") and c.i < head.i
    ]
    return next(
        (v for v in participles if v.lemma_.lower() in publish and publisher(v) is not None), None
    )
