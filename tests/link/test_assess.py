"""Story claims an analyst can trust: independent origins through affiliation, verification
as questioning, the status with its reasons and confidence, and how a claim spread."""

import jsonschema
from rich.console import Console

from sitrep import schema
from sitrep.console import print_story
from sitrep.link import link_report, list_stories
from sitrep.link.corroborate import (
    ClaimFeatures,
    alignment_confidence,
    assess,
    concepts,
    side_of,
)
from sitrep.link.records import StoryAttribution, stories_to_dict
from sitrep.model import Actor, Attribution, Claim, Verification, Via
from sitrep.store import Store

from .builders import make_report, span

CLAIMED = """Harun Brigades say they shot down helicopter near Selvan
The Harun Brigades said on Saturday that their fighters shot down a Vostrian army helicopter near Selvan.
Harun Media, the group's news agency, said the fighters shot down the helicopter with a missile.
Reuters could not independently verify the claim."""

DENIED = """Vostria denies helicopter shot down near Selvan
Vostria's defence ministry denied that any helicopter had been shot down near Selvan, Interfax reported.
The ministry said all its aircraft had returned to base."""

DENIED_AGAIN = """Government says no helicopter shot down at Selvan
The Vostrian government said no helicopter had been shot down near Selvan, and called the report propaganda."""


def person(actor_id, name):
    return Actor(actor_id, name, "person", None, ())


def test_affiliated_sources_are_one_origin_and_one_person_is_one_actor():
    ministry = Actor("vst_defence", "Vostrian Defence Ministry", "military", "VST", ())
    government = Actor("vst_government", "Vostrian government", "government", "VST", ())
    group = Actor("harun", "Harun Brigades", "armed_group", None, ())
    agency = Actor("harun_media", "Harun Media", "media", None, (), parent="harun")
    assert side_of(ministry) == side_of(government) == "state:VST"
    assert side_of(agency) == side_of(group) == "actor:harun"
    assert side_of(person("p1", "Oleksandr Zelensky")) == side_of(person("p2", "Zelenskiy"))
    assert side_of(person("p3", "Alexander Borodai")) == side_of(person("p4", "Boroday"))
    assert side_of(person("p5", "Maria Petrova")) != side_of(person("p6", "Maria Ivanova"))


def _claim(text, claim_id, attributions, verification=()):
    return Claim(claim_id, attributions[0].content.text, tuple(attributions), (), verification, "x")


def _attribution(text, source, source_text, stance, cue, content, via=(), confidence=0.8):
    return Attribution(
        source,
        source_text,
        span(text, cue),
        stance,
        span(text, content),
        via,
        source_span=span(text, source_text),
        confidence=confidence,
    )


def helicopter_reports():
    a, b, c = CLAIMED, DENIED, DENIED_AGAIN
    group = Actor("harun", "Harun Brigades", "armed_group", None, (span(a, "Harun Brigades"),))
    agency = Actor(
        "harun_media", "Harun Media", "media", None, (span(a, "Harun Media"),), parent="harun"
    )
    ministry = Actor(
        "vst_defence",
        "Vostrian Defence Ministry",
        "military",
        "VST",
        (span(b, "defence ministry"),),
    )
    government = Actor(
        "vst_government",
        "Vostrian government",
        "government",
        "VST",
        (span(c, "Vostrian government"),),
    )
    reuters = Verification(
        "Reuters", "unverified", span(a, "Reuters could not independently verify"), None
    )
    return [
        make_report(
            a,
            outlet="Frontline Daily",
            published="2025-03-01T10:00:00",
            actors=(group, agency),
            claims=(
                _claim(
                    a,
                    "c1",
                    [
                        _attribution(
                            a,
                            "harun",
                            "The Harun Brigades",
                            "asserts",
                            "said",
                            "their fighters shot down a Vostrian army helicopter near Selvan",
                        ),
                        _attribution(
                            a,
                            "harun_media",
                            "Harun Media",
                            "asserts",
                            "said",
                            "the fighters shot down the helicopter with a missile",
                        ),
                    ],
                    (reuters,),
                ),
            ),
        ),
        make_report(
            b,
            outlet="Capital Times",
            published="2025-03-02T16:00:00",
            actors=(ministry,),
            claims=(
                _claim(
                    b,
                    "c1",
                    [
                        _attribution(
                            b,
                            "vst_defence",
                            "Vostria's defence ministry",
                            "denies",
                            "denied",
                            "any helicopter had been shot down near Selvan",
                            via=(Via("Interfax", "interfax"), Via("Capital Times")),
                        )
                    ],
                ),
            ),
        ),
        make_report(
            c,
            outlet="Evening Post",
            published="2025-03-03T08:00:00",
            actors=(government,),
            claims=(
                _claim(
                    c,
                    "c1",
                    [
                        _attribution(
                            c,
                            "vst_government",
                            "The Vostrian government",
                            "denies",
                            "said",
                            "no helicopter had been shot down near Selvan",
                        )
                    ],
                ),
            ),
        ),
    ]


def test_a_denied_claim_is_disputed_with_its_reasons_relays_and_checkers(store_url):
    with Store(store_url) as store:
        for report in helicopter_reports():
            store.add(report)
            link_report(store, report)
        [story] = list_stories(store)
        [claim] = story.claims
    # the group and its agency are one side; the ministry and the government one state
    assert claim.status == "disputed"
    assert claim.origins == {"asserts": 1, "denies": 1, "questions": 1}
    assert [s["origin"] for s in claim.sides["asserts"]] == ["actor:harun"]
    assert claim.sides["asserts"][0]["names"] == ["Harun Brigades", "Harun Media"]
    [deniers] = claim.sides["denies"]
    assert deniers["origin"] == "state:VST" and deniers["relays"] == ["Interfax"]
    assert claim.reasons == (
        "disputed: 1 independent origin asserts (Harun Brigades/Harun Media), "
        "1 denies (Vostrian Defence Ministry/Vostrian government, relayed by Interfax); "
        "Reuters could not verify"
    )
    # each side's one origin is right with chance 0.8; both sides must be, and the three
    # reports must state one proposition
    assert 0.5 < claim.alignment < 1
    assert claim.confidence == round(0.8 * 0.8 * claim.alignment, 3)
    assert [v["by_text"] for v in claim.verification] == ["Reuters"]
    # what `sitrep stories --json` and the API print of it follows the stories schema
    jsonschema.validate(stories_to_dict([story]), schema.load("stories"))


def test_propagation_gives_first_appearance_order_relays_and_time_to_first_denial(store_url):
    reports = helicopter_reports()
    with Store(store_url) as store:
        # arrival order is not publication order: the propagation follows publication
        for report in (reports[2], reports[0], reports[1]):
            store.add(report)
            link_report(store, report)
        [story] = list_stories(store)
        [claim] = story.claims
    spread = claim.propagation
    assert spread["first"]["outlet"] == "Frontline Daily"
    assert [o["outlet"] for o in spread["outlets"]] == [
        "Frontline Daily",
        "Capital Times",
        "Evening Post",
    ]
    assert spread["outlets"][1]["through"] == ["Interfax"]
    assert spread["first_denial"]["outlet"] == "Capital Times"
    assert spread["days_to_first_denial"] == 1.25
    # what `sitrep story` prints of it
    console = Console(record=True, width=200)
    print_story(console, story)
    printed = console.export_text()
    assert claim.reasons in printed
    assert (
        "spread: first Frontline Daily (2025-03-01T10:00:00), then Capital Times through "
        "Interfax (2025-03-02T16:00:00), then Evening Post (2025-03-03T08:00:00); first denial "
        "after 1.25 days"
    ) in printed


def report_of(stance, origin_key, hedged=False, confidence=0.9):
    return StoryAttribution(
        "a", "c", None, origin_key, stance, (), hedged, origin_key, origin_key, confidence
    )


def test_a_checker_who_could_not_verify_questions_without_hedging_the_assertion():
    found = assess(
        [report_of("asserts", "o1")],
        [{"article": "a", "by": None, "by_text": "Reuters", "status": "unverified"}],
    )
    assert found.status == "single_source" and found.origins["questions"] == 1
    assert found.reasons.endswith("; Reuters could not verify")
    hedged = assess([report_of("asserts", "o1", hedged=True)])
    assert hedged.status == "unverified"


def test_a_low_confidence_alignment_is_shown_as_such():
    capture = ClaimFeatures(concepts("rebels captured two soldiers near the border"), frozenset())
    reworded = ClaimFeatures(concepts("two soldiers were taken prisoner by rebels"), frozenset())
    weak = ClaimFeatures(concepts("soldiers crossed the border"), frozenset())
    assert alignment_confidence([capture], {}) == 1.0
    strong = alignment_confidence([capture, reworded], {})
    loose = alignment_confidence([capture, weak], {})
    assert strong > loose
    found = assess([report_of("asserts", "o1")], alignment=0.3)
    assert "low-confidence alignment (0.30)" in found.reasons
    assert found.confidence == round(0.9 * 0.3, 3)


def test_fragments_are_attributions_but_not_story_claims(store_url):
    text = (
        "Dam blast near Korvask\n"
        "The rebel command said its divers had mined the Korvask dam. "
        "A spokesman said: That. The ministry said: Disinformation."
    )
    report = make_report(
        text,
        claims=(
            _claim(
                text,
                "c1",
                [
                    _attribution(
                        text,
                        None,
                        "The rebel command",
                        "asserts",
                        "said",
                        "its divers had mined the Korvask dam",
                    )
                ],
            ),
            _claim(
                text,
                "c2",
                [_attribution(text, None, "A spokesman", "asserts", "said: That", "That")],
            ),
            _claim(
                text,
                "c3",
                [
                    _attribution(
                        text,
                        None,
                        "The ministry",
                        "denies",
                        "said: Disinformation",
                        "Disinformation",
                    )
                ],
            ),
        ),
    )
    with Store(store_url) as store:
        store.add(report)
        link_report(store, report)
        [story] = list_stories(store)
    assert [c.text for c in story.claims] == ["its divers had mined the Korvask dam"]


def test_an_unnamed_source_in_an_article_and_its_copy_is_one_origin(store_url):
    # each printing names its own outlet as the last link of the chain; the outlet relays
    # nothing, so the unnamed activists count once for the copy group
    original = CLAIMED.replace("The Harun Brigades said", "Activist groups said")
    reports = []
    for outlet, outlet_id in (("Frontline Daily", "frontline"), ("Metro Reprints", "metro")):
        text = original if outlet_id == "frontline" else original + "\nShare this story."
        attribution = _attribution(
            text,
            None,
            "Activist groups",
            "asserts",
            "said",
            "their fighters shot down a Vostrian army helicopter near Selvan",
            via=(Via(outlet, outlet_id),),
        )
        reports.append(
            make_report(text, outlet=outlet, claims=(_claim(text, "c1", [attribution]),))
        )
    with Store(store_url) as store:
        for report in reports:
            store.add(report)
            link_report(store, report)
        [story] = list_stories(store)
        [claim] = story.claims
    assert story.articles[1].copy_of == story.articles[0].id
    assert claim.origins["asserts"] == 1 and claim.status == "single_source"
    assert all(a.relays == () for a in claim.attributions)
