"""Names inside names are no places: agencies, armed units and venues named after a place, on
invented sentences read with the packaged gazetteer; the place named beside them still is. And
datelines resolve in the countries the article is about."""

from __future__ import annotations

import pytest

from sitrep.geo.index import load_gazetteer

from .runner import place_runner

# (sentence, the name inside a name, the places the sentence does name)
NAMES_INSIDE_NAMES = [
    ("The Somali Disaster Management Agency said 12 people died.", "Somali", set()),
    (
        "A spokesman for the Somali Disaster Management Agency said aid arrived in Beledweyne.",
        "Somali",
        {"Beledweyne"},
    ),
    ("Fighters of the Azov Battalion held the steel plant in Mariupol.", "Azov", {"Mariupol"}),
    ("The Kherson Battalion and the Odesa Brigade were shelled near Bakhmut.", "Odesa", set()),
    ("Guests at the Baghdad Hotel were evacuated after the blast.", "Baghdad", set()),
    ("The Al-Quds Brigades said they fired rockets from Gaza.", "Al-Quds", {"Gaza"}),
    ("A car bomb exploded outside the Kabul Serena Hotel on Friday.", "Kabul", set()),
    ("Yemenia and Aden Airways resumed flights to Sanaa.", "Aden", set()),
    ("Gunfire erupted at the Mandalay Bay Resort and Casino in Las Vegas.", "Mandalay", set()),
    ("Men of the Donbas Battalion left Debaltseve.", "Donbas", set()),
    ("The Mosul Brigade denied the report.", "Mosul", set()),
    ("The Benghazi Regiment moved south.", "Benghazi", set()),
]


@pytest.fixture(scope="module")
def places(nlp):
    return place_runner(nlp, load_gazetteer())


@pytest.mark.slow
@pytest.mark.parametrize(("text", "inside", "named"), NAMES_INSIDE_NAMES)
def test_a_name_inside_an_agency_unit_or_venue_is_no_place(places, text, inside, named):
    found = places(text)
    spans = {m.text for p in found for m in p.mentions}
    assert not any(inside in span for span in spans), spans
    assert named <= spans


@pytest.mark.slow
def test_a_countrys_own_name_inside_an_agency_is_still_a_place(places):
    found = places("Aid from the Yemen Relief Agency reached Aden.")
    assert {(p.name, p.country) for p in found} == {("Yemen", "YE"), ("Aden", "YE")}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("TRIPOLI (Reuters) - The Lebanese army deployed troops after clashes.", "LB"),
        ("TRIPOLI, Libya (AP) - Militias clashed near the airport on Sunday.", "LY"),
        ("ALEXANDRIA (AP) - Egyptian police arrested 20 protesters on Friday.", "EG"),
        ("HYDERABAD (Reuters) - Pakistani police said gunmen attacked a bus.", "PK"),
        (
            "CAIRO - Police arrested 20 protesters after a rally. Officials in Washington "
            "urged restraint.",
            "EG",
        ),
    ],
)
def test_a_dateline_resolves_in_the_countries_the_article_is_about(places, text, country):
    dateline = places(text)[0]
    assert dateline.mentions[0].start == 0
    assert dateline.country == country
    assert "Police" not in {p.name for p in places(text)}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "given"),
    [
        (
            '"We need more teachers," said Georgia Whitcombe, who teaches in Macon. Whitcombe '
            "has taught there for ten years.",
            "Georgia",
        ),
        (
            "Officers Ron Baxley and Chad Pruitt reached the house in Valdosta. Pruitt found "
            "the door open.",
            "Chad",
        ),
    ],
)
def test_a_place_name_that_is_a_persons_given_name_is_no_place(places, text, given):
    spans = {m.text for p in places(text) for m in p.mentions}
    assert given not in spans, spans
    assert spans
