"""`sitrep load` without Spark: a batch output written by hand (the columns `sitrep batch`
writes) goes into the store with every article already in its story."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from sitrep.batch.executor import FAILURE_COLUMNS, REPORT_COLUMNS
from sitrep.cli import main
from sitrep.link import list_stories
from sitrep.store import Store

from ..link.builders import ELECTION, FLOOD, FLOOD_FOLLOWUP, make_report


def write_batch_output(directory, reports) -> None:
    rows = [
        {
            "id": r.article.id,
            "path": r.article.path,
            "title": r.article.title,
            "outlet": r.article.outlet,
            "url": r.article.url,
            "published": r.article.published,
            "report": json.dumps(r.to_dict(), ensure_ascii=False),
        }
        for r in reports
    ]
    for name, columns, data in (
        ("reports", REPORT_COLUMNS, rows),
        ("failures", FAILURE_COLUMNS, []),
    ):
        (directory / name).mkdir(parents=True)
        schema = pa.schema([(column, pa.string()) for column in columns])
        pq.write_table(
            pa.Table.from_pylist(data, schema=schema), directory / name / "part-0.parquet"
        )


def test_loaded_articles_are_in_their_stories_at_once(store_url, tmp_path):
    reports = [make_report(FLOOD), make_report(FLOOD_FOLLOWUP), make_report(ELECTION)]
    write_batch_output(tmp_path / "out", reports)
    result = CliRunner().invoke(main, ["load", str(tmp_path / "out"), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "added 3, already stored 0, failed 0" in result.stderr
    with Store(store_url) as store:
        stories = list_stories(store)
        assert sorted(len(s.articles) for s in stories) == [1, 2]
        assert sorted(s.articles for s in store.story_summaries(limit=None)) == [1, 2]
        with store.links() as links:
            assert links.unlinked() == []
