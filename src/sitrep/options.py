"""What the command modules (sitrep.cli, sitrep.batch.command) share: options more than one
command declares, and how a catalogue error is reported."""

from __future__ import annotations

import click
from rich.console import Console

from sitrep.console import printable
from sitrep.errors import SitrepError
from sitrep.ingest import FORMATS

max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Largest article accepted, in bytes (env SITREP_MAX_BYTES).",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Input format; by default from the file suffix or its content.",
)


def report_error(exc: SitrepError) -> None:
    """A catalogue error as every sitrep command reports one: one red line on stderr."""
    Console(stderr=True, soft_wrap=True).print(
        f"[red]error {exc.code}[/red]: {printable(exc.message)}", highlight=False
    )
