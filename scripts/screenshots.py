"""`make screenshots`: the dashboard over the demo corpus (examples/corpus, invented
articles), one PNG per view in docs/screenshots/, taken in Debian's Chromium with Playwright.

The demo store is built afresh in a temporary folder by `sitrep ingest` and served by
`sitrep serve`, both in their own processes, exactly as a user runs them. The browser may
reach nothing but that server: every other request is refused, so a screenshot shows what the
dashboard draws offline. A view added to the dashboard is one line in VIEWS.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from PIL import Image
from playwright.sync_api import Route, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
OUTPUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
DESKTOP, PHONE = (1280, 800), (390, 844)
#: the dashboard's flat colours fit a small palette: a third of the bytes, no visible change
COLOURS = 64

#: (file name, path, viewport). A path may name {story}, {article}, {claim}, {actor} and
#: {place}: the demo's most disputed story, an article of it with one of its claims open, and
#: the most reported actor and place (see examples()).
VIEWS = [
    ("stories", "/?sort=disputed", DESKTOP),
    ("story", "/stories/{story}", DESKTOP),
    ("article", "/articles/{article}#claim-{claim}", DESKTOP),
    ("articles", "/articles", DESKTOP),
    ("events", "/events", DESKTOP),
    ("actors", "/actors", DESKTOP),
    ("actor", "/actors/{actor}", DESKTOP),
    ("places", "/places", DESKTOP),
    ("place", "/places/{place}", DESKTOP),
    ("map", "/map", DESKTOP),
    ("search", "/search?q=army", DESKTOP),
    ("alerts", "/alerts", DESKTOP),
    ("docs", "/docs", DESKTOP),
    ("story-390px", "/stories/{story}", PHONE),
]

# Maps draw after the page loads (markers, then the world outline when no tile server is set);
# Swagger UI after it has read /openapi.json.
DRAWN = """() =>
  Array.from(document.querySelectorAll('[data-map], [data-events-map]')).every(m =>
      m.dataset.ready === 'true' && (m.dataset.tiles || m.dataset.outline === 'drawn'))
  && (!document.getElementById('swagger-ui') || !!document.querySelector('.swagger-ui .opblock'))"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sitrep(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("sitrep")), *args]


def serve(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(sitrep("serve", "--db", db, "--port", str(port)))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/stories?limit=1").status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("sitrep serve did not start within 120 s")


def examples(base: str) -> dict[str, str]:
    """The records the views' paths name, picked from the API, quoted for a URL path."""
    story = httpx.get(base + "/api/stories", params={"sort": "disputed", "limit": 1}).json()
    story_id = story["items"][0]["id"]
    detail = httpx.get(f"{base}/api/stories/{quote(story_id, safe='')}").json()
    article_id = detail["story"]["articles"][0]["id"]
    report = httpx.get(f"{base}/api/articles/{quote(article_id, safe='')}").json()["report"]
    actor = httpx.get(base + "/api/actors", params={"limit": 1}).json()["items"][0]["id"]
    place = httpx.get(base + "/api/places", params={"limit": 1}).json()["items"][0]["id"]
    found = {
        "story": story_id,
        "article": article_id,
        "claim": report["claims"][0]["id"],
        "actor": actor,
        "place": place,
    }
    return {key: quote(value, safe="") for key, value in found.items()}


def main() -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{Path(folder) / 'demo.db'}"
        # From the repository root, so the pages show the corpus's relative paths.
        corpus = str(CORPUS.relative_to(ROOT))
        subprocess.run(sitrep("ingest", corpus, "--db", db), check=True, cwd=ROOT)
        server, base = serve(db)
        try:
            shoot(base, examples(base))
        finally:
            server.terminate()
            server.wait(timeout=30)
    total = sum(path.stat().st_size for path in OUTPUT.glob("*.png"))
    print(f"{len(VIEWS)} screenshots in {OUTPUT.relative_to(ROOT)}, {total / 1024:.0f} KB in all")


def shoot(base: str, names: dict[str, str]) -> None:
    def only_the_app(route: Route) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for name, address, (width, height) in VIEWS:
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                page.route("**/*", only_the_app)
                page.goto(base + address.format(**names))
                page.wait_for_function(DRAWN)
                png = OUTPUT / f"{name}.png"
                page.screenshot(path=str(png), animations="disabled")
                context.close()
                shrink(png)
        finally:
            browser.close()


def shrink(path: Path) -> None:
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(COLOURS, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


if __name__ == "__main__":
    main()
