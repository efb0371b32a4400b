"""The Spark job behind ``sitrep batch``: input files -> articles -> reports, analyzed in the
executors, written as Parquet.

Output, under the output directory:

- ``reports/``: one row per article: ``id``, ``path``, ``title``, ``outlet``, ``url``,
  ``published`` and ``report`` (the ArticleReport as JSON, exactly what
  ``sitrep analyze --json`` prints for it);
- ``failures/``: one row per input that could not be read or analyzed: ``code``, ``message``,
  ``path``, ``article_id``.

Rows are spread over partitions by a hash of their path and sorted by path within each, so
the same input gives the same files whatever order Spark listed it in.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

from pyspark import StorageLevel
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from sitrep.batch.executor import (
    FAILURE_COLUMNS,
    ITEM_SCHEMA,
    REPORT_COLUMNS,
    RESULT_SCHEMA,
    analyze_articles,
    read_articles,
)
from sitrep.errors import E, SitrepError
from sitrep.settings import Settings

# Partitions per core when none are asked for: more tasks than cores evens out the load
# when some articles take longer than others.
_PARTITIONS_PER_CORE = 2


@dataclass(frozen=True)
class BatchSummary:
    reports: int
    failures: int


def spark_session(master: str | None = None) -> SparkSession:
    """The session for a batch. Under ``spark-submit`` the master and resources are those it
    was given; otherwise ``master`` (default ``local[*]``, every core of this machine)."""
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    if master is None and not submitted:
        master = "local[*]"
    if master is not None and master.startswith("local"):
        # Local executors are processes of this machine: they must run this interpreter,
        # which has sitrep and its model, and need no address beyond loopback.
        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName("sitrep-batch")
    if master is not None:
        builder = builder.master(master)
    return builder.getOrCreate()


def run_job(
    inputs: list[str],
    output: str,
    settings: Settings,
    master: str | None = None,
    partitions: int | None = None,
    fmt: str | None = None,
) -> BatchSummary:
    """``sitrep batch``: :func:`run_batch` in a session of its own, stopped at the end."""
    check_output(output)
    spark = spark_session(master)
    try:
        return run_batch(spark, inputs, output, settings, partitions, fmt)
    finally:
        spark.stop()


def check_output(output: str) -> None:
    """Refuses a local ``output`` that is already there in any form, a link included (even
    one to nowhere): Spark would write through a planted link wherever it points. Checked
    before Spark starts, so a wrong path costs nothing; Spark checks other file systems."""
    parsed = urlparse(output)
    if parsed.scheme not in ("", "file"):
        return
    path = Path(parsed.path if parsed.scheme else output)
    if os.path.lexists(path):
        raise SitrepError(E.BATCH_OUTPUT_EXISTS, what=output)


def run_batch(
    spark: SparkSession,
    inputs: list[str],
    output: str,
    settings: Settings,
    partitions: int | None = None,
    fmt: str | None = None,
) -> BatchSummary:
    """Reads ``inputs`` (files or directories, recursively; any Hadoop path), analyzes every
    article in the executors and writes ``output``/reports and ``output``/failures. Raises
    SitrepError when the output already exists."""
    # Arrow batches of one spaCy batch each: a worker holds few inputs at once, and every
    # batch it analyzes is a full one.
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(settings.batch_size))
    partitions = partitions or spark.sparkContext.defaultParallelism * _PARTITIONS_PER_CORE
    files = _files(spark, inputs)
    items = files.mapInPandas(partial(read_articles, settings=settings, fmt=fmt), ITEM_SCHEMA)
    results = (
        items.repartition(partitions, "path")
        .mapInPandas(partial(analyze_articles, settings=settings), RESULT_SCHEMA)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        _write(results, "report", REPORT_COLUMNS, f"{output}/reports")
        _write(results, "failure", FAILURE_COLUMNS, f"{output}/failures")
        counts = dict(results.groupBy("kind").count().collect())
    finally:
        results.unpersist()
    return BatchSummary(reports=counts.get("report", 0), failures=counts.get("failure", 0))


def _files(spark: SparkSession, inputs: list[str]) -> DataFrame:
    reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
    try:
        return reader.load(inputs).select("path", "content")
    except AnalysisException as exc:
        if exc.getCondition() == "PATH_NOT_FOUND":
            raise SitrepError(E.PATH_NOT_FOUND, what=", ".join(inputs)) from None
        raise


def _write(results: DataFrame, kind: str, columns: tuple[str, ...], path: str) -> None:
    rows = results.where(F.col("kind") == kind).select(*columns).sortWithinPartitions("path")
    try:
        rows.write.mode("errorifexists").parquet(path)
    except AnalysisException as exc:
        if exc.getCondition() == "PATH_ALREADY_EXISTS":
            raise SitrepError(E.BATCH_OUTPUT_EXISTS, what=path) from None
        raise
