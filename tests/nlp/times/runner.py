"""Runs sitrep_times after the real parse (and the paragraph breaks set before it), on an article with a given publication date."""

from __future__ import annotations

from sitrep.ingest.meta import make_article
from sitrep.nlp.doc import new_doc_state, records
from sitrep.nlp.pipeline import COMPONENTS
from sitrep.nlp.times import TimeTagger, load_time_words


def time_runner(nlp):
    """A function of (text, published) to the TimeRefs sitrep_times keeps."""
    tagger = TimeTagger(load_time_words())

    def run(text: str, published: str | None):
        article = make_article(text, published=published)
        doc = nlp.make_doc(article.body)
        new_doc_state(doc, article)
        # The parse with what comes before it (the paragraph breaks), up to sitrep's components.
        for name, component in nlp.pipeline:
            if name in COMPONENTS:
                break
            doc = component(doc)
        return records(tagger(doc), "times")

    return run
