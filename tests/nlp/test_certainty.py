"""Stance, hedges and verification statements on hand-written sentences."""

from __future__ import annotations

import pytest
import srsly

from sitrep.ingest.text import parse_text
from sitrep.nlp.attribution import attribution_frames
from sitrep.nlp.certainty import HEDGES, headline_scare_quotes, hedges, verifications
from sitrep.nlp.doc import new_doc_state


def doc_of(nlp, text, outlet="Reuters"):
    article = parse_text(text, outlet=outlet)
    doc = nlp.make_doc(article.body)
    new_doc_state(doc, article)
    return nlp(doc)


def stances(nlp, text):
    doc = doc_of(nlp, text)
    return {doc.text[f.cue[0] : f.cue[1]]: f.stance for f in attribution_frames(doc)}


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        ("The army denied that its jets had struck the market.", "denied", "denies"),
        (
            "The government rejected claims that its forces had shelled the village.",
            "rejected",
            "denies",
        ),
        ("The army dismissed the reports as propaganda.", "dismissed", "denies"),
        ("Officials said no troops were taken prisoner.", "said", "denies"),
        (
            "The ministry said there have been no incidents involving its personnel.",
            "said",
            "denies",
        ),
        ("The ministry said it rejects the accusations of shelling.", "said", "denies"),
        ("Analysts viewed the claim with caution.", "viewed the claim with caution", "questions"),
        ("Western officials cast doubt on the report.", "cast doubt", "questions"),
        ("Diplomats doubt that the truce will hold.", "doubt", "questions"),
        (
            "The ministry could not confirm that the pilot had died.",
            "could not confirm",
            "questions",
        ),
        ("The ministry confirmed that the pilot had died.", "confirmed", "asserts"),
    ],
)
def test_stance(nlp, text, cue, stance):
    assert stances(nlp, text)[cue] == stance


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("What is believed to be a Russian drone crashed near the base.", "believed to be"),
        ("One of the men appeared to be injured.", "appeared to"),
        ("The other seemed to have bruises on his face.", "seemed to"),
        ("The group allegedly fired first.", "allegedly"),
        ("The video purportedly shows the attack.", "purportedly"),
        ("The commander was reportedly killed on Monday.", "reportedly"),
        ("The footage claimed to show the attack on the convoy.", "claimed to show"),
    ],
)
def test_hedges(nlp, text, hedge):
    doc = doc_of(nlp, text)
    found = {doc.text[h.start : h.end]: h for h in hedges(doc)}
    assert hedge in found and found[hedge].scope == "anywhere"


def test_appearing_in_a_room_is_no_hedge(nlp):
    doc = doc_of(nlp, "Two men appeared briefly in a room.")
    assert not [h for h in hedges(doc) if h.category == "epistemic"]


def test_scare_quotes_in_the_headline_only(nlp):
    doc = doc_of(
        nlp,
        "‘Russian soldiers’ captured by militants\nThe group's video said ‘two soldiers’ were held.",
    )
    assert [doc.text[h.start : h.end] for h in headline_scare_quotes(doc.text)] == [
        "‘Russian soldiers’"
    ]


def checks_of(nlp, text, outlet="Reuters"):
    return verifications(doc_of(nlp, text, outlet))


@pytest.mark.parametrize(
    ("text", "status", "by", "target"),
    [
        (
            "The video could not be independently verified by Reuters.",
            "unverified",
            "reuters",
            "video",
        ),
        (
            "The video could not be immediately verified by Reuters.",
            "unverified",
            "reuters",
            "video",
        ),
        ("Reuters was unable to confirm the report.", "unverified", "reuters", "report"),
        ("AFP has verified the footage.", "verified", "afp", "footage"),
        ("Analysts questioned the authenticity of the video.", "disputed", None, "video"),
    ],
)
def test_verification_statements(nlp, text, status, by, target):
    (check,) = checks_of(nlp, text)
    assert (check.status, check.by, check.target_lemma) == (status, by, target)


def test_an_unattributed_passive_check_is_the_outlet_s(nlp):
    (check,) = checks_of(nlp, "The footage could not be verified.", outlet="Reuters")
    assert (check.status, check.by_text, check.by) == ("unverified", "Reuters", "reuters")


def test_confirm_by_a_non_outlet_is_a_stance_not_a_check(nlp):
    assert checks_of(nlp, "The ministry could not confirm that the pilot had died.") == []


def test_certainty_keeps_span_groups_and_checks_as_plain_data(nlp):
    # Leading blank lines: the body, and so the doc, starts two characters into the article.
    doc = doc_of(nlp, "\n\nThe video could not be verified by Reuters.")
    assert doc._.offset == 2
    assert [(s.text, s.label_) for s in doc.spans[HEDGES]] == [
        ("could", "modal"),
        ("verified", "investigation"),
    ]
    kept = doc._.verification_cues
    assert srsly.msgpack_loads(srsly.msgpack_dumps(kept)) == kept
    (check,) = kept
    article = doc._.article["text"]
    assert article[check["start"] : check["end"]] == "The video could not be verified by Reuters."
    assert article[check["target_start"] : check["target_end"]] == "The video"
    assert (check["by"], doc._.verifications[0]["by"]) == (None, "reuters")
