"""Names that are not places, on a hand-built doc: each refusal names its rule."""

from __future__ import annotations

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer
from sitrep.nlp.doc import text_of
from sitrep.nlp.places.context import ContextCues
from sitrep.nlp.places.cues import load_cues
from sitrep.nlp.places.filtering import NameFilter, _people
from sitrep.nlp.places.mention import read_words
from sitrep.nlp.places.recognition import NameFinder


def judged(doc, gazetteer) -> tuple[list[tuple[str, str | None]], list[str]]:
    """Each name found in ``doc`` with the rule that refuses it (None: a place), and the kept."""
    words = read_words(doc)
    found = NameFinder(gazetteer, load_cues()).propose(doc, words, blocked=[])
    names = NameFilter(load_cues())
    refusals = [(m.name, names.refusal(doc, words, m, _people(doc))) for m in found]
    return refusals, [m.name for m in names.keep(doc, words, found)]


def test_a_surname_and_the_opening_word_of_a_name_are_no_places(gazetteer, hand_doc):
    doc = hand_doc(
        ["Gary", "Trapani", "met", "Abu", "Hamza", "in", "Hama", ".", "Trapani", "said", "."],
        ents=[(0, 2, "PERSON")],
    )
    refusals, kept = judged(doc, gazetteer)
    assert refusals == [
        ("Trapani", "surname"),
        ("Abu", "name_opener"),
        ("Hama", None),
        ("Trapani", "surname"),
    ]
    assert kept == ["Hama"]


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
    refusals, kept = judged(doc, gazetteer)
    assert refusals == [
        ("Trapani", "surname"),
        ("Trapani", "surname"),
        ("Trapani", "surname"),
        ("Hama", None),
    ]
    assert kept == ["Hama"]


def test_a_vehicle_named_like_a_place_is_no_place_anywhere_in_the_article(hand_doc):
    toyota = Candidate("geo:1850147", "Toyota", 35.08, 137.16, "JP", "city", 420_000, 1850147)
    tahoe = Candidate("geo:5399020", "Tahoe", 39.1, -120.0, "US", "locality", 2_000, 5399020)
    tucson = Candidate("geo:5318313", "Tucson", 32.22, -110.93, "US", "city", 530_000, 5318313)
    gazetteer = MemoryGazetteer([(toyota, []), (tahoe, []), (tucson, [])])
    words = ["A", "2004", "Toyota", "pickup", "hit", "a", "Chevrolet", "Tahoe", "in", "Tucson"]
    words += [".", "The", "Toyota", "and", "the", "Tahoe", "were", "towed", "."]
    # As the small model labels them: makes organisations, models and towns places.
    labels = [(2, 3, "ORG"), (7, 8, "GPE"), (9, 10, "GPE"), (12, 13, "ORG"), (15, 16, "GPE")]
    doc = hand_doc(words, ents=labels)
    read = read_words(doc)
    found = NameFinder(gazetteer, load_cues()).propose(doc, read, blocked=[])
    assert [m.name for m in NameFilter(load_cues()).keep(doc, read, found)] == ["Tucson"]


def test_a_country_or_state_opening_a_persons_name_is_a_given_name(hand_doc):
    chad = Candidate("geo:2434508", "Chad", 15.0, 19.0, "TD", "country", 15_000_000, 2434508)
    virginia = Candidate(
        "geo:6254928", "Virginia", 37.5, -78.8, "US", "admin1", 8_000_000, 6254928, "US.VA"
    )
    gazetteer = MemoryGazetteer([(chad, []), (virginia, [])])
    words = ["Coach", "Chad", "Brennan", "sent", "aid", "to", "Chad", ".", "Crews", "from"]
    words += ["Virginia", "Beach", "helped", "."]
    labels = [(1, 3, "PERSON"), (6, 7, "GPE"), (10, 12, "PERSON")]
    doc = hand_doc(words, ents=labels)
    read = read_words(doc)
    found = NameFinder(gazetteer, load_cues()).propose(doc, read, blocked=[])
    names = NameFilter(load_cues())
    assert [(m.start, names.refusal(doc, read, m, _people(doc))) for m in found] == [
        (1, "given_name"),
        (6, None),
        (10, None),
    ]
    assert [m.start for m in names.keep(doc, read, found)] == [6, 10]


def test_a_word_in_capitals_in_running_text_is_an_acronym_unless_a_country_code(hand_doc):
    swat = Candidate("geo:1164058", "Swat", 35.2, 72.4, "PK", "admin2", 2_300_000, 1164058)
    uganda = Candidate("geo:226074", "Uganda", 1.25, 32.5, "UG", "country", 41_000_000, 226074)
    gazetteer = MemoryGazetteer([(swat, []), (uganda, ["UGA"])])
    words = ["Police", "sent", "a", "SWAT", "team", "to", "UGA", "camps", "."]
    doc = hand_doc(words)
    read = read_words(doc)
    found = NameFinder(gazetteer, load_cues()).propose(doc, read, blocked=[])
    names = NameFilter(load_cues())
    assert [(m.name, names.refusal(doc, read, m, _people(doc))) for m in found] == [
        ("SWAT", "acronym"),
        ("UGA", None),
    ]


def test_a_title_before_a_name_is_no_place(hand_doc):
    sens = Candidate("geo:2975050", "Sens", 48.2, 3.28, "FR", "city", 28_000, 2975050)
    col = Candidate("geo:3024066", "Col", 45.9, 6.8, "FR", "locality", 300, 3024066)
    gazetteer = MemoryGazetteer([(sens, []), (col, [])])
    words = ["Col.", "Ali", "met", "Sens.", "Hall", "and", "Roe", "in", "Sens", "."]
    doc = hand_doc(words)
    read = read_words(doc)
    found = NameFinder(gazetteer, load_cues()).propose(doc, read, blocked=[])
    names = NameFilter(load_cues())
    assert [(m.start, names.refusal(doc, read, m, _people(doc))) for m in found] == [
        (0, "title"),
        (3, "title"),
        (8, None),
    ]
    assert [m.start for m in names.keep(doc, read, found)] == [8]


def test_a_law_named_with_a_common_word_is_no_place(hand_doc):
    act = Candidate("geo:2177478", "Australian Capital Territory", -35.5, 149.0, "AU", "admin1")
    gazetteer = MemoryGazetteer([(act, ["Act"])])
    doc = hand_doc(["Officials", "signed", "the", "Act", "on", "Monday", "."])
    read = read_words(doc)
    (found,) = NameFinder(gazetteer, load_cues()).propose(doc, read, blocked=[])
    ContextCues(gazetteer, load_cues()).describe(doc, text_of(doc), found)
    assert NameFilter(load_cues()).refusal(doc, read, found, _people(doc)) == "common_word"


def test_a_word_in_small_letters_is_no_place(hand_doc):
    heron = Candidate("geo:6050610", "Heron", 45.9, -72.6, "CA", "locality", 1_000, 6050610)
    gazetteer = MemoryGazetteer([(heron, [])])
    doc = hand_doc(["Tests", "on", "the", "heron", "were", "positive", "."], ents=[(3, 4, "GPE")])
    read = read_words(doc)
    (found,) = NameFinder(gazetteer, load_cues()).propose(doc, read, blocked=[])
    assert NameFilter(load_cues()).refusal(doc, read, found, _people(doc)) == "lower_case"


def test_a_lone_compass_word_is_no_place_whatever_its_label(hand_doc):
    north = Candidate("geo:4470566", "North", 33.63, -81.1, "US", "locality", 750, 4470566)
    gazetteer = MemoryGazetteer([(north, [])])
    doc = hand_doc(["Troops", "in", "the", "North", "held", "."], ents=[(3, 4, "LOC")])
    read = read_words(doc)
    (found,) = NameFinder(gazetteer, load_cues()).propose(doc, read, blocked=[])
    assert NameFilter(load_cues()).refusal(doc, read, found, _people(doc)) == "compass"
