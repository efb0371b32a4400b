"""Runs sitrep_places over a given gazetteer after the real parse and actors component."""

from __future__ import annotations

from sitrep.ingest.meta import make_article
from sitrep.nlp.doc import new_doc_state, records
from sitrep.nlp.places import PlaceRecognizer, load_cues


def place_runner(nlp, gazetteer, kept="places"):
    """Runs the real parse and the actors component, then sitrep_places over ``gazetteer``;
    returns the records it kept under ``kept`` ("places" or "unplaced")."""
    recognizer = PlaceRecognizer(gazetteer, load_cues())

    def run(text: str):
        article = make_article(text)
        doc = nlp.make_doc(article.body)
        new_doc_state(doc, article)
        for name, component in nlp.pipeline:
            doc = component(doc)
            if name == "sitrep_actors":
                break
        return records(recognizer(doc), kept)

    return run


def by_name(places) -> dict:
    return {p.name: p for p in places}
