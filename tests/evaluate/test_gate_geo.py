"""Evaluation gate for places: recognition and resolution on deterministic subsets of the dev
gold data (LGL every 5th article, GeoVirus every 4th), with pinned floors."""

from __future__ import annotations

import hashlib

import pytest

from sitrep.analyzer import Analyzer
from sitrep.evaluate.geo import evaluate_geo
from sitrep.nlp.pipeline import make_nlp
from sitrep.settings import Settings

from ..conftest import EVAL

pytestmark = pytest.mark.shared_data

GEO = EVAL / "geo"
DIGESTS = {
    "lgl.xml": "d251018853e8d0f7f8bf49ca6e042418a26f4718f85e1e5393a5b4ef9ae5f007",
    "GeoVirus.xml": "2f8a928b9af4a44232493b37c5324bcb14a06873a4d97315cf3b2c7653ea06b1",
}
# Measured values minus a noise epsilon of 0.02 (README, accuracy table).
FLOORS = {
    ("lgl.xml", 5): {"f1": 0.857, "accuracy_161km": 0.870, "exact_geonameid": 0.835},
    ("GeoVirus.xml", 4): {"f1": 0.909, "accuracy_161km": 0.881},
}


@pytest.fixture(scope="module")
def analyzer():
    # Places read only what the parser, NER and the actors component assign.
    return Analyzer(Settings(), nlp=make_nlp(components=("sitrep_actors", "sitrep_places")))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DIGESTS))
def test_gold_data_is_unchanged(name):
    assert hashlib.sha256((GEO / name).read_bytes()).hexdigest() == DIGESTS[name]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "every"), sorted(FLOORS))
def test_geoparsing_meets_its_floors(analyzer, name, every):
    scores = evaluate_geo(GEO / name, analyzer.analyze_many, every=every)
    for metric, floor in FLOORS[(name, every)].items():
        assert getattr(scores, metric) >= floor, (metric, scores.to_dict())
