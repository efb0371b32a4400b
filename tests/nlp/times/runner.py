"""Runs sitrep_times after the real parse, on an article with a given publication date."""

from __future__ import annotations

from sitrep.ingest.meta import make_article
from sitrep.nlp.doc import new_doc_state, records
from sitrep.nlp.times import TimeTagger, load_time_words


def time_runner(nlp):
    """A function of (text, published) to the TimeRefs sitrep_times keeps."""
    tagger = TimeTagger(load_time_words())

    def run(text: str, published: str | None):
        article = make_article(text, published=published)
        doc = nlp.make_doc(article.body)
        new_doc_state(doc, article)
        for name, component in nlp.pipeline:
            if name.startswith("sitrep_"):
                break
            doc = component(doc)
        return records(tagger(doc), "times")

    return run
