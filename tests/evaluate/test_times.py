"""The TimeML scorer on a tiny hand-made TimeML file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from sitrep.errors import SitrepError
from sitrep.evaluate.times import evaluate_times, read_corpus, read_timeml, score
from sitrep.model import Article, ArticleReport, Span, TimeRef

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>example</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2017-10-03" functionInDocument="CREATION_TIME">20171003</TIMEX3></DCT>
<TEXT>
The ministry <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2017-10-03">today</TIMEX3> that the siege, which lasted <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>, ended <TIMEX3 tid="t3" type="DATE" value="2017-09">late last month</TIMEX3> &amp; more.
</TEXT>
</TimeML>
"""


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.tml").write_text(TIMEML, encoding="utf-8")
    return tmp_path


def test_reads_text_offsets_and_the_creation_time(corpus):
    document = read_timeml(corpus / "a.tml")
    assert document.published == "2017-10-03"
    assert [(document.text[t.start : t.end], t.value) for t in document.timexes] == [
        ("today", "2017-10-03"),
        ("three years", "P3Y"),
        ("late last month", "2017-09"),
    ]
    assert document.text.rstrip().endswith("& more.")


def test_scores_spans_and_values(corpus):
    documents = read_corpus(corpus)
    text = documents[0].text
    today, years, month = text.index("today"), text.index("three years"), text.index("last month")
    predicted = [
        [
            (today, today + 5, "2017-10-03"),  # exact, right value
            (years, years + 11, "P3Y"),  # exact, right value
            (month, month + 10, "2017-10"),  # overlaps "late last month", wrong value
            (0, 4, "PRESENT_REF"),  # not an expression
        ]
    ]
    scores = score(documents, predicted)
    assert (scores.gold, scores.predicted) == (3, 4)
    assert scores.precision == 0.75 and scores.recall == 1.0
    assert scores.exact_precision == 0.5 and scores.exact_recall == pytest.approx(2 / 3, abs=1e-4)
    assert scores.value_accuracy == pytest.approx(2 / 3, abs=1e-4)


def test_evaluate_times_passes_the_creation_time_as_publication_date(corpus):
    seen: list[str | None] = []

    def analyze_many(articles: Iterable[Article]) -> Iterator[ArticleReport]:
        for article in articles:
            seen.append(article.published)
            start = article.text.index("today")
            yield ArticleReport(
                article=article,
                times=(TimeRef("t1", "2017-10-03", Span(start, start + 5, "today")),),
            )

    scores = evaluate_times(corpus, analyze_many)
    assert seen == ["2017-10-03"]
    assert (scores.documents, scores.predicted, scores.value_accuracy) == (1, 1, 1.0)
    assert scores.recall == pytest.approx(1 / 3, abs=1e-4)


def test_a_folder_without_timeml_is_a_catalogue_error(tmp_path):
    with pytest.raises(SitrepError) as caught:
        read_corpus(tmp_path)
    assert caught.value.code == "E040"
