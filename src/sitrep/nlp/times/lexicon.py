"""The word tables of time expressions: resources/time_words.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class TimeWords:
    """Word tables from resources/time_words.yaml."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, bool]]
    references: dict[str, str]
    days: dict[str, int]
    modifiers: tuple[str, ...]
    relatives: dict[str, int]
    month_introducers: frozenset[str]


@lru_cache(maxsize=1)
def load_time_words() -> TimeWords:
    data = yaml.safe_load(
        resources.files("sitrep.resources").joinpath("time_words.yaml").read_text("utf-8")
    )

    def inverted(table: dict) -> dict:
        return {str(word): key for key, words in table.items() for word in words}

    return TimeWords(
        months=inverted(data["months"]),
        weekdays=inverted(data["weekdays"]),
        seasons=inverted(data["seasons"]),
        parts_of_day=inverted(data["parts_of_day"]),
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        vague_numbers=tuple(data["vague_numbers"]),
        ordinals={str(k): int(v) for k, v in data["ordinals"].items()},
        units={k: (v["letter"], bool(v.get("time"))) for k, v in data["units"].items()},
        references=dict(data["references"]),
        days={k: int(v) for k, v in data["days"].items()},
        modifiers=tuple(data["modifiers"]),
        relatives={k: int(v) for k, v in data["relatives"].items()},
        month_introducers=frozenset(data["month_introducers"]),
    )
