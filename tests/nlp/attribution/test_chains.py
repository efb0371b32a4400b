"""Chains of frames: a report inside another's content reached the article through it."""

from __future__ import annotations

from sitrep.model import Via
from sitrep.nlp.attribution.chains import chain
from sitrep.nlp.attribution.frames import AttributionFrame


def frame(cue, content, source, source_text, actor, head, content_head, rule="verb"):
    return AttributionFrame(
        cue=cue,
        content=(content,),
        source=source,
        source_text=source_text,
        actor=actor,
        stance="asserts",
        kind="speech",
        form=rule,
        head=head,
        content_head=content_head,
        rule=rule,
    )


def test_according_to_is_the_relay_of_the_report_it_wraps():
    # "[The ministry] [denied] [...], [according to] [Interfax]."
    denied = frame((13, 19), (20, 50), (0, 12), "The ministry", "ministry", 2, 6)
    according = frame((52, 64), (0, 50), (65, 73), "Interfax", "interfax", 10, 2, "according")
    inner, outer = chain([denied, according])
    assert inner.via == (Via("Interfax", "interfax"),) and not inner.relay
    assert outer.relay and outer.via == ()


def test_frames_round_trip_their_json_form_shifted_to_the_article():
    denied = frame((13, 19), (20, 50), (0, 12), "The ministry", "ministry", 2, 6)
    denied = chain([denied, frame((52, 64), (0, 50), (65, 73), "Interfax", None, 10, 2)])[0]
    data = denied.to_dict(100)
    assert (data["cue"], data["content"], data["source"]) == ([113, 119], [[120, 150]], [100, 112])
    assert AttributionFrame.from_dict(data, 100) == denied


def test_a_frame_is_within_the_smallest_frame_whose_content_holds_its_cue():
    # "[The agency] [reported] [[the ministry] [denied] [...], according to [Interfax]]."
    denied = frame((33, 39), (40, 60), (20, 32), "the ministry", None, 6, 8)
    according = frame((62, 74), (20, 60), (75, 83), "Interfax", None, 12, 6, "according")
    reported = frame((11, 19), (20, 84), (0, 10), "The agency", None, 2, 12)
    chained = chain([reported, denied, according])
    assert [f.within for f in chained] == [None, 2, 0]
