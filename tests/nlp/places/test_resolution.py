"""Resolution on hand-built docs: each reading names the rule and the evidence that chose it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer
from sitrep.nlp.places import PlaceRecognizer, load_cues
from sitrep.nlp.places.mention import Mention, Reading
from sitrep.nlp.places.scoring import admin1_support, paired, score

from .world import HENRY_COUNTY, LEBANON, TRIPOLI_LB, TRIPOLI_LY


def test_a_container_chooses_between_namesakes_and_a_street_lies_in_the_town(gazetteer, hand_doc):
    doc = hand_doc(
        ["Shells", "hit", "Tripoli", ",", "Lebanon", ",", "near", "Darby", "Street", "."]
    )
    recognizer = PlaceRecognizer(gazetteer, load_cues())
    mentions = recognizer.mentions(doc)
    recognizer.resolver.resolve(doc, mentions)
    tripoli, lebanon, street = mentions
    assert tripoli.reading.place.id == TRIPOLI_LB.id
    assert tripoli.reading.rule == "score" and "contained" in tripoli.reading.evidence
    assert lebanon.reading.place.id == LEBANON.id
    assert street.reading.rule == "street"
    assert (street.choice.name, street.choice.lat) == ("Darby Street", TRIPOLI_LB.lat)


def test_the_articles_country_outweighs_population():
    countries = Counter({"LB": 2})
    lebanese = score(TRIPOLI_LB, None, None, countries, Counter(), Counter())
    libyan = score(TRIPOLI_LY, None, None, countries, Counter(), Counter())
    assert lebanese.value > libyan.value
    assert (lebanese.evidence, libyan.evidence) == (("country",), ())


def test_a_name_and_the_county_named_after_it_do_not_vouch_for_each_other():
    # Towns lie in the counties named after them in state after state; a town of another name
    # beside one reading is what tells the namesakes apart.
    henry_al = Candidate("geo:9", "Henry", 31.5, -85.3, "US", "city", 9_000, 9, "US.AL")
    henry_county_al = replace(HENRY_COUNTY, id="geo:8", lat=31.52, lon=-85.24, admin1="US.AL")
    paris_tn = Candidate("geo:7", "Paris", 36.3, -88.33, "US", "city", 10_000, 7, "US.TN")
    mentions = [
        Mention(0, 1, 0, 5, "Henry", (henry_al,), ner=True, rule="ner"),
        Mention(
            2, 4, 10, 22, "Henry County", (HENRY_COUNTY, henry_county_al), ner=True, rule="ner"
        ),
        Mention(5, 6, 30, 35, "Paris", (paris_tn,), ner=True, rule="ner"),
    ]
    bonus = paired(mentions)["henry county"]
    assert bonus[HENRY_COUNTY.id] > 0
    assert bonus[henry_county_al.id] == 0


# A capital abroad and a smaller US town of its name; the capital also names its city's
# division ("Elmora City"), and a town of another name lies in the US town's state.
ELMORA = Candidate(
    "geo:31", "Elmora", 50.0, 10.0, "XE", "city", 1_000_000, 31, "XE.01", capital=True
)
ELMORA_CITY = Candidate("geo:32", "Elmora City", 50.0, 10.0, "XE", "admin1", 1_200_000, 32, "XE.01")
ELMORA_OH = Candidate("geo:33", "Elmora", 40.1, -83.1, "US", "city", 40_000, 33, "US.OH")
BRACKENRIDGE = Candidate("geo:34", "Brackenridge", 41.1, -81.5, "US", "city", 50_000, 34, "US.OH")


def _resolved(text: str, hand_doc) -> dict[str, str]:
    gazetteer = MemoryGazetteer(
        [(ELMORA, ["Elmora City"]), (ELMORA_CITY, []), (ELMORA_OH, []), (BRACKENRIDGE, [])]
    )
    recognizer = PlaceRecognizer(gazetteer, load_cues())
    doc = hand_doc(text.split())
    mentions = recognizer.mentions(doc)
    recognizer.resolver.resolve(doc, mentions)
    return {m.name: m.choice.id for m in mentions if m.choice is not None}


def test_a_town_and_its_name_with_a_designator_do_not_vouch_for_each_other(hand_doc):
    # "Elmora City" read as the capital's division would otherwise lend its country to the
    # bare name: only the other town's state says where this Elmora lies, and the designated
    # name is then the same town.
    text = "The Elmora City Council met in Elmora on Monday with officials from Brackenridge ."
    resolved = _resolved(text, hand_doc)
    assert resolved == {
        "Elmora City": ELMORA_OH.id,
        "Elmora": ELMORA_OH.id,
        "Brackenridge": BRACKENRIDGE.id,
    }


def test_with_nothing_else_in_the_article_the_capital_keeps_its_name(hand_doc):
    resolved = _resolved("The Elmora City Council met in Elmora on Monday .", hand_doc)
    assert resolved == {"Elmora City": ELMORA.id, "Elmora": ELMORA.id}


def test_a_state_read_as_such_votes_whole_for_it():
    # Towns in other states bear the state's name: where the text shows the name as a place
    # and the first pass read it as the state, the state has the whole vote; inside an
    # organisation's name ("Redfield State University") the name still shares it.
    state = Candidate("geo:41", "Redfield", 38.5, -98.5, "US", "admin1", 2_900_000, 41, "US.KS")
    town_ny = Candidate("geo:42", "Redfield", 43.5, -75.8, "US", "city", 500, 42, "US.NY")
    town_ia = Candidate("geo:43", "Redfield", 41.6, -94.2, "US", "city", 800, 43, "US.IA")
    placed = Mention(0, 1, 0, 8, "Redfield", (state, town_ny, town_ia), ner=True, rule="ner")
    placed.reading = Reading(state, "score")
    assert admin1_support([placed])["redfield"] == Counter({"US.KS": 1})
    inside = replace(placed, ner=False, rule="gazetteer")
    assert admin1_support([inside])["redfield"] == Counter(
        {"US.KS": 1 / 3, "US.NY": 1 / 3, "US.IA": 1 / 3}
    )
