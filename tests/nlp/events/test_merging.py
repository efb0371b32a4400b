"""Merging: mentions of one happening become one event; ids follow first mention."""

from sitrep.nlp.doc import text_of
from sitrep.nlp.events.merging import merge, merge_in_sentence
from sitrep.nlp.events.roles import Roles
from sitrep.nlp.events.triggers import Triggers
from tests.nlp.events.docs import context_of, hand_doc


def attacked(subject: str, lemma: str, start: int):
    return [
        (subject, start + 1, "nsubj", "NNS", "NOUN", lemma),
        ("attacked", start + 1, "ROOT", "VBD", "VERB", "attack"),
        ("Goma", start + 1, "dobj", "NNP", "PROPN", "Goma"),
        (".", start + 1, "punct", ".", "PUNCT", "."),
    ]


def events_of(doc):
    context = context_of(doc)
    mentions = Triggers(context).propose()
    for mention in mentions:
        Roles(context).assign(mention)
    return merge(doc, merge_in_sentence(mentions))


def test_the_same_actor_doing_the_same_act_is_one_event():
    doc = hand_doc(
        attacked("Rebels", "rebel", 0) + attacked("Rebels", "rebel", 4),
        actors={"Rebels": "red_hand"},
    )
    [event] = events_of(doc)
    assert (event.id, event.actor, event.type) == ("e1", "red_hand", "ASSAULT")
    assert [m.start for m in event.mentions] == [7, text_of(doc).index("attacked", 10)]


def test_different_actors_make_different_events_numbered_in_order():
    doc = hand_doc(
        attacked("Rebels", "rebel", 0) + attacked("Soldiers", "soldier", 4),
        actors={"Rebels": "red_hand", "Soldiers": "rur_military"},
    )
    events = events_of(doc)
    assert [(e.id, e.actor) for e in events] == [("e1", "red_hand"), ("e2", "rur_military")]
