"""Search and pickers in a real browser: snippets that mark the words typed (and show a
hostile article's markup as text, never running it), and a filter input that suggests names
as the user types."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from .conftest import TOKEN

#: Markup around the very words searched for, so the snippet must cut through it.
HOSTILE_SNIPPET = (
    "Title: Quarry dispute\nOutlet: Ridge Courier\nDate: 2024-03-10\n\n"
    "Herders said <script>document.title='PWNED'</script>the quarry "
    "<img src=x onerror=\"document.title='PWNED'\"> near Kukawa was seized by zealots.\n"
)


def test_search_shows_marked_snippets_and_hostile_text_as_text(site, watched):
    response = httpx.post(
        site + "/api/articles",
        files={"file": ("quarry.txt", HOSTILE_SNIPPET.encode())},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    assert response.status_code in (200, 201), response.text
    page = watched.page
    page.goto(site + "/")
    box = page.locator("form.search input[name=q]")
    box.fill("QUARRY zealots")
    box.press("Enter")
    page.wait_for_url("**/search?q=QUARRY+zealots")
    hits = page.locator("#found-articles ol.hits > li")
    expect(hits).to_have_count(1)
    snippet = hits.first.locator(".snippet")
    expect(snippet).to_contain_text("<script>document.title='PWNED'</script>the quarry")
    expect(snippet).to_contain_text("<img src=x onerror=")
    assert snippet.locator("mark").all_inner_texts() == ["quarry", "zealots"]
    assert page.locator("img[src='x'], .snippet script").count() == 0
    expect(page.locator("#found-articles h2 .count")).to_have_text("1")
    watched.shot("06-search-snippets")

    # Whole words only, in every section: "kuk" is no word, "Kukawa" is one.
    page.goto(site + "/search?q=kuk")
    for section in ("articles", "stories", "claims", "actors", "places"):
        expect(page.locator(f"#found-{section} .empty")).to_be_visible()
    page.goto(site + "/search?q=kukawa")
    expect(page.locator("#found-places ol.hits mark").first).to_have_text("Kukawa")
    page.locator("nav.search-sections a", has_text="Claims").click()
    page.wait_for_url("**section=claims")
    expect(page.locator("#found-articles")).to_have_count(0)
    assert page.title() != "PWNED"
    assert watched.dialogs == [] and watched.errors == []


def test_a_filter_input_suggests_names_from_the_keyboard(site, watched):
    page = watched.page
    page.goto(site + "/articles")
    place = page.locator("input[data-suggest=place]")
    list_id = place.get_attribute("list")
    assert list_id, "suggest.js links the input to its datalist"
    place.focus()
    page.keyboard.type("Kuk")
    expect(page.locator(f"datalist#{list_id} option[value=Kukawa]").first).to_be_attached()
    page.keyboard.type("awa")
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles?**place=Kukawa**")
    rows = page.locator("table.grid tbody tr")
    expect(rows.first).to_be_visible()
    # Every article listed mentions the place picked by name.
    ids = [
        href.rsplit("/", 1)[1]
        for href in page.locator("table.grid tbody td a[href^='/articles/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    ]
    # The name picks the most reported place of that name, the first suggestion.
    suggested = httpx.get(site + "/api/suggest", params={"field": "place", "q": "Kukawa"})
    picked = suggested.json()["items"][0]
    assert picked["name"] == "Kukawa" and picked["articles"] == len(ids) > 0
    for article_id in ids:
        report = httpx.get(f"{site}/api/articles/{article_id}").json()["report"]
        assert picked["id"] in {p["id"] for p in report["places"]}
    expect(place).to_have_value("Kukawa")
    watched.shot("07-picker")
    assert watched.dialogs == [] and watched.errors == []
