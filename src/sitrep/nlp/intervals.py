"""Character intervals looked up by position, so that matching each of n spans against m
others costs n log m rather than n times m (attributions against the hedges of a long article,
casualty figures against the attributions that hold them)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """``(start, end, item)`` triples, sorted by start."""

    def __init__(self, triples: Iterable[tuple[int, int, T]]) -> None:
        self.triples = sorted(triples, key=lambda x: (x[0], x[1]))
        self.starts = [start for start, _, _ in self.triples]
        self.longest = max((end - start for start, end, _ in self.triples), default=0)

    def within(self, start: int, end: int) -> list[T]:
        """The items whose interval lies inside ``[start, end)``, by start."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_right(self.starts, end)
        return [item for s, e, item in self.triples[low:high] if e <= end]

    def holding(self, start: int, end: int) -> list[T]:
        """The items whose interval holds ``[start, end)``, by start: only an interval that
        starts at most the longest one's length before ``end`` can."""
        low = bisect.bisect_left(self.starts, end - self.longest)
        high = bisect.bisect_right(self.starts, start)
        return [item for s, e, item in self.triples[low:high] if e >= end]
