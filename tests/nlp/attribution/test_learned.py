"""The learned cue detector as the pipeline runs it: the packaged weights load offline and
score the same way after a round trip; each mode (rules, model, combined) does what it says."""

from __future__ import annotations

import pytest

from sitrep.nlp.attribution.learned import (
    CueModel,
    LemmaPrior,
    lemma_prior,
    load_cue_model,
    quoted_tokens,
)
from sitrep.nlp.attribution.text import Lines, find_quotes
from sitrep.nlp.pipeline import make_nlp

from ..analyzed import analyzed

# An unlisted verb of speech with a reported clause, and a listed one the model keeps.
GRIPED = "Local officials griped that the aid convoy had not arrived."
SAID = "The harbour master said the ferry had run aground near the breakwater."


@pytest.fixture(scope="module")
def pipelines():
    return {
        mode: make_nlp(config={"sitrep_attribution": {"cues": mode}})
        for mode in ("rules", "model", "combined")
    }


def _scores(nlp, doc, model: CueModel) -> dict[int, float]:
    cue_words = nlp.get_pipe("sitrep_attribution").cue_words
    return model.scores(
        doc, cue_words.listed(doc), quoted_tokens(doc, find_quotes(Lines(doc).text))
    )


def test_the_packaged_model_loads_and_round_trips(pipelines):
    model = load_cue_model()
    assert model is not None, "src/sitrep/models/attribution/cue_model.msgpack is missing"
    nlp = pipelines["combined"]
    doc = analyzed(nlp, SAID)
    scores = _scores(nlp, doc, model)
    again = _scores(nlp, doc, CueModel.from_bytes(model.to_bytes()))
    assert scores == again
    said = next(t.i for t in doc if t.text == "said")
    assert scores[said] > 0.9 > max(p for i, p in scores.items() if i != said)
    assert 0 < model.drop_below <= model.add_from < 1


def test_rules_mode_takes_only_listed_words(pipelines):
    rules = analyzed(pipelines["rules"], GRIPED)._.attributions
    assert rules == []


@pytest.mark.parametrize("mode", ["model", "combined"])
def test_the_model_finds_a_cue_no_list_holds(pipelines, mode):
    (found,) = analyzed(pipelines[mode], GRIPED)._.attributions
    assert found["rule"] == "cues.learned_verb"
    assert found["cue"]["text"] == "griped"
    assert found["source_span"]["text"] == "Local officials"
    assert [p["text"] for p in found["content_pieces"]] == ["that the aid convoy had not arrived"]


def test_a_listed_cue_stays_in_every_mode(pipelines):
    for mode, nlp in pipelines.items():
        (found,) = analyzed(nlp, SAID)._.attributions
        assert (found["rule"], found["cue"]["text"]) == ("cues.verb", "said"), mode


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="cues must be one of"):
        make_nlp(components=("sitrep_attribution",), config={"sitrep_attribution": {"cues": "x"}})


def test_the_lemma_prior_ranks_a_frequent_cue_over_an_unseen_word():
    prior = lemma_prior({"say": (90, 100), "table": (0, 50)})
    said, seen = prior.features("say")
    assert said > prior.default > prior.features("table")[0]
    assert seen == pytest.approx(4.615, abs=1e-3)  # log(1 + 100)
    assert prior.features("unheard") == (prior.default, 0.0)
    assert isinstance(prior, LemmaPrior)
