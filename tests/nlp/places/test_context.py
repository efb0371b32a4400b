"""The words around a name on hand-built docs: compass adjectives join the mention, "of"
phrases and designators say what kind of place it is, a plural designator closes a list."""

from __future__ import annotations

from sitrep.nlp.doc import text_of
from sitrep.nlp.places.context import ContextCues
from sitrep.nlp.places.cues import load_cues
from sitrep.nlp.places.mention import read_words
from sitrep.nlp.places.recognition import NameFinder

from .world import CLAY_COUNTY, HENRY_COUNTY


def test_a_compass_adjective_joins_and_an_of_phrase_names_the_kind(gazetteer, hand_doc):
    doc = hand_doc(
        ["Clashes", "in", "southern", "Russia", "spread", "to", "the", "city", "of", "Homs", "."],
        ents=[(3, 4, "GPE"), (9, 10, "GPE")],
    )
    found = NameFinder(gazetteer, load_cues()).propose(doc, read_words(doc), blocked=[])
    context = ContextCues(gazetteer, load_cues())
    for mention in found:
        context.describe(doc, text_of(doc), mention)
    russia, homs = found
    assert (text_of(doc)[russia.span_start : russia.span_end], russia.cue) == (
        "southern Russia",
        True,
    )
    assert (homs.hint, homs.cue) == ("city", True)


def test_a_plural_designator_makes_each_listed_name_one_of_its_kind(gazetteer, hand_doc):
    # Neither name is known bare: only as "Clay County" and "Henry County".
    doc = hand_doc(["Storms", "hit", "Clay", "and", "Henry", "counties", "."])
    found = []
    ContextCues(gazetteer, load_cues()).lists(doc, read_words(doc), found)
    assert sorted((m.name, m.rule, m.hint, m.candidates) for m in found) == [
        ("Clay", "list", "admin2", (CLAY_COUNTY,)),
        ("Henry", "list", "admin2", (HENRY_COUNTY,)),
    ]
