"""Ingest jobs: worker processes, a single writer, concurrent ingest into one store, and a
slow article that overruns the time budget among others."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from sitrep.analyzer import Analyzer
from sitrep.ingest import read_paths
from sitrep.jobs import ingest
from sitrep.link import list_stories
from sitrep.model import ArticleReport, Failure
from sitrep.nlp.doc import register_extensions
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.workers import WorkerPool

from .conftest import EXAMPLES

SITREP = str(Path(sys.executable).with_name("sitrep"))
CORPUS = sorted(EXAMPLES.glob("*.txt"))


def inputs(tmp_path, count):
    """The first ``count`` demo articles with a binary file among them (read as a Failure)."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not text")
    return list(read_paths([*map(str, CORPUS[:2]), str(bad), *map(str, CORPUS[2:count])], 10**6))


def test_two_workers_give_what_one_gives_in_input_order(tmp_path, analyzer):
    items = inputs(tmp_path, 7)
    # Articles of different lengths on two workers: results arrive out of order and are reordered.
    with WorkerPool(Settings(), workers=2) as pool:
        parallel = list(pool.analyze_many(items))
    assert parallel == list(analyzer.analyze_many(items))
    assert [type(r) for r in parallel][:4] == [ArticleReport, ArticleReport, Failure, ArticleReport]


def test_ingest_with_workers_writes_each_article_once(store_url, tmp_path, analyzer):
    items = inputs(tmp_path, 5)
    with Store(store_url) as store:
        with WorkerPool(Settings(), workers=2) as pool:
            first = ingest(items, store, pool)
        again = ingest(items, store, analyzer)
        assert (first.added, first.existing, first.failed) == (5, 0, 1)
        assert (again.added, again.existing, again.failed) == (0, 5, 1)
        ids = [row.id for row in store.articles()]
        expected = [r for r in analyzer.analyze_many(items) if isinstance(r, ArticleReport)]
        # Each article once, as one analysis wrote it, whatever order the list is in.
        assert sorted(ids) == sorted(r.article.id for r in expected)
        assert {i: store.get(i) for i in ids} == {r.article.id: r for r in expected}
        assert [f.code for f in store.failures()] == ["E002"]


def test_two_processes_ingesting_overlapping_inputs_lose_and_duplicate_nothing(store_url, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not text")
    inputs = ([*CORPUS[:14], bad], [*CORPUS[6:], bad])
    # One article per spaCy batch makes each process write while the other analyzes.
    env = {**os.environ, "SITREP_BATCH_SIZE": "1"}
    procs = [
        subprocess.Popen(
            [SITREP, "ingest", *map(str, paths), "--db", store_url],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for paths in inputs
    ]
    summaries = []
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 1, err  # the bad file failed; the rest went in
        summary = re.search(r"added (\d+), already stored (\d+), failed (\d+)", err)
        assert summary, err
        summaries.append(summary)
    added = [int(s.group(1)) for s in summaries]
    existing = [int(s.group(2)) for s in summaries]
    assert sum(added) == len(CORPUS)
    assert [a + e for a, e in zip(added, existing, strict=True)] == [14, 14]
    with Store(store_url) as store:
        ids = [row.id for row in store.articles(limit=1000)]
        assert len(ids) == len(set(ids)) == len(CORPUS)
        assert {store.get(i).article.path for i in ids} == set(map(str, CORPUS))
        assert [f.code for f in store.failures()] == ["E002"]


def test_ingest_with_two_workers_and_one_article_over_the_budget_stores_all_the_others(
    store_url, tmp_path
):
    # A real article far too long for the budget (about 200,000 words: tens of seconds), and
    # the demo articles (a fraction of a second each), through the CLI as a user runs it.
    folder = tmp_path / "in"
    folder.mkdir()
    sentence = "Officials in the northern town said on Monday that the aid convoy had been stopped."
    long_text = "Convoy stopped\n\n" + " ".join(f"{sentence} Report {i}." for i in range(12_000))
    (folder / "long.txt").write_text(long_text, "utf-8")
    for path in CORPUS:
        (folder / path.name).write_text(path.read_text("utf-8"), "utf-8")
    env = {**os.environ, "SITREP_TIME_BUDGET": "5"}
    run = subprocess.run(
        [SITREP, "ingest", str(folder), "--db", store_url, "--workers", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert f"added {len(CORPUS)}, already stored 0, failed 1" in run.stderr
    with Store(store_url) as store:
        paths = {store.get(row.id).article.path for row in store.articles(limit=1000)}
        assert paths == {str(folder / path.name) for path in CORPUS}
        [failure] = store.failures()
        assert failure.code == "E012" and failure.path == str(folder / "long.txt")


@pytest.fixture(scope="module")
def blank_analyzer():
    """The real Analyzer over a blank pipeline: reports without extractions, fast."""
    register_extensions()
    return Analyzer(Settings(), nlp=spacy.blank("en"))


def test_ingest_reports_progress_through_the_callback_and_prints_nothing(
    tmp_path, blank_analyzer, capsys
):
    items = inputs(tmp_path, 3)
    seen = []
    with Store(f"sqlite:///{tmp_path / 'progress.db'}") as store:
        summary = ingest(
            items, store, blank_analyzer, on_progress=lambda s: seen.append(dict(vars(s)))
        )
    assert (summary.added, summary.existing, summary.failed) == (3, 0, 1)
    # one call per stored result, with the running counts
    assert len(seen) == 4 and seen[-1] == {"added": 3, "existing": 0, "failed": 1}
    assert [s["added"] + s["failed"] for s in seen] == [1, 2, 3, 4]
    assert capsys.readouterr() == ("", "")


def test_ingested_articles_are_in_their_stories_at_once(store_url, tmp_path, blank_analyzer):
    """Each article is linked in the transaction that adds it: a reader right after the
    ingest (another Store on the same database, as another process) finds every article in a
    story, and nothing is left to link."""
    items = inputs(tmp_path, 4)
    with Store(store_url) as store:
        ingest(items, store, blank_analyzer)
    with Store(store_url) as reader:
        members = [a.id for story in list_stories(reader) for a in story.articles]
        assert sorted(members) == sorted(row.id for row in reader.articles())
        assert sum(s.articles for s in reader.story_summaries(limit=None)) == 4
        with reader.links() as links:
            assert links.unlinked() == []
