"""Factuality of events in invented sentences, through the whole pipeline: how the article
carries each event and which attribution and claim carry it."""

import pytest

from sitrep.ingest.meta import make_article

# sentence, PLOVER type, expected factuality, who denies it, carried by an attribution
TABLE = [
    ("Government air defences did not shoot down the airliner, the army said.",
     "ASSAULT", "negated", ("the army",), True),
    ("The ministry denied that its troops had shelled the village of Kafr Dara.",
     "ASSAULT", "denied", ("The ministry",), True),
    ("Police are investigating whether the explosion at the fuel depot was caused by a drone.",
     "ASSAULT", "questioned", (), False),
    ("If the rebels attack the airport, the army will respond.",
     "ASSAULT", "hypothetical", (), False),
    ("The militia will attack the port next week.", "THREATEN", "future", (), False),
    ("Police said gunmen killed four farmers near the village on Monday.",
     "ASSAULT", "reported", (), True),
    ("Gunmen killed four farmers near the village on Monday.", "ASSAULT", "asserted", (), False),
    ("The coalition said its airstrike was not responsible for the deaths.",
     "ASSAULT", "denied", ("The coalition",), True),
]  # fmt: skip


@pytest.mark.parametrize(("text", "plover", "factuality", "denied_by", "carried"), TABLE)
def test_factuality_table(analyzer, text, plover, factuality, denied_by, carried):
    report = analyzer.analyze(make_article(text, published="2024-03-05"))
    event = next(e for e in report.events if e.type == plover)
    assert (event.factuality, event.denied_by) == (factuality, denied_by)
    claims = {c.id: c for c in report.claims}
    if carried:
        holder = next(a for a in report.attributions if a.id == event.attribution)
        assert holder.content.start <= event.trigger.start < holder.content.end
        assert event.attribution in {a.id for a in claims[event.claim].attributions}
    else:
        assert (event.attribution, event.claim) == (None, None)
