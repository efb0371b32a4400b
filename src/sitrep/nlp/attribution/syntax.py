"""The parse walks every rule family shares: subjects, agents, noun phrases, cue extents and
the character pieces a content is made of (``Chars``: doc-relative, half-open)."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sitrep.nlp.words import RELATIVE_PRONOUNS

Chars = tuple[int, int]

SUBJECT = ("nsubj", "csubj")
PASSIVE_SUBJECT = ("nsubjpass", "csubjpass")
#: relative pronouns that stand for the noun a clause hangs on ("the official who said");
#: "whose", a determiner, heads no subject and may hold a cue noun ("whose claim that ...")
RELATIVE = RELATIVE_PRONOUNS - {"whose"}
#: entity types that name who speaks
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Dependents that carry a subject down to a verb that has none of its own: "X denied it,
# saying ...", "X said ... and added ...", "X refused to confirm ...", "a statement saying ...".
_INHERITS_SUBJECT = frozenset({"conj", "advcl", "xcomp", "acl", "relcl", "pcomp"})
_CLAUSE_BREAKS = frozenset({"advcl", "relcl", "parataxis", "appos"})
_CORE_BREAKS = _CLAUSE_BREAKS | {"acl"}
# What is trimmed from the pieces left when a phrase is cut out of a content.
_EDGE = frozenset(" \t\n,;:—–-")


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject it inherits from the verb it depends on."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in SUBJECT]
        if len(subjects) == 1:
            return subjects[0]
        if subjects:
            # Two subjects are a parse of '“... mode,” said X': the speaker is the one not
            # cut off from the verb by a quotation mark.
            return min(subjects, key=lambda s: (_quote_between(s, token), abs(s.i - token.i)))
        if token.dep_ not in _INHERITS_SUBJECT or token.head is token:
            return None
        if token.dep_ in ("acl", "relcl"):
            return token.head if token.head.pos_ in ("NOUN", "PROPN") else None
        # "before revealing ...", "by saying ...": through the preposition to its verb.
        token = (
            token.head.head if token.dep_ == "pcomp" and token.head.dep_ == "prep" else token.head
        )
    return None


def _quote_between(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.is_quote for t in a.doc[low:high])


def child_with(token: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def that_clause(noun: Token, deps: frozenset[str] = frozenset({"acl"})) -> Token | None:
    """The "that" clause a noun states ("claims that P"), hung on it by one of ``deps``; the
    parser hangs some as ``ccomp`` ("no evidence that P")."""
    return next(
        (
            c
            for c in noun.children
            if c.dep_ in deps and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )


def agent_of(verb: Token) -> Token | None:
    """The object of a passive verb's "by" ("was reported by the agency")."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def prep_object(token: Token, prepositions: tuple[str, ...]) -> Token | None:
    for dependent in token.children:
        if dependent.dep_ == "prep" and dependent.lower_ in prepositions:
            found = next((c for c in dependent.children if c.dep_ in ("pobj", "pcomp")), None)
            if found is not None:
                return found
    return None


def cue_chars(word: Token, particle: Token | None = None) -> Chars:
    """The cue: the word with the auxiliaries, negation and particle that belong to it."""
    start = word
    while (
        start.i > 0
        and start.nbor(-1).dep_ in ("aux", "neg", "auxpass")
        and start.nbor(-1).head == word
    ):
        start = start.nbor(-1)
    end = word
    for dependent in word.children:
        if dependent.dep_ == "prt" and dependent.i == end.i + 1:
            end = dependent
    if particle is not None and particle.i > end.i and particle.i - end.i <= 2:
        end = particle
    return start.idx, end_of(end)


#: the prepositions whose object an adjective or noun cue is about
ABOUT = ("about", "of", "on", "over", "that", "to", "with")


def complement_of(
    word: Token, particle: Token | None, prepositions: tuple[str, ...] = ABOUT
) -> tuple[list[Chars], Token | None]:
    """What an adjective or noun cue is about: a that-clause, an infinitive, or the object of
    its preposition, one of ``prepositions`` unless it takes its own ("sure that ...", "willing
    to ...", "critical of ...", "claim that ...")."""
    for dependent in word.children:
        if dependent.dep_ in ("ccomp", "xcomp") or (
            dependent.dep_ == "acl" and dependent.pos_ in ("VERB", "AUX")
        ):
            return [subtree_chars(dependent)], dependent
    if particle is not None:
        prepositions = (particle.lower_,)
    target = prep_object(word, prepositions)
    if target is None:
        return [], None
    return [subtree_chars(target)], target


def clause_without(head: Token | None, phrase: SpacySpan) -> list[Chars]:
    """The clause ``head`` heads (its sentence when None), less ``phrase``: the content of
    "according to X" or "in a video released by X"."""
    tokens = list(head.subtree) if head is not None else list(phrase.sent)
    skip = set(range(phrase.start, phrase.end))
    return runs([t for t in tokens if t.i not in skip])


def runs(tokens: list[Token]) -> list[Chars]:
    """Character pieces of contiguous token runs, without edge punctuation and lone words."""
    found: list[list[Token]] = []
    for token in tokens:
        if found and token.i == found[-1][-1].i + 1:
            found[-1].append(token)
        else:
            found.append([token])
    pieces = []
    for run in found:
        while run and (run[0].is_punct or run[0].is_space) and run[0].text not in '“"‘«':
            run.pop(0)
        while run and (run[-1].is_punct or run[-1].is_space) and run[-1].text not in '”"’»':
            run.pop()
        if sum(1 for t in run if t.is_alpha) >= 2:
            pieces.append((run[0].idx, end_of(run[-1])))
    return pieces


def minus(text: str, pieces: list[Chars], cut: Chars) -> list[Chars]:
    """``pieces`` without the characters of ``cut`` and the punctuation left at its edges."""
    out = []
    for start, end in pieces:
        if cut[1] <= start or end <= cut[0]:
            out.append((start, end))
            continue
        for a, b in ((start, cut[0]), (cut[1], end)):
            while a < b and text[a] in _EDGE:
                a += 1
            while b > a and text[b - 1] in _EDGE:
                b -= 1
            if b - a > 1:
                out.append((a, b))
    return out


def noun_phrase(token: Token) -> SpacySpan:
    doc = token.doc
    return (
        doc[token.left_edge.i : token.right_edge.i + 1]
        if token.pos_ != "VERB"
        else doc[token.i : token.i + 1]
    )


def core(span: SpacySpan) -> Chars:
    """The noun phrase's characters without clauses and appositions hanging off its head; a
    name right after its title stays ("the Veldan president Arno Tamm": a close apposition,
    which the parser hangs like the comma-set "Arno Tamm, a lawyer, ...")."""
    head = span.root
    skip = {
        t.i
        for c in head.children
        if c.dep_ in _CORE_BREAKS and not _close_name(head, c)
        for t in c.subtree
    }
    kept = [t for t in span if t.i not in skip and not t.is_punct]
    if not kept:
        return span.start_char, span.end_char
    return kept[0].idx, end_of(kept[-1])


def _close_name(head: Token, child: Token) -> bool:
    return child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i == head.i + 1


def publisher(verb: Token) -> Token | None:
    """Who ``verb`` (released, posted) put something out by, on or through, as written."""
    for dependent in verb.children:
        if dependent.dep_ in ("agent", "prep") and dependent.lower_ in (
            "by",
            "on",
            "through",
            "via",
        ):
            target = child_with(dependent, ("pobj",))
            if target is not None:
                return target
    return None


def before_det(token: Token) -> bool:
    """Whether a determiner follows, as after a verb ("questions the fairness")."""
    return token.i + 1 < len(token.doc) and token.nbor().pos_ == "DET"


def subtree_chars(token: Token) -> Chars:
    return token.left_edge.idx, end_of(token.right_edge)


def chars(span: SpacySpan) -> Chars:
    return span.start_char, span.end_char


def end_of(token: Token) -> int:
    return token.idx + len(token.text)
