"""The tense that places a weekday, read from hand-built parses (no parser)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sitrep.nlp.times.tense import tense_of


def _doc(words, heads, deps, tags, pos, lemmas) -> Doc:
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        lemmas=lemmas,
        sent_starts=[i == 0 for i in range(len(words))],
    )


def test_a_future_modal_looks_ahead_and_a_past_verb_back():
    future = _doc(
        ["Talks", "will", "resume", "on", "Tuesday", "."],
        heads=[2, 2, 2, 2, 3, 2],
        deps=["nsubj", "aux", "ROOT", "prep", "pobj", "punct"],
        tags=["NNS", "MD", "VB", "IN", "NNP", "."],
        pos=["NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        lemmas=["talk", "will", "resume", "on", "Tuesday", "."],
    )
    past = _doc(
        ["The", "video", "was", "released", "on", "Tuesday", "."],
        heads=[1, 3, 3, 3, 3, 4, 3],
        deps=["det", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"],
        tags=["DT", "NN", "VBD", "VBN", "IN", "NNP", "."],
        pos=["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        lemmas=["the", "video", "be", "release", "on", "Tuesday", "."],
    )
    assert tense_of(future, *_span(future, "Tuesday")) == "future"
    assert tense_of(past, *_span(past, "Tuesday")) == "past"


def _span(doc: Doc, word: str) -> tuple[int, int]:
    start = doc.text.index(word)
    return start, start + len(word)
