"""Every page of the dashboard at phone widths and its text's contrast, in a real browser:
nothing scrolls sideways at 360 and 390 px (wide tables scroll in their own box), the top bar
keeps its links on its own dark background, and all text meets WCAG AA (4.5:1, 3:1 for large
text) against the background it is drawn on, badges and highlight layers included."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from playwright.sync_api import expect

MOBILE_WIDTHS = (360, 390)
#: WCAG 2.x "large text": 18 pt, or 14 pt bold (in CSS px)
LARGE_PX, LARGE_BOLD_PX = 24.0, 18.66

# What the browser draws: each visible element with text of its own, its colour and the
# colour under it (the first opaque background among its ancestors, translucent ones blended
# in), and whether the text is large. Left out: Swagger UI (a third-party stylesheet) and
# disabled controls (a map's zoom button at its limit), which WCAG exempts.
TEXT_COLOURS = """() => {
  const rgba = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const bg = rgba(getComputedStyle(node).backgroundColor);
      if (bg && bg[3] > 0) { layers.push(bg); if (bg[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('#swagger-ui, .leaflet-disabled, [disabled], script, style, noscript')) continue;
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
    const text = rgba(style.color);
    const bg = background(el);
    out.push({
      what: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''),
      text: el.textContent.trim().slice(0, 40),
      fg: over(text, bg), bg,
      px: parseFloat(style.fontSize), bold: Number(style.fontWeight) >= 700,
    });
  }
  return out;
}"""


# The search box's placeholder, drawn in its own colour over the box's background.
PLACEHOLDER = """() => {
  const box = document.querySelector('.topbar .search input');
  const rgb = (value) => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
  return {fg: rgb(getComputedStyle(box, '::placeholder').color),
          bg: rgb(getComputedStyle(box).backgroundColor)};
}"""


def luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: list[float], bg: list[float]) -> float:
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_ratios_follow_the_wcag_formula():
    assert contrast([0, 0, 0], [255, 255, 255]) == pytest.approx(21.0)
    assert contrast([255, 255, 255], [255, 255, 255]) == pytest.approx(1.0)
    # #767676 on white is the well-known lightest grey that passes AA (4.54:1)
    assert contrast([118, 118, 118], [255, 255, 255]) == pytest.approx(4.54, abs=0.01)


@pytest.fixture(scope="module")
def pages(site) -> list[str]:
    """One of each page: lists (also filtered), one record of each kind, search, map, alerts,
    API docs."""
    article = httpx.get(site + "/api/articles", params={"q": "denied"}).json()["items"][0]["id"]
    story = httpx.get(site + "/api/stories", params={"sort": "disputed"}).json()["items"][0]
    top_actor = httpx.get(site + "/api/actors").json()["items"][0]
    actor, actor_name = top_actor["id"], quote(top_actor["name"])
    place = httpx.get(site + "/api/places").json()["items"][0]["id"]
    return [
        "/",
        "/?sort=disputed",
        f"/?actor={actor_name}&status=disputed",
        f"/stories/{quote(story['id'], safe='')}",
        "/articles",
        f"/articles?actor={actor_name}&sort=oldest",
        "/events",
        "/events?type=ASSAULT&sort=-date",
        f"/articles/{quote(article, safe='')}",
        "/actors",
        f"/actors/{quote(actor, safe='')}",
        "/places",
        f"/places/{quote(place, safe='')}",
        "/map",
        "/search?q=army",
        "/search?q=army&section=claims",
        "/alerts",
        "/docs",
    ]


@pytest.fixture(params=MOBILE_WIDTHS, ids=lambda w: f"{w}px")
def phone(request, browser):
    # Not is_mobile: a mobile viewport widens itself to fit what overflows, hiding the bug.
    context = browser.new_context(viewport={"width": request.param, "height": 780})
    yield context.new_page()
    context.close()


def test_no_page_scrolls_sideways_on_a_phone(site, pages, phone):
    for path in pages:
        phone.goto(site + path)
        phone.wait_for_load_state("load")
        if path == "/docs":
            expect(phone.locator(".swagger-ui .opblock").first).to_be_visible()
        width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (path, width)
        # Every top-bar link is drawn on the bar itself, never below it on the page.
        bar = phone.locator("header.topbar").bounding_box()
        for link in phone.locator("header.topbar nav a").all():
            box = link.bounding_box()
            assert box["y"] >= bar["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"]
            assert box["x"] >= 0 and box["x"] + box["width"] <= width[1], (path, link.inner_text())


def test_wide_tables_scroll_inside_their_own_box(site, phone):
    phone.goto(site + "/")
    table = phone.locator("table.stories")
    expect(table).to_be_visible()
    box = phone.evaluate(
        """() => { const t = document.querySelector('table.stories'), w = t.parentElement;
            return {wrapped: w.classList.contains('table-wrap'), scroll: getComputedStyle(w).overflowX,
                    inside: w.getBoundingClientRect().right <= window.innerWidth}; }"""
    )
    assert box == {"wrapped": True, "scroll": "auto", "inside": True}


@pytest.mark.parametrize("width", [1400, 390], ids=["desktop", "390px"])
def test_all_text_meets_wcag_aa_contrast(site, pages, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures: dict[tuple[str, float], tuple[str, str]] = {}  # one line per kind of failure
    seen: set[str] = set()
    try:
        for path in pages:
            page.goto(site + path)
            page.wait_for_load_state("load")
            if path.startswith("/articles/"):
                # the active-evidence highlight is drawn only for an open claim
                page.locator("details.claim summary").first.click()
                expect(page.locator("#article-text .evidence-active").first).to_be_visible()
            for item in page.evaluate(TEXT_COLOURS):
                seen.update(item["what"].split("."))
                large = item["px"] >= LARGE_PX or (item["bold"] and item["px"] >= LARGE_BOLD_PX)
                ratio = contrast(item["fg"], item["bg"])
                if ratio < (3.0 if large else 4.5):
                    failures.setdefault((item["what"], round(ratio, 2)), (path, item["text"]))
            placeholder = page.evaluate(PLACEHOLDER)
            ratio = contrast(placeholder["fg"], placeholder["bg"])
            if ratio < 4.5:
                failures.setdefault(("search placeholder", round(ratio, 2)), (path, ""))
    finally:
        context.close()
    assert failures == {}
    # The test looked at what the issue names: table headers, links, badges and status
    # colours, the highlight layers, the top bar.
    assert {"brand", "badge", "status-disputed", "hl-event", "hl-claim", "evidence-active"} <= seen
    assert {"th", "a", "hl-actor", "hl-place", "stance-denies", "active", "muted"} <= seen
