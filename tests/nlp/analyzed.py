"""The doc of an invented text after a pipeline, built as the analyzer builds its docs."""

from sitrep.ingest.text import parse_text
from sitrep.nlp.doc import new_doc_state


def analyzed(nlp, text, **meta):
    """``text`` (header lines allowed) parsed into an article, its body through ``nlp``;
    ``meta``: title, outlet, url, published."""
    article = parse_text(text, **meta)
    doc = nlp.make_doc(article.body)
    new_doc_state(doc, article)
    return nlp(doc)
