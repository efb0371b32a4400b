"""2. Prepositional cues (resources/attribution.yaml): "according to X", "in the words of X";
and the adverbs that say the same of no one named ("the rebels have reportedly withdrawn").

Rules: ``according_to`` (the clause the phrase hangs on), ``according_to_source_clause`` (a
parse that hangs the clause on the source, after its comma), ``according_to_next_sentence``
(the phrase split off as a sentence of its own) and ``reported`` (the clause an adverb hangs on,
with no source).
"""

from __future__ import annotations

from spacy.vocab import Vocab

from sitrep.nlp.attribution.candidates import Candidate, Context, cued
from sitrep.nlp.attribution.lexicon import CueLexicon
from sitrep.nlp.attribution.syntax import chars, child_with, clause_without, runs
from sitrep.nlp.matcher import AnchoredMatcher


class According:
    """Family 2: "according to X, ..."."""

    name = "according"

    def __init__(self, vocab: Vocab, lexicon: CueLexicon) -> None:
        self.reported = lexicon.reported
        self.matcher = AnchoredMatcher(
            vocab,
            {"according": [[{"LOWER": w} for w in phrase] for phrase in lexicon.according]},
        )

    def propose(self, context: Context, found: list[Candidate]) -> list[Candidate]:
        doc = context.doc
        candidates = []
        for _, start, end in self.matcher(doc):
            cue = doc[start:end]
            # "according to show insiders": the parser may read "to show" as a verb.
            source = child_with(cue[-1], ("pobj", "pcomp")) or child_with(cue[0], ("pobj",))
            if source is None:
                continue
            # A parse that makes "According" itself the root leaves its sentence the clause.
            head = (
                cue[0].head
                if cue[0].head.pos_ in ("VERB", "AUX") and cue[0].head is not cue[0]
                else None
            )
            phrase = doc[cue.start : source.right_edge.i + 1]
            speaker = doc[source.left_edge.i : source.right_edge.i + 1]
            rule = "according_to"
            content = clause_without(head, phrase)
            comma = next((t for t in doc[source.i : phrase.end] if t.text == ","), None)
            if not content and comma is not None:
                # "According to X, the truce is over": a parse that hangs the clause on X.
                rule = "according_to_source_clause"
                speaker = doc[source.left_edge.i : comma.i]
                content = runs(list(doc[comma.i + 1 : phrase.sent.end]))
            if not content and head is None and phrase.sent.end < len(doc):
                # "According to X, ..." split off as a sentence of its own: the next one.
                rule = "according_to_next_sentence"
                content = runs(list(doc[phrase.sent.end].sent))
            if content:
                candidates.append(
                    Candidate(
                        rule,
                        chars(cue),
                        content,
                        speaker,
                        "asserts",
                        "speech",
                        "according",
                        cue[0].i,
                        head.i if head is not None else None,
                    )
                )
        return candidates + self._reported(context, found)

    def _reported(self, context: Context, found: list[Candidate]) -> list[Candidate]:
        """ "The rebels have reportedly withdrawn": the clause the adverb modifies, less the
        adverb; not where that clause's verb is a cue ("reportedly told": one report)."""
        doc = context.doc
        cues = cued(found)
        candidates = []
        for token in doc:
            head = token.head
            if (
                token.lower_ not in self.reported
                or token.dep_ != "advmod"
                or head.pos_ not in ("VERB", "AUX")
                or head.i in cues
            ):
                continue
            content = clause_without(head, doc[token.i : token.i + 1])
            if content:
                candidates.append(
                    Candidate(
                        "reported",
                        chars(doc[token.i : token.i + 1]),
                        content,
                        None,
                        "asserts",
                        "speech",
                        "according",
                        token.i,
                        head.i,
                    )
                )
        return candidates
