"""The TIMEX3 value of each time expression, relative to the publication date:

- an absolute date keeps what the text gives ("October 3" -> 2017-10-03 with a 2017 anchor;
  XXXX-10-03 without one: the year is never invented);
- a weekday or a bare month is placed by the tense of the verb that governs it: past in
  "the video was released on Tuesday", future in "talks resume on Tuesday";
- anaphoric expressions ("a year earlier", "the quarter") follow the last date the article
  named, so "the third quarter ... a year earlier" is the third quarter of the year before.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitrep.nlp.times.lexicon import TimeWords
from sitrep.nlp.times.patterns import TimeMatch

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# Rules of expressions that name a time other expressions may refer back to ("a year earlier").
_REFERENCE_RULES = frozenset(
    {
        "iso",
        "mdy",
        "dmy",
        "month_year",
        "month_rel_year",
        "month",
        "quarter",
        "year",
        "weekday",
        "day_word",
        "rel_unit",
        "season_year",
        "spelled_year",
        "month_spelled_year",
        "season_spelled_year",
    }
)
# Half of a unit, in the next smaller one (TIMEX3 values: "2 1/2 years" is P2Y6M).
_HALVES = {("Y", False): "6M", ("D", False): "T12H", ("H", True): "30M", ("M", True): "30S"}
# Units of "N units later/earlier" that measure the time from another event the text tells of:
# a duration. "A year earlier" in results is the same period of the year before (a date).
_SHORT_UNITS = frozenset({"minute", "hour", "day", "week"})
# Days a month-and-day may lie on the far side of the publication date before the tense moves
# it to the year before or after ("said on Nov. 16" in late October is still this year). Past
# tense reaches further: reported speech names dates ahead ("said it would pay on Dec. 1").
_PAST_MARGIN_DAYS = 92
_FUTURE_MARGIN_DAYS = 31
# With no tense to go by, a month more than half a year from the anchor is the nearest such
# month, in the year before or after.
_HALF_YEAR_DAYS = 183


def anchor_date(published: str | None) -> date | None:
    """The date part of an ISO 8601 publication date, or None."""
    match = _ISO.match(published or "")
    if not match:
        return None
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


class TimeValues:
    """Values of matches in article order, with the reference time anaphora follow."""

    def __init__(self, words: TimeWords, anchor: date | None) -> None:
        self.words = words
        self.anchor = anchor
        self.reference: str | None = None  # last date-like value named

    def value(self, match: TimeMatch, tense: str) -> str | None:
        handler = getattr(self, f"_{match.rule}")
        value = handler(match.groups, tense)
        anaphoric = any(
            word in (match.groups.get("qrel") or "") for word in ("year-earlier", "year-ago")
        )
        if value and match.rule in _REFERENCE_RULES and not value.startswith("X") and not anaphoric:
            self.reference = value
        return value

    # -- absolute and calendar expressions --------------------------------------------------

    def _iso(self, g: dict, tense: str) -> str:
        return f"{g['year']}-{g['m']}-{g['d']}"

    def _mdy(self, g: dict, tense: str) -> str | None:
        month, day = self._month_number(g["mon"]), int(g["day"])
        if not 1 <= day <= 31:
            return None
        year = int(g["year"]) if g.get("year") else self._year_of(month, day, tense)
        return f"{_y(year)}-{month:02d}-{day:02d}"

    _dmy = _mdy

    def _month_year(self, g: dict, tense: str) -> str:
        return f"{g['year']}-{self._month_number(g['mon']):02d}"

    def _month_rel_year(self, g: dict, tense: str) -> str:
        """ "January this year", "June last year": the month of the year the anchor gives."""
        month = self._month_number(g["mon"])
        if self.anchor is None:
            return f"XXXX-{month:02d}"
        step = {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
        return f"{self.anchor.year + step}-{month:02d}"

    def _month_number(self, word: str) -> int:
        return self.words.months[word.lower().rstrip(".")]

    def _month(self, g: dict, tense: str) -> str:
        month = self._month_number(g["mon"])
        rel = (g.get("rel") or "").lower()
        if self.anchor is None:
            return f"XXXX-{month:02d}"
        year = self.anchor.year
        if rel in ("last", "past"):
            year -= 1 if month >= self.anchor.month else 0
        elif rel in ("next", "coming"):
            year += 1 if month <= self.anchor.month else 0
        elif rel != "this":
            year = self._year_of(month, None, tense)
        return f"{year}-{month:02d}"

    def _year(self, g: dict, tense: str) -> str:
        return g["year"]

    def _decade(self, g: dict, tense: str) -> str:
        return g["dec"]

    def _quarter(self, g: dict, tense: str) -> str | None:
        half = g["q"].lower() == "half"
        ordinal = (g.get("ord") or "").lower()
        relative = (g.get("qrel") or "").lower()
        year_text = g.get("year1") or g.get("year2")
        if ordinal in self.words.ordinals:
            number = self.words.ordinals[ordinal]
            if half and number > 2:
                return None
            year = int(year_text) if year_text else self._quarter_year(number, tense, half)
            if g.get("yrel") and self.anchor is not None:
                year = self.anchor.year + self.words.relatives[g["yrel"].lower()]
            if "year-earlier" in relative or "year-ago" in relative:
                year = year - 1 if year is not None else None
            return f"{_y(year)}-{'H' if half else 'Q'}{number}"
        if half:
            return None
        if g.get("yrel"):
            ref = self._reference_quarter()
            step = self.words.relatives[g["yrel"].lower()]
            return _shift_quarter(ref, 4 * step) if ref else None
        # "the quarter", "the latest quarter": the one the article is about, else the last one.
        current = self._current_quarter()
        if "current" in relative or "this" in relative:
            return current or "XXXX-QX"
        if "next" in relative:
            return _shift_quarter(current, 1) if current else "XXXX-QX"
        if "year-earlier" in relative or "year-ago" in relative:
            ref = self._reference_quarter()
            return _shift_quarter(ref, -4) if ref else None
        ref = self._reference_quarter()
        if ref:
            return ref
        return _shift_quarter(current, -1) if current else "XXXX-QX"

    def _quarter_year(self, number: int, tense: str, half: bool) -> int | None:
        if self.anchor is None:
            return None
        current = (self.anchor.month - 1) // (6 if half else 3) + 1
        return self.anchor.year - 1 if number > current and tense == "past" else self.anchor.year

    def _current_quarter(self) -> str | None:
        if self.anchor is None:
            return None
        return f"{self.anchor.year}-Q{(self.anchor.month - 1) // 3 + 1}"

    def _reference_quarter(self) -> str | None:
        if self.reference and re.fullmatch(r"\d{4}-Q\d", self.reference):
            return self.reference
        return None

    def _year_ago(self, g: dict, tense: str) -> str | None:
        ref = self._reference_quarter()
        if ref:
            return _shift_quarter(ref, -4)
        return str(self.anchor.year - 1) if self.anchor else "XXXX"

    # -- relative expressions ----------------------------------------------------------------

    def _rel_unit(self, g: dict, tense: str) -> str | None:
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        step = self.words.relatives[rel]
        unit = g["unit"].lower()
        a = self.anchor
        if rel == "following" and unit in ("year", "month") and self.reference:
            # "the following year" follows the last date the text named, not the publication.
            return _after_reference(self.reference, unit)
        if unit in self.words.seasons:
            season = self.words.seasons[unit]
            return f"{a.year + step if a else 'XXXX'}-{season}"
        if a is None:
            return {
                "week": "XXXX-WXX",
                "weekend": "XXXX-WXX-WE",
                "month": "XXXX-XX",
                "quarter": "XXXX-QX",
            }.get(unit, "XXXX")
        if unit == "week":
            return _week(a + timedelta(weeks=step))
        if unit == "weekend":
            return _week(a + timedelta(weeks=step)) + "-WE"
        if unit == "month":
            year, month = _add_months(a.year, a.month, step)
            return f"{year}-{month:02d}"
        if unit == "quarter":
            return _shift_quarter(self._current_quarter(), step)
        if unit == "decade":
            return str(a.year // 10 + step)
        if unit == "century":
            return f"{a.year // 100 + step:02d}"
        return str(a.year + step)

    def _part_day(self, g: dict, tense: str) -> str:
        if g.get("tonight"):
            return f"{self._day(0)}TNI"
        offset = {
            "yesterday": -1,
            "tomorrow": 1,
            "last": -1 if g["part"].lower() == "night" else 0,
        }.get(g["day"].lower(), 0)
        return f"{self._day(offset)}T{self.words.parts_of_day[g['part'].lower()]}"

    def _day_word(self, g: dict, tense: str) -> str:
        key = re.sub(r"\s+", " ", g["dw"].lower())
        value = self._day(self.words.days[key])
        return f"{value}TNI" if key == "tonight" else value

    def _day(self, offset: int) -> str:
        return (self.anchor + timedelta(days=offset)).isoformat() if self.anchor else "XXXX-XX-XX"

    def _weekday(self, g: dict, tense: str) -> str:
        weekday = self.words.weekdays[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        part = g.get("part")
        suffix = f"T{self.words.parts_of_day[part.lower()]}" if part else ""
        a = self.anchor
        if a is None:
            return f"XXXX-WXX-{weekday}{suffix}"
        delta = weekday - a.isoweekday()
        if rel in ("next", "coming") or (not rel and tense == "future"):
            days = delta if delta > 0 else delta + 7
        elif rel == "this":
            days = delta
        else:
            # News reports the past: "on Tuesday" is the last Tuesday up to the publication date.
            days = delta if delta <= 0 else delta - 7
            if rel in ("last", "past") and days == 0:
                days = -7
        return f"{(a + timedelta(days=days)).isoformat()}{suffix}"

    def _ago(self, g: dict, tense: str) -> str | None:
        count = self._count(g["num"])
        unit = g["unit"].lower()
        direction = -1 if g["dir"].lower() in ("ago", "earlier") else 1
        ref = self._reference_quarter()
        if unit == "year" and count == 1 and ref:
            # "the third quarter ... a year earlier": the same quarter of the year before.
            return _shift_quarter(ref, 4 * direction)
        if g["dir"].lower() in ("earlier", "later") and unit in _SHORT_UNITS:
            # "three days later", "a week earlier": later or earlier than another event the
            # text tells of, not than the publication date; the expression says how long.
            letter, is_time = self.words.units[unit]
            return f"P{'T' if is_time else ''}{'X' if count is None else count}{letter}"
        a = self.anchor
        if count is None and a is not None:
            # "several years ago": some time before the publication date, no date.
            return "PAST_REF" if direction < 0 else "FUTURE_REF"
        if count is None or a is None:
            return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX")
        if unit in ("day", "hour", "minute", "second"):
            if unit != "day":
                return a.isoformat()
            return (a + timedelta(days=direction * count)).isoformat()
        if unit in ("week", "weekend"):
            return (a + timedelta(weeks=direction * count)).isoformat()
        if unit == "month":
            year, month = _add_months(a.year, a.month, direction * count)
            return f"{year}-{month:02d}"
        if unit == "quarter":
            return _shift_quarter(self._current_quarter(), direction * count)
        if unit == "decade":
            return str(a.year // 10 + direction * count)
        return str(a.year + direction * count)

    def _count(self, text: str) -> int | None:
        text = re.sub(r"\s+", " ", text.lower())
        if text in self.words.vague_numbers:
            return None
        if text.replace(".", "", 1).isdigit():
            return int(float(text))
        total = 0
        for part in re.split(r"[-\s]", text):
            if part in self.words.numbers:
                total = (
                    total * 100 if part == "hundred" and total else total + self.words.numbers[part]
                )
        return total or self.words.numbers.get(text)

    # -- durations, sets, times of day, references -------------------------------------------

    def _duration(self, g: dict, tense: str) -> str | None:
        count = self._count(g["num"])
        letter, is_time = self.words.units[g["unit"].lower()]
        if letter == "WE":
            return None
        amount = "X" if count is None else str(count)
        value = f"P{'T' if is_time else ''}{amount}{letter}"
        if count is not None and (g.get("half") or g.get("half_after")):
            # "2 1/2 years", "a minute and a half": the half in the next smaller unit.
            half = _HALVES.get((letter, is_time))
            value = value + half if half else f"P{'T' if is_time else ''}{count}.5{letter}"
        return value

    def _plural_units(self, g: dict, tense: str) -> str:
        letter, is_time = self.words.units[g["unit"].lower().rstrip("s")]
        return f"P{'T' if is_time else ''}X{letter}"

    def _set(self, g: dict, tense: str) -> str:
        if g.get("wd"):
            return f"XXXX-WXX-{self.words.weekdays[g['wd'].lower()]}"
        if g.get("mon"):
            return f"XXXX-{self._month_number(g['mon']):02d}"
        letter, _ = self.words.units[g["unit"].lower()]
        return f"P1{letter}"

    def _weekend(self, g: dict, tense: str) -> str:
        if self.anchor is None:
            return "XXXX-WXX-WE"
        # A weekend named on a weekday is the one before it unless the verb looks ahead.
        step = 1 if tense == "future" and self.anchor.isoweekday() < 6 else 0
        if tense != "future" and self.anchor.isoweekday() < 6:
            step = -1
        return _week(self.anchor + timedelta(weeks=step)) + "-WE"

    def _season_year(self, g: dict, tense: str) -> str:
        return f"{g['year']}-{self.words.seasons[g['season'].lower()]}"

    def _month_spelled_year(self, g: dict, tense: str) -> str | None:
        year = self._spelled_year(g, tense)
        return f"{year}-{self._month_number(g['mon']):02d}" if year else None

    def _season_spelled_year(self, g: dict, tense: str) -> str | None:
        year = self._spelled_year(g, tense)
        return f"{year}-{self.words.seasons[g['season'].lower()]}" if year else None

    def _spelled_year(self, g: dict, tense: str) -> str | None:
        if g.get("century"):
            century = self.words.numbers[g["century"].lower()]
            rest = self._count(g["rest"])
            return f"{century:02d}{rest:02d}" if rest is not None and rest < 100 else None
        after = self.words.numbers.get((g.get("after") or "").lower(), 0)
        return f"{2000 + after}"

    def _time_of_day(self, g: dict, tense: str) -> str | None:
        if g.get("noon"):
            clock = "12:00" if g["noon"].lower() == "noon" else "24:00"
        else:
            hour, minute = int(g["h"]), int(g.get("min") or 0)
            if not (1 <= hour <= 12 and minute < 60):
                return None
            if g["ap"].lower().startswith("p") and hour != 12:
                hour += 12
            elif g["ap"].lower().startswith("a") and hour == 12:
                hour = 0
            clock = f"{hour:02d}:{minute:02d}"
        if g.get("wd"):
            day = self._weekday({"wd": g["wd"], "rel": None, "part": None}, tense)
        elif g.get("mon"):
            day = self._mdy(g, tense)
        else:
            day = self._day(0)
        return f"{day}T{clock}" if day else None

    def _reference(self, g: dict, tense: str) -> str:
        return self.words.references[re.sub(r"\s+", " ", g["ref"].lower())]

    def _this_unit(self, g: dict, tense: str) -> str:
        unit = g["unit"].lower()
        # The lookbehind and lookahead groups match empty text: None is what says they failed.
        if unit == "year" and (g.get("over") is not None or g.get("ended") is not None):
            # "for the year", "over the year", "the year ended March 31": the span of a year,
            # as in results for a (fiscal) year named by its last day.
            return "P1Y"
        if unit == "quarter":
            return (
                self._quarter(
                    {"q": "quarter", "ord": None, "qrel": "", "year1": None, "year2": None}, tense
                )
                or "XXXX-QX"
            )
        return self._rel_unit({"rel": "this", "unit": unit}, tense) or "XXXX"

    def _year_of(self, month: int, day: int | None, tense: str) -> int | None:
        """The year of a month (and day) given without one: the one nearest the anchor, on the
        side the tense points to."""
        a = self.anchor
        if a is None:
            return None
        this_year = date(a.year, month, min(day or 1, 28))
        reference = a if day else date(a.year, a.month, 1)
        ahead = (this_year - reference).days
        if tense == "past" and ahead > _PAST_MARGIN_DAYS:
            return a.year - 1
        if tense == "future" and ahead < -_FUTURE_MARGIN_DAYS:
            return a.year + 1
        if tense == "present" and abs(ahead) > _HALF_YEAR_DAYS:
            # No tense to go by: the nearest such date ("January", written in November).
            return a.year - 1 if ahead > 0 else a.year + 1
        return a.year


def _y(year: int | None) -> str:
    return "XXXX" if year is None else f"{year:04d}"


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def _shift_quarter(value: str | None, step: int) -> str | None:
    if value is None:
        return None
    year, quarter = int(value[:4]), int(value[-1])
    index = year * 4 + quarter - 1 + step
    return f"{index // 4}-Q{index % 4 + 1}"


def _after_reference(reference: str, unit: str) -> str | None:
    """The year or month after the one a reference value ("1995", "1989-03-12") lies in."""
    match = re.match(r"^(\d{4})(?:-(\d{2}))?", reference)
    if match is None:
        return None
    year = int(match.group(1))
    if unit == "year":
        return str(year + 1)
    if match.group(2) is None:
        return None
    year, month = _add_months(year, int(match.group(2)), 1)
    return f"{year}-{month:02d}"
