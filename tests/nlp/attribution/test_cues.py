"""Family 1, cue words, on hand-parsed sentences."""

from __future__ import annotations

from sitrep.nlp.attribution.cues import CueWords
from sitrep.nlp.attribution.lexicon import load_cues
from sitrep.nlp.certainty import load_lexicon

from .parsed import context_of, described, parsed


def test_a_reporting_verb_with_its_clause(nlp):
    doc = parsed(
        nlp,
        """
        The   1 det   DT  DET   the
        army  2 nsubj NN  NOUN  army
        said  2 ROOT  VBD VERB  say
        the   4 det   DT  DET   the
        road  5 nsubj NN  NOUN  road
        was   2 ccomp VBD AUX   be
        open  5 acomp JJ  ADJ   open
        .     2 punct .   PUNCT .
        """,
    )
    (said,) = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, said) == ("verb", "The army", "said", ["the road was open"])
    assert (said.stance, said.kind, said.content_head) == ("asserts", "speech", 5)


def test_a_light_verb_makes_its_subject_the_holder_of_a_cue_noun(nlp):
    doc = parsed(
        nlp,
        """
        The       1 det   DT  DET   the
        envoy     2 nsubj NN  NOUN  envoy
        made      2 ROOT  VBD VERB  make
        a         4 det   DT  DET   a
        comment   2 dobj  NN  NOUN  comment
        about     4 prep  IN  ADP   about
        the       7 det   DT  DET   the
        ceasefire 5 pobj  NN  NOUN  ceasefire
        .         2 punct .   PUNCT .
        """,
    )
    (comment,) = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, comment) == (
        "light_verb_noun",
        "The envoy",
        "made a comment",
        ["the ceasefire"],
    )
