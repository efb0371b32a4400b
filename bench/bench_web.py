"""Dashboard and API latency: p50/p95 of every list and detail page and endpoint (ENDPOINTS),
with 10,000 articles in the store and 20 concurrent clients on loopback, against `sitrep serve`
in its own process.

The store is synthetic: 10,000 hand-built reports (no model) about 500 invented events, each
told by several outlets with copies, conflicting claims and PLOVER events, written in seconds
(see build). It is kept in .cache/ and rebuilt when the store schema or this generator changes.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit  # noqa: E402

from sitrep.ingest.text import parse_text  # noqa: E402
from sitrep.link import corroborate  # noqa: E402
from sitrep.model import (  # noqa: E402
    FACTUALITIES,
    PLOVER_TYPES,
    Actor,
    ArticleReport,
    Attribution,
    Claim,
    Event,
    Place,
    Span,
)
from sitrep.store import Store  # noqa: E402
from sitrep.store import tables as t  # noqa: E402
from sitrep.store.tables import SCHEMA_VERSION  # noqa: E402
from sitrep.store.words import words_of  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
#: claim-alignment features are only read while linking new articles, never by the pages
_NO_FEATURES = corroborate.ClaimFeatures(frozenset(), frozenset()).to_json()
ARTICLES = 10_000
EVENTS = 500
CLIENTS = 20
SECONDS = 3.0
TARGET_P95_MS = 100
ALERTS = 1_000
#: (name, path) of each page and endpoint timed. A path may name {story} (the largest story:
#: the worst case a reader opens), {article} (its first article), {actor}, {place} (the most
#: reported, by id; {actor_name} by name), {country} and {word} (a word in a tenth of the
#: articles). A new page or endpoint is one line here.
ENDPOINTS = [
    ("stories page", "/"),
    ("stories page, most disputed", "/?sort=disputed"),
    ("stories page, filtered", "/?actor={actor_name}&status=disputed&since=2024-03-01"),
    ("story page", "/stories/{story}"),
    ("articles page", "/articles"),
    ("articles page, filtered", "/articles?actor={actor_name}&type=ASSAULT&sort=oldest"),
    ("article page", "/articles/{article}"),
    ("events page", "/events"),
    ("events page, filtered", "/events?country={country}&status=disputed&sort=-date"),
    ("actors page", "/actors"),
    ("actor page", "/actors/{actor}"),
    ("places page", "/places"),
    ("place page", "/places/{place}"),
    ("map page", "/map"),
    ("search page", "/search?q={word}"),
    ("alerts page", "/alerts"),
    ("GET /api/articles", "/api/articles"),
    ("GET /api/articles?q=", "/api/articles?q={word}"),
    ("GET /api/articles?actor=", "/api/articles?actor={actor}"),
    ("GET /api/articles/{id}", "/api/articles/{article}"),
    ("GET /api/stories", "/api/stories"),
    ("GET /api/stories?sort=disputed", "/api/stories?sort=disputed"),
    ("GET /api/stories/{id}", "/api/stories/{story}"),
    ("GET /api/stories/{id}/timeline", "/api/stories/{story}/timeline"),
    ("GET /api/claims", "/api/claims"),
    ("GET /api/claims?status=disputed", "/api/claims?status=disputed"),
    ("GET /api/events", "/api/events"),
    ("GET /api/events?type=&country=", "/api/events?type=ASSAULT&country={country}"),
    ("GET /api/events?story=", "/api/events?story={story}"),
    (
        "GET /api/events?sort=&status=&actor=name",
        "/api/events?sort=-date&status=disputed&actor={actor_name}&offset=200",
    ),
    ("GET /api/events/points", "/api/events/points"),
    ("GET /api/events/points?type=", "/api/events/points?type=ASSAULT&since=2024-06-01"),
    ("GET /api/events/export csv", "/api/events/export?format=csv&story={story}"),
    ("GET /api/search?section=claims", "/api/search?q={word}&section=claims"),
    ("GET /api/suggest", "/api/suggest?field=actor&q=re"),
    ("GET /api/actors", "/api/actors"),
    ("GET /api/actors/{id}/timeline", "/api/actors/{actor}/timeline"),
    ("GET /api/places", "/api/places"),
    ("GET /api/places/{id}/timeline", "/api/places/{place}/timeline"),
    ("GET /api/alerts", "/api/alerts"),
]

OUTLETS = [
    f"{name} {kind}"
    for name in (
        "Lake",
        "Harbour",
        "Sahel",
        "Coast",
        "Border",
        "Delta",
        "River",
        "Capital",
        "Eastern",
        "Northern",
    )
    for kind in ("Wire", "Times", "Herald", "Post")
]
SPEAKERS = [
    ("army", "Regional army", "military", "The army"),
    ("ministry", "Interior Ministry", "government", "The interior ministry"),
    ("rebels", "Northern Front", "armed_group", "The Northern Front"),
    ("un", "United Nations", "organization", "The United Nations"),
    ("residents", "Residents", "population", "Residents"),
]
VERBS = ("said", "denied", "questioned whether")
STANCE = {"said": "asserts", "denied": "denies", "questioned whether": "questions"}
SYLLABLES = ("ka", "ru", "mo", "ze", "ti", "la", "no", "vi", "sa", "do", "ga", "be")
COUNTRIES = ("ML", "NG", "NE", "BF", "SD", "SO", "TD", "CM")
#: most events are fighting; the rest of PLOVER appears less often
EVENT_TYPES = ("ASSAULT",) * 6 + ("COERCE",) * 3 + PLOVER_TYPES


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def _event(rng: random.Random, index: int) -> dict:
    town = _name(rng)
    return {
        "town": town,
        "place": (f"geo:bench{index}", town, rng.uniform(-30, 50), rng.uniform(-20, 60)),
        "thing": rng.choice(("convoy", "market", "checkpoint", "bridge", "depot", "camp")),
        "act": rng.choice(("attacked", "shelled", "seized", "burned", "blockaded")),
        "words": [_name(rng).lower() for _ in range(4)],
        "date": f"2024-{1 + index % 12:02d}-{1 + index % 28:02d}",
        "country": rng.choice(COUNTRIES),
        "type": rng.choice(EVENT_TYPES),
    }


def _report(rng: random.Random, event: dict, serial: int) -> ArticleReport:
    """One article about ``event``: a headline, a lead, two or three attributed claims."""
    outlet = rng.choice(OUTLETS)
    headline = f"{event['thing'].capitalize()} {event['act']} near {event['town']}"
    lead = (
        f"A {event['thing']} was {event['act']} near {event['town']} on Monday, in the "
        f"{event['words'][0]} district close to {event['words'][1]} and {event['words'][2]}. "
        f"Report {serial} from {outlet} follows the {event['words'][3]} route."
    )
    header = f"Title: {headline}\nOutlet: {outlet}\nDate: {event['date']}\n\n"
    body = [lead]
    pieces: list[tuple[str, str, str, str]] = []
    for speaker in rng.sample(SPEAKERS, rng.randint(2, 3)):
        verb = rng.choice(VERBS)
        # Who did it, and how many died: the figures differ between sources, as they do.
        content = rng.choice(
            (
                f"the {event['thing']} in {event['town']} was {event['act']} by the other side",
                f"{rng.choice((4, 12, 30))} people were killed near {event['town']}",
            )
        )
        pieces.append((speaker[0], verb, content, speaker[3]))
        body.append(f"{speaker[3]} {verb} {content}.")
    text = header + " ".join(body)
    article = parse_text(text)
    actors, claims, cursor = {}, [], text.index(body[1])
    for speaker_id, verb, content, said_by in pieces:
        start = text.index(said_by, cursor)
        mention = Span(start, start + len(said_by), said_by)
        cue = Span(mention.end + 1, mention.end + 1 + len(verb), verb)
        content_span = Span(cue.end + 1, cue.end + 1 + len(content), content)
        cursor = content_span.end
        name, kind = next((s[1], s[2]) for s in SPEAKERS if s[0] == speaker_id)
        actors.setdefault(speaker_id, (name, kind, []))[2].append(mention)
        attribution = Attribution(speaker_id, said_by, cue, STANCE[verb], content_span)
        status = {"asserts": "asserted", "denies": "denied", "questions": "disputed"}[STANCE[verb]]
        claims.append(Claim(f"c{len(claims)}", content, (attribution,), (), (), status))
    town_at = text.index(event["town"], article.body_start)
    place_id, town, lat, lon = event["place"]
    place = Place(
        place_id,
        town,
        lat,
        lon,
        event["country"],
        "city",
        None,
        (Span(town_at, town_at + len(town), town),),
    )
    # The lead's event, done by one of the sources to another, as a source reports it.
    lead_at = text.index(lead)
    act_at = text.index(event["act"], lead_at)
    doer, target = (piece[0] for piece in pieces[:2])
    told = Event(
        "e1",
        event["type"],
        Span(act_at, act_at + len(event["act"]), event["act"]),
        Span(lead_at, lead_at + len(lead), lead),
        actor=doer,
        recipient=target,
        place=place_id,
        claim="c0",
        factuality=rng.choice(FACTUALITIES),
    )
    return ArticleReport(
        article,
        tuple(Actor(i, n, k, None, tuple(m)) for i, (n, k, m) in actors.items()),
        (place,),
        (),
        (told,),
        tuple(claims),
    )


def build(path: Path) -> float:
    """Writes the synthetic store at ``path`` in one transaction; returns the seconds it took.
    Each report is written by the store's own insert (tables.insert_report, what Store.add
    runs: the article, its full-text index, actors, places, events); the links are the rows
    sitrep.link writes (same tables, same JSON), bulk-inserted with the stories known in
    advance: each event is a story, and about one article in six is a copy of its story's
    first article (linking the same 10,000 articles one by one through sitrep.link takes many
    minutes; that speed is measured elsewhere). Then ALERTS alerts through the store's API."""
    rng = random.Random(7)
    events = [_event(rng, i) for i in range(EVENTS)]
    # A few big stories and many small ones, as news runs.
    weights = [1.0 / (1 + i) ** 0.7 for i in range(EVENTS)]
    start = time.perf_counter()
    reports: list[ArticleReport] = []
    rows: dict[str, list[dict]] = {
        name: [] for name in ("members", "copies", "claims", "claim_members")
    }
    stories: dict[int, dict] = {}
    now = "2024-12-31T00:00:00+00:00"
    for seq in range(1, ARTICLES + 1):
        index = rng.choices(range(EVENTS), weights)[0]
        report = _report(rng, events[index], seq)
        article = report.article
        story = stories.get(index)
        if story is None:
            story = stories[index] = {
                "id": f"s-{article.id}",
                "title": article.title,
                "title_folded": words_of(article.title),
                "title_key": f"{article.published}|{seq:012d}",
                "first_seen": article.published,
                "last_seen": article.published,
                "first_seq": seq,
                "last_seq": seq,
                "articles": 0,
                "active": True,
                "centroid": "{}",
                "_first": article.id,
                "_claims": {},
            }
        elif rng.random() < 1 / 6:
            rows["copies"].append(
                {
                    "article_id": article.id,
                    "original_id": story["_first"],
                    "kind": "copy",
                    "coverage": 0.95,
                }
            )
        story["articles"] += 1
        story["last_seq"] = seq
        reports.append(report)
        rows["members"].append(
            {
                "article_id": article.id,
                "story_id": story["id"],
                "seq": seq,
                "published": article.published,
                "wire": None,
            }
        )
        for claim in report.claims:
            target = story["_claims"].get(claim.text)
            if target is None:
                target = f"{story['id']}-c{len(story['_claims']) + 1}"
                story["_claims"][claim.text] = target
                rows["claims"].append(
                    {
                        "id": target,
                        "story_id": story["id"],
                        "seq": len(story["_claims"]),
                        "text": claim.text,
                        "words": words_of(claim.text),
                    }
                )
            rows["claim_members"].append(
                {
                    "article_id": article.id,
                    "claim_id": claim.id,
                    "story_claim_id": target,
                    "story_id": story["id"],
                    "text": claim.text,
                    "features": _NO_FEATURES,
                    "attributions": corroborate.member_json(report, claim),
                    "weak": corroborate.is_hedged(claim),
                }
            )
    with Store(f"sqlite:///{path}") as store:
        with store.engine.begin() as conn:
            for report in reports:
                t.insert_report(conn, report, now)
            conn.execute(
                insert(t.stories),
                [{k: v for k, v in s.items() if not k.startswith("_")} for s in stories.values()],
            )
            conn.execute(insert(t.story_articles), rows["members"])
            conn.execute(insert(t.copies), rows["copies"])
            conn.execute(insert(t.story_claims), rows["claims"])
            conn.execute(insert(t.story_claim_members), rows["claim_members"])
        with store.watching() as watching:
            story_ids = [story["id"] for story in stories.values()]
            for number in range(ALERTS):
                story_id = story_ids[number % len(story_ids)]
                watching.add_alert(
                    f"bench:{number}", "story", f"New story {number}", story_id=story_id
                )
    return time.perf_counter() - start


def cached_store() -> tuple[Path, float | None]:
    """The store file, built when missing or made by another schema or generator."""
    key = hashlib.sha256(
        f"{SCHEMA_VERSION}:{ARTICLES}:{EVENTS}".encode() + Path(__file__).read_bytes()
    ).hexdigest()[:12]
    folder = ROOT / ".cache" / "bench"
    path = folder / f"web-{key}.db"
    if path.exists():
        return path, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    partial = folder / "building.db"
    seconds = build(partial)
    partial.rename(path)
    return path, seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(path: Path, port: int) -> subprocess.Popen:
    sitrep = Path(sys.executable).with_name("sitrep")
    server = subprocess.Popen(
        [str(sitrep), "serve", "--db", f"sqlite:///{path}", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if (
                httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=60).status_code
                == 200
            ):
                return server
        except httpx.TransportError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("sitrep serve did not start within 120 s")


def load(port: int, path: str) -> tuple[list[float], int]:
    """``CLIENTS`` clients requesting ``path`` back to back for ``SECONDS``, each on its own
    keep-alive connection: latencies (ms) of the successful requests, and the number of failed
    ones. The standard library's client costs the least CPU, which the server shares."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop = time.monotonic() + SECONDS

    def client() -> None:
        nonlocal failures
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            began = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            took = (time.perf_counter() - began) * 1000
            with lock:
                if response.status == 200:
                    latencies.append(took)
                else:
                    failures += 1
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures


def _timed(port: int, path: str, headers: dict[str, str] | None = None) -> float:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.connect()
    began = time.perf_counter()
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    took = (time.perf_counter() - began) * 1000
    connection.close()
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}")
    return took


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def examples(base: str) -> dict[str, str]:
    """The records ENDPOINTS' paths name, quoted for a URL."""
    biggest = httpx.get(f"{base}/api/stories", params={"sort": "articles", "limit": 1}).json()
    story = biggest["items"][0]["id"]
    detail = httpx.get(f"{base}/api/stories/{quote(story, safe='')}", timeout=120).json()
    actor = httpx.get(f"{base}/api/actors", params={"limit": 1}).json()["items"][0]
    found = {
        "story": story,
        "article": detail["story"]["articles"][0]["id"],
        "actor": actor["id"],
        "actor_name": actor["name"],
        "place": httpx.get(f"{base}/api/places", params={"limit": 1}).json()["items"][0]["id"],
        "country": COUNTRIES[0],
        "word": "convoy",
    }
    return {key: quote(value, safe="") for key, value in found.items()}


def main() -> None:
    path, built = cached_store()
    emit("articles in store", ARTICLES, "articles", f"{EVENTS} invented events, synthetic reports")
    if built is not None:
        emit("store build", built, "s", "reports through the store's insert, links in bulk")
    port = free_port()
    server = serve(path, port)
    slow = []
    try:
        names = examples(f"http://127.0.0.1:{port}")
        for name, template in ENDPOINTS:
            address = template.format(**names)
            _timed(port, address)  # the first request fills the caches (story index, pages)
            # Answers are rendered once per change of the store; no-cache renders one afresh,
            # which is what the first view after a change costs.
            uncached = [_timed(port, address, {"Cache-Control": "no-cache"}) for _ in range(3)]
            busy = _cpu_seconds(server.pid)
            latencies, failures = load(port, address)
            busy = _cpu_seconds(server.pid) - busy
            p95 = percentile(latencies, 0.95)
            if p95 > TARGET_P95_MS or failures:
                slow.append(name)
            emit(f"{name}: uncached", statistics.median(uncached), "ms", f"one client; {address}")
            emit(f"{name}: p50", percentile(latencies, 0.50), "ms", f"{CLIENTS} clients")
            emit(
                f"{name}: p95",
                p95,
                "ms",
                f"target <= {TARGET_P95_MS} ms; {len(latencies) / SECONDS:.0f} req/s, "
                f"{failures} failed; server CPU {busy / len(latencies) * 1000:.1f} ms/request; "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    emit("over the p95 target", len(slow), "endpoints", ", ".join(slow))


if __name__ == "__main__":
    main()
