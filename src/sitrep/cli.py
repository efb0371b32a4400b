"""The ``sitrep`` command: thin commands over the library. Exit status 0 when everything
succeeded, 1 when any input failed (the rest was still processed), 2 for usage errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import click
from rich.console import Console
from rich.progress import Progress

from sitrep.analyzer import Analyzer
from sitrep.console import print_actors, print_articles, print_failures, print_report
from sitrep.errors import SitrepError
from sitrep.ingest import FORMATS, read_paths
from sitrep.ingest.meta import normalize_published
from sitrep.jobs import ingest
from sitrep.model import ACTOR_KINDS, Article, Failure
from sitrep.settings import Settings
from sitrep.store import Store

_err = Console(stderr=True, soft_wrap=True)


def _console() -> Console:
    return Console(soft_wrap=True)


class _Group(click.Group):
    """Turns catalogue errors into one red line and exit status 1, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SitrepError as exc:
            _err.print(f"[red]error {exc.code}[/red]: {exc.message}", highlight=False)
            sys.exit(1)


db_option = click.option(
    "--db", envvar="SITREP_DB", default=None, help="Store URL (default sqlite:///sitrep.db; env SITREP_DB)."
)
max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=None, help="Largest article accepted, in bytes (env SITREP_MAX_BYTES)."
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None, help="Input format; by default from the file suffix or its content."
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep", prog_name="sitrep")
def main() -> None:
    """sitrep: structured, checkable intelligence from conflict and crisis news."""


@main.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one ArticleReport JSON object per line.")
@click.option("--published", default=None, help="Publication date (ISO 8601), the anchor for relative times.")
@click.option("--outlet", default=None, help="Outlet that published the articles.")
@format_option
@max_bytes_option
def analyze_cli(paths: tuple[str, ...], as_json: bool, published: str | None, outlet: str | None, fmt: str | None, max_bytes: int | None) -> None:
    """Analyze articles (files, directories, or - for stdin) and print their reports."""
    published = normalize_published(published, strict=True)
    settings = Settings.from_env(max_bytes=max_bytes)
    analyzer = Analyzer(settings)
    articles = _with_meta(read_paths(paths, settings.max_bytes, fmt), published=published, outlet=outlet)
    console = _console()
    failed = 0
    for item in analyzer.analyze_many(articles):
        if isinstance(item, Failure):
            failed += 1
            _report_failure(item)
        elif as_json:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        else:
            print_report(console, item)
    sys.exit(1 if failed else 0)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@format_option
@max_bytes_option
@click.option("--published", default=None, help="Publication date for articles that carry none.")
@click.option("--outlet", default=None, help="Outlet for articles that name none.")
def ingest_cli(paths: tuple[str, ...], db: str | None, fmt: str | None, max_bytes: int | None, published: str | None, outlet: str | None) -> None:
    """Analyze articles and add them to the store. Re-ingesting an article changes nothing."""
    published = normalize_published(published, strict=True)
    settings = Settings.from_env(db=db, max_bytes=max_bytes)
    summary = ingest(
        _with_meta(read_paths(paths, settings.max_bytes, fmt), published=published, outlet=outlet),
        Store(settings.db),
        Analyzer(settings),
        progress=sys.stderr.isatty(),
    )
    _err.print(
        f"added {summary.added}, already stored {summary.existing}, failed {summary.failed}",
        highlight=False,
    )
    sys.exit(1 if summary.failed else 0)


@main.command("articles")
@db_option
@click.option("--outlet", default=None, help="Only articles from this outlet.")
@click.option("--limit", type=click.IntRange(1, 10000), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def articles_cli(db: str | None, outlet: str | None, limit: int, offset: int, as_json: bool) -> None:
    """List stored articles."""
    rows = Store(Settings.from_env(db=db).db).articles(limit=limit, offset=offset, outlet=outlet)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
    else:
        print_articles(_console(), rows)


@main.command("actors")
@db_option
@click.option("--kind", type=click.Choice(ACTOR_KINDS), default=None, help="Only actors of this kind.")
@click.option("--limit", type=click.IntRange(1, 10000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def actors_cli(db: str | None, kind: str | None, limit: int, as_json: bool) -> None:
    """List actors across stored articles, most reported first."""
    rows = Store(Settings.from_env(db=db).db).actors(limit=limit, kind=kind)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
    else:
        print_actors(_console(), rows)


@main.command("show")
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the ArticleReport as JSON.")
def show_cli(article_id: str, db: str | None, as_json: bool) -> None:
    """Show one stored article's report."""
    report = Store(Settings.from_env(db=db).db).get(article_id)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print_report(_console(), report)


@main.command("failures")
@db_option
def failures_cli(db: str | None) -> None:
    """List inputs that failed, with their error codes."""
    print_failures(_console(), Store(Settings.from_env(db=db).db).failures())


@main.group("evaluate")
def evaluate_cli() -> None:
    """Measure accuracy on gold data (see ../shared/eval)."""


def _with_meta(items: Iterable[Article | Failure], **meta: str | None) -> Iterable[Article | Failure]:
    """Fills metadata the articles lack from command-line options."""
    fill = {k: v for k, v in meta.items() if v is not None}
    for item in items:
        if isinstance(item, Article) and fill:
            missing = {k: v for k, v in fill.items() if getattr(item, k) is None}
            yield item.with_meta(**missing) if missing else item
        else:
            yield item


def _report_failure(failure: Failure) -> None:
    print_failures(_err, [failure])
