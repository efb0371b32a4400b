"""The PLOVER trigger lexicon and the factuality cues: resources/plover_triggers.yaml and
resources/event_factuality.yaml, read once per process (or, in tests, built from hand-made
documents)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.util import registry

from sitrep.model import PLOVER_TYPES

# libyaml's safe loader when PyYAML was built with it: the trigger lexicon loads several
# times faster; the pure-Python one reads the same documents.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    name: str = ""  # the rule it is: "TYPE#n", the type's n-th entry in the lexicon


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
    question_marks: frozenset[str]
    denials: frozenset[str]
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
        for number, row in enumerate(rows, start=1):
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
                name=f"{plover_type}#{number}",
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
        question_marks=_words(factuality["question_marks"]),
        denials=_words(factuality["denials"]),
        ultimatum_marks=_words(factuality["ultimatum_marks"]),
        obligation_modals=_words(factuality["obligation_modals"]),
        occurrence_verbs=_words(factuality["occurrence_verbs"]),
        noun_modifiers=by_word(factuality["noun_modifiers"]),
        negations=_words(factuality["negations"]),
        governing_preps=_words(factuality["governing_prepositions"]),
    )
