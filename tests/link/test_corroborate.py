"""Cross-article claims: concepts, alignment, origins and status; linked in the store."""

from dataclasses import replace

import pytest

from sitrep.link import link_report, list_stories
from sitrep.link.corroborate import (
    ClaimFeatures,
    best_match,
    claim_features,
    claim_status,
    concepts,
    is_proposition,
    origin,
    similarity,
)
from sitrep.link.records import StoryAttribution
from sitrep.model import Actor, Attribution, Event, Span, Via
from sitrep.store import Store

from .builders import (
    CAPTURE_CLAIM,
    DENIAL_REWORDED,
    DENIAL_VIA_AGENCY,
    FLOOD,
    actor,
    claim,
    make_report,
    span,
)


def features(text, participants=(), event=None):
    return ClaimFeatures(concepts(text), frozenset(participants), event)


def test_concepts_fold_wording_into_classes_and_drop_stance_words():
    assert concepts("denied their soldiers had been captured") == {"=military", "!capture"}
    assert "!capture" in concepts(
        "there have been no incidents linked with any capture of prisoners"
    )
    assert "!capture" in concepts("fighters took two servicemen prisoner")
    assert concepts("troops were seized") == concepts("soldiers had been captured")
    assert "deni" not in concepts("the ministry denied it") and "incident" not in concepts(
        "no incidents"
    )


def test_a_clause_whose_subject_is_outside_it_or_asked_is_no_proposition():
    text = "Medics said the shelling killed 43 people."
    stated = claim(text, "c1", "the shelling killed 43 people", None, "Medics", "asserts", "said")
    assert is_proposition(stated)
    for fragment in ("Which killed 43 people", "Who was responsible for the shelling"):
        assert not is_proposition(replace(stated, text=fragment)), fragment


def test_a_possessive_meets_its_noun():
    assert concepts("the Veldan Navy’s frigate") == concepts("a frigate of the Veldan Navy")
    assert concepts("the rebels' depot") == concepts("a depot of the rebels")


def test_the_same_proposition_in_other_words_aligns_and_another_does_not():
    denial = features("denied their soldiers had been captured")
    reworded = features("there have been no incidents linked with any capture of prisoners")
    killed = features("two soldiers were killed in an air strike")
    assert similarity(denial, reworded) >= 0.45
    assert similarity(denial, killed) < 0.45
    assert best_match(reworded, [("s-c1", killed), ("s-c2", denial)]) == "s-c2"
    assert (
        best_match(features("the river burst its banks"), [("s-c1", killed), ("s-c2", denial)])
        is None
    )


def test_there_being_forces_somewhere_is_their_presence():
    # "there are no foreign mercenaries in Veldia" denies what "mercenaries were deployed
    # in Veldia" asserts (FrameNet Presence: existential "there be")
    denial = features("there are no foreign mercenaries in Veldia, only instructors")
    deployed = features("several hundred foreign mercenaries have been deployed in Veldia")
    killed = features("foreign mercenaries killed several villagers in Veldia")
    assert "!presence" in denial.concepts & deployed.concepts
    assert best_match(denial, [("s-c1", killed), ("s-c2", deployed)]) == "s-c2"


def test_a_claim_that_an_attack_was_staged_is_its_own_proposition():
    # "the shelling was staged" says who made the event up, not that it happened: it aligns
    # with other wordings of the staging and apart from reports of the shelling's victims
    staged = features("the shelling of the market in Tarnova was staged by volunteer medics")
    restaged = features("volunteer medics staged the Tarnova market shelling as a false flag")
    victims = features("the shelling of the market in Tarnova killed eleven people")
    assert "!stage" in staged.concepts & restaged.concepts
    assert best_match(staged, [("s-c1", victims), ("s-c2", restaged)]) == "s-c2"
    assert best_match(staged, [("s-c1", victims)]) is None


def test_there_being_no_evidence_states_no_presence():
    # "there is no evidence that P" questions P; it does not say something is (not) somewhere,
    # so it neither shares a presence with "there are no firm conclusions" nor with a
    # deployment; what is left is P
    assert concepts("there is no evidence the Veldan navy was behind the blast") == concepts(
        "the Veldan navy was behind the blast"
    )
    assert "!presence" not in concepts("officials said there are no firm conclusions yet")
    assert "!presence" in concepts("there are no foreign troops in the province")


def test_stance_adverbials_are_not_what_a_claim_says():
    assert concepts("without a doubt Veldia is absolutely not involved in the blasts") == concepts(
        "Veldia is not involved in the blasts"
    )


def test_participants_and_event_types_weigh_in():
    a = features("the convoy was hit", ["rebels"], "ASSAULT")
    assert similarity(a, features("the convoy was hit", ["rebels"], "ASSAULT")) > similarity(
        a, features("the convoy was hit", ["army"], "ASSAULT")
    )
    assert similarity(a, features("the convoy was hit", ["rebels"], "COERCE")) < similarity(
        a, features("the convoy was hit", ["rebels"], None)
    )


def test_claim_features_read_participants_from_the_content_and_the_event():
    text = CAPTURE_CLAIM
    report = make_report(
        text,
        actors=(
            actor(
                text,
                "dlf",
                "Dravka Liberation Front",
                "Rebels of the Dravka Liberation Front",
                "armed_group",
            ),
            actor(
                text, "dravka_border_guard", "Border guard", "border post near Dravka", "military"
            ),
        ),
        events=(
            Event("e1", "ASSAULT", span(text, "raid"), span(text, "during a raid"), actor="dlf"),
        ),
    )
    c = claim(
        text,
        "c1",
        "they had captured two soldiers during a raid on a border post near Dravka",
        "dlf",
        "Rebels of the Dravka Liberation Front",
        "asserts",
        "said",
        event="e1",
    )
    got = claim_features(report, c)
    assert got.event == "ASSAULT"
    # actors named in the content, and the event's actor, each as the side it speaks for
    assert got.participants == {"actor:dravka_border_guard", "actor:dlf"}
    assert {"!capture", "=military", "!attack", "dravka"} <= got.concepts


def test_a_states_president_and_government_are_one_participant():
    # "no evidence the president or his aides were involved" and "Veldia is not involved": the
    # government, the presidency and the state are one party (side_of); a person named in
    # one of them does not make it a proposition about other actors
    text = (
        "Officials said there was no evidence that President Ana Morel or the Veldan government"
        " were involved in the blasts. A Veldan minister said Veldia was not involved in the"
        " blasts."
    )
    report = make_report(
        text,
        actors=(
            Actor("person_ana_morel", "Ana Morel", "person", "VEL", (span(text, "Ana Morel"),)),
            Actor(
                "vel_government",
                "Veldan government",
                "government",
                "VEL",
                (span(text, "Veldan government"), span(text, "Veldia")),
            ),
            Actor("vel_presidency", "Presidency", "government", "VEL", (span(text, "President"),)),
        ),
    )
    questioned = claim(
        text,
        "c1",
        "President Ana Morel or the Veldan government were involved in the blasts",
        None,
        "Officials",
        "questions",
        "said",
    )
    denied = claim(
        text, "c2", "Veldia was not involved in the blasts", None, "minister", "denies", "said"
    )
    a, b = claim_features(report, questioned), claim_features(report, denied)
    assert a.participants == {"person:morel", "state:VEL"} and b.participants == {"state:VEL"}


def test_who_claims_or_disowns_responsibility_is_its_participant():
    # "claimed responsibility for the bombing" says who bombed only through its source: one
    # group's claim stays apart from another accused of the same bombing
    claimed = "The Red Hand claimed responsibility for the bombing of the Vessa market."
    accused = "Officials said Dravka was behind the bombing."
    claimed_report = make_report(
        claimed, actors=(actor(claimed, "red_hand", "Red Hand", "The Red Hand", "armed_group"),)
    )
    accused_report = make_report(
        accused, actors=(actor(accused, "dravka", "Dravka", "Dravka", "armed_group"),)
    )
    own = claim(
        claimed,
        "c1",
        "responsibility for the bombing of the Vessa market",
        "red_hand",
        "The Red Hand",
        "asserts",
        "claimed",
    )
    other = claim(
        accused,
        "c1",
        "Dravka was behind the bombing",
        None,
        "Officials",
        "asserts",
        "said",
    )
    own_features = claim_features(claimed_report, own)
    other_features = claim_features(accused_report, other)
    assert own_features.participants == {"actor:red_hand"}
    assert other_features.participants == {"actor:dravka"}
    # without the source as its participant the two would align on shared wording
    unowned = replace(own_features, participants=frozenset())
    assert best_match(unowned, [("s-c1", other_features)]) == "s-c1"
    assert best_match(own_features, [("s-c1", other_features)]) is None


def test_origin_is_the_named_source_else_the_named_relay_else_the_article():
    cue = Span(0, 4, "said")
    named = Attribution(
        "ministry", "the ministry", cue, "denies", cue, (Via("Interfax", "interfax"),)
    )
    relayed = Attribution(None, "officials", cue, "denies", cue, (Via("Interfax", "interfax"),))
    anonymous = Attribution(None, "A diplomat", cue, "asserts", cue)
    assert origin(named, "article:x") == "actor:ministry"
    assert origin(relayed, "article:x") == "actor:interfax"
    assert origin(anonymous, "wire:reuters") == "wire:reuters|a diplomat"


def reports(*stances_origins):
    return [
        StoryAttribution("a", "c", None, "x", stance, (), hedged, origin_key)
        for stance, origin_key, hedged in stances_origins
    ]


@pytest.mark.parametrize(
    ("attributions", "status", "origins"),
    [
        ([("asserts", "o1", False), ("asserts", "o2", False)], "corroborated", (2, 0, 0)),
        ([("asserts", "o1", False), ("asserts", "o1", False)], "single_source", (1, 0, 0)),
        ([("asserts", "o1", False), ("denies", "o2", False)], "disputed", (1, 1, 0)),
        ([("denies", "o1", False), ("denies", "o2", False)], "denied", (0, 2, 0)),
        ([("asserts", "o1", True), ("asserts", "o2", True)], "unverified", (2, 0, 0)),
        ([("asserts", "o1", False), ("questions", "o2", False)], "single_source", (1, 0, 1)),
        ([("questions", "o2", False)], "unverified", (0, 0, 1)),
    ],
)
def test_status_from_independent_origins(attributions, status, origins):
    got_status, got = claim_status(reports(*attributions))
    assert got_status == status
    assert (got["asserts"], got["denies"], got["questions"]) == origins


def dravka_reports():
    a, b, c = CAPTURE_CLAIM, DENIAL_VIA_AGENCY, DENIAL_REWORDED
    interfax = (Via("Interfax", "interfax"),)
    return [
        make_report(
            a,
            outlet="Frontier Wire",
            published="2025-06-03",
            claims=(
                claim(
                    a,
                    "c1",
                    "they had captured two soldiers during a raid on a border post near Dravka",
                    "dlf",
                    "Rebels of the Dravka Liberation Front",
                    "asserts",
                    "said",
                ),
            ),
        ),
        make_report(
            b,
            outlet="Capital Daily",
            published="2025-06-04",
            claims=(
                claim(
                    b,
                    "c1",
                    "its soldiers had been captured in a raid on a border post near Dravka",
                    "def_ministry",
                    "The defence ministry",
                    "denies",
                    "denied",
                    via=interfax,
                ),
            ),
        ),
        make_report(
            c,
            outlet="Evening Star",
            published="2025-06-04",
            claims=(
                claim(
                    c,
                    "c1",
                    "There have been no incidents linked with any capture of prisoners",
                    "def_ministry",
                    "the defence ministry",
                    "denies",
                    "said",
                    via=interfax,
                ),
                claim(
                    c,
                    "c2",
                    "it had taken two soldiers prisoner at the border post",
                    "dlf",
                    "The Dravka Liberation Front",
                    "asserts",
                    "said",
                    hedged=True,
                ),
            ),
        ),
        make_report(
            FLOOD,
            outlet="Valley News",
            published="2025-06-04",
            claims=(
                claim(
                    FLOOD,
                    "c1",
                    "the embankments built after the floods of 2010 had never been repaired",
                    None,
                    "Residents",
                    "asserts",
                    "said",
                ),
            ),
        ),
    ]


def test_outlets_relaying_one_source_count_once_and_the_claim_is_disputed(store_url):
    with Store(store_url) as store:
        for report in dravka_reports():
            store.add(report)
            link_report(store, report)
        stories = list_stories(store)
        [dravka] = [s for s in stories if len(s.articles) == 3]
        [capture] = dravka.claims
        assert capture.id == dravka.id + "-c1"
        assert [(a.stance, a.source_text) for a in capture.attributions] == [
            ("asserts", "Rebels of the Dravka Liberation Front"),
            ("denies", "The defence ministry"),
            ("denies", "the defence ministry"),
            ("asserts", "The Dravka Liberation Front"),
        ]
        # two outlets quote the ministry via Interfax: one origin; the front asserts once
        assert capture.origins == {"asserts": 1, "denies": 1, "questions": 0}
        assert capture.status == "disputed"
        assert capture.attributions[1].via == (Via("Interfax", "interfax"),)
        [flood] = [s for s in stories if len(s.articles) == 1]
        assert [(c.status, c.origins["asserts"]) for c in flood.claims] == [("single_source", 1)]


VARNEK_A = """Market shelled in Varnek as rebels take bridge
The governor said rebel artillery shelled the central market in Varnek, killing 12 people.
The rebel command said its fighters had captured the Varnek river bridge."""

VARNEK_B = """Rebels deny shelling Varnek market
The rebel command denied that its artillery had shelled the central market in Varnek.
The army said rebel fighters had captured the river bridge at Varnek on Monday."""


def test_two_propositions_of_one_story_stay_apart_and_each_keeps_its_denial(store_url):
    # one place, one armed group and one article pair: the shelling (asserted, denied) and
    # the capture (asserted twice) are two story claims, not one disputed blob
    reports = [
        make_report(
            VARNEK_A,
            outlet="Valley News",
            claims=(
                claim(
                    VARNEK_A,
                    "c1",
                    "rebel artillery shelled the central market in Varnek, killing 12 people",
                    "governor",
                    "The governor",
                    "asserts",
                    "said",
                ),
                claim(
                    VARNEK_A,
                    "c2",
                    "its fighters had captured the Varnek river bridge",
                    "rebels",
                    "The rebel command",
                    "asserts",
                    "said",
                ),
            ),
        ),
        make_report(
            VARNEK_B,
            outlet="Capital Daily",
            claims=(
                claim(
                    VARNEK_B,
                    "c1",
                    "its artillery had shelled the central market in Varnek",
                    "rebels",
                    "The rebel command",
                    "denies",
                    "denied",
                ),
                claim(
                    VARNEK_B,
                    "c2",
                    "rebel fighters had captured the river bridge at Varnek on Monday",
                    "army",
                    "The army",
                    "asserts",
                    "said",
                ),
            ),
        ),
    ]
    with Store(store_url) as store:
        for report in reports:
            store.add(report)
            link_report(store, report)
        [story] = list_stories(store)
    found = {
        c.text: (c.status, sorted((a.source_text, a.stance) for a in c.attributions))
        for c in story.claims
    }
    assert found == {
        "rebel artillery shelled the central market in Varnek, killing 12 people": (
            "disputed",
            [("The governor", "asserts"), ("The rebel command", "denies")],
        ),
        "its fighters had captured the Varnek river bridge": (
            "corroborated",
            [("The army", "asserts"), ("The rebel command", "asserts")],
        ),
    }


def test_a_country_and_its_demonym_are_one_concept():
    # one participant, whichever word an outlet uses; the capital stays a place
    assert concepts("Chadian troops shelled the market") == concepts(
        "troops of Chad shelled the market"
    )
    assert concepts("Chad's army") == concepts("the Chadian army")
    assert concepts("a market in N'Djamena") != concepts("a market in Chad")
    # a code is a country only in capitals: "us" is a pronoun
    assert concepts("US divers mined the dam") == concepts("American divers mined the dam")
    assert concepts("U.S. divers") == concepts("divers of the United States")
    assert not any(c.startswith("@") for c in concepts("they told us the dam was mined"))
