"""Times: temporal expressions and their TimeML (TIMEX3) values, relative to the publication date.

Expressions are found by patterns compiled once from resources/time_words.yaml (dates,
months, years, decades, weekdays, "last week", "late last month", quarters, "three years ago",
durations, times of day, and deictic words such as "now" and "recently"); the longest match
wins where patterns overlap. Values are computed from ``article.published``:

- an absolute date keeps what the text gives ("October 3" -> 2017-10-03 with a 2017 anchor;
  XXXX-10-03 without one: the year is never invented);
- a weekday or a bare month is placed by the tense of the verb that governs it: past in
  "the video was released on Tuesday", future in "talks resume on Tuesday";
- anaphoric expressions ("a year earlier", "the quarter") follow the last date the article
  named, so "the third quarter ... a year earlier" is the third quarter of the year before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.model import TimeRef
from sitrep.nlp.doc import article_of, keep_records, make_span, text_of

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})
# Patterns run case-sensitively on an ASCII-lower-cased copy of the text: Python's regex
# engine skips a failing literal alternative at once only when matching case-sensitively, so
# the scan takes a third less time than with re.IGNORECASE. The copy has the text's length
# (only A-Z change), so offsets hold; the words the patterns name are all ASCII.
_UNNAMED = re.compile(r"\(\?P<\w+>")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Expressions that name a time other expressions may refer back to ("a year earlier").
_REFERENCE_KINDS = frozenset(
    {
        "iso",
        "mdy",
        "dmy",
        "month_year",
        "month",
        "quarter",
        "year",
        "weekday",
        "day_word",
        "rel_unit",
        "season_year",
        "spelled_year",
    }
)
# Days a month-and-day may lie on the far side of the publication date before the tense moves
# it to the year before or after ("said on Nov. 16" in late October is still this year). Past
# tense reaches further: reported speech names dates ahead ("said it would pay on Dec. 1").
_PAST_MARGIN_DAYS = 92
_FUTURE_MARGIN_DAYS = 31


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


def _alt(words) -> str:
    # Lower-cased: the patterns run on lower-cased text (see _ASCII_LOWER).
    return "|".join(
        re.escape(w.lower()).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


class _Patterns:
    """The compiled patterns, each a (kind, regex) pair; group names carry the parts."""

    def __init__(self, words: TimeWords) -> None:
        full_months = [w for w in words.months if len(w) > 4 or w in ("may", "june", "july")]
        short_months = [w for w in words.months if w not in full_months]
        mon = rf"(?P<mon>(?:{_alt(full_months)})\b|(?:{_alt(short_months)})\.)"
        full_days = [w for w in words.weekdays if w.endswith("day")]
        wd = rf"(?P<wd>(?:{_alt(full_days)})\b)"
        num_word = _alt(words.numbers)
        num = rf"(?P<num>\d+(?:\.\d+)?|(?:{num_word})(?:[-\s](?:{num_word}))?|{_alt(words.vague_numbers)})"
        unit = rf"(?P<unit>{_alt(words.units)})s?"
        mod = rf"(?:(?P<mod>{_alt(words.modifiers)})\s+)?"
        rel = rf"(?P<rel>{_alt(words.relatives)})"
        season = _alt(words.seasons)
        part = _alt(words.parts_of_day)
        ordinal = rf"(?P<ord>{_alt(words.ordinals)}|final|last|latest)"
        tens = [w for w, n in words.numbers.items() if n in range(20, 100, 10)]
        teens = [w for w, n in words.numbers.items() if 10 <= n < 20]
        units_words = [w for w, n in words.numbers.items() if 1 <= n < 10 and w not in ("a", "an")]
        year = r"(?P<year>(?:1[5-9]|20)\d{2})(?![\d,.%]\d|\s*(?:%|percent))"
        self.items: list[tuple[str, re.Pattern[str]]] = [
            ("iso", r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
            (
                "mdy",
                rf"\b(?:{wd},?\s+)?{mon}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{year}\b)?",
            ),
            (
                "dmy",
                rf"\b(?:{wd},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}(?:,?\s+{year}\b)?",
            ),
            ("month_year", rf"\b{mod}{mon},?\s+(?:of\s+)?{year}\b"),
            ("month", rf"\b{mod}(?:(?P<rel>last|next|this|past|coming)\s+)?{mon}"),
            (
                "quarter",
                rf"\b(?:the\s+)?(?:(?P<yrel>this|last|next)\s+year['\u2019]s\s+)?(?:(?P<year1>(?:19|20)\d{{2}})\s+)?(?P<qrel>(?:(?:its|fiscal|latest|last|current|previous|next|this|same|comparable|calendar|year-earlier|year-ago)[-\s]+)*){ordinal}?[-\s]*(?:fiscal[-\s]+)?(?P<q>quarter|half)(?!s)\b(?:\s+of\s+(?:fiscal\s+)?(?P<year2>(?:19|20)\d{{2}}))?",
            ),
            (
                "year_ago",
                r"\b(?:the\s+)?(?:comparable\s+)?year[-\s](?:earlier|ago)(?:\s+(?P<what>quarter|period))?",
            ),
            (
                "decade",
                r"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s])?(?P<dec>(?:1[5-9]|20)\d)0['\u2019]?s\b",
            ),
            (
                "year",
                rf"(?<![\d$\u00a3\u20ac.,#])\b{mod}(?:(?P<fiscal>fiscal)\s+(?:year\s+)?)?{year}\b(?!['\u2019]?s\b)",
            ),
            (
                "rel_unit",
                rf"\b{mod}(?:the\s+)?{rel}\s+(?P<unit>week|weekend|month|year|quarter|decade|century|{season})\b",
            ),
            (
                "part_day",
                rf"\b(?P<day>this|last|yesterday|tomorrow|today)\s+(?P<part>{part})\b|\b(?P<tonight>tonight)\b",
            ),
            ("day_word", rf"\b(?P<dw>{_alt(words.days)})\b"),
            (
                "weekday",
                rf"\b(?:(?P<rel>last|next|this|coming|past)\s+)?{wd}(?:\s+(?P<part>{part}))?",
            ),
            ("ago", rf"\b{num}[-\s]+{unit}\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b"),
            (
                "set",
                rf"\b(?:every|each)\s+(?:(?P<wd>{_alt(full_days)})|(?P<unit>day|week|month|year|quarter))\b",
            ),
            (
                "duration",
                rf"\b(?:(?:the|a|an)\s+)?(?:(?P<rel>past|last|next|coming|previous|first|final|latest|following|recent)\s+)?{num}[-\s]+{unit}(?:[-\s]long)?\b(?![-\s]old\b)",
            ),
            (
                "plural_units",
                r"(?:(?<=\bfor\s)|(?<=\bover\s))(?:(?:the\s+)?(?:past|last)\s+)?(?P<unit>years|months|weeks|days|decades|hours)\b",
            ),
            (
                "time_of_day",
                rf"\b(?:(?P<h>\d{{1,2}})(?:[:.](?P<min>\d{{2}}))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|(?P<noon>noon|midnight))(?:,?\s+(?:[a-z]{{2,4}},?\s+)?(?:on\s+)?(?:{wd}|{mon}\s+(?P<day>\d{{1,2}})\b))?",
            ),
            ("reference", rf"\b(?P<ref>{_alt(words.references)})\b"),
            ("weekend", r"\bthe\s+weekend\b"),
            ("season_year", rf"\b(?:the\s+)?(?P<season>{season})\s+(?:of\s+)?{year}\b"),
            (
                "spelled_year",
                rf"\b(?:the\s+year\s+)?(?:(?P<century>nineteen|twenty)[-\s](?P<rest>(?:{_alt(tens)})(?:[-\s](?:{_alt(units_words)}))?|(?:{_alt(teens)}))|two\s+thousand(?:\s+(?:and\s+)?(?P<after>{_alt(units_words)}))?)\b",
            ),
            (
                "this_unit",
                r"(?:(?P<over>(?<=\bfor\s)|(?<=\bover\s)|(?<=\bthroughout\s)))?\bthe\s+(?P<unit>year|month|week|quarter)\b(?![-\s](?:earlier|ago|before))",
            ),
        ]
        # Every expression starts a word. Saying so up front lets the regex engine pass over
        # the positions where none can start (spaces, punctuation, inside words) without
        # trying each pattern's alternatives there: the scan is 2-3 times faster.
        sources = [p for _, p in self.items]
        self.items = [(kind, re.compile(rf"\b(?=\w)(?:{p})")) for kind, p in self.items]
        # Where any pattern matches, in one pass over the text: most of a pattern's scan is
        # stepping from word to word, which one pass does once for all of them. Group names
        # repeat across patterns, so this one has none.
        self.starts = re.compile(
            r"\b(?=\w)(?=" + "|".join(_UNNAMED.sub("(?:", p) for p in sources) + ")"
        )


@dataclass
class _Match:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


class TimeTagger:
    """The ``sitrep_times`` component: fills ``doc._.times``."""

    def __init__(self, words: TimeWords) -> None:
        self.words = words
        self.patterns = _Patterns(words)

    def __call__(self, doc: Doc) -> Doc:
        article = article_of(doc)
        anchor = anchor_date(article.published if article is not None else None)
        context = _Context(self.words, anchor)
        times: list[TimeRef] = []
        for match in self._matches(doc):
            value = context.value(match, _tense(doc, match.start, match.end))
            if value is None:
                continue
            times.append(
                TimeRef(f"t{len(times) + 1}", value, make_span(doc, match.start, match.end))
            )
        keep_records(doc, "times", times)
        return doc

    def _matches(self, doc: Doc) -> list[_Match]:
        text = text_of(doc)
        lowered = text.translate(_ASCII_LOWER)
        starts = [m.start() for m in self.patterns.starts.finditer(lowered)]
        found = []
        for kind, pattern in self.patterns.items:
            # What pattern.finditer(lowered) yields, tried only where some pattern matches:
            # left to right, each match going on after the end of the one before.
            resume = 0
            for pos in starts:
                m = pattern.match(lowered, pos) if pos >= resume else None
                if m is None or m.end() == pos:
                    continue
                resume = m.end()
                # The parts as written: a month's or weekday's capital tells the name.
                groups = {
                    name: text[m.start(name) : m.end(name)] if m.start(name) >= 0 else None
                    for name in pattern.groupindex
                }
                if self._plausible(text, kind, m.start(), m.end(), groups):
                    found.append(_Match(m.start(), m.end(), kind, groups))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        chosen: list[_Match] = []
        for match in found:
            if chosen and match.start < chosen[-1].end:
                continue
            chosen.append(match)
        return chosen

    def _plausible(
        self, text: str, kind: str, start: int, end: int, groups: dict[str, str | None]
    ) -> bool:
        """Names are capitalised in English ("May", "Friday"); "may" and "march" are only months
        with a day, a year, or a word that introduces a month before them."""
        for group in ("mon", "wd"):
            word = groups.get(group)
            if word and not word[0].isupper():
                return False
        if kind == "duration":
            if "-quarters" in text[start:end].lower():
                return False  # "three-quarters" is a fraction
            before = text[max(0, start - 8) : start].lower()
            if re.search(r"(?:once|twice|times|per|[\d%])\s*$", before):
                return False  # "once a year", "$5 a week": frequencies and rates
            if groups["unit"].lower() == "second" and groups["num"].lower() in ("a", "an"):
                return False  # "a second man": the ordinal
        mon = (groups.get("mon") or "").lower()
        if kind == "month" and mon in _AMBIGUOUS_MONTHS and not groups["mod"] and not groups["rel"]:
            before = text[max(0, start - 12) : start].split()
            return bool(before) and before[-1].lower() in self.words.month_introducers
        return True


@Language.factory("sitrep_times", assigns=["doc._.times"], requires=["token.dep", "token.tag"])
def make_times(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger(load_time_words())


def anchor_date(published: str | None) -> date | None:
    """The date part of an ISO 8601 publication date, or None."""
    match = _ISO.match(published or "")
    if not match:
        return None
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def _tense(doc: Doc, start: int, end: int) -> str:
    """past, future or present: the tense of the verb that governs the expression."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "present"
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(
        a.lower_ in ("will", "'ll", "shall") or a.tag_ == "MD" and a.lower_ == "wo"
        for a in auxiliaries
    ):
        return "future"
    if token.lower_ == "will":
        return "future"
    if any(a.lower_ == "to" for a in auxiliaries) and token.head.lemma_ in (
        "plan",
        "expect",
        "schedule",
        "intend",
        "due",
    ):
        return "future"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if token.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return "past"
    if token.tag_ == "VBG" and any(a.lower_ in ("is", "are", "'s", "'re") for a in auxiliaries):
        # "talks are resuming on Tuesday": the present progressive of plans.
        return "future"
    return "present"


class _Context:
    """Values of matches in article order, with the reference time anaphora follow."""

    def __init__(self, words: TimeWords, anchor: date | None) -> None:
        self.words = words
        self.anchor = anchor
        self.reference: str | None = None  # last date-like value named

    def value(self, match: _Match, tense: str) -> str | None:
        handler = getattr(self, f"_{match.kind}")
        value = handler(match.groups, tense)
        anaphoric = any(
            word in (match.groups.get("qrel") or "") for word in ("year-earlier", "year-ago")
        )
        if value and match.kind in _REFERENCE_KINDS and not value.startswith("X") and not anaphoric:
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
        step = self.words.relatives[re.sub(r"\s+", " ", g["rel"].lower())]
        unit = g["unit"].lower()
        a = self.anchor
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
        a = self.anchor
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
        return f"P{'T' if is_time else ''}{amount}{letter}"

    def _plural_units(self, g: dict, tense: str) -> str:
        letter, is_time = self.words.units[g["unit"].lower().rstrip("s")]
        return f"P{'T' if is_time else ''}X{letter}"

    def _set(self, g: dict, tense: str) -> str:
        if g.get("wd"):
            return f"XXXX-WXX-{self.words.weekdays[g['wd'].lower()]}"
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
        if unit == "year" and g.get("over"):
            # "for the year", "over the year": the span of a year, as in results for a year.
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
        if tense == "present" and abs(ahead) > 183:
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
