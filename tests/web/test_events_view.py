"""The events view, its filters and the events map in Chromium: a table sorted and filtered
in the URL, with the active filters shown and cleared one by one; the map's legend, its
coarse points drawn as areas, its time slider and its count of what it shows; and an export
of the current filter downloaded from the page."""

from __future__ import annotations

import csv
from pathlib import Path

import httpx
import pytest

from sitrep.api.app import make_app
from sitrep.link import link_report
from sitrep.settings import Settings
from sitrep.store import Store
from tests.api.test_filters import reports

from .conftest import serving

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture(scope="module")
def events_site(tmp_path_factory, chromium_path, quick_analyzer):
    """The dashboard over the stories of tests/api/test_filters (six events, two of them
    without a place, one placed only in a country)."""
    path = tmp_path_factory.mktemp("events") / "events.db"
    store = Store(f"sqlite:///{path}")
    for report in reports():
        store.add(report)
        link_report(store, report)
    with serving(make_app(store, quick_analyzer, Settings())) as url:
        yield url
    store.close()


def read_csv(path):
    return list(csv.DictReader(Path(path).read_text("utf-8").splitlines()))


def api(site, path, **params):
    return httpx.get(site + path, params=params).json()


def test_the_events_table_sorts_and_filters_in_the_url(events_site, watched):
    page = watched.page
    page.goto(events_site + "/events")
    rows = page.locator("table.events tbody tr")
    total = api(events_site, "/api/events")["total"]
    expect(rows).to_have_count(total)
    expect(page.locator("p.total")).to_contain_text(f"{total} events")
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("When")

    page.locator("th a.sort", has_text="Type").click()
    page.wait_for_url("**/events?sort=type")
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Type")
    types = [
        t.strip() for t in page.locator("table.events tbody tr td:nth-child(2) a").all_inner_texts()
    ]
    assert types == sorted(types)

    # The actor picker takes a name; the chip shows it, and the URL carries no raw id.
    page.fill("form.filters input[name=actor]", "Israel Defense Forces")
    page.select_option("form.filters select[name=type]", "ASSAULT")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**actor=Israel+Defense+Forces**")
    expected = api(events_site, "/api/events", actor="idf", type="ASSAULT")["total"]
    expect(rows).to_have_count(expected)
    expect(page.locator("p.total")).to_contain_text(f"{expected} event")
    expect(page.locator("p.total")).to_contain_text("these filters")
    chips = page.locator(".active-filters .chip")
    expect(chips).to_have_count(2)
    expect(chips.filter(has_text="Actor")).to_contain_text("Israel Defense Forces")
    assert "idf" not in page.locator(".active-filters").inner_text()
    watched.shot("10-events-filtered")

    chips.filter(has_text="Event type").locator("a.chip-clear").click()
    expect(chips).to_have_count(1)
    assert "type=" not in page.url and "actor=" in page.url
    expect(rows).to_have_count(api(events_site, "/api/events", actor="idf")["total"])
    assert watched.dialogs == [] and watched.errors == []


def test_pages_that_ignored_filters_now_apply_them(events_site, watched):
    page = watched.page
    page.goto(events_site + "/?actor=Hamas")
    stories = page.locator("table.stories tbody tr")
    expect(stories).to_have_count(api(events_site, "/api/stories", actor="hamas")["total"])
    expect(page.locator(".active-filters .chip")).to_contain_text("Hamas")
    page.goto(events_site + "/map?name=Gaza")
    expect(page.locator(".error-page")).to_contain_text("E022")


def test_the_map_draws_events_with_a_legend_and_their_precision(events_site, watched):
    page = watched.page
    page.goto(events_site + "/map")
    expect(page.locator("[data-events-map][data-ready=true]")).to_be_attached()
    points = api(events_site, "/api/events/points")
    expect(page.locator("#map-note")).to_have_text(
        f"{points['shown']} events on the map, of {points['total']} events that match; "
        f"{points['unplaced']} have no place."
    )
    legend = page.locator(".map-legend")
    expect(legend.locator("h4").first).to_have_text("Event type")
    shown_types = sorted({p["type"] for p in points["points"]})
    assert (
        legend.locator("li[data-category]").evaluate_all(
            "items => items.map(i => i.dataset.category)"
        )
        == shown_types
    )
    expect(legend.locator("li[data-precision=area]")).to_contain_text("region or country")
    # Russia is known only as a country: drawn as a dashed area, not as a town's marker.
    coarse = [p for p in points["points"] if p["precision"] == 3]
    expect(page.locator("path.ev-area")).to_have_count(len(coarse))
    assert page.locator("path.ev-area").first.get_attribute("stroke-dasharray") == "6 4"
    towns = sum(p["events"] for p in points["points"] if p["precision"] < 3)
    counts = page.locator(".ev-marker span, .marker-cluster span").all_inner_texts()
    assert sum(int(c) for c in counts) == towns > 0
    watched.shot("11-events-map")

    page.select_option("#colour-by", "status")
    expect(legend.locator("h4").first).to_have_text("Claim status")
    statuses = sorted({p["status"] or "none" for p in points["points"]})
    assert (
        legend.locator("li[data-category]").evaluate_all(
            "items => items.map(i => i.dataset.category)"
        )
        == statuses
    )
    assert watched.dialogs == [] and watched.errors == []


def test_the_time_slider_narrows_the_map_and_the_url(events_site, watched):
    page = watched.page
    page.goto(events_site + "/map")
    expect(page.locator("[data-events-map][data-ready=true]")).to_be_attached()
    expect(page.locator("#slider-from-day")).to_have_text("2024-03-04")
    expect(page.locator("#slider-to-day")).to_have_text("2024-03-07")
    # Two days on: the events of March 6th and after.
    page.locator("#slider-from").evaluate(
        "el => { el.value = '2'; el.dispatchEvent(new Event('input')); el.dispatchEvent(new Event('change')); }"
    )
    page.wait_for_url("**/map?since=2024-03-06")
    narrowed = api(events_site, "/api/events/points", since="2024-03-06")
    expect(page.locator("#map-note")).to_contain_text(
        f"{narrowed['shown']} event on the map, of {narrowed['total']} event that matches"
    )
    expect(page.locator("form.filters input[name=since]")).to_have_value("2024-03-06")
    assert "since=2024-03-06" in page.locator("a.export").first.get_attribute("href")
    assert watched.dialogs == [] and watched.errors == []


def test_the_page_exports_its_filter(events_site, watched):
    page = watched.page
    page.goto(events_site + "/events?place=Kukawa")
    with page.expect_download() as download:
        page.locator("a.export-all").click()
    rows = read_csv(download.value.path())
    assert len(rows) == api(events_site, "/api/events", place="Kukawa")["total"] > 0
    assert {row["place"] for row in rows} == {"Kukawa"}
    assert download.value.suggested_filename == "sitrep-events.csv"
    with page.expect_download() as download:
        page.locator("a.export[data-format=csv]").click()
    standing = read_csv(download.value.path())
    assert 0 < len(standing) < len(rows) and {r["factuality"] for r in standing} == {"asserted"}
