"""The publication date or year of an undated article, read from its own text, so that its
relative times get values: a full date in the dateline ("BAGHDAD, March 3, 2017 (Reuters)"),
else the latest full date the text gives (a caption's "taken on March 3, 2017"), else the latest
year it names ("in 2017"). Each comes with the expression that gave it, the evidence every
value read through it carries (``TimeRef.basis``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sitrep.nlp.times.lexicon import TimeWords
from sitrep.nlp.times.patterns import TimeMatch
from sitrep.nlp.times.values import TimeValues, anchor_date

# Where a dateline ends: the body of a wire story starts within its first line.
_DATELINE_CHARS = 120
_FULL_DATES = frozenset({"iso", "mdy", "dmy"})
_YEARS = frozenset({"year", "month_year", "season_year"})
# A year after these words is a target or a limit, not a time the article reports from.
_TARGET_BEFORE = re.compile(r"\b(?:by|until|till|before|through|to|from)\s+(?:the\s+end\s+of\s+)?$")
_TARGET_REACH = 24
# A value of a month or a day whose year the text left out ("XXXX-03-03", "XXXX-03").
_NO_YEAR = re.compile(r"^XXXX(?=-\d{2})")


@dataclass(frozen=True)
class Inferred:
    """What the text says of its own date: a whole date, or only a year, and the match that
    says it."""

    match: TimeMatch
    day: date | None
    year: int

    def fill(self, value: str) -> str:
        """A value without a year ("XXXX-03-03") given the inferred year."""
        return _NO_YEAR.sub(str(self.year), value)


def infer(text: str, matches: list[TimeMatch], words: TimeWords) -> Inferred | None:
    """The date or year the article was written, from ``matches``, its time expressions in
    ``text``; None where the text gives none."""
    values = TimeValues(words, None)
    dated: list[tuple[date, TimeMatch]] = []
    years: list[tuple[int, TimeMatch]] = []
    for match in matches:
        if match.rule in _FULL_DATES and match.groups.get("year"):
            # A date with its year needs no tense.
            day = anchor_date(values.value(match, "present"))
            if day is not None:
                dated.append((day, match))
        elif match.rule in _YEARS and not _target(text, match):
            years.append((int(match.groups["year"]), match))
    dateline = [(day, m) for day, m in dated if m.start < _DATELINE_CHARS]
    if dateline:
        day, match = dateline[0]
        return Inferred(match, day, day.year)
    if dated:
        day, match = max(dated, key=lambda item: item[0])
        return Inferred(match, day, day.year)
    if years:
        year, match = max(years, key=lambda item: item[0])
        return Inferred(match, None, year)
    return None


def _target(text: str, match: TimeMatch) -> bool:
    return bool(_TARGET_BEFORE.search(text[max(0, match.start - _TARGET_REACH) : match.start]))
