"""How well a gazetteer record fits a mention: population as the prior, the feature the phrase
implies, an explicit container, the countries and first-level divisions the article vouches
for, readings of other names lying near, and the kind of place the other names of its list are.
A score names the terms that favoured its record (``Score.evidence``)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from sitrep.geo.distance import haversine_km
from sitrep.geo.gazetteer import Candidate, name_key
from sitrep.nlp.places.mention import Mention, strong

# A feature or region record has no population; this stands in for it in the prior.
_FEATURE_POPULATION = {"natural": 10_000_000, "other": 10_000_000}
_FEATURE_PRIOR = {
    "country": 3.0,
    "admin1": 1.0,
    "city": 1.0,
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
NEAR_OTHERS, NEAR_KM = 1.5, 150.0
# Local readings of two names this close vouch for each other (see paired).
_PAIRED, _PAIR_KM, _PAIRS_COUNTED = 2.0, 40.0, 2
#: Local readings (towns, counties): those of two names that lie near vouch for each other.
LOCAL = frozenset({"city", "locality", "admin2"})
_HINT_MATCH, _HINT_MISMATCH = 4.0, -4.0
_CONTAINED, _NOT_CONTAINED = 6.0, -3.0
_COUNTRY_EVIDENCE, _ADMIN1_EVIDENCE = 2.5, 2.5
# The country evidence grows with the log of the mentions of the country, up to this factor.
_COUNTRY_EVIDENCE_CAP = 2.0
# The other names of a list agreeing on a kind of place make that kind likelier.
_PEER_KIND = 2.0
# A list of more names than this that all lie in one country lists that country's places.
_PEERS_FOR_COUNTRY = 3
# A degree of latitude spans over 111 km everywhere: points further apart in latitude than
# ``km / _KM_PER_DEGREE`` degrees lie more than ``km`` apart (see within).
_KM_PER_DEGREE = 110.0


@dataclass(frozen=True)
class Score:
    value: float
    evidence: tuple[str, ...]  # the terms beyond the prior that raised or lowered the value


def score(
    candidate: Candidate,
    hint: str | None,
    container: Candidate | None,
    countries: Counter,
    admin1s: Counter,
    near: Counter,
) -> Score:
    """The fit of ``candidate``: its prior (population and feature), then each piece of
    evidence: the phrase's ``hint`` of a feature, the ``container`` the text puts it in, the
    article's ``countries`` and first-level divisions (``admin1s``), and bonuses by record id
    for readings ``near`` others."""
    population = candidate.population or _FEATURE_POPULATION.get(candidate.feature, 0)
    value = math.log10(population + 10) + _FEATURE_PRIOR.get(candidate.feature, 0.0)
    evidence = []
    if not candidate.main_name:
        value += _ALTERNATE_NAME
        evidence.append("alternate_name")
    if candidate.capital:
        value += _CAPITAL
        evidence.append("capital")
    value += near[candidate.id]
    if near[candidate.id]:
        evidence.append("near")
    if hint is not None:
        fits = _fits(candidate.feature, hint)
        value += _HINT_MATCH if fits else _HINT_MISMATCH
        evidence.append("hint" if fits else "other_hint")
    if container is not None:
        inside = lies_in(candidate, container)
        value += _CONTAINED if inside else _NOT_CONTAINED
        evidence.append("contained" if inside else "not_contained")
    if countries.get(candidate.country):
        value += _COUNTRY_EVIDENCE * min(
            _COUNTRY_EVIDENCE_CAP, math.log2(1 + countries[candidate.country])
        )
        evidence.append("country")
    if admin1s.get(candidate.admin1):
        value += _ADMIN1_EVIDENCE * math.log2(1 + admin1s[candidate.admin1])
        evidence.append("admin1")
    return Score(value, tuple(evidence))


def within(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> bool:
    """Whether two points lie within ``km`` of each other; the latitude test first spares
    most great-circle distances."""
    if abs(lat1 - lat2) > km / _KM_PER_DEGREE:
        return False
    return haversine_km(lat1, lon1, lat2, lon2) <= km


def lies_in(candidate: Candidate, container: Candidate) -> bool:
    """Whether a place lies in a country or first-level division, or in the country of a
    region, a feature or a former division."""
    if container.feature == "admin1" and container.admin1:
        return candidate.admin1 == container.admin1
    return container.country is None or candidate.country == container.country


def admin1_support(mentions: list[Mention]) -> dict[str, Counter]:
    """Per name key, how much its mentions vouch for each first-level division: each mention
    shares one vote among the divisions its readings lie in, so a name found in ten states
    barely votes. Unlike the first pass's choices, this weighs every reading ("Athens" and
    "Henderson County" agree on Texas although each alone prefers another state). A name the
    text shows as a place (a place label or cue) and read as a state votes whole for it, though
    towns in other states bear its name too ("Florida") and whatever name it was read by ("W.
    Va."); a state's name inside an organisation's ("Kansas State University") shares its vote
    as before, since the organisation may lie anywhere."""
    support: dict[str, Counter] = defaultdict(Counter)
    for mention in mentions:
        choice = mention.choice
        if choice is not None and choice.feature == "admin1" and (mention.ner or mention.cue):
            divisions = {choice.admin1}
        else:
            divisions = {
                c.admin1
                for c in drop_shadowed(mention.candidates, mention.hint)
                if c.admin1 and c.main_name
            }
        for division in divisions:
            support[name_key(mention.name)][division] += 1 / len(divisions)
    return support


def paired(mentions: list[Mention]) -> dict[str, Counter]:
    """Per name key, a bonus for each of its local readings (town, county) that lies within
    a few tens of kilometres of a local reading of another name: "Paris" and "Henry County"
    both have Tennessee readings side by side, which chance seldom gives two names."""
    local: dict[str, list[Candidate]] = {}
    strong_keys = set()
    for mention in mentions:
        if any(strong(c) for c in mention.candidates):
            strong_keys.add(name_key(mention.name))
        if mention.part_of is None and not mention.street:
            local[name_key(mention.name)] = [
                c
                for c in drop_shadowed(mention.candidates, mention.hint)
                if c.feature in LOCAL and c.main_name
            ]
    bonus: dict[str, Counter] = defaultdict(Counter)
    for key, candidates in local.items():
        for candidate in candidates:
            neighbours = sum(
                any(within(candidate.lat, candidate.lon, o.lat, o.lon, _PAIR_KM) for o in others)
                for other, others in local.items()
                # Towns named after countries and states ("Norway" and "Mexico", Maine) lie
                # side by side too often to vouch for each other.
                if not one_name(key, other) and not (key in strong_keys and other in strong_keys)
            )
            if neighbours:
                bonus[key][candidate.id] = _PAIRED * min(neighbours, _PAIRS_COUNTED)
    return bonus


def one_name(key: str, other: str) -> bool:
    """Whether two name keys are one name, bare or with more words after it ("DeKalb" and
    "DeKalb County", "Mansfield" and "Mansfield Township"): such places lie together because
    one is named after the other, in every state that has them, so neither vouches for the
    other's reading."""
    return key == other or other.startswith(f"{key} ") or key.startswith(f"{other} ")


def besides(total: Counter, by_key: dict[str, Counter], key: str) -> Counter:
    """``total`` less the counts of the names that are one name with ``key``
    (:func:`one_name`): what the article's other names say."""
    return total - sum((n for other, n in by_key.items() if one_name(key, other)), Counter())


def kinds(mention: Mention, key: str) -> Counter:
    """A bonus for the readings of a listed name that are of the kind every other name of the
    list was read as (after the first pass): "Washington" among states is the state, "Niger"
    after "Egypt" the country."""
    found = {
        _kind(other.choice.feature)
        for other in mention.peers
        if other.choice is not None and name_key(other.name) != key
    }
    if len(found) != 1:
        return Counter()
    kind = found.pop()
    return Counter({c.id: _PEER_KIND for c in mention.candidates if _kind(c.feature) == kind})


def foreign(mention: Mention) -> bool:
    """Whether a name listed among places of one country ("Kisii, Nyamira, Bomet, ...", all
    Kenyan) has no reading there: it is a place of that country the gazetteer lacks, and a
    namesake abroad would lend its country false evidence."""
    key = name_key(mention.name)
    countries = {
        other.choice.country
        for other in mention.peers
        if other.choice is not None and name_key(other.name) != key
    }
    return (
        len(countries) == 1
        and len(mention.peers) > _PEERS_FOR_COUNTRY
        and not any(c.country in countries for c in mention.candidates)
    )


def drop_shadowed(candidates: tuple[Candidate, ...], hint: str | None) -> list[Candidate]:
    """A division named after the city in it ("Aleppo" governorate, "Paris" department) is
    the city unless the phrase says division. So is a division that shares only an
    alternate name with its city ("Mecca" for Makkah province and Makkah)."""
    if hint in ("admin1", "admin2"):
        return list(candidates)
    cities = [c for c in candidates if c.feature in ("city", "locality")]
    kept = []
    for candidate in candidates:
        if candidate.feature in ("admin1", "admin2") and any(
            city.country == candidate.country
            and city.admin1 == candidate.admin1
            and (city.main_name or not candidate.main_name)
            and city.population >= _SHADOW_SHARE * candidate.population
            for city in cities
        ):
            continue
        kept.append(candidate)
    return kept


def _kind(feature: str) -> str:
    return "town" if feature in ("city", "locality") else feature


def _fits(feature: str, hint: str) -> bool:
    if hint == "city":
        return feature in ("city", "locality")
    return feature == hint
