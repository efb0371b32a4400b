"""Family 3, "..., citing X", on a hand-parsed sentence: X is the source, the subject that
reported it a relay."""

from __future__ import annotations

from sitrep.nlp.attribution.citing import Citing
from sitrep.nlp.attribution.cues import CueWords
from sitrep.nlp.attribution.lexicon import load_cues
from sitrep.nlp.certainty import load_lexicon

from .parsed import context_of, described, parsed


def test_citing_makes_the_cited_the_source_and_the_reporter_a_relay(nlp):
    doc = parsed(
        nlp,
        """
        Interfax  1 nsubj PROPN PROPN Interfax
        reported  1 ROOT  VBD   VERB  report
        ,         1 punct ,     PUNCT ,
        citing    1 advcl VBG   VERB  cite
        officials 3 dobj  NNS   NOUN  official
        ,         1 punct ,     PUNCT ,
        that      8 mark  IN    SCONJ that
        pilots    8 nsubj NNS   NOUN  pilot
        ejected   1 ccomp VBD   VERB  eject
        .         1 punct .     PUNCT .
        """,
    )
    context = context_of(doc)
    found = CueWords(load_cues(), load_lexicon()).propose(context, [])
    (citing,) = Citing(load_cues()).propose(context, found)
    assert described(doc, citing) == ("citing", "officials", "citing", ["that pilots ejected"])
    assert [span.text for span in citing.relays] == ["Interfax"]
    (reported,) = found
    assert reported.relay and reported.rule == "verb"


def test_citing_a_reason_is_the_subject_speaking(nlp):
    doc = parsed(
        nlp,
        """
        The     1 det   DT  DET   the
        court   2 nsubj NN  NOUN  court
        blocked 2 ROOT  VBD VERB  block
        the     4 det   DT  DET   the
        sale    2 dobj  NN  NOUN  sale
        ,       2 punct ,   PUNCT ,
        citing  2 advcl VBG VERB  cite
        a       8 det   DT  DET   a
        threat  6 dobj  NN  NOUN  threat
        .       2 punct .   PUNCT .
        """,
    )
    (citing,) = Citing(load_cues()).propose(context_of(doc), [])
    assert described(doc, citing) == ("citing_reason", "The court", "citing", ["a threat"])
