"""Roles: actor and recipient through the parse, each naming the rule that found it."""

from sitrep.nlp.events.roles import Roles
from sitrep.nlp.events.triggers import Triggers
from tests.nlp.events.docs import context_of, hand_doc


def roles_of(doc):
    context = context_of(doc)
    [mention] = Triggers(context).propose()
    Roles(context).assign(mention)
    return mention


def test_passive_agent_is_the_actor_and_the_subject_the_recipient():
    doc = hand_doc(
        [
            ("The", 1, "det", "DT", "DET", "the"),
            ("town", 3, "nsubjpass", "NN", "NOUN", "town"),
            ("was", 3, "auxpass", "VBD", "AUX", "be"),
            ("captured", 3, "ROOT", "VBN", "VERB", "capture"),
            ("by", 3, "agent", "IN", "ADP", "by"),
            ("rebels", 4, "pobj", "NNS", "NOUN", "rebel"),
            (".", 3, "punct", ".", "PUNCT", "."),
        ],
        actors={"rebels": "red_hand"},
    )
    mention = roles_of(doc)
    assert (mention.actor, mention.actor_rule) == ("red_hand", "agent")
    # "the town" names no party: the first recipient slot is taken as it is.
    assert (mention.recipient, mention.recipient_rule) == (None, "passive-subject/first")
    assert doc.text[slice(*mention.recipient_span)] == "The town"


def test_a_light_verb_gives_the_noun_its_subject():
    doc = hand_doc(
        [
            ("Rebels", 1, "nsubj", "NNS", "NOUN", "rebel"),
            ("launched", 1, "ROOT", "VBD", "VERB", "launch"),
            ("an", 3, "det", "DT", "DET", "an"),
            ("attack", 1, "dobj", "NN", "NOUN", "attack"),
            ("on", 3, "prep", "IN", "ADP", "on"),
            ("the", 6, "det", "DT", "DET", "the"),
            ("town", 4, "pobj", "NN", "NOUN", "town"),
            (".", 1, "punct", ".", "PUNCT", "."),
        ],
        actors={"Rebels": "red_hand"},
    )
    mention = roles_of(doc)
    assert (mention.actor, mention.actor_rule) == ("red_hand", "light-verb subject")
    assert mention.recipient_rule == "prep:on/first"
