"""The calibration recipe on an invented brat corpus: counts per rule, smoothing toward the
family, and the same bytes twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.nlp.attribution.confidence import Calibration
from sitrep.train import calibration as recipe

TEXT = (
    "The harbour master said the ferry had run aground near the breakwater. "
    "According to the treasurer, the reserves are empty.\n"
)


def _span(role: str, n: int, words: str) -> str:
    start = TEXT.index(words)
    return f"T{n}\t{role} {start} {start + len(words)}\t{words}"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "harbour.txt").write_text(TEXT, "utf-8")
    lines = [
        _span("Source", 1, "The harbour master"),
        _span("Cue", 2, "said"),
        _span("Content", 3, "the ferry had run aground near the breakwater"),
        # The treasurer's report is annotated with the wrong source: it cannot be right.
        _span("Source", 4, "the reserves"),
        _span("Cue", 5, "According to"),
        _span("Content", 6, "the reserves are empty"),
    ]
    (tmp_path / "attributions" / "harbour_ab12.ann").write_text("\n".join(lines) + "\n", "utf-8")
    return tmp_path


def test_counts_each_rule_and_writes_the_same_bytes_twice(analyzer, corpus, tmp_path):
    found = recipe.calibrate(corpus, analyzer.analyze_many)
    assert (found["files"], found["texts"]) == (1, 1)
    verb = found["rules"]["cues.verb"]
    assert (verb["scored"], verb["right"], verb["precision"]) == (1, 1, 1.0)
    according = found["rules"]["according.according_to"]
    assert (according["scored"], according["right"]) == (1, 0)
    first = recipe.write(found, tmp_path / "one" / "calibration.json")
    again = recipe.write(recipe.calibrate(corpus, analyzer.analyze_many), tmp_path / "two.json")
    assert first == again


def test_a_rare_rule_is_shrunk_toward_its_family_and_a_family_toward_all():
    found = recipe.calibration(
        {"cues.verb": (300, 240), "cues.noun": (3, 3), "layout.signature": (10, 5)}
    )
    overall = found["overall"]
    assert (overall["scored"], overall["right"]) == (313, 248)
    assert overall["estimate"] == overall["precision"] == round(248 / 313, 4)
    cues = found["families"]["cues"]["estimate"]
    noun = found["rules"]["cues.noun"]
    assert noun["precision"] == 1.0 and cues < noun["estimate"] < 1.0
    # A rule seen often keeps about its own precision.
    assert abs(found["rules"]["cues.verb"]["estimate"] - 0.8) < 0.01
    calibration = Calibration.from_dict(found)
    assert calibration.confidence("cues.noun") == noun["estimate"]
    # A rule the calibration never saw gets its family's estimate, then the overall one.
    assert calibration.confidence("cues.new_rule") == cues
    assert calibration.confidence("artefacts.artefact") == overall["estimate"]
