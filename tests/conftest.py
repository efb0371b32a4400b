"""Shared fixtures: the real pipeline is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.analyzer import Analyzer
from sitrep.nlp.pipeline import shared_nlp
from sitrep.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "000_8f076bf850deafe9.txt"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def nlp():
    return shared_nlp()


@pytest.fixture(scope="session")
def analyzer(nlp):
    return Analyzer(Settings(), nlp=nlp)


@pytest.fixture(scope="session")
def sample_report(analyzer):
    from sitrep.ingest.text import parse_text

    if not SAMPLE.exists():
        pytest.fail(f"the shared sample is missing at {SAMPLE}")
    return analyzer.analyze(parse_text(SAMPLE.read_text("utf-8"), path=str(SAMPLE)))
