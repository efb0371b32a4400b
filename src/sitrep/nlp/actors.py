"""Actors: who is named in an article, resolved to canonical actors with kind and country.

Four sources, longest match first: the gazetteer of named actors (resources/actors.yaml),
state institutions generated per country ("the Russian Defence Ministry", "Russia's defence
ministry", "Syrian troops"), descriptions resolved in context ("the militants" -> the armed
group named before; "the defence ministry" -> the ministry named before), and people and
organisations from spaCy's NER. Countries and capitals count as actors only where they act
("Moscow denied", "by Turkey"); elsewhere they are places.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans, registry

from sitrep.model import Actor
from sitrep.nlp.doc import keep_records, make_span, register_extensions

# Roles in which a country or capital name stands for the state rather than the territory:
# it acts ("Moscow denied"), is acted on ("sanctioned Iran", "gave Turkey"), or is the other
# party ("talks with Russia", "sanctions on Iran", "war against Ukraine").
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative"})
#: where a body named by its head noun alone acts or speaks ("the centre said", "its report")
_ACTING_AS = frozenset({"nsubj", "nsubjpass", "poss"})
#: the kinds of actor a head noun alone may name again
_BODY_KINDS = frozenset({"organization", "government", "military", "media", "armed_group"})
_PARTY_PREPOSITIONS = frozenset({"by", "with", "against", "on"})
#: prepositions that name who issued a document ("a report by the monitor")
_ISSUED_BY = frozenset({"by", "from"})
_ACRONYM = re.compile(r"^[A-Z][A-Z.]{1,4}$")
_SLUG = re.compile(r"[^a-z0-9]+")
#: the most words of a name after a title ("Ivan Petrovich Drozdov")
_MAX_NAME_WORDS = 3


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    country: str | None
    parent: str | None = None
    institution: str | None = None  # institution type for generated state bodies


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A doc-relative character span that refers to ``actor_id``; ``via`` says how it was found.
    The typed view :func:`actor_mentions` gives of what the doc keeps."""

    start: int
    end: int
    actor_id: str
    via: str  # gazetteer | institution | state | description | ner


@dataclass(frozen=True)
class Gazetteer:
    """Alias tables for the matcher. ``exact`` phrases match case-sensitively (acronyms such as
    IS, AP); ``folded`` ones case-insensitively. Generic keys ("generic:military",
    "kinds:armed_group") mark descriptions resolved in context."""

    entries: dict[str, ActorEntry]
    exact: dict[str, str]
    folded: dict[str, str]
    countries: dict[str, str]  # country and capital names (folded) -> iso3, for states acting
    titles: frozenset[str] = frozenset()  # role words written before a name ("PM", "General")

    def entry_for_institution(self, iso3: str, institution: str) -> ActorEntry | None:
        return self.entries.get(f"{iso3.lower()}_{institution}")


@registry.misc("sitrep.actor_gazetteer.v1")
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from sitrep's packaged resources (read once per process)."""
    return _packaged_gazetteer()


@lru_cache(maxsize=1)
def _packaged_gazetteer() -> Gazetteer:
    root = resources.files("sitrep.resources")
    countries = list(_read_tsv(root.joinpath("countries.tsv").read_text("utf-8")))
    institutions = yaml.safe_load(root.joinpath("institutions.yaml").read_text("utf-8"))
    named = yaml.safe_load(root.joinpath("actors.yaml").read_text("utf-8"))["actors"]
    descriptions = yaml.safe_load(root.joinpath("descriptions.yaml").read_text("utf-8"))
    return build_gazetteer(
        countries,
        institutions["institutions"],
        named,
        descriptions["descriptions"],
        frozenset(descriptions["titles"]),
    )


def build_gazetteer(
    countries: list[dict[str, str]],
    institutions: dict[str, dict],
    named: list[dict],
    descriptions: list[dict],
    titles: frozenset[str] = frozenset(),
) -> Gazetteer:
    """Assembles alias tables from resource rows; tests pass small hand-made rows."""
    entries: dict[str, ActorEntry] = {}
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    state_names: dict[str, str] = {}

    def alias(phrase: str, key: str) -> None:
        if _ACRONYM.match(phrase) and phrase.replace(".", "").isupper():
            exact.setdefault(phrase, key)
        else:
            folded.setdefault(phrase.lower(), key)

    for row in countries:
        iso3 = row["iso3"]
        names = [row["name"], *_split(row["aliases"])]
        demonyms = _split(row["demonyms"])
        label = demonyms[0] if demonyms else row["name"]
        for name in [*names, *_split(row["capital"])]:
            state_names[name.lower()] = iso3
        prefixes = demonyms + [f"{n}{apo}s" for n in names for apo in ("'", "\u2019")]
        for inst, spec in institutions.items():
            key = f"{iso3.lower()}_{inst}"
            entries[key] = ActorEntry(
                key, spec["name"].format(label=label), spec["kind"], iso3, institution=inst
            )
            for prefix in prefixes:
                for phrase in spec["phrases"]:
                    folded.setdefault(f"{prefix} {phrase}".lower(), key)
    # Generic names only refer back when definite ("the army"); "any military personnel" does not.
    for inst, spec in institutions.items():
        for phrase in spec.get("generic", ()):
            folded.setdefault(f"the {phrase}".lower(), f"generic:{inst}")
    folded.setdefault("the ministry", "generic:ministry")
    for row in named:
        entry = ActorEntry(
            row["id"],
            row["name"],
            row["kind"],
            row.get("country"),
            row.get("parent"),
            institution=_institution_of(row["id"], entries),
        )
        entries[entry.id] = entry
        for phrase in row.get("aliases", ()):
            # Named aliases win over generated phrases ("the Kremlin" over nothing, "IDF" etc.).
            key = entry.id
            if _ACRONYM.match(phrase) and phrase.replace(".", "").isupper():
                exact[phrase] = key
            else:
                folded[phrase.lower()] = key
    for group in descriptions:
        key = "kinds:" + ",".join(group["kinds"])
        for phrase in group["phrases"]:
            folded.setdefault(phrase.lower(), key)
    for name, iso3 in state_names.items():
        alias_key = f"state:{iso3}"
        if _ACRONYM.match(name.upper()) and len(name) <= 3:
            exact.setdefault(name.upper(), alias_key)
        folded.setdefault(name, alias_key)
    return Gazetteer(entries, exact, folded, state_names, titles)


def _institution_of(entry_id: str, generated: dict[str, ActorEntry]) -> str | None:
    # A named entry that replaces a generated one (rus_presidency = "the Kremlin") keeps its type.
    known = generated.get(entry_id)
    return known.institution if known else None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _read_tsv(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def actor_mentions(doc: Doc) -> list[ActorMention]:
    """The doc's actor mentions, doc-relative and sorted by start: the one way components read
    them. The doc keeps them as plain ``[start, end, actor_id, via]`` lists indexing
    ``article.text`` (one offset system); the parse the components walk is doc-relative."""
    offset = doc._.offset or 0
    return [
        ActorMention(start - offset, end - offset, actor_id, via)
        for start, end, actor_id, via in doc._.actor_mentions or ()
    ]


def keep_actor_mentions(doc: Doc, mentions: list[ActorMention]) -> None:
    """Keeps ``mentions`` (doc-relative) as the doc's actor mentions: the one way components
    write them."""
    offset = doc._.offset or 0
    doc._.actor_mentions = [
        [m.start + offset, m.end + offset, m.actor_id, m.via]
        for m in sorted(mentions, key=lambda m: (m.start, m.end))
    ]


def actor_for(doc: Doc, start_char: int, end_char: int) -> str | None:
    """The actor id whose mention lies in (or covers) the doc-relative span, preferring the
    mention nearest its end (the head of an English noun phrase)."""
    return MentionIndex(actor_mentions(doc)).actor_for(start_char, end_char)


class MentionIndex:
    """A doc's actor mentions (sorted by start, as :func:`actor_mentions` gives them),
    indexed by start: a span's actor is looked up among the few mentions that can hold or cover
    it instead of all of them. Build one per doc where many spans are looked up."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def actor_for(self, start_char: int, end_char: int) -> str | None:
        """See :func:`actor_for`. A mention inside the span starts in it, and one covering it
        starts at most ``longest`` characters before its end."""
        low = bisect.bisect_left(self.starts, min(start_char, end_char - self.longest))
        high = bisect.bisect_right(self.starts, max(start_char, end_char))
        best: ActorMention | None = None
        for mention in self.mentions[low:high]:
            inside = mention.start >= start_char and mention.end <= end_char
            covers = mention.start <= start_char and mention.end >= end_char
            if (inside or covers) and (best is None or mention.end > best.end):
                best = mention
        return best.actor_id if best else None


class ActorRecognizer:
    """The ``sitrep_actors`` component: fills ``doc._.actors`` and ``doc._.actor_mentions``."""

    def __init__(
        self,
        nlp: Language,
        gazetteer: Gazetteer,
        documents: frozenset[str] = frozenset(),
        publish: frozenset[str] = frozenset(),
    ) -> None:
        self.gazetteer = gazetteer
        self.documents = documents
        self.publish = publish
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for table, matcher in ((gazetteer.exact, self.exact), (gazetteer.folded, self.folded)):
            by_key: dict[str, list[str]] = {}
            for phrase, key in table.items():
                by_key.setdefault(key, []).append(phrase)
            for key, phrases in by_key.items():
                matcher.add(key, list(nlp.tokenizer.pipe(phrases)))

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab.strings
        spans = [
            SpacySpan(doc, start, end, label=vocab[match_id])
            for matcher in (self.exact, self.folded)
            for match_id, start, end in matcher(doc)
        ]
        taken = filter_spans(spans)
        # An entity that shares a token with a matched phrase yields to it.
        covered = {i for span in taken for i in range(span.start, span.end)}
        ner = [
            self._untitled(ent)
            for ent in [*doc.ents, *self._appositive_names(doc), *self._titled_names(doc)]
            if ent.label_ in ("PERSON", "ORG")
            and not any(i in covered for i in range(ent.start, ent.end))
        ]
        spans = sorted(filter_spans(taken + ner), key=lambda s: s.start)
        mentions, entries = self._resolve(spans)
        mentions = sorted(mentions + _head_anaphors(doc, mentions, entries), key=lambda m: m.start)
        mentions = sorted(mentions + self._issued(doc, mentions), key=lambda m: m.start)
        keep_actor_mentions(doc, mentions)
        keep_records(doc, "actors", _records(doc, mentions, entries))
        return doc

    def _issued(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Documents named again by their noun ("the report said") stand for whoever issued
        the same document named before: "the monitor's report", "a statement from the
        ministry", "the monitor released a report". Only as a subject or possessor, where a
        document speaks, and only after the issuer is named; a document of its own issuer or of
        none stays a document."""
        index = MentionIndex(mentions)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        issued: list[tuple[str, str]] = []  # (document noun, issuer actor id), in text order
        found = []
        for noun in doc:
            lemma = noun.lemma_.lower()
            if noun.pos_ != "NOUN" or lemma not in self.documents or noun.idx in taken:
                continue
            issuer = self._issuer(noun, index)
            if issuer is not None:
                issued.append((lemma, issuer))
                continue
            det = next(noun.lefts, None)
            if noun.dep_ not in _ACTING_AS or det is None or det.lower_ != "the":
                continue
            named = next((a for n, a in reversed(issued) if n == lemma), None)
            if named is not None and det.i == noun.i - 1:
                found.append(ActorMention(det.idx, noun.idx + len(noun), named, "description"))
        return found

    def _issuer(self, noun: Token, index: MentionIndex) -> str | None:
        """The actor a document's own phrase names as its issuer: its possessor ("the
        ministry's statement"), "by"/"from" whom, or the subject that released it."""
        parties = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        parties += [
            grand
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in _ISSUED_BY
            for grand in c.children
            if grand.dep_ == "pobj"
        ]
        verb = noun.head
        if noun.dep_ == "dobj" and verb.lemma_.lower() in self.publish:
            parties += [c for c in verb.children if c.dep_ == "nsubj"]
        for party in parties:
            found = index.actor_for(
                party.left_edge.idx, party.right_edge.idx + len(party.right_edge)
            )
            if found is not None:
                return found
        return None

    def _is_title(self, token: Token) -> bool:
        return token.lower_.rstrip(".") in self.gazetteer.titles

    def _untitled(self, ent: SpacySpan) -> SpacySpan:
        """A person's name without the titles the model took into it: a title before a name
        belongs to no name ("Kordavian Republic PM Ivan Drozdov" is Ivan Drozdov)."""
        if ent.label_ != "PERSON":
            return ent
        last = max((t.i for t in ent[:-1] if self._is_title(t)), default=None)
        return ent if last is None else SpacySpan(ent.doc, last + 1, ent.end, label="PERSON")

    def _appositive_names(self, doc: Doc) -> list[SpacySpan]:
        """Full names the model missed that an appositive role introduces ("Ana Torres, the
        Chilean president, said"): a name of two or more capitalised words."""
        names = []
        for role in doc:
            name = role.head
            if role.dep_ != "appos" or not self._is_title(role) or name.i > role.i:
                continue
            start = name.i
            while start > 0 and _name_word(doc[start - 1]) and doc[start - 1].dep_ == "compound":
                start -= 1
            if start < name.i and _name_word(name):
                names.append(SpacySpan(doc, start, name.i + 1, label="PERSON"))
        return names

    def _titled_names(self, doc: Doc) -> list[SpacySpan]:
        """Full names the model missed after a title ("Kordavian Republic PM Ivan Drozdov
        rejected ..."): two or three capitalised words after the title's last word. A longer
        run is a title-case headline ("President Tamm Says Kordavia Is Safe"), not a name."""
        names = []
        for role in doc[:-1]:
            if not self._is_title(role) or self._is_title(doc[role.i + 1]):
                continue
            end = role.i + 1
            while end < len(doc) and _name_word(doc[end]) and not self._is_title(doc[end]):
                end += 1
            if 2 <= end - role.i - 1 <= _MAX_NAME_WORDS:
                names.append(SpacySpan(doc, role.i + 1, end, label="PERSON"))
        return names

    def _resolve(self, spans: list[SpacySpan]) -> tuple[list[ActorMention], dict[str, ActorEntry]]:
        mentions: list[ActorMention] = []
        entries = dict(self.gazetteer.entries)
        dominant = _dominant_country(spans)
        for span in spans:
            key = span.label_
            if key in ("PERSON", "ORG"):
                entry = _ner_entry(span, mentions, entries)
                via = "ner"
            elif key.startswith("state:"):
                entry = self._state(span, key[6:])
                via = "state"
            elif key.startswith("generic:"):
                entry = self._generic(key[8:], mentions, entries, dominant)
                via = "description"
            elif key.startswith("kinds:"):
                entry = _described(set(key[6:].split(",")), mentions, entries)
                via = "description"
            else:
                entry = entries[key]
                via = "institution" if entry.institution else "gazetteer"
            if entry is None:
                continue
            entries.setdefault(entry.id, entry)
            start, end = (
                (span.start_char, span.end_char) if via == "description" else _trim_article(span)
            )
            mentions.append(ActorMention(start, end, entry.id, via))
        return mentions, entries

    def _state(self, span: SpacySpan, iso3: str) -> ActorEntry | None:
        root = span.root
        acting = root.dep_ in _ACTING_DEPS or (
            root.dep_ == "pobj" and root.head.lower_ in _PARTY_PREPOSITIONS
        )
        if not acting:
            return None
        return self.gazetteer.entry_for_institution(iso3, "government")

    def _generic(
        self,
        institution: str,
        mentions: list[ActorMention],
        entries: dict[str, ActorEntry],
        dominant: str | None,
    ) -> ActorEntry | None:
        wanted = (
            (lambda e: bool(e.institution) and e.institution.endswith("ministry"))
            if institution == "ministry"
            else (lambda e: e.institution == institution)
        )
        for mention in reversed(mentions):
            if wanted(entries[mention.actor_id]):
                return entries[mention.actor_id]
        if institution == "ministry":
            return None
        # No earlier mention of the same body: the country of the nearest state body, else
        # the article's most mentioned country.
        for mention in reversed(mentions):
            entry = entries[mention.actor_id]
            if entry.institution and entry.country:
                return self.gazetteer.entry_for_institution(entry.country, institution)
        return self.gazetteer.entry_for_institution(dominant, institution) if dominant else None


def _records(doc: Doc, mentions: list[ActorMention], entries: dict[str, ActorEntry]) -> list[Actor]:
    grouped: dict[str, list[ActorMention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.actor_id, []).append(mention)
    actors = []
    for actor_id, group in grouped.items():
        entry = entries[actor_id]
        actors.append(
            Actor(
                id=actor_id,
                name=entry.name,
                kind=entry.kind,
                country=entry.country,
                mentions=tuple(make_span(doc, m.start, m.end) for m in group),
                title=_title(doc, group) if entry.kind == "person" else None,
                parent=entry.parent,
            )
        )
    return actors


def _trim_article(span: SpacySpan) -> tuple[int, int]:
    """Mention offsets without a leading "the" or a trailing possessive."""
    tokens = list(span)
    while tokens and tokens[0].lower_ == "the" and len(tokens) > 1:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].tag_ == "POS":
        tokens.pop()
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _dominant_country(spans: list[SpacySpan]) -> str | None:
    counts = Counter(
        s.label_[6:] if s.label_.startswith("state:") else s.label_[:3].upper()
        for s in spans
        if s.label_.startswith("state:") or (len(s.label_) > 4 and s.label_[3] == "_")
    )
    return counts.most_common(1)[0][0] if counts else None


def _described(
    kinds: set[str], mentions: list[ActorMention], entries: dict[str, ActorEntry]
) -> ActorEntry | None:
    """The nearest preceding actor of one of ``kinds``: "the militants" after "Islamic State"."""
    for mention in reversed(mentions):
        entry = entries[mention.actor_id]
        if entry.kind in kinds and mention.via != "description":
            return entry
    return None


def _head_anaphors(
    doc: Doc, mentions: list[ActorMention], entries: dict[str, ActorEntry]
) -> list[ActorMention]:
    """Bodies named again by their head noun alone: "the centre" for the Russian
    Reconciliation Centre named before, "the committee" for the Douma Coordination Committee.
    Only as a subject or possessor, where a body acts or speaks ("the centre said"), not as a
    place ("in the centre of the town"); only after the name, nearest first."""
    heads: list[tuple[int, str, str]] = []  # (end, head noun, actor id) of named bodies
    for mention in mentions:
        entry = entries[mention.actor_id]
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and entry.kind in _BODY_KINDS and mention.via != "description":
            heads.append((mention.end, span.root.lemma_.lower(), entry.id))
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.dep_ not in _ACTING_AS or noun.idx in taken:
            continue
        det = next((c for c in noun.lefts), None)
        if det is None or det.lower_ != "the" or det.i != noun.i - 1:
            continue
        lemma = noun.lemma_.lower()
        named = next((a for end, h, a in reversed(heads) if h == lemma and end <= det.idx), None)
        if named is not None:
            found.append(ActorMention(det.idx, noun.idx + len(noun), named, "description"))
    return found


def _ner_entry(
    span: SpacySpan, mentions: list[ActorMention], entries: dict[str, ActorEntry]
) -> ActorEntry | None:
    text = span.text.strip()
    if span.label_ == "ORG":
        words = text.split()
        if words and words[0].lower() == "the":
            text = " ".join(words[1:])
        if len(text) < 2 or not any(ch.isalpha() for ch in text):
            return None
        # the model often tags a lone surname as an organization ("Tamm said")
        named = _named_person(text, mentions, entries) if len(text.split()) == 1 else None
        return named or ActorEntry("org_" + _slug(text), text, "organization", None)
    text = re.sub(r"['\u2019]s$", "", text)
    if len(text) < 2:
        return None
    named = _named_person(text.split()[-1], mentions, entries)
    if named is not None:
        return named
    # News introduces people by full name or with a title ("President Tinubu"); a lone
    # capitalised word tagged PERSON is far more often a town the model does not know.
    if len(text.split()) == 1 and not _has_title(span):
        return None
    return ActorEntry("person_" + _slug(text), text, "person", None)


def _named_person(
    surname: str, mentions: list[ActorMention], entries: dict[str, ActorEntry]
) -> ActorEntry | None:
    """The person already named in full whose surname this is: a surname alone ("Peskov")
    is "Dmitry Peskov" named earlier."""
    last = surname.lower()
    for mention in reversed(mentions):
        entry = entries[mention.actor_id]
        if entry.kind == "person" and entry.name.split()[-1].lower() == last:
            return entry
    return None


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title


def _has_title(span: SpacySpan) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    return (
        before is not None
        and before.is_title
        and before.dep_ == "compound"
        and before.head.i >= span.start
    )


def _slug(text: str) -> str:
    return _SLUG.sub("_", text.lower()).strip("_")


def _title(doc: Doc, group: list[ActorMention]) -> str | None:
    """A person's role from an appositive ("Dmitry Peskov, the Kremlin spokesman") or the title
    words before the name ("Colonel Ahmed Saleh", "spokesman Igor Konashenkov")."""
    for mention in group:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        for child in root.children:
            if child.dep_ == "appos" and child.i >= span.end:
                phrase = doc[child.left_edge.i : child.right_edge.i + 1]
                return phrase.text.strip(" ,")
        if root.dep_ == "appos" and root.head.i < span.start:
            head = root.head
            return doc[head.left_edge.i : head.i + 1].text.strip(" ,")
        titles = [
            t
            for t in doc[max(span.start - 3, 0) : span.start]
            if t.dep_ == "compound" and t.head.i in range(span.start, span.end) and t.is_alpha
        ]
        if titles:
            return " ".join(t.text for t in titles)
    return None


@Language.factory(
    "sitrep_actors",
    assigns=["doc._.actors", "doc._.actor_mentions"],
    requires=["token.dep", "token.tag", "doc.ents"],
    default_config={"gazetteer": {"@misc": "sitrep.actor_gazetteer.v1"}},
)
def make_actors(nlp: Language, name: str, gazetteer: Gazetteer) -> ActorRecognizer:
    # Imported here: the attribution package reads actors, so it loads after this module.
    from sitrep.nlp.attribution.lexicon import load_cues

    register_extensions()
    lexicon = load_cues()
    return ActorRecognizer(nlp, gazetteer, lexicon.documents, lexicon.publish)
