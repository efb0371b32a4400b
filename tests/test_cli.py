import json
import re

import jsonschema
from click.testing import CliRunner

from sitrep import schema
from sitrep.cli import main

from .conftest import EXAMPLES, ROOT

TABLOID = EXAMPLES / "04_clarion_russian_soldiers_tabloid.txt"
WIRE = EXAMPLES / "01_reuters_mali_captives_video.txt"

SCHEMA = schema.load("article")


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def test_analyze_json_prints_one_valid_report_per_line(tmp_path):
    result = run("analyze", TABLOID, WIRE, "--json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    for line in lines:
        jsonschema.validate(json.loads(line), SCHEMA)
    first = json.loads(lines[0])
    assert first["article"]["outlet"] == "Daily Clarion"
    assert first["article"]["path"] == str(TABLOID)


def test_analyze_readable_report_names_actors():
    result = run("analyze", WIRE)
    assert result.exit_code == 0
    assert "Islamic State" in result.stdout and "Russian Defence Ministry" in result.stdout


def test_analyze_readable_report_shows_precision_and_unplaced_names():
    text = (
        "MOSCOW (Reuters) - Russian jets struck the village of Khirbet Umm Tawil on Tuesday, "
        "the ministry said. Syrian officials did not comment.\n"
    )
    result = run("analyze", "-", input=text)
    assert result.exit_code == 0
    assert "precision" in result.stdout and "Unplaced names" in result.stdout
    assert "Khirbet Umm Tawil" in result.stdout


def test_analyze_readable_report_lists_every_attribution():
    report = json.loads(run("analyze", WIRE, "--json").stdout)
    table = run("analyze", WIRE).stdout.split("Attributions", 1)[1].split("Claims", 1)[0]
    rows = [
        line for line in table.splitlines() if re.search(r"\b(asserts|denies|questions)\b", line)
    ]
    assert len(rows) >= len(report["attributions"]) > 0


def test_analyze_options_fill_metadata_from_stdin():
    result = run(
        "analyze",
        "-",
        "--json",
        "--published",
        "2017-10-03",
        "--outlet",
        "Wire",
        input="Title\nHamas said talks resumed.",
    )
    report = json.loads(result.stdout)
    assert report["article"]["published"] == "2017-10-03" and report["article"]["outlet"] == "Wire"


def test_bad_published_date_is_a_usage_error_with_code():
    result = run("analyze", WIRE, "--published", "last Tuesday-ish")
    assert result.exit_code == 1
    assert "E020" in result.stderr and "2017-10-03" in result.stderr


def test_ingest_is_idempotent_and_records_failures(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    corpus = tmp_path / "in"
    corpus.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt"))[:3]:
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "zz_binary.txt").write_bytes(b"\x00" * 64)
    first = run("ingest", corpus, "--db", db)
    assert first.exit_code == 1  # one input failed, the rest went in
    assert "added 3, already stored 0, failed 1" in first.stderr
    second = run("ingest", corpus, "--db", db)
    assert "added 0, already stored 3, failed 1" in second.stderr
    listing = run("articles", "--db", db, "--json")
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    assert len(rows) == 3 and len({r["id"] for r in rows}) == 3
    failures = run("failures", "--db", db)
    assert failures.stdout.count("E002") == 1
    shown = run("show", rows[0]["id"], "--db", db, "--json")
    assert json.loads(shown.stdout)["article"]["id"] == rows[0]["id"]
    actors = run("actors", "--db", db, "--json")
    assert any(json.loads(line)["name"] == "Islamic State" for line in actors.stdout.splitlines())


def test_show_unknown_id_says_how_to_list(tmp_path):
    result = run("show", "nope", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1 and "E030" in result.stderr and "sitrep articles" in result.stderr


def test_every_command_and_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = set(main.commands)
    for name, command in main.commands.items():
        commands |= {f"{name} {sub}" for sub in getattr(command, "commands", {})}
    for command in commands:
        assert f"sitrep {command}" in readme, f"README does not document `sitrep {command}`"
    from dataclasses import fields

    from sitrep.settings import Settings

    for field in fields(Settings):
        assert f"SITREP_{field.name.upper()}" in readme, field.name


def test_help_everywhere():
    for name in main.commands:
        result = run(name, "--help")
        assert result.exit_code == 0 and re.search(r"Usage: .*" + name, result.output)
