"""Dashboard latency: p50/p95 of the stories list and of a story page, with 10,000 articles in
the store and 20 concurrent clients on loopback, against `sitrep serve` in its own process.

The store is synthetic: 10,000 hand-built reports (no model) about 500 invented events, each
told by several outlets with copies and conflicting claims, bulk-written in seconds (see
build). It is kept in .cache/ and rebuilt when the store schema or this generator changes.
"""

from __future__ import annotations

import hashlib
import http.client
import json
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

import httpx
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit  # noqa: E402

from sitrep.ingest.text import parse_text  # noqa: E402
from sitrep.link import corroborate  # noqa: E402
from sitrep.model import (  # noqa: E402
    Actor,
    ArticleReport,
    Attribution,
    Claim,
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
SECONDS = 4.0
#: the largest story's page is the one timed: the worst case a reader opens
TARGET_P95_MS = 100

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
        place_id, town, lat, lon, None, "city", None, (Span(town_at, town_at + len(town), town),)
    )
    return ArticleReport(
        article,
        tuple(Actor(i, n, k, None, tuple(m)) for i, (n, k, m) in actors.items()),
        (place,),
        (),
        (),
        tuple(claims),
    )


def build(path: Path) -> float:
    """Writes the synthetic store at ``path`` in a few bulk inserts; returns the seconds it
    took. Rows are what Store.add and sitrep.link write (same tables, same JSON), with the
    stories known in advance: each event is a story, and about one article in six is a copy
    of its story's first article (linking the same 10,000 articles one by one through
    sitrep.link takes many minutes; that speed is measured elsewhere)."""
    rng = random.Random(7)
    events = [_event(rng, i) for i in range(EVENTS)]
    # A few big stories and many small ones, as news runs.
    weights = [1.0 / (1 + i) ** 0.7 for i in range(EVENTS)]
    start = time.perf_counter()
    rows: dict[str, list[dict]] = {
        name: []
        for name in ("articles", "actors", "places", "members", "copies", "claims", "claim_members")
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
        rows["articles"].append(
            {
                "id": article.id,
                "title": article.title,
                "outlet": article.outlet,
                "url": article.url,
                "published": article.published,
                "path": article.path,
                "text": article.text,
                "report": json.dumps(report.to_dict(), ensure_ascii=False),
                "added_at": now,
                "body_start": article.body_start,
                "body_end": article.end,
            }
        )
        rows["actors"] += [
            {
                "article_id": article.id,
                "actor_id": a.id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "mentions": len(a.mentions),
            }
            for a in report.actors
        ]
        rows["places"] += [
            {
                "article_id": article.id,
                "place_id": p.id,
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country,
                "feature": p.feature,
                "geonameid": p.geonameid,
                "mentions": len(p.mentions),
            }
            for p in report.places
        ]
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
    with Store(f"sqlite:///{path}") as store, store.engine.begin() as conn:
        conn.execute(insert(t.articles), rows["articles"])
        conn.execute(insert(t.article_actors), rows["actors"])
        conn.execute(insert(t.article_places), rows["places"])
        named = {("actor", r["actor_id"]): r["name"] for r in rows["actors"]}
        named |= {("place", r["place_id"]): r["name"] for r in rows["places"]}
        conn.execute(
            insert(t.names),
            [{"kind": k, "id": i, "name": v, "words": words_of(v)} for (k, i), v in named.items()],
        )
        conn.execute(
            insert(t.stories),
            [{k: v for k, v in s.items() if not k.startswith("_")} for s in stories.values()],
        )
        conn.execute(insert(t.story_articles), rows["members"])
        conn.execute(insert(t.copies), rows["copies"])
        conn.execute(insert(t.story_claims), rows["claims"])
        conn.execute(insert(t.story_claim_members), rows["claim_members"])
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


def _timed(port: int, path: str) -> float:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.connect()
    began = time.perf_counter()
    connection.request("GET", path)
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


def main() -> None:
    path, built = cached_store()
    emit("articles in store", ARTICLES, "articles", f"{EVENTS} invented events, synthetic reports")
    if built is not None:
        emit("store build", built, "s", "bulk insert of reports and links; cached in .cache/bench")
    port = free_port()
    server = serve(path, port)
    try:
        base = f"http://127.0.0.1:{port}"
        biggest = httpx.get(f"{base}/api/stories", params={"sort": "articles", "limit": 1}).json()
        story = biggest["items"][0]
        for name, path, note in (
            ("stories list", "/", "GET /, 50 stories, newest first"),
            (
                "story page",
                f"/stories/{story['id']}",
                f"the largest story: {story['articles']} articles, {story['claims']} claims",
            ),
        ):
            _timed(port, path)  # the first request fills the story index
            # Pages are rendered once per change of the stories; an unknown parameter makes
            # a request miss that cache, which is what the first view after a change costs.
            uncached = [_timed(port, f"{path}?fresh={i}") for i in range(5)]
            emit(f"{name} uncached", statistics.median(uncached), "ms", "one client, rendered anew")
            busy = _cpu_seconds(server.pid)
            latencies, failures = load(port, path)
            busy = _cpu_seconds(server.pid) - busy
            emit(f"{name} p50", percentile(latencies, 0.50), "ms", note)
            emit(
                f"{name} p95",
                percentile(latencies, 0.95),
                "ms",
                f"target <= {TARGET_P95_MS} ms; {CLIENTS} clients; "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
            )
            emit(
                f"{name} throughput",
                len(latencies) / SECONDS,
                "req/s",
                f"{failures} failed requests",
            )
            # What one request costs the server, whatever else the machine is running.
            emit(f"{name} server CPU", busy / len(latencies) * 1000, "ms/request", "")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
