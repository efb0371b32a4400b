"""The report's attributions and hedges, on invented sentences run through the real pipeline:
every attribution the component finds is in the report, as the same record in its claims."""

from __future__ import annotations

import pytest

from sitrep.nlp.attribution import attribution_frames, load_calibration
from sitrep.nlp.report import report_of

from ..analyzed import analyzed


def report(nlp, text, outlet=None):
    doc = analyzed(nlp, text, outlet=outlet)
    return doc, report_of(doc)


def only(report, cue):
    found = [a for a in report.attributions if a.cue.text == cue]
    assert len(found) == 1, [(a.source_text, a.cue.text) for a in report.attributions]
    return found[0]


def test_every_attribution_reaches_the_report_in_text_order(nlp):
    doc, got = report(
        nlp,
        "The harbour master said the pier was closed. Fishermen believe the storm will pass. "
        "The council announced a new timetable.",
    )
    frames = attribution_frames(doc)
    assert len(got.attributions) == len(frames) >= 3
    assert [a.id for a in got.attributions] == [f"a{i}" for i in range(1, len(frames) + 1)]
    assert [a.cue.start for a in got.attributions] == sorted(a.cue.start for a in got.attributions)
    said, believe = only(got, "said"), only(got, "believe")
    assert (said.source_text, said.source_span.text, said.kind) == (
        "The harbour master",
        "The harbour master",
        "speech",
    )
    assert believe.kind == "belief" and believe.rule == "cues.verb"
    assert said.content.text == "the pier was closed"
    assert said.content_pieces == (said.content,)


def test_claims_hold_the_same_records_as_the_report(nlp):
    _, got = report(nlp, "The mayor said the bridge was closed.", outlet="Daily Courier")
    by_id = {a.id: a for a in got.attributions}
    claimed = [a for claim in got.claims for a in claim.attributions]
    assert claimed and all(by_id[a.id] == a for a in claimed)
    # The outlet that published the article is the last relay of every attribution.
    assert by_id["a1"].via[-1].source_text == "Daily Courier"


def test_a_nested_report_is_within_the_one_that_relays_it(nlp):
    _, got = report(
        nlp, "The ministry denied that the convoy was attacked, according to the news agency."
    )
    denied, according = only(got, "denied"), only(got, "according to")
    assert denied.within == according.id and according.within is None
    assert according.relay and not denied.relay
    assert [v.source_text for v in denied.via] == ["the news agency"]


def test_a_denial_denies(nlp):
    _, got = report(nlp, "The army denied that its jets struck the market.")
    assert only(got, "denied").stance == "denies"


@pytest.mark.parametrize(
    "text",
    [
        "Evidence suggests that the dam was sabotaged.",
        "This shows that the ceasefire is holding.",
    ],
)
def test_a_source_that_names_no_one_takes_a_report_of_no_speech_with_it(nlp, text):
    _, got = report(nlp, text)
    assert got.attributions == ()


def test_speech_stays_without_a_source_that_names_no_one(nlp):
    _, got = report(nlp, "That said, the talks will resume on Monday.")
    said = only(got, "said")
    assert (said.source, said.source_text, said.source_span, said.source_kind) == (
        None,
        "",
        None,
        None,
    )


def test_confidence_is_the_calibrated_precision_of_the_rule(nlp):
    _, got = report(
        nlp,
        "The mayor said the bridge was closed, according to the local radio.\n"
        "CHIEF ENGINEER: The pier will hold.",
    )
    calibration = load_calibration()
    assert {a.rule.partition(".")[0] for a in got.attributions} >= {"cues", "according"}
    for attribution in got.attributions:
        assert 0.0 <= attribution.confidence <= 1.0
        assert attribution.confidence == calibration.confidence(attribution.rule)


def test_hedges_are_listed_and_qualify_their_attributions(nlp):
    _, got = report(
        nlp,
        "The rebels reportedly seized the airport. Officials said more fighters may arrive.",
    )
    assert [(h.category, h.span.text) for h in got.hedges] == [
        ("reportative", "reportedly"),
        ("modal", "may"),
    ]
    # "may" lies in what the officials said; "reportedly" qualifies no attribution.
    assert [h.text for h in only(got, "said").hedges] == ["may"]


def test_a_check_that_failed_is_the_verification_of_the_report_it_checks(nlp):
    _, got = report(
        nlp,
        "The group said its fighters shot down a drone. "
        "The claim could not be independently verified.",
    )
    said = only(got, "said")
    assert [v.status for v in said.verification] == ["unverified"]
