"""Cross-article claims: one proposition reported by many outlets is one story claim, and its
status comes from how many independent origins assert, deny or question it.

Alignment is by meaning, not wording. A claim becomes a set of concepts: predicate classes
(what happened: capture, kill, attack ... from claim_predicates.yaml, extended in
claim_alignment.yaml), argument classes (soldiers/troops/servicemen ...) and the stems of its
other content words; words of stance and framing ("denied", "reports", "incidents") are
dropped, because stance is compared on its own. A shared predicate class is the strongest
evidence; shared concepts, participants (the actors named in the claim's content, and the
event's actor and recipient) and the event type add to it. So "denied their soldiers had been
captured" and "there have been no incidents linked with any capture of prisoners" share the
capture predicate and align; their stance is denial in both.

Independent origins: a report traced to a named source counts once for that source, however
many outlets relay it (five sites quoting the ministry via Interfax count once: the ministry);
an unnamed source counts once per independent article, where copies of one article and copy
of one wire are one article.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitrep.link.records import StoryAttribution
from sitrep.link.text import is_content, stem, words
from sitrep.model import ArticleReport, Attribution, Claim

#: weights of the evidence that two claims are one proposition
PREDICATE_WEIGHT = 0.35
CONCEPT_WEIGHT = 0.45
PARTICIPANT_WEIGHT = 0.2
EVENT_BONUS = 0.15
#: least weight of a concept found in every claim of a story: in a story of few claims that
#: all report one capture, "capture" is still what they share
WEIGHT_FLOOR = 0.5
#: score from which a claim joins a story claim: a shared distinctive predicate, or much shared wording
SAME_CLAIM = 0.35
#: words between the parts of a phrase ("took two Russians prisoner")
PHRASE_GAP = 3


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """What a claim is compared by: concepts (predicate classes prefixed ``!``, argument classes
    ``=``, else stems), actor ids of its participants, and the PLOVER type of its event."""

    concepts: frozenset[str]
    participants: frozenset[str]
    event: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "concepts": sorted(self.concepts),
                "participants": sorted(self.participants),
                "event": self.event,
            }
        )

    @classmethod
    def from_json(cls, raw: str) -> ClaimFeatures:
        data = json.loads(raw)
        return cls(frozenset(data["concepts"]), frozenset(data["participants"]), data["event"])


@dataclass(frozen=True, slots=True)
class _Lexicon:
    singles: dict[str, str]
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]
    ignored: frozenset[str]
    base: dict[str, str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    root = resources.files("sitrep.resources")
    predicates = yaml.safe_load(root.joinpath("claim_predicates.yaml").read_text("utf-8"))[
        "classes"
    ]
    alignment = yaml.safe_load(root.joinpath("claim_alignment.yaml").read_text("utf-8"))
    base = {form: lemma for lemma, forms in alignment["irregular"].items() for form in forms}
    members: list[tuple[str, str]] = [
        (entry, "!" + name)
        for name, groups in predicates.items()
        for group in ("verbs", "nouns", "phrases")
        for entry in groups.get(group, ())
    ]
    members += [
        (entry, "!" + name)
        for name, entries in alignment["predicates"].items()
        for entry in entries
    ]
    members += [
        (entry, "=" + name) for name, entries in alignment["arguments"].items() for entry in entries
    ]
    singles: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for entry, concept in members:
        key = tuple(_norm(w, base) for w in words(entry))
        if len(key) == 1:
            singles.setdefault(key[0], concept)
        else:
            phrases.setdefault(key[0], []).append((key[1:], concept))
    ignored = frozenset(_norm(w, base) for w in alignment["ignored"])
    return _Lexicon(singles, phrases, ignored, base)


def _norm(word: str, base: dict[str, str]) -> str:
    return stem(base.get(word, word))


def concepts(text: str) -> frozenset[str]:
    """The concepts of a claim's text: classes its words and phrases belong to, and the stems
    of its other content words; stance and framing words left out."""
    lexicon = _lexicon()
    tokens = words(text)
    stems = [_norm(w, lexicon.base) for w in tokens]
    found: set[str] = set()
    used: set[int] = set()
    for i, first in enumerate(stems):
        for rest, name in lexicon.phrases.get(first, ()):
            positions = _phrase_positions(stems, i, rest)
            if positions:
                found.add(name)
                used.update(positions)
    for i, (word, key) in enumerate(zip(tokens, stems, strict=True)):
        if i in used or key in lexicon.ignored:
            continue
        if key in lexicon.singles:
            found.add(lexicon.singles[key])
        elif is_content(word):
            found.add(key)
    return frozenset(found)


def _phrase_positions(stems: list[str], start: int, rest: tuple[str, ...]) -> list[int]:
    """Positions of a phrase whose first word is at ``start`` and whose later words each follow
    within PHRASE_GAP words; empty when it is not there."""
    positions = [start]
    at = start
    for part in rest:
        window = stems[at + 1 : at + 2 + PHRASE_GAP]
        if part not in window:
            return []
        at = at + 1 + window.index(part)
        positions.append(at)
    return positions


def claim_features(report: ArticleReport, claim: Claim) -> ClaimFeatures:
    """The features of one of the report's claims."""
    contents = [(a.content.start, a.content.end) for a in claim.attributions]
    participants = {
        actor.id
        for actor in report.actors
        if any(start <= m.start and m.end <= end for m in actor.mentions for start, end in contents)
    }
    event_type = None
    if claim.event is not None:
        event = next((e for e in report.events if e.id == claim.event), None)
        if event is not None:
            event_type = event.type
            participants.update(x for x in (event.actor, event.recipient) if x)
    return ClaimFeatures(concepts(claim.text), frozenset(participants), event_type)


def concept_weights(claims: Iterable[ClaimFeatures]) -> dict[str, float]:
    """How much each concept tells the story's claims apart, in [WEIGHT_FLOOR, 1]: a concept in
    every claim of the story (the attack the whole story is about) weighs least."""
    df: dict[str, int] = {}
    total = 0
    for features in claims:
        total += 1
        for concept in features.concepts:
            df[concept] = df.get(concept, 0) + 1
    scale = math.log(1 + total) if total else 1.0
    return {
        concept: WEIGHT_FLOOR + (1 - WEIGHT_FLOOR) * math.log(1 + total / n) / scale
        for concept, n in df.items()
    }


def similarity(
    a: ClaimFeatures, b: ClaimFeatures, weights: Mapping[str, float] | None = None
) -> float:
    """How likely two claims state one proposition, from -(PARTICIPANT_WEIGHT + EVENT_BONUS)
    to 1 + EVENT_BONUS. ``weights``: concept weights (default 1)."""
    weights = weights or {}
    shared = a.concepts & b.concepts
    total = sum(weights.get(c, 1.0) for c in a.concepts) + sum(
        weights.get(c, 1.0) for c in b.concepts
    )
    predicates = [weights.get(c, 1.0) for c in shared if c.startswith("!")]
    score = PREDICATE_WEIGHT * max(predicates, default=0.0)
    score += CONCEPT_WEIGHT * (
        2 * sum(weights.get(c, 1.0) for c in shared) / total if total else 0.0
    )
    if a.participants and b.participants:
        # the same predicate about other actors is another proposition
        overlap = len(a.participants & b.participants) / len(a.participants | b.participants)
        score += PARTICIPANT_WEIGHT * (2 * overlap - 1)
    if a.event and b.event:
        score += EVENT_BONUS if a.event == b.event else -EVENT_BONUS
    return score


def best_match(features: ClaimFeatures, members: Sequence[tuple[str, ClaimFeatures]]) -> str | None:
    """The story claim with the member closest to ``features`` when that member states the same
    proposition, or None. Concepts are weighted over the story's claims; ties go to the member
    seen first, so the result depends only on input order."""
    weights = concept_weights([features, *(m for _, m in members)])
    best = SAME_CLAIM
    choice = None
    for story_claim, member in members:
        score = similarity(features, member, weights)
        if score > best or (choice is None and score == best):
            best, choice = score, story_claim
    return choice


# -- origins and status ---------------------------------------------------------------------


def is_hedged(claim: Claim) -> bool:
    """Whether the article reports the claim only with a hedge or a failed verification."""
    return bool(claim.hedges) or any(v.status == "unverified" for v in claim.verification)


def attributions_json(claim: Claim) -> str:
    return json.dumps([a.to_dict() for a in claim.attributions], ensure_ascii=False)


def origin(attribution: Attribution | dict[str, Any], article_origin: str) -> str:
    """The independent origin a report counts for: its named source (whoever relayed it), else
    the first named relay, else the article's origin (its copy group or wire)."""
    data = attribution.to_dict() if isinstance(attribution, Attribution) else attribution
    if data.get("source"):
        return "actor:" + data["source"]
    for via in data.get("via", ()):
        if via.get("source"):
            return "actor:" + via["source"]
    return f"{article_origin}|{' '.join(words(data['source_text']))}"


def claim_status(attributions: Iterable[StoryAttribution]) -> tuple[str, dict[str, int]]:
    """The status of a story claim and its independent origins per stance.

    corroborated: two or more independent asserting origins, none denying; single_source: one;
    disputed: independent origins on both sides; denied: only denials; unverified: asserted
    only with hedges or failed verifications (or only questioned)."""
    by_stance: dict[str, set[str]] = {"asserts": set(), "denies": set(), "questions": set()}
    firm: set[str] = set()
    for a in attributions:
        by_stance[a.stance].add(a.origin)
        if a.stance == "asserts" and not a.hedged:
            firm.add(a.origin)
    origins = {stance: len(found) for stance, found in by_stance.items()}
    asserts, denies = origins["asserts"], origins["denies"]
    if asserts and denies:
        status = "disputed"
    elif denies:
        status = "denied"
    elif not firm:
        status = "unverified"
    else:
        status = "corroborated" if asserts >= 2 else "single_source"
    return status, origins
