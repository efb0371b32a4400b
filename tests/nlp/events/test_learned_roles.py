"""The learned role scorer: its shipped weights, its candidates, and how the role rules read it
(sentences written for these tests)."""

from __future__ import annotations

import socket

import pytest

from sitrep.nlp.events import learned_roles, load_lexicon
from sitrep.nlp.events.context import Context
from sitrep.nlp.events.learned_roles import RoleModel, candidates, load_role_model
from sitrep.nlp.events.roles import Roles
from sitrep.nlp.events.triggers import Triggers
from sitrep.nlp.pipeline import make_nlp


def _mention(nlp, text):
    doc = nlp(text)
    [mention] = Triggers(Context(doc, load_lexicon())).propose()
    return mention, Context(doc, load_lexicon())


def test_the_shipped_weights_load_offline(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    learned_roles._shipped.cache_clear()
    model = load_role_model()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert model.to_bytes() == RoleModel.from_bytes(model.to_bytes()).to_bytes()


def test_candidates_are_phrase_heads_around_the_trigger(nlp):
    mention, _ = _mention(nlp, "Two engineers were kidnapped by United Nations guards.")
    found = {t.text: how for t, how in candidates(mention.token)}
    assert found == {"engineers": "below", "guards": "below"}  # not "United" nor "Nations"


@pytest.mark.parametrize(
    "text",
    [
        "Guerrillas kidnapped two engineers near the dam on Sunday.",
        "Two engineers were kidnapped by guerrillas near the dam.",
        "They reported the kidnapping of two engineers by guerrillas.",
    ],
)
def test_the_perpetrator_across_voice_and_nominalization(nlp, text):
    mention, context = _mention(nlp, text)
    actor, recipient = load_role_model().choose(mention.token, context.lex.classes)
    assert actor is not None and actor.lower_ == "guerrillas"
    assert recipient is None or recipient != actor


class _Fixed:
    """A scorer that always chooses the given words."""

    def __init__(self, actor: str | None, recipient: str | None) -> None:
        self.words = actor, recipient

    def choose(self, trigger, classes):
        by_text = {t.text: t for t in trigger.sent}
        return tuple(by_text.get(w) if w else None for w in self.words)


def test_combined_keeps_the_rules_roles_and_fills_the_empty_one(nlp):
    # The rules find the subject; nothing names the recipient of "attacked" here.
    mention, context = _mention(nlp, "Gunmen attacked at dawn, witnesses in the market said.")
    Roles(context, _Fixed("witnesses", "market"), "combined").assign(mention)
    assert mention.actor_rule == "subject"
    assert context.doc.text[slice(*mention.actor_span)] == "Gunmen"
    assert mention.recipient_rule == "learned"


def test_model_mode_takes_the_scorers_roles(nlp):
    mention, context = _mention(nlp, "Gunmen attacked the convoy at dawn.")
    Roles(context, _Fixed("convoy", None), "model").assign(mention)
    assert mention.actor_rule == "learned"
    assert context.doc.text[slice(*mention.actor_span)] == "the convoy"
    assert mention.recipient is None and mention.recipient_span is None


def test_an_unknown_roles_mode_is_refused():
    with pytest.raises(ValueError, match="roles must be one of"):
        make_nlp(config={"sitrep_events": {"roles": "oracle"}})


def test_combined_leaves_the_actor_of_an_agentless_passive_unsaid(nlp):
    mention, context = _mention(nlp, "Two engineers were kidnapped near the dam.")
    Roles(context, _Fixed("dam", None), "combined").assign(mention)
    assert mention.actor is None and mention.actor_span is None
