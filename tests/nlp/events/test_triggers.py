"""Trigger candidates name the lexicon entry that made them; PLOVER's conventions retype."""

from sitrep.nlp.events.factuality import Factuality
from sitrep.nlp.events.triggers import Triggers
from tests.nlp.events.docs import context_of, hand_doc


def captured(object_word: str, object_lemma: str, det: tuple[str, str, str, str]):
    return hand_doc(
        [
            ("Rebels", 1, "nsubj", "NNS", "NOUN", "rebel"),
            ("captured", 1, "ROOT", "VBD", "VERB", "capture"),
            (det[0], 3, det[1], det[2], det[3], det[0].lower()),
            (object_word, 1, "dobj", "NNS", "NOUN", object_lemma),
            (".", 1, "punct", ".", "PUNCT", "."),
        ]
    )


def test_the_object_class_picks_the_lexicon_entry_and_the_mention_names_it():
    people = Triggers(context_of(captured("soldiers", "soldier", ("two", "nummod", "CD", "NUM"))))
    [mention] = people.propose()
    assert (mention.type, mention.mode) == ("ASSAULT", "abduct")
    assert mention.entry.objects == {"person"} and mention.rule == mention.entry.name
    assert mention.rule.startswith("ASSAULT#")

    town = Triggers(context_of(captured("town", "town", ("the", "det", "DT", "DET"))))
    [mention] = town.propose()
    assert (mention.type, mention.mode) == ("ASSAULT", None)
    assert mention.entry.objects == {"place"}


def test_announced_force_is_retyped_a_threaten_naming_the_convention():
    doc = hand_doc(
        [
            ("Rebels", 2, "nsubj", "NNS", "NOUN", "rebel"),
            ("will", 2, "aux", "MD", "AUX", "will"),
            ("attack", 2, "ROOT", "VB", "VERB", "attack"),
            ("the", 4, "det", "DT", "DET", "the"),
            ("town", 2, "dobj", "NN", "NOUN", "town"),
            (".", 2, "punct", ".", "PUNCT", "."),
        ]
    )
    context = context_of(doc)
    triggers = Triggers(context)
    [mention] = triggers.propose()
    Factuality(context).assess(mention)
    [mention] = triggers.retype([mention])
    assert (mention.type, mention.mode, mention.retyped) == (
        "THREATEN",
        "violence",
        "announced-force",
    )
