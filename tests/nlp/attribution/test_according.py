"""Family 2, "according to X", on a hand-parsed sentence."""

from __future__ import annotations

from sitrep.nlp.attribution.according import According
from sitrep.nlp.attribution.lexicon import load_cues

from .parsed import context_of, described, parsed


def test_according_to_reports_the_clause_it_hangs_on(nlp):
    doc = parsed(
        nlp,
        """
        According 6 prep  VBG VERB  accord
        to        0 prep  IN  ADP   to
        officials 1 pobj  NNS NOUN  official
        ,         6 punct ,   PUNCT ,
        the       5 det   DT  DET   the
        dam       6 nsubj NN  NOUN  dam
        broke     6 ROOT  VBD VERB  break
        .         6 punct .   PUNCT .
        """,
    )
    (according,) = According(nlp.vocab, load_cues()).propose(context_of(doc), [])
    assert described(doc, according) == (
        "according_to",
        "officials",
        "According to",
        ["the dam broke"],
    )
    assert according.content_head == 6
