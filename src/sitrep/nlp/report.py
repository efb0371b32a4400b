"""The ArticleReport of a finished Doc: the one place records leave the pipeline."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.model import ArticleReport
from sitrep.nlp.doc import article_of, records


def report_of(doc: Doc) -> ArticleReport:
    """The report of a doc that went through sitrep's pipeline (built with an article)."""
    article = article_of(doc)
    if article is None:
        # A programming error, not bad input: the analyzer always builds docs from an article.
        raise ValueError("the doc was not made by Analyzer: it carries no article to report on")
    return ArticleReport(
        article=article,
        actors=tuple(records(doc, "actors")),
        places=tuple(records(doc, "places")),
        times=tuple(records(doc, "times")),
        events=tuple(records(doc, "events")),
        claims=tuple(records(doc, "claims")),
        attributions=tuple(records(doc, "attributions")),
        hedges=tuple(records(doc, "hedges")),
        unplaced=tuple(records(doc, "unplaced")),
    )
