"""Exports of stored reports for other tools: JSONL (reports), CSV (one row per event),
ACLED-style CSV, GDELT-style events TSV and GeoJSON (events with a place).

:func:`export` writes one format to a text stream and returns how many records it wrote;
:func:`export_to_path` writes to a file, refusing a directory and creating missing folders only
when asked. The columns of each format are documented in the README ("Exports").
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from sitrep.errors import E, SitrepError
from sitrep.export.records import write_geojson, write_jsonl
from sitrep.export.tables import write_acled, write_events_csv, write_gdelt
from sitrep.model import ArticleReport

__all__ = ["FORMATS", "export", "export_to_path"]

_WRITERS: dict[str, Callable[[Iterable[ArticleReport], TextIO], int]] = {
    "jsonl": write_jsonl,
    "csv": write_events_csv,
    "acled": write_acled,
    "gdelt": write_gdelt,
    "geojson": write_geojson,
}
FORMATS = tuple(_WRITERS)


def export(reports: Iterable[ArticleReport], fmt: str, out: TextIO) -> int:
    """Writes ``reports`` to ``out`` in format ``fmt``; returns the records written (reports
    for JSONL, events for the others)."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise SitrepError(E.UNSUPPORTED_FORMAT, what=fmt, choices=", ".join(FORMATS))
    return writer(reports, out)


def export_to_path(
    reports: Iterable[ArticleReport], fmt: str, path: Path, parents: bool = False
) -> int:
    """Writes the export to ``path``, replacing a file there only once the export is
    complete (a failed export leaves no half-written file). Refuses a directory, and a
    missing folder unless ``parents``."""
    target = Path(path)
    if target.is_dir():
        raise SitrepError(E.EXPORT_OUTPUT, what=str(path), reason="it is a directory")
    folder = target.parent
    if not folder.exists():
        if not parents:
            raise SitrepError(
                E.EXPORT_OUTPUT,
                what=str(path),
                reason=f"the folder {folder} does not exist (pass --parents to create it)",
            )
        folder.mkdir(parents=True)
    elif not folder.is_dir():
        raise SitrepError(E.EXPORT_OUTPUT, what=str(path), reason=f"{folder} is not a folder")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = export(reports, fmt, out)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
