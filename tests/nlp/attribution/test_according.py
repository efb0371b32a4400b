"""Family 2, "according to X" and "reportedly", on hand-parsed sentences."""

from __future__ import annotations

from sitrep.nlp.attribution.according import According
from sitrep.nlp.attribution.candidates import Candidate
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


REPORTEDLY = """
    The        1 det    DT  DET   the
    rebels     4 nsubj  NNS NOUN  rebel
    have       4 aux    VBP AUX   have
    reportedly 4 advmod RB  ADV   reportedly
    withdrawn  4 ROOT   VBN VERB  withdraw
    from       4 prep   IN  ADP   from
    the        7 det    DT  DET   the
    town       5 pobj   NN  NOUN  town
    .          4 punct  .   PUNCT .
    """


def test_reportedly_reports_its_clause_with_no_source(nlp):
    doc = parsed(nlp, REPORTEDLY)
    (reported,) = According(nlp.vocab, load_cues()).propose(context_of(doc), [])
    assert described(doc, reported) == (
        "reported",
        None,
        "reportedly",
        ["The rebels have", "withdrawn from the town"],
    )
    assert reported.content_head == 4


def test_reportedly_on_a_cue_verb_is_part_of_its_report(nlp):
    doc = parsed(
        nlp,
        REPORTEDLY.replace(
            "withdrawn  4 ROOT   VBN VERB  withdraw", "said       4 ROOT   VBN VERB  say"
        ),
    )
    said = Candidate("verb", (0, 0), [], None, "asserts", "speech", "verb", 4, None)
    assert According(nlp.vocab, load_cues()).propose(context_of(doc), [said]) == []
