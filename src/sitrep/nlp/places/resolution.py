"""Which GeoNames record each mention names. Containers are read first ("Surrey, UK" needs the
UK); a first pass scores each name on its own and the article's countries (named or implied by
its actors and demonyms); a second pass adds the countries of the other places chosen, the
first-level divisions all readings of the other names vouch for, readings of other names lying
within a few tens of kilometres ("Paris" beside "Henry County" is Paris, Tennessee), and the
kind of place the other names of its list are. A division named by compass words alone
("South") needs its country in the article; a name placed by its container once keeps that
place throughout the article, and a town's name with its designator ("Dublin City") that names
no town of its own is the town named bare; a name and the same name with more words ("Dublin
City") do not vouch for each other's country or division; a name listed among one country's
places with no reading there is left unplaced, and so is a town with nothing but its size for it
in a country where none of the article's other places lies. Parts, streets and cued names the
gazetteer lacks take the point of the place they lie in. Each mention's ``Reading`` names the
rule that chose it."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import replace

from spacy.tokens import Doc

from sitrep.geo.gazetteer import Candidate, Gazetteer, name_key
from sitrep.model import COARSE_PRECISION, PLACE_PRECISION
from sitrep.nlp.doc import make_span, records
from sitrep.nlp.places.cues import PlaceCues
from sitrep.nlp.places.mention import MIN_POPULATION_UNCUED, Mention, Reading, strong
from sitrep.nlp.places.scoring import (
    LOCAL,
    NEAR_KM,
    NEAR_OTHERS,
    admin1_support,
    besides,
    drop_shadowed,
    foreign,
    kinds,
    lies_in,
    one_name,
    paired,
    score,
    within,
)

# English names seas, rivers and regions with "the" and towns without: "the Atlantic" is the
# ocean, not Atlantic, Iowa.
_ARTICLE, _REGIONS = 4.0, frozenset({"natural", "other"})
_SLUG = re.compile(r"[^a-z0-9]+")
#: The confidence of a name's only reading: the gazetteer knows one place by the name, and the
#: name may still be no place at all.
SOLE_READING = 0.9
# Score points of lead that make a reading e (2.7) times likelier than the next.
_MARGIN_SCALE = 1.5
# Score terms that say where the article is: evidence enough for a spelling variant's reading.
_SITED = frozenset({"country", "contained", "admin1", "near"})
# Score terms that put a reading where the text names other places: what a spelling needs when
# the name is another place's own.
_PLACED = frozenset({"contained", "admin1", "near"})


class Resolver:
    """Chooses each mention's reading."""

    def __init__(self, gazetteer: Gazetteer, cues: PlaceCues) -> None:
        self.gazetteer = gazetteer
        self.cues = cues

    def resolve(self, doc: Doc, mentions: list[Mention]) -> Counter:
        """Sets ``reading`` on each mention that names a place it can be given; returns the
        countries the article is about (its places' and its actors' and demonyms'), by
        weight."""
        base = self._article_countries(doc, mentions)
        # Containers first: "Surrey, UK" needs the UK's reading.
        for mention in sorted(mentions, key=lambda m: not m.contains):
            if mention.part_of is None and not mention.street and not mention.unknown:
                mention.reading = self._choose(mention, base, Counter(), Counter(), first=True)
        _one_sense(mentions)
        for mention in mentions:
            if foreign(mention):
                mention.candidates = ()
                mention.reading = None
        # Second pass: the other names' places are evidence ("Alexandria" with "Rapides Parish").
        support = admin1_support(mentions)
        pairs = paired(mentions)
        total = sum(support.values(), Counter())
        keys = [name_key(mention.name) for mention in mentions]
        chosen = _Chosen(mentions, keys)
        for mention, key in zip(mentions, keys, strict=True):
            if mention.part_of is not None or mention.street or mention.unknown:
                continue
            # A name with more words after it ("Dublin City") is named after the bare one in
            # every country that has both, so neither vouches for where the other lies.
            countries = base + chosen.countries_besides(key)
            admin1s = besides(total, support, key)
            points = chosen.points_besides(key)
            near = Counter(
                {
                    c.id: NEAR_OTHERS
                    for c in mention.candidates
                    if any(within(c.lat, c.lon, lat, lon, NEAR_KM) for lat, lon in points)
                }
            )
            near.update(pairs[key])
            near.update(kinds(mention, key))
            chosen.count(mention.choice, key, -1)
            mention.reading = self._choose(mention, countries, admin1s, near, first=False)
            chosen.count(mention.choice, key, 1)
        _one_sense(mentions)
        self._designated_towns(mentions)
        # No wild guesses: a small town whose reading has nothing but its size for it, in a
        # country where none of the article's towns and divisions with evidence lies
        # ("Piccadilly" read as a hamlet in Australia in a report on London), stays unplaced: a
        # reading farther than the article's places make plausible needs evidence of its own.
        # A country's name ("U.S. troops") says little of where the article's places lie, and a
        # notable city is evidence enough of itself ("Mosul").
        sited = Counter(
            m.choice.country
            for m in mentions
            if m.choice and m.choice.feature != "country" and not _bare(m.reading)
        )
        for mention in mentions:
            if (
                _bare(mention.reading)
                and mention.choice.population < MIN_POPULATION_UNCUED
                and +sited
                and not sited[mention.choice.country]
            ):
                mention.reading, mention.unsure = None, True
        for mention in mentions:
            if mention.part_of is not None:
                container = mention.part_of.choice
                if container is not None:
                    mention.reading = Reading(
                        _part_place(mention.name, container),
                        "part_of",
                        precision=precision(container),
                    )
            # A name none of whose readings lies where the text puts it ("the town of X in the
            # Swat Valley", "X, Ontario") is a place there that the gazetteer lacks.
            placed = mention.container.choice if mention.container is not None else None
            if (
                placed is not None
                and mention.choice is not None
                and not lies_in(mention.choice, placed)
                and not any(strong(c) for c in mention.candidates)
            ):
                mention.reading = _near(mention, placed)
        town = _town(mentions)
        for mention in mentions:
            if mention.street and town is not None:
                mention.reading = Reading(
                    _part_place(mention.name, town), "street", precision=precision(town)
                )
        # A named place the gazetteer lacks ("the village of X", "Tal X") is placed only where
        # the text says it lies ("the village of X in Fife", "X, Fife"). Elsewhere it stays
        # unplaced: the article's town or country is another name's point, and a town named in a
        # Moscow dateline says nothing of where a Syrian village lies.
        for mention in mentions:
            placed = mention.container.choice if mention.container is not None else None
            if mention.unknown and placed is not None:
                mention.reading = _near(mention, placed)
        chosen_countries = Counter(
            m.choice.country for m in mentions if m.choice and m.choice.country
        )
        return chosen_countries + base

    def _compass(self, name: str) -> bool:
        """Whether a name is compass words alone ("South", "South-West", "Western Province"):
        dozens of countries have a division or a town so named, and only the article's mention
        of its country makes one a reading ("the American South" is no region of Cameroon,
        "Western officials" no town in Wisconsin)."""
        return all(
            word in self.cues.compass or word in self.cues.designators
            for word in name_key(name).split()
        )

    def _designated_towns(self, mentions: list[Mention]) -> None:
        """One sense per article: a town's name with its designator ("the Dublin City
        Council") that names no town of the gazetteer by its own name (only Ireland's capital by
        another, and a division) is the town the article names bare, wherever that was read."""
        towns = {
            name_key(m.name): m.reading
            for m in mentions
            if m.choice is not None and m.choice.feature in ("city", "locality")
        }
        for mention in mentions:
            bare, _, designator = name_key(mention.name).rpartition(" ")
            reading = towns.get(bare)
            if (
                reading is not None
                and self.cues.designators.get(designator) == "city"
                and not any(
                    c.main_name and c.feature in ("city", "locality") for c in mention.candidates
                )
            ):
                mention.reading = replace(reading, rule="one_sense")

    def _article_countries(self, doc: Doc, mentions: list[Mention]) -> Counter:
        """Countries the article implies before any place is resolved: its actors' countries,
        demonyms (NORP entities), and names whose only reading is a country. An actor named
        only by a place name ("Dublin's city manager" read as Ireland's state) is no evidence
        of where that name lies: its country would vouch for the reading it was taken from."""
        countries: Counter = Counter()
        named = [make_span(doc, m.span_start, m.span_end) for m in mentions]
        # Each code is looked up once: many actors share a country.
        codes = Counter(
            actor.country
            for actor in records(doc, "actors")
            if actor.country
            and any(
                not any(span.start < p.end and p.start < span.end for p in named)
                for span in actor.mentions
            )
        )
        for code, count in codes.items():
            place = self.gazetteer.by_code(code)
            if place is not None and place.country:
                countries[place.country] += count
        for ent in doc.ents:
            if ent.label_ == "NORP":
                country = self.gazetteer.demonym(ent.text)
                if country:
                    countries[country] += 1
        return countries

    def _choose(
        self,
        mention: Mention,
        countries: Counter,
        admin1s: Counter,
        near: Counter,
        first: bool,
    ) -> Reading | None:
        candidates = drop_shadowed(mention.candidates, mention.hint)
        container = mention.container.choice if mention.container is not None else None
        # A country's or state's name keeps that reading against towns named after it that
        # lie in the article's states ("Oregon", "Mexico").
        named_strong = any(strong(c) for c in candidates)
        compass = self._compass(mention.name)
        scored = []
        for candidate in candidates:
            if compass and not countries.get(candidate.country):
                continue
            divisions = admin1s if strong(candidate) or not named_strong else Counter()
            fit = score(candidate, mention.hint, container, countries, divisions, near)
            value, terms = fit.value, fit.evidence
            if mention.article and candidate.feature in _REGIONS:
                value += _ARTICLE
                terms = (*terms, "article")
            scored.append((candidate, value, terms))
        # A spelling variant's key is shared by many places: one is read only where the
        # article's countries, a container or its other places put it ("Deir Ezzor" in a report
        # on Syria, not a village of that skeleton in Iran), and only where no place of the
        # name itself lies there ("Cairo" in a report on Georgia is Cairo, Georgia).
        named_sited = any(
            c.id not in mention.spellings and _SITED.intersection(t) for c, _, t in scored
        )
        # A name that is a place's own name ("Beledweyne") is read as another place's spelling
        # only where the text puts that place (a container, a division, places near it): the
        # article's countries alone do not make "Beledweyne" a Russian village of its skeleton.
        needed = (
            _PLACED
            if any(c.id not in mention.spellings and c.main_name for c in candidates)
            else _SITED
        )
        best, best_value, best_evidence = None, -math.inf, ()
        runner_up = -math.inf
        for candidate, value, terms in scored:
            if candidate.id in mention.spellings:
                if named_sited or not needed.intersection(terms):
                    continue
                terms = (*terms, "spelling")
            if value > best_value:
                runner_up = best_value
                best, best_value, best_evidence = candidate, value, terms
            else:
                runner_up = max(runner_up, value)
        if best is None:
            return None
        # An unlabelled, uncued capitalised word stays only when its reading is notable.
        weak = not (mention.ner or mention.cue) and not first
        if (
            weak
            and best.feature in ("locality", "admin2")
            and best.population < MIN_POPULATION_UNCUED
        ):
            return None
        return Reading(best, "score", best_evidence, _confidence(best_value - runner_up))


class _Chosen:
    """The countries and the local points (towns, counties) the mentions are read as, by name
    key, kept up to date as readings change in the second pass: what the other names' readings
    say of one mention is then read from the few places chosen, not from every mention."""

    def __init__(self, mentions: list[Mention], keys: list[str]) -> None:
        self.countries: Counter = Counter()
        self.countries_by_key: dict[str, Counter] = defaultdict(Counter)
        self.keys_at: dict[tuple[float, float], Counter] = defaultdict(Counter)
        for mention, key in zip(mentions, keys, strict=True):
            self.count(mention.choice, key, 1)

    def count(self, choice: Candidate | None, key: str, step: int) -> None:
        """Counts one mention of ``key`` read as ``choice`` in (``step`` 1) or out (-1)."""
        if choice is None:
            return
        if choice.country:
            self.countries[choice.country] += step
            self.countries_by_key[key][choice.country] += step
        if choice.feature in LOCAL:
            self.keys_at[(choice.lat, choice.lon)][key] += step

    def countries_besides(self, key: str) -> Counter:
        """Each country, by the mentions of other names (see :func:`one_name`) read as lying
        in it."""
        return besides(self.countries, self.countries_by_key, key)

    def points_besides(self, key: str) -> list[tuple[float, float]]:
        """The points where a mention of another name (not ``key`` with or without more words,
        see :func:`one_name`) is read as a town or county."""
        return [
            point
            for point, keys in self.keys_at.items()
            if any(n > 0 and not one_name(key, other) for other, n in keys.items())
        ]


def precision(place: Candidate) -> int:
    """ACLED's geo_precision of a place's own point: 1 a town, 2 a district (second-level
    division), 3 a province, country or region."""
    return PLACE_PRECISION.get(place.feature, COARSE_PRECISION)


def _near(mention: Mention, container: Candidate) -> Reading:
    """A place the gazetteer lacks, at the point of the place the text puts it in: near a
    town (precision 2), or somewhere in a division or country (its precision)."""
    point = 2 if container.feature in ("city", "locality") else precision(container)
    return Reading(_part_place(mention.name, container), "container", precision=point)


def _bare(reading: Reading | None) -> bool:
    """Whether a scored reading of a town or county had no evidence beyond its prior."""
    return (
        reading is not None
        and reading.rule == "score"
        and reading.place.feature in LOCAL
        and not set(reading.evidence) - {"alternate_name"}
    )


def _confidence(margin: float) -> float:
    """How sure a scored reading is, from its lead over the next reading: even at 0, near 1
    at a lead of a few score points (the score is a log10 population plus evidence terms of
    1.5-6); a sole reading gets :data:`SOLE_READING`."""
    if margin == math.inf:
        return SOLE_READING
    return round(1 / (1 + math.exp(-margin / _MARGIN_SCALE)), 3)


def _one_sense(mentions: list[Mention]) -> None:
    """One sense per article: a name placed in an explicit container once ("Guildford,
    Surrey, UK") is that place wherever else it stands bare ("a Surrey farm")."""
    placed = {
        name_key(m.name): m.reading
        for m in mentions
        if m.container is not None and m.reading is not None
    }
    for mention in mentions:
        reading = placed.get(name_key(mention.name))
        if (
            reading is not None
            and mention.container is None
            and mention.hint is None
            and any(c.id == reading.place.id for c in mention.candidates)
        ):
            mention.reading = replace(reading, rule="one_sense")


def _town(mentions: list[Mention]) -> Candidate | None:
    """The town an article's streets lie in: its most mentioned town, else its most mentioned
    county (the first named among equals)."""
    for features in (("city", "locality"), ("admin2",)):
        counts = Counter(
            m.choice.id
            for m in mentions
            if m.choice is not None and m.choice.feature in features and not m.street
        )
        if counts:
            best = counts.most_common(1)[0][0]
            return next(m.choice for m in mentions if m.choice is not None and m.choice.id == best)
    return None


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
