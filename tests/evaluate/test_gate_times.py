"""Evaluation gate for times: TimeBank (every 3rd file, a deterministic subset) with pinned
floors, each file's creation time given as the publication date."""

from __future__ import annotations

import hashlib

import pytest

from sitrep.analyzer import Analyzer
from sitrep.evaluate.times import evaluate_times
from sitrep.nlp.pipeline import make_nlp
from sitrep.settings import Settings

from ..conftest import EVAL

pytestmark = pytest.mark.shared_data

TIMEBANK = EVAL / "dates" / "TimeBank"
DIGEST = "6c9de38494da106120b4cef5cb075765c963c9320eee1521cb82edfdf81cd22c"
EVERY = 3
# Measured values minus a noise epsilon of 0.02 (README, accuracy table).
FLOORS = {"f1": 0.91, "exact_f1": 0.81, "value_accuracy": 0.82}


@pytest.mark.slow
def test_gold_data_is_unchanged():
    digest = hashlib.sha256()
    for path in sorted(TIMEBANK.glob("*.tml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    assert digest.hexdigest() == DIGEST


@pytest.mark.slow
def test_temporal_expressions_meet_their_floors():
    # Times read only the parse.
    analyzer = Analyzer(Settings(), nlp=make_nlp(components=("sitrep_times",)))
    scores = evaluate_times(TIMEBANK, analyzer.analyze_many, every=EVERY)
    for metric, floor in FLOORS.items():
        assert getattr(scores, metric) >= floor, (metric, scores.to_dict())
