"""A JSONL record nested 50,000 deep, through `sitrep ingest` and the upload API: that record is
recorded as E009 and the records around it are stored (tests/ingest/test_nesting.py has
every reader)."""

from __future__ import annotations

from click.testing import CliRunner

from sitrep.cli import main
from sitrep.store import Store

from ..api.conftest import client_for
from .conftest import TOKEN

DEPTH = 50_000
RECORDS = "\n".join(
    (
        '{"text": "Gunmen attacked a supply convoy near Gao on Monday, the army said."}',
        '{"text": "x", "extra": ' + "[" * DEPTH + "]" * DEPTH + "}",
        '{"text": "Rebels shelled the market in Kidal on Tuesday, the governor said."}',
    )
).encode()


def test_ingest_records_the_deep_record_and_stores_the_others(tmp_path):
    source = tmp_path / "deep.jsonl"
    source.write_bytes(RECORDS)
    db = f"sqlite:///{tmp_path / 'deep.db'}"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", db])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1 and "added 2, already stored 0, failed 1" in result.stderr
    with Store(db) as store:
        assert store.count() == 2
        [failure] = store.failures()
    assert failure.code == "E009" and failure.path == f"{source}:2"


def test_an_upload_with_the_deep_record_is_not_a_500(tmp_path, blank_analyzer):
    with Store(f"sqlite:///{tmp_path / 'upload.db'}") as store:
        http = client_for(store, blank_analyzer, token=TOKEN)
        response = http.post(
            "/api/articles",
            files={"file": ("deep.jsonl", RECORDS)},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert response.status_code == 201, response.text
        outcomes = response.json()["articles"]
        assert [o["result"] for o in outcomes] == ["added", "failed", "added"]
        assert outcomes[1]["code"] == "E009"
        assert store.count() == 2
