"""Loads what ``sitrep batch`` wrote into the store (pyarrow only: no Spark needed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import pyarrow.dataset as ds

from sitrep.batch.executor import FAILURE_COLUMNS
from sitrep.errors import E, SitrepError
from sitrep.jobs import IngestSummary, OnProgress, store_results
from sitrep.model import ArticleReport, Failure
from sitrep.store import Store

# Rows read from Parquet at a time: a few MB of report JSON.
_ROWS_PER_READ = 256


def load(directory: str, store: Store, on_progress: OnProgress | None = None) -> IngestSummary:
    """Adds every report and failure of a batch output directory to the store through the
    writer ``sitrep ingest`` uses, which links each new article into its story (idempotent:
    loading twice adds nothing). Reports go in the order of the output's part files, which
    ``sitrep batch`` makes deterministic, so the stories do not depend on Spark's timing.
    ``on_progress``: as in ``sitrep.jobs.store_results``."""
    reports = _dataset(directory, "reports")
    failures = _dataset(directory, "failures")
    results = chain(_reports(reports), _failures(failures))
    return store_results(results, store, on_progress=on_progress)


def _dataset(directory: str, name: str) -> ds.Dataset:
    path = Path(directory) / name
    if not path.is_dir():
        raise SitrepError(E.NOT_BATCH_OUTPUT, what=directory, reason=f"no {name}/ directory")
    # Part files in name order are Spark's partitions in order; _SUCCESS and .crc are not data.
    return ds.dataset(sorted(str(p) for p in path.glob("*.parquet")), format="parquet")


def _reports(dataset: ds.Dataset) -> Iterator[ArticleReport]:
    for batch in dataset.to_batches(columns=["report"], batch_size=_ROWS_PER_READ):
        for raw in batch.column("report").to_pylist():
            yield ArticleReport.from_dict(json.loads(raw))


def _failures(dataset: ds.Dataset) -> Iterator[Failure]:
    for batch in dataset.to_batches(columns=list(FAILURE_COLUMNS), batch_size=_ROWS_PER_READ):
        for code, message, path, article_id in zip(
            *(batch.column(c).to_pylist() for c in FAILURE_COLUMNS), strict=True
        ):
            yield Failure(code, message, path, article_id)
