"""Names that are not places, on a hand-built doc: each refusal names its rule."""

from __future__ import annotations

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer
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


def test_a_small_town_labelled_an_organisation_is_a_place_only_where_a_preposition_puts_it(
    hand_doc,
):
    butte = Candidate("geo:5640350", "Butte", 46.0, -112.53, "US", "locality", 34_000, 5640350)
    gazetteer = MemoryGazetteer([(butte, [])])
    names = NameFilter(load_cues())
    for words, refusal in [
        (["The", "plane", "was", "rerouted", "to", "Butte", "."], None),
        (["Crews", "flew", "from", "Butte", "."], None),
        (["He", "praised", "Butte", "."], "organisation"),
    ]:
        doc = hand_doc(words, ents=[(words.index("Butte"), words.index("Butte") + 1, "ORG")])
        read = read_words(doc)
        (found,) = NameFinder(gazetteer, load_cues()).propose(doc, read, blocked=[])
        assert names.refusal(doc, read, found, _people(doc)) == refusal


def test_a_surname_before_a_noun_it_modifies_has_no_place_cue(gazetteer, hand_doc):
    doc = hand_doc(
        ["Gary", "Trapani", "was", "hurt", ".", "The", "Trapani", "family", "spoke", "at"]
        + ["the", "Trapani", "hearing", "in", "Hama", "."],
        ents=[(0, 2, "PERSON")],
    )
    words = read_words(doc)
    found = NameFinder(gazetteer, load_cues()).propose(doc, words, blocked=[])
    names = NameFilter(load_cues())
    refusals = [(m.name, names.refusal(doc, words, m, _people(doc))) for m in found]
    assert refusals == [
        ("Trapani", "surname"),
        ("Trapani", "surname"),
        ("Trapani", "surname"),
        ("Hama", None),
    ]
    assert [m.name for m in names.keep(doc, words, found)] == ["Hama"]
