"""Factuality of events in invented sentences, through the whole pipeline: how the article
carries each event, which attribution and claim carry it, and the row each export writes."""

import csv
import io

import pytest

from sitrep.export import export
from sitrep.ingest.meta import make_article

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
