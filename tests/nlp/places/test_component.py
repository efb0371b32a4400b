"""The sitrep_places component on a hand-built doc: its records are plain data that a DocBin
carries."""

from __future__ import annotations

from spacy.tokens import DocBin

from sitrep.nlp.doc import records
from sitrep.nlp.places import PlaceRecognizer, load_cues

from .world import HOMS


def test_places_survive_a_docbin_round_trip(gazetteer, hand_doc):
    doc = hand_doc(["Shelling", "hit", "the", "city", "of", "Homs", "."])
    doc = PlaceRecognizer(gazetteer, load_cues())(doc)
    assert [(p.id, p.mentions[0].text) for p in records(doc, "places")] == [(HOMS.id, "Homs")]
    docs = DocBin(store_user_data=True, docs=[doc])
    (copy,) = DocBin().from_bytes(docs.to_bytes()).get_docs(doc.vocab)
    # msgpack gives lists back as tuples: the records read back the same.
    assert records(copy, "places") == records(doc, "places")
