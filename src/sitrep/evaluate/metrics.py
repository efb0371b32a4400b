"""Measures the scorers share."""

from __future__ import annotations


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))
