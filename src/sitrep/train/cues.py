"""Recipe: the learned cue detector (sitrep/nlp/attribution/learned.py) from PolNeAR's training
split (``make train``).

Each text (its first annotation file when several annotators marked it) goes through the
English model as ``sitrep analyze`` runs it; every verb, noun and adjective is an example,
labelled 1 when it heads a gold cue (the cue's token whose syntactic head lies outside it) and
left out when it lies inside a gold cue without heading it. The lemma prior is cross-fitted
(each fold's prior counts the other folds only), so that the network learns how far to trust
a lemma's record on texts that did not make it. Every tenth text (by name) is held out to
choose the thresholds of :data:`learned.MODES`; the shipped network is then trained on all
texts with the same settings. Fixed seeds, single-threaded arithmetic and sorted inputs: two
runs give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc

from sitrep.analyzer import Analyzer
from sitrep.evaluate.attribution import (
    Fragments,
    gold_files,
    read_brat,
    role_scores,
    scored_files,
)
from sitrep.ingest.text import parse_text
from sitrep.nlp.attribution.cues import CueWords
from sitrep.nlp.attribution.learned import (
    PRIOR_COLUMNS,
    CueModel,
    LemmaPrior,
    build_model,
    candidates,
    features,
    lemma_prior,
    quoted_tokens,
)
from sitrep.nlp.attribution.lexicon import load_cues
from sitrep.nlp.attribution.text import Lines, find_quotes
from sitrep.nlp.certainty import load_lexicon as load_certainty
from sitrep.nlp.doc import register_extensions
from sitrep.nlp.pipeline import make_nlp
from sitrep.settings import Settings
from sitrep.train.networks import fit_softmax

CORPUS = Path("attribution") / "polnear_train"
SEED = 0
EPOCHS = 6
BATCH = 256
LEARN_RATE = 0.001
FOLDS = 5
HELD_OUT_EVERY = 10
#: a lemma enters the shipped prior when seen this often as a candidate, or once as a cue
MIN_SEEN = 3
#: the thresholds tried on the held-out texts
MODEL_GRID = [{"threshold": t} for t in (0.3, 0.45, 0.6)]
#: ``drop_below`` stays low, as ``combined`` means (a listed word stays a cue unless the network
#: all but rules it out): the lexicon holds the cues of conflict reporting ("declined to
#: confirm", "reports ... do not correspond to reality") that US election news seldom uses so,
#: and a veto learned there removed them where it reached 0.2
COMBINED_GRID = [{"add_from": a, "drop_below": d} for a in (0.3, 0.45, 0.6) for d in (0.05, 0.1)]


@dataclass
class Text:
    """One training text's examples: features (the prior columns still empty), labels,
    lemmas, and which of them the lexicon lists."""

    x: np.ndarray
    y: np.ndarray
    lemmas: list[str]
    listed: np.ndarray


def read_texts(directory: Path, model: str) -> list[Text]:
    """The examples of every text under ``directory``, in name order."""
    first = _first_files(directory)
    register_extensions()
    nlp = spacy.load(model)
    analyzer = Analyzer(Settings(model=model), nlp=nlp)
    cue_words = CueWords(load_cues(), load_certainty())
    empty = LemmaPrior({}, {}, 0.0)
    names = sorted(first)
    docs = (
        analyzer.make_doc(parse_text(name.read_text("utf-8"), path=str(name))) for name in names
    )
    found = []
    for name, doc in zip(names, nlp.pipe(docs, batch_size=16), strict=True):
        indices = candidates(doc)
        listed = cue_words.listed(doc)
        quoted = quoted_tokens(doc, find_quotes(Lines(doc).text))
        labels = _labels(doc, read_brat(first[name])["cue"], doc._.offset or 0)
        keep = labels[indices] >= 0
        indices = indices[keep]
        found.append(
            Text(
                x=features(doc, indices, listed, empty, quoted),
                y=labels[indices],
                lemmas=[doc[int(i)].lemma_.lower() for i in indices],
                listed=np.array([int(i) in listed for i in indices], dtype=bool),
            )
        )
    return found


def _first_files(directory: Path) -> dict[Path, Path]:
    """Each text under ``directory`` with its first annotation file (by name), where several
    annotators marked it."""
    first: dict[Path, Path] = {}
    for text, ann in gold_files(directory):
        first.setdefault(text, ann)
    return first


def _labels(doc: Doc, cues: list[tuple[tuple[int, int], ...]], offset: int) -> np.ndarray:
    """Per token: 1 heads a gold cue, -1 lies inside one, 0 none."""
    labels = np.zeros(len(doc), dtype=int)
    for fragments in cues:
        inside = {
            t.i
            for start, end in fragments
            if (span := doc.char_span(start - offset, end - offset, alignment_mode="expand"))
            for t in span
        }
        if not inside:
            continue
        for i in inside:
            if labels[i] == 0:
                labels[i] = -1
        head = min(inside, key=lambda i: (doc[i].head.i in inside and doc[i].head.i != i, i))
        labels[head] = 1
    return labels


def _counts(texts: list[Text]) -> dict[str, tuple[int, int]]:
    cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in texts:
        for lemma, label in zip(text.lemmas, text.y, strict=True):
            seen[lemma] += 1
            cue[lemma] += int(label == 1)
    return {lemma: (cue[lemma], n) for lemma, n in seen.items()}


def _with_prior(text: Text, prior: LemmaPrior) -> np.ndarray:
    x = text.x.copy()
    x[:, PRIOR_COLUMNS] = np.array([prior.features(lemma) for lemma in text.lemmas]).reshape(-1, 2)
    return x


def _cross_fitted(texts: list[Text]) -> tuple[np.ndarray, np.ndarray]:
    """All examples, each text's prior counted on the other folds."""
    xs, ys = [], []
    for fold in range(FOLDS):
        others = [t for k, t in enumerate(texts) if k % FOLDS != fold]
        prior = lemma_prior(_counts(others))
        for k, text in enumerate(texts):
            if k % FOLDS == fold:
                xs.append(_with_prior(text, prior))
                ys.append(text.y)
    return np.vstack(xs), np.concatenate(ys)


def fit(texts: list[Text]):
    """A network trained on ``texts`` (cross-fitted priors)."""
    x, y = _cross_fitted(texts)
    return fit_softmax(
        build_model(x.shape[1]),
        x,
        y,
        2,
        epochs=EPOCHS,
        batch=BATCH,
        learn_rate=LEARN_RATE,
        seed=SEED,
    )


def choose(cue_model: CueModel, directory: Path, model_name: str) -> dict:
    """The thresholds of each mode that give the best mean of the source, cue and content F1
    of the report, as ``sitrep evaluate attribution`` scores it, on the held-out texts, and
    those figures beside the rules' own and those of a scorer that knows the gold heads."""
    settings = Settings(model=model_name)
    figures, best = {}, {}
    for mode, grid in (("rules", [{}]), ("model", MODEL_GRID), ("combined", COMBINED_GRID)):
        analyzer = _analyzer(settings, mode, None if mode == "rules" else cue_model)
        for thresholds in grid:
            for name, value in thresholds.items():
                setattr(cue_model, name, value)
            roles = _report_f1(analyzer, directory)
            if mode not in figures or roles["mean_f1"] > figures[mode]["mean_f1"]:
                figures[mode] = roles
                best[mode] = thresholds
    gold_heads = _analyzer(settings, "model", _gold_heads(directory))
    figures["gold_heads"] = _report_f1(gold_heads, directory)
    return {"held_out_report_f1": figures, **best["model"], **best["combined"]}


def _analyzer(settings: Settings, mode: str, cue_model: CueModel | None) -> Analyzer:
    nlp = make_nlp(settings.model, config={"sitrep_attribution": {"cues": mode}})
    nlp.get_pipe("sitrep_attribution").cue_words.model = cue_model
    return Analyzer(settings, nlp=nlp)


def _report_f1(analyzer: Analyzer, directory: Path) -> dict[str, float]:
    """Source, cue and content F1 of the report on the held-out texts, and their mean."""
    items = scored_files(directory, analyzer.analyze_many, HELD_OUT_EVERY)
    roles = {role: scores.f1 for role, scores in role_scores(items).items()}
    return {**roles, "mean_f1": round(sum(roles.values()) / len(roles), 4)}


@dataclass
class GoldHeads(CueModel):
    """A stand-in for the network that knows the answer: 1 for each word heading a cue of the
    text's gold (its first annotation file), 0 for the rest. The report it gives is what a
    perfect word scorer would give with today's syntax rules: how much of what the report
    misses is the network's to find, and how much the rules' that read its cues."""

    gold: dict[str, list[Fragments]] = field(default_factory=dict)

    def scores(self, doc: Doc, listed: Iterable[int], quoted: np.ndarray) -> dict[int, float]:
        cues = next((found for text, found in self.gold.items() if doc.text in text), [])
        labels = _labels(doc, cues, doc._.offset or 0)
        return {int(i): float(labels[i] == 1) for i in candidates(doc)}


def _gold_heads(directory: Path) -> GoldHeads:
    first = _first_files(directory)
    gold = {name.read_text("utf-8"): read_brat(ann)["cue"] for name, ann in first.items()}
    return GoldHeads(build_model(1), LemmaPrior({}, {}, 0.0), 0.5, 0.5, 0.5, gold)


def train(directory: Path, model_name: str) -> tuple[CueModel, dict]:
    """The shipped cue model and what the held-out texts said of it."""
    return train_on(read_texts(directory, model_name), directory, model_name)


def train_on(texts: list[Text], directory: Path, model_name: str) -> tuple[CueModel, dict]:
    held_out = texts[::HELD_OUT_EVERY]
    kept = [t for k, t in enumerate(texts) if k % HELD_OUT_EVERY]
    chosen = choose(_shipped(fit(kept), kept), directory, model_name)
    cue_model = _shipped(fit(texts), texts)
    cue_model.threshold = chosen["threshold"]
    cue_model.add_from = chosen["add_from"]
    cue_model.drop_below = chosen["drop_below"]
    report = {
        **chosen,
        "texts": len(texts),
        "held_out_texts": len(held_out),
        "examples": int(sum(len(t.y) for t in texts)),
        "cue_heads": int(sum(int((t.y == 1).sum()) for t in texts)),
        "lemmas": len(cue_model.prior.seen),
    }
    return cue_model, report


def _shipped(network, texts: list[Text]) -> CueModel:
    """``network`` with the prior of ``texts`` (lemmas seen often enough) and the default
    thresholds, which :func:`choose` replaces."""
    counts = {lemma: c for lemma, c in sorted(_counts(texts).items()) if c[1] >= MIN_SEEN or c[0]}
    return CueModel(network, lemma_prior(counts), 0.5, 0.1, 0.5)
