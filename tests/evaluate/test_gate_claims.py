"""Evaluation gate for attribution, hedging and claims, with pinned floors on the dev gold data,
all scored on the ArticleReport a user gets: PolNeAR attribution (every 3rd text; the report's
``attributions``), Szeged news hedging (every 2nd document; the report's ``hedges``), and the
stories claims (all articles). Floors are the measured values minus a noise epsilon of 0.02
(README, accuracy table); the digests keep the gold data from shifting silently."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sitrep.analyzer import Analyzer
from sitrep.evaluate.attribution import evaluate_attribution
from sitrep.evaluate.claims import evaluate_claims
from sitrep.evaluate.hedging import evaluate_hedging
from sitrep.nlp.pipeline import make_nlp
from sitrep.settings import Settings

from ..conftest import EVAL

pytestmark = pytest.mark.shared_data

POLNEAR = EVAL / "attribution" / "polnear_dev"
SZEGED = EVAL / "hedging" / "szeged_news_dev.xml"
STORIES = EVAL / "stories"
DIGESTS = {
    POLNEAR: "9cbd66853ebab6cea6efc4e89fd868be1837d3627cdc42523807cd183aad527e",
    SZEGED: "2ae7045a114bb92febacae8c4e961605832bce4a4518e1d14f8a57ef33d246e9",
    STORIES: "a3784c1fec8314ea8898093594241b9ada8349e751089a8689dfbfdb9e35bc43",
}
# Measured on the report: source 0.804, cue 0.800, content 0.812 (F1 by overlap, every 3rd text).
ATTRIBUTION_FLOORS = {"source": 0.78, "cue": 0.77, "content": 0.79}
# Measured on the report: uncertain-sentence F1 0.784, cue F1 0.717 (every 2nd document).
HEDGING_FLOORS = {"uncertain_f1": 0.76, "cue_f1": 0.69}
CLAIMS_FLOORS = {"pair_recall": 0.84, "stance_accuracy": 0.90, "source_recall": 0.91}


def digest(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (relative names and bytes, in name order)."""
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    sha = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        sha.update(file.relative_to(path).as_posix().encode("utf-8"))
        sha.update(file.read_bytes())
    return sha.hexdigest()


@pytest.fixture(scope="module")
def nlp():
    # Claims read what actors and attribution assign; events only add links.
    return make_nlp(
        components=("sitrep_actors", "sitrep_certainty", "sitrep_attribution", "sitrep_claims")
    )


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(DIGESTS), ids=lambda p: p.name)
def test_gold_data_is_unchanged(path):
    assert digest(path) == DIGESTS[path]


@pytest.fixture(scope="module")
def analyze_many(nlp):
    return Analyzer(Settings(), nlp=nlp).analyze_many


@pytest.mark.slow
def test_attribution_meets_its_floors(analyze_many):
    scores = evaluate_attribution(POLNEAR, analyze_many, every=3)
    for role, floor in ATTRIBUTION_FLOORS.items():
        assert scores.roles[role].f1 >= floor, (role, scores.to_dict())


@pytest.mark.slow
def test_hedging_meets_its_floors(analyze_many):
    scores = evaluate_hedging(SZEGED, analyze_many, every=2)
    for metric, floor in HEDGING_FLOORS.items():
        assert getattr(scores, metric) >= floor, (metric, scores.to_dict())


@pytest.mark.slow
def test_claims_meet_their_floors(analyze_many):
    scores = evaluate_claims(STORIES, analyze_many)
    for metric, floor in CLAIMS_FLOORS.items():
        assert getattr(scores, metric) >= floor, (metric, scores.to_dict())
