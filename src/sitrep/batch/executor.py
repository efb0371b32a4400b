"""What runs inside Spark's Python workers: input files to articles, articles to reports.

Both steps are plain functions over iterators of pandas DataFrames (``mapInPandas``) and take
their settings as an argument (bound with ``functools.partial``), so Spark pickles a reference
to this module, not a closure. The pipeline is loaded once per worker process, on its first
batch, and reused for every later batch and task that process runs; under a time budget it is
loaded in the one analysis process that the worker keeps (see :mod:`sitrep.workers`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import unquote, urlparse

import pandas as pd

from sitrep.analyzer import Analyzer
from sitrep.errors import SitrepError
from sitrep.ingest import read_data
from sitrep.model import Article, ArticleReport, Failure
from sitrep.settings import Settings
from sitrep.workers import WorkerPool, make_analyzer

#: Columns of the rows between the two steps: an article (as JSON) or a failure.
ITEM_SCHEMA = "path string, article string, code string, message string, article_id string"
#: Columns of the analyzed rows: a report, or a failure with its reason.
RESULT_SCHEMA = (
    "kind string, path string, id string, title string, outlet string, url string, "
    "published string, report string, code string, message string, article_id string"
)
REPORT_COLUMNS = ("id", "path", "title", "outlet", "url", "published", "report")
FAILURE_COLUMNS = ("code", "message", "path", "article_id")


def read_articles(
    batches: Iterable[pd.DataFrame], settings: Settings, fmt: str | None
) -> Iterator[pd.DataFrame]:
    """Rows of Spark's ``binaryFile`` source (path, content) to one row per article or
    failure, read by the same readers as ``sitrep ingest``: same formats, same codes."""
    for files in batches:
        rows = [
            _item_row(item)
            for path, content in zip(files["path"], files["content"], strict=True)
            for item in _read(bytes(content), local_name(path), settings.max_bytes, fmt)
        ]
        yield pd.DataFrame(rows, columns=_ITEM_COLUMNS)


def analyze_articles(batches: Iterable[pd.DataFrame], settings: Settings) -> Iterator[pd.DataFrame]:
    """Item rows to result rows: each article analyzed, each failure passed on."""
    analyzer = worker_analyzer(settings)
    for items in batches:
        parsed = [_item(row) for row in items.itertuples(index=False)]
        rows = [_result_row(result) for result in analyzer.analyze_many(parsed)]
        yield pd.DataFrame(rows, columns=_RESULT_COLUMNS)


@lru_cache(maxsize=1)
def worker_analyzer(settings: Settings) -> Analyzer | WorkerPool:
    """The analyzer of this worker process, built on first use and then kept: under a time
    budget, a pool of one worker process, which ends with this process."""
    return make_analyzer(settings)


def local_name(uri: str) -> str:
    """A local file's path as ``sitrep analyze`` names it (``file:/a%20b`` -> ``/a b``);
    any other URI (hdfs://, s3a://) as it is."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


_ITEM_COLUMNS = [c.split()[0] for c in ITEM_SCHEMA.split(", ")]
_RESULT_COLUMNS = [c.split()[0] for c in RESULT_SCHEMA.split(", ")]


def _read(data: bytes, name: str, max_bytes: int, fmt: str | None) -> Iterator[Article | Failure]:
    try:
        yield from read_data(data, name, max_bytes, fmt)
    except SitrepError as exc:
        yield exc.to_failure(name)


def _item_row(item: Article | Failure) -> tuple[str | None, ...]:
    if isinstance(item, Failure):
        return (item.path, None, item.code, item.message, item.article_id)
    return (item.path, json.dumps(item.to_dict(), ensure_ascii=False), None, None, None)


def _item(row: tuple) -> Article | Failure:
    path, article, code, message, article_id = row
    if article is None:
        return Failure(code, message, path, article_id)
    return Article.from_dict(json.loads(article))


def _result_row(result: ArticleReport | Failure) -> tuple[str | None, ...]:
    if isinstance(result, Failure):
        none = (None,) * 6
        return ("failure", result.path, *none, result.code, result.message, result.article_id)
    a = result.article
    report = json.dumps(result.to_dict(), ensure_ascii=False)
    return ("report", a.path, a.id, a.title, a.outlet, a.url, a.published, report, None, None, None)
