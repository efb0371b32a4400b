"""The cue detector's recipe on an invented brat corpus: labels at the head of each gold cue,
thresholds chosen on held-out texts as ``sitrep evaluate attribution`` scores them, and the
same bytes from two runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.nlp.attribution.learned import CueModel
from sitrep.nlp.pipeline import make_nlp
from sitrep.settings import DEFAULT_MODEL
from sitrep.train import cues as recipe

from ..nlp.analyzed import analyzed

SPEAKERS = [
    "The harbour master", "A police spokeswoman", "The district governor", "Local elders",
    "The aid coordinator", "A hospital director", "The defence minister", "Two witnesses",
    "The port authority", "A militia commander", "The election board", "The fire chief",
]  # fmt: skip
CLAUSES = [
    "the ferry had run aground", "the roads were closed", "the curfew would end",
    "the water supply was cut", "the convoy had been delayed", "the clinic ran out of fuel",
    "the talks would resume", "the bridge had collapsed", "the ships were turned away",
    "the checkpoint was abandoned", "the count would start late", "the blaze was contained",
]  # fmt: skip


def _text(k: int) -> tuple[str, list[tuple[str, str]]]:
    """An invented two-sentence report and its (role, words) annotations."""
    speaker, clause = SPEAKERS[k], CLAUSES[k]
    other, second = SPEAKERS[(k + 5) % 12], CLAUSES[(k + 7) % 12]
    text = f"{speaker} said {clause} on Monday. {other} emailed reporters that {second}.\n"
    spans = [
        ("Source", speaker), ("Cue", "said"), ("Content", clause),
        ("Source", other), ("Cue", "emailed"), ("Content", second),
    ]  # fmt: skip
    return text, spans


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("brat")
    (root / "text").mkdir()
    (root / "attributions").mkdir()
    for k in range(len(SPEAKERS)):
        text, spans = _text(k)
        (root / "text" / f"t{k:02d}.txt").write_text(text, "utf-8")
        lines = []
        for n, (role, words) in enumerate(spans, 1):
            start = text.index(words, 0 if n <= 3 else text.index(". ") + 2)
            lines.append(f"T{n}\t{role} {start} {start + len(words)}\t{words}")
        (root / "attributions" / f"t{k:02d}_ab12.ann").write_text("\n".join(lines) + "\n")
    return root


def test_labels_mark_the_head_of_each_gold_cue():
    nlp = make_nlp(components=())
    text = "The minister has always denied the reports, according to state media."
    doc = analyzed(nlp, text)
    denied = (text.index("has always denied"), text.index(" the reports"))
    according = (text.index("according to"), text.index(" state"))
    labels = recipe._labels(doc, [(denied,), (according,)], 0)
    by_word = {t.text: int(labels[t.i]) for t in doc}
    assert by_word["denied"] == 1 and by_word["according"] == 1
    assert by_word["has"] == by_word["always"] == by_word["to"] == -1
    assert by_word["minister"] == by_word["reports"] == 0


def test_the_gold_heads_stand_in_scores_the_words_heading_gold_cues(corpus):
    text, _ = _text(3)
    doc = analyzed(make_nlp(components=()), text)
    scores = recipe._gold_heads(corpus).scores(doc, [], None)
    assert {doc[i].text for i, score in scores.items() if score == 1.0} == {"said", "emailed"}
    assert set(scores) == {t.i for t in doc if t.pos_ in ("VERB", "NOUN", "ADJ")}


@pytest.mark.slow
def test_training_chooses_on_held_out_texts_and_is_reproducible(corpus):
    model, report = recipe.train(corpus, DEFAULT_MODEL)
    again, _ = recipe.train(corpus, DEFAULT_MODEL)
    assert model.to_bytes() == again.to_bytes()
    assert report["texts"] == 12 and report["held_out_texts"] == 2
    assert report["cue_heads"] == 24
    figures = report["held_out_report_f1"]
    assert set(figures) == {"rules", "model", "combined", "gold_heads"}
    # "emailed" is in no lexicon: only the learned modes can find it.
    assert figures["rules"]["cue"] < figures["combined"]["cue"]
    # Told every gold head, the syntax rules read each cue of these plain reports.
    assert figures["gold_heads"]["cue"] == 1.0
    assert CueModel.from_bytes(model.to_bytes()).prior.seen["email"] == 12
