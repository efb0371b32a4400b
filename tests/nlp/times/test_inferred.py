"""Undated articles: the date or year the text gives (dateline, caption, "in 2017") anchors
their relative times, each value read through it naming it as its basis; durations and
lengths are no dates; "soon after daybreak" is no future. Articles invented for the tests."""

from __future__ import annotations

import pytest

from .runner import time_runner


@pytest.fixture(scope="module")
def times(nlp):
    """The TimeRefs of an undated (by default) article."""
    run = time_runner(nlp)
    return lambda text, published=None: run(text, published)


def _values(found) -> dict[str, tuple[str, str | None]]:
    return {t.span.text: (t.value, t.basis.text if t.basis else None) for t in found}


@pytest.mark.slow
def test_a_dateline_date_anchors_an_undated_wire_story(times):
    found = _values(
        times(
            "MOSUL, Iraq, March 5, 2017 (Reuters) - Iraqi forces advanced on Saturday. The "
            "offensive began last month, and yesterday a bridge fell."
        )
    )
    assert found["March 5, 2017"] == ("2017-03-05", None)
    assert found["Saturday"] == ("2017-03-04", "March 5, 2017")
    assert found["last month"] == ("2017-02", "March 5, 2017")
    assert found["yesterday"] == ("2017-03-04", "March 5, 2017")


@pytest.mark.slow
def test_a_captions_date_anchors_the_rest(times):
    found = _values(
        times(
            "Smoke rises over the old market in a photo taken on June 12, 2016. Residents said "
            "the strike came on Tuesday, days after the ceasefire of May 29."
        )
    )
    assert found["Tuesday"] == ("2016-06-07", "June 12, 2016")
    assert found["May 29"] == ("2016-05-29", "June 12, 2016")


@pytest.mark.slow
def test_a_year_the_text_names_gives_months_and_days_their_year(times):
    found = _values(
        times(
            "In 2017 the group seized the town. On March 3 it lost it, and in October it took it "
            "back. The council plans to rebuild the bridge by 2025."
        )
    )
    assert found["March 3"] == ("2017-03-03", "2017")
    assert found["October"] == ("2017-10", "2017")
    assert found["2025"] == ("2025", None)


@pytest.mark.slow
def test_an_article_that_gives_no_date_keeps_unknown_years(times):
    found = _values(times("Fighting resumed on Tuesday near the border, and on March 3 it ended."))
    assert found["Tuesday"] == ("XXXX-WXX-2", None)
    assert found["March 3"] == ("XXXX-03-03", None)


@pytest.mark.slow
def test_a_dated_article_keeps_its_publication_date(times):
    found = _values(
        times("In 2015 the town fell. On Tuesday it was retaken.", published="2017-10-03")
    )
    assert found["Tuesday"] == ("2017-10-03", None)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The 42-second video shows a column of tanks entering the town.", set()),
        ("A two-minute clip posted online shows the strike.", set()),
        ("He spent three years in prison.", {"three years"}),
        ("Soldiers attacked the village soon after daybreak.", set()),
        ("The army said it would return soon.", {"soon"}),
    ],
)
def test_lengths_are_no_times_and_soon_after_is_no_future(times, text, kept):
    found = {t.span.text: t.value for t in times(text)}
    assert set(found) == kept
    assert all(value.startswith("P") or value == "FUTURE_REF" for value in found.values())
