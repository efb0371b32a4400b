"""Which spans are time expressions: patterns compiled once from resources/time_words.yaml
(dates, months, years, decades, weekdays, "last week", "late last month", quarters, "three
years ago", durations, times of day, and deictic words such as "now" and "recently"). Each
pattern is a rule; where matches overlap the longest wins, and each match names its rule."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.nlp.times.lexicon import TimeWords

_AMBIGUOUS_MONTHS = frozenset({"may", "march"})
# Patterns run case-sensitively on an ASCII-lower-cased copy of the text: Python's regex
# engine skips a failing literal alternative at once only when matching case-sensitively, so
# the scan takes a third less time than with re.IGNORECASE. The copy has the text's length
# (only A-Z change), so offsets hold; the words the patterns name are all ASCII.
_UNNAMED = re.compile(r"\(\?P<\w+>")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Before a duration, words of a frequency or a rate ("once a year", "$5 a week").
_RATE_BEFORE = re.compile(r"(?:once|twice|times|per|[\d%])\s*$")
# After a hyphenated duration, nouns of recordings whose length it gives ("a 42-second video").
_RECORDING_AFTER = re.compile(
    r"\s+(?:video|clip|footage|recording|film|audio|tape|broadcast|livestream)s?\b",
    re.IGNORECASE,
)
# After "soon", words that make it relative to another time ("soon after daybreak").
_RELATIVE_AFTER = re.compile(r"\s+(?:after|afterwards?|before|thereafter)\b", re.IGNORECASE)
# How far before a duration and before an ambiguous month ("may", "march") the words that
# decide are looked for.
_RATE_REACH, _INTRODUCER_REACH = 8, 12


@dataclass
class TimeMatch:
    """A time expression found: doc character offsets, the rule (pattern) that found it, and
    its parts as written."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]


def _alt(words) -> str:
    # Lower-cased: the patterns run on lower-cased text (see _ASCII_LOWER).
    return "|".join(
        re.escape(w.lower()).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


class TimePatterns:
    """The compiled patterns, each a (rule, regex) pair; group names carry the parts."""

    def __init__(self, words: TimeWords) -> None:
        self.words = words
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
        spelled = rf"(?:(?P<century>nineteen|twenty)[-\s](?P<rest>(?:{_alt(tens)})(?:[-\s](?:{_alt(units_words)}))?|(?:{_alt(teens)}))|two\s+thousand(?:\s+(?:and\s+)?(?P<after>{_alt(units_words)}))?)"
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
            (
                "month_rel_year",
                rf"\b{mod}{mon},?\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b",
            ),
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
                rf"\b(?:every|each)\s+(?:(?P<wd>{_alt(full_days)})|{mon}|(?P<unit>day|week|month|year|quarter))\b",
            ),
            (
                "duration",
                rf"\b(?:(?:the|a|an)\s+)?(?:(?P<rel>past|last|next|coming|previous|first|final|latest|following|recent)\s+)?{num}(?P<half>\s+1/2|\s+and\s+a\s+half)?[-\s]+{unit}(?P<half_after>\s+and\s+a\s+half)?(?:[-\s]long)?\b(?![-\s]old\b)",
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
            ("spelled_year", rf"\b(?:the\s+year\s+)?{spelled}\b"),
            ("month_spelled_year", rf"\b{mod}{mon},?\s+(?:of\s+)?{spelled}\b"),
            (
                "season_spelled_year",
                rf"\b(?:the\s+)?(?P<season>{season})\s+(?:of\s+)?{spelled}\b",
            ),
            (
                "this_unit",
                r"(?:(?P<over>(?<=\bfor\s)|(?<=\bover\s)|(?<=\bthroughout\s)))?\bthe\s+(?P<unit>year|month|week|quarter)\b(?![-\s](?:earlier|ago|before))(?P<ended>(?=\s+end(?:ed|ing)\b))?",
            ),
        ]
        # Every expression starts a word. Saying so up front lets the regex engine pass over
        # the positions where none can start (spaces, punctuation, inside words) without
        # trying each pattern's alternatives there: the scan is 2-3 times faster.
        sources = [p for _, p in self.items]
        self.items = [(rule, re.compile(rf"\b(?=\w)(?:{p})")) for rule, p in self.items]
        # Where any pattern matches, in one pass over the text: most of a pattern's scan is
        # stepping from word to word, which one pass does once for all of them. Group names
        # repeat across patterns, so this one has none.
        self.starts = re.compile(
            r"\b(?=\w)(?=" + "|".join(_UNNAMED.sub("(?:", p) for p in sources) + ")"
        )

    def matches(self, text: str) -> list[TimeMatch]:
        """The time expressions of ``text``, left to right, none overlapping: where matches
        overlap, the one starting first, then the longest, wins."""
        lowered = text.translate(_ASCII_LOWER)
        starts = [m.start() for m in self.starts.finditer(lowered)]
        found = []
        for rule, pattern in self.items:
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
                if self._plausible(text, rule, m.start(), m.end(), groups):
                    found.append(TimeMatch(m.start(), m.end(), rule, groups))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        chosen: list[TimeMatch] = []
        for match in found:
            if chosen and match.start < chosen[-1].end:
                continue
            chosen.append(match)
        return chosen

    def _plausible(
        self, text: str, rule: str, start: int, end: int, groups: dict[str, str | None]
    ) -> bool:
        """Names are capitalised in English ("May", "Friday"); "may" and "march" are only months
        with a day, a year, or a word that introduces a month before them."""
        for group in ("mon", "wd"):
            word = groups.get(group)
            if word and not word[0].isupper():
                return False
        if rule == "duration":
            if "-quarters" in text[start:end].lower():
                return False  # "three-quarters" is a fraction
            before = text[max(0, start - _RATE_REACH) : start].lower()
            if _RATE_BEFORE.search(before):
                return False  # "once a year", "$5 a week": frequencies and rates
            if groups["unit"].lower() == "second" and groups["num"].lower() in ("a", "an"):
                return False  # "a second man": the ordinal
            if "-" in text[start:end] and _RECORDING_AFTER.match(text, end):
                return False  # "the 42-second video": a recording's length, no time
        if rule == "reference" and _RELATIVE_AFTER.match(text, end):
            return False  # "soon after daybreak": as near to another time, not the future
        mon = (groups.get("mon") or "").lower()
        if rule == "month" and mon in _AMBIGUOUS_MONTHS and not groups["mod"] and not groups["rel"]:
            before = text[max(0, start - _INTRODUCER_REACH) : start].split()
            return bool(before) and before[-1].lower() in self.words.month_introducers
        return True
