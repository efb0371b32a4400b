"""Times: each class of temporal expression against a fixed publication date, the no-anchor
case, and the publication date reaching the component end to end (option and header)."""

from __future__ import annotations

import json

import pytest
import spacy
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.ingest.meta import make_article
from sitrep.ingest.text import parse_text
from sitrep.nlp.doc import new_doc_state, records, register_extensions
from sitrep.nlp.pipeline import COMPONENTS
from sitrep.nlp.times import TimeTagger, anchor_date, load_time_words

ANCHOR = "2017-10-03"  # a Tuesday


@pytest.fixture(scope="module")
def times(nlp):
    """Runs the real parse (with the paragraph breaks set before it), then sitrep_times;
    returns (text, value) pairs."""
    tagger = TimeTagger(load_time_words())

    def run(text: str, published: str | None = ANCHOR) -> list[tuple[str, str]]:
        article = make_article(text, published=published)
        doc = nlp.make_doc(article.body)
        new_doc_state(doc, article)
        for name, component in nlp.pipeline:
            if name in COMPONENTS:
                break
            doc = component(doc)
        return [(t.span.text, t.value) for t in records(tagger(doc), "times")]

    return run


CASES = [
    ("The video, released today, shows two men.", [("today", "2017-10-03")]),
    ("The men were captured yesterday.", [("yesterday", "2017-10-02")]),
    ("The ministry will respond tomorrow.", [("tomorrow", "2017-10-04")]),
    ("The video was released on Sunday.", [("Sunday", "2017-10-01")]),
    ("Talks will resume on Thursday.", [("Thursday", "2017-10-05")]),
    (
        "It was dated October 3, though nobody knows when it was made.",
        [("October 3", "2017-10-03")],
    ),
    ("The siege ended on Sept. 5, 2017.", [("Sept. 5, 2017", "2017-09-05")]),
    ("Amaq said late last month that two men were captured.", [("late last month", "2017-09")]),
    ("The army reached the city in August.", [("August", "2017-08")]),
    ("Fighting intensified last week.", [("last week", "2017-W39")]),
    ("Aid deliveries doubled this week.", [("this week", "2017-W40")]),
    ("The vote is planned for next month.", [("next month", "2017-11")]),
    ("The group lost ground in 2017.", [("2017", "2017")]),
    ("The siege had lasted three years.", [("three years", "P3Y")]),
    ("Shelling went on for the past two days.", [("the past two days", "P2D")]),
    ("The town fell two weeks ago.", [("two weeks ago", "2017-09-19")]),
    ("Elections are due next year.", [("next year", "2018")]),
    ("Refugees have returned in recent years.", [("recent years", "PAST_REF")]),
    ("The border is now closed.", [("now", "PRESENT_REF")]),
    ("The blast happened at 5 p.m. on the main road.", [("5 p.m.", "2017-10-03T17:00")]),
    ("The convoy was attacked this morning.", [("this morning", "2017-10-03TMO")]),
    (
        "The curfew begins at 6 p.m. EST, Oct. 9, officials said.",
        [("6 p.m. EST, Oct. 9", "2017-10-09T18:00")],
    ),
    # reported speech in the past tense names dates ahead of the publication date
    (
        "The ministry said the payment, due Dec. 1, was approved.",
        [("Dec. 1", "2017-12-01")],
    ),
    ("The ministry said the crossing closed on Feb. 12.", [("Feb. 12", "2017-02-12")]),
    ("Fighting flared in the 1990s.", [("the 1990s", "199")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][0][0] for c in CASES])
def test_expression_values_against_the_publication_date(times, text, expected):
    assert times(text) == expected


@pytest.mark.slow
def test_quarters_and_a_year_earlier_follow_the_reference(times):
    found = times(
        "Profit rose in the third quarter. A year earlier, the company lost money.",
        published="1989-10-26",
    )
    assert found == [("the third quarter", "1989-Q3"), ("A year earlier", "1988-Q3")]


@pytest.mark.slow
def test_without_a_publication_date_the_year_is_never_invented(times):
    found = times(
        "It was dated October 3. Amaq said last month the men were captured yesterday, "
        "on Tuesday. The siege lasted three years and ended in 2015.",
        published=None,
    )
    assert found == [
        ("October 3", "XXXX-10-03"),
        ("last month", "XXXX-XX"),
        ("yesterday", "XXXX-XX-XX"),
        ("Tuesday", "XXXX-WXX-2"),
        ("three years", "P3Y"),
        ("2015", "2015"),
    ]


@pytest.mark.slow
def test_may_and_march_as_words_are_not_months(times):
    assert times("He may march on the capital.") == []
    assert times("The offensive began in March.") == [("March", "2017-03")]


@pytest.mark.slow
def test_capitals_and_non_ascii_letters(times):
    # Patterns run on an ASCII-lower-cased copy of the text: an upper-case expression is still
    # found, a letter that copy leaves alone ("İ") shifts no span, and a month's or weekday's
    # capital is still read from the text as written.
    assert times("Talks in İstanbul ended LAST MONTH after THREE DAYS.") == [
        ("LAST MONTH", "2017-09"),
        ("THREE DAYS", "P3D"),
    ]
    assert times("Talks in İstanbul resumed on friday, and again on Friday, October 6.") == [
        ("Friday, October 6", "2017-10-06")
    ]


@pytest.mark.slow
def test_ages_rates_and_ordinals_are_not_durations(times):
    assert times("The 52-year-old driver earns $5 a week.") == []
    assert times("He was taken prisoner with a second man.") == []


def test_anchor_date_reads_iso_dates_and_datetimes():
    assert str(anchor_date("2017-10-03")) == "2017-10-03"
    assert str(anchor_date("2017-10-03T14:00:00Z")) == "2017-10-03"
    assert anchor_date(None) is None
    assert anchor_date("October 2017") is None


@pytest.mark.slow
def test_ids_are_deterministic_and_spans_index_the_text(analyzer):
    text = "The video, released today, said the men were captured late last month."
    report = analyzer.analyze(make_article(text, published=ANCHOR))
    assert [t.id for t in report.times] == ["t1", "t2"]
    for time in report.times:
        assert text[time.span.start : time.span.end] == time.span.text


@pytest.mark.slow
def test_date_header_sets_the_anchor(analyzer):
    article = parse_text("Date: 2017-10-03\n\nThe video, released today, shows two men.")
    report = analyzer.analyze(article)
    assert [(t.span.text, t.value) for t in report.times] == [("today", "2017-10-03")]
    assert article.text[report.times[0].span.start : report.times[0].span.end] == "today"


@pytest.mark.slow
def test_published_option_sets_the_anchor(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("The video, released today, was dated October 3.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", "--json", "--published", ANCHOR, str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.splitlines()[0])
    assert [(t["span"]["text"], t["value"]) for t in report["times"]] == [
        ("today", "2017-10-03"),
        ("October 3", "2017-10-03"),
    ]


def test_candidate_expressions_start_on_a_word():
    # " half" once matched with its leading space (and could hide the expression after it)
    register_extensions()
    tagger = TimeTagger(load_time_words())
    doc = spacy.blank("en").make_doc("Crews left with half a tank and cut the ration in half.")
    new_doc_state(doc, None)
    # each candidate starts on the word, never on the space before it
    assert [(m.start, doc.text[m.start : m.end]) for m in tagger.patterns.matches(doc.text)] == [
        (16, "half"),
        (50, "half"),
    ]


def test_the_one_pass_scan_finds_every_start_of_every_pattern():
    # TimePatterns.matches tries each pattern only where the combined scan found some pattern to match:
    # exact only if no pattern can match anywhere else.
    patterns = TimeTagger(load_time_words()).patterns
    text = (
        "On Tuesday, October 3, 2017, at 9:30 a.m. EST, officials said that for the past three "
        "years, and again last week, the third quarter of 2016 and the late 1990s, every Monday "
        "morning since the spring of 2015, two weeks ago, yesterday evening, tonight and in "
        "nineteen ninety-nine the year-earlier period had seen 4-5 per cent rises over the year."
    ).lower()
    starts = {m.start() for m in patterns.starts.finditer(text)}
    found = [(k, m.start()) for k, p in patterns.items for m in p.finditer(text)]
    assert len({k for k, _ in found}) >= 15  # the text exercises most patterns
    assert {start for _, start in found} <= starts
