"""A story's events: competing casualty figures across outlets kept side by side, and ACLED's
fatalities the most conservative of them (articles and rows written for these tests)."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
from click.testing import CliRunner

from sitrep import schema
from sitrep.cli import main
from sitrep.link.events import fatalities_by_event, story_events
from sitrep.model import Casualty, Event, Span

LEDGER = """URL: https://example.org/kalvar-market-1
OUTLET: Northern Ledger
DATE: 2025-03-14

Car bomb kills market traders in Kalvar

A car bomb exploded in the crowded central market of Kalvar on Thursday morning, killing at \
least 12 people and wounding 30 others, police said. The blast destroyed dozens of stalls near \
the old mosque. Police said the bomb had been hidden in a parked van. No group has claimed the \
attack on the Kalvar market.
"""
COURIER = """URL: https://example.net/news/kalvar-bombing
OUTLET: Evening Courier
DATE: 2025-03-14

Death toll rises after Kalvar market bombing

A car bomb exploded in the central market of Kalvar on Thursday, killing 27 people, hospital \
officials said. Witnesses described the blast at the Kalvar market as the deadliest in years. \
The car bomb went off as traders were opening their stalls near the old mosque. No group has \
claimed the bombing in Kalvar.
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_outlets_competing_figures_stand_side_by_side_and_acled_takes_the_lowest(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ledger.txt").write_text(LEDGER, "utf-8")
    (folder / "courier.txt").write_text(COURIER, "utf-8")
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert run("ingest", folder, "--db", db).exit_code == 0
    data = json.loads(run("stories", "--db", db, "--json").stdout)
    jsonschema.validate(data, schema.load("stories"))
    [story] = data["stories"]
    [event] = story["events"]
    assert (event["type"], event["mode"], event["day"]) == ("ASSAULT", "explosives", "2025-03-13")
    killed = {
        (c["outlet"], c["source"], c["words"], c["low"])
        for c in event["casualties"]
        if c["kind"] == "killed"
    }
    assert killed == {
        ("Northern Ledger", "police", "at least 12", 12),
        ("Evening Courier", "hospital officials", "27", 27),
    }
    assert event["competing"] == ["killed"]
    assert event["fatalities"] == 12
    # Each figure points at its own words in its own article.
    texts = {
        a["id"]: (LEDGER if a["outlet"] == "Northern Ledger" else COURIER)
        for a in story["articles"]
    }
    for figure in event["casualties"]:
        span = figure["span"]
        body = texts[figure["article"]].split("\n\n", 1)[1]
        assert figure["words"] in body
        assert span["end"] - span["start"] == len(figure["words"])

    exported = run("export", "--format", "acled", "--db", db).stdout
    rows = list(csv.DictReader(io.StringIO(exported)))
    members = {f"{m['article']}-{m['event']}" for m in event["members"]}
    bombing = [r for r in rows if r["event_id_cnty"] in members]
    assert {r["source"]: r["fatalities"] for r in bombing} == {
        "Northern Ledger": "12",
        "Evening Courier": "12",  # its own figure is 27: ACLED counts the most conservative
    }


def _row(article, event_id, casualties, place="p_kalvar", day="2025-03-13", recipient=None):
    event = Event(
        id=event_id,
        type="ASSAULT",
        trigger=Span(0, 8, "exploded"),
        evidence=Span(0, 8, "exploded"),
        mode="explosives",
        recipient=recipient,
        casualties=tuple(
            Casualty(kind, low, high, words, Span(10, 10 + len(words), words), source)
            for kind, low, high, words, source in casualties
        ),
    )
    return {
        "story_id": "s1",
        "article_id": article,
        "outlet": f"Outlet {article}",
        "type": "ASSAULT",
        "place_id": place,
        "day": day,
        "record": json.dumps(event.to_dict()),
    }


def test_a_happening_groups_only_events_that_do_not_conflict():
    rows = [
        _row("a", "e1", [("killed", 30, None, "at least 30", "the army")]),
        _row("b", "e1", [("killed", None, 50, "up to 50", None)], place=None),
        # Another day, another place, another article's second event: other happenings.
        _row("c", "e1", [("killed", 4, 4, "four", None)], day="2025-03-01"),
        _row("c", "e2", [("wounded", 9, 9, "nine", None)], place="p_dovra"),
        _row("b", "e2", [("captured", 2, 2, "two", None)], day=None, recipient="rus_military"),
        _row("a", "e2", [], place=None),  # no figure: nothing to compete on
    ]
    events = story_events(rows)["s1"]
    assert [e.members for e in events] == [
        (("a", "e1"), ("b", "e1")),
        (("c", "e1"), ("b", "e2")),
        (("c", "e2"),),
    ]
    first = events[0]
    assert [f.casualty.words for f in first.figures] == ["at least 30", "up to 50"]
    assert first.competing == ["killed"]
    # "up to 50" gives no lower bound: ACLED's count is the army's "at least 30".
    assert first.fatalities == 30
    assert events[2].fatalities is None
    assert fatalities_by_event({"s1": events}) == {
        ("a", "e1"): 30,
        ("b", "e1"): 30,
        ("c", "e1"): 4,
        ("b", "e2"): 4,
    }
