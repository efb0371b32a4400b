"""The story page's timeline, claim board and provenance in Chromium: the chart and its
table, low-confidence claims folded, each report's link and each provenance step landing on
its own highlighted quote, and the article's quotes reachable with the keyboard."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import httpx
from playwright.sync_api import expect


def story_id(site, word):
    stories = httpx.get(site + "/api/stories").json()["items"]
    return next(s["id"] for s in stories if word in s["title"])


def focused(page):
    """(text, classes, whether it is in the article's text) of the focused element."""
    return page.evaluate(
        """() => { const el = document.activeElement;
            return [el.textContent, el.className,
                    !!el.closest('#article-text') && el.tagName === 'SPAN']; }"""
    )


def assert_landed_on_quote(site, page, href):
    """The page is the article ``href`` names, its focus on the first piece of the quote the
    fragment names, marked as the open claim's evidence."""
    path, fragment = urlsplit(href).path, unquote(urlsplit(href).fragment)
    page.wait_for_url(re.compile(re.escape(fragment) + "$"))
    attribution = fragment.removesuffix("-quote")
    report = httpx.get(site + "/api" + path).json()["report"]
    content = next(a["content"]["text"] for a in report["attributions"] if a["id"] == attribution)
    page.wait_for_function(
        "() => document.activeElement.classList.contains('evidence-active')", timeout=5000
    )
    text, classes, in_article = focused(page)
    assert in_article and "hl-claim" in classes, classes
    assert text and content.startswith(text), (text, content)
    expect(page.locator("details.claim[open]")).to_have_count(1)


def test_the_story_timeline_draws_a_chart_with_its_figures_as_a_table(site, watched):
    page = watched.page
    story = story_id(site, "Kukawa")
    page.goto(f"{site}/stories/{story}")
    canvas = page.locator("canvas[data-timeline][data-ready=true]")
    expect(canvas).to_be_attached()
    box = canvas.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100
    timeline = httpx.get(f"{site}/api/stories/{story}/timeline").json()["timeline"]
    page.locator(".chart-data summary").click()
    rows = page.locator("table.timeline-table tbody tr")
    expect(rows.first).to_be_visible()
    articles = next(s["counts"] for s in timeline["series"] if s["key"] == "articles")
    assert rows.count() == sum(1 for n in articles if n) > 0
    assert sum(int(n) for n in rows.locator("td.num:nth-of-type(1)").all_inner_texts()) == sum(
        articles
    )
    # The claim a row names links to its place on the board.
    claim_link = page.locator("table.timeline-table td a[href^='#claim-']").first
    expect(page.locator(claim_link.get_attribute("href"))).to_have_count(1)
    watched.shot("10-story-timeline")
    for path in ("/actors/idf", "/places/geo:2332459"):
        page.goto(site + path)
        expect(page.locator("canvas[data-timeline][data-ready=true]")).to_be_attached()
        expect(page.locator("table.timeline-table tbody tr").first).to_be_attached()
    assert watched.errors == [] and watched.dialogs == []


def test_low_confidence_claims_are_folded_and_each_report_lands_on_its_own_quote(site, watched):
    page = watched.page
    story = story_id(site, "Kukawa")
    page.goto(f"{site}/stories/{story}")
    claims = httpx.get(f"{site}/api/stories/{story}").json()["story"]["claims"]
    low = [c for c in claims if c["confidence"] < 0.5]
    assert low, "the seeded story has a claim of low confidence"
    folded = page.locator(f"[id='claim-{low[0]['id']}']")
    expect(folded).to_have_class(re.compile(r"\blow-confidence\b"))
    expect(folded).not_to_have_attribute("open", "")
    expect(folded.locator("a.in-article").first).to_be_hidden()
    folded.locator("summary").click()
    links = folded.locator(".stances a.in-article")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    # One link per report, each to its own quote: no two reports share an anchor.
    assert len(hrefs) == len(set(hrefs)) >= 4, hrefs
    assert all(h.endswith("-quote") for h in hrefs)
    watched.shot("11-claim-board")
    denial = folded.locator(".stance-col:has(.stance-denies) a.in-article").first
    href = denial.get_attribute("href")
    denial.click()
    assert_landed_on_quote(site, page, href)
    watched.shot("12-claim-to-quote")
    assert watched.errors == [] and watched.dialogs == []


def test_each_provenance_step_lands_on_its_own_quote(site, watched):
    page = watched.page
    story = story_id(site, "Kukawa")
    page.goto(f"{site}/stories/{story}")
    claim = page.locator("details.board-claim:has(ol.provenance li.first-denial)").first
    claim.evaluate("details => { details.open = true; }")
    steps = claim.locator("ol.provenance li.step")
    assert steps.count() >= 3
    expect(steps.first).to_contain_text("first")
    hrefs = claim.locator("ol.provenance a.step-quote").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(hrefs) == len(set(hrefs))
    for target in ("li.first-denial a.step-quote", "li.step:nth-child(2) a.step-quote"):
        link = claim.locator(target).first
        href = link.get_attribute("href")
        link.click()
        assert_landed_on_quote(site, page, href)
        page.go_back()
        claim.evaluate("details => { details.open = true; }")
    assert watched.errors == [] and watched.dialogs == []


def test_a_confident_claim_is_shown_unfolded(site, watched):
    page = watched.page
    page.goto(f"{site}/stories/{story_id(site, 'Moscow')}")
    shown = page.locator("details.board-claim")
    expect(shown).to_have_count(1)
    expect(shown).to_have_attribute("open", "")
    expect(shown.locator(".reasons")).to_contain_text("single_source")


def test_quotes_are_reached_with_tab_shown_with_a_focus_ring_and_opened_with_enter(site, watched):
    page = watched.page
    article = httpx.get(site + "/api/articles", params={"q": "denied"}).json()["items"][0]
    page.goto(f"{site}/articles/{article['id']}")
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page)[2]:
            break
    text, classes, in_article = focused(page)
    assert in_article and "hl-claim" in classes, (text, classes)
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert ring[0] != "none" and ring[1] >= 2, ring
    claims = page.evaluate("() => document.activeElement.dataset.claims.split(' ')")
    page.keyboard.press("Enter")
    opened = page.locator("details.claim[open]")
    expect(opened).to_have_count(1)
    assert opened.get_attribute("data-claim") in claims
    watched.shot("13-keyboard-quote")

    # A span an item list links to takes the focus, so the keyboard goes on from there.
    mention = page.locator(".panels .spans a").first
    anchor = mention.get_attribute("href")[1:]
    mention.click()
    page.wait_for_function(
        "id => document.activeElement.previousElementSibling"
        " && document.activeElement.previousElementSibling.id === id",
        arg=anchor,
    )
    assert focused(page)[2]
    assert watched.errors == [] and watched.dialogs == []
