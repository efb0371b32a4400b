"""Certainty: how firmly a report holds. Hedges ("believed to be", "reportedly", scare quotes
in a headline), the stance of a source toward what it reports (asserts, denies, questions) and
verification statements ("could not be independently verified by Reuters").

Not a component of its own: a hedge or a verification only means something attached to an
attribution or a claim, so the ``sitrep_attribution`` and ``sitrep_claims`` components each
hold one :class:`CertaintyCues` (matchers built once per pipeline) and call it. The lexicons
are resources/hedges.yaml, stance_cues.yaml and verification.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from sitrep.nlp.doc import tokens_with
from sitrep.nlp.matcher import AnchoredMatcher

SCOPES = ("anywhere", "content", "sentence")
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# A headline's scare quotes: a short quoted phrase that no speaker is credited with. The
# closing mark must not be followed by a letter, so that "group's" is no quote.
_SCARE_QUOTE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[:]))([‘“'\"])(?P<inner>[^‘’“”\"\n]{1,60}?)([’”'\"])(?![^\W\d_])"
)
_SCARE_QUOTE_MAX_WORDS = 4

#: resolves the head token of a source or verifier to (source_text, actor id); None stands for
#: the article's own voice (the outlet).
Resolve = Callable[[Token | None], tuple[str, str | None]]


@dataclass(frozen=True, slots=True)
class Hedge:
    """A hedge cue at doc-relative character offsets ``[start, end)``."""

    start: int
    end: int
    category: str
    scope: str  # anywhere | content | sentence: where it hedges a claim (see hedges.yaml)


@dataclass(frozen=True, slots=True)
class VerificationStatement:
    """A statement that someone checked (or could not check) a claim or its evidence."""

    start: int  # the sentence that states it, doc-relative
    end: int
    status: str  # unverified | verified | disputed
    by_text: str
    by: str | None
    target_start: int | None  # what was checked ("The video"), when named
    target_end: int | None
    target_lemma: str | None  # the head noun of what was checked, lower-cased


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


class CertaintyCues:
    """Hedge, questioning and verification finders over one vocabulary."""

    def __init__(self, vocab: Vocab, lexicon: CertaintyLexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self._hedges = AnchoredMatcher(vocab, self.lexicon.hedge_patterns)
        self._questioning = AnchoredMatcher(vocab, {"questioning": self.lexicon.questioning})

    def hedges(self, doc: Doc) -> list[Hedge]:
        """Hedge cues in text order; overlapping matches keep the longest."""
        strings = doc.vocab.strings
        spans = [
            SpacySpan(doc, start, end, label=strings[match_id])
            for match_id, start, end in self._hedges(doc)
        ]
        return [
            Hedge(
                span.start_char, span.end_char, span.label_, self.lexicon.hedge_scopes[span.label_]
            )
            for span in sorted(filter_spans(spans), key=lambda s: s.start)
            if not _future_in_past(span)
        ]

    def questioning(self, doc: Doc) -> list[SpacySpan]:
        """Idioms by which a source questions a claim ("viewed the claim with caution"); the
        span's first token is the verb."""
        return filter_spans(SpacySpan(doc, s, e) for _, s, e in self._questioning(doc))

    def stance(
        self, base: str, cue: Token, content_root: Token | None, denial: bool = False
    ) -> str:
        """The stance of a source given its cue's own stance (reporting_cues.tsv): a withheld
        report questions ("did not confirm", "declined to say"), and so does disputing an open
        question ("disputed whether ..."); asserting a negated
        proposition denies it ("said no soldiers were captured"), and so does asserting a
        denial (``denial``: "said it rejects the accusations")."""
        if self.cue_negated(cue):
            return "questions"
        if base == "denies" and content_root is not None and _interrogative(content_root):
            return "questions"  # "disputed whether the jet crossed": an open question
        if (
            base == "asserts"
            and content_root is not None
            and (denial or self.negated(content_root))
        ):
            return "denies"
        return base

    def cue_negated(self, cue: Token) -> bool:
        if _has_neg(cue):
            return True
        head = cue.head
        return cue.dep_ == "xcomp" and (
            head.lemma_.lower() in self.lexicon.refusal or _has_neg(head)
        )

    def negated(self, root: Token) -> bool:
        """Whether a proposition headed by ``root`` is negated: by "not"/"never", by a subject
        that is "none"/"nobody" or quantified by "no", or by "there have been no ..."."""
        negators = self.lexicon.negators
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

    def verifications(
        self, doc: Doc, resolve: Resolve, media: Callable[[str, str | None], bool]
    ) -> list[VerificationStatement]:
        """Checks stated in the article. "verify" and its kin count whoever checks; "confirm"
        counts only when a news outlet checks (``media(by_text, by)``), since from anyone else
        it reports a stance. A passive with no agent is the article's own voice."""
        lexicon = self.lexicon
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
            by_text, by = resolve(checker)
            if not disputed and lemma not in lexicon.verify and not media(by_text, by):
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
                    by_text,
                    by,
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
