"""Spelling variants of transliterated place names: the variant key on hand-picked spellings,
and a table of GeoNames' own alternate spellings of conflict-zone towns (written by
scripts/transliteration_variants.py) resolved through the packaged index and the places
component."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer, variant_key
from sitrep.geo.index import load_gazetteer

from ..nlp.places.runner import place_runner

TABLE = Path(__file__).parent / "data" / "transliteration_variants.tsv"
# The table holds over a thousand spellings; the component (a parse each) reads every n-th.
EVERY = 8
# Some spellings GeoNames files also under another town of the same country ("Slovjansk" under
# Nikopol), or share a bigger town's skeleton: read in its country, such a name goes to the
# other town. Measured: 165 of 168 (0.982).
MIN_RESOLVED = 0.95


def _table() -> list[dict[str, str]]:
    lines = [line for line in TABLE.read_text("utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize(
    "spellings",
    [
        ("Deir ez-Zor", "Deir Ezzor", "Dayr az-Zawr", "Dair al-Zour", "Deir el-Zor"),
        ("Beledweyne", "Belet Weyne", "Beled Weyne"),
        ("Raqqa", "Ar-Raqqah", "al-Raqqa", "Er Rakka"),
        ("Kandahar", "Qandahar", "Kandahār"),
        ("Kharkiv", "Kharkov", "Charkiv"),
        ("Zaporizhzhia", "Zaporizhzhya", "Zaporozhye", "Zaporizhia"),
        ("Suwayda", "As-Suwayda", "Assuwayda", "Sweida"),
        ("Diwaniyah", "Diwaniya", "Diwaniyeh"),
        ("Jalalabad", "Dzhelalabad"),
        ("Kismayo", "Kismaayo"),
        ("Hasakah", "al-Hasaka", "Hassakeh"),
    ],
)
def test_transliterations_of_one_name_share_a_key(spellings):
    assert len({variant_key(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Idlib", "Dlib"),
        ("Homs", "Hama"),
        ("Aleppo", "Alep"),
        ("Mosul", "Basra"),
        ("Kyiv", "Kyzyl"),
    ],
)
def test_different_names_keep_different_keys(one, other):
    assert variant_key(one) != variant_key(other)


def test_only_towns_of_transliterating_countries_are_filed_under_variants():
    deir = Candidate("geo:170794", "Deir ez-Zor", 35.34, 40.14, "SY", "city", 271_800, 170794)
    dearborn = Candidate("geo:4990510", "Dearborn", 42.32, -83.18, "US", "city", 94_000, 4990510)
    gazetteer = MemoryGazetteer([(deir, []), (dearborn, [])])
    assert [c.name for c in gazetteer.variants("Dayr al-Zour")] == ["Deir ez-Zor"]
    assert not gazetteer.variants("Dearbarn")
    assert not gazetteer.lookup("Dayr al-Zour")


def test_the_table_covers_the_conflict_zones():
    rows = _table()
    assert len(rows) >= 100
    assert {"SY", "IQ", "YE", "LY", "AF", "SO", "UA"} <= {row["country"] for row in rows}
    assert {"ML", "NE", "BF", "TD"} & {row["country"] for row in rows}


@pytest.mark.slow
def test_every_spelling_in_the_table_finds_its_town_in_the_index():
    gazetteer = load_gazetteer()
    missed = [
        row["variant"]
        for row in _table()
        if int(row["geonameid"]) not in {c.geonameid for c in gazetteer.variants(row["variant"])}
    ]
    assert not missed


@pytest.mark.slow
def test_spellings_resolve_to_their_town_in_a_report(nlp):
    gazetteer = load_gazetteer()
    places = place_runner(nlp, gazetteer)
    rows = _table()[::EVERY]
    assert len(rows) >= 100
    wrong = []
    for row in rows:
        country = gazetteer.by_code(row["country"])
        text = f"Fighting was reported on Monday in the town of {row['variant']} in {country.name}."
        found = {p.geonameid for p in places(text)}
        if int(row["geonameid"]) not in found:
            wrong.append(row["variant"])
    assert 1 - len(wrong) / len(rows) >= MIN_RESOLVED, f"{len(wrong)} of {len(rows)}: {wrong}"


@pytest.mark.slow
def test_a_countrys_name_is_no_towns_spelling(nlp):
    places = place_runner(nlp, load_gazetteer())
    found = places("Russian officials said cases were found in Macedonia.")
    assert [(p.name, p.country) for p in found] == [("North Macedonia", "MK")]


@pytest.mark.slow
def test_a_moscow_report_places_syrian_and_somali_towns_in_their_countries(nlp):
    places = place_runner(nlp, load_gazetteer())
    found = places(
        "MOSCOW (Reuters) - Russian warplanes struck positions near Deir Ezzor in eastern "
        "Syria, the Russian Defence Ministry said on Tuesday. The ministry said jets also hit "
        "targets around Dayr az-Zawr and the village of Khirbet Umm Tawil. Separately, floods "
        "displaced 20,000 people in Beledweyne, aid agencies said."
    )
    by_country = {p.name: (p.country, [m.text for m in p.mentions]) for p in found}
    assert by_country["Deir ez-Zor"] == ("SY", ["Deir Ezzor", "Dayr az-Zawr"])
    assert by_country["Beledweyne"] == ("SO", ["Beledweyne"])
    assert {country for country, _ in by_country.values()} == {"RU", "SY", "SO"}
