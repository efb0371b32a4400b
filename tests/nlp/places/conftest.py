"""Docs built by hand (no parser) and a small in-memory gazetteer for the place rule families."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.geo.gazetteer import MemoryGazetteer
from sitrep.nlp.doc import new_doc_state, register_extensions

from .world import (
    ABU,
    ALEPPO,
    CLAY_COUNTY,
    EGYPT,
    GUINEA,
    GUINEA_BISSAU,
    HAMA,
    HENRY_COUNTY,
    HOMS,
    LEBANON,
    NIGER_COUNTRY,
    RUSSIA,
    TRAPANI,
    TRIPOLI_LB,
    TRIPOLI_LY,
)

_PUNCTUATION = frozenset({".", ",", "-", "--", "'s"})


@pytest.fixture(scope="package")
def gazetteer() -> MemoryGazetteer:
    places = [
        RUSSIA,
        LEBANON,
        EGYPT,
        NIGER_COUNTRY,
        GUINEA,
        GUINEA_BISSAU,
        HAMA,
        HOMS,
        ALEPPO,
        TRIPOLI_LY,
        TRIPOLI_LB,
        TRAPANI,
        ABU,
        HENRY_COUNTY,
        CLAY_COUNTY,
    ]
    return MemoryGazetteer([(place, []) for place in places], demonyms={"Syrian": "SY"})


@pytest.fixture(scope="package")
def hand_doc():
    """Builds a Doc from words without a parser: capitalised words are proper nouns (NNP),
    "'s" a possessive (POS), a mark punctuation; ``ents`` are (start, end, label) token
    ranges; no space before a mark, none around a "-" inside a word (``joined``)."""
    register_extensions()
    vocab = spacy.blank("en").vocab

    def build(words: list[str], ents=(), joined=()) -> Doc:
        tags, pos = zip(*(_tag(word) for word in words), strict=True)
        spaces = [
            i + 1 < len(words) and words[i + 1] not in _PUNCTUATION and i not in joined
            for i in range(len(words))
        ]
        iob = ["O"] * len(words)
        for start, end, label in ents:
            iob[start] = f"B-{label}"
            for i in range(start + 1, end):
                iob[i] = f"I-{label}"
        doc = Doc(
            vocab,
            words=words,
            spaces=spaces,
            tags=list(tags),
            pos=list(pos),
            ents=iob,
            sent_starts=[i == 0 for i in range(len(words))],
        )
        new_doc_state(doc, None)
        doc._.actors, doc._.actor_mentions = [], []
        return doc

    return build


def _tag(word: str) -> tuple[str, str]:
    if word == "'s":
        return "POS", "PART"
    if word in _PUNCTUATION:
        return word, "PUNCT"
    if word[:1].isupper():
        return "NNP", "PROPN"
    return "NN", "NOUN"
