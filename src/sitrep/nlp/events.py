"""Events: who did what to whom, where and when, in the PLOVER ontology (16 types, modes).

A trigger lexicon (resources/plover_triggers.yaml: lemma, part of speech and the conditions
that tell "captured two soldiers" (ASSAULT/abduct) from "captured the town" (ASSAULT) apart)
finds event mentions; the dependency parse gives their roles: subject and object, the passive
("were captured by fighters"), nominalizations ("the capture of two soldiers", "ISIS's
attack"), light verbs ("launched an attack"), controlled and shared subjects ("agreed to
withdraw", "stormed the town and captured"), relative clauses and participles ("soldiers
captured by ISIS"), coordination ("Kurdish and Arab militias"), and pronouns ("Syria says it
will withdraw"). The recipient is the phrase that names a party (an actor, a proper name, a
person or organised group) among the object and the type's prepositions, or inside them
("rejected an offer FROM AFGHANISTAN"). Role phrases resolve to actors with
:func:`sitrep.nlp.actors.actor_for`; the phrase's span is kept either way.

Factuality (resources/event_factuality.yaml): negation ("did not", "denied that"), future
("will", "agreed to") and hypothetical ("urged X to", "if") mentions are marked. Following the
PLOVER manual, promised cooperation is coded AGREE and announced force THREATEN; what is
demanded, refused or threatened gives the REQUEST/REJECT/THREATEN its mode and recipient; "X
said Y must ..." is X's REQUEST of Y.

Place and time come from ``doc._.places``/``doc._.times`` (empty when those components are not
in the pipeline): the toponym and the time expression the parse attaches to the trigger, or a
time on the speech verb that reports it (a place there is where it was said). Mentions of one
happening within an article merge into one event (same type, compatible participants, place
and time); ids are "e1", "e2", ... in order of first mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import registry

from sitrep.model import PLOVER_TYPES, Event, Place, Span
from sitrep.nlp.actors import actor_for
from sitrep.nlp.doc import (
    keep_records,
    make_span,
    records,
    sentence_numbers,
    text_of,
    token_indices,
)

MODALITIES = ("asserted", "future", "hypothetical")

# libyaml's safe loader when PyYAML was built with it: the trigger lexicon loads several
# times faster; the pure-Python one reads the same documents.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Actor kinds that make a noun phrase a group of people ("captured Russian soldiers").
_PEOPLE_KINDS = frozenset({"person", "military", "armed_group", "population", "government"})
_PERSON_PRONOUNS = frozenset(
    {"him", "her", "them", "us", "me", "himself", "themselves", "he", "she", "they", "we", "i"}
)
# Pronouns that refer back to a party, by grammatical number ("they" may stand for a state or a
# group named in the singular, so it agrees with anything).
_ANAPHORS = {
    "it": "singular",
    "its": "singular",
    "he": "singular",
    "she": "singular",
    "his": "singular",
    "her": "singular",
    "they": "any",
    "their": "any",
    "them": "any",
}
_NAMED_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_VERBAL_TYPES = frozenset({"REQUEST", "REJECT", "THREATEN", "AGREE", "ACCUSE"})
_MUTUAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})
# Material acts, done where their participants are: a toponym as their recipient is where
# they happened ("bombed SYRIA", "withdrew FROM X"), and so is where a participant is said
# to be ("shot by gunmen who were hiding IN X"). Other acts are between parties.
_MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST"})
_CLAUSAL = frozenset({"ccomp", "relcl", "parataxis", "csubj"})
_NP_RIGHT = frozenset({"compound", "nummod", "amod", "appos", "poss", "case", "flat", "nmod"})
# Noun classes (plover_triggers.yaml) of what a toponym may modify and still locate an event.
_SETTINGS = frozenset({"place", "portion", "setting"})
# Per rank of feature (city 0 ... country 4), what a coarser toponym adds to its path cost.
_RANK_COST = 0.15
_FEATURE_RANK = {
    "locality": 0,
    "city": 0,
    "natural": 1,
    "other": 1,
    "admin2": 2,
    "admin1": 3,
    "country": 4,
}
_MAX_ATTACH_COST = 3.0
# A dateline at the start of a line: "DAKAR (Reuters) -", "MOSCOW, Oct 3 (AP) —", "KABUL -".
_DATELINE = re.compile(
    r"[^\n(]{0,40}\([A-Za-z][\w .&-]{0,30}\)\s*[-\u2013\u2014]|[A-Z][A-Z .'-]{2,}\s*[-\u2013\u2014]\s"
)
# A time on the speech verb is the event's only when it hangs right off that verb.
_MAX_REPORTED_COST = 0.5
# Crossing a clause that describes a participant ("gunmen who were hiding in X"): the clause
# must hang within a few words of the trigger ("shot by GUNMEN", "detonated a bomb ON A
# SHIP"), the toponym close to the clause's verb, at no more than this cost.
_DESCRIPTION_COST = 1.0
_PARTICIPANT_STEPS = 3
# How far up, through prepositional phrases only, a trigger noun may hang from another
# trigger and still be its setting ("killed along with others IN CLASHES near X").
_SETTING_STEPS = 5


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    type: str
    pos: frozenset[str]
    mode: str | None = None
    with_: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    possessor: str = "actor"
    of: str = "recipient"
    theme: bool = False  # the object is what is acted with, not the recipient


#: The entry of "X said Y must ...": a REQUEST built from the construction, not a word.
_OBLIGATION = TriggerEntry("REQUEST", frozenset({"VERB"}))


@dataclass(frozen=True)
class Lexicon:
    """Triggers and factuality cues, from resources or (in tests) hand-made."""

    entries: dict[str, tuple[TriggerEntry, ...]]
    recipient_preps: dict[str, frozenset[str]]
    theme_object: frozenset[str]  # types whose direct object is a theme, not the recipient
    polarity: dict[str, str]
    as_content: dict[str, str]
    as_threat: dict[str, str]
    classes: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    location_references: frozenset[str]
    locative_preps: frozenset[str]
    weak_locative_preps: frozenset[str]
    temporal_preps: frozenset[str]
    instrument_verbs: frozenset[str]
    mode_cues: dict[str, tuple[tuple[str, frozenset[str]], ...]]
    governors: dict[str, str]  # lemma -> negating | future | hypothetical | reporting
    modals: dict[str, str]  # auxiliary -> future | hypothetical
    conditional_marks: frozenset[str]
    ultimatum_marks: frozenset[str]
    obligation_modals: frozenset[str]
    occurrence_verbs: frozenset[str]
    noun_modifiers: dict[str, str]  # word -> future | hypothetical | negating
    negations: frozenset[str]
    governing_preps: frozenset[str]


@registry.misc("sitrep.plover_lexicon.v1")
def load_lexicon() -> Lexicon:
    """The lexicon built from sitrep's packaged resources (read once per process)."""
    return _packaged_lexicon()


@lru_cache(maxsize=1)
def _packaged_lexicon() -> Lexicon:
    root = resources.files("sitrep.resources")
    triggers = yaml.load(root.joinpath("plover_triggers.yaml").read_text("utf-8"), _YAML_LOADER)
    factuality = yaml.load(root.joinpath("event_factuality.yaml").read_text("utf-8"), _YAML_LOADER)
    return build_lexicon(triggers, factuality)


def _words(values: object) -> frozenset[str]:
    """A word list from YAML, refusing what YAML 1.1 turned into booleans (on, off, no)."""
    words = list(values or ())  # type: ignore[call-overload]
    odd = [w for w in words if not isinstance(w, str)]
    if odd:
        raise ValueError(f"non-word entries {odd!r} in an event resource: quote them")
    return frozenset(w.lower() for w in words)


def build_lexicon(triggers: dict, factuality: dict) -> Lexicon:
    """Assembles the lexicon from the two resource documents (parsed YAML)."""
    found: dict[str, list[tuple[int, int, TriggerEntry]]] = {}
    order = 0
    for plover_type, rows in triggers["triggers"].items():
        if plover_type not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {plover_type!r} in the trigger lexicon")
        for row in rows:
            entry = TriggerEntry(
                type=plover_type,
                pos=frozenset(row["pos"]),
                mode=row.get("mode"),
                with_=_words(row.get("with")),
                without=_words(row.get("without")),
                objects=_words(row.get("object")),
                possessor=row.get("possessor", "actor"),
                of=row.get("of", "recipient"),
                theme=bool(row.get("theme", False)),
            )
            conditional = 0 if entry.with_ or entry.objects else 1
            for lemma in _words(row["lemmas"]):
                found.setdefault(lemma, []).append((conditional, order, entry))
                order += 1
    classes: dict[str, set[str]] = {}
    for name, words in triggers["classes"].items():
        for word in _words(words):
            classes.setdefault(word, set()).add(name)
    types = triggers["types"]

    def by_word(table: dict[str, list[str]]) -> dict[str, str]:
        return {word: kind for kind, words in table.items() for word in _words(words)}

    return Lexicon(
        entries={
            k: tuple(e for _, _, e in sorted(v, key=lambda x: x[:2])) for k, v in found.items()
        },
        recipient_preps={t: _words(spec.get("recipient")) for t, spec in types.items()},
        theme_object=frozenset(t for t, spec in types.items() if spec.get("object") == "theme"),
        polarity={t: spec["polarity"] for t, spec in types.items()},
        as_content={t: spec["as_content"] for t, spec in types.items() if "as_content" in spec},
        as_threat={t: spec["as_threat"] for t, spec in types.items() if "as_threat" in spec},
        classes={w: frozenset(c) for w, c in classes.items()},
        light_verbs=_words(triggers["light_verbs"]),
        location_references=_words(triggers["location_references"]),
        locative_preps=_words(triggers["locative_prepositions"]),
        weak_locative_preps=_words(triggers["weak_locative_prepositions"]),
        temporal_preps=_words(triggers["temporal_prepositions"]),
        instrument_verbs=_words(triggers["instrument_verbs"]),
        mode_cues={
            t: tuple((mode, _words(words)) for mode, words in cues.items())
            for t, cues in triggers["mode_cues"].items()
        },
        governors=by_word(factuality["governors"]),
        modals=by_word(factuality["modals"]),
        conditional_marks=_words(factuality["conditional_marks"]),
        ultimatum_marks=_words(factuality["ultimatum_marks"]),
        obligation_modals=_words(factuality["obligation_modals"]),
        occurrence_verbs=_words(factuality["occurrence_verbs"]),
        noun_modifiers=by_word(factuality["noun_modifiers"]),
        negations=_words(factuality["negations"]),
        governing_preps=_words(factuality["governing_prepositions"]),
    )


@dataclass(slots=True)
class _Mention:
    """One trigger in the parse, before mentions of the same happening are merged."""

    token: Token
    entry: TriggerEntry
    type: str
    mode: str | None
    extra: tuple[Token, ...] = ()  # the other words of a multiword trigger ("taken hostage")
    clause: Token | None = None  # the obliged clause of "X said Y must ..."
    actor: str | None = None
    recipient: str | None = None
    actor_span: tuple[int, int] | None = None
    recipient_span: tuple[int, int] | None = None
    actor_head: Token | None = None
    negated: bool = False
    modality: str = "asserted"
    governor: Token | None = None
    governor_kind: str | None = None
    tokens: set[int] = field(default_factory=set)  # triggers merged in the same sentence
    place: str | None = None
    time: str | None = None
    sentence: int = field(init=False)  # the trigger's sentence number (see sentence_numbers)

    def __post_init__(self) -> None:
        self.sentence = sentence_numbers(self.token.doc)[self.token.i]


@dataclass(slots=True)
class _Candidate:
    """A place or time mention, by its syntactic head."""

    id: str
    root: Token
    rank: int


class EventRecognizer:
    """The ``sitrep_events`` component: fills ``doc._.events``."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        keep_records(doc, "events", _DocEvents(doc, self.lexicon).events())
        return doc


class _DocEvents:
    """The analysis of one doc: mentions, their roles and factuality, then events."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lex = lexicon
        self.kinds = {actor.id: actor.kind for actor in records(doc, "actors")}
        offset = doc._.offset or 0
        self.place_spans = [
            (m.start - offset, m.end - offset) for p in records(doc, "places") for m in p.mentions
        ]
        self.countries: set[int] = set()  # heads of country names, once places are known

    def events(self) -> list[Event]:
        mentions = self.mentions()
        for mention in mentions:
            self.roles(mention)
            self.factuality(mention)
        mentions = self.conventions(mentions)
        places = _place_candidates(self.doc)
        self.countries = {c.root.i for c in places if c.rank == _FEATURE_RANK["country"]}
        times = _time_candidates(self.doc)
        for mention in mentions:
            self.mode_from_cues(mention)
            sites = [c for c in places if not self.party(mention, c)]
            cost = partial(self.place_cost, material=mention.type in _MATERIAL_TYPES)
            mention.place = self.attached(mention, sites, mentions, cost)
            mention.time = self.attached(mention, times, mentions, self.time_cost, reported=True)
        _share_places(mentions)
        return _merge(self.doc, mentions, _Where(self.doc))

    # -- triggers -------------------------------------------------------------------------

    def mentions(self) -> list[_Mention]:
        found: list[_Mention] = []
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
                        _Mention(
                            token, _OBLIGATION, "REQUEST", None, clause=obliged, tokens={token.i}
                        )
                    )
                continue
            found_entries = entries.get(_lemma(token)) or entries.get(token.lower_)
            if not found_entries or not _eventive(token):
                continue
            match = self.match(token, found_entries)
            if match is None:
                continue
            entry, extra, used = match
            consumed.update(t.i for t in used)
            found.append(_Mention(token, entry, entry.type, entry.mode, extra, tokens={token.i}))
        return [m for m in found if m.token.i not in consumed]

    def obligation(self, modal: Token) -> Token | None:
        """The clause of "X said/declared that Y must ...", where Y is not X."""
        clause = modal.head
        if modal.dep_ != "aux" or clause.dep_ != "ccomp" or not _is_verbal(clause.head):
            return None
        speaker = _subject_of(clause.head, 0)
        obliged = _subject_of(clause, 0)
        if speaker is None or obliged is None or _antecedent(obliged) == speaker:
            return None
        return clause

    def match(
        self, token: Token, entries: tuple[TriggerEntry, ...]
    ) -> tuple[TriggerEntry, tuple[Token, ...], list[Token]] | None:
        verbal = _is_verbal(token)
        nominal = not verbal and (token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN"))
        for entry in entries:
            if not (("VERB" in entry.pos and verbal) or ("NOUN" in entry.pos and nominal)):
                continue
            extra: tuple[Token, ...] = ()
            if entry.with_:
                extra = tuple(
                    t
                    for t in (*token.children, token.head)
                    if _lemma(t) in entry.with_ and t != token
                )
                if not extra:
                    continue
            if entry.without and any(
                _lemma(t) in entry.without for c in token.children for t in (c, *c.children)
            ):
                continue
            used: list[Token] = []
            if entry.objects:
                patient = _patient(token, verbal, entry)
                if patient is None or not (self.classes(patient) & entry.objects):
                    continue
                used.append(patient)
            used.extend(t for t in extra if t.i != token.head.i)
            return entry, extra, used
        return None

    def classes(self, token: Token, depth: int = 0) -> frozenset[str]:
        """Noun classes of a phrase's head; for a head with none ("tons OF AID", "a state OF
        EMERGENCY", "AID deliveries"), those of its "of" phrase or compound modifiers."""
        found = set(self.lex.classes.get(_lemma(token), ())) | self.lex.classes.get(
            token.lower_, frozenset()
        )
        if token.lower_ in _PERSON_PRONOUNS or token.ent_type_ in ("PERSON", "NORP"):
            found.add("person")
        if token.ent_type_ in ("GPE", "LOC", "FAC") or any(
            s <= token.idx < e for s, e in self.place_spans
        ):
            found.add("place")
        actor = actor_for(self.doc, *_np_head_range(token))
        if actor is not None and self.kinds.get(actor) in _PEOPLE_KINDS:
            found.add("person")
        if (not found or found == {"portion"}) and depth < 2:
            for child in token.children:
                if child.dep_ == "compound" or (child.dep_ == "prep" and _lemma(child) == "of"):
                    inner = _pobj(child) if child.dep_ == "prep" else child
                    if inner is not None:
                        found |= self.classes(inner, depth + 1)
        return frozenset(found)

    def named(self, token: Token) -> bool:
        """Whether a phrase names a party: a proper name, an actor, people or an organised
        group. A phrase owned by a pronoun ("ITS troops") is the actor's own, not a party."""
        if token.ent_type_ in ("DATE", "TIME") or any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children
        ):
            return False
        if token.pos_ == "PRON":
            return token.lower_ in _PERSON_PRONOUNS
        for word in (token, *(c for c in token.children if c.dep_ in ("compound", "amod", "poss"))):
            if word.pos_ == "PROPN" or word.ent_type_ in _NAMED_ENTITIES:
                return True
        return bool(self.classes(token) & {"person", "actor"})

    def named_within(self, token: Token, depth: int = 2) -> Token | None:
        """The first phrase naming a party among a phrase's own phrases ("an offer FROM
        AFGHANISTAN", "SERBIA'S suppression", "relations WITH RUSSIA")."""
        frontier = [token]
        for _ in range(depth):
            following = []
            for node in frontier:
                for child in node.children:
                    inner = _pobj(child) if child.dep_ == "prep" else child
                    if inner is None or child.dep_ not in (
                        "prep",
                        "poss",
                        "dobj",
                        "dative",
                        "compound",
                        "amod",
                    ):
                        continue
                    if (
                        child.dep_ in ("compound", "amod")
                        and inner.ent_type_ not in _NAMED_ENTITIES
                    ):
                        continue
                    if self.named(inner):
                        return inner
                    following.append(inner)
            frontier = following
        return None

    # -- roles ----------------------------------------------------------------------------

    def roles(self, mention: _Mention) -> None:
        token = mention.token
        if mention.clause is not None:
            actor, recipient = _subject_of(mention.clause.head, 0), _subject_of(mention.clause, 0)
        elif _is_verbal(token):
            actor, recipient = self.verb_roles(token, mention.type, theme=mention.entry.theme)
        else:
            actor, recipient = self.noun_roles(token, mention.entry)
        if recipient is None and mention.type in _VERBAL_TYPES:
            recipient = self.complement_recipient(token, mention.type)
        partners = (
            [c for c in actor.conjuncts if c.i > actor.i]
            if actor is not None and mention.type in _MUTUAL
            else []
        )
        if partners:
            # Mutual acts: "Russia and Turkey signed" has both as parties, the second the recipient.
            recipient = partners[0]
        if actor is not None:
            actor = _antecedent(actor)
            mention.actor, mention.actor_span = _resolve(self.doc, actor)
            mention.actor_head = actor
        if recipient is not None:
            recipient = _antecedent(recipient)
            mention.recipient, mention.recipient_span = _resolve(self.doc, recipient)

    def verb_roles(
        self, token: Token, plover_type: str, exclude: Token | None = None, theme: bool = False
    ) -> tuple[Token | None, Token | None]:
        passive = _is_passive(token)
        theme = theme or plover_type in self.lex.theme_object
        preps = self.lex.recipient_preps.get(plover_type, frozenset())
        actor = obj = patient = None
        others: list[Token] = []
        for child in token.children:
            if child == exclude:
                continue
            dep = child.dep_
            if dep in ("nsubj", "csubj") and not passive:
                actor = child
            elif dep == "nsubjpass":
                patient = child
            elif dep == "agent":
                actor = _pobj(child) or actor
            elif dep == "dobj" and not passive:
                obj = child
            elif dep == "dative":
                others.insert(0, _pobj(child) if child.pos_ == "ADP" else child)
            elif dep == "prep" and _lemma(child) in preps:
                others.append(_pobj(child))
        if passive and patient is None:
            patient = _inherited_subject(token)
        elif not passive and actor is None:
            actor = _inherited_subject(token)
        if theme:
            candidates = [t for t in others if t is not None]
            holders = [t for t in (obj, patient) if t is not None]
        else:
            candidates = [t for t in (patient, obj, *others) if t is not None]
            holders = candidates
        recipient = next((t for t in candidates if self.named(t)), None)
        if recipient is None:
            recipient = next((n for t in holders if (n := self.named_within(t)) is not None), None)
        if recipient is None and not theme and candidates:
            recipient = candidates[0]
        return actor, recipient

    def noun_roles(self, token: Token, entry: TriggerEntry) -> tuple[Token | None, Token | None]:
        actor = None
        candidates: list[Token] = []
        preps = self.lex.recipient_preps.get(entry.type, frozenset())
        has_of = any(c.dep_ == "prep" and _lemma(c) == "of" for c in token.children)
        for child in token.children:
            dep = child.dep_
            if dep == "poss":
                if entry.possessor == "recipient" and not has_of:
                    candidates.append(child)
                else:
                    actor = child
            elif dep == "prep":
                obj = _pobj(child)
                lemma = _lemma(child)
                if obj is None:
                    continue
                if lemma == "by":
                    actor = obj
                elif lemma == "of" and entry.of == "actor":
                    actor = actor or obj
                elif lemma == "of" or lemma in preps:
                    candidates.append(obj)
            elif (
                dep in ("compound", "amod")
                and child.i < token.i
                and actor is None
                and (
                    child.ent_type_ in ("ORG", "GPE", "NORP")
                    or actor_for(self.doc, *_np_head_range(child))
                )
            ):
                actor = child  # "an ISLAMIC STATE siege", "ISRAELI airstrikes"

        recipient = next((t for t in candidates if self.named(t)), None)
        if recipient is None:
            recipient = next(
                (n for t in candidates if (n := self.named_within(t)) is not None), None
            )
        recipient = recipient or (candidates[0] if candidates else None)
        # A light verb carries the noun's roles: "Hamas LAUNCHED an attack", "ENGAGED in talks".
        slot = token.head if token.dep_ == "compound" else token
        head = slot.head
        verb = None
        if slot.dep_ in ("dobj", "attr", "nsubjpass") and self.light(head):
            verb = head
        elif slot.dep_ == "pobj" and head.dep_ == "prep" and self.light(head.head):
            verb = head.head
        if verb is not None:
            verb_actor, verb_recipient = self.verb_roles(
                verb, entry.type, exclude=slot if slot.head == verb else head
            )
            actor = actor or verb_actor
            if recipient is None or (
                verb_recipient is not None
                and not self.named(recipient)
                and self.named(verb_recipient)
            ):
                recipient = verb_recipient or recipient
        return actor, recipient

    def light(self, token: Token) -> bool:
        return _lemma(token) in self.lex.light_verbs or token.lower_ in self.lex.light_verbs

    def complement_recipient(self, token: Token, plover_type: str) -> Token | None:
        """Whom a demand, threat, promise or refusal is aimed at, from what is demanded:
        "demanded that THE US cancel", "threatened to break relations WITH RUSSIA"."""
        for child in token.children:
            if child.dep_ == "prep" and _lemma(child) in self.lex.governing_preps:
                # "called FOR sanctions against Nigeria"
                content = _pobj(child)
                if content is not None:
                    found = content if self.named(content) else self.named_within(content)
                    if found is not None:
                        return found
                continue
            if child.dep_ not in ("ccomp", "xcomp", "acl"):
                continue
            if plover_type == "REQUEST":
                subject = next(
                    (c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
                if subject is not None and self.named(_antecedent(subject)):
                    return subject
            found = self.named_within(child)
            if found is not None:
                return found
        return None

    # -- factuality -----------------------------------------------------------------------

    def factuality(self, mention: _Mention) -> None:
        lex = self.lex
        token = mention.token
        # A noun carried by a light verb, or said to occur, takes that verb's tense, modal and
        # negation: "will LAUNCH an attack", "the strike did not HAPPEN".
        head = token.head
        carried = token.dep_ in ("dobj", "attr") and self.light(head)
        occurring = token.dep_ == "nsubj" and _lemma(head) in lex.occurrence_verbs
        predicate = head if not _is_verbal(token) and (carried or occurring) else token
        for child in (*predicate.children, *(token.children if predicate != token else ())):
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and word in lex.negations):
                mention.negated = True
            elif child.dep_ == "aux" and word in lex.modals:
                mention.modality = _stronger(mention.modality, lex.modals[word])
            elif child.dep_ == "mark" and word in lex.conditional_marks:
                mention.modality = "hypothetical"
            elif child.dep_ in ("amod", "compound", "det", "prep") and word in lex.noun_modifiers:
                kind = lex.noun_modifiers[word]
                if kind == "negating":
                    mention.negated = True
                else:
                    mention.modality = _stronger(mention.modality, kind)
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
            return
        mention.governor, mention.governor_kind = head, kind
        if kind == "negating":
            mention.negated = True
        else:
            mention.modality = _stronger(mention.modality, kind)

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
                if _lemma(node) not in self.lex.governing_preps:
                    return None
            elif dep in ("acl", "relcl"):
                if lex.governors.get(_lemma(head)) is None:
                    return None
            elif dep not in ("xcomp", "ccomp", "dobj", "pobj", "acomp", "pcomp"):
                return None
            kind = lex.governors.get(_lemma(head))
            if kind is not None and head.pos_ in ("VERB", "ADJ", "NOUN", "AUX"):
                return head, kind
            node = head
        return None

    def conventions(self, mentions: list[_Mention]) -> list[_Mention]:
        """PLOVER's coding of intentions and contents, then one mention per happening and
        sentence: "agreed to withdraw" is one AGREE; "demanded the release" a REQUEST/yield."""
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
            elif polarity == "cooperative" and mention.negated:
                mention.type, mention.mode = "REJECT", lex.as_content.get(mention.type)
                mention.negated, mention.modality = False, "asserted"
            elif polarity == "cooperative":
                mention.type, mention.mode = "AGREE", None
            elif mention.type in lex.as_threat and mention.modality == "future":
                mention.type, mention.mode = "THREATEN", lex.as_threat[mention.type]
        kept: list[_Mention] = []
        for mention in sorted(mentions, key=lambda m: _depth(m.token)):
            host = next((k for k in kept if _same_happening_in_sentence(k, mention)), None)
            if host is None:
                kept.append(mention)
            else:
                _absorb(host, mention)
        return sorted(kept, key=lambda m: m.token.i)

    def ultimatum(self, mention: _Mention) -> bool:
        """An announced action with an "unless" condition is an ultimatum."""
        return mention.modality == "future" and any(
            c.dep_ == "advcl" and any(m.lower_ in self.lex.ultimatum_marks for m in c.children)
            for c in mention.token.children
        )

    def mode_from_cues(self, mention: _Mention) -> None:
        cues = self.lex.mode_cues.get(mention.type)
        if mention.mode is not None or not cues:
            return
        words = {_lemma(mention.token), mention.token.lower_}
        # The instrument: "killed IN A CAR BOMB", "by a sniper", "FIRED ROCKETS", "Israeli JETS bombed".
        instrument_object = _lemma(mention.token) in self.lex.instrument_verbs
        nearby = [*mention.token.children]
        if mention.actor_head is not None:
            nearby.append(mention.actor_head)
        for token in nearby:
            if token.dep_ in ("prep", "agent"):
                obj = _pobj(token)
                if obj is not None and _lemma(token) in ("with", "by", "in", "from", "using"):
                    words.update(_lemma(t) for t in (obj, *obj.children) if t.dep_ != "prep")
            elif instrument_object or token.dep_ not in ("dobj", "nsubjpass"):
                words.update(
                    _lemma(t)
                    for t in (token, *token.children)
                    if t.dep_ in ("compound", "amod") or t == token
                )
        for mode, cue_words in cues:
            if words & cue_words:
                mention.mode = mode
                return

    # -- where and when -------------------------------------------------------------------

    def attached(
        self,
        mention: _Mention,
        candidates: list[_Candidate],
        mentions: list[_Mention],
        path_cost: Callable[[Token, Token, set[int], set[int]], float | None],
        reported: bool = False,
    ) -> str | None:
        """The candidate the parse attaches to the trigger, cheapest path first (a finer
        place a little cheaper: "at Umm al-Fahm junction in northern Israel"); else, when
        ``reported``, one hanging off the speech verb that reports it ("Amaq said late last
        month the militants captured"). A time of the speech is the best guess at the
        event's; a place of the speech ("officials said IN MOSCOW that rebels attacked")
        is where it was said, not where the event happened."""
        sentence = sentence_numbers(mention.token.doc)
        here = [c for c in candidates if sentence[c.root.i] == mention.sentence]
        if not here:
            return None
        others = {i for m in mentions if m is not mention for i in m.tokens}
        attempts = [(mention.tokens, mention.token, _MAX_ATTACH_COST)]
        if reported:
            attempts += [
                ({t.i}, t, _MAX_REPORTED_COST) for t in self.reporting_heads(mention.token)
            ]
        for own, head, limit in attempts:
            best: tuple[float, int, int, str] | None = None
            for cand in here:
                cost = path_cost(cand.root, head, own, others)
                if cost is None or cost > limit:
                    continue
                key = (
                    cost + _RANK_COST * cand.rank,
                    cand.rank,
                    abs(cand.root.i - mention.token.i),
                    cand.id,
                )
                if best is None or key < best:
                    best = key
            if best is not None:
                return best[3]
        return None

    def place_cost(
        self, root: Token, target: Token, own: set[int], others: set[int], material: bool
    ) -> float | None:
        """Cost of the path up from a toponym's head to the trigger, or None when the toponym
        is not where the event happened: outside the trigger's clause or in another clause's
        event, a modifier of something that is not a place or a setting ("U.S. forces" but
        "the Manbij campaign"), the "of" phrase of a person ("the governor of Manbij"), a
        reference point ("30 km from X", "north of X"), or reached through no locative phrase
        nor as what the trigger acts on ("captured JAFFNA", "much OF LIBERIA"). A clause
        describing a near participant of a ``material`` act may be crossed once, when a
        spatial preposition in it takes the toponym's own phrase and no other event is on the
        way: where the gunmen "who were hiding IN X" were, or the bomb "dropped IN X", is
        where it happened; "an attack which was followed by a blast IN X", or a bomb "that
        was going to be left IN X", is not."""
        cost = 0.0
        anchored = located = described = eventful = unsettled = False
        phrase = True  # still in the toponym's own noun phrase
        node = root
        while node.i not in own and node != target:
            head = node.head
            unsettled = unsettled or (_is_verbal(node) and not self.settled(node))
            if (
                material
                and located
                and cost <= _DESCRIPTION_COST
                and not (described or eventful or unsettled)
                and _describes_noun(node)
                and _within(head, target, own, _PARTICIPANT_STEPS)
            ):
                described = True
                cost += _DESCRIPTION_COST
                node = head
                continue
            if head == node or node.dep_ in _CLAUSAL or _other_clause(node):
                return None
            if head.i in others:
                if _is_verbal(head):
                    return None
                eventful = True
                cost += 0.3  # the setting of the event: "shot AT A RALLY in Tijuana"
            dep = node.dep_
            if dep == "pobj":
                word = _lemma(head)
                holder = head.head
                if not anchored and (
                    _lemma(holder) in self.lex.location_references
                    or (word == "of" and self.classes(holder) & {"person", "actor"})
                ):
                    return None
                if word in self.lex.locative_preps:
                    anchored = True
                    located = located or (phrase and word not in self.lex.temporal_preps)
                    phrase = False
                elif word in self.lex.weak_locative_preps:
                    setting = self.setting(holder, own | others)
                    anchored = anchored or setting
                    located = located or (phrase and setting)
                    phrase = phrase and setting  # "the town OF X" is still X's phrase
                    cost += 0.0 if setting else 0.3
                else:
                    phrase = False
                    cost += 1.5
            elif dep in ("prep", "agent", "case", "det"):
                pass
            elif dep in ("compound", "poss", "nmod", "amod", "flat"):
                top = head
                while top.dep_ in ("compound", "flat") and top.head != top:
                    top = top.head
                setting = self.setting(top, own | others)
                if not (anchored or setting):
                    return None
                # "the HELMAND battle" says where the battle was; "ISRAEL'S offensive" and
                # "a U.S. airstrike" who waged it.
                anchored = anchored or (setting and dep != "poss" and root.i not in self.countries)
            elif dep in ("appos", "nummod", "npadvmod"):
                cost += 0.1
                if dep == "npadvmod" and self.after_particle(node):
                    anchored = located = True
            elif dep in ("dobj", "nsubjpass", "attr", "oprd"):
                direct = node == root or self.setting(node, own | others)
                anchored = anchored or direct
                cost += 0.0 if node == root else 0.3
                phrase = False
            elif dep in ("nsubj", "advmod"):
                cost += 0.3
                phrase = False
            else:
                cost += 1.0
                phrase = False
            node = head
        return cost if anchored or node == root else None

    def party(self, mention: _Mention, candidate: _Candidate) -> bool:
        """Whether a toponym is the recipient of an act between parties, so names a party,
        not a place: "accused SYRIA", "urged Mali to", "mediated between ISRAEL and"; but "lifted
        the curfew IN X", "withdrew FROM X" still say where."""
        if mention.type in _MATERIAL_TYPES or mention.recipient_span is None:
            return False
        root = candidate.root
        start, end = mention.recipient_span
        if not start <= root.idx < end:
            return False
        # "to" and "between" name recipients ("gave aid TO X", "talks BETWEEN X and Y"), the
        # other locative prepositions places.
        spatial = (self.lex.locative_preps | self.lex.weak_locative_preps) - {"to", "between"}
        return not (root.dep_ == "pobj" and _lemma(root.head) in spatial)

    def settled(self, verb: Token) -> bool:
        """Whether a verb says what happened: not negated, modal or governed by a word of
        intent or possibility ("was GOING to be abandoned")."""
        lex = self.lex
        kind = lex.governors.get(verb.lower_) or lex.governors.get(_lemma(verb))
        if kind not in (None, "reporting"):
            return False
        return not any(
            c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in lex.modals) for c in verb.children
        )

    def after_particle(self, token: Token) -> bool:
        """A noun phrase after a locative particle of its verb: "captured OFF Mogadishu" is
        parsed as a particle and a bare noun phrase."""
        return any(
            c.dep_ == "prt" and c.i < token.i and _lemma(c) in self.lex.locative_preps
            for c in token.head.children
        )

    def setting(self, token: Token, triggers: set[int]) -> bool:
        """A noun where things happen: a place ("the town", "much of"), an event or an
        operation ("the battle", "the Mosul OPERATION")."""
        return token.i in triggers or bool(
            self.lex.classes.get(_lemma(token), frozenset()) & _SETTINGS
        )

    def time_cost(
        self, root: Token, target: Token, own: set[int], others: set[int]
    ) -> float | None:
        """Cost of the path up from a time expression's head to the trigger ("on Sunday",
        "late last month"), or None across another clause or event."""
        cost = 0.0
        node = root
        while node.i not in own and node != target:
            head = node.head
            if head == node or head.i in others or node.dep_ in _CLAUSAL:
                return None
            if node.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl", "relcl"):
                cost += 1.0
            elif node.dep_ not in (
                "prep",
                "pobj",
                "npadvmod",
                "tmod",
                "advmod",
                "compound",
                "amod",
                "nummod",
            ):
                cost += 0.5
            node = head
        return cost

    def reporting_heads(self, token: Token) -> list[Token]:
        """Speech verbs whose complement holds the trigger, nearest first."""
        found = []
        node = token
        while node.head != node and node.dep_ in (
            "ccomp",
            "xcomp",
            "conj",
            "advcl",
            "dobj",
            "pobj",
            "prep",
        ):
            node = node.head
            if self.lex.governors.get(_lemma(node)) == "reporting":
                found.append(node)
        return found


# -- parse helpers ------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _is_verbal(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX")


def _eventive(token: Token) -> bool:
    """Whether a word reports an event rather than describing a thing: attributive and
    nominal participles ("the ALLEGED bombers", "Iran-BACKED militias", "the WOUNDED") do not."""
    if not _is_verbal(token):
        return True
    if token.dep_ == "amod":
        return False
    return not (
        token.tag_ == "VBN" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound")
    )


def _other_clause(token: Token) -> bool:
    """A clause of its own on the way up from a toponym: a coordinated verb ("shot and DIED in
    X") or a past participle describing a noun ("a region CLAIMED by X"). An -ing participle
    ("labourers WORKING in X") says what was going on where the event happened."""
    if token.dep_ == "conj":
        return _is_verbal(token)
    return token.dep_ == "acl" and token.tag_ != "VBG"


def _describes_noun(token: Token) -> bool:
    """A relative clause or participle that says where a noun was at the time ("gunmen WHO
    WERE HIDING in X", "a bomb that had been planted in X"); not an infinitive, which says
    what is meant to happen ("a plan TO TACKLE poverty in X"), nor an active perfect, which
    gives a background ("migrants who HAVE LIVED in X for years")."""
    if token.dep_ not in ("relcl", "acl") or token.head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    aux = {_lemma(c) for c in token.children if c.dep_ == "aux"}
    passive = any(c.dep_ == "auxpass" for c in token.children)
    return "to" not in aux and not ("have" in aux and not passive)


def _within(token: Token, target: Token, own: set[int], steps: int) -> bool:
    """Whether the trigger is at most ``steps`` heads up from the token."""
    for _ in range(steps):
        if token.head == token:
            return False
        token = token.head
        if token.i in own or token == target:
            return True
    return False


def _is_passive(token: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    # A bare past participle modifying a noun or a clause is passive ("soldiers captured by").
    return (
        token.tag_ == "VBN"
        and token.dep_ in ("acl", "advcl")
        and not any(c.dep_ == "aux" for c in token.children)
    )


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _patient(token: Token, verbal: bool, entry: TriggerEntry) -> Token | None:
    """The undergoer whose class decides the entry: object, passive subject, "of" phrase."""
    if verbal:
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass", "oprd"):
                return child
        if _is_passive(token):
            return _inherited_subject(token) or (token.head if token.dep_ == "acl" else None)
        return None
    for child in token.children:
        if child.dep_ == "prep" and _lemma(child) == "of":
            return _pobj(child)
    if entry.possessor == "recipient":
        return next((c for c in token.children if c.dep_ in ("poss", "compound")), None)
    return None


def _inherited_subject(token: Token, depth: int = 0) -> Token | None:
    """The subject a verb shares with the clause it hangs from: conjoined verbs, controlled
    infinitives ("agreed to withdraw", object control in "urged Israel to withdraw"),
    participial adjuncts, relative clauses and participles modifying a noun ("a statement
    CONDEMNING" takes the subject of whoever issued the statement)."""
    if depth > 4 or token.head == token:
        return None
    head = token.head
    dep = token.dep_
    if dep in ("relcl", "acl"):
        if (
            dep == "acl"
            and head.dep_ == "dobj"
            and not head.ent_type_
            and head.pos_ == "NOUN"
            and token.tag_ == "VBG"
        ):
            return _subject_of(head.head, depth + 1) or head
        return head
    if dep == "xcomp":
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        return obj or _subject_of(head, depth + 1)
    if dep in ("conj", "advcl", "acomp"):
        return _subject_of(head, depth + 1)
    return None


def _subject_of(token: Token, depth: int) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if child.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                return token.head
            return child
    if token.pos_ in ("ADJ", "AUX") or token.dep_ in (
        "xcomp",
        "conj",
        "advcl",
        "acomp",
        "relcl",
        "acl",
    ):
        return _inherited_subject(token, depth)
    return None


def _antecedent(token: Token) -> Token:
    """A relative or personal pronoun stands for the nearest subject above it in the
    sentence that agrees in number ("Syria says IT will withdraw", "the militants captured
    them as THEY battled")."""
    if token.tag_ in ("WDT", "WP"):
        clause = token.head
        return clause.head if clause.dep_ == "relcl" else token
    number = _ANAPHORS.get(token.lower_)
    if number is None:
        return token
    for ancestor in token.ancestors:
        for child in ancestor.children:
            subject = child.dep_ in ("nsubj", "nsubjpass") and child != token and child.i < token.i
            if (
                subject
                and child.pos_ != "PRON"
                and (number == "any" or _plural(child) == (number == "plural"))
            ):
                return child
    return token


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)


def _np_head_range(token: Token) -> tuple[int, int]:
    """Characters from the phrase's first word to its head: premodifiers and the noun."""
    return token.left_edge.idx, token.idx + len(token.text)


def _np_range(token: Token) -> tuple[int, int]:
    """The noun phrase without relative clauses or other attachments after its head, except
    "of" phrases and appositions ("fighters of the Islamic State")."""
    end = token
    for child in token.rights:
        if child.dep_ in _NP_RIGHT or (child.dep_ == "prep" and _lemma(child) == "of"):
            end = child.right_edge
        elif child.dep_ != "punct":
            break
    while end.i > token.i and end.is_punct:
        end = end.nbor(-1)
    start = token.left_edge
    while start.i < token.i and start.is_punct:
        start = start.nbor(1)
    return start.idx, end.idx + len(end.text)


def _resolve_one(doc: Doc, token: Token) -> tuple[str | None, tuple[int, int]]:
    span = _np_range(token)
    return actor_for(doc, *_np_head_range(token)) or actor_for(doc, *span), span


def _resolve(doc: Doc, token: Token) -> tuple[str | None, tuple[int, int]]:
    """The first coordinated phrase that names an actor, and the span of all of them."""
    group = [token, *sorted((t for t in token.conjuncts if t.i > token.i), key=lambda t: t.i)]
    actor = None
    for member in group:
        actor, _ = _resolve_one(doc, member)
        if actor is not None:
            break
    start = _np_range(group[0])[0]
    end = max(_np_range(t)[1] for t in group)
    return actor, (start, end)


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _stronger(current: str, kind: str) -> str:
    """Hypothetical outranks future outranks asserted ("would have agreed to")."""
    return max(current, kind, key=MODALITIES.index)


def _same_happening_in_sentence(host: _Mention, other: _Mention) -> bool:
    """Two triggers of one type that reach each other in the parse ("captured ... in an
    ambush", "agreed to withdraw" once both are AGREE, "an airstrike killed")."""
    if host.type != other.type or host.sentence != other.sentence:
        return False
    if other.governor is not None and other.governor.i in host.tokens:
        return True
    if other.token.dep_ == "conj" and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in other.token.children
    ):
        return False  # "one bomb was detonated ... and another exploded": two happenings
    node = other.token
    for _ in range(3):
        if node.head == node:
            return False
        node = node.head
        if node.i in host.tokens:
            return True
        if _is_verbal(node):
            return False
    return False


def _absorb(host: _Mention, other: _Mention) -> None:
    host.tokens |= other.tokens
    host.mode = host.mode or other.mode
    if host.actor is None and other.actor is not None:
        host.actor, host.actor_span, host.actor_head = (
            other.actor,
            other.actor_span,
            other.actor_head,
        )
    host.actor_span = host.actor_span or other.actor_span
    host.actor_head = host.actor_head or other.actor_head
    if host.recipient is None and other.recipient is not None:
        host.recipient, host.recipient_span = other.recipient, other.recipient_span
    host.recipient_span = host.recipient_span or other.recipient_span
    host.modality = min(host.modality, other.modality, key=MODALITIES.index)
    host.negated = host.negated and other.negated


# -- where and when -----------------------------------------------------------------------


def _share_places(mentions: list[_Mention]) -> None:
    """A trigger with no place of its own takes that of a trigger of its type it is
    coordinated with ("killed and six WOUNDED in X") or that hangs from it as its setting
    ("killed along with others in CLASHES near X"): one scene, several happenings."""
    found = {id(m): m.place for m in mentions}
    for mention in mentions:
        if mention.place is None:
            mention.place = next(
                (
                    found[id(other)]
                    for other in mentions
                    if found[id(other)] is not None and _same_scene(mention, other)
                ),
                None,
            )


def _same_scene(mention: _Mention, other: _Mention) -> bool:
    token = other.token
    if other is mention or other.type != mention.type or other.sentence != mention.sentence:
        return False
    if token in mention.token.conjuncts:
        return True
    node = token
    for _ in range(_SETTING_STEPS):
        if node.dep_ not in ("pobj", "prep") or node.head == node:
            return False
        node = node.head
        if node.i in mention.tokens:
            return True
    return False


def _place_candidates(doc: Doc) -> list[_Candidate]:
    """Toponyms by their syntactic head, except a dateline's ("DAKAR (Reuters) -"), which says
    where the report was filed, not where anything happened."""
    offset = doc._.offset or 0
    text = text_of(doc)
    found = []
    for place in records(doc, "places"):
        rank = _FEATURE_RANK.get(place.feature, 1)
        for span in place.mentions:
            start, end = span.start - offset, span.end - offset
            line_start = text.rfind("\n", 0, max(start, 0)) + 1
            if not text[line_start:start].strip() and _DATELINE.match(text, start):
                continue
            root = _root(doc, start, end)
            if root is not None:
                found.append(_Candidate(place.id, _name_head(root), rank))
    return found


def _name_head(token: Token) -> Token:
    """The head of the facility or feature name a toponym is part of ("ATLANTIC Avenue", "the
    BAGHDAD International Airport"): the whole name is what hangs in the parse. Names of
    other kinds keep the toponym's own head ("Abu" is no place in "Abu Zubaydah")."""
    if token.ent_type_ not in ("LOC", "FAC"):
        return token
    return next((e.root for e in token.sent.ents if e.start <= token.i < e.end), token)


def _time_candidates(doc: Doc) -> list[_Candidate]:
    offset = doc._.offset or 0
    found = []
    for time in records(doc, "times"):
        if time.value.startswith("P"):
            continue  # a duration ("for three years") says how long, not when
        root = _root(doc, time.span.start - offset, time.span.end - offset)
        if root is not None:
            found.append(_Candidate(time.id, root, 0))
    return found


def _root(doc: Doc, start: int, end: int) -> Token | None:
    if start < 0 or not len(doc) or end > doc[-1].idx + len(doc[-1].text_with_ws):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


# -- merging ------------------------------------------------------------------------------


class _Where:
    """The doc's places and times by id, to tell whether two mentions' places and times can
    be one happening's ("Deir ez-Zor" is in "Syria"; "2017-09-28" is in "2017-09")."""

    def __init__(self, doc: Doc) -> None:
        self.places: dict[str, Place] = {p.id: p for p in records(doc, "places")}
        self.times: dict[str, str] = {t.id: t.value for t in records(doc, "times")}

    def same_place(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None or a == b:
            return True
        first, second = self.places.get(a), self.places.get(b)
        if first is None or second is None or first.country != second.country:
            return False
        return "country" in (first.feature, second.feature)

    def same_time(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None or a == b:
            return True
        first, second = self.times.get(a, a), self.times.get(b, b)
        return first.startswith(second) or second.startswith(first)

    def finest_place(self, ids: list[str]) -> str | None:
        return min(
            ids,
            key=lambda i: _FEATURE_RANK.get(self.places[i].feature, 1) if i in self.places else 9,
            default=None,
        )

    def finest_time(self, ids: list[str]) -> str | None:
        return max(ids, key=lambda i: len(self.times.get(i, "")), default=None)


def _merge(doc: Doc, mentions: list[_Mention], where: _Where) -> list[Event]:
    """One event per happening: a mention joins the first earlier event of its type whose
    participants, mode, place and time do not conflict and which shares a participant, the
    mode or the trigger word with it."""
    groups: list[list[_Mention]] = []
    for mention in mentions:
        for group in groups:
            if all(_compatible(m, mention, where) for m in group) and any(
                _linked(m, mention) for m in group
            ):
                group.append(mention)
                break
        else:
            groups.append([mention])
    text = text_of(doc)
    return [_event(doc, text, f"e{n}", group, where) for n, group in enumerate(groups, start=1)]


def _compatible(a: _Mention, b: _Mention, where: _Where) -> bool:
    if a.type != b.type or (a.modality == "asserted") != (b.modality == "asserted"):
        return False
    if not (where.same_place(a.place, b.place) and where.same_time(a.time, b.time)):
        return False
    if a.mode is not None and b.mode is not None and a.mode != b.mode:
        return False
    if a.recipient is not None and b.recipient is not None and a.recipient != b.recipient:
        return False
    return _same_actor(a, b)


def _same_actor(a: _Mention, b: _Mention) -> bool:
    """Whether two mentions may have one actor: the same resolved actor, or where neither is
    resolved, the same head noun ("rebels" is not "the army"); a missing one fits any.
    Victims are described too many ways ("the two men", "he", "the soldiers") to compare."""
    if a.actor is not None and b.actor is not None:
        return a.actor == b.actor
    heads = (a.actor_head, b.actor_head)
    if (
        a.actor is None
        and b.actor is None
        and all(h is not None and h.pos_ in ("NOUN", "PROPN") for h in heads)
    ):
        return _lemma(heads[0]) == _lemma(heads[1])
    return True


def _linked(a: _Mention, b: _Mention) -> bool:
    return (
        (a.actor is not None and a.actor == b.actor)
        or (a.recipient is not None and a.recipient == b.recipient)
        or (a.mode is not None and a.mode == b.mode)
        or _lemma(a.token) == _lemma(b.token)
    )


def _event(doc: Doc, text: str, event_id: str, group: list[_Mention], where: _Where) -> Event:
    first = group[0]
    actor_from = next((m for m in group if m.actor is not None), None) or next(
        (m for m in group if m.actor_span), None
    )
    recipient_from = next((m for m in group if m.recipient is not None), None) or next(
        (m for m in group if m.recipient_span), None
    )
    trigger = _trigger_span(doc, first)
    return Event(
        id=event_id,
        type=first.type,
        mode=next((m.mode for m in group if m.mode is not None), None),
        trigger=trigger,
        evidence=_evidence(doc, text, first.token),
        actor=actor_from.actor if actor_from else None,
        recipient=recipient_from.recipient if recipient_from else None,
        place=where.finest_place([m.place for m in group if m.place is not None]),
        time=where.finest_time([m.time for m in group if m.time is not None]),
        negated=all(m.negated for m in group),
        modality=min((m.modality for m in group), key=MODALITIES.index),
        actor_span=make_span(doc, *actor_from.actor_span)
        if actor_from and actor_from.actor_span
        else None,
        recipient_span=make_span(doc, *recipient_from.recipient_span)
        if recipient_from and recipient_from.recipient_span
        else None,
        mentions=tuple(
            span for m in group for span in _trigger_spans(doc, m, trigger if m is first else None)
        ),
    )


def _trigger_spans(doc: Doc, mention: _Mention, main: Span | None) -> list[Span]:
    """The mention's trigger (``main`` when already made) and the triggers merged into it in
    its sentence, in text order ("agreed" and "withdraw" in "agreed to withdraw")."""
    main = main or _trigger_span(doc, mention)
    merged = [
        make_span(doc, doc[i].idx, doc[i].idx + len(doc[i]))
        for i in mention.tokens
        if i != mention.token.i
    ]
    return sorted([main, *merged], key=lambda span: span.start)


def _trigger_span(doc: Doc, mention: _Mention) -> Span:
    """The trigger word, with the words of a multiword trigger right next to it ("taken
    hostage", "called for")."""
    token = mention.token
    words = [token, *(t for t in mention.extra if abs(t.i - token.i) == 1)]
    start = min(words, key=lambda t: t.i)
    end = max(words, key=lambda t: t.i)
    return make_span(doc, start.idx, end.idx + len(end.text))


def _evidence(doc: Doc, text: str, token: Token) -> Span:
    """The sentence of the trigger, cut to its line (a headline has no full stop)."""
    sent = token.sent
    start, end = sent.start_char, sent.end_char
    start = max(start, text.rfind("\n", start, token.idx) + 1)
    line_end = text.find("\n", token.idx, end)
    end = line_end if line_end != -1 else end
    line = text[start:end]
    start += len(line) - len(line.lstrip())
    return make_span(doc, start, start + len(line.strip()))


@Language.factory(
    "sitrep_events",
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma", "doc._.actors", "doc._.actor_mentions"],
    default_config={"lexicon": {"@misc": "sitrep.plover_lexicon.v1"}},
)
def make_events(nlp: Language, name: str, lexicon: Lexicon) -> EventRecognizer:
    return EventRecognizer(nlp, lexicon)
