"""SQL injection through the filters tests/api/test_security.py does not cover (stories,
claims, the dashboard's sort, story ids) and through the CLI's filters, on SQLite and
PostgreSQL: never a 500, nothing matched, every table intact."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, Table, func, inspect, select

from sitrep.cli import main
from sitrep.link import link_report
from sitrep.store import Store

from ..api.conftest import client_for
from ..api.reports import corpus_reports
from ..api.test_security import INJECTIONS

#: (path, parameter) for the story and claim filters
FILTERS = [
    ("/api/stories", "actor"),
    ("/api/stories", "place"),
    ("/api/stories", "q"),
    ("/api/claims", "actor"),
]
#: parameters typed as a closed set of choices: an injection is refused, never run
CHOICES = [
    ("/api/stories", "sort"),
    ("/api/claims", "status"),
    ("/api/actors", "kind"),
    ("/", "sort"),
]


@pytest.fixture()
def backend(store_url, blank_analyzer):
    with Store(store_url) as store:
        for report in corpus_reports():
            store.add(report)
            link_report(store, report)
        yield store, client_for(store, blank_analyzer)


def snapshot(store: Store) -> dict[str, int]:
    """Every table with its row count."""
    with store.engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        return {
            name: conn.execute(select(func.count()).select_from(_table(store, name))).scalar_one()
            for name in sorted(tables)
        }


def _table(store: Store, name: str) -> Table:
    return Table(name, MetaData(), autoload_with=store.engine)


def test_story_and_claim_filters_match_nothing_and_change_nothing(backend):
    store, client = backend
    before = snapshot(store)
    assert before["stories"] > 0 and before["story_claims"] > 0
    for path, param in FILTERS:
        for value in INJECTIONS:
            response = client.get(path, params={param: value})
            where = f"{path}?{param}={value!r}"
            if "\x00" in value:
                assert response.status_code == 422, where
                continue
            assert response.status_code == 200, f"{where}: {response.text[:300]}"
            assert response.json()["items"] == [], where
    for path, param in CHOICES:
        for value in INJECTIONS:
            response = client.get(path, params={param: value})
            assert 400 <= response.status_code < 500, (path, param, value, response.status_code)
    for template in ("/api/stories/{}", "/stories/{}"):
        for value in INJECTIONS:
            response = client.get(template.format(quote(value, safe="")))
            assert response.status_code in (404, 422), (template, value, response.status_code)
    assert snapshot(store) == before


def test_cli_filters_and_ids_are_parameters(backend):
    store, _ = backend
    before = snapshot(store)
    runner = CliRunner()
    for value in INJECTIONS:
        if "\x00" in value:
            continue  # an argument vector cannot carry NUL
        listed = runner.invoke(main, ["articles", "--db", store.url, "--outlet", value, "--json"])
        assert listed.exit_code == 0 and listed.stdout == "", (value, listed.output)
        shown = runner.invoke(main, ["show", value, "--db", store.url])
        assert shown.exit_code != 0 and "E030" in shown.output, (value, shown.output)
    assert snapshot(store) == before
