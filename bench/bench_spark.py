"""`sitrep batch` on Spark in local mode: local[1] vs local[2] on the same texts."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_workers import spare_cores  # noqa: E402
from common import demo_articles, emit  # noqa: E402

from sitrep.batch.job import run_batch, spark_session  # noqa: E402
from sitrep.settings import Settings  # noqa: E402

ARTICLES = 240
WARM_UP = 8
SHARDS = 4
SETTINGS = Settings(batch_size=16)


def write_jsonl(folder: Path, articles: list) -> None:
    """The articles as JSONL shards, as a corpus at scale would come."""
    folder.mkdir()
    for shard in range(SHARDS):
        lines = (json.dumps({"text": a.text}) for a in articles[shard::SHARDS])
        (folder / f"part-{shard}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


def main() -> None:
    articles = demo_articles(ARTICLES)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_jsonl(root / "corpus", articles)
        write_jsonl(root / "warm", articles[:WARM_UP])
        emit("articles", ARTICLES, "articles", f"demo corpus repeated, {SHARDS} JSONL files")
        # Before Spark starts threads in this process: the calibration forks.
        emit("machine: 2 busy processes vs 1", spare_cores(), "x", "2.0 = two free cores")
        rates = {}
        for master in ("local[1]", "local[2]"):
            start = time.perf_counter()
            spark = spark_session(master)
            spark.sparkContext.setLogLevel("ERROR")
            started = time.perf_counter() - start
            # The first job pays for each Python worker's model load; the second does not.
            start = time.perf_counter()
            run_batch(spark, [str(root / "warm")], str(root / f"warm-{master}"), SETTINGS)
            cold = time.perf_counter() - start
            start = time.perf_counter()
            summary = run_batch(
                spark, [str(root / "corpus")], str(root / f"out-{master}"), SETTINGS
            )
            warm = time.perf_counter() - start
            spark.stop()
            assert summary.reports == ARTICLES and summary.failures == 0
            rates[master] = ARTICLES / warm
            emit(
                f"{master} session start",
                started,
                "s",
                "SparkContext; the JVM starts with the first",
            )
            emit(f"{master} first job", cold, "s", f"{WARM_UP} articles; workers load the model")
            emit(f"{master}", rates[master], "articles/s", "workers warm; read, analyze, write")
        emit("speedup local[2] vs local[1]", rates["local[2]"] / rates["local[1]"], "x", "")


if __name__ == "__main__":
    main()
