"""Exports of stored reports for other tools: JSONL (reports), CSV (one row per event),
ACLED-style CSV, GDELT-style events TSV and GeoJSON (events with a place).

:func:`export` writes one format to a text stream and returns how many records it wrote and
how many events it left out (by default the tables and the map hold only the events the
article itself asserts, or whose claim other outlets corroborate: see
:class:`sitrep.export.tables.Selection`); :func:`export_to_path` writes to a file, refusing a
directory and creating missing folders only when asked. The columns of each format are
documented in the README ("Exports").
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, TypeVar

from sitrep.errors import E, SitrepError
from sitrep.export.records import write_geojson, write_jsonl
from sitrep.export.tables import Selection, write_acled, write_events_csv, write_gdelt
from sitrep.model import ArticleReport

__all__ = ["FORMATS", "Exported", "export", "export_to_path"]

T = TypeVar("T")

_WRITERS: dict[str, Callable[[Iterable[ArticleReport], TextIO, Selection], int]] = {
    "jsonl": write_jsonl,
    "csv": write_events_csv,
    "acled": write_acled,
    "gdelt": write_gdelt,
    "geojson": write_geojson,
}
FORMATS = tuple(_WRITERS)


@dataclass(frozen=True)
class Exported:
    """What an export wrote: ``written`` records (reports for JSONL, events for the others)
    and ``left_out``, the events it did not write by factuality (sorted)."""

    written: int
    left_out: tuple[tuple[str, int], ...] = ()

    @property
    def left_out_total(self) -> int:
        return sum(n for _, n in self.left_out)


def export(
    reports: Iterable[ArticleReport],
    fmt: str,
    out: TextIO,
    *,
    everything: bool = False,
    story_statuses: dict[tuple[str, str], str] | None = None,
    story_fatalities: dict[tuple[str, str], int] | None = None,
    events: Collection[tuple[str, str]] | None = None,
) -> Exported:
    """Writes ``reports`` to ``out`` in format ``fmt``. ``everything``: every event, whatever
    its factuality; ``story_statuses``: (article id, claim id) -> the claim's status across
    the outlets of its story, so that a corroborated claim's events are written too;
    ``story_fatalities``: (article id, event id) -> the most conservative count of the killed
    the outlets of its story give for that happening (sitrep.link.events); ``events``: only
    these (article id, event id), as a filter chose them."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise SitrepError(E.UNSUPPORTED_FORMAT, what=fmt, choices=", ".join(FORMATS))
    selection = Selection(
        everything, dict(story_statuses or {}), dict(story_fatalities or {}), events
    )
    written = writer(reports, out, selection)
    return Exported(written, tuple(sorted(selection.left_out.items())))


def export_to_path(
    reports: Iterable[ArticleReport],
    fmt: str,
    path: Path,
    parents: bool = False,
    *,
    everything: bool = False,
    story_statuses: dict[tuple[str, str], str] | None = None,
    story_fatalities: dict[tuple[str, str], int] | None = None,
    events: Collection[tuple[str, str]] | None = None,
) -> Exported:
    """Writes the export to ``path``, replacing a file there only once the export is
    complete (a failed export leaves no half-written file); an existing file keeps its
    permissions, a new one gets those of any new file (0644 under the usual umask). Refuses
    a directory, a FIFO, a device or a socket, and a missing folder unless ``parents``.
    ``everything``, ``story_statuses``, ``story_fatalities`` and ``events`` as for
    :func:`export`."""
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
        _attempt(str(path), folder.mkdir, parents=True)
    elif not folder.is_dir():
        raise SitrepError(E.EXPORT_OUTPUT, what=str(path), reason=f"{folder} is not a folder")
    mode = _kept_mode(target, str(path))
    temporary = folder / f".{target.name}.{secrets.token_hex(8)}"
    # Not tempfile.mkstemp: its files are 0600 whatever the umask, and the export should get
    # the permissions a file written in place would have. O_EXCL never follows a link.
    handle = _attempt(
        str(path), os.open, temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE_MODE
    )
    try:
        if mode is not None:
            os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = export(
                reports,
                fmt,
                out,
                everything=everything,
                story_statuses=story_statuses,
                story_fatalities=story_fatalities,
                events=events,
            )
        _attempt(str(path), os.replace, temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


#: Permissions asked for a new file, before the umask (which leaves 0644 as a rule).
_NEW_FILE_MODE = 0o666
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kept_mode(target: Path, shown: str) -> int | None:
    """The permission bits of the regular file the export replaces; None for a new file or
    a link (the link is replaced, not followed). Raises E070 for anything else there."""
    try:
        status = target.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SitrepError(E.EXPORT_OUTPUT, what=shown, reason=exc.strerror or str(exc)) from None
    if stat.S_ISREG(status.st_mode):
        # Only the rwx bits: an export is never made set-user-id.
        return stat.S_IMODE(status.st_mode) & 0o777
    if stat.S_ISLNK(status.st_mode):
        return None
    kind = next((name for test, name in _SPECIAL_FILES if test(status.st_mode)), "special")
    raise SitrepError(
        E.EXPORT_OUTPUT, what=shown, reason=f"it is {kind}, not a regular file, and is left alone"
    )


def _attempt(shown: str, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``operation(*args, **kwargs)``, with an OSError (no permission, a read-only or full
    disk) turned into E070."""
    try:
        return operation(*args, **kwargs)
    except OSError as exc:
        raise SitrepError(E.EXPORT_OUTPUT, what=shown, reason=exc.strerror or str(exc)) from None
