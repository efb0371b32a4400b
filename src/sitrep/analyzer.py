"""The one analysis step: (article, resources) -> ArticleReport, the same in the CLI, the API,
worker processes and Spark executors.

An :class:`Analyzer` analyzes in the calling thread and applies no time budget: the only stop
that cannot leave the shared pipeline half-changed is killing the process that analyzes, so
``Settings.time_budget`` is enforced by :class:`sitrep.workers.WorkerPool`, which analyzes in
worker processes (the CLI, ingest and the API use it whenever a budget is set).

A body longer than a window (``sitrep.nlp.windows``) is analyzed as one Doc per window, one
after another, and the windows' reports merged: the memory an article takes is one window's
whatever its size, and its time grows in step with its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.errors import E, SitrepError
from sitrep.ingest.text import parse_text
from sitrep.model import Article, ArticleReport, Failure
from sitrep.nlp.doc import new_doc_state
from sitrep.nlp.pipeline import shared_nlp
from sitrep.nlp.report import report_of
from sitrep.nlp.windows import WINDOW_CHARS, article_windows, merge_reports
from sitrep.settings import Settings

_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS_FOR_LANGUAGE = 25
_MIN_FUNCTION_SHARE = 0.10
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Whitespace-free runs longer than this are tokenized in pieces of _RUN_PIECE characters:
#: long enough for URLs of ordinary length, short enough that a piece costs milliseconds.
_LONG_RUN = re.compile(r"\S{129,}")
_RUN_PIECE = 64


class Analyzer:
    """Analyzes articles in this process, with one spaCy pipeline loaded on first use and then
    reused, and no time budget (:class:`sitrep.workers.WorkerPool` applies one)."""

    def __init__(
        self,
        settings: Settings | None = None,
        nlp: Language | None = None,
        window: int = WINDOW_CHARS,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self._nlp = nlp
        #: Characters per window: a longer body is analyzed window after window.
        self.window = window

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = shared_nlp(self.settings.model)
        return self._nlp

    def __enter__(self) -> Analyzer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Nothing to release: a context manager so that code can hold an Analyzer or a
        WorkerPool alike."""

    def analyze(self, article: Article) -> ArticleReport:
        """The report for one article; raises SitrepError when it cannot be analyzed. Runs to
        the end however long it takes: ``settings.time_budget`` is not applied here (use a
        :class:`sitrep.workers.WorkerPool` for untrusted input)."""
        check_article(article, self.settings.max_bytes)
        windows = article_windows(article, self.window)
        if len(windows) > 1:
            return self._analyze_windows(article, windows)
        return report_of(self.nlp(self.make_doc(article, windows[0])))

    def analyze_many(
        self, articles: Iterable[Article | Failure]
    ) -> Iterator[ArticleReport | Failure]:
        """Reports in input order; an article that cannot be analyzed becomes a Failure, and
        Failures passed in (from ingest) pass through, so a batch always goes on."""
        pending: list[Article | Failure] = []
        for item in articles:
            pending.append(item)
            if len(pending) >= self.settings.batch_size:
                yield from self._batch(pending)
                pending = []
        yield from self._batch(pending)

    def _batch(self, items: list[Article | Failure]) -> Iterator[ArticleReport | Failure]:
        articles: list[Article] = []
        outcome: list[Failure | None] = []
        for item in items:
            if isinstance(item, Failure):
                outcome.append(item)
                continue
            try:
                check_article(item, self.settings.max_bytes)
            except SitrepError as exc:
                outcome.append(exc.to_failure(item.path))
                continue
            articles.append(item)
            outcome.append(None)
        analyzed = iter(self._analyze_all(articles))
        for item in outcome:
            yield item if item is not None else next(analyzed)

    def _analyze_all(self, articles: list[Article]) -> list[ArticleReport]:
        """Reports of checked articles: those that fit in one window in one spaCy batch, each
        longer one window after window, so that it holds one window's memory at a time."""
        windows = [article_windows(article, self.window) for article in articles]
        docs = [
            self.make_doc(article, bounds[0])
            for article, bounds in zip(articles, windows, strict=True)
            if len(bounds) == 1
        ]
        whole = iter(
            [report_of(doc) for doc in self.nlp.pipe(docs, batch_size=self.settings.batch_size)]
        )
        return [
            next(whole) if len(bounds) == 1 else self._analyze_windows(article, bounds)
            for article, bounds in zip(articles, windows, strict=True)
        ]

    def _analyze_windows(self, article: Article, windows: list[tuple[int, int]]) -> ArticleReport:
        return merge_reports(
            article, [report_of(self.nlp(self.make_doc(article, window))) for window in windows]
        )

    def make_doc(self, article: Article, window: tuple[int, int] | None = None) -> Doc:
        """The unanalyzed Doc of ``article.text[start:end]`` for ``window = (start, end)``
        (by default the whole body), ready for the pipeline."""
        window = window or (article.body_start, article.end)
        doc = _tokenize(self.nlp, article.text[window[0] : window[1]])
        new_doc_state(doc, article, window)
        return doc


def analyze(text: str, **meta: str | None) -> ArticleReport:
    """Analyzes one article given as text (header lines allowed), in this process and with
    no time budget. ``meta``: title, outlet, url, published (ISO date: the anchor for
    relative times)."""
    return Analyzer().analyze(parse_text(text, **meta))


def check_article(article: Article, max_bytes: int) -> None:
    """Rejects what analysis cannot serve: empty, oversize, unencodable or non-English
    articles."""
    what = article.path or article.id
    body = article.body
    if not body.strip():
        raise SitrepError(E.EMPTY_INPUT, what=what, article_id=article.id)
    # A lone surrogate (from a JSON "\\ud800" escape) has no UTF-8 form: no store could keep it.
    surrogate = _SURROGATE.search(article.text)
    if surrogate:
        raise SitrepError(
            E.BAD_ENCODING, what=what, offset=surrogate.start(), article_id=article.id
        )
    size = len(article.text.encode("utf-8"))
    if size > max_bytes:
        raise SitrepError(E.TOO_LARGE, what=what, size=size, limit=max_bytes, article_id=article.id)
    words = _WORD.findall(body[:20000].lower())
    if len(words) >= _MIN_WORDS_FOR_LANGUAGE:
        function_words = _function_words()
        share = sum(1 for w in words if w in function_words) / len(words)
        if share < _MIN_FUNCTION_SHARE:
            raise SitrepError(E.NOT_ENGLISH, what=what, share=share, article_id=article.id)


def _tokenize(nlp: Language, text: str) -> Doc:
    """The unanalyzed Doc of ``text`` (``doc.text == text``). Any size: ``max_bytes`` is the
    limit, not spaCy's ``max_length``. spaCy's tokenizer takes time quadratic in the length of
    a whitespace-free run of affix characters (10,000 apostrophes or emoji: minutes), so a run
    longer than any real token becomes tokens of _RUN_PIECE characters, all but its tail: that
    goes through the tokenizer, so a long URL's closing ")." is still split off."""
    if not _LONG_RUN.search(text):
        return nlp.tokenizer(text)
    docs: list[Doc] = []
    pos = 0
    for match in _LONG_RUN.finditer(text):
        if pos < match.start():
            docs.append(nlp.tokenizer(text[pos : match.start()]))
        tail = match.end() - _RUN_PIECE
        words = [
            text[i : min(i + _RUN_PIECE, tail)] for i in range(match.start(), tail, _RUN_PIECE)
        ]
        docs.append(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
        pos = tail
    docs.append(nlp.tokenizer(text[pos:]))
    return Doc.from_docs(docs, ensure_whitespace=False)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    text = (
        resources.files("sitrep.resources")
        .joinpath("english_function_words.txt")
        .read_text("utf-8")
    )
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
