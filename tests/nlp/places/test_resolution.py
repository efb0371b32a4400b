"""Resolution on hand-built docs: each reading names the rule and the evidence that chose it."""

from __future__ import annotations

from collections import Counter

from sitrep.nlp.places import PlaceRecognizer, load_cues
from sitrep.nlp.places.scoring import score

from .world import LEBANON, TRIPOLI_LB, TRIPOLI_LY


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
