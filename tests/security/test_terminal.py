"""Terminal escapes and rich markup in stored text never reach the operator's terminal: every
CLI listing shows control characters as visible escapes and markup as the brackets it is, and
JSON output escapes what a terminal would act on while it decodes to the stored text."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.link import link_report
from sitrep.model import Failure
from sitrep.store import Store

from ..api.reports import make_report

WINDOW_TITLE = "\x1b]0;OWNED\x1b\\"
HYPERLINK = "\x1b]8;;http://evil.example\x1b\\click here\x1b]8;;\x1b\\"
MARKUP = "[link=http://evil.example]docs[/link] [/bold]"
TITLE = f"Convoy {WINDOW_TITLE} {HYPERLINK} \x1b[31mred \x9b2J \u202eevil {MARKUP}"
OUTLET = "Wire\x1b[5m\x07"
TEXT = (
    f"Title: {TITLE}\nOutlet: {OUTLET}\nDate: 2024-03-04\n\n"
    "Hamas said \x1b[2Jfighters attacked a convoy near Gaza on Monday. "
    "The army said \x9b31mthe convoy carried aid."
)
#: Characters a terminal acts on: ESC, BEL, the C1 CSI, and a bidi override that reorders text.
ACTIVE = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture()
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'terminal.db'}") as store:
        report = make_report(TEXT)
        store.add(report)
        link_report(store, report)
        store.add_failure(Failure("E009", f"Record {TITLE} is malformed", path=f"in{TITLE}.jsonl"))
        yield store


def run(*args: str) -> str:
    # Wide enough that no table wraps a value across lines.
    result = CliRunner(env={"COLUMNS": "500"}).invoke(main, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def test_every_listing_shows_escapes_instead_of_sending_them(store):
    article = store.articles()[0].id
    stories = run("stories", "--db", store.url)
    story = json.loads(run("stories", "--db", store.url, "--json"))["stories"][0]["id"]
    outputs = {
        "articles": run("articles", "--db", store.url),
        "show": run("show", article, "--db", store.url),
        "stories": stories,
        "story": run("story", story, "--db", store.url),
        "actors": run("actors", "--db", store.url),
        "failures": run("failures", "--db", store.url),
    }
    for command, output in outputs.items():
        for char in ACTIVE:
            assert char not in output, (command, char)
    for command in ("articles", "show", "stories", "story", "failures"):
        output = outputs[command]
        assert "\\x1b]0;OWNED\\x1b\\ " in output, command
        assert r"\x1b]8;;http://evil.example\x1b\click here" in output, command
        assert r"\x9b2J \u202eevil" in output, command
        assert MARKUP in output, command
    assert r"Wire\x1b[5m\x07" in outputs["articles"]
    assert r"\x1b[2Jfighters attacked" in outputs["show"]
    assert r"\x9b31mthe convoy carried aid" in outputs["story"]


def test_json_output_escapes_terminal_controls_and_keeps_the_text(store):
    article = store.articles()[0].id
    listing = run("articles", "--json", "--db", store.url)
    shown = run("show", article, "--json", "--db", store.url)
    stories = run("stories", "--json", "--db", store.url)
    for output in (listing, shown, stories):
        for char in ACTIVE:
            assert char not in output, char
    row = json.loads(listing)
    assert (row["title"], row["outlet"]) == (TITLE, OUTLET)
    assert json.loads(shown)["article"]["title"] == TITLE
    assert json.loads(stories)["stories"][0]["title"] == TITLE


def test_an_error_message_with_markup_is_printed_as_written(store):
    result = CliRunner().invoke(main, ["show", "[/bold] \x1b]0;OWNED\x07", "--db", store.url])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "E030" in result.stderr and r"[/bold] \x1b]0;OWNED\x07" in result.stderr
