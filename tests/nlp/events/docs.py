"""Docs built by hand, without the parser, for the tests of the event rule families."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sitrep.model import Place, Span
from sitrep.nlp.actors import ActorMention, keep_actor_mentions
from sitrep.nlp.doc import keep_records, new_doc_state, register_extensions
from sitrep.nlp.events import load_lexicon
from sitrep.nlp.events.context import Context

_PUNCT = {".", ","}
# English lexical attributes (lower case, shape), which the rules read; no pipeline.
_VOCAB = spacy.blank("en").vocab


def hand_doc(
    rows: list[tuple[str, int, str, str, str, str]],
    actors: dict[str, str] | None = None,
    places: tuple[str, ...] = (),
) -> Doc:
    """A doc from ``(word, head, dep, tag, pos, lemma)`` rows (head: the head's index), a
    sentence after each ".". ``actors`` maps a word to the actor every occurrence of it
    names; ``places`` are words that are places (city mentions, id ``p_<word>``)."""
    register_extensions()
    words = [row[0] for row in rows]
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=[i + 1 < len(words) and words[i + 1] not in _PUNCT for i in range(len(words))],
        heads=[row[1] for row in rows],
        deps=[row[2] for row in rows],
        tags=[row[3] for row in rows],
        pos=[row[4] for row in rows],
        lemmas=[row[5] for row in rows],
        sent_starts=[i == 0 or words[i - 1] == "." for i in range(len(words))],
    )
    new_doc_state(doc, None)
    mentions = [
        ActorMention(t.idx, t.idx + len(t), actor, "gazetteer")
        for t in doc
        for word, actor in (actors or {}).items()
        if t.text == word
    ]
    keep_actor_mentions(doc, mentions)
    keep_records(doc, "actors", [])
    keep_records(doc, "times", [])
    keep_records(
        doc,
        "places",
        [
            Place(
                f"p_{t.lower_}",
                t.text,
                0.0,
                0.0,
                "CD",
                "city",
                None,
                (Span(t.idx, t.idx + len(t), t.text),),
            )
            for t in doc
            if t.text in places
        ],
    )
    return doc


def context_of(doc: Doc) -> Context:
    """The rule families' view of a hand-built doc, with the packaged lexicon."""
    return Context(doc, load_lexicon())
