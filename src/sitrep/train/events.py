"""Trains the event type model (sitrep.nlp.events.classify) on NGEC's synthetic PLOVER stories.

A story's PLOVER type is a label of the whole story, and most of its sentences tell something
else (background, reactions). The training clauses are those that word its event: the
headline (the filled one, from the prompt), the lead sentence, and every other sentence whose
main predicate, or a word completing it, is a lexicon trigger of the story's type (the lexicon
says where a story talks of its event; the model learns how the context words it). Classes are
weighted by the inverse of their frequency: the corpus has seven times more CONCEDE stories
than AGREE ones, news has no such prior. Stories are split by headline template, so that no
template (its wording, whatever the countries filled in) is on both sides, into a training
part and a held-out tenth that reports the model's accuracy on unseen wordings. Softmax
regression trained by AdaGrad on mini-batches, in a fixed order from a fixed seed: the same
data gives the same weights.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Token

from sitrep.model import PLOVER_TYPES
from sitrep.nlp.events import load_lexicon
from sitrep.nlp.events.classify import candidates, features, main_predicate
from sitrep.nlp.events.lexicon import Lexicon
from sitrep.settings import DEFAULT_MODEL

CORPUS = Path("events") / "ngec_synthetic_plover.csv"
SEED = 13
HELD_OUT = 0.1
#: Features seen in fewer training clauses are dropped (they cannot generalise).
MIN_COUNT = 2
EPOCHS = 12
BATCH = 32
LEARNING_RATE = 0.1
#: L2 penalty per update, keeping rare features' weights small (chosen on held-out templates).
L2 = 3e-3
BATCH_PARSE = 64
#: The model overrides the lexicon's first sense only where its choice is this precise on the
#: held-out stories: the least probability at which its top type is right this often.
TARGET_PRECISION = 0.9
_COMPLETING = ("xcomp", "dobj")


@dataclass(frozen=True)
class Clause:
    template: str
    features: list[str]
    vector: np.ndarray
    label: int
    kind: str  # "headline", "lead" or "trigger" (a later sentence with a trigger of the type)


def read_clauses(path: Path) -> list[Clause]:
    """The labelled clauses of every story, parsed."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        stories = [row for row in csv.DictReader(handle) if row["label"] in PLOVER_TYPES]
    nlp = spacy.load(DEFAULT_MODEL)
    lex = load_lexicon()
    texts, owners = [], []
    for n, row in enumerate(stories):
        headline = (row["prompt"] or row["title"]).strip().splitlines()[0]
        paragraphs = [p.strip() for p in row["text"].split("\n") if p.strip()]
        texts += [headline, *paragraphs]
        owners += [(n, "headline")] + [
            (n, "lead" if k == 0 else "body") for k in range(len(paragraphs))
        ]
    clauses = []
    for (story, part), doc in zip(owners, nlp.pipe(texts, batch_size=BATCH_PARSE), strict=True):
        label = stories[story]["label"]
        spans = [doc[:]] if part == "headline" else list(doc.sents)
        for k, span in enumerate(spans):
            tokens = list(span)
            if not tokens:
                continue
            if part == "headline" or (part == "lead" and k == 0):
                kind = part
            elif _words_type(tokens, label, lex):
                kind = "trigger"
            else:
                continue
            clauses.append(
                Clause(
                    template=stories[story]["title"],
                    features=features(tokens, lex),
                    vector=doc.tensor[[t.i for t in tokens]].mean(axis=0).astype(np.float32),
                    label=PLOVER_TYPES.index(label),
                    kind=kind,
                )
            )
    return clauses


def _words_type(tokens: list[Token], label: str, lex: Lexicon) -> bool:
    """Whether the clause's main predicate, or a word completing it, is a trigger of ``label``."""
    head = main_predicate(tokens, lex)
    completing = [c for c in head.children if c.dep_ in _COMPLETING]
    return any(label in candidates(t, lex) for t in (head, *completing))


def split(clauses: list[Clause]) -> tuple[list[Clause], list[Clause]]:
    """Training clauses, and the held-out headlines and leads, split by headline template."""
    templates = sorted({c.template for c in clauses})
    random.Random(SEED).shuffle(templates)
    held = set(templates[: int(len(templates) * HELD_OUT)])
    return [c for c in clauses if c.template not in held], [
        c for c in clauses if c.template in held and c.kind != "trigger"
    ]


def fit(clauses: list[Clause]) -> dict[str, np.ndarray | list[str]]:
    """Softmax regression weights for ``clauses``."""
    counts = Counter(f for c in clauses for f in set(c.features))
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(names)}
    width, types = clauses[0].vector.shape[0], len(PLOVER_TYPES)
    rows = [
        np.array(sorted({index[f] for f in c.features if f in index}), dtype=np.int64)
        for c in clauses
    ]
    vectors = np.stack([c.vector for c in clauses])
    labels = np.array([c.label for c in clauses])
    # Each class weighs as much in all as any other (the inverse of its frequency).
    counts = np.bincount(labels, minlength=types).astype(np.float64)
    weight = (len(labels) / (types * np.maximum(counts, 1)))[labels]
    sparse = np.zeros((len(names), types))
    dense = np.zeros((width, types))
    bias = np.zeros(types)
    seen = [np.full_like(w, 1e-8) for w in (sparse, dense, bias)]
    order = np.arange(len(clauses))
    generator = np.random.default_rng(SEED)
    for _ in range(EPOCHS):
        generator.shuffle(order)
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            logits = bias + vectors[batch] @ dense
            logits += np.stack([sparse[rows[i]].sum(axis=0) for i in batch])
            logits -= logits.max(axis=1, keepdims=True)
            probabilities = np.exp(logits)
            probabilities /= probabilities.sum(axis=1, keepdims=True)
            probabilities[np.arange(len(batch)), labels[batch]] -= 1
            error = probabilities * weight[batch, None] / len(batch)
            touched = np.concatenate([rows[i] for i in batch])
            grad_sparse = np.repeat(error, [len(rows[i]) for i in batch], axis=0)
            _adagrad(sparse, seen[0], touched, grad_sparse)
            _adagrad(dense, seen[1], slice(None), vectors[batch].T @ error + L2 * dense)
            _adagrad(bias, seen[2], slice(None), error.sum(axis=0))
    return {"sparse": sparse, "dense": dense, "bias": bias, "features": names}


def _adagrad(weights: np.ndarray, seen: np.ndarray, where, gradient: np.ndarray) -> None:
    if isinstance(where, np.ndarray):
        # Several examples of a batch may touch one feature: sum their gradients first.
        unique, inverse = np.unique(where, return_inverse=True)
        summed = np.zeros((len(unique), gradient.shape[1]))
        np.add.at(summed, inverse, gradient)
        summed += L2 * weights[unique]
        seen[unique] += summed**2
        weights[unique] -= LEARNING_RATE * summed / np.sqrt(seen[unique])
        return
    seen[where] += gradient**2
    weights[where] -= LEARNING_RATE * gradient / np.sqrt(seen[where])


def predictions(weights: dict, clauses: list[Clause]) -> tuple[np.ndarray, np.ndarray]:
    """For each clause, whether the top type is right, and its probability."""
    index = {f: i for i, f in enumerate(weights["features"])}
    right, confidence = [], []
    for clause in clauses:
        rows = [index[f] for f in clause.features if f in index]
        logits = weights["bias"] + weights["sparse"][rows].sum(axis=0)
        logits = logits + clause.vector @ weights["dense"]
        odds = np.exp(logits - logits.max())
        right.append(int(np.argmax(logits)) == clause.label)
        confidence.append(float(odds.max() / odds.sum()))
    return np.array(right), np.array(confidence)


def accuracy(weights: dict, clauses: list[Clause]) -> float:
    right, _ = predictions(weights, clauses)
    return float(right.mean()) if len(right) else 0.0


def override_probability(weights: dict, held: list[Clause]) -> float:
    """The least probability (in steps of 0.05) from which the model's top type is right
    TARGET_PRECISION of the time on the held-out clauses."""
    right, confidence = predictions(weights, held)
    for step in range(20):
        threshold = step / 20
        chosen = confidence >= threshold
        if chosen.any() and right[chosen].mean() >= TARGET_PRECISION:
            return threshold
    return 1.0


def train(data: Path, output: Path) -> dict[str, object]:
    """Trains on ``data``/events and writes ``output``/events/ (sparse, dense and bias
    weights as .npy, features.json); returns the figures for the card."""
    clauses = read_clauses(data / CORPUS)
    training, held = split(clauses)
    weights = fit(training)
    folder = output / "events"
    folder.mkdir(parents=True, exist_ok=True)
    # Plain .npy files (no archive timestamps): the same data rebuilds the same bytes.
    for name in ("sparse", "dense", "bias"):
        np.save(folder / f"{name}.npy", weights[name].astype(np.float16))
    threshold = override_probability(weights, held)
    meta = {
        "types": list(PLOVER_TYPES),
        "override_probability": threshold,
        "features": weights["features"],
    }
    (folder / "features.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", "utf-8")
    return {
        "clauses": len(clauses),
        "training": len(training),
        "held_out": len(held),
        "features": len(weights["features"]),
        "training_accuracy": round(accuracy(weights, training), 4),
        "held_out_accuracy": round(accuracy(weights, held), 4),
        "override_probability": threshold,
    }
