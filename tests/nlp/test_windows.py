"""Windows of a long article: where the body is cut, and one report merged from the windows'
reports, its offsets indexing article.text and what the windows share joined."""

from __future__ import annotations

import pytest
import spacy

from sitrep.analyzer import Analyzer
from sitrep.ingest.text import parse_text
from sitrep.model import (
    Actor,
    ArticleReport,
    Attribution,
    Claim,
    Event,
    Hedge,
    Place,
    Span,
    TimeRef,
)
from sitrep.nlp.doc import new_doc_state, opens_body, register_extensions
from sitrep.nlp.windows import article_windows, merge_reports, window_bounds
from sitrep.settings import Settings

from ..news import HEADER, news_text

#: Small windows, so that a few paragraphs make an article of several.
WINDOW = 1_200


def covers(text: str, bounds: list[tuple[int, int]], size: int) -> bool:
    """Whether ``bounds`` tile ``text`` in order, each window non-empty and within ``size``."""
    ends = [0] + [end for _, end in bounds]
    starts = [start for start, _ in bounds] + [len(text)]
    return ends == starts and all(0 < end - start <= size for start, end in bounds)


def test_a_text_that_fits_is_one_window():
    assert window_bounds("Rebels took the bridge.", 100) == [(0, 23)]
    assert window_bounds("", 100) == [(0, 0)]


def test_windows_end_after_a_paragraph_break():
    text = news_text(5_000, seed=1)
    bounds = window_bounds(text, 700)
    assert len(bounds) > 7 and covers(text, bounds, 700)
    assert all(text[end - 1] == "\n" for _, end in bounds[:-1])


def test_without_paragraphs_windows_end_after_a_sentence_then_after_a_space():
    sentences = "Shells hit the market at dawn. Residents fled toward the river. " * 40
    bounds = window_bounds(sentences, 300)
    assert covers(sentences, bounds, 300)
    assert all(sentences[end - 2 : end] == ". " for _, end in bounds[:-1])

    words = "convoy " * 200
    bounds = window_bounds(words, 300)
    assert covers(words, bounds, 300)
    assert all(words[end - 1] == " " and words[end] != " " for _, end in bounds[:-1])


def test_only_a_run_without_whitespace_is_cut_where_the_window_ends():
    text = "word " * 10 + "x" * 1_000
    bounds = window_bounds(text, 300)
    assert covers(text, bounds, 300)
    assert [end - start for start, end in bounds[1:-1]] == [300, 300]


def test_article_windows_index_the_article_text_and_cover_the_body():
    article = parse_text(HEADER + news_text(4_000, seed=2))
    windows = article_windows(article, WINDOW)
    assert len(windows) > 3
    assert windows[0][0] == article.body_start and windows[-1][1] == article.end
    assert "".join(article.text[start:end] for start, end in windows) == article.body


def test_only_the_first_window_opens_the_body():
    register_extensions()
    nlp = spacy.blank("en")
    article = parse_text(HEADER + news_text(3_000, seed=2))
    docs = []
    for start, end in article_windows(article, WINDOW)[:2]:
        doc = nlp.make_doc(article.text[start:end])
        new_doc_state(doc, article, (start, end))
        docs.append(doc)
    assert [opens_body(doc) for doc in docs] == [True, False]
    assert docs[1]._.offset == article_windows(article, WINDOW)[1][0]


# -- merging ---------------------------------------------------------------------------------


def _window_report(article, start: int) -> ArticleReport:
    """A window's report as the pipeline numbers it (t1, e1, a1, c1), its spans at ``start``:
    a2 is reported within a1, and claim c1 rests on a2."""

    def span(at: int, length: int = 4) -> Span:
        return Span(start + at, start + at + length, article.text[start + at : start + at + length])

    outer = Attribution("icrc", "Red Cross", span(60), "asserts", span(30, 30), id="a1")
    inner = Attribution("icrc", "Red Cross", span(50), "asserts", span(30), id="a2", within="a1")
    return ArticleReport(
        article=article,
        attributions=(outer, inner),
        hedges=(Hedge("reported", span(70)),),
        actors=(Actor("icrc", "Red Cross", "organization", None, (span(0),), title=None),),
        places=(Place("geo:1", "Gao", 16.3, -0.04, "ML", "city", 1, (span(10),)),),
        times=(TimeRef("t1", "2025-09-15", span(20)),),
        events=(
            Event("e1", "ASSAULT", span(30), span(30), time="t1", claim="c1", place="geo:1"),
            Event("e2", "AID", span(40), span(40), actor="icrc"),
        ),
        claims=(
            Claim(
                "c1",
                "gunmen attacked",
                (inner,),
                (),
                (),
                "asserted",
                event="e1",
            ),
        ),
    )


def test_merging_joins_shared_actors_and_places_and_numbers_the_rest_anew():
    article = parse_text(HEADER + news_text(2_000, seed=4))
    starts = (article.body_start, article.body_start + 600)
    merged = merge_reports(article, [_window_report(article, start) for start in starts])

    [actor] = merged.actors
    assert [m.start for m in actor.mentions] == list(starts)
    [place] = merged.places
    assert [m.start for m in place.mentions] == [start + 10 for start in starts]
    assert [t.id for t in merged.times] == ["t1", "t2"]
    assert [(e.id, e.time, e.claim) for e in merged.events] == [
        ("e1", "t1", "c1"),
        ("e2", None, None),
        ("e3", "t2", "c2"),
        ("e4", None, None),
    ]
    assert [(c.id, c.event) for c in merged.claims] == [("c1", "e1"), ("c2", "e3")]
    assert merged.events[2].trigger.start == starts[1] + 30
    assert [(a.id, a.within) for a in merged.attributions] == [
        ("a1", None),
        ("a2", "a1"),
        ("a3", None),
        ("a4", "a3"),
    ]
    assert [[a.id for a in c.attributions] for c in merged.claims] == [["a2"], ["a4"]]
    assert [h.span.start for h in merged.hedges] == [start + 70 for start in starts]


def test_a_person_keeps_the_first_title_a_window_gives():
    article = parse_text(HEADER + news_text(1_000, seed=5))
    start = article.body_start
    mention = Span(start, start + 3, article.text[start : start + 3])
    untitled = Actor("person_ibrahim_sow", "Ibrahim Sow", "person", None, (mention,))
    titled = Actor("person_ibrahim_sow", "Ibrahim Sow", "person", None, (mention,), "Colonel")
    reports = [ArticleReport(article, actors=(actor,)) for actor in (untitled, titled, untitled)]
    [actor] = merge_reports(article, reports).actors
    assert actor.title == "Colonel" and len(actor.mentions) == 3


# -- the pipeline over windows ---------------------------------------------------------------


def spans(data):
    """Every span ({start, end, text}) in a report's JSON form."""
    if isinstance(data, dict):
        if set(data) == {"start", "end", "text"}:
            yield data
        for value in data.values():
            yield from spans(value)
    elif isinstance(data, list):
        for value in data:
            yield from spans(value)


@pytest.fixture(scope="module")
def long_article():
    return parse_text(HEADER + news_text(4_000, seed=3), path="long.txt")


@pytest.fixture(scope="module")
def windowed(nlp, long_article):
    return Analyzer(Settings(), nlp=nlp, window=WINDOW).analyze(long_article)


def test_every_offset_of_a_windowed_report_indexes_the_article_text(long_article, windowed):
    assert len(article_windows(long_article, WINDOW)) >= 3
    found = list(spans(windowed.to_dict()))
    assert len(found) > 100
    for span in found:
        assert long_article.text[span["start"] : span["end"]] == span["text"], span
    # Mentions from later windows lie where those windows are, not at their own doc's start.
    assert max(span["start"] for span in found) > long_article.end - WINDOW


def test_a_windowed_report_has_one_record_per_id_and_its_references_resolve(windowed):
    for records in (windowed.actors, windowed.places, windowed.times, windowed.events):
        ids = [record.id for record in records]
        assert len(ids) == len(set(ids))
    times = {t.id for t in windowed.times}
    claims = {c.id for c in windowed.claims}
    events = {e.id for e in windowed.events}
    assert all(e.time in times for e in windowed.events if e.time)
    assert all(e.claim in claims for e in windowed.events if e.claim)
    assert all(c.event in events for c in windowed.claims if c.event)
    assert any(e.claim for e in windowed.events) and any(e.time for e in windowed.events)


def test_an_actor_or_place_named_in_several_windows_is_one_entry(long_article, windowed):
    windows = article_windows(long_article, WINDOW)

    def windows_of(record) -> set[int]:
        return {
            n
            for m in record.mentions
            for n, (start, end) in enumerate(windows)
            if start <= m.start < end
        }

    sow = next(a for a in windowed.actors if a.id == "person_ibrahim_sow")
    gao = next(p for p in windowed.places if p.name == "Gao")
    assert len(windows_of(sow)) >= 3 and len(windows_of(gao)) >= 3
    starts = [m.start for m in gao.mentions]
    assert starts == sorted(starts)


def test_many_articles_long_and_short_come_back_in_order_as_one_by_one(nlp, long_article):
    analyzer = Analyzer(Settings(), nlp=nlp, window=WINDOW)
    short = [parse_text(HEADER + news_text(600, seed=seed)) for seed in (6, 7)]
    items = [short[0], long_article, short[1]]
    assert list(analyzer.analyze_many(items)) == [analyzer.analyze(item) for item in items]
