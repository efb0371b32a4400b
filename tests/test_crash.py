"""Crash safety and concurrency of ingest, on SQLite and PostgreSQL: an ingest killed with
SIGKILL midway and restarted leaves every article stored exactly once with whole reports, and
the API keeps reading (and writing) while an ingest writes.

Two ingest processes into one store are tested in tests/test_jobs.py.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import spacy
from fastapi.testclient import TestClient
from sqlalchemy import select

from sitrep import schema
from sitrep.analyzer import Analyzer
from sitrep.api.app import make_app
from sitrep.ingest import read_paths
from sitrep.model import Article
from sitrep.nlp.doc import register_extensions
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store import tables as t

from .conftest import EXAMPLES

SITREP = str(Path(sys.executable).with_name("sitrep"))
SCHEMA = schema.load("article")
COUNT = 200
TOKEN = "crash-test-token"


def write_corpus(folder: Path, count: int = COUNT) -> dict[str, str]:
    """``count`` short articles made from the demo corpus (header and first two paragraphs,
    plus a line that makes each distinct); returns article id -> path."""
    folder.mkdir()
    bases = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        header, _, body = path.read_text("utf-8").partition("\n\n")
        bases.append((header, "\n".join(body.splitlines()[:2])))
    for i in range(count):
        header, body = bases[i % len(bases)]
        note = f"Desk note {i}: this copy was filed from bureau number {i} of the wire."
        (folder / f"{i:04d}.txt").write_text(f"{header}\n\n{body}\n{note}\n", "utf-8")
    articles = [a for a in read_paths([str(folder)], 10**6) if isinstance(a, Article)]
    assert len(articles) == count
    return {a.id: a.path for a in articles}


def start_ingest(folder: Path, url: str) -> subprocess.Popen:
    # Small batches: the process writes throughout the run, so a kill lands mid-stream.
    env = {**os.environ, "SITREP_BATCH_SIZE": "4"}
    return subprocess.Popen(
        [SITREP, "ingest", str(folder), "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_for_rows(store: Store, proc: subprocess.Popen, at_least: int) -> int:
    deadline = time.monotonic() + 300
    while (count := store.count()) < at_least:
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the ingest stored nothing in 300 s"
        time.sleep(0.05)
    return count


def test_an_ingest_killed_midway_and_restarted_stores_everything_once(store_url, tmp_path):
    expected = write_corpus(tmp_path / "in")
    with Store(store_url) as store:
        proc = start_ingest(tmp_path / "in", store_url)
        wait_for_rows(store, proc, 1)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        kept = store.count()
        assert 0 < kept < COUNT, f"the kill landed after the run ({kept} of {COUNT})"

    rerun = subprocess.run(
        [SITREP, "ingest", str(tmp_path / "in"), "--db", store_url],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    summary = re.search(r"added (\d+), already stored (\d+), failed (\d+)", rerun.stderr)
    assert summary, rerun.stderr
    assert [int(n) for n in summary.groups()] == [COUNT - kept, kept, 0]

    with Store(store_url) as store:
        ids = [row.id for row in store.articles(limit=COUNT + 10)]
        assert len(ids) == len(set(ids)) == COUNT
        assert set(ids) == set(expected)
        assert store.failures() == []
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(
                    t.article_actors.c.article_id,
                    t.article_actors.c.actor_id,
                    t.article_actors.c.mentions,
                )
            ).all()
        actor_rows = {(a, b): n for a, b, n in rows}
        for article_id in ids:
            report = store.get(article_id)
            jsonschema.validate(report.to_dict(), SCHEMA)
            assert report.article.path == expected[article_id]
            assert {(article_id, actor.id): len(actor.mentions) for actor in report.actors} == {
                key: n for key, n in actor_rows.items() if key[0] == article_id
            }
        assert len(actor_rows) == sum(len(store.get(i).actors) for i in ids)


@pytest.fixture(scope="module")
def blank_analyzer():
    register_extensions()
    return Analyzer(Settings(), nlp=spacy.blank("en"))


def test_the_api_reads_and_writes_while_an_ingest_writes(store_url, tmp_path, blank_analyzer):
    expected = write_corpus(tmp_path / "in", count=120)
    with Store(store_url) as store:
        client = TestClient(
            make_app(store, blank_analyzer, Settings(token=TOKEN)), raise_server_exceptions=False
        )
        proc = start_ingest(tmp_path / "in", store_url)
        wait_for_rows(store, proc, 1)
        seen: list[int] = []
        posted = 0
        while proc.poll() is None:
            listed = client.get("/api/articles", params={"limit": 500})
            assert listed.status_code == 200, listed.text
            items = [item["id"] for item in listed.json()["items"]]
            assert len(items) == len(set(items))
            assert not seen or len(items) >= seen[-1], "a listing lost articles"
            seen.append(len(items))
            one = client.get(f"/api/articles/{items[-1]}")
            assert one.status_code == 200 and one.json()["report"]["article"]["id"] == items[-1]
            for path in ("/api/actors", "/api/places", "/api/stories", "/articles", "/"):
                response = client.get(path)
                assert response.status_code == 200, (path, response.text[:300])
            if posted < 3:
                text = f"Officials said on Monday that convoy {posted} reached the border town."
                response = client.post(
                    "/api/articles",
                    files={"file": (f"api-{posted}.txt", text.encode())},
                    headers={"Authorization": f"Bearer {TOKEN}"},
                )
                assert response.status_code == 201, response.text
                posted += 1
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert len(seen) > 1, "the ingest ended before the API could read during it"
        ids = [row.id for row in store.articles(limit=500)]
        assert len(ids) == len(set(ids)) == len(expected) + posted
        assert set(expected) <= set(ids)
