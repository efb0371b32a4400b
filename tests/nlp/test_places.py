"""Places: recognition cues and disambiguation on hand-written sentences with a small in-memory
gazetteer, plus the shared sample and the packaged GeoNames index."""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import replace

import pytest

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer, name_key
from sitrep.geo.index import cache_dir, load_gazetteer
from sitrep.nlp.places import load_cues
from sitrep.nlp.places.mention import Mention
from sitrep.nlp.places.resolution import Resolver

from .places.runner import by_name, place_runner

SYRIA = Candidate(
    "geo:163843", "Syria", 35.0, 38.0, "SY", "country", 16_900_000, 163843, None, "SY"
)
LEBANON = Candidate(
    "geo:272103", "Lebanon", 33.83, 35.83, "LB", "country", 6_800_000, 272103, None, "LB"
)
LIBYA = Candidate(
    "geo:2215636", "Libya", 28.0, 17.0, "LY", "country", 6_400_000, 2215636, None, "LY"
)
RUSSIA = Candidate(
    "geo:2017370", "Russia", 60.0, 100.0, "RU", "country", 144_000_000, 2017370, None, "RU"
)
IDLIB_PROVINCE = Candidate(
    "geo:169387", "Idlib", 35.86, 36.63, "SY", "admin1", 440_000, 169387, "SY.12", "SY.12"
)
IDLIB = Candidate("geo:169389", "Idlib", 35.93, 36.63, "SY", "city", 128_000, 169389, "SY.12")
HAMA = Candidate("geo:170017", "Hama", 35.13, 36.76, "SY", "city", 700_000, 170017, "SY.10")
ALEPPO = Candidate("geo:170063", "Aleppo", 36.2, 37.16, "SY", "city", 2_100_000, 170063, "SY.09")
DEIR = Candidate("geo:170794", "Deir ez-Zor", 35.34, 40.14, "SY", "city", 271_800, 170794, "SY.07")
TRIPOLI_LY = Candidate(
    "geo:2210247", "Tripoli", 32.89, 13.19, "LY", "city", 1_300_000, 2210247, "LY.77"
)
TRIPOLI_LB = Candidate(
    "geo:266826", "Tripoli", 34.43, 35.84, "LB", "city", 229_000, 266826, "LB.09"
)
MOSCOW = Candidate("geo:524901", "Moscow", 55.75, 37.62, "RU", "city", 10_400_000, 524901, "RU.48")


@pytest.fixture(scope="module")
def gazetteer() -> MemoryGazetteer:
    return MemoryGazetteer(
        [
            (SYRIA, []),
            (LEBANON, []),
            (LIBYA, []),
            (RUSSIA, ["Russian Federation"]),
            (IDLIB_PROVINCE, ["Idlib Governorate"]),
            (IDLIB, []),
            (HAMA, ["Hamah"]),
            (ALEPPO, ["Halab"]),
            (DEIR, ["Deir al-Zor", "Dayr az Zawr"]),
            (TRIPOLI_LY, ["Tarabulus"]),
            (TRIPOLI_LB, ["Trablous"]),
            (MOSCOW, ["Moskva"]),
        ],
        demonyms={"Syrian": "SY", "Russian": "RU", "Lebanese": "LB", "Libyan": "LY"},
        iso3={"SYR": "SY", "LBN": "LB", "LBY": "LY", "RUS": "RU"},
    )


# US local news: namesakes that only the article's other places tell apart.
PARIS_FR = Candidate(
    "geo:2988507", "Paris", 48.85, 2.35, "FR", "city", 2_100_000, 2988507, "FR.11", capital=True
)
PARIS_TN = Candidate(
    "geo:4647963", "Paris", 36.30, -88.33, "US", "locality", 10_000, 4647963, "US.TN"
)
HENRY_TN = Candidate(
    "geo:4628829",
    "Henry County",
    36.33,
    -88.32,
    "US",
    "admin2",
    32_000,
    4628829,
    "US.TN",
    "US.TN.079",
)
HENRY_AL = Candidate(
    "geo:4067927",
    "Henry County",
    31.52,
    -85.24,
    "US",
    "admin2",
    17_000,
    4067927,
    "US.AL",
    "US.AL.067",
)
CLAY_NY = Candidate("geo:5113375", "Clay", 43.19, -76.17, "US", "city", 58_000, 5113375, "US.NY")
CLAY_MN = Candidate(
    "geo:5022136",
    "Clay County",
    46.89,
    -96.49,
    "US",
    "admin2",
    55_000,
    5022136,
    "US.MN",
    "US.MN.027",
)
NORTH_DAKOTA = Candidate(
    "geo:5690763", "North Dakota", 47.5, -100.5, "US", "admin1", 770_000, 5690763, "US.ND", "US.ND"
)


@pytest.fixture(scope="module")
def places(nlp, gazetteer):
    return place_runner(nlp, gazetteer)


@pytest.fixture(scope="module")
def us_places(nlp):
    return place_runner(
        nlp,
        MemoryGazetteer(
            [
                (PARIS_FR, []),
                (PARIS_TN, []),
                (HENRY_TN, []),
                (HENRY_AL, []),
                (CLAY_NY, []),
                (CLAY_MN, ["Clay"]),
                (NORTH_DAKOTA, ["N.D."]),
            ]
        ),
    )


@pytest.mark.slow
def test_province_designator_joins_the_mention_and_picks_the_division(places):
    found = by_name(places("Government forces pushed deeper into Idlib province on Monday."))
    idlib = found["Idlib"]
    assert idlib.feature == "admin1"
    assert idlib.geonameid == 169387
    assert [m.text for m in idlib.mentions] == ["Idlib province"]


@pytest.mark.slow
def test_a_bare_name_of_a_city_and_its_province_is_the_city(places):
    found = by_name(places("Aid convoys reached Idlib after a week of talks."))
    assert found["Idlib"].feature == "city"


@pytest.mark.slow
def test_north_of_x_is_x(places):
    found = by_name(places("Rebels shelled several villages north of Hama overnight."))
    assert found["Hama"].geonameid == 170017
    assert [m.text for m in found["Hama"].mentions] == ["Hama"]


@pytest.mark.slow
def test_a_demonym_is_not_a_place(places):
    assert places("Syrian officials said the talks would resume.") == []


@pytest.mark.slow
def test_the_syrian_army_is_not_a_place(places):
    found = places("The Syrian army said it had retaken the town.")
    assert [p.name for p in found] == []


@pytest.mark.slow
def test_x_comma_country_decides_between_namesakes(places):
    found = by_name(places("Clashes broke out in Tripoli, Lebanon, late on Sunday."))
    assert found["Tripoli"].country == "LB"
    assert found["Tripoli"].geonameid == 266826


@pytest.mark.slow
def test_the_article_context_decides_between_namesakes(places):
    lebanon = places(
        "Gunmen clashed in Tripoli on Sunday. The Lebanese army deployed troops in northern "
        "Lebanon to stop the fighting."
    )
    assert by_name(lebanon)["Tripoli"].country == "LB"
    libya = places("Gunmen clashed in Tripoli on Sunday, Libyan officials said.")
    assert by_name(libya)["Tripoli"].country == "LY"


@pytest.mark.slow
def test_without_context_population_decides(places):
    assert by_name(places("Gunmen clashed in Tripoli on Sunday."))["Tripoli"].country == "LY"


@pytest.mark.slow
def test_a_named_part_of_a_city_takes_the_city_as_its_place(places):
    found = by_name(places("Shelling hit Aleppo's Sheikh Maqsoud district on Friday."))
    part = found["Sheikh Maqsoud"]
    assert part.id == "geo:170063:sheikh_maqsoud"
    assert part.feature == "locality"
    assert part.geonameid is None
    assert (part.lat, part.lon, part.country) == (ALEPPO.lat, ALEPPO.lon, "SY")
    assert [m.text for m in part.mentions] == ["Sheikh Maqsoud district"]
    assert "Aleppo" in found


@pytest.mark.slow
def test_a_compass_adjective_makes_a_region_of_the_country(places):
    found = by_name(places("He gave the name of his home village in southern Russia."))
    russia = found["Russia"]
    assert russia.feature == "country"
    assert [m.text for m in russia.mentions] == ["southern Russia"]


@pytest.mark.slow
def test_spelling_variants_meet_and_ids_are_geonames_ids(places):
    found = places("The fighters were captured in the Syrian city of Deir al-Zor.")
    assert [(p.id, p.name, p.geonameid) for p in found] == [("geo:170794", "Deir ez-Zor", 170794)]
    assert found[0].mentions[0].text == "Deir al-Zor"


@pytest.mark.slow
def test_mention_offsets_index_the_article_text(places):
    text = "Residents fled Hama and Aleppo."
    for place in places(text):
        for mention in place.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_name_key_folds_accents_articles_and_abbreviations():
    assert name_key("Deir al-Zor") == name_key("Deir ez-Zor") == "deir al zor"
    assert name_key("Ḩamāh") == "hamah"
    assert name_key("St. Petersburg") == name_key("Saint Petersburg")
    assert name_key("U.S.") == "us"


def test_memory_gazetteer_answers_names_codes_and_demonyms(gazetteer):
    assert {c.id for c in gazetteer.lookup("Tripoli")} == {TRIPOLI_LY.id, TRIPOLI_LB.id}
    assert gazetteer.lookup("Tarabulus")[0].main_name is False
    assert gazetteer.lookup("Tripoli")[0].main_name is True
    assert gazetteer.by_code("SYR") == SYRIA
    assert gazetteer.by_code("SY.12") == IDLIB_PROVINCE
    assert gazetteer.demonym("Lebanese") == "LB"
    assert gazetteer.lookup("Atlantis") == ()


def test_cache_dir_follows_the_environment(tmp_path):
    assert cache_dir({"SITREP_CACHE": str(tmp_path)}) == tmp_path
    assert cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "sitrep"


@pytest.mark.slow
def test_packaged_index_resolves_names_codes_and_demonyms():
    gazetteer = load_gazetteer()
    deir = {c.geonameid: c for c in gazetteer.lookup("Deir al-Zor")}[170794]
    assert (deir.country, deir.feature) == ("SY", "city")
    assert deir.lat == pytest.approx(35.34, abs=0.01) and deir.lon == pytest.approx(40.14, abs=0.01)
    assert gazetteer.by_code("SYR").name == "Syria"
    assert gazetteer.by_code("US.OH").feature == "admin1"
    assert gazetteer.demonym("Syrian") == "SY"
    assert any(c.feature == "natural" for c in gazetteer.lookup("Euphrates"))
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.lookup("Raqqa") == gazetteer.lookup("Raqqa")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Dagestan", "Tatarstan", "Bashkortostan"])
def test_packaged_index_knows_republics_without_their_designator(name):
    # GeoNames files Russia's republics as "Dagestan, Respublika" / "Dagestan Republic".
    assert any((c.country, c.feature) == ("RU", "admin1") for c in load_gazetteer().lookup(name))


@pytest.mark.slow
def test_sample_places(sample_report):
    places = {p.name: p for p in sample_report.places}
    deir = places["Deir ez-Zor"]
    assert deir.id == "geo:170794"
    assert (deir.geonameid, deir.country) == (170794, "SY")
    assert deir.lat == pytest.approx(35.34, abs=0.01) and deir.lon == pytest.approx(40.14, abs=0.01)
    assert {"Syria", "Iraq", "Russia", "Iran"} <= set(places)
    southern = [p for p in sample_report.places for m in p.mentions if m.text == "southern Russia"]
    assert [p.feature for p in southern] == ["country"]
    assert [p.name for p in sample_report.places if (p.feature, p.country) == ("city", "RU")] == []
    assert not any(m.text == "Syrian" for p in sample_report.places for m in p.mentions)
    assert places["Euphrates"].feature == "natural"
    text = sample_report.article.text
    for place in sample_report.places:
        for mention in place.mentions:
            assert text[mention.start : mention.end] == mention.text


@pytest.mark.slow
def test_a_dateline_in_capitals_is_a_place(places):
    found = by_name(places("Shelling resumes. HAMA -- Rebels shelled the outskirts overnight."))
    assert [m.text for m in found["Hama"].mentions] == ["HAMA"]


@pytest.mark.slow
def test_a_town_modifying_a_noun_of_people_is_a_place(places):
    assert "Hama" in by_name(places("Police arrested a Hama man on Tuesday."))


@pytest.mark.slow
def test_a_street_is_placed_in_the_article_town(places):
    found = by_name(places("Residents of Aleppo fled. A shell hit Baron Street on Monday."))
    street = found["Baron Street"]
    assert (street.lat, street.lon, street.geonameid) == (ALEPPO.lat, ALEPPO.lon, None)
    assert "Baron" not in found


@pytest.mark.slow
def test_a_numbered_road_is_a_place(places):
    found = by_name(places("Traffic in Hama stalled after a crash on Highway 5 at dawn."))
    assert [m.text for m in found["Highway 5"].mentions] == ["Highway 5"]


@pytest.mark.slow
def test_a_state_after_a_party_letter_is_a_place(us_places):
    found = by_name(us_places("The bill was written by Sen. Mary Olsen, D-N.D., last year."))
    assert found["North Dakota"].mentions[0].text == "N.D."


@pytest.mark.slow
def test_a_plural_designator_makes_each_listed_name_a_county(us_places):
    found = by_name(us_places("Flooding closed roads in Clay and Henry counties on Monday."))
    assert found["Clay County"].geonameid == CLAY_MN.geonameid
    assert found["Henry County"].feature == "admin2"


@pytest.mark.slow
def test_neighbouring_readings_of_two_names_decide_between_namesakes(us_places):
    found = by_name(us_places("Volunteers from Paris and Henry County raised money for the squad."))
    assert found["Paris"].geonameid == PARIS_TN.geonameid
    assert found["Henry County"].geonameid == HENRY_TN.geonameid
    assert by_name(us_places("Tourists crowded the museums of Paris."))["Paris"].country == "FR"


@pytest.mark.slow
def test_a_name_that_names_a_virus_is_no_place_in_the_article(places):
    found = places("Doctors found the Hama virus in two patients. Hama cases fell in May.")
    assert [p.name for p in found] == []


@pytest.mark.slow
def test_a_surname_is_no_place(places):
    found = places("Coach Peter Aleppo praised the team. Aleppo said the players were tired.")
    assert [p.name for p in found] == []


@pytest.mark.slow
def test_a_country_name_leading_an_institution_is_a_place(places):
    # The actors component reads "Syria's government" as an institution.
    found = places("Syria's government denied the report on Monday.")
    assert [m.text for p in found for m in p.mentions] == ["Syria"]


# Namesakes of words that open or sit in longer names: towns "Abu", "Tal", "Patten", "Mobile",
# "Airport", and "La" for Louisiana.
ABU_IN = Candidate("geo:1", "Abu", 24.6, 72.7, "IN", "city", 60_000, 1, "IN.24")
TAL_IN = Candidate("geo:2", "Tal", 23.7, 75.4, "IN", "locality", 15_000, 2, "IN.35")
PATTEN_US = Candidate("geo:3", "Patten", 45.0, -68.4, "US", "locality", 1_000, 3, "US.ME")
MOBILE_US = Candidate("geo:4", "Mobile", 30.69, -88.04, "US", "city", 190_000, 4, "US.AL")
AIRPORT_US = Candidate("geo:5", "Airport", 37.6, -121.0, "US", "city", 29_000, 5, "US.CA")
LOUISIANA = Candidate(
    "geo:6", "Louisiana", 31.0, -92.0, "US", "admin1", 4_500_000, 6, "US.LA", "US.LA"
)


@pytest.fixture(scope="module")
def namesake_places(nlp):
    return place_runner(
        nlp,
        MemoryGazetteer(
            [
                (SYRIA, []),
                (HAMA, []),
                (ALEPPO, []),
                (ABU_IN, []),
                (TAL_IN, []),
                (PATTEN_US, []),
                (MOBILE_US, []),
                (AIRPORT_US, []),
                (LOUISIANA, ["La"]),
            ],
            demonyms={"Syrian": "SY"},
            iso3={"SYR": "SY"},
        ),
    )


@pytest.mark.slow
def test_a_name_particle_before_a_name_is_no_place(namesake_places):
    found = by_name(namesake_places("Abu Sayyaf gunmen attacked a village near Hama."))
    assert set(found) == {"Hama"}


@pytest.mark.slow
def test_a_possessive_name_after_a_preposition_is_no_place(namesake_places):
    assert namesake_places("Guests at Patten's hotel were evacuated after the fire.") == []


@pytest.mark.slow
def test_the_first_word_of_an_unknown_place_name_is_no_other_place(namesake_places):
    found = namesake_places("Workers at La Petrolea refinery went on strike.")
    assert [p.name for p in found] == []


@pytest.mark.slow
def test_an_unknown_name_after_a_toponym_head_takes_no_other_names_point(nlp, namesake_places):
    text = "Syrian troops shelled Tal Zahra village near Hama."
    found = by_name(namesake_places(text))
    assert set(found) == {"Hama"}
    gazetteer = MemoryGazetteer([(SYRIA, []), (HAMA, [])], demonyms={"Syrian": "SY"})
    [unplaced] = place_runner(nlp, gazetteer, kept="unplaced")(text)
    assert (unplaced.name, unplaced.reason, unplaced.countries) == ("Tal Zahra", "unknown", ("SY",))
    assert [m.text for m in unplaced.mentions] == ["Tal Zahra village"]


@pytest.mark.slow
def test_an_unknown_town_in_a_moscow_dateline_article_is_not_placed_at_moscow(nlp, gazetteer):
    text = (
        "MOSCOW (Reuters) - Russian jets struck the village of Khirbet Umm Tawil, the Russian "
        "Defence Ministry said on Tuesday. Syrian officials did not comment."
    )
    found = place_runner(nlp, gazetteer)(text)
    assert all(not p.name.startswith("Khirbet") for p in found)
    [unplaced] = place_runner(nlp, gazetteer, kept="unplaced")(text)
    assert unplaced.name == "Khirbet Umm Tawil"
    assert set(unplaced.countries) == {"RU", "SY"}


@pytest.mark.slow
def test_a_spelling_variant_resolves_with_its_evidence(places):
    found = by_name(
        places("MOSCOW (Reuters) - Russian jets struck Deir Ezzor in eastern Syria on Tuesday.")
    )
    deir = found["Deir ez-Zor"]
    assert deir.geonameid == DEIR.geonameid
    assert "spelling" in deir.evidence and "country" in deir.evidence
    assert 0.5 < deir.confidence <= 1
    assert (deir.precision, found["Syria"].precision) == (1, 3)
    assert found["Moscow"].precision == 1


@pytest.mark.slow
def test_a_spelling_with_no_reading_where_the_article_is_stays_unplaced(nlp, gazetteer):
    text = "Police in Lyon said the raid in Dayr al-Zour was carried out by French officers."
    assert "Deir ez-Zor" not in by_name(place_runner(nlp, gazetteer)(text))


@pytest.mark.slow
def test_a_common_word_in_a_units_name_is_no_place(namesake_places):
    found = namesake_places("Officers of the Mobile Police Unit fired tear gas at the crowd.")
    assert found == []


@pytest.mark.slow
def test_a_common_word_needs_a_place_cue(namesake_places):
    assert namesake_places("Flights at the Airport were cancelled after the storm.") == []
    found = by_name(namesake_places("Two men were shot in Mobile on Sunday."))
    assert found["Mobile"].country == "US"


SOMALIA = Candidate(
    "geo:51537", "Somalia", 6.0, 48.0, "SO", "country", 15_000_000, 51537, None, "SO"
)
BELEDWEYNE = Candidate("geo:64435", "Beledweyne", 4.73, 45.2, "SO", "city", 55_410, 64435, "SO.05")
BELET_WEYNE = Candidate("geo:64436", "Belet Weyne", 4.7358, 45.2036, "SO", "city", 55_410, 64436)


@pytest.mark.slow
def test_variant_spellings_of_one_place_are_one_entry(nlp):
    places = place_runner(
        nlp,
        MemoryGazetteer(
            [(SOMALIA, []), (BELEDWEYNE, []), (BELET_WEYNE, [])], demonyms={"Somali": "SO"}
        ),
    )
    found = places(
        "Floods hit Beledweyne in central Somalia on Monday. Aid agencies said 20,000 people "
        "had fled Belet Weyne by Tuesday."
    )
    [town] = [p for p in found if p.feature == "city"]
    assert [m.text for m in town.mentions] == ["Beledweyne", "Belet Weyne"]


@pytest.mark.slow
def test_a_spelling_and_the_gazetteer_name_are_one_entry(places):
    found = places("Troops entered Deir Ezzor in Syria. The governor of Deir ez-Zor fled.")
    [deir] = [p for p in found if p.geonameid == DEIR.geonameid]
    assert [m.text for m in deir.mentions] == ["Deir Ezzor", "Deir ez-Zor"]


CAIRO_GA = Candidate(
    "geo:4186416", "Cairo", 30.88, -84.2, "US", "locality", 9_600, 4186416, "US.GA"
)
KARA_IR = Candidate("geo:9", "Kara", 35.7, 51.4, "IR", "city", 3_000_000, 9, "IR.26")


def test_a_spelling_gives_way_to_a_place_of_the_name_itself_where_the_article_is():
    resolver = Resolver(MemoryGazetteer([]), load_cues())
    spelling = replace(KARA_IR, main_name=False)
    mention = Mention(
        0, 1, 0, 5, "Cairo", (CAIRO_GA, spelling), True, "ner", spellings=frozenset({"geo:9"})
    )
    countries = Counter({"US": 1, "IR": 3})
    reading = resolver._choose(mention, countries, Counter(), Counter(), first=True)
    assert reading.place == CAIRO_GA
    # With no reading of the name itself where the article is, the article's countries alone
    # do not make the name another place's spelling; its other places nearby do.
    elsewhere = replace(CAIRO_GA, country="EG")
    alone = replace(mention, candidates=(elsewhere, spelling))
    reading = resolver._choose(alone, countries, Counter(), Counter(), first=True)
    assert reading.place == elsewhere
    near = Counter({"geo:9": 1.5})
    reading = resolver._choose(alone, countries, Counter(), near, first=True)
    assert reading.place == spelling and "spelling" in reading.evidence


@pytest.mark.slow
def test_a_town_with_only_its_size_for_it_where_nothing_else_lies_stays_unplaced(nlp):
    # The only "Qarmal" known lies in Australia; the text's other place with evidence for it
    # lies in Syria.
    qarmal = Candidate("geo:7", "Qarmal", -30.7, 121.5, "AU", "locality", 900, 7, "AU.08")
    gazetteer = MemoryGazetteer([(SYRIA, []), (HAMA, []), (qarmal, [])], demonyms={"Syrian": "SY"})
    text = "Shells hit a bakery in Qarmal. Syrian rescuers in Hama pulled out two children."
    assert set(by_name(place_runner(nlp, gazetteer)(text))) == {"Hama"}
    [unplaced] = place_runner(nlp, gazetteer, kept="unplaced")(text)
    assert (unplaced.name, unplaced.reason, unplaced.countries) == ("Qarmal", "unsure", ("SY",))
    # Where no place has more for it, nothing speaks against it.
    found = place_runner(nlp, gazetteer)("Shells hit a bakery in Qarmal. Rescuers in Hama came.")
    assert set(by_name(found)) == {"Qarmal", "Hama"}
