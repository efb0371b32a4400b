"""The one catalogue of sitrep errors. Codes are stable: scripts and stores rely on them.

Each message says what went wrong and what to do next. Raise with ``SitrepError(E.X, **ctx)``;
the keyword arguments fill the message template and travel with the exception as context.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum
from typing import Any

from sitrep.model import Failure


class E(Enum):
    """Error codes: (code, HTTP status for the API, message template)."""

    EMPTY_INPUT = ("E001", 422, "The article is empty: {what} holds no text to analyze.")
    BINARY_INPUT = (
        "E002",
        422,
        "{what} looks like binary data, not text or HTML. Give sitrep .txt, .html, feeds, "
        "JSONL, CSV or Parquet files.",
    )
    TOO_LARGE = (
        "E003",
        413,
        "{what} is {size:,} bytes, over the limit of {limit:,}. Split it, or raise the limit "
        "with --max-bytes / SITREP_MAX_BYTES.",
    )
    BAD_ENCODING = (
        "E004",
        422,
        "{what} is not valid UTF-8 (first bad byte at offset {offset}). Re-encode it as UTF-8 "
        "(e.g. iconv -f latin1 -t utf-8).",
    )
    NO_TEXT_IN_HTML = (
        "E005",
        422,
        "No article text could be extracted from the HTML in {what}: the page may be broken, "
        "a paywall or a listing page.",
    )
    NOT_ENGLISH = (
        "E006",
        422,
        "{what} does not look like English (English function-word share {share:.0%}); sitrep "
        "analyzes English news only.",
    )
    PATH_NOT_FOUND = ("E007", 404, "No such file or directory: {what}. Check the path.")
    UNREADABLE = ("E008", 422, "Cannot read {what}: {reason}. Check its permissions.")
    BAD_RECORD = (
        "E009",
        422,
        "Record {what} is malformed: {reason}. Each record needs a non-empty 'text' field "
        "(optional: title, url, outlet, published).",
    )
    UNSUPPORTED_FORMAT = (
        "E010",
        415,
        "Unsupported input format '{what}'. Use one of: {choices}.",
    )
    BAD_FEED = ("E011", 422, "{what} is not a readable RSS/Atom feed: {reason}.")
    TIME_BUDGET = (
        "E012",
        422,
        "Analysis of {what} took longer than the budget of {limit} s and was stopped. Raise "
        "it with SITREP_TIME_BUDGET if the article is genuinely long.",
    )
    BAD_DATE = (
        "E020",
        400,
        "'{what}' is not a date. Give an ISO 8601 date such as 2017-10-03 or 2017-10-03T14:00:00Z.",
    )
    BAD_OPTION = ("E021", 400, "Invalid value for {option}: {reason}.")
    NOT_FOUND = (
        "E030",
        404,
        "No {kind} with id '{what}' in the store. List them with `sitrep {kind}s`.",
    )
    STORE_UNAVAILABLE = (
        "E031",
        503,
        "Cannot open the store at {what}: {reason}. Check --db / SITREP_DB.",
    )
    STORY_NOT_FOUND = (
        "E032",
        404,
        "No story with id '{what}' in the store. List them with `sitrep stories`.",
    )
    EVAL_DATA = ("E040", 400, "Cannot read the gold data at {what}: {reason}.")
    UNAUTHORIZED = (
        "E050",
        401,
        "This endpoint needs the server's token: send the header 'Authorization: Bearer "
        "<token>' with the value of SITREP_TOKEN.",
    )
    WRITES_DISABLED = (
        "E051",
        403,
        "Writes are off on this server: start it with SITREP_TOKEN set to accept articles.",
    )
    FETCH_DISABLED = (
        "E052",
        403,
        "Fetching URLs is off on this server: send the article's text, HTML or feed instead, "
        "or start the server with SITREP_FETCH_URLS=true.",
    )
    URL_REFUSED = (
        "E053",
        400,
        "Refusing to fetch {what}: {reason}. Only http(s) URLs on public addresses are fetched.",
    )
    FETCH_FAILED = ("E054", 502, "Could not fetch {what}: {reason}.")
    BAD_REQUEST = ("E055", 422, "Invalid request: {reason}.")
    NO_ROUTE = ("E056", 404, "Nothing at {what}. The API's endpoints are listed at /openapi.json.")
    BAD_METHOD = ("E057", 405, "{what} does not accept {method}. See /openapi.json.")
    PAYLOAD_TOO_LARGE = (
        "E058",
        413,
        "The request body is over the limit of {limit:,} bytes. Send fewer articles at once, "
        "or raise SITREP_MAX_UPLOAD_BYTES.",
    )
    EXPORT_OUTPUT = (
        "E070",
        400,
        "Cannot write the export to {what}: {reason}. Give a file path, or leave out --output "
        "to write to standard output.",
    )
    BATCH_OUTPUT_EXISTS = (
        "E060",
        409,
        "The batch output {what} already exists. Give a new --output directory, or remove it.",
    )
    NOT_BATCH_OUTPUT = (
        "E061",
        400,
        "{what} holds no batch output ({reason}). Give the --output directory of a finished "
        "`sitrep batch` run: it has reports/ and failures/ Parquet directories.",
    )
    SPARK_MISSING = (
        "E062",
        500,
        "`sitrep batch` needs Apache Spark, which is not installed: pip install 'sitrep[spark]' "
        "(and Java 17 or later).",
    )
    INTERNAL = (
        "E099",
        500,
        "sitrep failed on {what} in {component}: {reason}. This is a bug; please report it "
        "with the input.",
    )

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def http_status(self) -> int:
        return self.value[1]

    @property
    def template(self) -> str:
        return self.value[2]


class SitrepError(Exception):
    """An error from the catalogue, with its stable code and the context it arose in."""

    def __init__(self, error: E, **context: Any) -> None:
        self.error = error
        self.context = context
        super().__init__(error.template.format_map(_Defaults(context)))

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def http_status(self) -> int:
        return self.error.http_status

    @property
    def message(self) -> str:
        return str(self)

    def to_failure(self, path: str | None) -> Failure:
        """The record a batch keeps for an input that failed with this error."""
        return Failure(
            self.code,
            self.message,
            path=path,
            article_id=self.context.get("article_id"),
            detail={k: v for k, v in self.context.items() if isinstance(v, (str, int, float))},
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Keeps errors picklable across worker processes and Spark executors.
        return (_rebuild, (self.error.name, self.context))


def check_choice(option: str, value: str | None, choices: Collection[str]) -> None:
    """SitrepError(E021) listing the valid ``choices`` unless ``value`` is one (or None)."""
    if value is not None and value not in choices:
        raise SitrepError(E.BAD_OPTION, option=option, reason=f"use one of {', '.join(choices)}")


def _rebuild(name: str, context: dict[str, Any]) -> SitrepError:
    return SitrepError(E[name], **context)


class _Defaults(dict):
    """Leaves an unfilled ``{field}`` visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
