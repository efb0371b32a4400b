"""Family 6, layout, on hand-parsed lines."""

from __future__ import annotations

from sitrep.nlp.attribution.layout import Layout
from sitrep.nlp.attribution.lexicon import load_cues

from .parsed import context_of, described, parsed


def test_a_name_and_a_colon_opening_a_line_label_its_speaker(nlp):
    doc = parsed(
        nlp,
        """
        WALLACE 2 npadvmod NNP PROPN WALLACE
        :       2 punct    :   PUNCT :
        Let     2 ROOT     VB  VERB  let
        us      4 nsubj    PRP PRON  we
        start   2 ccomp    VB  VERB  start
        .       2 punct    .   PUNCT .
        """,
    )
    (label,) = Layout(load_cues()).propose(context_of(doc), [])
    assert described(doc, label) == ("speaker_label", "WALLACE", ":", ["Let us start"])
