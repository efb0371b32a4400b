"""Names that are not places, on a hand-built doc: each refusal names its rule."""

from __future__ import annotations

from sitrep.nlp.places.cues import load_cues
from sitrep.nlp.places.filtering import NameFilter, _people
from sitrep.nlp.places.mention import read_words
from sitrep.nlp.places.recognition import NameFinder


def test_a_surname_and_the_opening_word_of_a_name_are_no_places(gazetteer, hand_doc):
    doc = hand_doc(
        ["Gary", "Trapani", "met", "Abu", "Hamza", "in", "Hama", ".", "Trapani", "said", "."],
        ents=[(0, 2, "PERSON")],
    )
    words = read_words(doc)
    found = NameFinder(gazetteer, load_cues()).propose(doc, words, blocked=[])
    names = NameFilter(load_cues())
    refusals = [(m.name, names.refusal(doc, words, m, _people(doc))) for m in found]
    assert refusals == [
        ("Trapani", "surname"),
        ("Abu", "name_opener"),
        ("Hama", None),
        ("Trapani", "surname"),
    ]
    assert [m.name for m in names.keep(doc, words, found)] == ["Hama"]
