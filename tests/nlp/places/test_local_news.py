"""Places in US local news, end to end over a small in-memory gazetteer: regions named by a
compass word before a state, counties and towns inside the names of their own institutions, and
newspapers named after their city. Invented sentences; records with rounded points."""

from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer

from .runner import place_runner


def _place(
    pid: int, name: str, lat: float, lon: float, feature: str, population: int, admin1: str
) -> Candidate:
    return Candidate(f"geo:{pid}", name, lat, lon, "US", feature, population, pid, admin1)


GEORGIA = Candidate(
    "geo:201", "Georgia", 32.75, -83.5, "US", "admin1", 10_000_000, 201, "US.GA", "US.GA"
)
OREGON = Candidate(
    "geo:202", "Oregon", 44.0, -120.5, "US", "admin1", 4_200_000, 202, "US.OR", "US.OR"
)
WALKER_COUNTY = _place(203, "Walker County", 30.74, -95.57, "admin2", 70_000, "US.TX")
BARROW_COUNTY = _place(204, "Barrow County", 34.0, -83.7, "admin2", 80_000, "US.GA")
JACKSON_COUNTY = _place(205, "Jackson County", 34.13, -83.57, "admin2", 70_000, "US.GA")
CHIEFLAND = _place(206, "Chiefland", 29.47, -82.86, "locality", 2_200, "US.FL")
DAYTON = _place(207, "Dayton", 39.76, -84.19, "city", 140_000, "US.OH")
BORDER = _place(208, "Border", 42.0, -110.0, "locality", 300, "US.WY")


@pytest.fixture(scope="module")
def local_places(nlp):
    gazetteer = MemoryGazetteer(
        [
            (GEORGIA, []),
            (OREGON, []),
            (WALKER_COUNTY, ["Walker"]),
            (BARROW_COUNTY, ["Barrow"]),
            (JACKSON_COUNTY, ["Jackson"]),
            (CHIEFLAND, []),
            (DAYTON, []),
            (BORDER, []),
        ]
    )
    return place_runner(nlp, gazetteer)


def _names(places) -> set[str]:
    return {p.name for p in places}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "named"),
    [
        # A compass word before a state names a part of it, not a longer name.
        ("Jobless rates rose across Northeast Georgia last month.", {"Georgia"}),
        ("Unemployment in Northeast Georgia fell again.", {"Georgia"}),
        # A sentence's capitalised determiner is no part of the name after it.
        ("The Oregon Kennel Association met on Sunday.", {"Oregon"}),
        # A county named with its designator, inside an institution's name or a list.
        ("Deputies took the man to the Walker County Jail on Friday.", {"Walker County"}),
        (
            "Flooding closed roads in Barrow and Jackson counties.",
            {"Barrow County", "Jackson County"},
        ),
        # A town named with its own police or mayor.
        ("Chiefland Mayor Teal Pomeroy opened the fair on Saturday.", {"Chiefland"}),
        ("Officers of the Chiefland Fire Department put out the blaze.", {"Chiefland"}),
        # A legislator's home town after the party letter.
        ("Rep. Jane Doe, R-Chiefland, filed the bill on Tuesday.", {"Chiefland"}),
        # Where a person lives, after the name or the age.
        ("Steven Sachs of Chiefland was driving the pickup.", {"Chiefland"}),
        ("Police said Rebecca Sears, 41, of Chiefland, was charged.", {"Chiefland"}),
        # A neighbourhood named before "of" and its town is a part of the town; a sentence's
        # "The area of" names none.
        ("Police searched the Holly Heights neighborhood of Dayton.", {"Holly Heights", "Dayton"}),
        ("The area of Dayton flooded overnight.", {"Dayton"}),
        # A newspaper named after its city names no place.
        ("The Dayton Herald reported the closure on Monday.", set()),
        # A title word before a jurisdiction noun is no town.
        ("Border Police searched the pass for the climbers.", set()),
    ],
)
def test_local_news_places(local_places, text, named):
    assert _names(local_places(text)) == named
