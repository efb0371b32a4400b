"""Family 5, a headline's report, on a headline the tagger read as names."""

from __future__ import annotations

from sitrep.nlp.attribution.headline import Headline
from sitrep.nlp.attribution.lexicon import load_cues

from .parsed import context_of, described, parsed

HEADLINE = """
Mayor    4 compound NNP PROPN Mayor
Slams    4 compound NNP PROPN Slams
Plan     4 compound NNP PROPN Plan
As       4 compound NNP PROPN As
Reckless 4 ROOT     NNP PROPN Reckless
\\n      4 dep      _SP SPACE \\n
The      7 det      DT  DET   the
mayor    8 nsubj    NN  NOUN  mayor
spoke    8 ROOT     VBD VERB  speak
.        8 punct    .   PUNCT .
"""


def test_a_title_case_cue_verb_splits_the_headline(nlp):
    doc = parsed(nlp, HEADLINE)
    (headline,) = Headline(load_cues()).propose(context_of(doc), [])
    assert described(doc, headline) == ("headline", "Mayor", "Slams", ["Plan As Reckless"])


def test_no_headline_report_where_another_rule_found_one(nlp):
    doc = parsed(nlp, HEADLINE)
    context = context_of(doc)
    (found,) = Headline(load_cues()).propose(context, [])
    assert Headline(load_cues()).propose(context, [found]) == []
