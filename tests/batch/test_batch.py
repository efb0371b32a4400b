"""The Spark job in local mode: its reports are those of `sitrep analyze`, bad records land in
the failures table, and `sitrep load` puts the output in the store. Spark starts once for
the module (`sitrep batch`, local[2]) and once more for the spark-submit test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep.batch.executor import analyze_articles, local_name, read_articles
from sitrep.cli import main
from sitrep.ingest import read_data
from sitrep.settings import Settings
from sitrep.store import Store

from ..conftest import EXAMPLES

BIN = Path(sys.executable).parent
CORPUS = sorted(EXAMPLES.glob("*.txt"))
BAD_LINE = '{"text": "an unterminated record'


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Text files, a JSONL file with a good and a bad record, and a Parquet file."""
    root = tmp_path_factory.mktemp("corpus")
    for path in CORPUS[:3]:
        shutil.copy(path, root / path.name)
    good = {"text": CORPUS[3].read_text("utf-8"), "outlet": "Wire", "published": "2026-05-02"}
    (root / "records.jsonl").write_text(json.dumps(good) + "\n" + BAD_LINE + "\n", "utf-8")
    record = {"text": CORPUS[4].read_text("utf-8"), "title": "From Parquet"}
    pq.write_table(pa.Table.from_pylist([record]), root / "records.parquet")
    return root


@pytest.fixture(scope="module")
def batch_output(corpus, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("batch") / "out"
    done = subprocess.run(
        [BIN / "sitrep", "batch", "--input", corpus, "--output", output, "--master", "local[2]"],
        capture_output=True,
        text=True,
        timeout=540,
    )
    assert done.returncode == 1, done.stderr  # the bad record failed, the rest was analyzed
    assert "reports 5, failures 1" in done.stderr
    return output


def analyze_json(paths: list[Path]) -> list[dict]:
    result = run("analyze", *paths, "--json")
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_reports_are_what_sitrep_analyze_prints(corpus, batch_output):
    rows = pq.read_table(batch_output / "reports").to_pylist()
    reports = sorted(
        (json.loads(row["report"]) for row in rows), key=lambda r: r["article"]["path"]
    )
    expected = analyze_json(sorted(corpus.iterdir()))
    assert reports == sorted(expected, key=lambda r: r["article"]["path"])
    for row in rows:
        article = json.loads(row["report"])["article"]
        assert (row["id"], row["path"], row["title"], row["outlet"]) == (
            article["id"],
            article["path"],
            article["title"],
            article["outlet"],
        )


def test_a_bad_record_lands_in_failures_with_its_reason(corpus, batch_output):
    [failure] = pq.read_table(batch_output / "failures").to_pylist()
    assert failure["code"] == "E009"
    assert failure["path"] == f"{corpus / 'records.jsonl'}:2"
    assert "invalid JSON" in failure["message"]


def test_load_puts_the_batch_in_the_store_once(store_url, batch_output):
    first = run("load", batch_output, "--db", store_url)
    assert first.exit_code == 1  # the batch's failure is recorded, so the status says so
    assert "added 5, already stored 0, failed 1" in first.stderr
    again = run("load", batch_output, "--db", store_url)
    assert "added 0, already stored 5, failed 1" in again.stderr
    with Store(store_url) as store:
        rows = pq.read_table(batch_output / "reports").to_pylist()
        assert [store.get(row["id"]).to_dict() for row in rows] == [
            json.loads(row["report"]) for row in rows
        ]
        assert [f.code for f in store.failures()] == ["E009"]


def test_load_refuses_a_directory_that_is_no_batch_output(tmp_path):
    result = run("load", tmp_path, "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1 and "E061" in result.stderr


def test_spark_submit_runs_the_job(corpus, batch_output, tmp_path):
    output = tmp_path / "out"
    submit = Path(sys.modules["sitrep.batch.executor"].__file__).with_name("submit.py")
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}
    done = subprocess.run(
        [BIN / "spark-submit", "--master", "local[1]", submit]
        + ["--input", corpus / CORPUS[0].name, "--output", output],
        capture_output=True,
        text=True,
        timeout=540,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    [row] = pq.read_table(output / "reports").to_pylist()
    by_path = {r["path"]: r["report"] for r in pq.read_table(batch_output / "reports").to_pylist()}
    assert row["report"] == by_path[str(corpus / CORPUS[0].name)]


# -- the executor functions are plain Python: their edges are tested without Spark ---------------


def test_local_names_match_what_sitrep_analyze_prints():
    assert local_name("file:/data/news%20feed/a.txt") == "/data/news feed/a.txt"
    assert local_name("hdfs://nn:8020/news/a.txt") == "hdfs://nn:8020/news/a.txt"


def test_executor_steps_read_and_analyze_like_ingest(analyzer):
    files = pd.DataFrame(
        {
            "path": ["file:/x/a.txt", "file:/x/b.bin"],
            "content": [CORPUS[0].read_bytes(), b"\x00\x01binary"],
        }
    )
    settings = Settings()
    [items] = read_articles([files], settings, None)
    assert list(items["path"]) == ["/x/a.txt", "/x/b.bin"]
    assert list(items["code"].fillna("")) == ["", "E002"]
    [results] = analyze_articles([items], settings)
    assert list(results["kind"]) == ["report", "failure"]
    [article] = read_data(CORPUS[0].read_bytes(), "/x/a.txt", settings.max_bytes)
    assert json.loads(results["report"][0]) == analyzer.analyze(article).to_dict()
    assert results["code"][1] == "E002" and results["path"][1] == "/x/b.bin"
