"""Recognition on hand-built docs: an entity widened to the longest known name, a capitalised
run the gazetteer knows, datelines, streets and roads, each naming its rule."""

from __future__ import annotations

from sitrep.nlp.places.cues import load_cues
from sitrep.nlp.places.local import datelines, streets
from sitrep.nlp.places.mention import read_words
from sitrep.nlp.places.recognition import NameFinder


def test_an_entity_widens_to_the_longest_known_name_and_a_run_is_looked_up(gazetteer, hand_doc):
    # spaCy's entity leaves out "-Bissau"; "Hama" is no entity at all.
    doc = hand_doc(
        ["Troops", "entered", "Guinea", "-", "Bissau", "and", "Hama", "."],
        ents=[(2, 3, "GPE")],
        joined=[3],
    )
    found = NameFinder(gazetteer, load_cues()).propose(doc, read_words(doc), blocked=[])
    assert [(m.name, m.rule, m.candidates[0].name) for m in found] == [
        ("Guinea-Bissau", "ner", "Guinea-Bissau"),
        ("Hama", "gazetteer", "Hama"),
    ]


def test_a_name_in_an_actors_name_is_hidden_unless_a_country(gazetteer, hand_doc):
    doc = hand_doc(["Hama", "Brigade", "fighters", "left", "Russia", "."])
    blocked = [(0, len("Hama Brigade")), (doc[4].idx, doc[4].idx + len("Russia"))]
    found = NameFinder(gazetteer, load_cues()).propose(doc, read_words(doc), blocked)
    assert [m.name for m in found] == ["Russia"]


def test_datelines_streets_and_roads(hand_doc):
    doc = hand_doc(
        ["BEIRUT", "--", "Crowds", "closed", "Darby", "Street", "and", "Highway", "19", "."]
    )
    words = read_words(doc)
    assert datelines(doc, words) == [(0, 1)]
    assert streets(words, [False] * len(doc), load_cues()) == [(4, 6, "street"), (7, 9, "road")]


def test_a_dateline_keeps_an_abbreviated_saint(hand_doc):
    # The tokenizer splits "ST." into "ST" and ".", which is no sentence's end here.
    doc = hand_doc(["ST", ".", "CLOUD", "--", "The", "council", "met", "."])
    assert datelines(doc, read_words(doc)) == [(0, 3)]
