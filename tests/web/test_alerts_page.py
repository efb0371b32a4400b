"""The alerts page and /docs in a real browser: an alert recorded while the page is open
appears at the top through the event stream, its hostile title as text; Swagger UI draws the
API from /openapi.json under the Content-Security-Policy, with nothing loaded from outside."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from sitrep.api.alerts import StreamTiming
from sitrep.api.app import make_app
from sitrep.settings import Settings
from sitrep.store import Store

from .conftest import serving

HOSTILE = "New story: <img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture()
def dashboard(tmp_path, quick_analyzer):
    with Store(f"sqlite:///{tmp_path / 'alerts.db'}") as store:
        with store.watching() as watching:
            watching.add_alert("story:s-1", "story", "New story: Floods in Gao", story_id="s-1")
        app = make_app(store, quick_analyzer, Settings())
        app.state.alert_stream = StreamTiming(poll=0.1, lifetime=30.0)
        with serving(app) as url:
            yield url, store


def test_a_new_alert_appears_live_and_its_title_stays_text(dashboard, watched):
    url, store = dashboard
    page = watched.page
    page.goto(url + "/alerts")
    rows = page.locator("table.alerts tbody tr")
    expect(rows).to_have_count(1)
    # The page streams from the newest alert it shows, so one recorded before the stream
    # opens arrives all the same.
    with store.watching() as watching:
        watching.add_alert("status:s-1-c1", "status", HOSTILE, story_id="s-1", claim_id="s-1-c1")
    expect(rows).to_have_count(2)
    first = rows.first
    expect(first.locator("a")).to_have_text(HOSTILE)
    assert first.locator("a").get_attribute("href") == "/stories/s-1#claim-s-1-c1"
    expect(first.locator(".badge")).to_have_text("status")
    assert page.locator("table.alerts img").count() == 0
    assert watched.dialogs == [] and watched.errors == []
    watched.shot("alerts-live")


def test_docs_draw_the_api_offline(dashboard, watched):
    url, _ = dashboard
    page = watched.page
    outside = []

    def only_the_app(route) -> None:
        # Anything not from the app is refused, so a CDN-loaded asset would break the page.
        if route.request.url.startswith(url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_app)
    page.goto(url + "/docs")
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible()
    spec = httpx.get(url + "/openapi.json").json()
    operations = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    blocks = page.locator(".swagger-ui .opblock-summary")
    shown = {
        (
            block.locator(".opblock-summary-method").inner_text(),
            block.locator(".opblock-summary-path").inner_text().replace("\u200b", ""),
        )
        for block in blocks.all()
    }
    assert shown == operations and "/api/alerts" in {path for _, path in shown}
    assert outside == [] and watched.errors == []
    watched.shot("docs")
