"""The words around a place name that say it is one and what kind: resources/place_cues.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import yaml


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
    modified: frozenset[str]
    jurisdictions: frozenset[str]
    named_after: frozenset[str]
    vehicle_makers: frozenset[str]
    namesakes: frozenset[str]
    plurals: dict[str, str]  # plural designator -> singular ("counties" -> "county")
    street_suffixes: frozenset[str]
    road_prefixes: tuple[tuple[str, ...], ...]  # each a sequence of words
    titles: frozenset[str]
    name_openers: frozenset[str]
    toponym_heads: frozenset[str]
    common_words: frozenset[str]

    @cached_property
    def compass(self) -> frozenset[str]:
        """Compass words, nouns and adjectives ("north", "southern")."""
        return self.directions | self.direction_adjectives

    @cached_property
    def road_openers(self) -> frozenset[str]:
        """The first words of the road prefixes ("County" of "County Road")."""
        return frozenset(words[0] for words in self.road_prefixes)


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
        modified=frozenset(data["modified_nouns"]),
        jurisdictions=frozenset(data["jurisdictions"]),
        named_after=frozenset(data["named_after"]),
        vehicle_makers=frozenset(data["vehicle_makers"]),
        namesakes=frozenset(data["namesakes"]),
        plurals=data["plural_designators"],
        street_suffixes=frozenset(data["street_suffixes"]),
        road_prefixes=tuple(tuple(words.split()) for words in data["road_prefixes"]),
        titles=frozenset(data["titles"]),
        name_openers=frozenset(data["name_openers"]),
        toponym_heads=frozenset(data["toponym_heads"]),
        common_words=frozenset(data["common_words"]),
    )
