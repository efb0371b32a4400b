"""Readers that turn files, directories, feeds and records into Articles. None does NLP.

:func:`read_paths` is the one entry point for batches: it yields an ``Article`` for each
article read and a ``Failure`` for each input that could not be, and never raises for one bad
input, so a batch records the failure and goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.errors import E, SitrepError
from sitrep.ingest.decode import read_bytes
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.html import read_html
from sitrep.ingest.records import read_csv, read_jsonl, read_parquet
from sitrep.ingest.text import read_text
from sitrep.model import Article, Failure

#: File suffix -> reader of (data, path) yielding Articles.
READERS = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".parquet": read_parquet,
}
#: Media types of fetched documents (an API upload by URL, a watched feed) -> their format.
FORMAT_BY_MEDIA = {
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
}
_RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
FORMATS = ("text", "html", "feed", "jsonl", "csv", "parquet")
_BY_FORMAT = {
    "text": read_text,
    "html": read_html,
    "feed": read_feed,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "parquet": read_parquet,
}


def read_paths(
    paths: Iterable[str], max_bytes: int, fmt: str | None = None
) -> Iterator[Article | Failure]:
    """Articles from files, directories (recursively, in name order) and ``-`` (stdin)."""
    for given in paths:
        if given == "-":
            yield from _read_one(sys.stdin.buffer.read(), "-", max_bytes, fmt)
            continue
        path = Path(given)
        if not path.exists():
            yield SitrepError(E.PATH_NOT_FOUND, what=given).to_failure(given)
        elif path.is_dir():
            for child in sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            ):
                yield from _read_file(child, str(child), max_bytes, fmt)
        else:
            yield from _read_file(path, given, max_bytes, fmt)


def read_data(
    data: bytes, name: str, max_bytes: int, fmt: str | None = None
) -> Iterator[Article | Failure]:
    """Articles from one input's bytes. Raises SitrepError when the input as a whole is bad;
    record files yield a Failure per bad record and go on."""
    reader = _reader(name, data, fmt)
    if reader is read_parquet:
        payload = data
    elif reader in (read_jsonl, read_csv):
        # Record files hold many articles: the size limit applies per record, not per file.
        payload = read_bytes(data, name, None)
    else:
        payload = read_bytes(data, name, max_bytes)
    yield from reader(payload, name, max_bytes)


def _read_file(
    path: Path, name: str, max_bytes: int, fmt: str | None
) -> Iterator[Article | Failure]:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = (
                handle.read()
                if path.suffix.lower() in _RECORD_SUFFIXES
                else handle.read(max_bytes + 1)
            )
    except OSError as exc:
        yield SitrepError(E.UNREADABLE, what=name, reason=exc.strerror or str(exc)).to_failure(name)
        return
    if size > max_bytes and path.suffix.lower() not in _RECORD_SUFFIXES:
        yield SitrepError(E.TOO_LARGE, what=name, size=size, limit=max_bytes).to_failure(name)
        return
    yield from _read_one(data, name, max_bytes, fmt)


def _read_one(
    data: bytes, name: str, max_bytes: int, fmt: str | None
) -> Iterator[Article | Failure]:
    try:
        yield from read_data(data, name, max_bytes, fmt)
    except SitrepError as exc:
        yield exc.to_failure(name)


def _reader(name: str, data: bytes, fmt: str | None):
    if fmt is not None:
        if fmt not in _BY_FORMAT:
            raise SitrepError(E.UNSUPPORTED_FORMAT, what=fmt, choices=", ".join(FORMATS))
        return _BY_FORMAT[fmt]
    suffix = Path(name).suffix.lower()
    if suffix in READERS:
        return READERS[suffix]
    return _sniff(data)


def _sniff(data: bytes):
    head = data[:2048].lstrip().lower()
    if head.startswith(b"par1"):
        return read_parquet
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return read_feed
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return read_html
    return read_text
