"""The gazetteer seam: what the geoparser asks of place data, and an in-memory implementation.

The packaged index (:mod:`sitrep.geo.index`) and the in-memory :class:`MemoryGazetteer` that
tests pass answer the same four questions: which places bear a name, which places of
transliterating countries bear a spelling variant of it, which place has a code
(ISO 3166 country code, GeoNames admin code such as ``US.OH``), and which country a demonym
("Syrian") belongs to. Names are compared by :func:`name_key`, so spelling variants that news
and GeoNames disagree on ("Deir al-Zor" / "Deir ez-Zor", "St." / "Saint") meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from sitrep.geo.transliteration import TRANSLITERATED, skeleton

# The Arabic article assimilates to the next consonant (ad-, ar-, as-, az-, ash-, at-, an-) and is
# transliterated al-/el-/ul-: one form lets "Deir al-Zor" meet "Deir ez-Zor".
_ARTICLE = re.compile(r"\b(?:a|e|u)(?:l|d|r|s|z|sh|t|th|dh|n)-(?=\w)")
_ABBREVIATED = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4\u02bc\u02bf\u02be]")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The comparison form of a place name: accents, case, punctuation and the spelling of the
    Arabic article and of Saint/Mount/Fort abbreviations removed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _ARTICLE.sub("al ", _APOSTROPHES.sub("", text.replace(".", "")))
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(_ABBREVIATED.get(word, word) for word in words)


@lru_cache(maxsize=65536)
def variant_key(name: str) -> str:
    """The transliteration-blind form of a place name ("Deir Ezzor", "Dayr az-Zawr" and
    "Deir ez-Zor" share it): see :mod:`sitrep.geo.transliteration`."""
    return skeleton(name_key(name))


def filed_as_variant(place: Candidate) -> bool:
    """Whether a gazetteer files a place under the variant keys of its names: towns and
    divisions of the countries whose names reach English transliterated."""
    return place.country in TRANSLITERATED and place.feature not in ("country", "natural", "other")


def name_keys(name: str) -> set[str]:
    """Keys a gazetteer files a name under: its key, and the key without a leading article
    ("Al Raqqah" is also found as "Raqqah")."""
    key = name_key(name)
    keys = {key} if key else set()
    if key.startswith("al ") and len(key) > 5:
        keys.add(key[3:])
    return keys


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer record a name may refer to."""

    id: str  # "geo:<geonameid>", or "geo:x:<slug>" for records without a GeoNames id
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    feature: str  # one of model.PLACE_FEATURES
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None  # GeoNames admin1 code it lies in ("US.OH"); its own for admin1
    code: str | None = None  # its own code: ISO2 for a country, "US.OH", "US.LA.079"
    capital: bool = False  # a country's capital city
    #: True when the name looked up is the record's own name, not an alternate one (a lookup
    #: answer, not part of the record: alternate names include historical and variant names).
    main_name: bool = True


class Gazetteer(Protocol):
    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Places whose name or alternate name has the key of ``name``."""
        ...

    def variants(self, name: str) -> tuple[Candidate, ...]:
        """Places of transliterating countries one of whose names has the variant key of
        ``name`` (each marked ``main_name=False``: a spelling, not the name itself)."""
        ...

    def by_code(self, code: str) -> Candidate | None:
        """The country (ISO alpha-2 or alpha-3) or administrative division (``US.OH``)."""
        ...

    def demonym(self, word: str) -> str | None:
        """The ISO alpha-2 country a demonym or national adjective names ("Syrian" -> SY)."""
        ...


class MemoryGazetteer:
    """A gazetteer held in dicts: for tests and small hand-made data."""

    def __init__(
        self,
        places: Iterable[tuple[Candidate, Iterable[str]]],
        demonyms: dict[str, str] | None = None,
        iso3: dict[str, str] | None = None,
    ) -> None:
        """``places``: each candidate with its alternate names; ``demonyms``: word -> ISO2;
        ``iso3``: ISO alpha-3 -> alpha-2 for countries looked up by alpha-3 code."""
        self._names: dict[str, list[Candidate]] = {}
        self._codes: dict[str, Candidate] = {}
        self._variants: dict[str, list[Candidate]] = {}
        for place, names in places:
            if filed_as_variant(place):
                for key in {variant_key(name) for name in {place.name, *names}} - {""}:
                    self._variants.setdefault(key, []).append(replace(place, main_name=False))
            own = name_keys(place.name)
            for name in {place.name, *names}:
                for key in name_keys(name):
                    bucket = self._names.setdefault(key, [])
                    if all(c.id != place.id for c in bucket):
                        bucket.append(replace(place, main_name=key in own))
            if place.code:
                self._codes[place.code] = place
        for alpha3, alpha2 in (iso3 or {}).items():
            if alpha2 in self._codes:
                self._codes[alpha3] = self._codes[alpha2]
        self._demonyms = {name_key(k): v for k, v in (demonyms or {}).items()}

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        return tuple(self._names.get(name_key(name), ()))

    def variants(self, name: str) -> tuple[Candidate, ...]:
        return tuple(self._variants.get(variant_key(name), ()))

    def by_code(self, code: str) -> Candidate | None:
        return self._codes.get(code)

    def demonym(self, word: str) -> str | None:
        return self._demonyms.get(name_key(word))
