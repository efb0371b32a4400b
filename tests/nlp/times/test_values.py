"""Values of matches against a publication date, without a doc: the tense moves a weekday,
anaphora follow the last date named."""

from __future__ import annotations

from datetime import date

from sitrep.nlp.times import load_time_words
from sitrep.nlp.times.patterns import TimeMatch
from sitrep.nlp.times.values import TimeValues

TUESDAY = date(2017, 10, 3)


def _weekday(name: str) -> TimeMatch:
    return TimeMatch(0, len(name), "weekday", {"wd": name, "rel": None, "part": None})


def test_a_weekday_lies_on_the_side_the_tense_points_to():
    values = TimeValues(load_time_words(), TUESDAY)
    assert values.value(_weekday("Friday"), "past") == "2017-09-29"
    assert values.value(_weekday("Friday"), "future") == "2017-10-06"


def test_a_year_earlier_follows_the_quarter_named_before():
    values = TimeValues(load_time_words(), TUESDAY)
    quarter = {"q": "quarter", "ord": "third", "qrel": "", "year1": None, "year2": None}
    assert values.value(TimeMatch(0, 17, "quarter", quarter), "past") == "2017-Q3"
    earlier = {"num": "a", "unit": "year", "dir": "earlier"}
    assert values.value(TimeMatch(20, 34, "ago", earlier), "past") == "2016-Q3"
