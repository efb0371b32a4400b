"""Factuality: negation ("did not"), denial ("denied that"), open questions ("whether"),
future ("will", "agreed to") and hypothetical ("urged X to", "if") mentions, from
resources/event_factuality.yaml."""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.nlp.events.context import Context
from sitrep.nlp.events.lexicon import Lexicon
from sitrep.nlp.events.mention import Mention, stronger
from sitrep.nlp.events.syntax import is_verbal, lemma_of

# Where a noun trigger takes part in the clause of the verb above it.
_CLAUSE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})


class Factuality:
    """Marks a mention negated, denied, questioned, future or hypothetical, listing in
    ``Mention.cues`` each rule that applied ("neg", "modal:will", "conditional:if",
    "question:whether", "noun:planned", "governor:deny", "reported-would")."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.lex = context.lex

    def assess(self, mention: Mention) -> None:
        lex = self.lex
        token = mention.token
        # A noun carried by a light verb, or said to occur, takes that verb's tense, modal and
        # negation: "will LAUNCH an attack", "the strike did not HAPPEN".
        head = token.head
        carried = token.dep_ in ("dobj", "attr") and self.context.light(head)
        occurring = token.dep_ == "nsubj" and lemma_of(head) in lex.occurrence_verbs
        predicate = head if not is_verbal(token) and (carried or occurring) else token
        for child in (*predicate.children, *(token.children if predicate != token else ())):
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and word in lex.negations):
                mention.negated = True
                mention.cues.append(f"neg:{word}")
            elif child.dep_ == "aux" and word in lex.modals:
                mention.modality = stronger(mention.modality, lex.modals[word])
                mention.cues.append(f"modal:{word}")
            elif child.dep_ == "mark":
                self.mark(mention, word)
            elif child.dep_ in ("amod", "compound", "det", "prep") and word in lex.noun_modifiers:
                kind = lex.noun_modifiers[word]
                if kind == "negating":
                    mention.negated = True
                else:
                    mention.modality = stronger(mention.modality, kind)
                mention.cues.append(f"noun:{word}")
        if predicate == token and not is_verbal(token) and token.dep_ in _CLAUSE_ROLES:
            # A noun that is a participant of a conditional or open clause shares its mark:
            # "whether the EXPLOSION was caused by a drone", "if the ATTACK succeeds".
            for child in head.children:
                if child.dep_ == "mark":
                    self.mark(mention, child.lower_)
        governor = self.governor(predicate)
        if governor is None:
            return
        head, kind = governor
        if kind == "reporting":
            if mention.modality == "hypothetical" and any(
                c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in predicate.children
            ):
                # "said it would attack": the future of reported speech.
                mention.modality = "future"
                mention.cues.append("reported-would")
            return
        mention.governor, mention.governor_kind = head, kind
        mention.cues.append(f"governor:{lemma_of(head)}")
        if kind == "negating":
            mention.negated = True
            if lemma_of(head) in lex.denials:
                mention.denied_by = _subject_text(head)
        else:
            mention.modality = stronger(mention.modality, kind)

    def mark(self, mention: Mention, word: str) -> None:
        """A subordinator on the mention's clause: conditional ("if") or open ("whether")."""
        if word in self.lex.conditional_marks:
            mention.modality = "hypothetical"
            mention.cues.append(f"conditional:{word}")
        elif word in self.lex.question_marks:
            mention.modality = "hypothetical"
            mention.questioned = True
            mention.cues.append(f"question:{word}")

    def governor(self, token: Token) -> tuple[Token, str] | None:
        """The nearest predicate above that decides the event's factuality, and its kind.
        Conjoined verbs share their first verb's governor; a conditional clause on the way
        makes the event hypothetical (returned as such)."""
        lex = self.lex
        node = token
        while node.head != node:
            dep = node.dep_
            head = node.head
            if dep == "conj":
                node = head
                continue
            if dep == "advcl":
                if any(
                    c.dep_ == "mark" and c.lower_ in lex.conditional_marks for c in node.children
                ):
                    return head, "hypothetical"
                if not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                    return None
            elif dep in ("prep",):
                if lemma_of(node) not in self.lex.governing_preps:
                    return None
            elif dep in ("acl", "relcl"):
                if lex.governors.get(lemma_of(head)) is None:
                    return None
            elif dep not in ("xcomp", "ccomp", "dobj", "pobj", "acomp", "pcomp"):
                return None
            kind = lex.governors.get(lemma_of(head))
            if kind is not None and head.pos_ in ("VERB", "ADJ", "NOUN", "AUX"):
                return head, kind
            node = head
        return None


def _subject_text(verb: Token) -> str:
    """The words of the verb's subject ("the defence ministry"), or "" when it has none."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return ""
    return subject.doc[subject.left_edge.i : subject.right_edge.i + 1].text


def settled(lex: Lexicon, verb: Token) -> bool:
    """Whether a verb says what happened: not negated, modal or governed by a word of
    intent or possibility ("was GOING to be abandoned")."""
    kind = lex.governors.get(verb.lower_) or lex.governors.get(lemma_of(verb))
    if kind not in (None, "reporting"):
        return False
    return not any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in lex.modals) for c in verb.children
    )
