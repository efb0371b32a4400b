"""Jobs over many articles: analyze a stream and write it to the store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sitrep.analyzer import Analyzer
from sitrep.model import Article, Failure
from sitrep.store import Store


@dataclass
class IngestSummary:
    added: int = 0
    existing: int = 0
    failed: int = 0


def ingest(
    items: Iterable[Article | Failure], store: Store, analyzer: Analyzer, progress: bool = False
) -> IngestSummary:
    """Analyzes articles not yet stored and stores each report in its own transaction, so an
    interrupted run keeps what it finished and a rerun completes it. Failures are recorded."""
    summary = IngestSummary()

    def fresh() -> Iterable[Article | Failure]:
        for item in items:
            if isinstance(item, Article) and store.has(item.id):
                summary.existing += 1
                continue
            yield item

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        disable=not progress,
        transient=True,
    ) as bar:
        task = bar.add_task("analyzing", total=None)
        for result in analyzer.analyze_many(fresh()):
            if isinstance(result, Failure):
                store.add_failure(result)
                summary.failed += 1
            elif store.add(result):
                summary.added += 1
            else:
                summary.existing += 1
            bar.update(task, advance=1, description=f"analyzed {summary.added + summary.failed}")
    return summary
