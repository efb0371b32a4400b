"""Sources resolved to actors: named actors directly, pronouns to the nearest fitting
antecedent ("he" -> the last person named), spokespersons and descriptions to whom they speak
for ("a spokesman for the group" -> the group), artefacts to whoever released them ("the
video" -> who released it). A person described, not named ("the bearded man"), becomes an
actor of the article once a source resolves to them.
"""

from __future__ import annotations

import bisect

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.model import Actor
from sitrep.nlp.actors import (
    ActorMention,
    MentionIndex,
    actor_for,
    actor_mentions,
    keep_actor_mentions,
    load_gazetteer,
)
from sitrep.nlp.attribution.lexicon import CueLexicon
from sitrep.nlp.attribution.syntax import (
    PASSIVE_SUBJECT,
    SUBJECT,
    Chars,
    core,
    end_of,
    noun_phrase,
    publisher,
)
from sitrep.nlp.attribution.text import Lines, Quote, inside
from sitrep.nlp.doc import article_of, keep_records, records, span_of, tokens_with
from sitrep.nlp.words import NOMINAL_PRONOUNS, PRONOUNS

# "you" addresses the reader or an interviewer: it has no antecedent among the speakers.
_PRONOUNS = NOMINAL_PRONOUNS - {"you"}
#: determiners of a description that picks out one person ("the bearded man")
_DEFINITE = frozenset({"the", "this", "that"})
_GROUP_KINDS = frozenset(
    {"armed_group", "military", "government", "media", "organization", "population"}
)


def outlet_actor(doc: Doc) -> tuple[str, str | None] | None:
    """The article's outlet as (name, actor id when the gazetteer knows it), or None."""
    article = article_of(doc)
    if article is None or not article.outlet:
        return None
    gazetteer = load_gazetteer()
    name = article.outlet
    key = (
        gazetteer.exact.get(name)
        or gazetteer.folded.get(name.lower())
        or gazetteer.folded.get(f"the {name.lower()}")
    )
    return name, key if key in gazetteer.entries else None


class SourceResolver:
    """Resolves a source noun phrase to (source_text, actor id): named actors directly,
    pronouns to the nearest fitting antecedent, spokespersons to whom they speak for,
    artefacts to whoever released them."""

    def __init__(self, doc: Doc, lexicon: CueLexicon, lines: Lines, quotes: list[Quote]) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.lines = lines
        self.quotes = quotes
        self.kinds = {actor.id: actor.kind for actor in records(doc, "actors")}
        self.outlet = outlet_actor(doc)
        self.speakers: list[tuple[int, str, str | None, str]] = []  # (char, text, actor, sort)
        self.publications: list[tuple[int, str]] = []  # (char, actor id) of "X released a video"
        self.described: dict[str, list[SpacySpan]] = {}  # person described -> its phrases
        self.cores: dict[tuple[int, int], Chars] = {}  # token span -> its core's characters
        # Lexicon unions asked about every source, made once.
        self.stand_ins = lexicon.spokespersons | lexicon.documents  # speak for who is named
        self.things = lexicon.documents | lexicon.bodies
        # The doc's actor mentions, indexed; only sitrep_actors and _register write them.
        self.mentions = MentionIndex(actor_mentions(doc))
        self._index_antecedents()

    def resolve(self, span: SpacySpan | None) -> tuple[str, str | None]:
        if span is None:
            return self.outlet or ("", None)
        text, actor = self._resolve(self.lines.span(span))
        if actor in self.described:
            self._register(actor)
        return text, actor

    def _resolve(self, span: SpacySpan) -> tuple[str, str | None]:
        head = span.root
        lower = head.lower_
        if head.pos_ == "PRON" and lower in _PRONOUNS:
            return self._pronoun(head)
        actor = self._actor_of(span)
        text = self._phrase_text(span)
        if actor is None and head.lemma_.lower() in self.lexicon.documents:
            actor = self._publisher(span)
        return text, actor or self._description(span)

    def _core(self, span: SpacySpan) -> Chars:
        """:func:`~sitrep.nlp.attribution.syntax.core`, once per phrase: a subject is looked
        up as an antecedent and again as a source."""
        key = (span.start, span.end)
        found = self.cores.get(key)
        if found is None:
            found = self.cores[key] = core(span)
        return found

    def _phrase_text(self, span: SpacySpan) -> str:
        """The words of the phrase's core (its tokens joined with their whitespace are the
        doc's text between its ends)."""
        start, end = self._core(span)
        return self.lines.text[start:end].strip()

    def _description(self, span: SpacySpan) -> str | None:
        """An actor id for one person described, not named ("the bearded man", "the younger
        captive"): a definite singular person noun with words that tell this one apart. The
        same description later in the article is the same person."""
        head = span.root
        if head.tag_ != "NN" or head.lemma_.lower() not in self.lexicon.persons:
            return None
        children = list(head.children)
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children)
        marked = [c for c in children if c.dep_ in ("amod", "compound") and c.i < head.i]
        if not definite or not marked:
            return None
        words = [t.lower_ for t in span if marked[0].i <= t.i <= head.i and t.dep_ != "punct"]
        actor = "person_" + "_".join(words)
        self.described.setdefault(actor, []).append(span)
        return actor

    def _register(self, actor: str) -> None:
        """Adds a described person to the doc's actors once a source resolves to them, so
        that claims and events name them too."""
        doc = self.doc
        spans = {(s.start_char, s.end_char): s for s in self.described[actor]}
        known = {(m.start, m.end) for m in actor_mentions(doc) if m.actor_id == actor}
        if known >= set(spans):
            return
        ordered = [spans[key] for key in sorted(spans)]
        mentions = [m for m in actor_mentions(doc) if m.actor_id != actor]
        mentions += [ActorMention(s.start_char, s.end_char, actor, "description") for s in ordered]
        keep_actor_mentions(doc, mentions)
        self.mentions = MentionIndex(actor_mentions(doc))
        record = Actor(
            actor,
            self._phrase_text(ordered[0]),
            "person",
            None,
            tuple(span_of(doc, s) for s in ordered),
        )
        keep_records(doc, "actors", [a for a in records(doc, "actors") if a.id != actor] + [record])
        self.kinds[actor] = "person"

    def resolve_token(self, token: Token | None) -> tuple[str, str | None]:
        return self.resolve(noun_phrase(token) if token is not None else None)

    def is_media(self, text: str, actor: str | None) -> bool:
        """Whether a checker is a news outlet: a media actor, or the article's own outlet."""
        if actor is not None and self.kinds.get(actor) == "media":
            return True
        if self.outlet is None:
            return False
        name, outlet_id = self.outlet
        return (actor is not None and actor == outlet_id) or _fold(text) == _fold(name)

    def _actor_of(self, span: SpacySpan) -> str | None:
        head = span.root
        named = self._named_in_apposition(head)
        if named is not None:
            return named
        found = self.mentions.actor_for(head.idx, end_of(head))
        if found is not None:
            return found
        if head.lemma_.lower() in self.stand_ins:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in (
                    "for",
                    "of",
                    "from",
                    "at",
                    "with",
                    "by",
                ):
                    target = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if target is not None:
                        found = self.mentions.actor_for(
                            target.left_edge.idx, end_of(target.right_edge)
                        )
                elif child.dep_ in ("poss", "compound", "amod", "nmod"):
                    found = self.mentions.actor_for(child.left_edge.idx, end_of(child.right_edge))
                if found is not None:
                    return found
        core = self._core(span)
        return self.mentions.actor_for(core[0], core[1])

    def _named_in_apposition(self, head: Token) -> str | None:
        """The person a role description names in apposition ("the Veldan president, Arno
        Tamm, said"): the speaker is that person, not the office the role's words also
        name, so that the same person described and named is one source."""
        if head.pos_ == "PROPN":
            return None
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                found = self.mentions.actor_for(child.left_edge.idx, end_of(child.right_edge))
                if found is not None and self.kinds.get(found) == "person":
                    return found
        return None

    def _publisher(self, span: SpacySpan) -> str | None:
        """Who released an artefact: named in its phrase ("a video released by Amaq", "the
        group's statement"), else the last actor seen releasing one."""
        head = span.root
        for token in [head, *head.children, *(t for c in head.children for t in c.children)]:
            if token.lemma_.lower() in self.lexicon.publish and token.tag_ == "VBN":
                found = _released_by(self.doc, token)
                if found is not None:
                    return found
        for pos, actor in reversed(self.publications):
            if pos < head.idx:
                return actor
        return None

    def _pronoun(self, token: Token) -> tuple[str, str | None]:
        pronoun = PRONOUNS[token.lower_]
        if pronoun.person == 1:
            # "we" outside a quotation is the outlet's own voice.
            if pronoun.number == "plural" and not inside(self.quotes, token.idx) and self.outlet:
                return self.outlet
            return token.text, None
        wanted = pronoun.refers_to
        for pos, text, actor, sort in reversed(self.speakers):
            if pos >= token.idx:
                continue
            if sort == wanted or (wanted == "group" and sort == "thing"):
                return text, actor
        return token.text, None

    def note_speaker(self, span: SpacySpan, text: str, actor: str | None) -> None:
        """Makes a resolved source available as an antecedent: speakers stay topical."""
        sort = self._sort(span.root, actor)
        if sort is not None:
            # Kept in text order by insertion: sorting anew on each would cost the whole list.
            bisect.insort(self.speakers, (span.root.idx, text, actor, sort), key=_position)

    def _index_antecedents(self) -> None:
        # Subjects are the antecedents pronouns prefer (Hobbs 1978; Lappin & Leass 1994).
        doc = self.doc
        for i in _subject_nouns(doc):
            token = doc[i]
            span = self.lines.span(noun_phrase(token))
            actor = self._actor_of(span) or self._description(span)
            sort = self._sort(token, actor)
            if sort is not None:
                self.speakers.append((token.idx, self._phrase_text(span), actor, sort))
        documents = self.lexicon.documents
        for token in tokens_with(doc, self.lexicon.publish):
            if token.pos_ != "VERB":
                continue
            obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is None or obj.lemma_.lower() not in documents:
                continue
            by = _released_by(doc, token) if obj.dep_ == "nsubjpass" else None
            if by is None and obj.dep_ == "dobj":
                subject = next((c for c in token.children if c.dep_ in SUBJECT), None)
                by = self._actor_of(noun_phrase(subject)) if subject is not None else None
            if by is not None:
                self.publications.append((token.idx, by))

    def _sort(self, head: Token, actor: str | None) -> str | None:
        kind = self.kinds.get(actor) if actor else None
        lemma = head.lemma_.lower()
        if (
            kind == "person"
            or head.ent_type_ == "PERSON"
            or (lemma in self.lexicon.persons and head.tag_ in ("NN", "NNP"))
        ):
            return "person"
        if head.tag_ in ("NNS", "NNPS") or kind in _GROUP_KINDS:
            return "group" if head.tag_ in ("NNS", "NNPS") else "thing"
        if lemma in self.things or head.ent_type_ == "ORG":
            return "thing"
        return None


def _position(speaker: tuple[int, str, str | None, str]) -> int:
    return speaker[0]


def _subject_nouns(doc: Doc) -> list[int]:
    """The indices of the nouns and names that are subjects, active or passive (from the
    doc's arrays: most tokens are neither, and a Token's attributes each cost a lookup)."""
    strings = doc.vocab.strings
    pos, dep = doc.to_array(["POS", "DEP"]).T
    noun = (pos == strings["NOUN"]) | (pos == strings["PROPN"])
    subject = np.zeros(len(doc), dtype=bool)
    for label in SUBJECT + PASSIVE_SUBJECT:
        subject |= dep == strings[label]
    return np.flatnonzero(noun & subject).tolist()


def _released_by(doc: Doc, verb: Token) -> str | None:
    """The actor by, on or through whom ``verb`` (released, posted) put something out."""
    target = publisher(verb)
    return (
        actor_for(doc, target.left_edge.idx, end_of(target.right_edge))
        if target is not None
        else None
    )


def _fold(text: str) -> str:
    words = text.casefold().split()
    return " ".join(words[1:] if words and words[0] == "the" else words)
