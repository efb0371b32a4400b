"""Anchoring: the place the parse attaches to a trigger, with the rule that attached it."""

from sitrep.nlp.events.anchoring import Anchoring
from sitrep.nlp.events.triggers import Triggers
from tests.nlp.events.docs import context_of, hand_doc


def test_a_place_after_a_locative_particle_is_attached_to_the_trigger():
    # The parse some sentences get: "off" as the verb's particle, the place a bare noun
    # phrase modifying the verb; "Goma" in another sentence is not a candidate.
    doc = hand_doc(
        [
            ("Pirates", 1, "nsubj", "NNS", "NOUN", "pirate"),
            ("captured", 1, "ROOT", "VBD", "VERB", "capture"),
            ("two", 3, "nummod", "CD", "NUM", "two"),
            ("sailors", 1, "dobj", "NNS", "NOUN", "sailor"),
            ("off", 1, "prt", "RP", "ADP", "off"),
            ("Aden", 1, "npadvmod", "NNP", "PROPN", "Aden"),
            (".", 1, "punct", ".", "PUNCT", "."),
            ("Goma", 8, "nsubj", "NNP", "PROPN", "Goma"),
            ("slept", 8, "ROOT", "VBD", "VERB", "sleep"),
            (".", 8, "punct", ".", "PUNCT", "."),
        ],
        places=("Aden", "Goma"),
    )
    context = context_of(doc)
    mentions = Triggers(context).propose()
    Anchoring(context).anchor(mentions)
    [mention] = mentions
    assert (mention.place, mention.place_rule) == ("p_aden", "trigger")
    assert (mention.time, mention.time_rule) == (None, None)
