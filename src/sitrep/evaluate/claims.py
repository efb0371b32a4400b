"""Claim attribution accuracy on the stories gold set (``DIR/articles/NNN.txt`` with ``URL:``,
``OUTLET:``, ``DATE:`` header lines, and ``DIR/gold.json``): for each article, the central
claims with their ``source`` and ``stance`` (asserts, denies, questions).

Measures, over all gold claims (micro-average):

- source recall: a gold claim's source is found when some attribution of some claim sitrep
  reports for the article *matches* it;
- pair recall: the source is found with the gold stance (some matching attribution has it);
- stance accuracy: on the gold claims whose source is found, the stance of the matching
  attribution whose content shares most words with the gold claim text equals the gold stance.

A gold source matches a predicted attribution when any of these holds:

1. the gold source, or one of its alternatives ("Russia / Russian Defense Ministry", "US and
   France"), is an alias of sitrep's actor gazetteer for the attribution's actor, or for the
   actor it speaks for (its ``parent``: Amaq for Islamic State);
2. both name the same country: by a country name, demonym or capital in the gold source, and
   in the attribution's source text, actor name or the actor's country (the gold names states
   loosely: "Russia", "the Russian side", "Russian authorities" are one state);
3. they share a distinctive word: any word but function words, country words and generic
   role nouns ("official", "ministry", "spokesman"), so "Putin" matches "Vladimir Putin";
   a gold source of role nouns only ("unnamed Defence Ministry official") matches when all
   its words are in the attribution's.

Gold wording is reduced first: parentheses are dropped ("Islamic State (Telegram
statement)"), as is what follows ", confirmed by" or " via ". Gold claims whose source is only
a parenthesis ("(reportedly)", "(reported toll)") name no source and are not scored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import E, SitrepError
from sitrep.ingest.text import parse_text
from sitrep.model import Article, ArticleReport, Attribution, Failure
from sitrep.nlp.actors import Gazetteer, load_gazetteer
from sitrep.nlp.attribution import load_cues

_PARENTHESIS = re.compile(r"\([^)]*\)")
_AFTER = re.compile(r",\s*confirmed by.*$|\s+via\s+.*$|\s+per\s+.*$", re.IGNORECASE)
_ALTERNATIVES = re.compile(r"\s*/\s*|\s+and\s+|\s*,\s*")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ACRONYM_DOT = re.compile(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\.|\s|$)")
# British and American spellings of the words sources are named with.
_SPELLING = {"defence": "defense", "organisation": "organization"}
_FUNCTION_WORDS = frozenset(
    ("the", "a", "an", "of", "to", "in", "on", "for", "by", "with", "and", "or", "from", "at", "as")
)
# Words that name a role rather than someone, beyond those of sitrep's lexicons (institution
# names, spokespersons, bodies, artefacts): see _generic_words.
_ROLE_WORDS = frozenset(
    ("unnamed", "media", "side", "authorities", "officials", "sources", "latest")
)


@dataclass(frozen=True)
class ClaimScores:
    articles: int
    gold: int  # gold claims with a named source
    source_found: int
    pair_found: int
    source_recall: float
    pair_recall: float
    stance_accuracy: float
    per_article: dict[str, float]  # pair recall per article file

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class GoldClaim:
    claim: str
    source: str
    stance: str


def read_gold(directory: Path) -> list[tuple[Path, list[GoldClaim]]]:
    """(article path, gold claims) for every article listed in ``directory/gold.json``."""
    path = directory / "gold.json"
    if not path.is_file():
        raise SitrepError(E.EVAL_DATA, what=str(directory), reason="no gold.json")
    try:
        entries = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise SitrepError(E.EVAL_DATA, what=str(path), reason=f"not JSON ({exc})") from exc
    out = []
    for entry in entries:
        article = directory / "articles" / entry["file"]
        if not article.is_file():
            raise SitrepError(
                E.EVAL_DATA, what=str(article), reason="listed in gold.json but missing"
            )
        claims = [GoldClaim(c["claim"], c["source"], c["stance"]) for c in entry.get("claims", ())]
        out.append((article, claims))
    return out


def evaluate_claims(
    directory: Path,
    analyze_many: Callable[[Iterable[Article]], Iterator[ArticleReport | Failure]],
) -> ClaimScores:
    """Scores ``analyze_many`` (e.g. ``Analyzer().analyze_many``) on the stories gold set."""
    gold = read_gold(directory)
    articles = [parse_text(path.read_text("utf-8"), path=str(path)) for path, _ in gold]
    reports = list(analyze_many(articles))
    return score(
        [(path.name, claims) for path, claims in gold],
        [r if isinstance(r, ArticleReport) else None for r in reports],
        load_gazetteer(),
    )


def score(
    gold: list[tuple[str, list[GoldClaim]]],
    reports: list[ArticleReport | None],
    gazetteer: Gazetteer,
) -> ClaimScores:
    matcher = SourceMatcher(gazetteer)
    total = found = paired = correct = 0
    per_article: dict[str, float] = {}
    for (name, claims), report in zip(gold, reports, strict=True):
        predicted = matcher.keys(report)
        named = [c for c in claims if _reduce(c.source)]
        hits = 0
        for claim in named:
            matches = matcher.matching(claim.source, predicted)
            total += 1
            if not matches:
                continue
            found += 1
            pair = any(a.stance == claim.stance for a in matches)
            paired += pair
            hits += pair
            best = max(matches, key=lambda a: _shared_words(claim.claim, a.content.text))
            correct += best.stance == claim.stance
        if named:
            per_article[name] = round(hits / len(named), 4)
    return ClaimScores(
        articles=len(gold),
        gold=total,
        source_found=found,
        pair_found=paired,
        source_recall=round(found / total, 4) if total else 0.0,
        pair_recall=round(paired / total, 4) if total else 0.0,
        stance_accuracy=round(correct / found, 4) if found else 0.0,
        per_article=per_article,
    )


def names_source(source: str) -> bool:
    """Whether a gold source names someone (not only a parenthesis: "(reportedly)")."""
    return bool(_reduce(source))


class SourceMatcher:
    """Which of a report's attributions match a gold source (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.countries = _country_words(gazetteer)
        self.generic = _generic_words(gazetteer)

    def keys(self, report: ArticleReport | None) -> list[tuple[Attribution, _Keys]]:
        """The report's claim attributions with what a source is matched by."""
        return _predicted(report, self.countries)

    def matching(
        self, source: str, predicted: list[tuple[Attribution, _Keys]]
    ) -> list[Attribution]:
        """The attributions of ``predicted`` whose source matches the gold ``source``."""
        return [
            a
            for a, keys in predicted
            if _matches(source, keys, self.gazetteer, self.countries, self.generic)
        ]


@dataclass(frozen=True, slots=True)
class _Keys:
    actors: frozenset[str]  # the attribution's actor and the actor it speaks for
    countries: frozenset[str]
    words: frozenset[str]


def _predicted(
    report: ArticleReport | None, countries: dict[str, str]
) -> list[tuple[Attribution, _Keys]]:
    if report is None:
        return []
    actors = {a.id: a for a in report.actors}
    out = []
    for claim in report.claims:
        for attribution in claim.attributions:
            actor = actors.get(attribution.source) if attribution.source else None
            ids = {attribution.source} if attribution.source else set()
            texts = [attribution.source_text]
            isos = set()
            if actor is not None:
                texts.extend([actor.name, actor.title or ""])
                if actor.parent:
                    ids.add(actor.parent)
                if actor.country:
                    isos.add(actor.country)
            words = {w for text in texts for w in _words(text)}
            isos |= {countries[w] for w in words if w in countries}
            out.append((attribution, _Keys(frozenset(ids), frozenset(isos), frozenset(words))))
    return out


def _matches(
    source: str,
    keys: _Keys,
    gazetteer: Gazetteer,
    countries: dict[str, str],
    generic: frozenset[str],
) -> bool:
    reduced = _reduce(source)
    for alternative in [reduced, *_ALTERNATIVES.split(reduced)]:
        key = gazetteer.exact.get(alternative) or gazetteer.folded.get(alternative.lower())
        if key in keys.actors:
            return True
    words = _words(reduced)
    if {countries[w] for w in words if w in countries} & keys.countries:
        return True
    distinctive = {w for w in words if w not in countries and w not in generic}
    if distinctive:
        return bool(distinctive & keys.words)
    # Only role words ("Unnamed Defence Ministry official"): all of them must be there.
    return bool(words) and set(words) <= keys.words


def _reduce(source: str) -> str:
    return _AFTER.sub("", _PARENTHESIS.sub("", source)).strip(" ,")


def _words(text: str) -> list[str]:
    """Content words, case-folded, with "U.S." read as "us" and spellings unified."""
    words = (m.group().casefold() for m in _WORD.finditer(_ACRONYM_DOT.sub("", text)))
    return [_SPELLING.get(w, w) for w in words if w not in _FUNCTION_WORDS]


def _shared_words(a: str, b: str) -> int:
    return len(set(_words(a)) & set(_words(b)))


def _generic_words(gazetteer: Gazetteer) -> frozenset[str]:
    """Role words: those of state institutions' names after the country ("Defence Ministry",
    "Foreign Ministry"), spokespersons, bodies and artefacts (resources/attribution.yaml)."""
    cues = load_cues()
    words = set(_ROLE_WORDS) | cues.spokespersons | cues.bodies | cues.documents
    for entry in gazetteer.entries.values():
        if entry.institution:
            words.update(_words(" ".join(entry.name.split()[1:])))
    return frozenset(words)


def _country_words(gazetteer: Gazetteer) -> dict[str, str]:
    """Single words that name a country (names, demonyms, capitals, as the gazetteer knows
    them) -> ISO alpha-3."""
    words = {name: iso3 for name, iso3 in gazetteer.countries.items() if " " not in name}
    for entry in gazetteer.entries.values():
        if entry.institution == "government" and entry.country:
            demonym = entry.name.split()[0].casefold()
            words.setdefault(demonym, entry.country)
    return words
