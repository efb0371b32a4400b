"""The event type recipe on invented stories: it learns the labels, writes weights the
pipeline loads, and gives the same bytes twice."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from sitrep.model import PLOVER_TYPES
from sitrep.train import events as recipe

STORIES = {
    "PROTEST": [
        ("Nurses strike over unpaid wages in {city}", "Nurses walked off the job on Monday."),
        ("Teachers march on parliament in {city}", "Thousands of teachers marched on Friday."),
        ("Dock workers strike at port of {city}", "Dock workers went on strike for more pay."),
        ("Students rally against fee rise", "Students protested outside the ministry."),
    ],
    "ASSAULT": [
        ("Air strike hits market in {city}", "An air strike hit a crowded market."),
        ("Gunmen kill villagers near {city}", "Gunmen killed six villagers overnight."),
        ("Militants bomb convoy on highway", "A roadside bomb struck an army convoy."),
        ("Rebels shell town of {city}", "Rebels shelled the town for hours."),
    ],
}


def write_corpus(folder: Path) -> Path:
    path = folder / recipe.CORPUS
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["disclaimer", "text", "title", "source", "prompt", "label", "mode"])
        for label, stories in STORIES.items():
            for n, (headline, lead) in enumerate(stories * 3):
                filled = headline.replace("{city}", f"Townville{n}")
                writer.writerow(["synthetic", f"{lead} More follows.", headline, "Wire", f"{filled}\n\n(Wire) --", label, ""])  # fmt: skip
    return folder


def test_the_recipe_learns_and_rebuilds_the_same_bytes(tmp_path):
    data = write_corpus(tmp_path / "train")
    figures = recipe.train(data, tmp_path / "one")
    recipe.train(data, tmp_path / "two")
    assert figures["clauses"] == 48 and figures["training_accuracy"] >= 0.9
    for name in (*(f"{n}.npy" for n in ("sparse", "dense", "bias")), "features.json"):
        one = (tmp_path / "one" / "events" / name).read_bytes()
        assert one == (tmp_path / "two" / "events" / name).read_bytes(), name
    sparse = np.load(tmp_path / "one" / "events" / "sparse.npy")
    assert sparse.shape == (figures["features"], len(PLOVER_TYPES))
    assert figures["margin"] >= 0.0


def test_later_sentences_count_where_they_word_the_storys_type(tmp_path):
    path = tmp_path / recipe.CORPUS
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["disclaimer", "text", "title", "source", "prompt", "label", "mode"])
        text = (
            "Gunmen killed six villagers overnight.\n\n"
            "The village lies in a valley of orchards.\n\n"
            "Rebels shelled the town again on Tuesday."
        )
        writer.writerow(["synthetic", text, "Gunmen kill villagers", "Wire", "Gunmen kill villagers\n\n(Wire) --", "ASSAULT", ""])  # fmt: skip
    clauses = recipe.read_clauses(path)
    assert [c.kind for c in clauses] == ["headline", "lead", "trigger"]
    assert {c.label for c in clauses} == {PLOVER_TYPES.index("ASSAULT")}


def test_title_case_headlines_are_read_in_sentence_case():
    words = {"rebels", "shell", "town", "as", "talks", "stall", "the"}
    headline = "Rebels Shell Town of Marvale As UN Talks Stall"
    assert recipe.sentence_case(headline, words) == "Rebels shell town of Marvale as UN talks stall"
    # A headline already in sentence case, names and all, is left as written.
    plain = "Rebels shell the market in Marvale overnight"
    assert recipe.sentence_case(plain, words) == plain
