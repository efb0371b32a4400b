"""Resolution on hand-built docs: each reading names the rule and the evidence that chose it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sitrep.geo.gazetteer import Candidate
from sitrep.nlp.places import PlaceRecognizer, load_cues
from sitrep.nlp.places.mention import Mention
from sitrep.nlp.places.scoring import paired, score

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
