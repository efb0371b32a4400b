"""Family 7, artefacts, on a hand-parsed sentence: the artefact speaks for its publisher."""

from __future__ import annotations

from sitrep.nlp.attribution.artefacts import Artefacts
from sitrep.nlp.attribution.lexicon import load_cues

from .parsed import context_of, described, parsed


def test_a_video_speaks_for_whoever_released_it(nlp):
    doc = parsed(
        nlp,
        """
        In       9 prep    IN    ADP   in
        a        2 det     DT    DET   a
        video    0 pobj    NN    NOUN  video
        released 2 acl     VBN   VERB  release
        by       3 agent   IN    ADP   by
        Amaq     4 pobj    NNP   PROPN Amaq
        ,        9 punct   ,     PUNCT ,
        two      8 nummod  CD    NUM   two
        men      9 nsubj   NNS   NOUN  man
        appear   9 ROOT    VBP   VERB  appear
        .        9 punct   .     PUNCT .
        """,
    )
    (artefact,) = Artefacts(load_cues()).propose(context_of(doc), [])
    assert described(doc, artefact) == ("artefact", "Amaq", "In a video", ["two men appear"])
    assert (artefact.kind, artefact.source_lemma) == ("evidence", "video")
