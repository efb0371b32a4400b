"""Helpers the benchmark scripts share: the benchmark corpus and how results are printed."""

from __future__ import annotations

import json
import resource
from pathlib import Path

from sitrep.ingest import read_paths
from sitrep.model import Article

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def demo_articles(count: int) -> list[Article]:
    """The demo corpus repeated to ``count`` articles; each copy gets a distinct id."""
    base = [a for a in read_paths([str(CORPUS)], 2_000_000) if isinstance(a, Article)]
    return [base[i % len(base)].with_meta(id=f"{base[i % len(base)].id}-{i}") for i in range(count)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(name: str, value: float, unit: str, note: str = "") -> None:
    print(
        json.dumps({"name": name, "value": round(value, 3), "unit": unit, "note": note}), flush=True
    )
