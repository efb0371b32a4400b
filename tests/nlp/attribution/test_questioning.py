"""Family 4, questioning idioms and responses received, on hand-parsed sentences."""

from __future__ import annotations

from sitrep.nlp.attribution.lexicon import load_cues
from sitrep.nlp.attribution.questioning import Questioning, Received

from .parsed import context_of, described, parsed


def test_a_questioning_idiom_questions_its_object(nlp):
    doc = parsed(
        nlp,
        """
        Analysts 1 nsubj NNS NOUN  analyst
        viewed   1 ROOT  VBD VERB  view
        the      3 det   DT  DET   the
        claim    1 dobj  NN  NOUN  claim
        with     1 prep  IN  ADP   with
        caution  4 pobj  NN  NOUN  caution
        .        1 punct .   PUNCT .
        """,
    )
    (idiom,) = Questioning().propose(context_of(doc), [])
    assert described(doc, idiom) == (
        "questioning",
        "Analysts",
        "viewed the claim with caution",
        ["the claim"],
    )
    assert idiom.stance == "questions"


def test_criticism_received_has_its_target_as_content(nlp):
    doc = parsed(
        nlp,
        """
        The       1 det      DT  DET   the
        minister  2 nsubj    NN  NOUN  minister
        faced     2 ROOT     VBD VERB  face
        criticism 2 dobj     NN  NOUN  criticism
        from      3 prep     IN  ADP   from
        rights    6 compound NNS NOUN  right
        groups    4 pobj     NNS NOUN  group
        .         2 punct    .   PUNCT .
        """,
    )
    (received,) = Received(load_cues()).propose(context_of(doc), [])
    assert described(doc, received) == (
        "received",
        "rights groups",
        "faced criticism",
        ["The minister"],
    )
    assert received.kind == "attitude"
