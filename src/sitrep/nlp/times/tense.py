"""The tense of the verb that governs a time expression, which places a weekday or a bare
month before or after the publication date ("was released on Tuesday", "talks resume on
Tuesday")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.nlp.words import FUTURE_MODALS, PRESENT_BE

# How many heads up from the expression the governing verb is looked for.
_MAX_HEAD_STEPS = 8
# Verbs whose "to" infinitive looks ahead ("plans to meet on Monday"), and
# "is to resume on Tuesday", "set to resume", "slated to": a schedule.
_PLANNING_VERBS = frozenset(
    {"plan", "expect", "schedule", "intend", "due", "set", "be", "slate", "poise"}
)


def tense_of(doc: Doc, start: int, end: int) -> str:
    """past, future or present: the tense of the verb that governs the expression."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "present"
    token = span.root
    for _ in range(_MAX_HEAD_STEPS):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_MODALS or a.tag_ == "MD" and a.lower_ == "wo" for a in auxiliaries):
        return "future"
    if token.lower_ == "will":
        return "future"
    if (
        any(a.lower_ == "to" for a in auxiliaries)
        and token.head.lemma_ in _PLANNING_VERBS
        and not _past(token.head)
        and not (token.head.dep_ == "acomp" and _past(token.head.head))
    ):
        # Unless the plan itself is past: "it had been due to expire on Friday".
        return "future"
    if _past(token):
        return "past"
    if token.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return "past"
    if token.tag_ == "VBG" and any(a.lower_ in PRESENT_BE for a in auxiliaries):
        # "talks are resuming on Tuesday": the present progressive of plans.
        return "future"
    return "present"


def _past(token: Token) -> bool:
    """A verb in the simple past, or with a past auxiliary ("had been", "was")."""
    return token.tag_ == "VBD" or any(
        c.tag_ == "VBD" for c in token.children if c.dep_ in ("aux", "auxpass")
    )
