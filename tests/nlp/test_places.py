"""Places: recognition cues and disambiguation on hand-written sentences with a small in-memory
gazetteer, plus the shared sample and the packaged GeoNames index."""

from __future__ import annotations

import pickle

import pytest

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer, name_key
from sitrep.geo.index import cache_dir, load_gazetteer
from sitrep.ingest.meta import make_article
from sitrep.nlp.doc import new_doc_state, records
from sitrep.nlp.places import PlaceRecognizer, load_cues

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


def _runner(nlp, gazetteer):
    """Runs the real parse and the actors component, then sitrep_places over ``gazetteer``."""
    recognizer = PlaceRecognizer(gazetteer, load_cues())

    def run(text: str):
        article = make_article(text)
        doc = nlp.make_doc(article.body)
        new_doc_state(doc, article)
        for name, component in nlp.pipeline:
            doc = component(doc)
            if name == "sitrep_actors":
                break
        return records(recognizer(doc), "places")

    return run


@pytest.fixture(scope="module")
def places(nlp, gazetteer):
    return _runner(nlp, gazetteer)


@pytest.fixture(scope="module")
def us_places(nlp):
    return _runner(
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


def _by_name(places) -> dict:
    return {p.name: p for p in places}


@pytest.mark.slow
def test_province_designator_joins_the_mention_and_picks_the_division(places):
    found = _by_name(places("Government forces pushed deeper into Idlib province on Monday."))
    idlib = found["Idlib"]
    assert idlib.feature == "admin1"
    assert idlib.geonameid == 169387
    assert [m.text for m in idlib.mentions] == ["Idlib province"]


@pytest.mark.slow
def test_a_bare_name_of_a_city_and_its_province_is_the_city(places):
    found = _by_name(places("Aid convoys reached Idlib after a week of talks."))
    assert found["Idlib"].feature == "city"


@pytest.mark.slow
def test_north_of_x_is_x(places):
    found = _by_name(places("Rebels shelled several villages north of Hama overnight."))
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
    found = _by_name(places("Clashes broke out in Tripoli, Lebanon, late on Sunday."))
    assert found["Tripoli"].country == "LB"
    assert found["Tripoli"].geonameid == 266826


@pytest.mark.slow
def test_the_article_context_decides_between_namesakes(places):
    lebanon = places(
        "Gunmen clashed in Tripoli on Sunday. The Lebanese army deployed troops in northern "
        "Lebanon to stop the fighting."
    )
    assert _by_name(lebanon)["Tripoli"].country == "LB"
    libya = places("Gunmen clashed in Tripoli on Sunday, Libyan officials said.")
    assert _by_name(libya)["Tripoli"].country == "LY"


@pytest.mark.slow
def test_without_context_population_decides(places):
    assert _by_name(places("Gunmen clashed in Tripoli on Sunday."))["Tripoli"].country == "LY"


@pytest.mark.slow
def test_a_named_part_of_a_city_takes_the_city_as_its_place(places):
    found = _by_name(places("Shelling hit Aleppo's Sheikh Maqsoud district on Friday."))
    part = found["Sheikh Maqsoud"]
    assert part.id == "geo:170063:sheikh_maqsoud"
    assert part.feature == "locality"
    assert part.geonameid is None
    assert (part.lat, part.lon, part.country) == (ALEPPO.lat, ALEPPO.lon, "SY")
    assert [m.text for m in part.mentions] == ["Sheikh Maqsoud district"]
    assert "Aleppo" in found


@pytest.mark.slow
def test_a_compass_adjective_makes_a_region_of_the_country(places):
    found = _by_name(places("He gave the name of his home village in southern Russia."))
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
    found = _by_name(places("Shelling resumes. HAMA -- Rebels shelled the outskirts overnight."))
    assert [m.text for m in found["Hama"].mentions] == ["HAMA"]


@pytest.mark.slow
def test_a_town_modifying_a_noun_of_people_is_a_place(places):
    assert "Hama" in _by_name(places("Police arrested a Hama man on Tuesday."))


@pytest.mark.slow
def test_a_street_is_placed_in_the_article_town(places):
    found = _by_name(places("Residents of Aleppo fled. A shell hit Baron Street on Monday."))
    street = found["Baron Street"]
    assert (street.lat, street.lon, street.geonameid) == (ALEPPO.lat, ALEPPO.lon, None)
    assert "Baron" not in found


@pytest.mark.slow
def test_a_numbered_road_is_a_place(places):
    found = _by_name(places("Traffic in Hama stalled after a crash on Highway 5 at dawn."))
    assert [m.text for m in found["Highway 5"].mentions] == ["Highway 5"]


@pytest.mark.slow
def test_a_state_after_a_party_letter_is_a_place(us_places):
    found = _by_name(us_places("The bill was written by Sen. Mary Olsen, D-N.D., last year."))
    assert found["North Dakota"].mentions[0].text == "N.D."


@pytest.mark.slow
def test_a_plural_designator_makes_each_listed_name_a_county(us_places):
    found = _by_name(us_places("Flooding closed roads in Clay and Henry counties on Monday."))
    assert found["Clay County"].geonameid == CLAY_MN.geonameid
    assert found["Henry County"].feature == "admin2"


@pytest.mark.slow
def test_neighbouring_readings_of_two_names_decide_between_namesakes(us_places):
    found = _by_name(
        us_places("Volunteers from Paris and Henry County raised money for the squad.")
    )
    assert found["Paris"].geonameid == PARIS_TN.geonameid
    assert found["Henry County"].geonameid == HENRY_TN.geonameid
    assert _by_name(us_places("Tourists crowded the museums of Paris."))["Paris"].country == "FR"


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
    return _runner(
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
    found = _by_name(namesake_places("Abu Sayyaf gunmen attacked a village near Hama."))
    assert set(found) == {"Hama"}


@pytest.mark.slow
def test_a_possessive_name_after_a_preposition_is_no_place(namesake_places):
    assert namesake_places("Guests at Patten's hotel were evacuated after the fire.") == []


@pytest.mark.slow
def test_the_first_word_of_an_unknown_place_name_is_no_other_place(namesake_places):
    found = namesake_places("Workers at La Petrolea refinery went on strike.")
    assert [p.name for p in found] == []


@pytest.mark.slow
def test_an_unknown_name_after_a_toponym_head_lies_near_the_articles_town(namesake_places):
    found = _by_name(namesake_places("Syrian troops shelled Tal Zahra village near Hama."))
    assert "Tal" not in found
    part = found["Tal Zahra"]
    assert (part.lat, part.lon, part.country, part.geonameid) == (HAMA.lat, HAMA.lon, "SY", None)


@pytest.mark.slow
def test_an_unknown_town_of_an_of_phrase_lies_at_the_articles_town(namesake_places):
    found = _by_name(
        namesake_places("Troops shelled the village of Qurnat Sawda, ten miles from Hama.")
    )
    part = found["Qurnat Sawda"]
    assert (part.lat, part.lon, part.country) == (HAMA.lat, HAMA.lon, "SY")


@pytest.mark.slow
def test_a_common_word_in_a_units_name_is_no_place(namesake_places):
    found = namesake_places("Officers of the Mobile Police Unit fired tear gas at the crowd.")
    assert found == []


@pytest.mark.slow
def test_a_common_word_needs_a_place_cue(namesake_places):
    assert namesake_places("Flights at the Airport were cancelled after the storm.") == []
    found = _by_name(namesake_places("Two men were shot in Mobile on Sunday."))
    assert found["Mobile"].country == "US"


# World news: longer names holding shorter ones, lists, namesake divisions and seas. Invented
# records (ids 100+) with rounded points.
def _place(
    pid: int,
    name: str,
    lat: float,
    lon: float,
    country: str | None,
    feature: str,
    population: int,
    admin1: str | None = None,
    code: str | None = None,
    capital: bool = False,
) -> Candidate:
    return Candidate(
        f"geo:{pid}", name, lat, lon, country, feature, population, pid, admin1, code, capital
    )


GUINEA = _place(101, "Guinea", 11.0, -10.0, "GN", "country", 12_000_000, code="GN")
GUINEA_BISSAU = _place(102, "Guinea-Bissau", 12.0, -15.0, "GW", "country", 1_900_000, code="GW")
BISSAU = _place(103, "Bissau", 11.86, -15.6, "GW", "city", 440_000, "GW.11", capital=True)
CONGO = _place(104, "Republic of the Congo", -1.0, 15.0, "CG", "country", 5_200_000, code="CG")
DR_CONGO = _place(
    105, "Democratic Republic of the Congo", -2.5, 23.5, "CD", "country", 84_000_000, code="CD"
)
BRAZIL = _place(106, "Brazil", -10.0, -55.0, "BR", "country", 210_000_000, code="BR")
RIO_GRANDE_BR = _place(107, "Rio Grande", -32.03, -52.1, "BR", "city", 190_000, "BR.23")
RIO_GRANDE_US = _place(108, "Rio Grande", 38.88, -82.38, "US", "locality", 900, "US.OH")
RIO_GRANDE_DO_SUL = _place(
    109, "Rio Grande do Sul", -29.8, -53.8, "BR", "admin1", 11_000_000, "BR.23", "BR.23"
)
SANTA_CATARINA = _place(
    110, "Santa Catarina", -27.0, -50.0, "BR", "admin1", 7_000_000, "BR.26", "BR.26"
)
GEORGIA_US = _place(111, "Georgia", 32.75, -83.5, "US", "admin1", 10_000_000, "US.GA", "US.GA")
OKLAHOMA = _place(112, "Oklahoma", 35.5, -97.5, "US", "admin1", 3_900_000, "US.OK", "US.OK")
PENNSYLVANIA = _place(
    113, "Pennsylvania", 40.9, -77.8, "US", "admin1", 12_800_000, "US.PA", "US.PA"
)
OKLAHOMA_PA = _place(114, "Oklahoma", 40.58, -79.57, "US", "locality", 800, "US.PA")
UTAH = _place(115, "Utah", 39.3, -111.7, "US", "admin1", 3_200_000, "US.UT", "US.UT")
OREGON = _place(116, "Oregon", 44.0, -120.5, "US", "admin1", 4_200_000, "US.OR", "US.OR")
WASHINGTON_STATE = _place(
    117, "Washington", 47.5, -120.5, "US", "admin1", 6_500_000, "US.WA", "US.WA"
)
WASHINGTON_DC = _place(
    118, "Washington", 38.9, -77.04, "US", "city", 690_000, "US.DC", capital=True
)
MAKKAH_PROVINCE = _place(
    119, "Makkah al Mukarramah", 21.67, 41.5, "SA", "admin1", 7_300_000, "SA.14", "SA.14"
)
MAKKAH = _place(120, "Makkah", 21.43, 39.83, "SA", "city", 1_580_000, "SA.14")
ATLANTIC_IA = _place(121, "Atlantic", 41.4, -95.01, "US", "locality", 6_800, "US.IA")
IOWA = _place(122, "Iowa", 42.0, -93.5, "US", "admin1", 3_200_000, "US.IA", "US.IA")
ATLANTIC_OCEAN = Candidate("geo:x:atlantic_ocean", "Atlantic Ocean", 0.0, -30.0, None, "natural")
UNITED_KINGDOM = _place(123, "United Kingdom", 54.0, -2.0, "GB", "country", 66_000_000, code="GB")
SURREY_GB = _place(124, "Surrey", 51.27, -0.34, "GB", "admin2", 1_280_000, "GB.ENG", "GB.ENG.N7")
SURREY_CA = _place(125, "Surrey", 49.11, -122.83, "CA", "city", 570_000, "CA.02")
GUILDFORD_GB = _place(126, "Guildford", 51.24, -0.57, "GB", "city", 72_000, "GB.ENG")
GUILDFORD_CA = _place(127, "Guildford", 49.19, -122.8, "CA", "city", 65_000, "CA.02")
UNITED_STATES = _place(128, "United States", 39.8, -98.5, "US", "country", 327_000_000, code="US")
US_TOWN = _place(129, "Us", 47.0, 2.0, "FR", "locality", 1_200)
SOUTH_CM = _place(130, "South", 2.73, 11.63, "CM", "admin1", 340_000, "CM.14", "CM.14")
CAMEROON = _place(131, "Cameroon", 6.0, 12.0, "CM", "country", 25_000_000, code="CM")
SAINT_PETER = _place(132, "Saint Peter", 17.11, -61.75, "AG", "admin1", 5_500, "AG.07", "AG.07")
EARTH_TX = _place(133, "Earth", 34.23, -102.41, "US", "locality", 1_000, "US.TX")
KENYA = _place(134, "Kenya", 1.0, 38.0, "KE", "country", 51_000_000, code="KE")
MIGORI_COUNTY = _place(135, "Migori", -1.0, 34.4, "KE", "admin1", 1_100_000, "KE.27", "KE.27")
MIGORI = _place(136, "Migori", -1.06, 34.47, "KE", "city", 100_000, "KE.27")
HOMA_BAY = _place(137, "Homa Bay", -0.53, 34.46, "KE", "city", 60_000, "KE.08")
KISUMU = _place(138, "Kisumu", -0.1, 34.76, "KE", "city", 400_000, "KE.26")
SIAYA = _place(139, "Siaya", 0.06, 34.29, "KE", "city", 30_000, "KE.38")
SUVA = _place(140, "Suva", -18.14, 178.43, "FJ", "city", 77_000, "FJ.01", capital=True)
FIFE = _place(141, "Fife", 56.33, -3.0, "GB", "admin2", 350_000, "GB.SCT", "GB.SCT.V1")
LONDON = _place(142, "London", 51.51, -0.13, "GB", "city", 9_000_000, "GB.ENG", capital=True)
KOLKATA = _place(143, "Kolkata", 22.56, 88.36, "IN", "city", 4_600_000, "IN.28")
TORUN = _place(144, "Toruń", 53.01, 18.6, "PL", "city", 200_000, "PL.73")
DOGUBAYAZIT = _place(145, "Dogubayazit", 39.55, 44.08, "TR", "city", 70_000, "TR.04")
CAIRO = _place(146, "Cairo", 30.06, 31.25, "EG", "city", 7_700_000, "EG.11", capital=True)
GIZA = _place(147, "Giza", 30.01, 31.21, "EG", "city", 4_400_000, "EG.08")
MINYA = _place(148, "Minya", 28.1, 30.75, "EG", "city", 230_000, "EG.10")
ONTARIO = _place(149, "Ontario", 50.0, -86.0, "CA", "admin1", 14_000_000, "CA.08", "CA.08")
STROUD_GB = _place(150, "Stroud", 51.75, -2.2, "GB", "city", 60_000, "GB.ENG")
SWAT_VALLEY = Candidate("geo:x:swat_valley", "Swat Valley", 35.2, 72.5, "PK", "natural")
MATTA_IN = _place(151, "Matta", 18.6, 76.0, "IN", "city", 25_000, "IN.16")
GHANA = _place(152, "Ghana", 8.0, -2.0, "GH", "country", 30_000_000, code="GH")
TOGO = _place(153, "Togo", 8.0, 1.17, "TG", "country", 8_000_000, code="TG")
KITGUM = _place(154, "Kitgum", 3.28, 32.89, "UG", "city", 45_000, "UG.N")


@pytest.fixture(scope="module")
def world_places(nlp):
    return _runner(
        nlp,
        MemoryGazetteer(
            [
                (GUINEA, []),
                (GUINEA_BISSAU, ["Guinea Bissau"]),
                (BISSAU, []),
                (CONGO, ["Congo"]),
                (DR_CONGO, ["DRC"]),
                (BRAZIL, []),
                (RIO_GRANDE_BR, []),
                (RIO_GRANDE_US, []),
                (RIO_GRANDE_DO_SUL, []),
                (SANTA_CATARINA, []),
                (GEORGIA_US, []),
                (OKLAHOMA, []),
                (PENNSYLVANIA, []),
                (OKLAHOMA_PA, []),
                (UTAH, []),
                (OREGON, []),
                (WASHINGTON_STATE, []),
                (WASHINGTON_DC, []),
                (MAKKAH_PROVINCE, ["Mecca"]),
                (MAKKAH, ["Mecca"]),
                (ATLANTIC_IA, []),
                (IOWA, []),
                (ATLANTIC_OCEAN, ["Atlantic"]),
                (UNITED_KINGDOM, ["UK", "Britain"]),
                (SURREY_GB, []),
                (SURREY_CA, []),
                (GUILDFORD_GB, []),
                (GUILDFORD_CA, []),
                (UNITED_STATES, ["U.S."]),
                (US_TOWN, []),
                (SOUTH_CM, []),
                (CAMEROON, []),
                (SAINT_PETER, ["St. Peter"]),
                (EARTH_TX, []),
                (KENYA, []),
                (MIGORI_COUNTY, []),
                (MIGORI, []),
                (HOMA_BAY, []),
                (KISUMU, []),
                (SIAYA, []),
                (SUVA, ["Suba"]),
                (FIFE, []),
                (LONDON, []),
                (KOLKATA, ["Calcutta"]),
                (TORUN, []),
                (DOGUBAYAZIT, []),
                (CAIRO, []),
                (GIZA, []),
                (MINYA, []),
                (ONTARIO, []),
                (STROUD_GB, []),
                (SWAT_VALLEY, []),
                (MATTA_IN, []),
                (GHANA, []),
                (TOGO, []),
                (KITGUM, []),
            ],
            demonyms={"American": "US", "Kenyan": "KE", "British": "GB"},
            iso3={"USA": "US", "GBR": "GB", "KEN": "KE"},
        ),
    )


@pytest.mark.slow
def test_the_longest_name_the_gazetteer_knows_wins(world_places):
    found = _by_name(
        world_places(
            "Vaccines were flown to Guinea-Bissau and to the Democratic Republic of the Congo."
        )
    )
    assert found["Guinea-Bissau"].country == "GW"
    assert found["Democratic Republic of the Congo"].country == "CD"
    assert not {"Guinea", "Bissau", "Republic of the Congo"} & set(found)
    found = _by_name(world_places("Two cases were found in Rio Grande do Sul and Santa Catarina."))
    assert found["Rio Grande do Sul"].feature == "admin1"
    assert "Rio Grande" not in found


@pytest.mark.slow
def test_states_listed_with_commas_are_no_containers(world_places):
    found = _by_name(
        world_places("Cases were reported in Georgia, Oklahoma, Pennsylvania and Utah.")
    )
    assert found["Oklahoma"].geonameid == OKLAHOMA.geonameid


@pytest.mark.slow
def test_a_listed_name_takes_the_kind_of_the_others(world_places):
    found = _by_name(world_places("Outbreaks were confirmed in Utah, Oregon, Washington and Iowa."))
    assert found["Washington"].geonameid == WASHINGTON_STATE.geonameid
    assert _by_name(world_places("Talks resumed in Washington."))["Washington"].feature == "city"


@pytest.mark.slow
def test_a_division_sharing_only_an_alternate_name_with_its_city_is_the_city(world_places):
    found = _by_name(world_places("Millions of pilgrims travelled to Mecca this week."))
    assert found["Makkah"].feature == "city"


@pytest.mark.slow
def test_the_before_a_name_is_a_sea_not_a_town(world_places):
    found = _by_name(world_places("Farmers in Iowa watched the storm move over the Atlantic."))
    assert found["Atlantic Ocean"].feature == "natural"
    found = _by_name(world_places("Farmers in Iowa met in Atlantic on Tuesday."))
    assert found["Atlantic"].geonameid == ATLANTIC_IA.geonameid


@pytest.mark.slow
def test_a_name_placed_by_its_container_keeps_that_sense_in_the_article(world_places):
    found = world_places(
        "The virus escaped from a laboratory near Guildford, Surrey, UK. Since then, cattle "
        "on a Surrey farm have been culled."
    )
    surreys = [p for p in found if p.name == "Surrey"]
    assert [(p.country, len(p.mentions)) for p in surreys] == [("GB", 2)]
    assert _by_name(found)["Guildford"].country == "GB"


@pytest.mark.slow
def test_a_country_abbreviation_inside_an_institution_is_a_place(world_places):
    found = _by_name(world_places("Experts from the U.S. Centers for Disease Control arrived."))
    assert [m.text for m in found["United States"].mentions] == ["U.S."]


@pytest.mark.slow
def test_a_compass_named_division_needs_its_country_in_the_article(world_places):
    found = world_places("Farmers across the American South lost their crops to the drought.")
    assert [p.name for p in found] == []
    found = _by_name(world_places("Cameroon sent troops to South province on Friday."))
    assert found["South"].country == "CM"


@pytest.mark.slow
def test_a_compass_adjective_is_no_town_abroad(analyzer):
    # The packaged index has towns and divisions called "Western" in several countries; none
    # is mentioned, so the adjective stays an adjective and lends no country to Geneva.
    text = "Western officials said the talks in Geneva had stalled."
    found = _by_name(analyzer.analyze(make_article(text)).places)
    assert list(found) == ["Geneva"]
    assert found["Geneva"].country == "CH"


@pytest.mark.slow
def test_a_name_owning_a_longer_place_name_is_no_place(world_places):
    found = world_places("Pilgrims filled St. Peter's Square in Rome.")
    assert [p.name for p in found] == []  # Rome is not in this gazetteer


@pytest.mark.slow
def test_a_common_word_after_the_is_no_town(world_places):
    assert world_places("The meteor would have burned up before it hit the Earth.") == []


@pytest.mark.slow
def test_a_name_listed_among_one_countrys_places_is_no_namesake_abroad(world_places):
    found = world_places("Kenyan officials counted new cases in Kisumu, Siaya, Migori and Suba.")
    assert {p.country for p in found} == {"KE"}
    assert _by_name(found)["Migori"].feature == "city"


@pytest.mark.slow
def test_an_unknown_village_lies_in_the_place_named_after_it(world_places):
    found = _by_name(
        world_places(
            "Officials in London said a dead swan was found in the village of Kirkwick in Fife."
        )
    )
    village = found["Kirkwick"]
    assert (village.lat, village.lon, village.country) == (FIFE.lat, FIFE.lon, "GB")


@pytest.mark.slow
def test_a_town_with_no_reading_where_the_text_puts_it_lies_there(world_places):
    stroud = _by_name(world_places("He was stopped in Stroud, Ontario, on Sunday."))["Stroud"]
    assert (stroud.lat, stroud.lon, stroud.country) == (ONTARIO.lat, ONTARIO.lon, "CA")
    found = _by_name(world_places("Tourists returned to the town of Matta in the Swat Valley."))
    matta = found["Matta"]
    assert (matta.lat, matta.lon, matta.country) == (SWAT_VALLEY.lat, SWAT_VALLEY.lon, "PK")


@pytest.mark.slow
def test_a_name_going_on_a_list_lies_in_no_country_after_it(world_places):
    found = _by_name(world_places("Teams visited Ghana, Kitgum, Kenya and Togo last year."))
    assert found["Kitgum"].geonameid == KITGUM.geonameid


@pytest.mark.slow
def test_places_the_model_takes_for_products_peoples_or_organisations(world_places):
    # The small model labels these names PRODUCT, NORP, ORG and PERSON.
    sentences = {
        "Street vendors in Calcutta were warned.": "Kolkata",
        "She grew up in the town of Toruń, near the river.": "Toruń",
        "Officials in Dogubayazit said three people died.": "Dogubayazit",
        "Cases were confirmed in Cairo, Giza and Minya.": "Giza",
    }
    for sentence, name in sentences.items():
        assert name in _by_name(world_places(sentence)), sentence


@pytest.mark.slow
def test_packaged_index_knows_former_provinces_islands_and_state_abbreviations():
    gazetteer = load_gazetteer()

    def features(name: str) -> set[tuple[str, str | None]]:
        return {(c.feature, c.country) for c in gazetteer.lookup(name)}

    assert ("admin1", "KE") in features("Nyanza")
    assert ("admin1", "KE") in features("North Eastern Province")
    assert ("admin1", "CD") in features("Kasai Occidental")
    assert ("natural", "PH") in features("Luzon")
    assert features("NSW") == {("admin1", "AU")}
