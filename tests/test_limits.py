"""Limits on one article: the time budget stops an article that analyzes too long by killing
its worker process, records it as E012 and lets the batch go on in a fresh worker; an
in-process Analyzer applies no budget; size and encoding limits."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest

from sitrep.analyzer import Analyzer
from sitrep.errors import SitrepError
from sitrep.ingest.text import parse_text
from sitrep.model import Article, ArticleReport, Failure
from sitrep.settings import Settings
from sitrep.workers import WorkerPool, make_analyzer

from .stalling import EXIT, PAUSE_SECONDS, STALL, pausing_nlp, stalling_nlp

BUDGET = 1.0
FAST = "Rebels said on Monday that they had taken the bridge near the river crossing."
SLOW = f"The army said it held the bridge. {STALL}"
# An article of several windows stalls in its last: the budget is the whole article's.
LONG_SLOW = "The army said it held the bridge.\n" * 2_000 + STALL


def article(text: str, path: str) -> Article:
    return parse_text(text, path=path)


def alone(item: Article, load_nlp=stalling_nlp) -> ArticleReport:
    """The report of ``item`` analyzed by itself, in this process."""
    return Analyzer(Settings(), nlp=load_nlp("")).analyze(item)


@pytest.mark.parametrize("slow_text", [SLOW, LONG_SLOW], ids=["one window", "windows"])
def test_an_article_over_the_budget_is_stopped_as_e012_and_the_next_is_analyzed(slow_text):
    threads = set(threading.enumerate())
    # Processes other tests left (a Spark executor keeps its pool for its life) are not ours.
    children = set(multiprocessing.active_children())
    first, after = article(FAST, "a.txt"), article(FAST, "b.txt")
    slow = article(slow_text, "slow.txt")
    with WorkerPool(Settings(time_budget=BUDGET), load_nlp=stalling_nlp) as pool:
        # The worker is up after this: its start-up is no part of any article's budget.
        assert list(pool.analyze_many([first])) == [alone(first)]
        results = pool.analyze_many([slow, after])
        started = time.monotonic()
        failure = next(results)
        stopped_after = time.monotonic() - started
        assert list(results) == [alone(after)]
    assert isinstance(failure, Failure) and failure.code == "E012"
    assert stopped_after <= BUDGET + 1, stopped_after
    assert failure.path == "slow.txt" and failure.article_id == slow.id
    assert "1.0 s" in failure.message and "SITREP_TIME_BUDGET" in failure.message
    assert set(threading.enumerate()) == threads
    assert set(multiprocessing.active_children()) <= children


def test_budgets_about_as_long_as_the_work_keep_each_result_with_its_article():
    # The budget often runs out just as a report comes back: whichever wins, a result must
    # belong to its own article, never to the one before or after.
    items = [article(f"{FAST} Copy {i}.", f"{i}.txt") for i in range(4)]
    with WorkerPool(Settings(time_budget=PAUSE_SECONDS), load_nlp=pausing_nlp) as pool:
        results = list(pool.analyze_many(items))
    assert len(results) == len(items)
    for item, result in zip(items, results, strict=True):
        if isinstance(result, Failure):
            assert (result.code, result.article_id) == ("E012", item.id)
        else:
            assert result == alone(item, pausing_nlp)


def test_a_worker_that_dies_is_e099_for_its_article_and_replaced():
    items = [article(f"The shelling went on. {EXIT}", "exit.txt"), article(FAST, "a.txt")]
    with WorkerPool(Settings(time_budget=30), load_nlp=stalling_nlp) as pool:
        failure, report = pool.analyze_many(items)
    assert (failure.code, failure.article_id) == ("E099", items[0].id)
    assert "exited with code 3" in failure.message
    assert report == alone(items[1])


def test_a_run_left_unfinished_does_not_leak_into_the_next():
    first, slow, after = article(FAST, "a.txt"), article(SLOW, "slow.txt"), article(FAST, "b.txt")
    with WorkerPool(Settings(time_budget=BUDGET), load_nlp=stalling_nlp) as pool:
        results = pool.analyze_many([first, slow])
        assert next(results) == alone(first)
        results.close()  # the slow article is still in the worker
        assert list(pool.analyze_many([after])) == [alone(after)]


def test_failures_passed_in_pass_through_a_pool_in_order():
    read_failure = Failure("E002", "binary", path="bad.bin")
    blank = Article(id="blank", text="   ", path="blank.txt")
    items = [article(FAST, "a.txt"), read_failure, blank]
    with WorkerPool(Settings(time_budget=0), workers=2, load_nlp=stalling_nlp) as pool:
        results = list(pool.analyze_many(items))
    assert results[0] == alone(items[0])
    assert results[1] is read_failure
    assert (results[2].code, results[2].path) == ("E001", "blank.txt")


def test_an_in_process_analyzer_applies_no_budget():
    # Documented: only worker processes can be stopped safely, so Analyzer runs to the end.
    analyzer = Analyzer(Settings(time_budget=PAUSE_SECONDS / 10), nlp=pausing_nlp(""))
    assert analyzer.analyze(article(FAST, "a.txt")).article.text == FAST


@pytest.mark.parametrize(
    ("budget", "workers", "kind"),
    [(0, 1, Analyzer), (30, 1, WorkerPool), (0, 2, WorkerPool), (0.5, 3, WorkerPool)],
)
def test_worker_processes_analyze_whenever_a_budget_is_set_or_several_are_asked(
    budget, workers, kind
):
    with make_analyzer(Settings(time_budget=budget), workers) as analyzer:
        assert type(analyzer) is kind
        assert getattr(analyzer, "size", 1) == workers


@pytest.mark.parametrize(("raw", "value"), [("0.5", 0.5), ("30", 30.0), ("0", 0.0)])
def test_the_budget_is_read_from_the_environment(raw, value):
    assert Settings.from_env({"SITREP_TIME_BUDGET": raw}).time_budget == value


@pytest.mark.parametrize("raw", ["-1", "soon", "inf", "nan", ""])
def test_a_bad_budget_is_e021(raw):
    with pytest.raises(SitrepError) as info:
        Settings.from_env({"SITREP_TIME_BUDGET": raw})
    assert info.value.code == "E021" and "SITREP_TIME_BUDGET" in info.value.message


def test_size_is_limited_by_max_bytes_not_by_spacys_max_length():
    # A pipeline that does not pause: the article is analyzed in some fifty windows.
    nlp = stalling_nlp("")
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
    analyzer = Analyzer(Settings(), nlp=pausing_nlp(""))
    [failure] = analyzer.analyze_many([bad])
    assert failure.code == "E004" and failure.article_id == "surrogate"
