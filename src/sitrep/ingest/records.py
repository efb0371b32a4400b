"""Record files (JSONL, CSV, Parquet): one article per record with a ``text`` field and
optional ``title``, ``url``, ``outlet`` (or ``source``), ``published`` (or ``date``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.errors import E, SitrepError
from sitrep.ingest.text import parse_text
from sitrep.model import Article, Failure

_ALIASES = {"source": "outlet", "date": "published", "link": "url"}


def read_jsonl(
    data: str, name: str | None, max_bytes: int | None = None
) -> Iterator[Article | Failure]:
    def records() -> Iterator[tuple[str, Any]]:
        for number, line in enumerate(data.splitlines(), start=1):
            if line.strip():
                where = f"{name}:{number}"
                yield where, _parse_json(line, where)

    yield from _articles(records(), max_bytes)


def _parse_json(line: str, where: str) -> Any:
    """The record on one line, or the SitrepError that says why it is none."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return SitrepError(E.BAD_RECORD, what=where, reason=f"invalid JSON ({exc.msg})")
    except RecursionError:
        # json recurses once per nesting level: a record thousands deep overflows the stack.
        return SitrepError(
            E.BAD_RECORD,
            what=where,
            reason="it is nested too deeply (arrays or objects nested about a thousand deep)",
        )


def read_csv(
    data: str, name: str | None, max_bytes: int | None = None
) -> Iterator[Article | Failure]:
    csv.field_size_limit(max(max_bytes or 0, 1 << 24))
    reader = csv.DictReader(io.StringIO(data))
    yield from _articles(((f"{name}:{n}", row) for n, row in enumerate(reader, start=2)), max_bytes)


def read_parquet(
    data: bytes, name: str | None, max_bytes: int | None = None
) -> Iterator[Article | Failure]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowInvalid, OSError) as exc:
        raise SitrepError(
            E.BAD_RECORD, what=name, reason=f"it cannot be read as Parquet ({exc})"
        ) from None
    yield from _articles(
        ((f"{name}:{n}", row) for n, row in enumerate(table.to_pylist(), start=1)), max_bytes
    )


def _articles(
    records: Iterable[tuple[str, Any]], max_bytes: int | None
) -> Iterator[Article | Failure]:
    for where, record in records:
        try:
            if isinstance(record, SitrepError):
                raise record
            yield article_from_record(record, where, max_bytes)
        except SitrepError as exc:
            yield exc.to_failure(where)


def article_from_record(record: Any, where: str, max_bytes: int | None = None) -> Article:
    """One article from a mapping with ``text`` (the format Spark and the API use too)."""
    if not isinstance(record, dict):
        raise SitrepError(E.BAD_RECORD, what=where, reason="it is not an object")
    fields = {_ALIASES.get(k, k): v for k, v in record.items()}
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SitrepError(E.BAD_RECORD, what=where, reason="'text' is missing or empty")
    size = len(text.encode("utf-8", "surrogatepass"))
    if max_bytes is not None and size > max_bytes:
        raise SitrepError(E.TOO_LARGE, what=where, size=size, limit=max_bytes)
    meta = {
        k: _str_or_none(fields.get(k), k, where) for k in ("title", "outlet", "url", "published")
    }
    return parse_text(text, path=where, **meta)


def _str_or_none(value: Any, field: str, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list, tuple)):
        # A nested value is no title or date, and str() of one nested deep overflows the stack.
        raise SitrepError(
            E.BAD_RECORD, what=where, reason=f"'{field}' must be text, not {type(value).__name__}"
        )
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
