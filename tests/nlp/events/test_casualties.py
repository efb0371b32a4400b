"""Casualty figures on invented sentences: numbers, bounds, ranges and vague words, who gives
each, and the most conservative figure as ACLED's fatalities."""

import csv
import io

import pytest

from sitrep.export import export
from sitrep.ingest.meta import make_article

# sentence, the figures of its first event (kind, low, high, words, source), ACLED fatalities
TABLE = [
    ("Gunmen killed at least 30 villagers near the town on Monday.",
     [("killed", 30, None, "at least 30", None)], 30),
    ("Dozens of civilians were wounded when an air strike hit the market.",
     [("wounded", 12, None, "Dozens", None)], 0),
    ("The militants attacked the base, killing 12 soldiers and wounding 40 others.",
     [("killed", 12, 12, "12", None), ("wounded", 40, 40, "40", None)], 12),
    ("Between 20 and 25 soldiers were captured in the ambush.",
     [("captured", 20, 25, "Between 20 and 25", None)], 0),
    ("Up to 200 people were killed in the bombing.",
     [("killed", None, 200, "Up to 200", None)], 0),
    ("Three teachers are missing after the raid on the school.",
     [("missing", 3, 3, "Three", None)], 0),
    ("The death toll from the bombing rose to 45.", [("killed", 45, 45, "45", None)], 45),
    # Competing sources on one event: both kept, ACLED takes the lower.
    ("An air strike killed 12 people in the market, police said. "
     "The health ministry said 20 people were killed in the strike.",
     [("killed", 12, 12, "12", "police"), ("killed", 20, 20, "20", "The health ministry")], 12),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "fatalities"), TABLE)
def test_casualty_figures_and_acled_fatalities(analyzer, text, expected, fatalities):
    report = analyzer.analyze(make_article(text, published="2024-03-05"))
    event = next(e for e in report.events if e.casualties)
    found = [(c.kind, c.low, c.high, c.words, c.source) for c in event.casualties]
    assert found == expected
    for casualty in event.casualties:
        assert report.article.text[casualty.span.start : casualty.span.end] == casualty.words
    out = io.StringIO()
    export([report], "acled", out, everything=True)
    row = next(
        r
        for r in csv.DictReader(io.StringIO(out.getvalue()))
        if r["event_id_cnty"].endswith(event.id)
    )
    assert int(row["fatalities"]) == fatalities
