"""Builds the spaCy pipeline: the packaged English model plus sitrep's components.

This is the one place the pipeline is assembled; components never construct each other.
A user can add any sitrep component to their own pipeline by importing its module (or via
the ``spacy_factories`` entry points) and calling ``nlp.add_pipe("sitrep_actors")``.
"""

from __future__ import annotations

import gc
from functools import lru_cache

import spacy
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from sitrep.nlp import actors, attribution, certainty, claims, events, places, times  # noqa: F401
from sitrep.nlp.doc import register_extensions
from sitrep.settings import DEFAULT_MODEL

#: sitrep components in the order they run; later ones read what earlier ones assign.
COMPONENTS: tuple[str, ...] = (
    "sitrep_actors",
    "sitrep_places",
    "sitrep_times",
    "sitrep_certainty",
    "sitrep_attribution",
    "sitrep_events",
    "sitrep_claims",
)


def make_nlp(model: str = DEFAULT_MODEL, components: tuple[str, ...] = COMPONENTS) -> Language:
    """Loads ``model`` and appends sitrep's components. Each call builds a new pipeline."""
    register_extensions()
    nlp = spacy.load(model)
    for name in components:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=2)
def shared_nlp(model: str = DEFAULT_MODEL) -> Language:
    """One pipeline per process and model: loading takes seconds, so it is loaded once."""
    nlp = make_nlp(model)
    # The pipeline lives as long as the process. Its objects (about 150,000) leave the cyclic
    # garbage collector's generations, which every full collection would otherwise walk again:
    # a tenth of a second, several times per few hundred articles.
    gc.freeze()
    return nlp
