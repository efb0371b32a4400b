"""The commands beside `sitrep watch`: `sitrep watchlist add/list/remove` and `sitrep alerts`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sitrep.cli import main
from sitrep.store import Store


def run(*args: str):
    # Wide enough that no table wraps a value across lines.
    return CliRunner(env={"COLUMNS": "500"}).invoke(main, list(args))


def test_the_watchlist_holds_each_name_once_whatever_its_case(tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    added = run("watchlist", "add", "actor", "  Islamic   State ", "--db", db)
    assert added.exit_code == 0 and "watching actor Islamic State" in added.stderr
    again = run("watchlist", "add", "actor", "islamic state", "--db", db)
    assert again.exit_code == 0 and "already watching actor Islamic State" in again.stderr
    assert run("watchlist", "add", "place", "Kidal", "--db", db).exit_code == 0
    listed = run("watchlist", "list", "--json", "--db", db)
    entries = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(e["kind"], e["name"]) for e in entries] == [
        ("actor", "Islamic State"),
        ("place", "Kidal"),
    ]
    assert "Kidal" in run("watchlist", "list", "--db", db).stdout
    removed = run("watchlist", "remove", "actor", "ISLAMIC STATE", "--db", db)
    assert removed.exit_code == 0 and "removed actor" in removed.stderr
    missing = run("watchlist", "remove", "actor", "Islamic State", "--db", db)
    assert missing.exit_code == 1 and "not watched" in missing.stderr
    wrong = run("watchlist", "add", "outlet", "Reuters", "--db", db)
    assert wrong.exit_code == 2 and "'actor', 'place'" in wrong.stderr
    blank = run("watchlist", "add", "place", "  ", "--db", db)
    assert blank.exit_code == 2


def test_alerts_are_listed_newest_first_and_hostile_titles_print_as_text(tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    with Store(db) as store, store.watching() as watching:
        watching.add_alert("story:s-1", "story", "New story: Floods in Gao", story_id="s-1")
        watching.add_alert("story:s-2", "story", "New story: \x1b]0;owned\x07[red]x[/red]")
        watching.add_alert("status:s-1-c1", "status", "Claim now disputed (was single source): x")
    listed = run("alerts", "--json", "--db", db)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["seq"] for r in rows] == [3, 2, 1] and rows[2]["story_id"] == "s-1"
    stories = run("alerts", "--kind", "story", "--json", "--db", db)
    assert [json.loads(line)["seq"] for line in stories.stdout.splitlines()] == [2, 1]
    readable = run("alerts", "--db", db)
    assert readable.exit_code == 0 and "Floods in Gao" in readable.stdout
    assert "\x1b" not in readable.stdout and "\\x1b]0;owned" in readable.stdout
    assert "[red]x[/red]" in readable.stdout
