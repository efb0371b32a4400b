"""Cross-article claims: one proposition reported by many outlets is one story claim, and its
status comes from how many independent origins assert, deny or question it.

Alignment is by meaning, not wording. A claim becomes a set of concepts: predicate classes
(what happened: capture, kill, attack ... from claim_predicates.yaml, extended in
claim_alignment.yaml), argument classes (soldiers/troops/servicemen ...), countries (by name
or demonym: "Ukraine", "Ukrainian") and the stems of its other content words; words of stance
and framing ("denied", "reports", "incidents") are dropped, because stance is compared on its
own. A shared predicate class is the strongest
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
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitrep.link.records import StoryAttribution
from sitrep.link.text import is_content, stem, words
from sitrep.model import Actor, ArticleReport, Attribution, Claim

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
#: words of a clause that states a proposition with one concept ("they had weapons")
MIN_WORDS = 3
#: the predicate class of existential "there be" (FrameNet Presence)
_EXISTS = "!presence"
#: words that qualify what "there is" without being it ("no firm conclusions")
_MODIFIERS = frozenset({"firm", "clear", "real", "hard", "concrete", "direct", "solid", "new"})
#: the predicate class whose bare noun is owned or disowned by its source
_OWNED = "!responsibility"
#: subjects that leave a clause's subject outside it or open: relative and question words
_OPEN_SUBJECTS = frozenset({"which", "who", "whom", "whose", "what"})


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """What a claim is compared by: concepts (predicate classes prefixed ``!``, argument classes
    ``=``, countries ``@`` and their ISO alpha-3, else stems), the sides its participants speak
    for (:func:`side_of`: a state's president, ministry and government are one), and the
    PLOVER type of its event."""

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
    over_events: frozenset[str]  # predicate classes about an event: "staged" (``!stage``)
    base: dict[str, str]
    codes: re.Pattern[str]  # country codes, matched case-sensitively ("US", "U.S.", "UK")
    code_names: dict[str, str]  # ... and the name each stands for


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
    countries = list(_country_names(root))
    members += [(name, "@" + iso3) for name, iso3, code in countries if not code]
    code_names = {name: iso3 for name, iso3, code in countries if code}
    names = {iso3: name for name, iso3, code in countries if not code}
    codes = re.compile(
        r"(?<![\w.])(?:"
        + "|".join(re.escape(c) for c in sorted(code_names, key=len, reverse=True))
        + r")(?![\w])"
    )
    singles: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for entry, concept in members:
        key = tuple(_norm(w, base) for w in words(entry))
        if len(key) == 1:
            singles.setdefault(key[0], concept)
        else:
            phrases.setdefault(key[0], []).append((key[1:], concept))
    ignored = frozenset(_norm(w, base) for w in alignment["ignored"])
    return _Lexicon(
        singles,
        phrases,
        ignored,
        frozenset("!" + name for name in alignment["over_events"]),
        base,
        codes,
        {c: names[i] for c, i in code_names.items()},
    )


def _country_names(root: Any) -> Iterable[tuple[str, str, bool]]:
    """(name, ISO alpha-3, whether it is a code) for every country's names and demonyms
    (countries.tsv), so that "Ukraine", "Ukrainian" and "Ukraine's" name one participant.
    A code ("US", "U.S.", "UK") is one only in capitals: "us" is a pronoun. Capitals are left
    out: there they name a place as often as the state."""
    for line in root.joinpath("countries.tsv").read_text("utf-8").splitlines():
        if not line or line.startswith(("#", "iso3\t")):
            continue
        iso3, name, aliases, demonyms = line.split("\t")[:4]
        for entry in (name, *aliases.split("|"), *demonyms.split("|")):
            if entry:
                yield entry, iso3, len(entry.replace(".", "")) <= 3 and entry.isupper()


def _norm(word: str, base: dict[str, str]) -> str:
    return stem(base.get(word, word))


def concepts(text: str) -> frozenset[str]:
    """The concepts of a claim's text: classes its words and phrases belong to, and the stems
    of its other content words; stance and framing words left out."""
    lexicon = _lexicon()
    tokens = words(lexicon.codes.sub(lambda m: lexicon.code_names[m.group()], text))
    stems = [_norm(w, lexicon.base) for w in tokens]
    found: set[str] = set()
    used: set[int] = set()
    for i, first in enumerate(stems):
        for rest, name in lexicon.phrases.get(first, ()):
            positions = _phrase_positions(stems, i, rest)
            if positions:
                used.update(positions)
                if not (name == _EXISTS and _frames(tokens, stems, positions[-1], lexicon)):
                    found.add(name)
    for i, (word, key) in enumerate(zip(tokens, stems, strict=True)):
        if i in used or key in lexicon.ignored:
            continue
        if key in lexicon.singles:
            found.add(lexicon.singles[key])
        elif is_content(word):
            found.add(key)
    return frozenset(found)


def _frames(tokens: list[str], stems: list[str], end: int, lexicon: _Lexicon) -> bool:
    """Whether what an existential phrase ending at ``end`` says there is (or is not) is a word
    of framing: "there is no evidence that ...", "there are no firm conclusions" state no
    presence; the proposition, if any, follows."""
    subject = next(
        (
            key
            for word, key in zip(tokens[end + 1 :], stems[end + 1 :], strict=True)
            if is_content(word) and key not in _MODIFIERS
        ),
        None,
    )
    return subject in lexicon.ignored


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


def is_proposition(claim: Claim) -> bool:
    """Whether a claim states something checkable: two concepts ("helicopter shot down"), or
    one in a clause of a few words ("there have been no incidents of capture", "they had
    weapons"). A pronoun, a fragment ("That", "He was", "Read more") or a bare word
    ("Disinformation", "The attack") is an attribution of the article but no claim of the
    story; nor is a clause whose subject is a relative or question word ("which killed 43
    people", "who was responsible"): who or what it is about is outside it, or asked."""
    first = words(claim.text)[:1]
    if first and first[0] in _OPEN_SUBJECTS:
        return False
    found = len(concepts(claim.text))
    return found >= 2 or (found == 1 and len(words(claim.text)) >= MIN_WORDS)


def claim_features(report: ArticleReport, claim: Claim) -> ClaimFeatures:
    """The features of one of the report's claims."""
    contents = [(a.content.start, a.content.end) for a in claim.attributions]
    participants = {
        actor.id
        for actor in report.actors
        if any(start <= m.start and m.end <= end for m in actor.mentions for start, end in contents)
    }
    if not participants and _owned(claim.text):
        # "claimed responsibility for the attack", "denied any involvement": whoever claims
        # or disowns it is who did it (or did not)
        participants = {a.source for a in claim.attributions if a.source}
    event_type = None
    if claim.event is not None:
        event = next((e for e in report.events if e.id == claim.event), None)
        if event is not None:
            event_type = event.type
            participants.update(x for x in (event.actor, event.recipient) if x)
    # Compared as the sides they speak for: "the president or his ministers" and "Veldia"
    # are one party, not other actors.
    actors = {a.id: a for a in report.actors}
    sides = {side_of(actors[p]) if p in actors else "actor:" + p for p in participants}
    return ClaimFeatures(concepts(claim.text), frozenset(sides), event_type)


def _owned(text: str) -> bool:
    """Whether a claim is a bare noun of responsibility ("Responsibility for the attack",
    "Any involvement in the blast"): it says who did something only through its source."""
    lexicon = _lexicon()
    first = next((w for w in words(text) if is_content(w)), None)
    return first is not None and lexicon.singles.get(_norm(first, lexicon.base)) == _OWNED


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
    to 1 + EVENT_BONUS; 0 when only one says an event was made up (``over_events``).
    ``weights``: concept weights (default 1)."""
    over_events = _lexicon().over_events
    if (a.concepts ^ b.concepts) & over_events:
        # "the attack was staged" and "the attack killed 40": one event, two propositions
        return 0.0
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


def restates(
    claims: Sequence[ClaimFeatures],
    members: Sequence[tuple[str, ClaimFeatures]],
    anchors: frozenset[str],
) -> bool:
    """Whether one of an article's claims states one of a story's claims again about the same
    actor: it aligns with a member, shares its predicate class and one of ``anchors`` (the
    sides of the actors that tell which event it is, not the states or media that figure in
    any)."""
    stored = [m for _, m in members]
    for features in claims:
        weights = concept_weights([features, *stored])
        for member in stored:
            if (
                features.participants & member.participants & anchors
                and any(c.startswith("!") for c in features.concepts & member.concepts)
                and similarity(features, member, weights) >= SAME_CLAIM
            ):
                return True
    return False


# -- origins and status ---------------------------------------------------------------------

#: actor kinds that speak for their country's state: its officials, ministries and forces
_STATE_KINDS = frozenset({"government", "military"})
#: transliterations of one surname ("Zelensky", "Zelenskiy", "Zelenskyy"; "Borodai", "Boroday")
_SURNAME_ENDING = re.compile(r"(?:iy|yy|ii|y|i)$")
#: the confidence of an attribution whose rule has no measured precision: a coin toss
UNMEASURED = 0.5


def is_hedged(claim: Claim) -> bool:
    """Whether the article reports the claim with a hedge of its own."""
    return bool(claim.hedges)


def side_of(actor: Actor) -> str:
    """The independent origin an actor speaks for: the actor it is the voice of (an armed group
    for its news agency), its country's state for a government, ministry or armed force, one
    key per person however named ("Vladimir Putin", "Putin"), else itself."""
    if actor.parent:
        return "actor:" + actor.parent
    if actor.kind in _STATE_KINDS and actor.country:
        return "state:" + actor.country
    if actor.kind == "person":
        folded = unicodedata.normalize("NFKD", actor.name).encode("ascii", "ignore").decode()
        surname = (words(folded) or [actor.id])[-1].lower()
        return "person:" + _SURNAME_ENDING.sub("y", surname)
    return "actor:" + actor.id


def member_json(report: ArticleReport, claim: Claim) -> str:
    """What a story keeps of an aligned claim: its attributions, each with the origin its
    source speaks for (``side``) and the source's name, and its verification statements."""
    actors = {a.id: a for a in report.actors}
    attributions = []
    for attribution in claim.attributions:
        data = attribution.to_dict()
        actor = actors.get(attribution.source) if attribution.source else None
        data["side"] = side_of(actor) if actor is not None else None
        data["name"] = actor.name if actor is not None else attribution.source_text
        # The outlet that printed the article closes the chain: it relays nothing to itself.
        data["relays"] = [
            v.source_text for v in attribution.via if v.source_text != report.article.outlet
        ]
        attributions.append(data)
    return json.dumps(
        {"attributions": attributions, "verification": [v.to_dict() for v in claim.verification]},
        ensure_ascii=False,
    )


def member_parts(stored: list | dict) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(attributions, verification statements) of a stored aligned claim; claims stored before
    verification was kept are a bare list of attributions."""
    if isinstance(stored, list):
        return stored, []
    return stored["attributions"], stored.get("verification", [])


def origin(attribution: Attribution | dict[str, Any], article_origin: str) -> str:
    """The independent origin a report counts for: whom its named source speaks for (whoever
    relayed it), else the first named relay, else the article's origin (its copy group or
    wire)."""
    data = attribution.to_dict() if isinstance(attribution, Attribution) else attribution
    if data.get("source"):
        return data.get("side") or "actor:" + data["source"]
    relays = data.get("relays")
    for via in data.get("via", ()):
        if via.get("source") and (relays is None or via["source_text"] in relays):
            return "actor:" + via["source"]
    return f"{article_origin}|{' '.join(words(data['source_text']))}"


def checker_origin(verification: dict[str, Any]) -> str:
    """The origin of a verification statement: its checker ("Reuters could not verify")."""
    return (
        "actor:" + verification["by"]
        if verification.get("by")
        else "checker:" + " ".join(words(verification["by_text"]))
    )


def claim_status(
    attributions: Iterable[StoryAttribution], verification: Iterable[dict[str, Any]] = ()
) -> tuple[str, dict[str, int]]:
    """The status of a story claim and its independent origins per stance.

    corroborated: two or more independent asserting origins, none denying; single_source: one;
    disputed: independent origins on both sides; denied: only denials; unverified: asserted
    only with hedges (or only questioned). A checker who could not verify the claim questions
    it: that is a reason shown, not a hedge on who asserts it."""
    status, by_stance = _tally(attributions, verification)
    return status, {stance: len(found) for stance, found in by_stance.items()}


def _tally(
    attributions: Iterable[StoryAttribution], verification: Iterable[dict[str, Any]]
) -> tuple[str, dict[str, dict[str, list[StoryAttribution]]]]:
    by_stance: dict[str, dict[str, list[StoryAttribution]]] = {
        "asserts": {},
        "denies": {},
        "questions": {},
    }
    firm: set[str] = set()
    for a in attributions:
        by_stance[a.stance].setdefault(a.origin, []).append(a)
        if a.stance == "asserts" and not a.hedged:
            firm.add(a.origin)
    for check in verification:
        if check["status"] != "verified":
            by_stance["questions"].setdefault(checker_origin(check), [])
    asserts, denies = len(by_stance["asserts"]), len(by_stance["denies"])
    if asserts and denies:
        status = "disputed"
    elif denies:
        status = "denied"
    elif not firm:
        status = "unverified"
    else:
        status = "corroborated" if asserts >= 2 else "single_source"
    return status, by_stance


@dataclass(frozen=True, slots=True)
class Assessment:
    """A story claim's status with what it rests on: the independent origins on each side
    (who, through which relays, in which articles), a confidence, and the reasons in words."""

    status: str
    origins: dict[str, int]
    sides: dict[str, list[dict[str, Any]]]
    confidence: float
    reasons: str


def assess(
    attributions: Sequence[StoryAttribution],
    verification: Sequence[dict[str, Any]] = (),
    alignment: float = 1.0,
) -> Assessment:
    """The status of a story claim with its reasons. ``verification``: the statements of its
    articles' checkers (dicts with ``by``, ``by_text``, ``status``); ``alignment``: how sure
    the alignment of its reports is (see :func:`alignment_confidence`).

    The confidence is the chance that the evidence the status rests on is real, from the
    measured precision of the rules that found each report (an origin counts if any of its
    reports is right): both sides for disputed, the deniers for denied, a second asserting
    origin for corroborated, the asserting one for single source; times ``alignment``."""
    status, by_stance = _tally(attributions, verification)
    sides = {
        stance: [_side(key, reports) for key, reports in origins.items() if reports]
        for stance, origins in by_stance.items()
    }
    strength = {
        stance: sorted((side["confidence"] for side in found), reverse=True)
        for stance, found in sides.items()
    }
    if status == "disputed":
        evidence = _any_of(strength["asserts"]) * _any_of(strength["denies"])
    elif status == "denied":
        evidence = _any_of(strength["denies"])
    elif status == "corroborated":
        evidence = _any_of(strength["asserts"][1:])
    elif status == "single_source":
        evidence = _any_of(strength["asserts"])
    else:
        evidence = _any_of(strength["asserts"] + strength["questions"]) or UNMEASURED
    checks = [v for v in verification if v["status"] != "verified"]
    return Assessment(
        status=status,
        origins={stance: len(found) for stance, found in by_stance.items()},
        sides=sides,
        confidence=round(evidence * alignment, 3),
        reasons=_reasons(status, sides, checks, alignment),
    )


def _side(key: str, reports: list[StoryAttribution]) -> dict[str, Any]:
    names = list(dict.fromkeys(r.name or r.source_text for r in reports))
    relays = list(dict.fromkeys(relay for r in reports for relay in r.relays if relay))
    return {
        "origin": key,
        "names": names,
        "relays": [r for r in relays if r not in names],
        "articles": sorted({r.article for r in reports}),
        "confidence": max(
            (r.confidence if r.confidence is not None else UNMEASURED for r in reports),
            default=UNMEASURED,
        ),
    }


def _any_of(confidences: Sequence[float]) -> float:
    """The chance that at least one of independent reports with these precisions is right."""
    return 1 - math.prod(1 - c for c in confidences) if confidences else 0.0


_VERBS = {
    "asserts": ("asserts", "assert"),
    "denies": ("denies", "deny"),
    "questions": ("questions", "question"),
}
#: alignment below which a story claim says its reports may not state one proposition
LOW_ALIGNMENT = 0.6
#: members of a story claim its alignment confidence is measured over
ALIGNMENT_MEMBERS = 40


def _reasons(
    status: str,
    sides: dict[str, list[dict[str, Any]]],
    checks: list[dict[str, Any]],
    alignment: float,
) -> str:
    """'disputed: 2 independent origins assert (Islamic State, Amaq), 1 denies (Russian Defence
    Ministry, relayed by Interfax and TASS); Reuters could not verify'."""
    parts = []
    for stance in ("asserts", "denies", "questions"):
        found = [s for s in sides[stance] if s["names"]]
        if not found:
            continue
        who = ", ".join(
            "/".join(s["names"][:2])
            + (f", relayed by {' and '.join(s['relays'][:3])}" if s["relays"] else "")
            for s in found
        )
        noun = "independent origin" + ("s" if len(found) > 1 else "")
        verb = _VERBS[stance][0 if len(found) == 1 else 1]
        lead = f"{len(found)} {noun} {verb}" if not parts else f"{len(found)} {verb}"
        parts.append(f"{lead} ({who})")
    text = f"{status}: " + (", ".join(parts) if parts else "no named origin")
    unverified = list(dict.fromkeys(c["by_text"] for c in checks))
    if unverified:
        text += "; " + " and ".join(unverified) + " could not verify"
    if alignment < LOW_ALIGNMENT:
        text += f"; low-confidence alignment ({alignment:.2f}): its reports may not state one proposition"
    return text


def alignment_confidence(members: Sequence[ClaimFeatures], weights: Mapping[str, float]) -> float:
    """How sure it is that a story claim's aligned reports state one proposition: the weakest
    member's similarity to its closest fellow member (among the first ALIGNMENT_MEMBERS),
    scaled so that the joining threshold (SAME_CLAIM) is 0.5 and a full match 1; a claim of
    one report is 1."""
    # A claim carried by hundreds of articles is judged by its first reports: the cost of a
    # story's page stays bounded, and later reports joined the same members.
    members = members[:ALIGNMENT_MEMBERS]
    if len(members) < 2:
        return 1.0
    weakest = min(
        max(similarity(a, b, weights) for j, b in enumerate(members) if j != i)
        for i, a in enumerate(members)
    )
    return round(max(0.0, min(1.0, 0.5 + 0.5 * (weakest - SAME_CLAIM) / (1 - SAME_CLAIM))), 3)


def propagation(
    attributions: Sequence[StoryAttribution], articles: Mapping[str, dict[str, Any]]
) -> dict[str, Any]:
    """How a story claim spread: its first appearance (article, outlet, time), the order in
    which outlets carried it and through whom, and the time from the first report to the
    first denial. ``articles``: article id -> {"outlet", "published", "order"}, where order
    ranks the articles by publication time, then arrival (undated ones last)."""
    first_of: dict[str, StoryAttribution] = {}
    stances: dict[str, set[str]] = {}
    for a in attributions:
        first_of.setdefault(a.article, a)
        stances.setdefault(a.article, set()).add(a.stance)
    ordered = sorted(first_of, key=lambda article: articles[article]["order"])
    chain = []
    for article in ordered:
        meta = articles[article]
        reports = [a for a in attributions if a.article == article]
        chain.append(
            {
                "article": article,
                "outlet": meta.get("outlet"),
                "published": meta.get("published"),
                "stances": sorted(stances[article]),
                "through": list(dict.fromkeys(relay for a in reports for relay in a.relays)),
                "sources": list(dict.fromkeys(a.name or a.source_text for a in reports)),
            }
        )
    denial = next((c for c in chain if "denies" in c["stances"]), None)
    first = chain[0] if chain else None
    return {
        "first": first and {k: first[k] for k in ("article", "outlet", "published")},
        "outlets": chain,
        "first_denial": denial and {k: denial[k] for k in ("article", "outlet", "published")},
        "days_to_first_denial": _days(first, denial),
    }


def _days(first: dict[str, Any] | None, denial: dict[str, Any] | None) -> float | None:
    if not first or not denial or not first["published"] or not denial["published"]:
        return None
    try:
        start = datetime.fromisoformat(first["published"])
        end = datetime.fromisoformat(denial["published"])
    except ValueError:
        return None
    if (start.tzinfo is None) != (end.tzinfo is None):
        start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    return round((end - start).total_seconds() / 86400, 2)
