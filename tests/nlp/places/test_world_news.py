"""Places in world news, end to end over a small in-memory gazetteer: longer names holding
shorter ones, lists, namesake divisions and seas; and the packaged GeoNames index."""

from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import Candidate, MemoryGazetteer
from sitrep.geo.index import load_gazetteer
from sitrep.ingest.meta import make_article

from .runner import by_name, place_runner


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
    return place_runner(
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
    found = by_name(
        world_places(
            "Vaccines were flown to Guinea-Bissau and to the Democratic Republic of the Congo."
        )
    )
    assert found["Guinea-Bissau"].country == "GW"
    assert found["Democratic Republic of the Congo"].country == "CD"
    assert not {"Guinea", "Bissau", "Republic of the Congo"} & set(found)
    found = by_name(world_places("Two cases were found in Rio Grande do Sul and Santa Catarina."))
    assert found["Rio Grande do Sul"].feature == "admin1"
    assert "Rio Grande" not in found


@pytest.mark.slow
def test_states_listed_with_commas_are_no_containers(world_places):
    found = by_name(
        world_places("Cases were reported in Georgia, Oklahoma, Pennsylvania and Utah.")
    )
    assert found["Oklahoma"].geonameid == OKLAHOMA.geonameid


@pytest.mark.slow
def test_a_listed_name_takes_the_kind_of_the_others(world_places):
    found = by_name(world_places("Outbreaks were confirmed in Utah, Oregon, Washington and Iowa."))
    assert found["Washington"].geonameid == WASHINGTON_STATE.geonameid
    assert by_name(world_places("Talks resumed in Washington."))["Washington"].feature == "city"


@pytest.mark.slow
def test_a_division_sharing_only_an_alternate_name_with_its_city_is_the_city(world_places):
    found = by_name(world_places("Millions of pilgrims travelled to Mecca this week."))
    assert found["Makkah"].feature == "city"


@pytest.mark.slow
def test_the_before_a_name_is_a_sea_not_a_town(world_places):
    found = by_name(world_places("Farmers in Iowa watched the storm move over the Atlantic."))
    assert found["Atlantic Ocean"].feature == "natural"
    found = by_name(world_places("Farmers in Iowa met in Atlantic on Tuesday."))
    assert found["Atlantic"].geonameid == ATLANTIC_IA.geonameid


@pytest.mark.slow
def test_a_name_placed_by_its_container_keeps_that_sense_in_the_article(world_places):
    found = world_places(
        "The virus escaped from a laboratory near Guildford, Surrey, UK. Since then, cattle "
        "on a Surrey farm have been culled."
    )
    surreys = [p for p in found if p.name == "Surrey"]
    assert [(p.country, len(p.mentions)) for p in surreys] == [("GB", 2)]
    assert by_name(found)["Guildford"].country == "GB"


@pytest.mark.slow
def test_a_country_abbreviation_inside_an_institution_is_a_place(world_places):
    found = by_name(world_places("Experts from the U.S. Centers for Disease Control arrived."))
    assert [m.text for m in found["United States"].mentions] == ["U.S."]


@pytest.mark.slow
def test_a_compass_named_division_needs_its_country_in_the_article(world_places):
    found = world_places("Farmers across the American South lost their crops to the drought.")
    assert [p.name for p in found] == []
    found = by_name(world_places("Cameroon sent troops to South province on Friday."))
    assert found["South"].country == "CM"


@pytest.mark.slow
def test_a_compass_adjective_is_no_town_abroad(analyzer):
    # The packaged index has towns and divisions called "Western" in several countries; none
    # is mentioned, so the adjective stays an adjective and lends no country to Geneva.
    text = "Western officials said the talks in Geneva had stalled."
    found = by_name(analyzer.analyze(make_article(text)).places)
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
    assert by_name(found)["Migori"].feature == "city"


@pytest.mark.slow
def test_an_unknown_village_lies_in_the_place_named_after_it(world_places):
    found = by_name(
        world_places(
            "Officials in London said a dead swan was found in the village of Kirkwick in Fife."
        )
    )
    village = found["Kirkwick"]
    assert (village.lat, village.lon, village.country) == (FIFE.lat, FIFE.lon, "GB")


@pytest.mark.slow
def test_a_town_with_no_reading_where_the_text_puts_it_lies_there(world_places):
    stroud = by_name(world_places("He was stopped in Stroud, Ontario, on Sunday."))["Stroud"]
    assert (stroud.lat, stroud.lon, stroud.country) == (ONTARIO.lat, ONTARIO.lon, "CA")
    found = by_name(world_places("Tourists returned to the town of Matta in the Swat Valley."))
    matta = found["Matta"]
    assert (matta.lat, matta.lon, matta.country) == (SWAT_VALLEY.lat, SWAT_VALLEY.lon, "PK")


@pytest.mark.slow
def test_a_name_going_on_a_list_lies_in_no_country_after_it(world_places):
    found = by_name(world_places("Teams visited Ghana, Kitgum, Kenya and Togo last year."))
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
        assert name in by_name(world_places(sentence)), sentence


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
