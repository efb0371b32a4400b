"""Factuality of events in invented sentences, through the whole pipeline: how the article
carries each event, which attribution and claim carry it, and the row each export writes."""

import csv
import io

import pytest

from sitrep.export import export
from sitrep.ingest.meta import make_article
from sitrep.ingest.text import parse_text

# sentence, PLOVER type, factuality, who denies it, claim status, sources (all as the events
# CSV writes them); only the last sentence's event is exported without --all.
TABLE = [
    ("Government air defences did not shoot down the airliner, the army said.",
     "ASSAULT", "negated", "the army", "denied", "the army (denies)"),
    ("The ministry denied that its troops had shelled the village of Kafr Dara.",
     "ASSAULT", "denied", "The ministry", "denied", "The ministry (denies)"),
    ("The coalition said its airstrike was not responsible for the deaths.",
     "ASSAULT", "denied", "The coalition", "denied", "The coalition (denies)"),
    ("Police are investigating whether the explosion at the fuel depot was caused by a drone.",
     "ASSAULT", "questioned", "", "", ""),
    ("If the rebels attack the airport, the army will respond.",
     "ASSAULT", "hypothetical", "", "", ""),
    ("The militia will attack the port next week.", "THREATEN", "future", "", "", ""),
    ("Police said gunmen killed four farmers near the village on Monday.",
     "ASSAULT", "reported", "", "asserted", "Police (asserts)"),
    ("Gunmen killed four farmers near the village on Monday.", "ASSAULT", "asserted", "", "", ""),
]  # fmt: skip


def csv_rows(report, everything):
    out = io.StringIO()
    done = export([report], "csv", out, everything=everything)
    return done, list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.mark.parametrize(("text", "plover", "factuality", "denier", "status", "sources"), TABLE)
def test_factuality_table(analyzer, text, plover, factuality, denier, status, sources):
    report = analyzer.analyze(make_article(text, published="2024-03-05"))
    event = next(e for e in report.events if e.type == plover)
    assert event.factuality == factuality
    claims = {c.id: c for c in report.claims}
    if sources:
        holder = next(a for a in report.attributions if a.id == event.attribution)
        assert holder.content.start <= event.trigger.start < holder.content.end
        assert event.attribution in {a.id for a in claims[event.claim].attributions}
    else:
        assert (event.attribution, event.claim) == (None, None)
    _, everything = csv_rows(report, everything=True)
    row = next(r for r in everything if r["event_id"] == event.id)
    assert (row["type"], row["factuality"], row["denied_by"]) == (plover, factuality, denier)
    assert (row["claim_status"], row["sources"]) == (status, sources)
    done, default = csv_rows(report, everything=False)
    exported = event.id in {r["event_id"] for r in default}
    assert exported == (factuality == "asserted")
    assert exported or dict(done.left_out)[factuality] >= 1


# -- senses from context -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A month is no march, and a strike ON a target is no workers' strike.
        ("An air strike on a market in the town killed twelve people in March.", {"ASSAULT"}),
        ("Hospital workers went on strike on Monday.", {"PROTEST"}),
        # A video released is not a release of captives; captives released are.
        ("In the short clip, released by the militia on Sunday, three hostages sat in a cell.", set()),
        ("The rebels released three hostages on Sunday.", {"RETREAT"}),
        ("The militia released a video of the hostages on Sunday.", set()),
        # A trigger word that only names a kind of people is no event; the happening is.
        ("Three aid workers are missing after the raid on the camp.", {"ASSAULT"}),
        ("The convoy delivered aid to the camp.", {"AID"}),
    ],
)  # fmt: skip
def test_word_senses_come_from_context(analyzer, text, expected):
    report = analyzer.analyze(make_article(text, published="2024-03-05"))
    assert {e.type for e in report.events} == expected


# -- an invented article with the sample's phenomena -----------------------------------------

ARTICLE = """'Nigerian soldiers' held by Boko Haram shown bound and bloodied in new video
Boko Haram has released footage of what appear to be three Nigerian soldiers, bound and \
bloodied, after they were captured near Maiduguri.
In the two-minute clip, released on the group's Telegram channel, three men sat on the floor \
of a dark room.
The footage could not be independently verified.
A spokesman for the group said late last month that its fighters had captured three Nigerian \
soldiers during a raid on a base outside Maiduguri.
The Nigerian army denied that any of its soldiers had been captured.
"""


def test_a_capture_known_only_through_a_disputed_claim_is_not_exported_as_fact(analyzer):
    report = analyzer.analyze(parse_text(ARTICLE, published="2024-06-04"))
    capture = next(e for e in report.events if (e.type, e.mode) == ("ASSAULT", "abduct"))
    assert (capture.actor, capture.recipient) == ("boko_haram", "nga_military")
    assert next(p for p in report.places if p.id == capture.place).name == "Maiduguri"
    when = next(t for t in report.times if t.id == capture.time)
    assert (when.span.text, when.value) == ("late last month", "2024-05")
    claim = next(c for c in report.claims if c.id == capture.claim)
    assert claim.status == "disputed" and capture.factuality == "reported"
    assert capture.denied_by == ("The Nigerian army",)
    assert not [e for e in report.events if e.type in ("RETREAT", "THREATEN")]
    done, default = csv_rows(report, everything=False)
    assert capture.id not in {r["event_id"] for r in default}
    assert dict(done.left_out)["reported"] >= 1
    _, everything = csv_rows(report, everything=True)
    row = next(r for r in everything if r["event_id"] == capture.id)
    assert (row["claim_status"], row["factuality"]) == ("disputed", "reported")
    assert "The Nigerian army (denies)" in row["sources"]


# -- dates -----------------------------------------------------------------------------------


def test_a_sentence_time_no_trigger_took_dates_its_one_undated_event(analyzer):
    text = "It was shortly before dawn on Friday when the drones struck the fuel depot."
    report = analyzer.analyze(make_article(text, published="2024-03-05"))
    strike = next(e for e in report.events if e.type == "ASSAULT")
    assert next(t for t in report.times if t.id == strike.time).span.text == "Friday"
    # A time inside a relative clause dates that clause, not the event.
    text = "The convoy, which left the base on 3 May, was ambushed near the bridge."
    report = analyzer.analyze(make_article(text, published="2024-03-05"))
    assert next(e for e in report.events if e.type == "ASSAULT").time is None


def test_a_noun_trigger_does_not_take_the_time_of_what_is_said_of_it(analyzer):
    text = "Gunmen abducted two engineers. The abduction was confirmed on Tuesday."
    report = analyzer.analyze(make_article(text, published="2024-03-05"))
    assert [e.time for e in report.events if e.type == "ASSAULT"] == [None]
