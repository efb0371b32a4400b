"""The dashboard in a real browser: stories, a story's claim board, a claim's evidence in its
article, the map; and hostile articles that must show as text and never run."""

from __future__ import annotations

from urllib.parse import quote

import httpx
from playwright.sync_api import expect

from .conftest import TOKEN


def test_stories_to_claim_evidence_to_map(site, watched):
    page = watched.page
    page.goto(site + "/")
    stories = page.locator("table.stories tbody tr")
    expect(stories.first).to_be_visible()
    assert stories.count() >= 2
    watched.shot("01-stories")

    page.select_option("select[name=sort]", "disputed")
    page.wait_for_url("**/?sort=disputed")
    top = stories.first
    expect(top.locator(".disputed-count")).to_be_visible()
    top.locator("td.title a").click()
    page.wait_for_url("**/stories/**")

    expect(page.locator("#status-disputed details.board-claim").first).to_be_attached()
    timeline = page.locator("ol.timeline > li")
    assert timeline.count() == int(page.locator(".stats b").first.inner_text())
    expect(page.locator("ol.timeline .copy-of a").first).to_be_visible()
    expect(
        page.locator("[data-map][data-ready=true] path.leaflet-interactive").first
    ).to_be_attached()
    watched.shot("02-story")

    disputed = page.locator("#status-disputed details.board-claim").first
    disputed.evaluate("details => { details.open = true; }")
    disputed.locator("a.in-article").first.click()
    page.wait_for_url("**/articles/**#*-quote")
    opened = page.locator("details.claim[open]")
    expect(opened).to_have_count(1)
    evidence = page.locator("#article-text .evidence-active")
    expect(evidence.first).to_be_visible()
    claim_text = opened.locator(".claim-text").inner_text()
    shown = " ".join(evidence.all_inner_texts())
    assert claim_text.split()[0] in shown, (claim_text, shown)
    expect(opened.locator("ol.chains li").first).to_contain_text("“")
    watched.shot("03-claim-evidence")

    page.goto(site + "/map")
    world = page.locator("[data-map][data-outline=drawn]")
    expect(world).to_be_attached()
    places = len(httpx.get(site + "/api/places").json()["items"])
    assert page.locator("[data-map] path.leaflet-interactive").count() == places > 0
    watched.shot("04-map")
    assert watched.dialogs == [] and watched.errors == []


def test_article_items_link_to_their_spans_and_claims_toggle(site, watched):
    page = watched.page
    article = httpx.get(site + "/api/articles", params={"q": "denied"}).json()["items"][0]
    page.goto(f"{site}/articles/{article['id']}")
    broken = page.evaluate(
        """() => Array.from(document.querySelectorAll('.panels a[href^="#"], .claim-body a[href^="#"]'))
            .filter(a => !a.closest('.leaflet-container'))
            .map(a => a.getAttribute('href').slice(1))
            .filter(id => !document.getElementById(id))"""
    )
    assert broken == []
    assert page.locator(".panels a[href^='#a']").count() >= 1
    # Every attribution of the report is listed, each linking to its cue in the text.
    report = httpx.get(f"{site}/api/articles/{article['id']}").json()["report"]
    listed = page.locator(".attributions a.cue-link")
    assert listed.count() == len(report["attributions"]) > 0
    assert listed.first.get_attribute("href") == f"#{report['attributions'][0]['id']}-cue"

    claim = page.locator("details.claim").first
    claim.locator("summary").click()
    expect(claim).to_have_attribute("open", "")
    expect(page.locator("#article-text .evidence-active").first).to_be_visible()
    claim.locator("summary").click()
    expect(page.locator("#article-text .evidence-active")).to_have_count(0)

    # Clicking claim text in the article opens that claim in the panel.
    page.locator("#article-text .hl-claim").first.click()
    expect(page.locator("details.claim[open]")).to_have_count(1)
    assert watched.dialogs == [] and watched.errors == []


HOSTILE_TEXT = (
    "Title: <script>alert('title')</script>Strike <img src=x onerror=\"document.title='PWNED'\">\n"
    "Outlet: <b onmouseover=alert('outlet')>Hostile Herald</b><script>alert(2)</script>\n"
    "URL: javascript:alert(document.cookie)\n"
    "Date: 2024-03-08\n\n"
    "<script>alert('body')</script>Officials in Kukawa said that the market was hit again "
    "on Friday <img src=x onerror=alert('img')> and that the army had been warned. "
    "<a href=\"javascript:alert('link')\">Read the statement</a> which they said was sent "
    "to the council. <svg onload=alert('svg')><iframe src=\"javascript:alert('frame')\"> "
    "</div></span></p><b><i>unclosed <style>body{display:none}</style> and the residents "
    "said <a onclick=alert('click') href=# >they</a> were afraid of the strikes.\n"
)
HOSTILE_HTML = (
    "<html><head><title>&lt;script&gt;alert('html title')&lt;/script&gt; Port attack</title>"
    '<meta property="og:site_name" content="&lt;img src=x onerror=alert(\'site\')&gt;">'
    "</head><body><article><h1>&lt;script&gt;alert('h1')&lt;/script&gt; Port attack</h1>"
    "<p>Officials said that the port was attacked on Friday and that the army was sent to "
    "the town. &lt;img src=x onerror=alert('entity')&gt; Residents said they were afraid and "
    "that the market was closed for the day.</p></article></body></html>"
)


def test_hostile_articles_show_as_text_and_never_run(site, watched):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ids = []
    for name, data in (("hostile.txt", HOSTILE_TEXT), ("hostile.html", HOSTILE_HTML)):
        response = httpx.post(
            site + "/api/articles", files={"file": (name, data.encode())}, headers=auth, timeout=60
        )
        assert response.status_code == 201, response.text
        ids += [a["id"] for a in response.json()["articles"] if a["result"] == "added"]
    assert len(ids) == 2
    text_id = ids[0]
    story_ids = {s["id"] for s in httpx.get(site + "/api/stories?limit=500").json()["items"]}
    report = httpx.get(f"{site}/api/articles/{text_id}").json()["report"]
    pages = [
        f"/articles/{ids[0]}",
        f"/articles/{ids[1]}",
        "/",
        "/articles",
        "/articles?outlet=" + quote(report["article"]["outlet"]),
        "/search?q=" + quote("<script>alert('q')</script> market"),
        "/actors",
        "/places",
        "/map",
        *[f"/stories/{quote(s, safe='')}" for s in sorted(story_ids)],
        *[f"/actors/{quote(a['id'], safe='')}" for a in report["actors"]],
        *[f"/places/{quote(p['id'], safe='')}" for p in report["places"]],
    ]
    page = watched.page
    for index, path in enumerate(pages):
        page.goto(site + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        injected = page.evaluate(
            """() => ({
                title: document.title,
                scripts: Array.from(document.scripts).map(s => s.getAttribute('src'))
                    .filter(src => !src || !/^\\/(static|vendor)\\//.test(src)),
                handlers: Array.from(document.querySelectorAll('*')).filter(el =>
                    Array.from(el.attributes).some(a => a.name.startsWith('on'))).length,
                frames: Array.from(document.querySelectorAll('iframe, object, embed, svg'))
                    .filter(el => !el.closest('.leaflet-container')).length,
                strayImages: document.querySelectorAll('img[src="x"]').length,
                jsLinks: Array.from(document.querySelectorAll('a[href]'))
                    .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
                styles: document.querySelectorAll('style').length,
            })"""
        )
        title = injected.pop("title")
        assert title != "PWNED", path  # what the onerror payload would set
        assert injected == {
            "scripts": [],
            "handlers": 0,
            "frames": 0,
            "strayImages": 0,
            "jsLinks": 0,
            "styles": 0,
        }, path
        if index == 0:
            watched.shot("05-hostile-article")
    page.goto(f"{site}/articles/{text_id}")
    text = page.locator("#article-text").inner_text()
    assert "<script>alert('body')</script>Officials in Kukawa" in text
    assert "<a href=\"javascript:alert('link')\">Read the statement</a>" in text
    expect(page.locator("h1").first).to_contain_text("<script>alert('title')</script>Strike")
    expect(page.locator("dl.facts")).to_contain_text("javascript:alert(document.cookie)")
    assert watched.dialogs == [], watched.dialogs
    assert [e for e in watched.errors if "Content Security Policy" in e] == []


def test_the_api_answers_on_the_same_server_from_the_same_store(site):
    stories = httpx.get(site + "/api/stories").json()
    titles = {story["title"] for story in stories["items"]}
    # the two stories of the seeded store (other tests here may add articles, not remove them)
    assert {"Airstrike kills civilians at Kukawa market", "Talks in Moscow to resume"} <= titles
    spec = httpx.get(site + "/openapi.json").json()
    assert spec["info"]["title"] == "sitrep"
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles"} <= set(spec["paths"])
