"""Places: toponyms found in an article and resolved to GeoNames records.

Recognition, in order:

1. spaCy's GPE/LOC/FAC entities, and capitalised runs of proper nouns that the gazetteer knows
   (the small model misses or mislabels many Arabic, African and small-town names);
2. the words around a name: a designator after it ("Idlib province", "Laurel County") or an
   "of" phrase before it ("the city of Homs") says what kind of place it is; a compass adjective
   ("southern Russia") joins the mention; "X's Y district" makes Y a part of X; "X, Y" puts X
   inside Y;
3. what is not a place: demonyms ("Syrian" is a NORP entity, never looked up), and names the
   actors component resolved to institutions or named actors ("the Syrian army", "Hamas").
   A country or capital that acts ("Moscow denied") stands for the state, and is still a
   place by default: annotators of toponym corpora tag it, and LGL recall rose with it at no
   cost in precision (README); ``states_as_places=False`` leaves it to the actors;
4. one sense per article: a name kept once is a place wherever else it stands.

Resolution scores each candidate record: population as the prior, the feature the phrase
implies, an explicit container, and the article's evidence: countries named or implied by its
actors and demonyms, and (second pass) the countries and first-level divisions of the other
places it names.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from sitrep.geo.distance import haversine_km
from sitrep.geo.gazetteer import Candidate, Gazetteer, name_key
from sitrep.geo.index import load_gazetteer  # noqa: F401  (registers sitrep.gazetteer.v1)
from sitrep.model import Place
from sitrep.nlp.doc import make_span

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The small English model often labels Arabic and African place names as people or organisations.
_MISLABELLED = frozenset({"PERSON", "ORG"})
# Actor mentions found through these routes name an organisation or person, not a place.
_ACTOR_ROUTES = frozenset({"institution", "gazetteer"})
_MAX_NAME_TOKENS = 6
# Gazetteer-only matches (no NER label, no cue) must name a place at least this populous, or a
# country, division or feature: villages called "Bush" or "Most" are not evidence enough.
_MIN_POPULATION_UNCUED = 20000
# A place named inside an organisation's name must be a town of this size ("Gainesville Police").
_MIN_POPULATION_IN_ORG = 50000
# A feature or region record has no population; this stands in for it in the prior.
_FEATURE_POPULATION = {"natural": 10_000_000, "other": 10_000_000}
_FEATURE_PRIOR = {
    "country": 3.0,
    "admin1": 1.0,
    "city": 0.5,
    "admin2": -0.5,
    "natural": 3.0,
    "other": 3.0,
}
# A match through an alternate name (historical, variant or foreign) is weaker evidence.
_ALTERNATE_NAME = -3.0
# A division shadows nothing unless the same-named city in it holds this share of its people.
_SHADOW_SHARE = 0.15
# A national capital is the likelier bearer of its name ("Washington", "Tripoli").
_CAPITAL = 1.5
# Places near the article's other places are likelier (local news names neighbouring towns).
_NEAR_OTHERS, _NEAR_KM = 1.5, 150.0
_HINT_MATCH, _HINT_MISMATCH = 4.0, -4.0
_CONTAINED, _NOT_CONTAINED = 6.0, -3.0
_COUNTRY_EVIDENCE, _ADMIN1_EVIDENCE = 2.5, 2.5
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class PlaceCues:
    """Word lists from resources/place_cues.yaml."""

    designators: dict[str, str]  # word -> feature
    of_phrases: dict[str, str]  # head word -> feature
    parts: frozenset[str]
    directions: frozenset[str]
    direction_adjectives: frozenset[str]
    locative: frozenset[str]
    connectors: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> PlaceCues:
    data = yaml.safe_load(
        resources.files("sitrep.resources").joinpath("place_cues.yaml").read_text("utf-8")
    )

    def by_word(table: dict[str, list[str]]) -> dict[str, str]:
        return {word: feature for feature, words in table.items() for word in words}

    return PlaceCues(
        designators=by_word(data["designators"]),
        of_phrases=by_word(data["of_phrases"]),
        parts=frozenset(data["parts"]),
        directions=frozenset(data["directions"]),
        direction_adjectives=frozenset(data["direction_adjectives"]),
        locative=frozenset(data["locative"]),
        connectors=frozenset(data["connectors"]),
    )


@dataclass
class _Mention:
    start: int  # token indices of the name itself
    end: int
    span_start: int  # doc character offsets of the mention recorded (with designator etc.)
    span_end: int
    name: str
    candidates: tuple[Candidate, ...]
    ner: bool
    label: str = ""  # the spaCy entity label it came from, if any
    proper: bool = False  # every word a proper noun, not a lone sentence-initial word
    contains: bool = False  # another mention lies in it ("Jackson, Miss.")
    whole: bool = False  # it is a whole person or organisation entity, not a part of one
    partial: bool = False  # a capitalised word before it is no part of it ("Beida" of "Goz Beida")
    hint: str | None = None
    cue: bool = False
    container: _Mention | None = None  # the mention this one lies in ("X, Y"; "X's Y district")
    part_of: _Mention | None = None  # "X's Y district" where the gazetteer does not know Y
    choice: Candidate | None = None


class PlaceRecognizer:
    """The ``sitrep_places`` component: fills ``doc._.places``."""

    def __init__(
        self, gazetteer: Gazetteer, cues: PlaceCues, states_as_places: bool = True
    ) -> None:
        self.gazetteer = gazetteer
        self.cues = cues
        self.blocked_routes = _ACTOR_ROUTES if states_as_places else _ACTOR_ROUTES | {"state"}
        self.directions = cues.directions | cues.direction_adjectives

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._recognize(doc)
        self._resolve(doc, mentions)
        doc._.places = _records(doc, mentions)
        return doc

    # -- recognition -------------------------------------------------------------------------

    def _recognize(self, doc: Doc) -> list[_Mention]:
        blocked = [
            (m.start, m.end) for m in doc._.actor_mentions or () if m.via in self.blocked_routes
        ]
        # Tokens of other entities (dates, amounts, demonyms) are no place names. A person or
        # organisation may be a mislabelled place ("Raqqa") or hold one ("Gainesville Police"):
        # its names are looked up, and kept on stronger evidence (see _kept).
        taken = [False] * len(doc)
        labels = [""] * len(doc)
        found: list[_Mention] = []
        for ent in doc.ents:
            mention = None
            if ent.label_ in _PLACE_LABELS:
                start, end = self._core(doc, ent.start, ent.end)
                if start < end and not _inside(doc, start, end, blocked):
                    mention = self._name(doc, start, end, ner=True, label=ent.label_)
                    if mention is not None:
                        found.append(mention)
            # A place entity the gazetteer does not know whole is searched for names inside
            # ("the Lamar County Sheriff's Office").
            open_inside = ent.label_ in _MISLABELLED or (
                ent.label_ in _PLACE_LABELS and mention is None
            )
            for i in range(ent.start, ent.end):
                taken[i] = not open_inside
                labels[i] = ent.label_
        for start, end in self._runs(doc, taken):
            i = start
            while i < end:
                mention = self._longest(doc, i, end, blocked)
                if mention is None:
                    i += 1
                    continue
                mention.label = labels[i]
                mention.whole = mention.label != "" and _whole_entity(doc, mention)
                # Only a word before counts: one after is often what the place modifies
                # ("Mansfield Police", "Columbus Man Charged" in a headline).
                mention.partial = mention.start > start and _capitalised(doc[mention.start - 1])
                found.append(mention)
                i = mention.end
        found.sort(key=lambda m: m.start)
        for mention in found:
            self._context(doc, mention)
        self._relate(doc, found)
        kept = [m for m in found if self._kept(doc, m)]
        # One sense per article: a name once shown to be a place is a place wherever else it
        # stands, even where spaCy took it for a person or an organisation ("Gainesville").
        known = {name_key(m.name) for m in kept if m.part_of is None}
        return [
            m
            for m in found
            if m in kept or (name_key(m.name) in known and not _abbreviation(doc, m))
        ]

    def _kept(self, doc: Doc, mention: _Mention) -> bool:
        """Whether the evidence that a found name is a place mention is enough."""
        if mention.part_of is not None:
            return True
        if _abbreviation(doc, mention):
            # "Ky.", "Miss.": a state only where it closes "X, ST." (or spaCy says place).
            return mention.contains or mention.ner
        if mention.ner:
            return True
        if mention.end - mention.start == 1 and doc[mention.start].lower_ in self.directions:
            return False
        strong = any(c.feature in ("country", "admin1") and c.main_name for c in mention.candidates)
        if mention.partial and not self._designated(doc, mention):
            # A known name inside a longer unknown one ("Goz Beida", "West Midlands") is a
            # coincidence, unless a designator closes it ("Lamar County Sheriff's Office").
            return False
        if mention.label == "PERSON":
            # People are named after places ("Jackson", "Lincoln"): a place cue, or a country
            # or state name, decides.
            return (mention.cue and mention.whole) or strong
        if mention.label == "ORG":
            # "Gainesville Police", "University of Florida": the place leads the name or
            # follows "of"; companies named after small towns ("Bell", "Ford") do not count.
            before = doc[mention.start - 1] if mention.start > 0 else None
            leads = doc[mention.start].ent_iob_ == "B" or (
                before is not None
                and (before.lower_ == "of" or (before.ent_iob_ == "B" and before.lower_ == "the"))
            )
            return leads and (
                strong
                or any(
                    c.main_name and c.population >= _MIN_POPULATION_IN_ORG
                    for c in mention.candidates
                )
            )
        return mention.cue or (mention.proper and _notable(mention))

    def _designated(self, doc: Doc, mention: _Mention) -> bool:
        return (
            mention.end - mention.start > 1 and doc[mention.end - 1].lower_ in self.cues.designators
        )

    def _core(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """An entity without a leading article or compass adjective and a trailing designator
        or possessive ("the eastern Ghouta", "Idlib province", "Russia's")."""
        start, end = _trim(doc, start, end)
        while (
            start < end
            and doc[start].is_lower
            and doc[start].lower_ in self.cues.direction_adjectives
        ):
            start += 1
        while (
            end > start and doc[end - 1].is_lower and doc[end - 1].lower_ in self.cues.designators
        ):
            end -= 1
        return _trim(doc, start, end)

    def _runs(self, doc: Doc, taken: list[bool]) -> list[tuple[int, int]]:
        """Token ranges of capitalised words (with name-internal connectors) not yet taken."""
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(doc):
            if taken[i] or not _capitalised(doc[i]):
                i += 1
                continue
            j = i + 1
            last = i + 1
            while j < len(doc) and not taken[j]:
                if _capitalised(doc[j]):
                    last = j + 1
                elif (
                    doc[j].lower_ not in self.cues.connectors
                    or doc[j].whitespace_
                    and doc[j].text in "-'"
                ):
                    break
                j += 1
            runs.append((i, last))
            i = max(last, i + 1)
        return runs

    def _longest(
        self, doc: Doc, start: int, end: int, blocked: list[tuple[int, int]]
    ) -> _Mention | None:
        for stop in range(min(end, start + _MAX_NAME_TOKENS), start, -1):
            if not _capitalised(doc[stop - 1]) or _inside(doc, start, stop, blocked):
                continue
            mention = self._name(doc, start, stop, ner=False)
            if mention is not None:
                mention.proper = _proper(doc, start, stop)
                return mention
        return None

    def _name(self, doc: Doc, start: int, end: int, ner: bool, label: str = "") -> _Mention | None:
        span = doc[start:end]
        candidates = self.gazetteer.lookup(span.text)
        if not candidates:
            return None
        return _Mention(
            start, end, span.start_char, span.end_char, span.text, candidates, ner, label=label
        )

    def _context(self, doc: Doc, mention: _Mention) -> None:
        """Designators, "of" phrases, compass words and locative prepositions around a name."""
        cues = self.cues
        last = doc[mention.end - 1]
        if mention.end - mention.start > 1 and last.lower_ in cues.designators:
            # The designator is part of the name: "Lamar County", "Rapides Parish".
            mention.hint, mention.cue = cues.designators[last.lower_], True
        after = doc[mention.end] if mention.end < len(doc) else None
        if after is not None and after.lower_ in cues.designators and after.is_lower:
            mention.hint = cues.designators[after.lower_]
            mention.span_end = after.idx + len(after.text)
            mention.cue = True
        before = doc[mention.start - 1] if mention.start > 0 else None
        if before is not None and before.lower_ in cues.direction_adjectives and before.is_lower:
            mention.span_start = before.idx
            mention.cue = True
            before = doc[mention.start - 2] if mention.start > 1 else None
        if before is not None and before.lower_ == "of" and mention.start >= 2:
            head = doc[mention.start - 2]
            if head.lower_ in cues.of_phrases:
                mention.hint = mention.hint or cues.of_phrases[head.lower_]
                mention.cue = True
            elif head.lower_ in cues.directions:
                mention.cue = True
        if before is not None and before.lower_ in cues.locative:
            mention.cue = True
        if mention.hint == "admin2" and not any(c.feature == "admin2" for c in mention.candidates):
            # "Laurel County" is filed under its full name.
            full = doc.text[mention.span_start : mention.span_end]
            mention.candidates = self.gazetteer.lookup(full) or mention.candidates

    def _relate(self, doc: Doc, mentions: list[_Mention]) -> None:
        """ "X, Y" (X lies in Y) and "X's Y district" (Y is part of X, known or not)."""
        for mention in list(mentions):
            if mention.end < len(doc) and doc[mention.end].tag_ == "POS":
                part = _part_after(doc, mention.end + 1, self.cues)
                if part is None:
                    continue
                known = next((m for m in mentions if m.start == part[0]), None)
                if known is not None:
                    known.container, known.cue, mention.contains = mention, True, True
                else:
                    mentions.append(_part(doc, part, mention))
                # A place with named districts is a place ("Aleppo's Sheikh Maqsoud district").
                mention.cue = True
        mentions.sort(key=lambda m: m.start)
        for mention, nxt in zip(mentions, mentions[1:], strict=False):
            between = doc.text[mention.span_end : nxt.span_start]
            # "Tripoli, Lebanon" but not a list of countries ("China, Japan and Korea").
            inner = not any(c.feature == "country" and c.main_name for c in mention.candidates)
            if (
                inner
                and between.strip() == ","
                and any(c.feature in ("country", "admin1") for c in nxt.candidates)
            ):
                mention.container, mention.cue, nxt.contains = nxt, True, True

    # -- resolution --------------------------------------------------------------------------

    def _resolve(self, doc: Doc, mentions: list[_Mention]) -> None:
        base = self._article_countries(doc)
        for mention in mentions:
            if mention.part_of is None:
                mention.choice = self._choose(mention, base, Counter(), set(), first=True)
        # Second pass: the other names' places are evidence ("Alexandria" with "Rapides Parish").
        for mention in mentions:
            if mention.part_of is not None:
                continue
            countries, admin1s = Counter(base), Counter()
            key = name_key(mention.name)
            points = []
            for other in mentions:
                if other.choice is not None and name_key(other.name) != key:
                    if other.choice.country:
                        countries[other.choice.country] += 1
                    if other.choice.admin1:
                        admin1s[other.choice.admin1] += 1
                    if other.choice.feature in ("city", "locality", "admin2"):
                        points.append((other.choice.lat, other.choice.lon))
            near = {
                c.id
                for c in mention.candidates
                if any(haversine_km(c.lat, c.lon, lat, lon) <= _NEAR_KM for lat, lon in points)
            }
            mention.choice = self._choose(mention, countries, admin1s, near, first=False)
        for mention in mentions:
            if mention.part_of is not None:
                container = mention.part_of.choice
                if container is not None:
                    mention.choice = _part_place(mention.name, container)

    def _article_countries(self, doc: Doc) -> Counter:
        """Countries the article implies before any place is resolved: its actors' countries,
        demonyms (NORP entities), and names whose only reading is a country."""
        countries: Counter = Counter()
        for actor in doc._.actors or ():
            if actor.country:
                place = self.gazetteer.by_code(actor.country)
                if place is not None and place.country:
                    countries[place.country] += 1
        for ent in doc.ents:
            if ent.label_ == "NORP":
                country = self.gazetteer.demonym(ent.text)
                if country:
                    countries[country] += 1
        return countries

    def _choose(
        self,
        mention: _Mention,
        countries: Counter,
        admin1s: Counter,
        near: set[str],
        first: bool,
    ) -> Candidate | None:
        candidates = _drop_shadowed(mention.candidates, mention.hint)
        container = mention.container.choice if mention.container is not None else None
        best, best_score = None, -math.inf
        for candidate in candidates:
            score = _score(candidate, mention.hint, container, countries, admin1s, near)
            if score > best_score:
                best, best_score = candidate, score
        if best is None:
            return None
        # An unlabelled, uncued capitalised word stays only when its reading is notable.
        weak = not (mention.ner or mention.cue) and not first
        if (
            weak
            and best.feature in ("locality", "admin2")
            and best.population < _MIN_POPULATION_UNCUED
        ):
            return None
        return best


@Language.factory(
    "sitrep_places",
    assigns=["doc._.places"],
    requires=["doc.ents", "token.tag", "doc._.actor_mentions"],
    default_config={"gazetteer": {"@misc": "sitrep.gazetteer.v1"}, "states_as_places": True},
)
def make_places(
    nlp: Language, name: str, gazetteer: Gazetteer, states_as_places: bool
) -> PlaceRecognizer:
    return PlaceRecognizer(gazetteer, load_cues(), states_as_places)


# -- helpers -----------------------------------------------------------------------------------


def _score(
    candidate: Candidate,
    hint: str | None,
    container: Candidate | None,
    countries: Counter,
    admin1s: Counter,
    near: set[str],
) -> float:
    population = candidate.population or _FEATURE_POPULATION.get(candidate.feature, 0)
    score = math.log10(population + 10) + _FEATURE_PRIOR.get(candidate.feature, 0.0)
    if not candidate.main_name:
        score += _ALTERNATE_NAME
    if candidate.capital:
        score += _CAPITAL
    if candidate.id in near:
        score += _NEAR_OTHERS
    if hint is not None:
        score += _HINT_MATCH if _fits(candidate.feature, hint) else _HINT_MISMATCH
    if container is not None:
        inside = (
            candidate.country == container.country
            if container.feature == "country"
            else candidate.admin1 == container.admin1
        )
        score += _CONTAINED if inside else _NOT_CONTAINED
    if candidate.country in countries:
        score += _COUNTRY_EVIDENCE
    if candidate.admin1 in admin1s:
        score += _ADMIN1_EVIDENCE
    return score


def _fits(feature: str, hint: str) -> bool:
    if hint == "city":
        return feature in ("city", "locality")
    return feature == hint


def _drop_shadowed(candidates: tuple[Candidate, ...], hint: str | None) -> list[Candidate]:
    """A division named after the city in it ("Aleppo" governorate, "Paris" department) is
    the city unless the phrase says division."""
    if hint in ("admin1", "admin2"):
        return list(candidates)
    cities = [c for c in candidates if c.feature in ("city", "locality") and c.main_name]
    kept = []
    for candidate in candidates:
        if candidate.feature in ("admin1", "admin2") and any(
            city.country == candidate.country
            and city.admin1 == candidate.admin1
            and city.population >= _SHADOW_SHARE * candidate.population
            for city in cities
        ):
            continue
        kept.append(candidate)
    return kept


def _whole_entity(doc: Doc, mention: _Mention) -> bool:
    ent = doc[mention.start]
    return ent.ent_iob_ == "B" and (mention.end == len(doc) or doc[mention.end].ent_iob_ != "I")


def _abbreviation(doc: Doc, mention: _Mention) -> bool:
    """ "Ky.", "W.Va" + ".": a short name written with full stops."""
    if "." in mention.name:
        return len(mention.name) <= 6
    after = doc[mention.end] if mention.end < len(doc) else None
    stop = after is not None and after.text == "." and after.idx == mention.span_end
    return stop and not any(c.main_name for c in mention.candidates)


def _notable(mention: _Mention) -> bool:
    return any(
        c.feature in ("country", "admin1", "natural", "other")
        or c.population >= _MIN_POPULATION_UNCUED
        for c in mention.candidates
    )


def _capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(ch.isalpha() for ch in text) and token.tag_ != "POS"


def _proper(doc: Doc, start: int, end: int) -> bool:
    """Every capitalised word a proper noun, and the name not just a sentence's first word."""
    words = [t for t in doc[start:end] if _capitalised(t)]
    if not words or any(t.pos_ != "PROPN" for t in words):
        return False
    return not (end - start == 1 and doc[start].is_sent_start)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ == "the" or not doc[start].text[:1].isalnum()):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or not doc[end - 1].text[:1].isalnum()):
        end -= 1
    return start, end


def _inside(doc: Doc, start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return any(s < last and first < e for s, e in blocked)


def _part_after(doc: Doc, start: int, cues: PlaceCues) -> tuple[int, int, int] | None:
    """A capitalised name at ``start`` followed by a part word: (start, end, part word index)."""
    end = start
    while (
        end < len(doc)
        and end - start < _MAX_NAME_TOKENS
        and (_capitalised(doc[end]) or doc[end].text == "-")
    ):
        end += 1
    if end > start and end < len(doc) and doc[end].lower_ in cues.parts:
        return start, end, end
    return None


def _part(doc: Doc, part: tuple[int, int, int], container: _Mention) -> _Mention:
    start, end, word = part
    last = doc[word]
    return _Mention(
        start,
        end,
        doc[start].idx,
        last.idx + len(last.text),
        doc[start:end].text,
        (),
        ner=False,
        hint="locality",
        cue=True,
        part_of=container,
    )


def _part_place(name: str, container: Candidate) -> Candidate:
    """A named part of a known place ("Sheikh Maqsoud" of Aleppo): the place's point, since
    the gazetteer has none of its own."""
    slug = _SLUG.sub("_", name.lower()).strip("_")
    return replace(
        container,
        id=f"{container.id}:{slug}",
        name=name,
        feature="locality",
        geonameid=None,
        population=0,
        code=None,
    )


def _records(doc: Doc, mentions: list[_Mention]) -> list[Place]:
    grouped: dict[str, tuple[Candidate, list[_Mention]]] = {}
    for mention in mentions:
        if mention.choice is None:
            continue
        grouped.setdefault(mention.choice.id, (mention.choice, []))[1].append(mention)
    return [
        Place(
            id=choice.id,
            name=choice.name,
            lat=round(choice.lat, 5),
            lon=round(choice.lon, 5),
            country=choice.country,
            feature=choice.feature,
            geonameid=choice.geonameid,
            mentions=tuple(make_span(doc, m.span_start, m.span_end) for m in group),
        )
        for choice, group in grouped.values()
    ]
