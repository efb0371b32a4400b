"""The API and dashboard under load: hundreds of concurrent requests on loopback against
`sitrep serve` in its own process, over a store of analyzed demo articles, in two rounds of a
few seconds. Records p50/p95 latency, throughput, 5xx and transport errors, and the server's
resident memory after warm-up and after each round (flat memory: no growth per round).

Exits with status 1 when any request got a 5xx or failed: that is a bug, not a figure.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import free_port, percentile, serve  # noqa: E402
from common import demo_articles, emit  # noqa: E402

from sitrep.analyzer import Analyzer  # noqa: E402
from sitrep.jobs import ingest  # noqa: E402
from sitrep.settings import Settings  # noqa: E402
from sitrep.store import Store  # noqa: E402

ARTICLES = 60
CONCURRENCY = 200
SECONDS = 5.0
ROUNDS = 2


def build(path: Path) -> None:
    with Store(f"sqlite:///{path}") as store:
        ingest(demo_articles(ARTICLES), store, Analyzer(Settings()))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmRSS for process {pid}")


def targets(base: str) -> list[str]:
    """A mix of every kind of read: listings, filters, search, one record, pages."""
    article = httpx.get(f"{base}/api/articles", params={"limit": 1}).json()["items"][0]["id"]
    story = httpx.get(f"{base}/api/stories", params={"limit": 1}).json()["items"][0]["id"]
    return [
        "/api/articles?limit=50",
        f"/api/articles/{article}",
        "/api/articles?q=army",
        "/api/actors",
        "/api/places",
        "/api/stories?sort=disputed",
        f"/api/stories/{story}",
        "/api/claims",
        "/",
        "/articles",
        f"/articles/{article}",
        f"/stories/{story}",
        "/search?q=ministry",
        "/api/nope",  # a 404 is an answer, not a failure
    ]


async def round_of_load(base: str, paths: list[str]) -> tuple[list[float], int, int, float]:
    """``CONCURRENCY`` clients requesting the paths in turn for ``SECONDS``: latencies (ms)
    of the answered requests, the count of 5xx answers and of failed requests, and the
    seconds until the last answer (requests sent before the end are waited for)."""
    latencies: list[float] = []
    server_errors = 0
    failed = 0
    began = time.monotonic()
    stop = began + SECONDS
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker(offset: int) -> None:
            nonlocal server_errors, failed
            turn = offset
            while time.monotonic() < stop:
                path = paths[turn % len(paths)]
                turn += 1
                began = time.perf_counter()
                try:
                    response = await client.get(path)
                except httpx.HTTPError:
                    failed += 1
                    continue
                latencies.append((time.perf_counter() - began) * 1000)
                if response.status_code >= 500:
                    server_errors += 1

        await asyncio.gather(*(worker(i) for i in range(CONCURRENCY)))
    return latencies, server_errors, failed, time.monotonic() - began


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "load.db"
        began = time.perf_counter()
        build(path)
        emit("store build", time.perf_counter() - began, "s", f"{ARTICLES} demo articles analyzed")
        port = free_port()
        server = serve(path, port)
        base = f"http://127.0.0.1:{port}"
        try:
            paths = targets(base)
            for path_ in paths:  # warm-up: caches and lazy imports, before memory is read
                httpx.get(base + path_, timeout=60)
            rss = [rss_mb(server.pid)]
            emit("server RSS after warm-up", rss[0], "MB", "")
            bad = 0
            for number in range(1, ROUNDS + 1):
                latencies, server_errors, failed, took = asyncio.run(round_of_load(base, paths))
                rss.append(rss_mb(server.pid))
                bad += server_errors + failed
                note = (
                    f"{CONCURRENCY} concurrent clients, {len(paths)} paths, {SECONDS:.0f} s; "
                    f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
                )
                emit(f"round {number} requests", len(latencies) + failed, "requests", note)
                emit(f"round {number} throughput", len(latencies) / took, "req/s", "")
                emit(f"round {number} p50", percentile(latencies, 0.50), "ms", "")
                emit(f"round {number} p95", percentile(latencies, 0.95), "ms", "")
                emit(f"round {number} 5xx", server_errors, "responses", "must be 0")
                emit(f"round {number} failed", failed, "requests", "transport errors; must be 0")
                emit(f"server RSS after round {number}", rss[-1], "MB", "")
            emit(
                "server RSS growth, round 1 to last",
                rss[-1] - rss[1],
                "MB",
                "flat memory: close to 0",
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    if bad:
        raise SystemExit(f"{bad} requests got a 5xx or failed")


if __name__ == "__main__":
    main()
