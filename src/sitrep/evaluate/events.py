"""Event accuracy: PLOVER type and roles on PLOVER gold standard records, and the event's
location on event-geolocation sentences.

PLOVER gold standard records (JSON list; Open Event Data Alliance): one sentence each, with
``event`` (a PLOVER 0.5 label, mapped to today's 16 types by :data:`PLOVER_05`), ``source`` and
``target`` actor lists (``actorText``, ``code``: a CAMEO-style country code) and
``textInfo.markup`` where ``(EVT: ...)`` marks the words of the event.

- The sentence's event: among the predicted events whose trigger lies in a gold ``(EVT: ...)``
  phrase, the first asserted one (else the first); with none there, the sentence's first
  asserted event (else its first). No event counts as a wrong type and unmatched roles.
- Type accuracy: that event's type equals the gold type.
- Actor match (source, target): a gold actor matches when its text overlaps the event's role
  phrase (``actor_span``/``recipient_span``: "the Bush administration", "Israeli helicopters")
  or a mention of the resolved actor in the sentence, or when the resolved actor's country is
  the gold code. Any one gold actor of several matching is a match. Target match is counted
  over records with a gold target only.
- Resolved match: the same, but only through a resolved actor (an actor id): how often the
  role also reaches the actor table, which exports and stories use.

Event-location sentences (Prodigy JSON lines, Halterman): a ``VERB`` span and zero or more
``LOCATION`` spans, given by ``token_start``/``token_end`` (inclusive) into ``tokens`` (their
character offsets are often wrong). The predicted location is the place of the event whose
trigger covers the verb, or "none" (no such event, or it has no place). It is right when one
of the place's mentions (or the event's ``place_name``, a name given no point) overlaps a gold
LOCATION, or when both are "none".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from sitrep.errors import E, SitrepError
from sitrep.evaluate.metrics import overlap
from sitrep.ingest.meta import make_article
from sitrep.model import PLOVER_TYPES, Article, ArticleReport, Event, Failure
from sitrep.nlp.events import load_lexicon
from sitrep.nlp.events.classify import load_type_model, main_predicate
from sitrep.nlp.events.context import Context
from sitrep.nlp.events.triggers import Triggers

#: PLOVER 0.5 labels that today's 16 types renamed or merged.
PLOVER_05 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}

_EVT = re.compile(r"\(EVT:\s*([^()]*?)\s*\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")

AnalyzeMany = Callable[[Iterable[Article]], Iterator[ArticleReport | Failure]]


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    code: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    text: str
    type: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]
    triggers: tuple[tuple[int, int], ...]  # character ranges of the (EVT: ...) phrases


@dataclass(frozen=True)
class EventScores:
    sentences: int
    type_accuracy: float
    with_event: int  # sentences where an event was found
    sources: int
    source_match: float
    source_resolved: float
    targets: int
    target_match: float
    target_resolved: float
    confusion: dict[str, dict[str, int]]  # gold type -> predicted type (or "none") -> count

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class GoldLocation:
    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class LocationScores:
    sentences: int
    accuracy: float
    with_location: int
    with_location_accuracy: float
    without_location: int
    without_location_accuracy: float
    event_found: int  # sentences where an event covers the verb

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


# -- PLOVER gold standard records ---------------------------------------------------------


def read_plover_gold(path: Path) -> list[GoldEvent]:
    """The records of a PLOVER gold standard JSON file, labels mapped to the 16 types."""
    try:
        records = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise SitrepError(E.EVAL_DATA, what=str(path), reason=str(exc)) from None
    if not isinstance(records, list):
        raise SitrepError(E.EVAL_DATA, what=str(path), reason="expected a JSON list of records")
    gold = []
    for n, record in enumerate(records):
        if not isinstance(record, dict) or not str(record.get("text") or "").strip():
            raise SitrepError(E.EVAL_DATA, what=str(path), reason=f"record {n} has no text")
        label = str(record.get("event", "")).upper()
        label = PLOVER_05.get(label, label)
        if label not in PLOVER_TYPES:
            raise SitrepError(
                E.EVAL_DATA, what=str(path), reason=f"record {n} has unknown event type {label!r}"
            )
        text = record["text"]
        markup = (record.get("textInfo") or {}).get("markup") or ""
        gold.append(
            GoldEvent(
                id=str(record.get("id", n)),
                text=text,
                type=label,
                sources=_actors(record.get("source")),
                targets=_actors(record.get("target")),
                triggers=_phrases(text, _EVT.findall(markup)),
            )
        )
    return gold


def _actors(value: object) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        GoldActor(str(a.get("actorText", "")), a.get("code") or None)
        for a in value
        if isinstance(a, dict) and str(a.get("actorText", "")).strip()
    )


def _phrases(text: str, phrases: list[str]) -> tuple[tuple[int, int], ...]:
    """Where each phrase occurs in the text, searching on from the previous one."""
    found = []
    position = 0
    folded = text.lower()
    for phrase in phrases:
        at = folded.find(phrase.lower(), position)
        if at == -1:
            at = folded.find(phrase.lower())
        if at != -1:
            found.append((at, at + len(phrase)))
            position = at + len(phrase)
    return tuple(found)


def evaluate_events(path: Path, analyze_many: AnalyzeMany) -> EventScores:
    """Scores ``analyze_many`` (e.g. ``Analyzer().analyze_many``) on a PLOVER gold file."""
    gold = read_plover_gold(path)
    articles = [make_article(g.text, path=f"{path}#{g.id}") for g in gold]
    return score_events(gold, list(_reports(analyze_many(articles))))


def score_events(gold: list[GoldEvent], reports: list[ArticleReport | None]) -> EventScores:
    """The scores of ``reports`` (one per gold record, None where analysis failed)."""
    right = found = 0
    source_hits = source_resolved = target_hits = target_resolved = n_targets = 0
    confusion: dict[str, dict[str, int]] = {}
    for record, report in zip(gold, reports, strict=True):
        event = _sentence_event(record, report)
        predicted = event.type if event else "none"
        row = confusion.setdefault(record.type, {})
        row[predicted] = row.get(predicted, 0) + 1
        right += predicted == record.type
        found += event is not None
        hit, resolved = _role_match(record, report, event, "actor", record.sources)
        source_hits += hit
        source_resolved += resolved
        if record.targets:
            n_targets += 1
            hit, resolved = _role_match(record, report, event, "recipient", record.targets)
            target_hits += hit
            target_resolved += resolved
    n = len(gold)
    return EventScores(
        sentences=n,
        type_accuracy=_ratio(right, n),
        with_event=found,
        sources=n,
        source_match=_ratio(source_hits, n),
        source_resolved=_ratio(source_resolved, n),
        targets=n_targets,
        target_match=_ratio(target_hits, n_targets),
        target_resolved=_ratio(target_resolved, n_targets),
        confusion={k: dict(sorted(v.items())) for k, v in sorted(confusion.items())},
    )


@dataclass(frozen=True)
class TypingScores:
    """Event type accuracy three ways: the report as shipped (rules and model), the rules
    alone (no type model), and the type model alone reading each whole sentence."""

    sentences: int
    combined: float
    rules_only: float
    model_only: float

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def evaluate_event_typing(
    path: Path, scores: EventScores, rules_only: AnalyzeMany, nlp: Language
) -> TypingScores:
    """Beside the shipped pipeline's ``scores`` on ``path``: the type accuracy of
    ``rules_only`` (an analyzer's ``analyze_many`` without the type model) and of the shipped
    type model alone on each whole sentence, parsed by ``nlp``, read for its main predicate and
    the lexicon senses whose conditions that meets."""
    gold = read_plover_gold(path)
    articles = [make_article(g.text, path=f"{path}#{g.id}") for g in gold]
    rules = score_events(gold, list(_reports(rules_only(articles)))).type_accuracy
    model = load_type_model()
    right = 0
    if model is not None:
        lexicon = load_lexicon()
        for record, doc in zip(gold, nlp.pipe(g.text for g in gold), strict=True):
            tokens = list(doc)
            focus = main_predicate(tokens, lexicon)
            senses = Triggers(Context(doc, lexicon)).senses(focus)
            probabilities = model.clause(tokens, lexicon, focus, senses)
            right += max(probabilities, key=probabilities.__getitem__) == record.type
    return TypingScores(len(gold), scores.type_accuracy, rules, _ratio(right, len(gold)))


def _sentence_event(record: GoldEvent, report: ArticleReport | None) -> Event | None:
    if report is None or not report.events:
        return None
    marked = [
        e
        for e in report.events
        if any(
            overlap(m.start, m.end, s, t)
            for m in e.mentions or (e.trigger,)
            for s, t in record.triggers
        )
    ]
    pool = marked or list(report.events)
    return next((e for e in pool if e.modality == "asserted" and not e.negated), pool[0])


def _role_match(
    record: GoldEvent,
    report: ArticleReport | None,
    event: Event | None,
    role: str,
    wanted: tuple[GoldActor, ...],
) -> tuple[bool, bool]:
    """(matched through the phrase or the actor, matched through the actor)."""
    if event is None or report is None:
        return False, False
    actor_id = getattr(event, role)
    phrase = getattr(event, f"{role}_span")
    actor = next((a for a in report.actors if a.id == actor_id), None) if actor_id else None
    by_actor = (
        any(
            (actor.country is not None and g.code == actor.country)
            or any(_text_overlap(record.text, g.text, m.start, m.end) for m in actor.mentions)
            for g in wanted
        )
        if actor
        else False
    )
    by_phrase = phrase is not None and any(
        _text_overlap(record.text, g.text, phrase.start, phrase.end) for g in wanted
    )
    return by_actor or by_phrase, by_actor


def _text_overlap(text: str, gold: str, start: int, end: int) -> bool:
    """Whether the gold actor text overlaps [start, end); where the gold text is not found
    verbatim (typos, elisions), whether they share a word of three letters or more."""
    at = text.lower().find(gold.lower())
    if at != -1:
        return overlap(at, at + len(gold), start, end) > 0
    gold_words = {w.lower() for w in _WORD.findall(gold) if len(w) > 2}
    return bool(gold_words & {w.lower() for w in _WORD.findall(text[start:end])})


# -- event locations ----------------------------------------------------------------------


def read_location_gold(path: Path) -> list[GoldLocation]:
    """The sentences of an event-geolocation JSON lines file, spans from token offsets."""
    gold = []
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise SitrepError(E.EVAL_DATA, what=str(path), reason=str(exc)) from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            tokens = record["tokens"]
            spans = record.get("spans") or []
            verbs = [_chars(tokens, s) for s in spans if s.get("label") == "VERB"]
            locations = tuple(_chars(tokens, s) for s in spans if s.get("label") == "LOCATION")
            text = record["text"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise SitrepError(
                E.EVAL_DATA, what=f"{path}:{n}", reason=f"malformed record ({exc})"
            ) from None
        if not verbs:
            raise SitrepError(E.EVAL_DATA, what=f"{path}:{n}", reason="no VERB span")
        gold.append(GoldLocation(text, verbs[0], locations))
    return gold


def _chars(tokens: list[dict], span: dict) -> tuple[int, int]:
    """A span's characters from its first and last token (inclusive token offsets)."""
    return tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]


def evaluate_event_locations(path: Path, analyze_many: AnalyzeMany) -> LocationScores:
    """Scores ``analyze_many`` on an event-geolocation JSON lines file."""
    gold = read_location_gold(path)
    articles = [make_article(g.text, path=f"{path}#{n}") for n, g in enumerate(gold, start=1)]
    return score_event_locations(gold, list(_reports(analyze_many(articles))))


def score_event_locations(
    gold: list[GoldLocation], reports: list[ArticleReport | None]
) -> LocationScores:
    """The scores of ``reports`` (one per gold sentence, None where analysis failed)."""
    right = with_loc = with_loc_right = found = 0
    for record, report in zip(gold, reports, strict=True):
        place_spans, has_event = _predicted_location(record, report)
        found += has_event
        if record.locations:
            with_loc += 1
            ok = any(overlap(s, e, gs, ge) for s, e in place_spans for gs, ge in record.locations)
            with_loc_right += ok
        else:
            ok = not place_spans
        right += ok
    n = len(gold)
    without = n - with_loc
    return LocationScores(
        sentences=n,
        accuracy=_ratio(right, n),
        with_location=with_loc,
        with_location_accuracy=_ratio(with_loc_right, with_loc),
        without_location=without,
        without_location_accuracy=_ratio(right - with_loc_right, without),
        event_found=found,
    )


def _predicted_location(
    record: GoldLocation, report: ArticleReport | None
) -> tuple[list[tuple[int, int]], bool]:
    """The mentions of the place of the event at the gold verb, and whether there is one."""
    if report is None:
        return [], False
    start, end = record.verb
    event = next(
        (
            e
            for e in report.events
            if any(overlap(m.start, m.end, start, end) for m in e.mentions or (e.trigger,))
        ),
        None,
    )
    if event is None:
        return [], False
    if event.place_name is not None:
        return [(event.place_name.start, event.place_name.end)], True
    place = next((p for p in report.places if p.id == event.place), None)
    return ([(m.start, m.end) for m in place.mentions] if place else []), True


def _reports(items: Iterable[ArticleReport | Failure]) -> Iterator[ArticleReport | None]:
    for item in items:
        yield None if isinstance(item, Failure) else item


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
