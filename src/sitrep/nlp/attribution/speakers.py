"""Sources are actors or nothing: what kind of source a phrase names, and the phrases that name
no one.

A source is a named actor, a person or body described ("officials", "a witness", "the
campaign"), a document someone made ("a statement"), people left unnamed ("some", "those
surveyed", "59 percent") or a pronoun. The parse sometimes makes something else the subject of
a cue:

1. a word that points at a thing or a clause: "That said, ...", "this shows", "there are
   reports", "nothing suggests" (``POINTING_WORDS``);
2. a word that heads no noun phrase: a verb ("Countering ..., X said" parsed with "Countering"
   as subject), an adverb, a preposition;
3. a noun that names no one who could speak: "evidence suggests" (``not_speakers`` in
   resources/attribution.yaml);
4. a word of a name whose next word the parse took for the cue: "Islamic" as the subject of
   "State" in "Islamic State claimed ..."; this is no attribution at all.

In 1-3 the report stays, without a source, only where its cue reports speech and it has a
content ("that said, the talks resume" keeps "said": someone said it); a belief or an inference
("suggests", "shows") with no one holding it is no attribution. In 4 it goes.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sitrep.nlp.actors import ActorMention
from sitrep.nlp.attribution.lexicon import CueLexicon
from sitrep.nlp.attribution.syntax import Chars
from sitrep.nlp.words import POINTING_WORDS, PRONOUNS

#: the actor kind of a name that no actor of the gazetteer or the article holds, by entity type
_ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "government",
    "NORP": "population",
}
#: entity types of a share of people ("59 percent said", "a third say")
_COUNTS = frozenset({"CARDINAL", "PERCENT", "QUANTITY"})
#: parts of speech that may head a phrase naming someone; "X" is what the tagger gives a web
#: address or handle ("GunBroker.com")
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
#: relative pronouns that stand for people ("those who say"), unlike "which" and "that"
_PERSONAL_RELATIVES = frozenset({"who", "whom"})
#: what the report keeps when its source names no one: only speech is reported without a source
SOURCELESS_KINDS = frozenset({"speech"})


def source_kind(
    span: SpacySpan, actor: str | None, actor_kinds: dict[str, str], lexicon: CueLexicon
) -> str | None:
    """The kind of the source ``span`` (resolved to ``actor``, None when no actor holds it):
    its actor's kind, "document", "unnamed" or "pronoun"; None when it names no one."""
    if actor is not None:
        return actor_kinds.get(actor, "other")
    head = span.root
    lower, lemma = head.lower_, head.lemma_.lower()
    if lower in POINTING_WORDS or head.tag_ == "EX":
        return None
    if head.ent_type_ in _ENTITY_KINDS:
        return _ENTITY_KINDS[head.ent_type_]
    if head.ent_type_ in _COUNTS:
        return "unnamed"
    if head.pos_ not in _NOMINAL:
        # Adjectives and determiners that stand alone stand for people ("many", "both").
        return "unnamed" if head.pos_ in ("ADJ", "DET") and head.dep_ != "amod" else None
    if head.pos_ == "PRON":
        return "pronoun" if lower in PRONOUNS or lower in _PERSONAL_RELATIVES else "unnamed"
    if lemma in lexicon.not_speakers:
        return None
    if lemma in lexicon.documents:
        return "document"
    return "other" if head.pos_ in ("PROPN", "X") else "unnamed"


def inside_name(
    source: SpacySpan, cue: Chars, cue_word: Token, mentions: list[ActorMention]
) -> bool:
    """Whether the cue word continues the name that the source begins ("Islamic" + "State"):
    the source comes right before the cue and both lie in one name of the actor gazetteer.
    Named entities do not tell: in a title-case headline the recognizer runs a name on into
    the verb ("Ben Carson Defends")."""
    return source.end == cue_word.i and any(
        m.via == "gazetteer" and m.start <= source.start_char and cue[1] <= m.end for m in mentions
    )
