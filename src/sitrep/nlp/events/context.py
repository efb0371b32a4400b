"""What every event rule family reads of one doc: the lexicon, the type model, the actors and
their mentions, the places' spans, and the noun classes of phrases."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.nlp.actors import MentionIndex, actor_mentions
from sitrep.nlp.doc import records
from sitrep.nlp.events.classify import TypeModel
from sitrep.nlp.events.lexicon import Lexicon
from sitrep.nlp.events.syntax import lemma_of, np_head_range, pobj
from sitrep.nlp.words import PEOPLE_PRONOUNS, POSSESSIVE_DETERMINERS

# Actor kinds that make a noun phrase a group of people ("captured Russian soldiers").
_PEOPLE_KINDS = frozenset({"person", "military", "armed_group", "population", "government"})
#: Pronouns that stand for people as a phrase of their own ("captured THEM", "HE was shot").
PERSON_PRONOUNS = PEOPLE_PRONOUNS - POSSESSIVE_DETERMINERS


class Context:
    """One doc as the rule families see it."""

    def __init__(self, doc: Doc, lexicon: Lexicon, types: TypeModel | None = None) -> None:
        self.doc = doc
        self.lex = lexicon
        self.types = types
        self.kinds = {actor.id: actor.kind for actor in records(doc, "actors")}
        offset = doc._.offset or 0
        # Asked of most noun phrases: the characters places cover, not the spans to walk.
        self.place_chars = {
            char
            for p in records(doc, "places")
            for m in p.mentions
            for char in range(m.start - offset, m.end - offset)
        }
        # Looked up for most noun phrases: indexed once (events add no actor mentions).
        self.actors = MentionIndex(actor_mentions(doc))

    def actor_for(self, start_char: int, end_char: int) -> str | None:
        """See :func:`sitrep.nlp.actors.actor_for`."""
        return self.actors.actor_for(start_char, end_char)

    def classes(self, token: Token, depth: int = 0) -> frozenset[str]:
        """Noun classes of a phrase's head; for a head with none ("tons OF AID", "a state OF
        EMERGENCY", "AID deliveries"), those of its "of" phrase or compound modifiers."""
        found = set(self.lex.classes.get(lemma_of(token), ())) | self.lex.classes.get(
            token.lower_, frozenset()
        )
        if token.lower_ in PERSON_PRONOUNS or token.ent_type_ in ("PERSON", "NORP"):
            found.add("person")
        if token.ent_type_ in ("GPE", "LOC", "FAC") or token.idx in self.place_chars:
            found.add("place")
        actor = self.actor_for(*np_head_range(token))
        if actor is not None and self.kinds.get(actor) in _PEOPLE_KINDS:
            found.add("person")
        if (not found or found == {"portion"}) and depth < 2:
            for child in token.children:
                if child.dep_ == "compound" or (child.dep_ == "prep" and lemma_of(child) == "of"):
                    inner = pobj(child) if child.dep_ == "prep" else child
                    if inner is not None:
                        found |= self.classes(inner, depth + 1)
        return frozenset(found)

    def light(self, token: Token) -> bool:
        return lemma_of(token) in self.lex.light_verbs or token.lower_ in self.lex.light_verbs
