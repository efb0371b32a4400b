"""Test-only pipelines with slow components, loadable in worker processes by reference (the
pool's ``load_nlp`` seam): a blank English pipeline plus components that stall or exit on a
marker, or pause on every doc."""

from __future__ import annotations

import os
import time

import spacy
from spacy.language import Language

from sitrep.nlp.doc import register_extensions

STALL = "STALL"
EXIT = "EXIT"
#: Far longer than any budget in the tests: only a hard stop ends the analysis in time.
STALL_SECONDS = 60.0
PAUSE_SECONDS = 0.3


@Language.component("test_stalls_on_marker")
def stalls_on_marker(doc):
    """Spins on a doc holding the marker, as a component would on a pathological article."""
    if STALL in doc.text:
        end = time.monotonic() + STALL_SECONDS
        while time.monotonic() < end:
            time.sleep(0.01)
    return doc


@Language.component("test_exits_on_marker")
def exits_on_marker(doc):
    """Ends its process on a doc holding the marker, as a crash in native code would."""
    if EXIT in doc.text:
        os._exit(3)
    return doc


@Language.component("test_pauses")
def pauses(doc):
    """A short, bounded delay on every doc."""
    time.sleep(PAUSE_SECONDS)
    return doc


def stalling_nlp(model: str) -> Language:
    """A blank pipeline that stalls on STALL and exits its process on EXIT (``model`` is
    ignored: no model is loaded)."""
    return _blank_with("test_stalls_on_marker", "test_exits_on_marker")


def pausing_nlp(model: str) -> Language:
    """A blank pipeline that takes PAUSE_SECONDS on every doc (``model`` is ignored)."""
    return _blank_with("test_pauses")


def _blank_with(*components: str) -> Language:
    register_extensions()
    nlp = spacy.blank("en")
    for name in components:
        nlp.add_pipe(name)
    return nlp
