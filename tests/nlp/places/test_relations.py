"""How names stand to each other on hand-built docs: "X, Y" (container), "X's Y district" and
"the Y district of X" (a part the gazetteer lacks), "A and B" (peers of a list)."""

from __future__ import annotations

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer
from sitrep.nlp.doc import text_of
from sitrep.nlp.places.cues import load_cues
from sitrep.nlp.places.mention import read_words
from sitrep.nlp.places.recognition import NameFinder
from sitrep.nlp.places.relations import relate

from .world import LEBANON, RUSSIA


def _related(gazetteer, doc):
    words = read_words(doc)
    found = NameFinder(gazetteer, load_cues()).propose(doc, words, blocked=[])
    relate(doc, words, text_of(doc), found, load_cues())
    return {m.name: m for m in found}


def test_a_town_comma_a_country_lies_in_the_country(gazetteer, hand_doc):
    doc = hand_doc(["Shells", "hit", "Tripoli", ",", "Lebanon", "."])
    found = _related(gazetteer, doc)
    assert found["Tripoli"].container is found["Lebanon"]
    assert found["Lebanon"].contains


def test_a_named_district_of_a_city_is_a_part_of_it(gazetteer, hand_doc):
    doc = hand_doc(["Aleppo", "'s", "Sheikh", "Maqsoud", "district", "was", "shelled", "."])
    found = _related(gazetteer, doc)
    part = found["Sheikh Maqsoud"]
    assert (part.rule, part.part_of, part.hint) == ("part", found["Aleppo"], "locality")
    assert text_of(doc)[part.span_start : part.span_end] == "Sheikh Maqsoud district"


def test_a_district_of_a_city_named_before_it_is_a_part_of_it(gazetteer, hand_doc):
    # "Homs" inside the district's name is no place of its own.
    doc = hand_doc(
        ["Shells", "hit", "the", "Bab", "Homs", "quarter", "of", "Aleppo", "."],
    )
    found = _related(gazetteer, doc)
    part = found["Bab Homs"]
    # Found as a part, or as a designated name the gazetteer lacks that lies in Aleppo.
    assert found["Aleppo"] in (part.part_of, part.container)
    assert "Homs" not in found


def test_names_joined_by_and_are_peers_of_one_list(gazetteer, hand_doc):
    doc = hand_doc(["Talks", "in", "Egypt", "and", "Niger", "ended", "."])
    found = _related(gazetteer, doc)
    assert found["Egypt"].peers == [found["Egypt"], found["Niger"]]
    assert found["Niger"].container is None


def test_a_countrys_name_before_a_states_is_a_town_in_the_state(hand_doc):
    lebanon_pa = Candidate("geo:3", "Lebanon", 40.34, -76.41, "US", "city", 25_000, 3, "US.PA")
    pennsylvania = Candidate(
        "geo:2", "Pennsylvania", 40.97, -77.73, "US", "admin1", 12_800_000, 2, "US.PA", "US.PA"
    )
    gazetteer = MemoryGazetteer([(LEBANON, []), (RUSSIA, []), (lebanon_pa, []), (pennsylvania, [])])
    found = _related(gazetteer, hand_doc(["Rites", "in", "Lebanon", ",", "Pennsylvania", "."]))
    assert found["Lebanon"].container is found["Pennsylvania"]
    # Before a country's name it is a list.
    found = _related(gazetteer, hand_doc(["Troops", "left", "Lebanon", ",", "Russia", "."]))
    assert found["Lebanon"].container is None
