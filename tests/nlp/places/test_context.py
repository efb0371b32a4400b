"""The words around a name on hand-built docs: compass adjectives join the mention, "of"
phrases and designators say what kind of place it is, a plural designator closes a list."""

from __future__ import annotations

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer
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


def test_a_formal_name_opening_with_its_designator_says_its_kind(hand_doc):
    # Gazetteers file "State of X" as another name of state X: the name's own first word says
    # it is a state, as "County" closing "Clay County" says county.
    norland = Candidate(
        "geo:51", "Norland", 40.0, -82.0, "US", "admin1", 5_000_000, 51, "US.OH", "US.OH"
    )
    gazetteer = MemoryGazetteer([(norland, ["State of Norland"])])
    doc = hand_doc(["Firms", "register", "with", "the", "State", "of", "Norland", "."])
    (state,) = NameFinder(gazetteer, load_cues()).propose(doc, read_words(doc), blocked=[])
    ContextCues(gazetteer, load_cues()).describe(doc, text_of(doc), state)
    assert (state.name, state.hint, state.cue) == ("State of Norland", "admin1", True)
