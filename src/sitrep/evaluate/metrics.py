"""Measures the scorers share, and the reading of XML gold files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sitrep.errors import E, SitrepError


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def read_xml(path: Path) -> ET.Element:
    """The root element of an XML gold file; SitrepError when it is missing or malformed."""
    if not path.is_file():
        raise SitrepError(E.PATH_NOT_FOUND, what=str(path))
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise SitrepError(
            E.EVAL_DATA, what=str(path), reason=f"not well-formed XML ({exc})"
        ) from exc
