"""The ``sitrep`` command: thin commands over the library. Exit status 0 when everything
succeeded, 1 when any input failed (the rest was still processed), 2 for usage errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sitrep.analyzer import Analyzer
from sitrep.batch.command import batch_cli
from sitrep.batch.load import load
from sitrep.console import (
    print_actors,
    print_alerts,
    print_articles,
    print_failures,
    print_report,
    print_stories,
    print_story,
    print_watchlist,
    printable,
    to_json,
)
from sitrep.errors import SitrepError
from sitrep.evaluate.attribution import evaluate_attribution
from sitrep.evaluate.claims import evaluate_claims
from sitrep.evaluate.copies import evaluate_copies
from sitrep.evaluate.events import evaluate_event_locations, evaluate_event_typing, evaluate_events
from sitrep.evaluate.geo import evaluate_geo
from sitrep.evaluate.hedging import evaluate_hedging
from sitrep.evaluate.stories import evaluate_clustering, evaluate_stories
from sitrep.evaluate.times import evaluate_times
from sitrep.export import FORMATS as EXPORT_FORMATS
from sitrep.export import export, export_to_path
from sitrep.ingest import read_paths
from sitrep.ingest.meta import normalize_published
from sitrep.jobs import IngestSummary, OnProgress, ingest
from sitrep.link import export_source, get_story, link_pending, list_stories
from sitrep.link.records import stories_to_dict
from sitrep.model import ACTOR_KINDS, Article, Failure
from sitrep.nlp.attribution.learned import MODES as CUE_MODES
from sitrep.nlp.events.learned_roles import MODES as ROLE_MODES
from sitrep.nlp.pipeline import make_nlp
from sitrep.options import format_option, max_bytes_option, report_error
from sitrep.settings import Settings
from sitrep.store import ALERT_KINDS, WATCH_KINDS, Store
from sitrep.store.filters import EVENT_FILTERS, FILTER_HELP, Filters
from sitrep.watch import PollSummary, Watcher, parse_interval
from sitrep.workers import make_analyzer

_err = Console(stderr=True, soft_wrap=True)


def _console() -> Console:
    return Console(soft_wrap=True)


class _Group(click.Group):
    """Turns catalogue errors into one red line and exit status 1, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SitrepError as exc:
            report_error(exc)
            sys.exit(1)


db_option = click.option(
    "--db",
    envvar="SITREP_DB",
    default=None,
    help="Store URL (default sqlite:///sitrep.db; env SITREP_DB).",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep", prog_name="sitrep")
def main() -> None:
    """sitrep: structured, checkable intelligence from conflict and crisis news."""


@main.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--json", "as_json", is_flag=True, help="Print one ArticleReport JSON object per line."
)
@click.option(
    "--published", default=None, help="Publication date (ISO 8601), the anchor for relative times."
)
@click.option("--outlet", default=None, help="Outlet that published the articles.")
@format_option
@max_bytes_option
def analyze_cli(
    paths: tuple[str, ...],
    as_json: bool,
    published: str | None,
    outlet: str | None,
    fmt: str | None,
    max_bytes: int | None,
) -> None:
    """Analyze articles (files, directories, or - for stdin) and print their reports."""
    published = normalize_published(published, strict=True)
    settings = Settings.from_env(max_bytes=max_bytes)
    articles = _with_meta(
        read_paths(paths, settings.max_bytes, fmt), published=published, outlet=outlet
    )
    console = _console()
    failed = 0
    with make_analyzer(settings) as analyzer:
        for item in analyzer.analyze_many(articles):
            if isinstance(item, Failure):
                failed += 1
                _report_failure(item)
            elif as_json:
                click.echo(to_json(item.to_dict()))
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
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes that analyze (each loads the model once; under a time budget even 1 is a "
    "process of its own); this one alone writes.",
)
def ingest_cli(
    paths: tuple[str, ...],
    db: str | None,
    fmt: str | None,
    max_bytes: int | None,
    published: str | None,
    outlet: str | None,
    workers: int,
) -> None:
    """Analyze articles and add them to the store. Re-ingesting an article changes nothing."""
    published = normalize_published(published, strict=True)
    settings = Settings.from_env(db=db, max_bytes=max_bytes)
    with make_analyzer(settings, workers) as analyzer, _progress() as on_progress:
        summary = ingest(
            _with_meta(
                read_paths(paths, settings.max_bytes, fmt), published=published, outlet=outlet
            ),
            Store(settings.db),
            analyzer,
            on_progress=on_progress,
        )
    _err.print(
        f"added {summary.added}, already stored {summary.existing}, failed {summary.failed}",
        highlight=False,
    )
    sys.exit(1 if summary.failed else 0)


main.add_command(batch_cli)


@main.command("load")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
def load_cli(directory: str, db: str | None) -> None:
    """Add the output of `sitrep batch` to the store and link it into stories."""
    with _progress() as on_progress:
        summary = load(directory, Store(Settings.from_env(db=db).db), on_progress=on_progress)
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
def articles_cli(
    db: str | None, outlet: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """List stored articles, newest publication first (undated last)."""
    rows = Store(Settings.from_env(db=db).db).articles(limit, offset, Filters(outlet=outlet))
    if as_json:
        for row in rows:
            click.echo(to_json(row.to_dict()))
    else:
        print_articles(_console(), rows)


@main.command("actors")
@db_option
@click.option(
    "--kind", type=click.Choice(ACTOR_KINDS), default=None, help="Only actors of this kind."
)
@click.option("--limit", type=click.IntRange(1, 10000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def actors_cli(db: str | None, kind: str | None, limit: int, as_json: bool) -> None:
    """List actors across stored articles, most reported first."""
    rows = Store(Settings.from_env(db=db).db).actors(limit=limit, kind=kind)
    if as_json:
        for row in rows:
            click.echo(to_json(row.to_dict()))
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
        click.echo(to_json(report.to_dict()))
    else:
        print_report(_console(), report)


@main.command("failures")
@db_option
def failures_cli(db: str | None) -> None:
    """List inputs that failed, with their error codes."""
    print_failures(_console(), Store(Settings.from_env(db=db).db).failures())


@main.command("stories")
@db_option
@click.option(
    "--json", "as_json", is_flag=True, help="Print every story as JSON (schema sitrep.stories/1)."
)
def stories_cli(db: str | None, as_json: bool) -> None:
    """List stories: articles linked across outlets, with copies and cross-source claims.
    Stored articles not linked yet are linked first."""
    store = Store(Settings.from_env(db=db).db)
    link_pending(store)
    stories = list_stories(store)
    if as_json:
        click.echo(to_json(stories_to_dict(stories)))
    else:
        print_stories(_console(), stories)


@main.command("story")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
def story_cli(story_id: str, db: str | None, as_json: bool) -> None:
    """Show one story: its articles by outlet, its claims with who asserts and who denies."""
    store = Store(Settings.from_env(db=db).db)
    link_pending(store)
    story = get_story(store, story_id)
    if as_json:
        click.echo(to_json(story.to_dict()))
    else:
        print_story(_console(), story)


@main.command("serve")
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (loopback by default).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_cli(db: str | None, host: str, port: int) -> None:
    """Serve the JSON API (/api, spec at /openapi.json) and the dashboard (/) over the store.
    Writes need SITREP_TOKEN; see the README's Workbench section for every setting."""
    # Imported here: the web stack is only needed by this command.
    from sitrep.api.app import serve

    serve(Settings.from_env(db=db), host, port)


@main.command("watch")
@click.argument("sources", metavar="FEED_OR_URL...", nargs=-1, required=True)
@db_option
@max_bytes_option
@click.option(
    "--every",
    default="15m",
    show_default=True,
    help="Time between polls: a number with s, m, h or d.",
)
@click.option("--once", is_flag=True, help="Poll once and exit (for cron and tests).")
def watch_cli(
    sources: tuple[str, ...], db: str | None, max_bytes: int | None, every: str, once: bool
) -> None:
    """Poll RSS/Atom feeds and pages, ingest what is new, and record alerts: new stories,
    claims whose status changes, new claims about watched actors and places (see
    `sitrep watchlist`). Only public addresses are fetched; SITREP_WEBHOOK_URL gets each
    alert as JSON."""
    seconds = parse_interval(every)
    settings = Settings.from_env(db=db, max_bytes=max_bytes)
    with make_analyzer(settings) as analyzer:
        watcher = Watcher(Store(settings.db), analyzer, list(sources), settings)
        if once:
            summary = watcher.poll()
            _print_poll(summary)
            sys.exit(1 if summary.failed_sources else 0)
        watcher.run(seconds, on_poll=_print_poll)


def _print_poll(summary: PollSummary) -> None:
    for error in summary.errors:
        _err.print(f"[red]failed[/red] {printable(error)}", highlight=False)
    _err.print(
        f"polled {summary.sources} ({summary.not_modified} unchanged, {summary.waiting} "
        f"waiting to retry, {summary.failed_sources} failed): added {summary.added}, "
        f"already stored {summary.existing}, failed {summary.failed}; "
        f"alerts {summary.alerts}, delivered {summary.delivered}",
        highlight=False,
    )


@main.command("alerts")
@db_option
@click.option("--kind", type=click.Choice(ALERT_KINDS), default=None, help="Only this kind.")
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def alerts_cli(db: str | None, kind: str | None, limit: int, as_json: bool) -> None:
    """List alerts recorded by `sitrep watch`, newest first."""
    alerts = Store(Settings.from_env(db=db).db).alerts(limit=limit, kind=kind)
    if as_json:
        for alert in alerts:
            click.echo(to_json(alert.to_dict()))
    else:
        print_alerts(_console(), alerts)


@main.group("watchlist")
def watchlist_cli() -> None:
    """Actors and places whose new claims `sitrep watch` alerts on."""


@watchlist_cli.command("add")
@click.argument("kind", type=click.Choice(WATCH_KINDS))
@click.argument("name")
@db_option
def watchlist_add_cli(kind: str, name: str, db: str | None) -> None:
    """Watch an actor or place by name (as `sitrep actors` lists it; case-insensitive)."""
    if not name.strip():
        raise click.BadParameter("give the name of an actor or place", param_hint="NAME")
    with Store(Settings.from_env(db=db).db).watching() as watching:
        entry, new = watching.add_watch(kind, " ".join(name.split()))
    _err.print(
        f"{'watching' if new else 'already watching'} {kind} {printable(entry.name)}",
        highlight=False,
    )


@watchlist_cli.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def watchlist_list_cli(db: str | None, as_json: bool) -> None:
    """List the watched actors and places."""
    entries = Store(Settings.from_env(db=db).db).watchlist()
    if as_json:
        for entry in entries:
            click.echo(to_json(entry.to_dict()))
    else:
        print_watchlist(_console(), entries)


@watchlist_cli.command("remove")
@click.argument("kind", type=click.Choice(WATCH_KINDS))
@click.argument("name")
@db_option
def watchlist_remove_cli(kind: str, name: str, db: str | None) -> None:
    """Stop watching an actor or place; exit status 1 when it was not watched."""
    with Store(Settings.from_env(db=db).db).watching() as watching:
        removed = watching.remove_watch(kind, " ".join(name.split()))
    _err.print(
        f"{'removed' if removed else 'not watched:'} {kind} {printable(name)}", highlight=False
    )
    sys.exit(0 if removed else 1)


@main.group("evaluate")
def evaluate_cli() -> None:
    """Measure accuracy on gold data (see ../shared/eval)."""


@evaluate_cli.command("stories")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def evaluate_stories_cli(directory: Path) -> None:
    """Story B-cubed, copy detection and claim alignment on a stories gold directory
    (articles/NNN.txt + gold.json)."""
    scores = evaluate_stories(directory, Analyzer(Settings.from_env()).analyze_many)
    click.echo(json.dumps(scores.to_dict(), indent=2))


@evaluate_cli.command("clustering")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--per-label",
    type=click.IntRange(min=1),
    default=None,
    help="Only the first N files (by name) of each label: a quicker smoke test.",
)
def evaluate_clustering_cli(directory: Path, per_label: int | None) -> None:
    """Story B-cubed on a directory of .txt articles labelled by file name (WikiRef style)."""
    scores = evaluate_clustering(
        directory, Analyzer(Settings.from_env()).analyze_many, per_label=per_label
    )
    click.echo(json.dumps(scores.to_dict(), indent=2))


@evaluate_cli.command("copies")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the reprints.")
def evaluate_copies_cli(directory: Path, seed: int) -> None:
    """Copy and partial-reuse detection on reprints made from the .txt articles of a
    directory (retitled, trimmed, edited, excerpted); no model is needed."""
    scores = evaluate_copies(directory, seed=seed)
    click.echo(json.dumps(scores.to_dict(), indent=2))


@evaluate_cli.command("events")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--roles",
    type=click.Choice(ROLE_MODES),
    default="combined",
    show_default=True,
    help="How actors and recipients are chosen: the parse rules, the learned role scorer, or "
    "the rules with the scorer where they are unsure.",
)
def evaluate_events_cli(file: Path, roles: str) -> None:
    """PLOVER event type accuracy and source/target actor match on a PLOVER gold standard
    JSON file (PLOVER 0.5 labels are mapped to today's 16 types), with type accuracy of the
    rules alone and of the type model alone beside the combination."""
    settings = Settings.from_env()
    analyzer = Analyzer(
        settings, nlp=make_nlp(settings.model, config={"sitrep_events": {"roles": roles}})
    )
    scores = evaluate_events(file, analyzer.analyze_many)
    rules = Analyzer(
        settings,
        nlp=make_nlp(settings.model, config={"sitrep_events": {"types": None, "roles": roles}}),
    )
    typing = evaluate_event_typing(file, scores, rules.analyze_many, analyzer.nlp)
    click.echo(json.dumps({**scores.to_dict(), "typing": typing.to_dict()}, indent=2))


@evaluate_cli.command("event-location")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def evaluate_event_location_cli(file: Path) -> None:
    """Accuracy of the place chosen as an event's location (or none) on event-geolocation
    JSON lines (VERB and LOCATION spans by token)."""
    scores = evaluate_event_locations(file, Analyzer(Settings.from_env()).analyze_many)
    click.echo(json.dumps(scores.to_dict(), indent=2))


@evaluate_cli.command("geo")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def evaluate_geo_cli(file: Path) -> None:
    """Toponym recognition P/R/F1 and resolution (accuracy at 161 km, exact GeoNames id,
    median error) on an LGL or GeoVirus XML file."""
    scores = evaluate_geo(file, Analyzer(Settings.from_env()).analyze_many)
    click.echo(json.dumps(scores.to_dict(), indent=2))


@evaluate_cli.command("times")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
def evaluate_times_cli(directory: Path) -> None:
    """TIMEX3 span P/R/F1 (overlap and exact) and value accuracy on TimeML files (a
    directory of .tml files or one file), each file's creation time as its publication date."""
    scores = evaluate_times(directory, Analyzer(Settings.from_env()).analyze_many)
    click.echo(json.dumps(scores.to_dict(), indent=2))


@evaluate_cli.command("attribution")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--by-rule",
    is_flag=True,
    help="Also each rule's precision and what removing its attributions costs each role's F1.",
)
@click.option(
    "--cues",
    type=click.Choice(CUE_MODES),
    default="combined",
    show_default=True,
    help="How cue words are found: the rules' lexicon, the learned model, or both.",
)
def evaluate_attribution_cli(directory: Path, by_rule: bool, cues: str) -> None:
    """Source, cue and content P/R/F1 (overlap and exact) of the report's attributions on brat
    attribution files (DIR/text/*.txt + DIR/attributions/*.ann, PolNeAR style), and how far
    the annotators of texts several of them marked agree with each other, scored alike."""
    settings = Settings.from_env()
    nlp = make_nlp(settings.model, config={"sitrep_attribution": {"cues": cues}})
    scores = evaluate_attribution(
        directory, Analyzer(settings, nlp=nlp).analyze_many, by_rule=by_rule
    )
    click.echo(json.dumps(scores.to_dict(), indent=2))


@evaluate_cli.command("hedging")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def evaluate_hedging_cli(file: Path) -> None:
    """Sentence-level uncertain/certain P/R/F1 and hedge cue F1 of the report's hedges on a
    Szeged uncertainty corpus XML file."""
    scores = evaluate_hedging(file, Analyzer(Settings.from_env()).analyze_many)
    click.echo(json.dumps(scores.to_dict(), indent=2))


@evaluate_cli.command("claims")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def evaluate_claims_cli(directory: Path) -> None:
    """Recall of gold (source, stance) pairs and stance accuracy on a stories gold directory
    (articles/NNN.txt + gold.json)."""
    scores = evaluate_claims(directory, Analyzer(Settings.from_env()).analyze_many)
    click.echo(json.dumps(scores.to_dict(), indent=2))


def _event_filter_options(command: Callable) -> Callable:
    """The event filters of sitrep.store.filters as options (``q`` as ``--words``)."""
    for name in reversed(EVENT_FILTERS):
        flag = "--words" if name == "q" else f"--{name}"
        command = click.option(flag, name, default=None, help=f"Only events: {FILTER_HELP[name]}.")(
            command
        )
    return command


@main.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="What to write."
)
@db_option
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="File to write, or - for standard output (the default).",
)
@click.option("--parents", is_flag=True, help="Create the output file's missing folders.")
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Every event, whatever its factuality (by default only those the article asserts "
    "or other outlets corroborate).",
)
@_event_filter_options
def export_cli(
    fmt: str,
    db: str | None,
    output: Path | None,
    parents: bool,
    everything: bool,
    **filters: str | None,
) -> None:
    """Export stored reports: jsonl (reports), csv (events), acled (ACLED-style CSV), gdelt
    (GDELT-style TSV) or geojson (events with a place); the filters keep the events that
    match them, as on the dashboard's events page."""
    chosen = Filters.parse(filters, EVENT_FILTERS)
    if chosen.active() and fmt == "jsonl":
        raise click.UsageError("the filters choose events; jsonl writes whole reports")
    store = Store(Settings.from_env(db=db).db)
    reports, options = export_source(store, chosen)
    options["everything"] = everything
    if output is None or str(output) == "-":
        done = export(reports, fmt, sys.stdout, **options)
    else:
        done = export_to_path(reports, fmt, output, parents=parents, **options)
    line = f"exported {done.written} {'reports' if fmt == 'jsonl' else 'events'}"
    if done.left_out:
        kinds = ", ".join(f"{kind} {n}" for kind, n in done.left_out)
        line += (
            f"; left out {done.left_out_total} the article does not itself assert ({kinds}): "
            "--all includes them"
        )
    _err.print(line, highlight=False)


def _with_meta(
    items: Iterable[Article | Failure], **meta: str | None
) -> Iterable[Article | Failure]:
    """Fills metadata the articles lack from command-line options."""
    fill = {k: v for k, v in meta.items() if v is not None}
    for item in items:
        if isinstance(item, Article) and fill:
            missing = {k: v for k, v in fill.items() if getattr(item, k) is None}
            yield item.with_meta(**missing) if missing else item
        else:
            yield item


@contextmanager
def _progress() -> Iterator[OnProgress | None]:
    """A progress line on standard error while the library stores results, drawn from the
    counts it reports; nothing when standard error is not a terminal."""
    if not _err.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=_err, transient=True) as bar:
        task = bar.add_task("storing", total=None)

        def show(summary: IngestSummary) -> None:
            bar.update(task, advance=1, description=f"done {summary.added + summary.failed}")

        yield show


def _report_failure(failure: Failure) -> None:
    print_failures(_err, [failure])
