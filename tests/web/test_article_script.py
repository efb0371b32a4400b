"""article.js in Chromium: a link whose fragment is no valid percent-encoding (anyone can
write one) neither throws nor stops the page's handlers from being registered."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

MALFORMED = "#claim-%E0%A4%A"


def test_a_malformed_fragment_throws_nothing_and_the_page_still_answers_links(site, watched):
    page = watched.page
    for item in httpx.get(site + "/api/articles").json()["items"]:
        page.goto(f"{site}/articles/{item['id']}{MALFORMED}")
        anchors = page.locator("#article-text a.anchor")
        if anchors.count():
            break
    else:
        raise AssertionError("no stored article has spans to jump to")
    anchor = anchors.first
    # The jump an item list makes: the hashchange handler flashes the span after the anchor.
    page.evaluate("id => { location.hash = '#' + id; }", anchor.get_attribute("id"))
    expect(anchor.locator("xpath=following-sibling::*[1]")).to_have_class(re.compile(r"\bflash\b"))
    page.evaluate("hash => { location.hash = hash; }", MALFORMED)
    page.wait_for_function("hash => location.hash === hash", arg=MALFORMED)
    assert watched.errors == [] and watched.dialogs == []
