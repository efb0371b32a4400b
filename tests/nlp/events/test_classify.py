"""The event type model: its features read senses from context, its scores are a softmax, and
the trigger rules let it choose between fitting entries of several types only when sure."""

import numpy as np

from sitrep.model import PLOVER_TYPES
from sitrep.nlp.events import load_lexicon
from sitrep.nlp.events.classify import (
    TypeModel,
    choose,
    features,
    load_type_model,
    main_predicate,
)
from sitrep.nlp.events.context import Context
from sitrep.nlp.events.triggers import Triggers
from tests.nlp.events.docs import hand_doc


def toy_model(prefer: str, strength: float, margin: float) -> TypeModel:
    """A model whose only feature, the word "strike", favours ``prefer`` by ``strength`` (log
    odds against every other type)."""
    sparse = np.zeros((1, len(PLOVER_TYPES)), dtype=np.float32)
    sparse[0, PLOVER_TYPES.index(prefer)] = strength
    return TypeModel(
        types=PLOVER_TYPES,
        margin=margin,
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


def test_the_model_overrides_the_lexicon_order_only_by_its_margin():
    lexicon = load_lexicon()
    sure = Triggers(Context(on_strike(), lexicon, toy_model("ASSAULT", 8.0, 2.0)))
    [mention] = sure.propose()
    assert mention.type == "ASSAULT"
    unsure = Triggers(Context(on_strike(), lexicon, toy_model("ASSAULT", 8.0, 9.0)))
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


def test_choose_keeps_the_lexicons_first_sense_unless_the_model_prefers_another_by_the_margin():
    scores = {"PROTEST": 0.2, "ASSAULT": 0.6, "COERCE": 0.2}
    assert choose(scores, ["PROTEST", "ASSAULT"], 1.0) == "ASSAULT"  # log 3 = 1.1
    assert choose(scores, ["PROTEST", "ASSAULT"], 1.5) == "PROTEST"
    assert choose(scores, ["ASSAULT", "PROTEST"], 0.0) == "ASSAULT"
    assert choose(scores, ["PROTEST", "COERCE"], 0.0) == "PROTEST"  # a tie keeps the first


def test_the_shipped_model_loads_with_its_margin():
    model = load_type_model()
    assert model is not None and model.types == PLOVER_TYPES
    assert model.margin >= 0.0 and model.sparse.shape[1] == len(PLOVER_TYPES)


def test_the_shipped_model_reads_a_strikes_sense_from_its_clause(nlp):
    model, lexicon = load_type_model(), load_lexicon()

    def best(text):
        scores = model.clause(list(nlp(text)), lexicon)
        return max(scores, key=scores.__getitem__)

    assert best("Hospital workers went on strike over unpaid wages.") == "PROTEST"
    assert best("An air strike on a market killed twelve people.") == "ASSAULT"
    # Read for what the speech verb reports, not for the saying.
    assert best("The ministry said the army would withdraw from the border.") == "RETREAT"


def test_the_shipped_model_reads_a_words_sense_from_its_context(nlp):
    model, lexicon = load_type_model(), load_lexicon()

    def scores(text):
        doc = nlp(text)
        tokens = list(doc)
        focus = main_predicate(tokens, lexicon)
        senses = Triggers(Context(doc, lexicon)).senses(focus)
        return model.clause(tokens, lexicon, focus, senses)

    freed = scores("The rebels released twenty hostages late on Sunday.")
    assert max(freed, key=freed.__getitem__) == "RETREAT"
    footage = scores("The group released a video of the attack late on Sunday.")
    assert max(footage, key=footage.__getitem__) != "RETREAT"
    # Who blocks the road moves the sense: a crowd's blockade is a PROTEST, the state's a COERCE.
    crowd = scores("Protesters blocked the main highway into the capital.")
    state = scores("The government blocked access to the border crossing.")
    assert crowd["COERCE"] / crowd["PROTEST"] < state["COERCE"] / state["PROTEST"]
