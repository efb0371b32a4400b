"""Closed-class English words the components share, defined once.

Open lists (reporting verbs, hedges, triggers, actor names) are data in ``resources/``; these
are the few grammatical words whose sets every component must agree on.
"""

from __future__ import annotations

from typing import NamedTuple


class Pronoun(NamedTuple):
    person: int  # 1, 2 or 3
    number: str  # singular | plural | any ("they" may stand for a state or a group)
    refers_to: str  # person | thing | group (people or a body of them)


#: Personal pronouns in every case, reflexives and possessive determiners included.
PRONOUNS: dict[str, Pronoun] = {
    **dict.fromkeys(("i", "me", "my", "myself"), Pronoun(1, "singular", "person")),
    **dict.fromkeys(("we", "us", "our", "ourselves"), Pronoun(1, "plural", "group")),
    **dict.fromkeys(("you", "your", "yourself"), Pronoun(2, "any", "person")),
    **dict.fromkeys(("he", "him", "his", "himself"), Pronoun(3, "singular", "person")),
    **dict.fromkeys(("she", "her", "herself"), Pronoun(3, "singular", "person")),
    **dict.fromkeys(("it", "its", "itself"), Pronoun(3, "singular", "thing")),
    **dict.fromkeys(("they", "them", "their", "themselves"), Pronoun(3, "any", "group")),
}

#: Pronouns that can only mean people (a speaker, a victim), never a thing.
PEOPLE_PRONOUNS = frozenset(w for w, p in PRONOUNS.items() if p.refers_to != "thing")
#: Quantifiers that stand for people of their own ("some said", "many believe", "others
#: argue"): an unnamed group when they head a phrase.
QUANTIFIERS = frozenset(
    {
        "some",
        "many",
        "most",
        "others",
        "several",
        "few",
        "both",
        "all",
        "each",
        "either",
        "neither",
        "none",
        "one",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "nobody",
    }
)
#: Words that head a phrase but point at a thing or a clause, never at someone: "that said",
#: "this shows", "which suggests", "there are reports", "nothing suggests".
POINTING_WORDS = frozenset(
    {
        "that",
        "this",
        "which",
        "what",
        "whatever",
        "there",
        "nothing",
        "something",
        "anything",
        "everything",
    }
)
#: Relative pronouns that open a relative clause ("the official who said").
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
#: Words that open an embedded question ("asked whether", "unclear how").
WH_WORDS = frozenset({"whether", "when", "how", "why", "what", "where", "who", "which"})
#: Possessive determiners, which own a phrase ("THEIR troops") rather than stand for one. "Her"
#: is not among them: it is also the object pronoun.
POSSESSIVE_DETERMINERS = frozenset({"my", "our", "your", "his", "its", "their"})
#: Personal pronouns in the subject or object case: the forms that head a noun phrase of their
#: own ("he said", "told them"), unlike possessive determiners and reflexives.
NOMINAL_PRONOUNS = frozenset(
    {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them"}
)
#: Modal auxiliaries of the future ("will go", "they'll go", "shall go"); the "wo" of "won't"
#: is one only where tagged a modal.
FUTURE_MODALS = frozenset({"will", "'ll", "shall"})
#: Present forms of "be" that make a present progressive ("talks are resuming").
PRESENT_BE = frozenset({"is", "are", "'s", "'re"})
