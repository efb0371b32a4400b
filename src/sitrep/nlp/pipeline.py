"""Builds the spaCy pipeline: the packaged English model plus sitrep's components.

This is the one place the pipeline is assembled; components never construct each other.
A user can add any sitrep component to their own pipeline by importing its module (or via
the ``spacy_factories`` entry points) and calling ``nlp.add_pipe("sitrep_actors")``.
"""

from __future__ import annotations

import ctypes
import gc
from functools import lru_cache

import spacy
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from sitrep.nlp import (  # noqa: F401
    actors,
    attribution,
    certainty,
    claims,
    events,
    paragraphs,
    places,
    times,
)
from sitrep.nlp.doc import register_extensions
from sitrep.settings import DEFAULT_MODEL

# glibc's mallopt parameters (malloc.h) and the values sitrep's analysis processes run with.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_TRIM_AT = 256 << 20
_MMAP_FROM = 32 << 20

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


def make_nlp(
    model: str = DEFAULT_MODEL,
    components: tuple[str, ...] = COMPONENTS,
    config: dict[str, dict] | None = None,
) -> Language:
    """Loads ``model``, sets paragraph breaks as sentence starts before its parser
    (``sitrep_paragraphs``), and appends sitrep's components, each with its ``config`` entry
    if any. Each call builds a new pipeline."""
    register_extensions()
    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraphs", before="parser")
    for name in components:
        nlp.add_pipe(name, config=(config or {}).get(name, {}))
    return nlp


@lru_cache(maxsize=2)
def shared_nlp(model: str = DEFAULT_MODEL) -> Language:
    """One pipeline per process and model: loading takes seconds, so it is loaded once."""
    _keep_freed_memory()
    nlp = make_nlp(model)
    # The pipeline lives as long as the process. Its objects (about 150,000) leave the cyclic
    # garbage collector's generations, which every full collection would otherwise walk again:
    # a tenth of a second, several times per few hundred articles.
    gc.freeze()
    return nlp


def _keep_freed_memory() -> None:
    """Each batch allocates and frees the model's activations (megabytes to tens of them) while
    sitrep's components allocate records in between. glibc gives freed space at the heap's top
    back to the kernel and serves the next batch with fresh pages: some 150,000 page faults
    and a second of system time per 300 articles (bench_pipeline). Freed memory up to
    ``_TRIM_AT`` stays in the process for the next batch, and blocks under ``_MMAP_FROM`` come
    from the heap rather than from mappings of their own. Other C libraries keep their own
    policy."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_AT)
    libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_FROM)
