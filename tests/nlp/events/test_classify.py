"""The event type model: its features read senses from context, its scores are a softmax, and
the trigger rules let it choose between fitting entries of several types only when sure."""

import numpy as np

from sitrep.model import PLOVER_TYPES
from sitrep.nlp.events import load_lexicon
from sitrep.nlp.events.classify import TypeModel, features, load_type_model, main_predicate
from sitrep.nlp.events.context import Context
from sitrep.nlp.events.triggers import Triggers
from tests.nlp.events.docs import hand_doc


def toy_model(prefer: str, strength: float, override: float) -> TypeModel:
    """A model whose only feature, the word "strike", favours ``prefer``."""
    sparse = np.zeros((1, len(PLOVER_TYPES)), dtype=np.float32)
    sparse[0, PLOVER_TYPES.index(prefer)] = strength
    return TypeModel(
        types=PLOVER_TYPES,
        override=override,
        index={"w=strike": 0},
        sparse=sparse,
        dense=np.zeros((96, len(PLOVER_TYPES)), dtype=np.float32),
        bias=np.zeros(len(PLOVER_TYPES), dtype=np.float32),
    )


def on_strike():
    return hand_doc(
        [
            ("Workers", 1, "nsubj", "NNS", "NOUN", "worker"),
            ("went", 1, "ROOT", "VBD", "VERB", "go"),
            ("on", 1, "prep", "IN", "ADP", "on"),
            ("strike", 2, "pobj", "NN", "NOUN", "strike"),
            (".", 1, "punct", ".", "PUNCT", "."),
        ]
    )


def test_scores_are_a_softmax_over_the_types():
    model = toy_model("ASSAULT", 5.0, 0.8)
    scores = model.scores(["w=strike", "w=unknown"], None)
    assert np.isclose(scores.sum(), 1.0) and PLOVER_TYPES[int(scores.argmax())] == "ASSAULT"
    assert np.allclose(model.scores([], None), 1 / len(PLOVER_TYPES))


def test_the_model_overrides_the_lexicon_order_only_when_sure():
    lexicon = load_lexicon()
    sure = Triggers(Context(on_strike(), lexicon, toy_model("ASSAULT", 8.0, 0.8)))
    [mention] = sure.propose()
    assert mention.type == "ASSAULT"
    unsure = Triggers(Context(on_strike(), lexicon, toy_model("ASSAULT", 8.0, 0.999)))
    [mention] = unsure.propose()
    assert (mention.type, mention.mode) == ("PROTEST", "strike-gen")
    without = Triggers(Context(on_strike(), lexicon))
    assert [m.type for m in without.propose()] == ["PROTEST"]


def test_features_tell_a_video_released_from_prisoners_released(nlp):
    lexicon = load_lexicon()
    video = features(list(nlp("The militia released a video on Sunday.")), lexicon)
    prisoners = features(list(nlp("The militia released two prisoners on Sunday.")), lexicon)
    assert "vo=release_video" in video and "vo=release_prisoner" in prisoners
    assert "c=RETREAT" in video  # the lexicon's candidates are features, not decisions


def test_the_main_predicate_is_what_a_speech_verb_reports(nlp):
    lexicon = load_lexicon()
    reported = list(nlp("The ministry said the army would withdraw from the border."))
    assert main_predicate(reported, lexicon).lemma_ == "withdraw"
    plain = list(nlp("The army withdrew from the border."))
    assert main_predicate(plain, lexicon).lemma_ == "withdraw"


def test_features_read_the_focus_and_the_words_completing_it(nlp):
    lexicon = load_lexicon()
    tokens = list(nlp("The rebels threatened to attack the city."))
    found = features(tokens, lexicon)
    assert {"m=threaten", "mc=THREATEN", "mxcomp=attack", "mxcompc=ASSAULT"} <= set(found)
    attack = next(t for t in tokens if t.lower_ == "attack")
    assert "m=attack" in features(tokens, lexicon, focus=attack)


def test_the_shipped_model_loads_with_its_threshold():
    model = load_type_model()
    assert model is not None and model.types == PLOVER_TYPES
    assert 0.5 <= model.override <= 1.0 and model.sparse.shape[1] == len(PLOVER_TYPES)


def test_the_shipped_model_reads_a_strikes_sense_from_its_clause(nlp):
    model, lexicon = load_type_model(), load_lexicon()

    def best(text):
        scores = model.clause(list(nlp(text)), lexicon)
        return max(scores, key=scores.__getitem__)

    assert best("Hospital workers went on strike over unpaid wages.") == "PROTEST"
    assert best("An air strike on a market killed twelve people.") == "ASSAULT"
    # Read for what the speech verb reports, not for the saying.
    assert best("The ministry said the army would withdraw from the border.") == "RETREAT"
