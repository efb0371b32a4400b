"""The one analysis step: (article, resources) -> ArticleReport, the same in the CLI, the API,
worker processes and Spark executors."""

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
from sitrep.settings import Settings

_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS_FOR_LANGUAGE = 25
_MIN_FUNCTION_SHARE = 0.10


class Analyzer:
    """Analyzes articles with one spaCy pipeline, loaded on first use and then reused."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = shared_nlp(self.settings.model)
        return self._nlp

    def analyze(self, article: Article) -> ArticleReport:
        """The report for one article; raises SitrepError when it cannot be analyzed."""
        check_article(article, self.settings.max_bytes)
        return _report(self.nlp(self._doc(article)))

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
        docs: list[Doc] = []
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
            docs.append(self._doc(item))
            outcome.append(None)
        analyzed = iter(self.nlp.pipe(docs, batch_size=self.settings.batch_size))
        for item in outcome:
            yield item if item is not None else _report(next(analyzed))

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.body)
        new_doc_state(doc, article)
        return doc


def analyze(text: str, **meta: str | None) -> ArticleReport:
    """Analyzes one article given as text (header lines allowed). ``meta``: title, outlet,
    url, published (ISO date: the anchor for relative times)."""
    return Analyzer().analyze(parse_text(text, **meta))


def check_article(article: Article, max_bytes: int) -> None:
    """Rejects what analysis cannot serve: empty, oversize or non-English articles."""
    what = article.path or article.id
    body = article.body
    if not body.strip():
        raise SitrepError(E.EMPTY_INPUT, what=what, article_id=article.id)
    size = len(article.text.encode("utf-8"))
    if size > max_bytes:
        raise SitrepError(E.TOO_LARGE, what=what, size=size, limit=max_bytes, article_id=article.id)
    words = _WORD.findall(body[:20000].lower())
    if len(words) >= _MIN_WORDS_FOR_LANGUAGE:
        function_words = _function_words()
        share = sum(1 for w in words if w in function_words) / len(words)
        if share < _MIN_FUNCTION_SHARE:
            raise SitrepError(E.NOT_ENGLISH, what=what, share=share, article_id=article.id)


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


def _report(doc: Doc) -> ArticleReport:
    return ArticleReport(
        article=doc._.article,
        actors=tuple(doc._.actors or ()),
        places=tuple(doc._.places or ()),
        times=tuple(doc._.times or ()),
        events=tuple(doc._.events or ()),
        claims=tuple(doc._.claims or ()),
    )
