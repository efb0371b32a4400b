"""Near-duplicate and wire-copy detection: MinHash over word shingles, unit by unit.

Each article is cut into units (paragraphs; long ones at sentence ends). A unit's MinHash
signature estimates its Jaccard similarity to any other unit; LSH bands of the signature are
the index keys that find candidate units without comparing against every stored article.
Matching units unit by unit is what catches partial reprints: an article that reuses four
paragraphs of a wire story matches on those four, whatever else it adds.

Wire credits ("DAKAR (Reuters) -", "— AFP", "via Storyful") and the wire's own domains name
the agency whose copy an article carries; two articles crediting the same agency need less
shared text to count as copies of one dispatch (outlets trim and retitle wire copy).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import numpy as np
import yaml

from sitrep.link.text import units, words
from sitrep.model import Article

#: words per shingle: four-word runs survive a changed verb or a dropped parenthesis with most
#: shingles intact, yet two unrelated sentences rarely share one
SHINGLE = 4
NUM_PERM = 64
#: 8 bands of 8 rows: a unit pair with Jaccard 0.9 shares a band with probability 0.99, at 0.8
#: with 0.77, at 0.5 with 0.03. A reprinted article has many near-identical units, so one
#: shared band finds it; fewer bands mean fewer index rows written per article
BANDS = 8
ROWS = NUM_PERM // BANDS
#: units with fewer shingles (bylines, "Read more", one-line boilerplate) carry no evidence
MIN_UNIT_SHINGLES = 4
#: estimated Jaccard at which two units are the same text, lightly edited
MATCH_JACCARD = 0.5
#: share of the later article's text that must come from the earlier one for a copy
COPY_COVERAGE = 0.6
#: the same, when both articles credit the same wire: a trimmed, retitled dispatch
WIRE_COPY_COVERAGE = 0.4
#: share of an article's text another must hold for it to be held whole (lightly edited), and
#: share of the holder's text it must make up for the holder to be its copy: a reprint wrapped
#: in page furniture, not a roundup of several reports
CONTAINED = 0.9
CONTAINER_COVERAGE = 0.5
#: matched shingles (about two sentences) for a partial reuse to be recorded
PARTIAL_SHINGLES = 30

_PRIME = np.uint64(4294967291)  # the largest prime below 2**32: every product fits in uint64


def _coefficients(tag: bytes) -> np.ndarray:
    # Derived from a fixed hash, not a random generator, so stored signatures stay comparable
    # across library versions.
    return np.array(
        [
            int.from_bytes(
                hashlib.blake2b(tag + i.to_bytes(2, "big"), digest_size=4).digest(), "big"
            )
            or 1
            for i in range(NUM_PERM)
        ],
        dtype=np.uint64,
    )


_A = _coefficients(b"sitrep-minhash-a")[:, None]
_B = _coefficients(b"sitrep-minhash-b")[:, None]


@dataclass(frozen=True, slots=True)
class Unit:
    """One paragraph (or piece of one) as a MinHash signature over its word shingles."""

    index: int
    shingles: int
    signature: np.ndarray

    def band_keys(self) -> list[int]:
        """The LSH index keys: one signed 64-bit hash per band."""
        keys = []
        for band in range(BANDS):
            rows = self.signature[band * ROWS : (band + 1) * ROWS].astype("<u4").tobytes()
            digest = hashlib.blake2b(bytes([band]) + rows, digest_size=8).digest()
            keys.append(int.from_bytes(digest, "big", signed=True))
        return keys

    def to_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, index: int, shingles: int, data: bytes) -> Unit:
        return cls(index, shingles, np.frombuffer(data, dtype="<u4").astype(np.uint32))


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much of two articles' text is shared: the share of each one's shingles that lie in
    units matched in the other, and the shingles matched in each."""

    coverage_a: float
    coverage_b: float
    shingles_a: int
    shingles_b: int


def copy_units(article: Article) -> tuple[Unit, ...]:
    """The article's units that are long enough to compare, with their signatures."""
    out = []
    for index, text in enumerate(units(article)):
        tokens = words(text)
        grams = {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
        if len(grams) < MIN_UNIT_SHINGLES:
            continue
        out.append(Unit(index, len(grams), _minhash(grams)))
    return tuple(out)


def _minhash(grams: set[str]) -> np.ndarray:
    # CRC-32 is a fixed function (stored signatures stay comparable) and fast; the universal
    # hashing below spreads its values.
    hashes = np.fromiter(
        (zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams)
    )
    return ((_A * hashes[None, :] + _B) % _PRIME).min(axis=1).astype(np.uint32)


def overlap(a: Sequence[Unit], b: Sequence[Unit]) -> Overlap:
    """Shared text of two articles, from their units' estimated Jaccard similarities."""
    if not a or not b:
        return Overlap(0.0, 0.0, 0, 0)
    sig_a = np.stack([u.signature for u in a])
    sig_b = np.stack([u.signature for u in b])
    same = (sig_a[:, None, :] == sig_b[None, :, :]).mean(axis=2) >= MATCH_JACCARD
    size_a = np.array([u.shingles for u in a])
    size_b = np.array([u.shingles for u in b])
    matched_a = int(size_a[same.any(axis=1)].sum())
    matched_b = int(size_b[same.any(axis=0)].sum())
    return Overlap(
        matched_a / int(size_a.sum()), matched_b / int(size_b.sum()), matched_a, matched_b
    )


def is_copy(
    coverage: float,
    wire: str | None,
    other_wire: str | None,
    original_coverage: float = 0.0,
    roundup: bool = False,
) -> bool:
    """Whether a later article whose text is ``coverage`` covered by an earlier one is its copy;
    ``original_coverage``: how much of the earlier one's text the later holds. A page that holds
    another whole and adds less than as much again (navigation, captions, "read more" lists
    around a reprint) is its copy too, unless what it adds is another report's text
    (``roundup``: it reuses text of two or more originals)."""
    same_wire = wire is not None and wire == other_wire
    if not roundup and is_contained(original_coverage) and coverage >= CONTAINER_COVERAGE:
        return True
    return coverage >= (WIRE_COPY_COVERAGE if same_wire else COPY_COVERAGE)


def is_contained(coverage: float) -> bool:
    """Whether an article whose text is ``coverage`` covered by another is held in it whole."""
    return coverage >= CONTAINED


def is_partial(shingles: int) -> bool:
    """Whether that many shingles reused from another article are worth recording."""
    return shingles >= PARTIAL_SHINGLES


# -- wire credits ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Wires:
    names: dict[str, str]
    patterns: tuple[tuple[re.Pattern[str], dict[str, str] | str], ...]
    outlet: re.Pattern[str]
    credit_of: dict[str, str]
    domains: dict[str, str]
    reach: int


@lru_cache(maxsize=1)
def _wires() -> _Wires:
    data = yaml.safe_load(
        resources.files("sitrep.resources").joinpath("wires.yaml").read_text("utf-8")
    )
    credit_of = {credit: w["id"] for w in data["wires"] for credit in w["credits"]}
    alternatives = "|".join(re.escape(c) for c in sorted(credit_of, key=len, reverse=True))
    named = f"(?P<credit>{alternatives})"
    patterns: list[tuple[re.Pattern[str], dict[str, str] | str]] = [
        (re.compile(p.replace("(?:{credit})", named)), credit_of) for p in data["credit_patterns"]
    ]
    patterns += [(re.compile(s["pattern"]), s["wire"]) for s in data["signoffs"]]
    return _Wires(
        names={w["id"]: w["name"] for w in data["wires"]},
        patterns=tuple(patterns),
        outlet=re.compile(rf"\b{named}\b"),
        credit_of=credit_of,
        domains={d: w["id"] for w in data["wires"] for d in w["domains"]},
        reach=int(data["credit_reach"]),
    )


def wire_name(wire: str) -> str:
    """The display name of a wire id."""
    return _wires().names.get(wire, wire)


def wire_of(article: Article) -> str | None:
    """The wire whose copy the article carries: its own site, else the earliest credit in the
    body's opening or closing lines, else a wire named in the outlet ("AP (via FOX 13)")."""
    wires = _wires()
    host = (urlsplit(article.url).hostname or "") if article.url else ""
    for domain, wire in wires.domains.items():
        if host == domain or host.endswith("." + domain):
            return wire
    body = article.body
    head, tail = body[: wires.reach], body[max(len(body) - wires.reach, wires.reach) :]
    found: list[tuple[int, str]] = []
    for offset, part in ((0, head), (len(body) - len(tail), tail)):
        for pattern, wire in wires.patterns:
            for match in pattern.finditer(part):
                name = wire if isinstance(wire, str) else wire[match.group("credit")]
                found.append((offset + match.start(), name))
    if found:
        return min(found)[1]
    if article.outlet:
        match = wires.outlet.search(article.outlet)
        if match:
            return wires.credit_of[match.group("credit")]
    return None
