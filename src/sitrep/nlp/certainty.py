"""Certainty: how firmly a report holds. Hedges ("believed to be", "reportedly", scare quotes
in a headline), the stance of a source toward what it reports (asserts, denies, questions) and
verification statements ("could not be independently verified by Reuters").

The ``sitrep_certainty`` component runs after the parser and before ``sitrep_attribution``;
it builds its matchers once per pipeline and keeps what it finds on the doc, for attribution
and claims to read:

- ``doc.spans["sitrep_hedges"]``: hedge cues, labelled with their category (:func:`hedges`
  reads them with their scope), and ``doc._.hedges``: every hedge of the article as a record
  for the report, the headline's scare quotes included (:func:`article_hedges`);
- ``doc.spans["sitrep_questioning"]``: idioms by which a source questions a claim ("viewed
  the claim with caution"), each starting with its verb;
- ``doc._.verification_cues``: statements that someone checked a claim, with the checker's
  token; ``sitrep_attribution`` resolves the checker (it knows the article's speakers) and keeps
  the statements that count as ``doc._.verifications`` (:func:`verifications` reads them).

A source's stance (:func:`stance`, :func:`cue_negated`, :func:`negated`) is read from the
parse around a cue that attribution has found, so it is a function, not a component's output.
The lexicons are resources/hedges.yaml, stance_cues.yaml and verification.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from sitrep.model import Hedge as HedgeRecord
from sitrep.nlp.doc import keep_records, make_span, register_extensions, text_of, tokens_with
from sitrep.nlp.matcher import AnchoredMatcher

#: the span groups the component fills
HEDGES = "sitrep_hedges"
QUESTIONING = "sitrep_questioning"

SCOPES = ("anywhere", "content", "sentence")
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# A headline's scare quotes: a short quoted phrase that no speaker is credited with. The
# closing mark must not be followed by a letter, so that "group's" is no quote.
_SCARE_QUOTE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[:]))([‘“'\"])(?P<inner>[^‘’“”\"\n]{1,60}?)([’”'\"])(?![^\W\d_])"
)
_SCARE_QUOTE_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class Hedge:
    """A hedge cue at doc-relative character offsets ``[start, end)``."""

    start: int
    end: int
    category: str
    scope: str  # anywhere | content | sentence: where it hedges a claim (see hedges.yaml)


@dataclass(frozen=True, slots=True)
class VerificationStatement:
    """A statement that someone checked (or could not check) a claim or its evidence, at
    doc-relative character offsets. ``sitrep_certainty`` finds it with the checker's token;
    ``sitrep_attribution`` fills in who the checker is (``by_text``, ``by``)."""

    start: int  # the sentence that states it
    end: int
    status: str  # unverified | verified | disputed
    checker: int | None  # token index of the checker's head; None: a passive without agent
    media_only: bool  # counts only when a news outlet checks ("confirm"; "verify" counts always)
    target_start: int | None  # what was checked ("The video"), when named
    target_end: int | None
    target_lemma: str | None  # the head noun of what was checked, lower-cased
    by_text: str = ""
    by: str | None = None

    def to_dict(self, offset: int) -> dict:
        """Its JSON form, its character offsets shifted by ``offset`` (to index article.text)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in _CHARS:
            if data[name] is not None:
                data[name] += offset
        return data

    @classmethod
    def from_dict(cls, data: dict, offset: int) -> VerificationStatement:
        """The statement of :meth:`to_dict`, its offsets shifted back by ``offset``."""
        values = dict(data)
        for name in _CHARS:
            if values[name] is not None:
                values[name] -= offset
        return cls(**values)


_CHARS = ("start", "end", "target_start", "target_end")


@dataclass(frozen=True)
class CertaintyLexicon:
    hedge_patterns: dict[str, list[list[dict]]]
    hedge_scopes: dict[str, str]
    negators: frozenset[str]
    refusal: frozenset[str]
    questioning: list[list[dict]]
    verify: frozenset[str]
    confirm: frozenset[str]
    inability: frozenset[str]
    authenticity: frozenset[str]
    dispute: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> CertaintyLexicon:
    """The packaged certainty lexicons (read once per process)."""
    root = resources.files("sitrep.resources")
    hedges = yaml.safe_load(root.joinpath("hedges.yaml").read_text("utf-8"))["categories"]
    stance = yaml.safe_load(root.joinpath("stance_cues.yaml").read_text("utf-8"))
    checks = yaml.safe_load(root.joinpath("verification.yaml").read_text("utf-8"))
    return CertaintyLexicon(
        hedge_patterns={name: spec["patterns"] for name, spec in hedges.items()},
        hedge_scopes={name: spec["scope"] for name, spec in hedges.items()},
        negators=frozenset(stance["negators"]),
        refusal=frozenset(stance["refusal"]),
        questioning=stance["questioning"],
        verify=frozenset(checks["verify"]),
        confirm=frozenset(checks["confirm"]),
        inability=frozenset(checks["inability"]),
        authenticity=frozenset(checks["authenticity"]),
        dispute=frozenset(checks["dispute"]),
    )


class CertaintyFinder:
    """The ``sitrep_certainty`` component: hedges, questioning idioms and verification
    statements (see the module docstring)."""

    def __init__(self, vocab: Vocab, lexicon: CertaintyLexicon) -> None:
        self.lexicon = lexicon
        self._hedges = AnchoredMatcher(vocab, lexicon.hedge_patterns)
        self._questioning = AnchoredMatcher(vocab, {"questioning": lexicon.questioning})

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[HEDGES] = self._hedge_spans(doc)
        doc.spans[QUESTIONING] = filter_spans(
            SpacySpan(doc, s, e) for _, s, e in self._questioning(doc)
        )
        offset = doc._.offset or 0
        doc._.verification_cues = [
            check.to_dict(offset) for check in verification_cues(doc, self.lexicon)
        ]
        keep_records(
            doc,
            "hedges",
            [HedgeRecord(h.category, make_span(doc, h.start, h.end)) for h in article_hedges(doc)],
        )
        return doc

    def _hedge_spans(self, doc: Doc) -> list[SpacySpan]:
        """Hedge cues in text order; overlapping matches keep the longest."""
        strings = doc.vocab.strings
        spans = [
            SpacySpan(doc, start, end, label=strings[match_id])
            for match_id, start, end in self._hedges(doc)
        ]
        return [
            span
            for span in sorted(filter_spans(spans), key=lambda s: s.start)
            if not _future_in_past(span)
        ]


def hedges(doc: Doc) -> list[Hedge]:
    """The hedge cues ``sitrep_certainty`` found, in text order."""
    scopes = load_lexicon().hedge_scopes
    return [
        Hedge(span.start_char, span.end_char, span.label_, scopes[span.label_])
        for span in doc.spans[HEDGES]
    ]


def article_hedges(doc: Doc) -> list[Hedge]:
    """Every hedge of the article in text order: the cues of :func:`hedges` and the headline's
    scare quotes."""
    found = hedges(doc) + headline_scare_quotes(text_of(doc))
    return sorted(found, key=lambda h: (h.start, h.end))


def verifications(doc: Doc) -> list[VerificationStatement]:
    """The verification statements that count, their checkers resolved (``doc._.verifications``,
    kept by ``sitrep_attribution``), at doc-relative offsets."""
    offset = doc._.offset or 0
    return [VerificationStatement.from_dict(data, offset) for data in doc._.verifications or ()]


def stance(
    lexicon: CertaintyLexicon,
    base: str,
    cue: Token,
    content_root: Token | None,
    denial: bool = False,
) -> str:
    """The stance of a source given its cue's own stance (reporting_cues.tsv): a withheld
    report questions ("did not confirm", "declined to say"), and so does disputing an open
    question ("disputed whether ..."); asserting a negated
    proposition denies it ("said no soldiers were captured"), and so does asserting a
    denial (``denial``: "said it rejects the accusations")."""
    if cue_negated(lexicon, cue):
        return "questions"
    if base == "denies" and content_root is not None and _interrogative(content_root):
        return "questions"  # "disputed whether the jet crossed": an open question
    if (
        base == "asserts"
        and content_root is not None
        and (denial or negated(lexicon, content_root))
    ):
        return "denies"
    return base


def cue_negated(lexicon: CertaintyLexicon, cue: Token) -> bool:
    """Whether a cue is negated ("did not confirm") or refused ("declined to say")."""
    if _has_neg(cue):
        return True
    head = cue.head
    return cue.dep_ == "xcomp" and (head.lemma_.lower() in lexicon.refusal or _has_neg(head))


def negated(lexicon: CertaintyLexicon, root: Token) -> bool:
    """Whether a proposition headed by ``root`` is negated: by "not"/"never", by a subject
    that is "none"/"nobody" or quantified by "no", or by "there have been no ..."."""
    negators = lexicon.negators
    for child in root.children:
        lower = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "advmod" and lower in negators):
            return True
        quantified = lower in negators or any(
            g.dep_ == "det" and g.lower_ in negators for g in child.children
        )
        # "no soldiers were captured", "there were no incidents", "had nothing to do
        # with", "saw no evidence": a negated argument negates the proposition.
        if quantified and child.dep_ in _SUBJECTS | {"attr", "dobj"}:
            return True
    return False


def verification_cues(doc: Doc, lexicon: CertaintyLexicon) -> list[VerificationStatement]:
    """Checks stated in the article, their checkers not yet resolved. "verify" and its kin
    count whoever checks; "confirm" counts only when a news outlet checks (``media_only``),
    since from anyone else it reports a stance. A passive with no agent is the article's own
    voice (``checker`` None)."""
    found: list[VerificationStatement] = []
    for token in tokens_with(doc, lexicon.dispute | lexicon.verify | lexicon.confirm):
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB":
            continue
        disputed = lemma in lexicon.dispute and _object_lemma(token) in lexicon.authenticity
        if not disputed and lemma not in lexicon.verify and lemma not in lexicon.confirm:
            continue
        chain = _governors(token)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        if passive:
            checker = _agent(token)
            target = _child(token, ("nsubjpass",))
        else:
            checker = next((s for t in chain if (s := _child(t, ("nsubj",))) is not None), None)
            target = _child(token, ("dobj", "ccomp"))
            if checker is None:
                continue
        if disputed:
            status = "disputed"
            target = _pobj(_child(token, ("dobj",)), "of") or target
        elif any(_has_neg(t) or t.lemma_.lower() in lexicon.inability for t in chain):
            status = "unverified"
        else:
            status = "verified"
        sent = token.sent
        found.append(
            VerificationStatement(
                sent.start_char,
                sent.end_char,
                status,
                checker.i if checker is not None else None,
                not disputed and lemma not in lexicon.verify,
                target.left_edge.idx if target is not None else None,
                _end(target.right_edge) if target is not None else None,
                target.lemma_.lower() if target is not None and target.pos_ != "PRON" else None,
            )
        )
    return found


def headline_scare_quotes(text: str) -> list[Hedge]:
    """Short quoted phrases in the headline (the first line of a doc's ``text``): the outlet
    keeps its distance from the words ("'Russian soldiers' captured")."""
    line = text.split("\n", 1)[0]
    return [
        Hedge(m.start(), m.end(), "scare_quote", "anywhere")
        for m in _SCARE_QUOTE.finditer(line)
        if len(m.group("inner").split()) <= _SCARE_QUOTE_MAX_WORDS
    ]


def _future_in_past(span: SpacySpan) -> bool:
    # "said it would withdraw" reports a plan, not a hypothesis: "would" under a past-tense
    # reporting verb is the future of the reported time (Szeged guidelines: not a cue).
    if span.label_ != "condition" or span[0].lower_ != "would":
        return False
    head = span[0].head
    return head.dep_ == "ccomp" and head.head.tag_ == "VBD"


def _interrogative(root: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in root.children)


def _has_neg(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _governors(token: Token) -> list[Token]:
    """The token and the words it complements: verify <- unable <- was."""
    chain = [token]
    while (
        chain[-1].dep_ in ("xcomp", "acomp") and chain[-1].head is not chain[-1] and len(chain) < 4
    ):
        chain.append(chain[-1].head)
    return chain


def _child(token: Token | None, deps: tuple[str, ...]) -> Token | None:
    if token is None:
        return None
    return next((c for c in token.children if c.dep_ in deps), None)


def _agent(token: Token) -> Token | None:
    return _child(_child(token, ("agent",)), ("pobj",))


def _pobj(token: Token | None, preposition: str) -> Token | None:
    if token is None:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == preposition:
            return _child(child, ("pobj",))
    return None


def _object_lemma(token: Token) -> str | None:
    obj = _child(token, ("dobj",))
    return obj.lemma_.lower() if obj is not None else None


def _end(token: Token) -> int:
    return token.idx + len(token.text)


@Language.factory(
    "sitrep_certainty",
    assigns=["doc.spans", "doc._.verification_cues", "doc._.hedges"],
    requires=["token.dep", "token.lemma", "token.tag", "doc.sents"],
)
def make_certainty(nlp: Language, name: str) -> CertaintyFinder:
    register_extensions()
    return CertaintyFinder(nlp.vocab, load_lexicon())
