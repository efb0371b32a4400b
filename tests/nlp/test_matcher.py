"""AnchoredMatcher: the matches of a plain spaCy Matcher, found from the tokens that can start
one, and a clear refusal of patterns it cannot anchor."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from sitrep.nlp.certainty import load_lexicon
from sitrep.nlp.matcher import AnchoredMatcher

TEXT = (
    "The ministry reportedly denied the claim. Officials, who are believed to have seen the "
    "video, said it may be fake, and it seems the men could be locals. Analysts viewed the "
    "ministry's account with caution and raised serious doubts about whether it was genuine. "
    "Diplomats treated the denial with some scepticism and called it into question. "
    "It is unclear who filmed it; the so - called statement appeared to be edited."
)


def _plain(nlp, patterns):
    matcher = Matcher(nlp.vocab)
    for label, token_patterns in patterns.items():
        matcher.add(label, token_patterns)
    return matcher


@pytest.mark.parametrize("which", ["hedges", "questioning"])
def test_same_matches_in_the_same_order_as_a_plain_matcher(nlp, which):
    lexicon = load_lexicon()
    patterns = lexicon.hedge_patterns if which == "hedges" else {"questioning": lexicon.questioning}
    doc = nlp(TEXT)
    expected = _plain(nlp, patterns)(doc)
    assert len(expected) >= 3  # the text exercises the patterns
    assert AnchoredMatcher(nlp.vocab, patterns)(doc) == expected


def test_overlapping_and_adjacent_windows(nlp):
    # Anchors closer than a pattern's length share a window; each match is found once, the
    # optional token's longer and shorter matches both.
    patterns = {"pair": [[{"LOWER": "a"}, {"LOWER": "a", "OP": "?"}, {"LOWER": "b"}]]}
    doc = nlp.make_doc("a a b a b b a a a b")
    expected = _plain(nlp, patterns)(doc)
    assert AnchoredMatcher(nlp.vocab, patterns)(doc) == expected
    assert len(expected) == 5


def test_no_anchor_in_the_doc(nlp):
    doc = nlp.make_doc("Nothing here starts a match.")
    assert AnchoredMatcher(nlp.vocab, {"x": [[{"LOWER": "zebra"}]]})(doc) == []


@pytest.mark.parametrize(
    "pattern",
    [
        [{"POS": "VERB"}, {"LOWER": "to"}],  # no word to look up
        [{"LOWER": "the", "OP": "?"}, {"LOWER": "claim"}],  # the first token may be absent
        [{"LOWER": "claim"}, {"OP": "*"}],  # unbounded: no window holds every match
    ],
)
def test_patterns_it_cannot_anchor_are_refused(nlp, pattern):
    with pytest.raises(ValueError):
        AnchoredMatcher(nlp.vocab, {"bad": [pattern]})
