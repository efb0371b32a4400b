"""Time expression patterns on plain text: each match names its rule, the longest wins."""

from __future__ import annotations

from sitrep.nlp.times import load_time_words
from sitrep.nlp.times.patterns import TimePatterns


def test_each_match_names_its_rule_and_the_longest_wins():
    text = "On Tuesday, October 3, 2017, two weeks ago, talks opened for the third quarter."
    found = [(text[m.start : m.end], m.rule) for m in TimePatterns(load_time_words()).matches(text)]
    assert found == [
        ("Tuesday, October 3, 2017", "mdy"),
        ("two weeks ago", "ago"),
        ("the third quarter", "quarter"),
    ]


def test_may_is_a_month_only_after_a_word_that_introduces_one():
    patterns = TimePatterns(load_time_words())
    assert patterns.matches("Officials may resign.") == []
    assert [m.rule for m in patterns.matches("The vote was held in May.")] == ["month"]
