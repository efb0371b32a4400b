"""The filters on the dashboard's pages, rendered on the server: what used to be ignored
(``/?actor=``) narrows the page, active filters are shown by name with a link that clears
each, counts are shown, and a filter a page does not have is an error page, not ignored."""

from __future__ import annotations

import re
from html import unescape

import pytest

from sitrep.link import link_report
from sitrep.store import Store
from tests.api.conftest import client_for
from tests.api.test_filters import reports


@pytest.fixture(scope="module")
def client(tmp_path_factory, quick_analyzer):
    path = tmp_path_factory.mktemp("pages") / "pages.db"
    with Store(f"sqlite:///{path}") as store:
        for report in reports():
            store.add(report)
            link_report(store, report)
        yield client_for(store, quick_analyzer)


def chips(html: str) -> dict[str, tuple[str, str]]:
    """filter name -> (the value shown, the link that clears it)."""
    found = re.findall(
        r'<li class="chip" data-filter="(\w+)"><span class="chip-label">[^<]*</span> ([^<]*) '
        r'<a class="chip-clear" href="([^"]*)"',
        html,
    )
    return {name: (unescape(value), unescape(href)) for name, value, href in found}


def total(html: str) -> int:
    return int(re.search(r'<p class="total" data-total="(\d+)"', html).group(1))


def test_the_stories_page_applies_its_filters(client):
    everything = client.get("/").text
    hamas = client.get("/", params={"actor": "Hamas"}).text
    assert total(hamas) == client.get("/api/stories", params={"actor": "hamas"}).json()["total"]
    assert 0 < total(hamas) < total(everything)
    assert hamas.count('class="story-row"') == total(hamas)
    assert chips(hamas) == {"actor": ("Hamas", "/")}


def test_ids_in_the_url_are_shown_as_names(client):
    html = client.get("/events", params={"actor": "idf", "place": "geo:2332459"}).text
    shown = chips(html)
    assert shown["actor"][0] == "Israel Defense Forces" and shown["place"][0] == "Kukawa"
    assert "geo:2332459" not in re.search(r'<ul class="active-filters".*?</ul>', html, re.S)[0]
    assert 'name="actor" value="Israel Defense Forces"' in html
    # Each chip's link keeps the other filters and the sort, and drops the offset.
    assert shown["actor"][1] == "/events?place=geo%3A2332459"


def test_a_storys_filter_is_shown_by_its_title(client):
    story = client.get("/api/stories", params={"status": "disputed"}).json()["items"][0]
    html = client.get("/events", params={"story": story["id"], "sort": "type"}).text
    assert chips(html)["story"][0] == story["title"]
    assert total(html) == client.get("/api/events", params={"story": story["id"]}).json()["total"]
    assert f'<input type="hidden" name="story" value="{story["id"]}">' in html


def test_the_events_page_counts_and_offers_exports_of_its_filter(client):
    html = client.get("/events", params={"country": "NG", "offset": 1, "limit": 1}).text
    assert total(html) == 3 and html.count('class="event-row"') == 1
    assert 'href="/api/events/export?country=NG&amp;format=acled"' in html
    assert "2 asserted or corroborated; 1 left out" in html
    assert 'href="/events?country=NG&amp;limit=1&amp;sort=date"' in html  # sorting resets paging


def test_the_articles_page_filters_by_names(client):
    html = client.get("/articles", params={"country": "Russia", "type": "CONSULT"}).text
    assert total(html) == 1 and "Talks in Moscow" in html
    assert 'data-suggest="country"' in html and "Place id" not in html


@pytest.mark.parametrize(
    "url",
    ["/map?name=Gaza", "/?factuality=asserted", "/articles?status=disputed", "/events?colour=red"],
)
def test_a_filter_a_page_does_not_have_is_an_error_not_ignored(client, url):
    response = client.get(url)
    assert response.status_code == 422 and "E022" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_the_top_bar_leads_to_events(client):
    assert (
        '<a href="/events" class="active" aria-current="page">Events</a>'
        in client.get("/events").text
    )
