"""Triggers and their types: candidates from the trigger lexicon (each names its entry), the
"X said Y must ..." construction, and PLOVER's coding of what is intended, demanded or
threatened (a promised attack is a THREATEN)."""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.nlp.doc import token_indices
from sitrep.nlp.events.classify import entries_of
from sitrep.nlp.events.context import Context
from sitrep.nlp.events.lexicon import TriggerEntry
from sitrep.nlp.events.mention import Mention
from sitrep.nlp.events.syntax import (
    antecedent,
    inherited_subject,
    is_passive,
    is_verbal,
    lemma_of,
    pobj,
    subject_of,
)

#: The entry of "X said Y must ...": a REQUEST built from the construction, not a word.
_OBLIGATION = TriggerEntry("REQUEST", frozenset({"VERB"}), name="obligation")


class Triggers:
    """Proposes the doc's event mentions and codes their PLOVER type and mode."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.doc = context.doc
        self.lex = context.lex

    def propose(self) -> list[Mention]:
        """One mention per trigger, in text order, each naming its rule (``Mention.rule``): a
        lexicon entry, or the obligation construction. Words an entry's condition used ("took
        PRISONER") start no mention of their own."""
        found: list[Mention] = []
        consumed: set[int] = set()
        doc, entries = self.doc, self.lex.entries
        # Only the words of the trigger lexicon and the modals can start a mention.
        starts = {
            *token_indices(doc, entries, "lemma"),
            *token_indices(doc, entries, "lower"),
            *token_indices(doc, self.lex.obligation_modals, "lower"),
        }
        for token in (doc[i] for i in sorted(starts)):
            if token.lower_ in self.lex.obligation_modals:
                obliged = self.obligation(token)
                if obliged is not None:
                    found.append(
                        Mention(
                            token, _OBLIGATION, "REQUEST", None, clause=obliged, tokens={token.i}
                        )
                    )
                continue
            found_entries = entries_of(token, self.lex)
            if not found_entries or not _eventive(token) or self.names_people(token):
                continue
            match = self.match(token, found_entries)
            if match is None:
                continue
            entry, extra, used = match
            consumed.update(t.i for t in used)
            found.append(Mention(token, entry, entry.type, entry.mode, extra, tokens={token.i}))
        return [m for m in found if m.token.i not in consumed]

    def names_people(self, token: Token) -> bool:
        """A noun that only says what kind of people another noun names ("AID workers",
        "PROTEST leaders", "STRIKE committee members") reports no happening."""
        return (
            token.dep_ == "compound"
            and not is_verbal(token)
            and "person" in self.context.classes(token.head)
        )

    def obligation(self, modal: Token) -> Token | None:
        """The clause of "X said/declared that Y must ...", where Y is not X."""
        clause = modal.head
        if modal.dep_ != "aux" or clause.dep_ != "ccomp" or not is_verbal(clause.head):
            return None
        speaker = subject_of(clause.head, 0)
        obliged = subject_of(clause, 0)
        if speaker is None or obliged is None or antecedent(obliged) == speaker:
            return None
        return clause

    def match(
        self, token: Token, entries: tuple[TriggerEntry, ...]
    ) -> tuple[TriggerEntry, tuple[Token, ...], list[Token]] | None:
        """The lexicon entry the word fits, with the words its conditions used: the first in
        lexicon order, unless entries of several types fit ("strike" with "on": a workers'
        PROTEST or an attack ON a market) and the type model prefers another by its margin
        (see sitrep.nlp.events.classify)."""
        model = self.context.types
        fits = self.fits(token, entries, first_only=model is None)
        senses = list(dict.fromkeys(entry.type for entry, _, _ in fits))
        if len(senses) > 1:
            scores = model.clause(list(token.sent), self.lex, token, senses)
            chosen = model.choose(scores, senses)
            return next(f for f in fits if f[0].type == chosen)
        return fits[0] if fits else None

    def senses(self, token: Token) -> list[str]:
        """The types of the lexicon entries whose conditions the word meets, in lexicon
        order (what the type model reads beside the clause)."""
        fits = self.fits(token, entries_of(token, self.lex))
        return list(dict.fromkeys(entry.type for entry, _, _ in fits))

    def fits(
        self, token: Token, entries: tuple[TriggerEntry, ...], first_only: bool = False
    ) -> list[tuple[TriggerEntry, tuple[Token, ...], list[Token]]]:
        """The entries the word fits, in lexicon order, each with the words its conditions
        used (see :meth:`fit`); ``first_only``: at most the first."""
        found = []
        for entry in entries:
            fit = self.fit(token, entry)
            if fit is None:
                continue
            found.append((entry, *fit))
            if first_only:
                break
        return found

    def fit(
        self, token: Token, entry: TriggerEntry
    ) -> tuple[tuple[Token, ...], list[Token]] | None:
        """Whether the word meets the entry's part of speech and conditions: the words its
        "with" condition found and the words its conditions used, else None."""
        verbal = is_verbal(token)
        nominal = not verbal and (token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN"))
        if not (("VERB" in entry.pos and verbal) or ("NOUN" in entry.pos and nominal)):
            return None
        extra: tuple[Token, ...] = ()
        if entry.with_:
            # A preposition the trigger governs opens an argument ("a strike ON the
            # market"); only one that governs the trigger frames it ("went ON strike").
            extra = tuple(
                t
                for t in (*token.children, token.head)
                if lemma_of(t) in entry.with_
                and t != token
                and not (t.head == token and t.dep_ == "prep")
            )
            if not extra:
                return None
        if entry.without and any(
            lemma_of(t) in entry.without for c in token.children for t in (c, *c.children)
        ):
            return None
        used: list[Token] = []
        if entry.objects:
            patient = _patient(token, verbal, entry)
            if patient is None or not (self.context.classes(patient) & entry.objects):
                return None
            used.append(patient)
        used.extend(t for t in extra if t.i != token.head.i)
        return extra, used

    def retype(self, mentions: list[Mention]) -> list[Mention]:
        """PLOVER's coding of intentions and contents: "demanded the release" is a
        REQUEST/yield, "agreed to attack" a THREATEN, "refused to withdraw" a REJECT. A changed
        type names its convention in ``Mention.retyped``."""
        lex = self.lex
        by_token = {m.token.i: m for m in mentions}
        for mention in mentions:
            governing = by_token.get(mention.governor.i) if mention.governor is not None else None
            polarity = lex.polarity[mention.type]
            if governing is not None:
                if governing.type in ("REQUEST", "REJECT"):
                    governing.mode = governing.mode or lex.as_content.get(mention.type)
                    continue
                if governing.type == "THREATEN":
                    governing.mode = governing.mode or lex.as_threat.get(mention.type)
                    continue
                if governing.type == "AGREE" and polarity == "conflictual":
                    governing.type, governing.mode = "THREATEN", lex.as_threat.get(mention.type)
                    governing.retyped = "agreed-force"
                    continue
                if governing.type == "ACCUSE":
                    continue
            if mention.modality == "asserted" or mention.negated and polarity != "cooperative":
                continue
            if self.ultimatum(mention):
                mention.type, mention.mode = (
                    "THREATEN",
                    lex.as_threat.get(mention.type, "relations"),
                )
                mention.retyped = "ultimatum"
            elif polarity == "cooperative" and mention.negated:
                mention.type, mention.mode = "REJECT", lex.as_content.get(mention.type)
                mention.negated, mention.modality = False, "asserted"
                mention.retyped = "refused-cooperation"
            elif polarity == "cooperative":
                mention.type, mention.mode = "AGREE", None
                mention.retyped = "promised-cooperation"
            elif mention.type in lex.as_threat and mention.modality == "future":
                mention.type, mention.mode = "THREATEN", lex.as_threat[mention.type]
                mention.retyped = "announced-force"
        return mentions

    def ultimatum(self, mention: Mention) -> bool:
        """An announced action with an "unless" condition is an ultimatum."""
        return mention.modality == "future" and any(
            c.dep_ == "advcl" and any(m.lower_ in self.lex.ultimatum_marks for m in c.children)
            for c in mention.token.children
        )

    def mode_from_cues(self, mention: Mention) -> None:
        """The mode of a mention whose entry gives none, from the words around the trigger."""
        cues = self.lex.mode_cues.get(mention.type)
        if mention.mode is not None or not cues:
            return
        words = {lemma_of(mention.token), mention.token.lower_}
        # The instrument: "killed IN A CAR BOMB", "by a sniper", "FIRED ROCKETS", "Israeli JETS bombed".
        instrument_object = lemma_of(mention.token) in self.lex.instrument_verbs
        nearby = [*mention.token.children]
        if mention.actor_head is not None:
            nearby.append(mention.actor_head)
        for token in nearby:
            if token.dep_ in ("prep", "agent"):
                obj = pobj(token)
                if obj is not None and lemma_of(token) in ("with", "by", "in", "from", "using"):
                    words.update(lemma_of(t) for t in (obj, *obj.children) if t.dep_ != "prep")
            elif instrument_object or token.dep_ not in ("dobj", "nsubjpass"):
                words.update(
                    lemma_of(t)
                    for t in (token, *token.children)
                    if t.dep_ in ("compound", "amod") or t == token
                )
        for mode, cue_words in cues:
            if words & cue_words:
                mention.mode = mode
                return


def _eventive(token: Token) -> bool:
    """Whether a word reports an event rather than describing a thing: attributive and
    nominal participles ("the ALLEGED bombers", "Iran-BACKED militias", "the WOUNDED") do not,
    nor does a word of a date ("in MARCH", "on MAY 4")."""
    if token.ent_type_ in ("DATE", "TIME"):
        return False
    if not is_verbal(token):
        return True
    if token.dep_ == "amod":
        return False
    return not (
        token.tag_ == "VBN" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound")
    )


def _patient(token: Token, verbal: bool, entry: TriggerEntry) -> Token | None:
    """The undergoer whose class decides the entry: object, passive subject, "of" phrase."""
    if verbal:
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass", "oprd"):
                return child
        if is_passive(token):
            return inherited_subject(token) or (token.head if token.dep_ == "acl" else None)
        return None
    for child in token.children:
        if child.dep_ == "prep" and lemma_of(child) == "of":
            return pobj(child)
    if entry.possessor == "recipient":
        return next((c for c in token.children if c.dep_ in ("poss", "compound")), None)
    return None
