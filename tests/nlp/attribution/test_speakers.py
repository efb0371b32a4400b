"""Sources are actors or nothing, on hand-parsed sentences: the parse each rule is written for."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitrep.model import Actor
from sitrep.nlp.actors import ActorMention, keep_actor_mentions
from sitrep.nlp.attribution.lexicon import load_cues
from sitrep.nlp.attribution.speakers import inside_name, source_kind
from sitrep.nlp.doc import keep_records, records

from .parsed import parsed

# "Islamic State claimed ...", parsed with "State" as the verb and "Islamic" its subject.
NAME_AS_VERB = """
Islamic 1 nsubj JJ ADJ islamic
State 1 ROOT VBP VERB state
that 5 mark IN SCONJ that
the 4 det DT DET the
town 5 nsubj NN NOUN town
fell 1 ccomp VBD VERB fall
. 1 punct . PUNCT .
"""


def _subject_kind(nlp, table, actor=None, kinds=None):
    doc = parsed(nlp, table)
    subject = next(t for t in doc if t.dep_ in ("nsubj", "expl"))
    span = doc[subject.left_edge.i : subject.right_edge.i + 1]
    return source_kind(span, actor, kinds or {}, load_cues())


@pytest.mark.parametrize(
    ("table", "kind"),
    [
        # "That said, ...": a word pointing at a clause.
        ("That 1 nsubj DT PRON that\nsaid 1 ROOT VBD VERB say\n. 1 punct . PUNCT .", None),
        # "There are reports ...": the expletive.
        ("There 1 expl EX PRON there\nare 1 ROOT VBP AUX be\n. 1 punct . PUNCT .", None),
        # "Evidence suggests ...": a noun that names no one.
        ("Evidence 1 nsubj NN NOUN evidence\nsuggests 1 ROOT VBZ VERB suggest", None),
        # "Countering ... said": a verb in the subject's place.
        ("Countering 1 nsubj VBG VERB counter\nsaid 1 ROOT VBD VERB say", None),
        ("officials 1 nsubj NNS NOUN official\nsaid 1 ROOT VBD VERB say", "unnamed"),
        ("Many 1 nsubj JJ ADJ many\nbelieve 1 ROOT VBP VERB believe", "unnamed"),
        (
            "Those 1 nsubj DT PRON those\nsurveyed 0 acl VBN VERB survey\nsay 2 ROOT VBP VERB say",
            "unnamed",
        ),
        (
            "a 1 det DT DET a\nstatement 2 nsubj NN NOUN statement\nsaid 2 ROOT VBD VERB say",
            "document",
        ),
        ("he 1 nsubj PRP PRON he\nsaid 1 ROOT VBD VERB say", "pronoun"),
    ],
)
def test_the_kind_of_a_source_or_none_when_it_names_no_one(nlp, table, kind):
    assert _subject_kind(nlp, table) == kind


def test_a_resolved_source_has_its_actors_kind(nlp):
    table = "The 1 det DT DET the\nministry 2 nsubj NN NOUN ministry\nsaid 2 ROOT VBD VERB say"
    assert _subject_kind(nlp, table, "mod_ru", {"mod_ru": "government"}) == "government"


def test_a_cue_word_inside_a_gazetteer_name_is_no_cue(nlp):
    doc = parsed(nlp, NAME_AS_VERB)
    source, cue = doc[0:1], doc[1]
    name = ActorMention(0, 13, "islamic_state", "gazetteer")
    assert inside_name(source, (cue.idx, cue.idx + 5), cue, [name])
    # A name the entity recognizer ran on into a verb is no evidence ("Ben Carson Defends").
    assert not inside_name(source, (cue.idx, cue.idx + 5), cue, [replace(name, via="ner")])


def test_the_component_drops_the_report_of_a_cue_inside_a_name(nlp):
    doc = parsed(nlp, NAME_AS_VERB)
    keep_actor_mentions(doc, [ActorMention(0, 13, "islamic_state", "gazetteer")])
    keep_records(doc, "actors", [Actor("islamic_state", "Islamic State", "armed_group", None, ())])
    doc = nlp.get_pipe("sitrep_attribution")(doc)
    assert records(doc, "attributions") == []
