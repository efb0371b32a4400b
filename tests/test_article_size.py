"""The cost of one article grows in step with its size: a body longer than a window is analyzed
one window-sized Doc at a time, and doubling an article about doubles the work. Work is
counted, never timed: the Docs and tokens the pipeline is given, and the Python calls made
(generator steps included), which no machine's speed or load changes."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language

from sitrep.analyzer import Analyzer
from sitrep.ingest.text import parse_text
from sitrep.nlp.doc import register_extensions
from sitrep.nlp.windows import WINDOW_CHARS, article_windows
from sitrep.settings import Settings

from .news import HEADER, news_text

#: Small windows, so that a few kilobytes make an article of several.
WINDOW = 2_000
#: Doubling an article may cost a little more than twice: a longer article has more of what
#: later mentions are compared with (events merge with the article's earlier ones). A step
#: whose cost grows with the square of the length gives 2.4 to 3 here.
DOUBLED_AT_MOST = 2.3


class DocSizes:
    """A component that records the length of every Doc it is given, in characters and
    tokens."""

    def __init__(self) -> None:
        self.chars: list[int] = []
        self.tokens: list[int] = []

    def __call__(self, doc):
        self.chars.append(len(doc.text))
        self.tokens.append(len(doc))
        return doc


@Language.factory("test_doc_sizes")
def make_doc_sizes(nlp: Language, name: str) -> DocSizes:
    return DocSizes()


def article(chars: int):
    return parse_text(HEADER + news_text(chars, seed=1), path=f"{chars}.txt")


def python_calls(work: Callable[[], object]) -> int:
    """How many Python functions ``work()`` calls, generator steps included."""
    count = 0

    def tally(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(tally)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def test_the_pipeline_is_given_one_window_at_a_time_and_each_token_once():
    register_extensions()
    nlp = spacy.blank("en")
    sizes = nlp.add_pipe("test_doc_sizes")
    analyzer = Analyzer(Settings(), nlp=nlp, window=WINDOW)
    seen = []
    for chars in (10_000, 20_000):
        item = article(chars)
        sizes.chars.clear()
        sizes.tokens.clear()
        analyzer.analyze(item)
        assert len(sizes.chars) == len(article_windows(item, WINDOW))
        assert max(sizes.chars) <= WINDOW and sum(sizes.chars) == len(item.body)
        assert sum(sizes.tokens) == len(nlp.make_doc(item.body))
        seen.append((len(sizes.chars), sum(sizes.tokens)))
    (windows, tokens), (windows2, tokens2) = seen
    assert windows2 <= 2 * windows + 1 and tokens2 <= 2.05 * tokens


@pytest.mark.parametrize(
    ("window", "chars", "whole"),
    [
        # Many windows: the windows' reports and their merging.
        (WINDOW, 8_000, False),
        # One window, as large as the default allows: the components themselves.
        (WINDOW_CHARS, 12_000, True),
    ],
)
def test_doubling_an_article_about_doubles_the_work(nlp, window, chars, whole):
    analyzer = Analyzer(Settings(), nlp=nlp, window=window)
    small, large = article(chars), article(2 * chars)
    assert (len(article_windows(large, window)) == 1) == whole
    analyzer.analyze(article(1_000))  # what is loaded on first use is no part of the work
    once = python_calls(lambda: analyzer.analyze(small))
    twice = python_calls(lambda: analyzer.analyze(large))
    assert twice <= DOUBLED_AT_MOST * once, twice / once
