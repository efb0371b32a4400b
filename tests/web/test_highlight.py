"""Cutting an article into highlighted segments (no browser needed)."""

from __future__ import annotations

from dataclasses import replace

from sitrep.web.highlight import Mark, content_anchor, marks, quote_anchor, segments
from tests.api.reports import make_report


def test_overlapping_spans_cut_the_text_into_segments_that_rejoin_to_it():
    text = "Hamas said fighters entered Gaza on Monday."
    found = [
        Mark(0, 5, "actor", "a0-0"),
        Mark(11, 42, "claim", "c0-0", claim="c0"),
        Mark(28, 32, "place", "p0-0"),
        Mark(6, 10, "cue", "c0-cue0", claim="c0"),
    ]
    cut = segments(text, found)
    assert "".join(s.text for s in cut) == text
    by_text = {s.text: s for s in cut}
    assert by_text["Gaza"].kinds == ("claim", "place") and by_text["Gaza"].claims == ("c0",)
    assert by_text["Gaza"].anchors == ("p0-0",)
    assert by_text["Hamas"].classes == "hl-actor"
    assert by_text[" "].kinds == ()
    assert by_text["said"].anchors == ("c0-cue0",)


def test_spans_outside_the_text_or_empty_are_dropped():
    cut = segments(
        "short", [Mark(2, 99, "actor", "x"), Mark(3, 3, "time", "y"), Mark(-1, 2, "place", "z")]
    )
    assert [(s.text, s.kinds) for s in cut] == [("short", ())]


def test_every_report_item_gets_a_mark_with_a_unique_anchor():
    report = make_report(
        "Title: Talks\n\nHamas said talks in Moscow would resume on Friday, according to "
        "Interfax. The defence ministry questioned whether talks were reportedly planned."
    )
    found = marks(report)
    anchors = [m.anchor for m in found]
    assert len(anchors) == len(set(anchors))
    spans = sum(len(a.mentions) for a in report.actors) + sum(
        len(p.mentions) for p in report.places
    )
    # Each attribution's cue once for the list of attributions, and cue and content for each
    # claim that holds it.
    spans += (
        len(report.times)
        + len(report.attributions)
        + sum(2 * len(c.attributions) + len(c.hedges) + len(c.verification) for c in report.claims)
    )
    assert len(found) == spans
    text = report.article.text
    assert all(text[m.start : m.end] for m in found)


def test_a_quote_is_anchored_by_its_attribution_and_starts_one_tab_stop():
    report = make_report(
        "Title: Strike\n\nThe army said the strike hit fighters near Kukawa. Residents said "
        "civilians were killed."
    )
    found = marks(report)
    quotes = {m.anchor: m for m in found if m.kind == "claim"}
    assert sorted(quotes) == sorted(quote_anchor(a.id) for a in report.attributions)
    text = report.article.text
    for attribution in report.attributions:
        mark = quotes[quote_anchor(attribution.id)]
        assert text[mark.start : mark.end] == attribution.content.text
    cut = segments(text, found)
    # "Kukawa" cuts the army's quote in two: only its first piece is a stop of the Tab order.
    starts = [s.text for s in cut if s.quote]
    assert starts == ["the strike hit fighters near ", "civilians were killed"]
    assert all(s.claims for s in cut if s.quote)


def test_a_report_without_attribution_ids_anchors_its_quotes_by_position():
    report = make_report("Title: T\n\nHamas said talks would resume.")
    claim = report.claims[0]
    legacy = replace(claim.attributions[0], id="")
    assert content_anchor(0, 0, legacy) == "c0-0"
    assert content_anchor(3, 0, claim.attributions[0]) == quote_anchor("a1") == "a1-quote"
