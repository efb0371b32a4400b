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


def test_an_order_is_a_directive(nlp):
    doc = parsed(
        nlp,
        """
        A        1 det   DT  DET   a
        court    2 nsubj NN  NOUN  court
        ordered  2 ROOT  VBD VERB  order
        the      4 det   DT  DET   the
        release  2 dobj  NN  NOUN  release
        of       4 prep  IN  ADP   of
        the      7 det   DT  DET   the
        records  5 pobj  NNS NOUN  record
        .        2 punct .   PUNCT .
        """,
    )
    (ordered,) = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, ordered) == ("verb", "A court", "ordered", ["the release of the records"])
    assert ordered.kind == "directive"


def test_an_unveiled_plan_is_what_was_announced(nlp):
    doc = parsed(
        nlp,
        """
        The       1 det   DT  DET   the
        ministry  2 nsubj NN  NOUN  ministry
        unveiled  2 ROOT  VBD VERB  unveil
        a         4 det   DT  DET   a
        plan      2 dobj  NN  NOUN  plan
        for       4 prep  IN  ADP   for
        new       7 amod  JJ  ADJ   new
        shelters  5 pobj  NNS NOUN  shelter
        .         2 punct .   PUNCT .
        """,
    )
    (unveiled,) = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, unveiled) == (
        "verb",
        "The ministry",
        "unveiled",
        ["a plan for new shelters"],
    )
    assert unveiled.kind == "speech"


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


REMARKS = """
    The       1 det   DT  DET   the
    governor  3 poss  NN  NOUN  governor
    's        1 case  POS PART  's
    remarks   7 nsubj NNS NOUN  remark
    {prep}    3 prep  IN  ADP   {prep}
    the       6 det   DT  DET   the
    council   4 pobj  NN  NOUN  council
    angered   7 ROOT  VBD VERB  anger
    farmers   7 dobj  NNS NOUN  farmer
    .         7 punct .   PUNCT .
    """


def test_a_speech_noun_is_about_its_topic_not_its_hearer(nlp):
    cues = CueWords(load_cues(), load_lexicon())
    doc = parsed(nlp, REMARKS.format(prep="about"))
    (about,) = cues.propose(context_of(doc), [])
    assert described(doc, about) == ("noun", "The governor 's", "remarks", ["the council"])
    # "remarks to the council": the council heard them; nothing says what they were about.
    assert cues.propose(context_of(parsed(nlp, REMARKS.format(prep="to"))), []) == []


class _SureOf:
    """A cue model that is sure of the words in ``sure`` and rules out every other."""

    add_from, drop_below, threshold = 0.45, 0.05, 0.3

    def __init__(self, *sure: str) -> None:
        self.sure = sure

    def scores(self, doc, listed, quoted):
        return {
            t.i: 0.9 if t.text in self.sure else 0.0
            for t in doc
            if t.pos_ in ("VERB", "NOUN", "ADJ")
        }


RECOUNTED = """
    Clinton    1 nsubj NNP PROPN Clinton
    recounted  1 ROOT  VBD VERB  recount
    his        3 poss  PRP DET   his
    life       1 dobj  NN  NOUN  life
    .          1 punct .   PUNCT .
    """


class _Doubts(_SureOf):
    """A cue model that keeps every listed word without being sure of any."""

    def scores(self, doc, listed, quoted):
        return dict.fromkeys(listed, 0.3)


def test_a_clause_verb_without_its_clause_recounts_its_object(nlp):
    # "recount" reports a clause in the lexicon; without one, its object is the content, unless
    # a model scores the cue and is not sure the verb reports here.
    doc = parsed(nlp, RECOUNTED)
    (recounted,) = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, recounted) == ("verb", "Clinton", "recounted", ["his life"])
    doubted = CueWords(load_cues(), load_lexicon(), _Doubts(), "combined")
    assert doubted.propose(context_of(doc), []) == []
    sure = CueWords(load_cues(), load_lexicon(), _SureOf("recounted"), "combined")
    (recounted,) = sure.propose(context_of(doc), [])
    assert described(doc, recounted) == ("verb", "Clinton", "recounted", ["his life"])
    assert recounted.content_head == 3


def test_a_clause_hung_on_the_medium_of_a_speech_verb_is_its_content(nlp):
    # "said in a statement that ...": the parser reads the clause as the statement's.
    doc = parsed(
        nlp,
        """
        The        1 det   DT  DET   the
        governor   2 nsubj NN  NOUN  governor
        said       2 ROOT  VBD VERB  say
        in         2 prep  IN  ADP   in
        a          5 det   DT  DET   a
        statement  3 pobj  NN  NOUN  statement
        that       9 mark  IN  SCONJ that
        the        8 det   DT  DET   the
        dam        9 nsubj NN  NOUN  dam
        held       5 acl   VBD VERB  hold
        .          2 punct .   PUNCT .
        """,
    )
    (said,) = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, said) == ("verb", "The governor", "said", ["that the dam held"])
    assert said.content_head == 9


def test_a_contrasting_report_ends_what_was_said_before_it(nlp):
    # "..., though others said ...": the parser hangs the second report on the first's clause.
    doc = parsed(
        nlp,
        """
        Some       1  det   DT  DET   some
        residents  2  nsubj NNS NOUN  resident
        said       2  ROOT  VBD VERB  say
        the        4  det   DT  DET   the
        water      5  nsubj NN  NOUN  water
        receded    2  ccomp VBD VERB  recede
        ,          5  punct ,   PUNCT ,
        though     9  mark  IN  SCONJ though
        others     9  nsubj NNS NOUN  other
        said       5  advcl VBD VERB  say
        roads      11 nsubj NNS NOUN  road
        flooded    9  ccomp VBD VERB  flood
        .          2  punct .   PUNCT .
        """,
    )
    first, second = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, first) == ("verb", "Some residents", "said", ["the water receded"])
    assert described(doc, second) == ("verb", "others", "said", ["roads flooded"])


def test_a_passive_joined_to_what_was_said_is_part_of_it(nlp):
    # "said ... had approached and been warned": the warning is what was said, not the speaker's.
    doc = parsed(
        nlp,
        """
        Officials  1  nsubj     NNS NOUN  official
        said       1  ROOT      VBD VERB  say
        a          3  det       DT  DET   a
        plane      5  nsubj     NN  NOUN  plane
        had        5  aux       VBD AUX   have
        approached 1  ccomp     VBN VERB  approach
        and        5  cc        CC  CCONJ and
        been       8  auxpass   VBN AUX   be
        warned     5  conj      VBN VERB  warn
        .          1  punct     .   PUNCT .
        """,
    )
    (said,) = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, said) == (
        "verb",
        "Officials",
        "said",
        ["a plane had approached and been warned"],
    )


def test_a_verb_joined_to_what_was_said_is_the_speaker_going_on(nlp):
    # "said ... and denied ...": the parser joins the second verb to the reported clause.
    doc = parsed(
        nlp,
        """
        The        1  det       DT  DET   the
        general    2  nsubj     NN  NOUN  general
        said       2  ROOT      VBD VERB  say
        the        4  det       DT  DET   the
        offensive  5  nsubj     NN  NOUN  offensive
        ended      2  ccomp     VBD VERB  end
        and        5  cc        CC  CCONJ and
        denied     5  conj      VBD VERB  deny
        that       11 mark      IN  SCONJ that
        civilians  11 nsubjpass NNS NOUN  civilian
        were       11 auxpass   VBD AUX   be
        targeted   7  ccomp     VBN VERB  target
        .          2  punct     .   PUNCT .
        """,
    )
    said, denied = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, said) == ("verb", "The general", "said", ["the offensive ended"])
    assert described(doc, denied) == (
        "verb",
        "The general",
        "denied",
        ["that civilians were targeted"],
    )


def test_the_hearer_of_a_sure_cue_is_no_content(nlp):
    doc = parsed(
        nlp,
        """
        Clinton    1 nsubj NNP   PROPN Clinton
        told       1 ROOT  VBD   VERB  tell
        reporters  1 dobj  NNS   NOUN  reporter
        .          1 punct .     PUNCT .
        """,
    )
    assert CueWords(load_cues(), load_lexicon(), _SureOf("told")).propose(context_of(doc), []) == []


SUPPORT = """
    The        1 det     DT  DET   the
    minister   3 poss    NN  NOUN  minister
    's         1 case    POS PART  's
    support    8 nsubj   NN  NOUN  support
    for        3 prep    IN  ADP   for
    the        7 det     DT  DET   the
    rescue     7 compound NN NOUN  rescue
    crews      4 pobj    NNS NOUN  crew
    was        8 ROOT    VBD AUX   be
    unwavering 8 acomp   JJ  ADJ   unwavering
    .          8 punct   .   PUNCT .
    """


def test_a_sure_cue_no_form_reads_reports_what_it_governs(nlp):
    # The noun rule wants a complement it lists ("support of", "support to"); the model is
    # sure of the noun, so its holder and the phrase it governs make the report.
    doc = parsed(nlp, SUPPORT)
    assert CueWords(load_cues(), load_lexicon()).propose(context_of(doc), []) == []
    sure = CueWords(load_cues(), load_lexicon(), _SureOf("support"), "combined")
    (support,) = sure.propose(context_of(doc), [])
    assert described(doc, support) == (
        "governed",
        "The minister 's",
        "support",
        ["for the rescue crews"],
    )
    assert (support.kind, support.content_head) == ("attitude", 4)


def test_a_listed_predicate_adjective_stays_whatever_the_model_scores(nlp):
    # The network learned the copula as the head of "were wary of", so it rules out the
    # adjective; the lexicon keeps it, whether the model vetoes or decides alone.
    doc = parsed(
        nlp,
        """
        The      1 det   DT  DET   the
        mayors   2 nsubj NNS NOUN  mayor
        were     2 ROOT  VBD AUX   be
        wary     2 acomp JJ  ADJ   wary
        of       3 prep  IN  ADP   of
        the      6 det   DT  DET   the
        merger   4 pobj  NN  NOUN  merger
        .        2 punct .   PUNCT .
        """,
    )
    for mode in ("combined", "model"):
        doubting = CueWords(load_cues(), load_lexicon(), _SureOf(), mode)
        (wary,) = doubting.propose(context_of(doc), [])
        assert described(doc, wary) == ("adjective", "The mayors", "wary", ["the merger"])


def test_made_it_clear_reports_the_clause_the_parser_hangs_on_the_adjective(nlp):
    # The network learned "made" as the head of the cue, so it rules out "clear"; the lexicon
    # keeps it.
    doc = parsed(
        nlp,
        """
        The       1 det    DT  DET   the
        minister  2 nsubj  NN  NOUN  minister
        made      2 ROOT   VBD VERB  make
        it        4 nsubj  PRP PRON  it
        clear     2 ccomp  JJ  ADJ   clear
        that      9 mark   IN  SCONJ that
        the       7 det    DT  DET   the
        border    9 nsubj  NN  NOUN  border
        would     9 aux    MD  AUX   would
        stay      4 advcl  VB  VERB  stay
        closed    9 acomp  JJ  ADJ   closed
        .         2 punct  .   PUNCT .
        """,
    )
    for model in (None, _SureOf()):
        (clear,) = CueWords(load_cues(), load_lexicon(), model).propose(context_of(doc), [])
        assert described(doc, clear) == (
            "adjective",
            "The minister",
            "clear",
            ["that the border would stay closed"],
        )


def test_a_light_verbs_listed_object_stays_whatever_the_model_scores(nlp):
    # The network learned "made" as the head of "made the claim"; the lexicon keeps "claim".
    doc = parsed(
        nlp,
        """
        The     1 det   DT  DET   the
        rebels  2 nsubj NNS NOUN  rebel
        made    2 ROOT  VBD VERB  make
        the     4 det   DT  DET   the
        claim   2 dobj  NN  NOUN  claim
        that    8 mark  IN  SCONJ that
        the     7 det   DT  DET   the
        town    8 nsubj NN  NOUN  town
        fell    4 acl   VBD VERB  fall
        .       2 punct .   PUNCT .
        """,
    )
    doubting = CueWords(load_cues(), load_lexicon(), _SureOf(), "combined")
    (claim,) = doubting.propose(context_of(doc), [])
    assert described(doc, claim) == (
        "light_verb_noun",
        "The rebels",
        "made the claim",
        ["that the town fell"],
    )


def test_a_listed_verb_under_a_verb_of_impression_stays_whatever_the_model_scores(nlp):
    # The network learned "seemed" as the head of "seemed to accept"; sure of it alone, it
    # would lose the report, since "seemed" yields to the cue verb under it.
    doc = parsed(
        nlp,
        """
        The      1 det   DT  DET   the
        mayor    2 nsubj NN  NOUN  mayor
        seemed   2 ROOT  VBD VERB  seem
        to       4 aux   TO  PART  to
        accept   2 xcomp VB  VERB  accept
        the      6 det   DT  DET   the
        verdict  4 dobj  NN  NOUN  verdict
        .        2 punct .   PUNCT .
        """,
    )
    sure_of_seemed = CueWords(load_cues(), load_lexicon(), _SureOf("seemed"), "combined")
    (accept,) = sure_of_seemed.propose(context_of(doc), [])
    assert described(doc, accept) == ("verb", "The mayor", "seemed to accept", ["the verdict"])


def test_a_report_inverted_after_a_coordinated_clause_reports_the_clause(nlp):
    # The parser joins "said" to the clause before it, as if a third conjunct.
    doc = parsed(
        nlp,
        """
        The       1 det   DT  DET   the
        bridge    2 nsubj NN  NOUN  bridge
        stands    2 ROOT  VBZ VERB  stand
        ,         2 punct ,   PUNCT ,
        but       2 cc    CC  CCONJ but
        it        6 nsubj PRP PRON  it
        is        2 conj  VBZ AUX   be
        unsafe    6 acomp JJ  ADJ   unsafe
        ,         6 punct ,   PUNCT ,
        said      2 conj  VBD VERB  say
        the       11 det  DT  DET   the
        engineer  9 nsubj NN  NOUN  engineer
        .         2 punct .   PUNCT .
        """,
    )
    (said,) = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, said) == (
        "verb",
        "the engineer",
        "said",
        ["The bridge stands, but it is unsafe"],
    )


def test_a_parenthetical_promise_reports_the_clause_it_hangs_on(nlp):
    doc = parsed(
        nlp,
        """
        Cheaper   1 amod      JJR ADJ   cheap
        bread     7 nsubj     NN  NOUN  bread
        ,         5 punct     ,   PUNCT ,
        the       4 det       DT  DET   the
        governor  5 nsubj     NN  NOUN  governor
        vowed     7 parataxis VBD VERB  vow
        ,         5 punct     ,   PUNCT ,
        would     7 aux       MD  AUX   would
        come      7 ROOT      VB  VERB  come
        first     7 advmod    RB  ADV   first
        .         7 punct     .   PUNCT .
        """,
    )
    (vowed,) = CueWords(load_cues(), load_lexicon()).propose(context_of(doc), [])
    assert described(doc, vowed) == (
        "verb",
        "the governor",
        "vowed",
        ["Cheaper bread", "would come first"],
    )
