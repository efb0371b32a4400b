"""Factuality: negation and modality, each cue named."""

from sitrep.nlp.events.factuality import Factuality
from sitrep.nlp.events.triggers import Triggers
from tests.nlp.events.docs import context_of, hand_doc


def test_negation_and_modal_are_marked_with_their_cues():
    doc = hand_doc(
        [
            ("Rebels", 3, "nsubj", "NNS", "NOUN", "rebel"),
            ("did", 3, "aux", "VBD", "AUX", "do"),
            ("not", 3, "neg", "RB", "PART", "not"),
            ("attack", 3, "ROOT", "VB", "VERB", "attack"),
            ("the", 5, "det", "DT", "DET", "the"),
            ("town", 3, "dobj", "NN", "NOUN", "town"),
            (".", 3, "punct", ".", "PUNCT", "."),
            ("Rebels", 9, "nsubj", "NNS", "NOUN", "rebel"),
            ("may", 9, "aux", "MD", "AUX", "may"),
            ("attack", 9, "ROOT", "VB", "VERB", "attack"),
            (".", 9, "punct", ".", "PUNCT", "."),
        ]
    )
    context = context_of(doc)
    denied, possible = Triggers(context).propose()
    for mention in (denied, possible):
        Factuality(context).assess(mention)
    assert (denied.negated, denied.modality, denied.cues) == (True, "asserted", ["neg:not"])
    assert (possible.negated, possible.modality, possible.cues) == (
        False,
        "hypothetical",
        ["modal:may"],
    )
