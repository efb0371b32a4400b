"""The ``sitrep batch`` command: the CLI registers it, and ``spark-submit`` runs it through
sitrep/batch/submit.py, so it lives here rather than in sitrep.cli (which imports this package:
the batch package must not import it back)."""

from __future__ import annotations

import importlib.util
import sys

import click
from rich.console import Console

from sitrep.errors import E, SitrepError
from sitrep.options import format_option, max_bytes_option
from sitrep.settings import Settings

_err = Console(stderr=True, soft_wrap=True)


@click.command("batch")
@click.option(
    "--input",
    "inputs",
    multiple=True,
    required=True,
    help="File or directory (recursively) to analyze, local or any Hadoop path; repeatable.",
)
@click.option(
    "--output", required=True, help="Directory for reports/ and failures/ (Parquet); must be new."
)
@click.option(
    "--master",
    default=None,
    help="Spark master, e.g. local[2] or spark://host:7077 (default: spark-submit's, else local[*]).",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    default=None,
    help="Partitions to analyze in (default: 2 per core).",
)
@format_option
@max_bytes_option
def batch_cli(
    inputs: tuple[str, ...],
    output: str,
    master: str | None,
    partitions: int | None,
    fmt: str | None,
    max_bytes: int | None,
) -> None:
    """Analyze a corpus with Apache Spark and write the reports as Parquet (needs sitrep[spark])."""
    if importlib.util.find_spec("pyspark") is None:
        raise SitrepError(E.SPARK_MISSING)
    # Imported here: pyspark is an optional dependency.
    from sitrep.batch.job import run_job

    settings = Settings.from_env(max_bytes=max_bytes)
    summary = run_job(list(inputs), output, settings, master=master, partitions=partitions, fmt=fmt)
    _err.print(f"reports {summary.reports}, failures {summary.failures}", highlight=False)
    sys.exit(1 if summary.failures else 0)
