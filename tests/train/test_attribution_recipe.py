"""The attribution recipe on a small invented brat corpus: it reads linked attributions, learns
something, and learns the same weights twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.nlp import attribution_model as model
from sitrep.settings import DEFAULT_MODEL
from sitrep.train import attribution as recipe

TEXTS = {
    "harbour": (
        "The harbour master said the ferry had run aground near the breakwater. "
        "Fishermen reported that the fog was thick at dawn."
    ),
    "council": (
        "The council spokeswoman said the budget would be cut. "
        "According to the treasurer, the reserves are empty."
    ),
}


def _ann(text: str, items: list[tuple[str, str | None, str]]) -> str:
    """brat lines for (cue, source, content) given as substrings of ``text``."""
    lines, n = [], 0
    for number, (cue, source, content) in enumerate(items, start=1):
        roles = {}
        for role, words in (("Cue", cue), ("Source", source), ("Content", content)):
            if words is None:
                continue
            n += 1
            start = text.index(words)
            lines.append(f"T{n}\t{role} {start} {start + len(words)}\t{words}")
            roles[role] = f"T{n}"
        n += 1
        kind = "Attribution" if source else "Attribution-no-source"
        start = text.index(cue)
        lines.append(f"T{n}\t{kind} {start} {start + len(cue)}\t{cue}")
        links = " ".join(f"{role}:{tid}" for role, tid in roles.items())
        lines.append(f"E{number}\t{kind}:T{n} {links}")
    return "\n".join(lines) + "\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    gold = {
        "harbour": [
            ("said", "The harbour master", "the ferry had run aground near the breakwater"),
            ("reported", "Fishermen", "that the fog was thick at dawn"),
        ],
        "council": [
            ("said", "The council spokeswoman", "the budget would be cut"),
            ("According to", "the treasurer", "the reserves are empty"),
        ],
    }
    for name, text in TEXTS.items():
        (tmp_path / "text" / f"{name}.txt").write_text(text, "utf-8")
        (tmp_path / "attributions" / f"{name}_ab12.ann").write_text(_ann(text, gold[name]), "utf-8")
    return tmp_path


def test_read_ann_links_roles_and_leaves_out_notes():
    text = "Officials said the road was closed."
    ann = _ann(text, [("said", "Officials", "the road was closed")])
    ann += "T9\tDiscuss 0 9\tOfficials\n"
    [item] = recipe.read_ann(ann)
    assert item.cue == ((10, 14),)
    assert item.source == ((0, 9),)
    assert item.content == ((15, 34),)


def test_an_attribution_without_source_has_none():
    text = "It was reported that the bridge fell."
    [item] = recipe.read_ann(_ann(text, [("reported", None, "that the bridge fell")]))
    assert item.source is None


@pytest.mark.slow
def test_training_is_reproducible_and_learns_the_cues(corpus, tmp_path):
    first = recipe.build(corpus, tmp_path / "cache.spacy", DEFAULT_MODEL).to_bytes()
    second = recipe.build(corpus, tmp_path / "cache.spacy", DEFAULT_MODEL).to_bytes()
    assert first == second
    chooser = model.LinearChooser.from_bytes(first)
    docs = recipe.parse(corpus, tmp_path / "cache.spacy", DEFAULT_MODEL)
    harbour = docs[list(sorted(TEXTS)).index("harbour")]
    found = model.find(harbour, chooser, model.load_lexicon())
    cues = [harbour[f.cue[0] : f.cue[1]].text for f in found]
    assert cues == ["said", "reported"]
    sources = [harbour[f.source[0] : f.source[1]].text for f in found if f.source]
    assert sources == ["The harbour master", "Fishermen"]
