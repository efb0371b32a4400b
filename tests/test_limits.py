"""Limits on one article: the time budget stops an article that analyzes too long, records it
as E012 and lets the batch go on; where no timer can be set, analysis still never crashes."""

from __future__ import annotations

import signal
import threading
import time

import pytest
import spacy
from spacy.language import Language

from sitrep.analyzer import Analyzer
from sitrep.errors import SitrepError
from sitrep.ingest.text import parse_text
from sitrep.model import Article, ArticleReport, Failure
from sitrep.nlp.doc import register_extensions
from sitrep.settings import Settings

STALL = "STALL"
#: Far longer than any budget below: only a hard stop ends the analysis in time.
STALL_SECONDS = 60.0


@Language.component("test_stalls_on_marker")
def stalls_on_marker(doc):
    """Test-only: spins on a doc holding the marker, as a component would on a pathological
    article."""
    if STALL in doc.text:
        end = time.monotonic() + STALL_SECONDS
        while time.monotonic() < end:
            time.sleep(0.01)
    return doc


@Language.component("test_pauses")
def pauses(doc):
    """Test-only: a short, bounded delay on every doc."""
    time.sleep(0.3)
    return doc


def slow_pipeline(component: str) -> Language:
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe(component)
    return nlp


def article(text: str, path: str):
    return parse_text(text, path=path)


FAST = "Rebels said on Monday that they had taken the bridge near the river crossing."
SLOW = f"The army said it held the bridge. {STALL}"


def test_an_article_over_the_budget_is_e012_and_the_batch_goes_on():
    analyzer = Analyzer(Settings(time_budget=0.5), nlp=slow_pipeline("test_stalls_on_marker"))
    items = [article(FAST, "a.txt"), article(SLOW, "slow.txt"), article(FAST + " Later.", "b.txt")]
    started = time.monotonic()
    results = list(analyzer.analyze_many(items))
    elapsed = time.monotonic() - started
    assert [type(r) for r in results] == [ArticleReport, Failure, ArticleReport]
    failure = results[1]
    assert failure.code == "E012" and failure.path == "slow.txt"
    assert failure.article_id == items[1].id and "0.5 s" in failure.message
    assert [r.article.id for r in (results[0], results[2])] == [items[0].id, items[2].id]
    # The batch overran once, then each article alone: two budgets, not a minute of sleep.
    assert elapsed < 10, elapsed


def test_analyze_raises_e012_for_one_article_over_the_budget():
    analyzer = Analyzer(Settings(time_budget=0.3), nlp=slow_pipeline("test_stalls_on_marker"))
    with pytest.raises(SitrepError) as info:
        analyzer.analyze(article(SLOW, "slow.txt"))
    assert info.value.code == "E012" and "SITREP_TIME_BUDGET" in info.value.message
    assert analyzer.analyze(article(FAST, "a.txt")).article.text == FAST


def test_a_signal_timer_set_by_someone_else_is_left_alone():
    analyzer = Analyzer(Settings(time_budget=5), nlp=slow_pipeline("test_pauses"))

    def outer(signum, frame):
        raise AssertionError("the outer timer must not fire during this test")

    before = signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        analyzer.analyze(article(FAST, "a.txt"))
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert signal.getsignal(signal.SIGALRM) is outer
        assert 95 < left < 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_the_budget_stops_an_article_in_a_worker_thread_too():
    # The API analyzes uploads in worker threads, where no signal reaches.
    analyzer = Analyzer(Settings(time_budget=0.3), nlp=slow_pipeline("test_stalls_on_marker"))
    results: list[object] = []
    worker = threading.Thread(
        target=lambda: results.extend(
            analyzer.analyze_many([article(SLOW, "slow.txt"), article(FAST, "a.txt")])
        )
    )
    started = time.monotonic()
    worker.start()
    worker.join(timeout=30)
    assert time.monotonic() - started < 10
    assert [getattr(r, "code", None) for r in results] == ["E012", None]
    assert results[1].article.text == FAST


def test_a_budget_that_expires_as_the_block_ends_leaves_no_stray_exception():
    # Budgets about as long as the work: the timer often fires just as analysis returns,
    # and the withdrawn exception must never surface in the code that runs afterwards.
    analyzer = Analyzer(Settings(time_budget=0.3), nlp=slow_pipeline("test_pauses"))
    for _ in range(8):
        try:
            analyzer.analyze(article(FAST, "a.txt"))
        except SitrepError as exc:
            assert exc.code == "E012"
        spin = time.monotonic() + 0.05
        while time.monotonic() < spin:
            pass


def test_no_budget_lets_a_slow_article_finish():
    analyzer = Analyzer(Settings(time_budget=0), nlp=slow_pipeline("test_pauses"))
    assert isinstance(analyzer.analyze(article(FAST, "a.txt")), ArticleReport)


@pytest.mark.parametrize(("raw", "value"), [("0.5", 0.5), ("30", 30.0), ("0", 0.0)])
def test_the_budget_is_read_from_the_environment(raw, value):
    assert Settings.from_env({"SITREP_TIME_BUDGET": raw}).time_budget == value


@pytest.mark.parametrize("raw", ["-1", "soon", "inf", "nan", ""])
def test_a_bad_budget_is_e021(raw):
    with pytest.raises(SitrepError) as info:
        Settings.from_env({"SITREP_TIME_BUDGET": raw})
    assert info.value.code == "E021" and "SITREP_TIME_BUDGET" in info.value.message


def test_size_is_limited_by_max_bytes_not_by_spacys_max_length():
    nlp = slow_pipeline("test_pauses")
    text = "Officials said the road was open. " * 40_000  # 1.36 million characters
    assert len(text) > nlp.max_length
    report = Analyzer(Settings(), nlp=nlp).analyze(article(text, "long.txt"))
    assert report.article.text == text
    with pytest.raises(SitrepError) as info:
        Analyzer(Settings(max_bytes=1_000_000), nlp=nlp).analyze(article(text, "long.txt"))
    assert info.value.code == "E003"


def test_a_lone_surrogate_is_e004_not_a_crash():
    # JSON's "\ud800" escape decodes to a str no UTF-8 store can hold.
    text = "Officials said the road was open \ud800 on Monday."
    bad = Article(id="surrogate", text=text, path="bad.jsonl")
    analyzer = Analyzer(Settings(), nlp=slow_pipeline("test_pauses"))
    [failure] = analyzer.analyze_many([bad])
    assert failure.code == "E004" and failure.article_id == "surrogate"
