"""`sitrep stories` and `sitrep story` on the demo corpus, against examples/expected.yaml."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.evaluate.stories import bcubed

from .conftest import EXAMPLES, SHARED

SCHEMA = json.loads((SHARED / "schema" / "stories.schema.json").read_text("utf-8"))
EXPECTED = yaml.safe_load((EXAMPLES.parent / "expected.yaml").read_text("utf-8"))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('stories') / 's.db'}"
    assert run("ingest", EXAMPLES, "--db", db).exit_code == 0
    return db


@pytest.fixture(scope="module")
def stories(demo_db):
    result = run("stories", "--db", demo_db, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    return data["stories"]


def file_of(article):
    return Path(article["path"]).name


def test_stories_json_groups_the_demo_corpus_as_expected(stories):
    predicted = {file_of(a): s["id"] for s in stories for a in s["articles"]}
    gold = {f: name for name, story in EXPECTED["stories"].items() for f in story["articles"]}
    gold |= {f: f for f in EXPECTED["distractors"]}
    assert set(predicted) == set(gold)
    score = bcubed(gold, predicted)
    # every expected story is found whole; the hard negative (same army spokesman, same week,
    # another event) may join story A
    assert score.recall == 1.0 and score.f1 >= 0.9


def test_reprints_point_to_their_wire_original(stories):
    ids = {a["id"]: file_of(a) for s in stories for a in s["articles"]}
    copies = {file_of(a): ids[a["copy_of"]] for s in stories for a in s["articles"] if a["copy_of"]}
    assert copies == EXPECTED["copies"]
    wires = {file_of(a): a["wire"] for s in stories for a in s["articles"] if a["wire"]}
    assert {f: w for f, w in wires.items() if f in EXPECTED["wire_origin"]} == {
        f: w.lower() for f, w in EXPECTED["wire_origin"].items()
    }


def test_story_shows_timeline_and_claims(demo_db, stories):
    [mali] = [s for s in stories if any(file_of(a).startswith("01_") for a in s["articles"])]
    readable = run("story", mali["id"], "--db", demo_db)
    assert readable.exit_code == 0
    for outlet in ("Reuters", "The Meridian Herald", "Daily Clarion"):
        assert outlet in readable.stdout
    assert "copy of" in readable.stdout and "wire: Reuters" in readable.stdout
    as_json = json.loads(run("story", mali["id"], "--db", demo_db, "--json").stdout)
    assert as_json == mali
    statuses = {c["status"] for c in mali["claims"]}
    assert statuses and statuses <= {
        "corroborated",
        "single_source",
        "disputed",
        "denied",
        "unverified",
    }


def test_readable_listing_and_unknown_story(demo_db, stories):
    listing = run("stories", "--db", demo_db)
    assert listing.exit_code == 0
    assert all(s["id"] in listing.stdout for s in stories)
    missing = run("story", "s-0000", "--db", demo_db)
    assert (
        missing.exit_code == 1 and "E032" in missing.stderr and "sitrep stories" in missing.stderr
    )


def test_stories_links_articles_stored_before_linking(tmp_path):
    from sitrep.store import Store

    from .link.builders import FLOOD, FLOOD_FOLLOWUP, make_report

    db = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(db) as store:
        for body in (FLOOD, FLOOD_FOLLOWUP):
            store.add(make_report(body))
    data = json.loads(run("stories", "--db", db, "--json").stdout)
    assert [len(s["articles"]) for s in data["stories"]] == [2]
