"""The one filter model through the API, on SQLite and PostgreSQL alike: every filter on
events, articles, stories and claims, names in place of ids, totals counted in the database,
sorting, the map's points and the filtered exports.

The store: Kukawa's strike in two outlets and the army's denial (their claims disputed
across the story), and talks placed only at the level of Russia (single source)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from sitrep.link import link_report
from sitrep.model import Place
from sitrep.store import Store
from sitrep.store.filters import Filters

from .conftest import client_for
from .test_events import reports as event_reports

RUSSIA = Place("geo:2017370", "Russia", 60.0, 100.0, "RU", "country", 2017370, (), precision=3)


def reports():
    """The events of test_events, each carried by its sentence's claim where it has one,
    the talks placed in Russia (a country: a coarse point)."""
    first, second, denial, talks = event_reports()
    first = replace(first, events=(replace(first.events[0], claim="c0"), first.events[1]))
    denial = replace(denial, events=(replace(denial.events[0], claim="c0"), denial.events[1]))
    talks = replace(
        talks,
        places=(*talks.places, RUSSIA),
        events=(replace(talks.events[0], claim="c0", place=RUSSIA.id),),
    )
    return [first, second, denial, talks]


@pytest.fixture()
def store(store_url):
    with Store(store_url) as store:
        for report in reports():
            store.add(report)
            link_report(store, report)
        yield store


@pytest.fixture()
def client(store, quick_analyzer):
    return client_for(store, quick_analyzer)


def events(client, **params):
    page = client.get("/api/events", params={"limit": 500, **params}).json()
    assert page["ok"] is True and page["total"] == len(page["items"]), page
    return page


def keys(page):
    return [(item["article_id"][:4], item["id"]) for item in page["items"]]


@pytest.mark.parametrize(
    ("by_id", "by_name"),
    [
        ({"actor": "idf"}, {"actor": "Israel Defense Forces"}),
        ({"actor": "idf"}, {"actor": "israel defense forces"}),
        ({"place": "geo:2332459"}, {"place": "Kukawa"}),
        ({"country": "RU"}, {"country": "Russia"}),
        ({"country": "ng"}, {"country": "NG"}),
    ],
)
def test_names_filter_as_their_ids_do(client, by_id, by_name):
    expected = events(client, **by_id)
    assert expected["total"] > 0
    assert keys(events(client, **by_name)) == keys(expected)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "disputed"}, 2),
        ({"status": "single_source"}, 1),
        ({"status": "corroborated"}, 0),
        ({"outlet": "Frontline Daily"}, 2),
        ({"outlet": "Frontline Daily", "type": "REJECT"}, 1),
        ({"q": "denied"}, 2),
        ({"q": "denied", "factuality": "denied"}, 1),
        ({"since": "2024-03-05", "until": "2024-03-05"}, 2),
        ({"since": "2024-03-06", "until": "2024-03-01"}, 0),
        ({"country": "Nowhere"}, 0),
        ({"actor": "Nobody"}, 0),
    ],
)
def test_event_filters_count_in_the_database(client, params, expected):
    assert events(client, **params)["total"] == expected


def test_filters_combine_and_blank_ones_are_no_filter(client):
    everything = events(client)
    assert everything["total"] == 6
    assert keys(events(client, type="", actor="", since="")) == keys(everything)
    both = events(client, type="ASSAULT", country="NG", factuality="asserted")
    assert {(i["type"], i["factuality"]) for i in both["items"]} == {("ASSAULT", "asserted")}
    assert both["total"] == 2


def test_events_carry_names_places_and_their_article(client):
    [talks] = events(client, type="CONSULT")["items"]
    assert talks["actor_name"] == "Hamas" and talks["claim_status"] == "single_source"
    assert talks["where"] == {
        "name": "Russia",
        "lat": 60.0,
        "lon": 100.0,
        "feature": "country",
        "precision": 3,
    }
    assert talks["article"]["outlet"] == "Continental Post" and talks["article"]["title"]
    [kukawa, *_] = events(client, place="Kukawa", sort="date")["items"]
    assert kukawa["where"]["precision"] == 1


@pytest.mark.parametrize("sort", ["date", "-date", "type", "-type", "outlet", "status", "place"])
def test_sorted_pages_follow_one_order(client, sort):
    whole = events(client, sort=sort)
    paged = []
    for offset in range(0, whole["total"], 2):
        page = client.get("/api/events", params={"sort": sort, "limit": 2, "offset": offset})
        paged += keys(page.json())
    assert paged == keys(whole)
    values = [
        {"date": i["date"], "type": i["type"], "outlet": i["article"]["outlet"]}.get(
            sort.lstrip("-")
        )
        for i in whole["items"]
    ]
    if sort.lstrip("-") in ("date", "type", "outlet"):
        assert values == sorted(values, reverse=sort.startswith("-"))


def test_articles_and_stories_filter_by_name_with_a_total(client):
    articles = client.get("/api/articles", params={"actor": "Israel Defense Forces"}).json()
    assert articles == client.get("/api/articles", params={"actor": "idf"}).json()
    assert articles["total"] == len(articles["items"]) == 3
    assert client.get("/api/articles", params={"type": "CONSULT"}).json()["total"] == 1
    assert client.get("/api/articles", params={"country": "Russia"}).json()["total"] == 1
    stories = client.get("/api/stories").json()
    assert stories["total"] == len(stories["items"]) >= 2
    disputed = client.get("/api/stories", params={"status": "disputed"}).json()
    assert disputed["total"] == 1 and "Kukawa" in disputed["items"][0]["title"]
    moscow = client.get("/api/stories", params={"place": "Russia", "type": "CONSULT"}).json()
    assert moscow["total"] == 1 and moscow["items"][0]["id"] != disputed["items"][0]["id"]
    later = client.get("/api/stories", params={"since": "2024-03-06"}).json()
    assert [s["id"] for s in later["items"]] == [moscow["items"][0]["id"]]


def test_claims_filter_by_story_and_actor_name(client):
    kukawa = client.get("/api/stories", params={"status": "disputed"}).json()["items"][0]
    claims = client.get("/api/claims", params={"story": kukawa["id"]}).json()
    assert claims["total"] == len(claims["items"]) > 0
    assert {c["story_id"] for c in claims["items"]} == {kukawa["id"]}
    by_name = client.get("/api/claims", params={"actor": "Israel Defense Forces"}).json()
    by_id = client.get("/api/claims", params={"actor": "idf"}).json()
    assert by_name["items"] == by_id["items"] and by_id["total"] > 0


@pytest.mark.parametrize(
    ("path", "params", "code"),
    [
        # The spec gives the shape (E055); the filter model checks the rest (E022).
        ("/api/events", {"status": "rumoured"}, "E055"),
        ("/api/events", {"type": "assault"}, "E055"),
        ("/api/events", {"until": "2024-13-01"}, "E055"),
        ("/api/stories", {"factuality": "asserted"}, "E022"),
        ("/api/articles", {"status": "disputed"}, "E022"),
        ("/api/claims", {"type": "ASSAULT", "factuality": "asserted"}, "E022"),
    ],
)
def test_invalid_or_inapplicable_filters_are_refused(client, path, params, code):
    """A filter a listing does not have is refused, not ignored, with the one envelope."""
    response = client.get(path, params=params)
    assert response.status_code == 422 and response.json()["code"] == code, response.json()


def test_map_points_group_events_and_count_what_is_left_off(client):
    body = client.get("/api/events/points").json()
    assert body["total"] == 6 and body["unplaced"] == 2 and body["shown"] == 4
    assert (body["first_day"], body["last_day"]) == ("2024-03-04", "2024-03-07")
    kukawa = [p for p in body["points"] if p["name"] == "Kukawa"]
    assert sum(p["events"] for p in kukawa) == 3 and {p["precision"] for p in kukawa} == {1}
    [russia] = [p for p in body["points"] if p["name"] == "Russia"]
    assert (russia["precision"], russia["status"], russia["type"]) == (
        3,
        "single_source",
        "CONSULT",
    )
    narrowed = client.get("/api/events/points", params={"since": "2024-03-06"}).json()
    assert narrowed["shown"] == narrowed["total"] == 1
    # The slider's bounds stay those of every day.
    assert (narrowed["first_day"], narrowed["last_day"]) == ("2024-03-04", "2024-03-07")


def test_exports_write_the_filter_with_the_exporters(client):
    everything = client.get("/api/events/export", params={"format": "csv", "all": "true"})
    assert (
        everything.status_code == 200 and "attachment" in everything.headers["content-disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(everything.text)))
    assert len(rows) == 6 and everything.headers["x-sitrep-left-out"] == "0"
    standing = client.get("/api/events/export", params={"format": "csv"})
    kept = list(csv.DictReader(io.StringIO(standing.text)))
    assert {r["factuality"] for r in kept} == {"asserted"}
    assert int(standing.headers["x-sitrep-left-out"]) == 6 - len(kept) > 0
    kukawa = client.get(
        "/api/events/export", params={"format": "csv", "place": "Kukawa", "all": "1"}
    )
    assert {r["place"] for r in csv.DictReader(io.StringIO(kukawa.text))} == {"Kukawa"}
    geojson = client.get(
        "/api/events/export", params={"format": "geojson", "type": "CONSULT", "all": "true"}
    )
    features = json.loads(geojson.text)["features"]
    assert [f["properties"]["place"] for f in features] == ["Russia"]
    assert geojson.headers["content-type"].startswith("application/geo+json")
    acled = client.get("/api/events/export", params={"format": "acled", "country": "NG"})
    assert acled.text.startswith("event_id_cnty,") and acled.status_code == 200


def test_store_counts_what_exports_would_leave_out(store):
    total, standing = store.event_counts(Filters(country="NG"))
    assert (total, standing) == (3, 2)


def test_map_points_follow_what_is_stored_and_linked(client, store):
    """The markers are kept between requests until linking changes the stories."""
    client.app.state.stories.recheck_s = 0  # the store is asked on every request
    before = client.get("/api/events/points").json()
    assert client.get("/api/events/points").json() == before
    later = replace(reports()[0], events=reports()[0].events[:1])
    later = replace(later, article=replace(later.article, id="later0000000000a"))
    store.add(later)
    link_report(store, later)
    after = client.get("/api/events/points").json()
    assert after["total"] == before["total"] + 1
