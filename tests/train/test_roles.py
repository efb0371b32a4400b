"""The role scorer's recipe on invented MUC-style templates: labels from the templates' mentions,
and the same bytes twice."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from sitrep.nlp.events.learned_roles import LABELS, RoleModel
from sitrep.settings import Settings
from sitrep.train import roles as recipe

DOCS = [
    {
        "docid": "INVENTED-1",
        "doctext": "bandits kidnapped the mayor of the river town yesterday.  "
        "the weather was mild all week.",
        "extracts": {
            "PerpInd": [[["bandits", 0]]],
            "PerpOrg": [],
            "Target": [],
            "Victim": [[["the mayor", 18]]],
            "Weapon": [],
        },
    },
    {
        "docid": "INVENTED-2",
        "doctext": "a car bomb destroyed the power station, and rebels attacked a patrol.",
        "extracts": {
            "PerpInd": [],
            "PerpOrg": [[["rebels", 44]]],
            "Target": [[["the power station", 21]]],
            "Victim": [],
            "Weapon": [[["a car bomb", 0]]],
        },
    },
]


def _split(tmp_path: Path) -> Path:
    path = tmp_path / "train.json"
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCS), "utf-8")
    return path


def test_examples_are_labelled_from_the_templates(tmp_path):
    examples = recipe.read_split(_split(tmp_path), Settings().model)
    labels = np.concatenate([e.y for e in examples])
    # The paragraph that names nobody of the templates is left out; the others give the
    # perpetrators and the victims or targets beside their triggers.
    assert set(labels.tolist()) == {0, 1, 2}
    assert int((labels == LABELS.index("actor")).sum()) >= 2
    assert int((labels == LABELS.index("recipient")).sum()) >= 2


def test_the_label_of_a_head_is_the_shortest_mention_around_it():
    spans = recipe._occurrences("rebels of the rebel army attacked", {("rebels", "actor")})
    assert spans == [(0, 6, "actor")]
    assert recipe._label(2, spans) == LABELS.index("actor")
    assert recipe._label(30, spans) == LABELS.index("none")


def test_two_fits_give_the_same_bytes(tmp_path):
    examples = recipe.read_split(_split(tmp_path), Settings().model)
    first = RoleModel(recipe.fit(examples), 0.3).to_bytes()
    second = RoleModel(recipe.fit(examples), 0.3).to_bytes()
    assert first == second
