"""Recipe: the learned role scorer (sitrep/nlp/events/learned_roles.py) from the MUC-4
terrorism templates (``make train``).

MUC-4 (as processed by Du et al., GRIT) gives each document's perpetrators (PerpInd,
PerpOrg), victims and physical targets as lists of mentions, in lower-cased text. Each
paragraph that names one of them goes through the English model; the trigger rules of
``sitrep_events`` (the PLOVER lexicon, no actors, places or times) propose the event mentions,
and every candidate phrase of :func:`learned_roles.candidates` of each mention is an example:
``actor`` when its head lies in a mention of a perpetrator, ``recipient`` in a victim's or
target's, ``none`` otherwise. The templates are per document, so a perpetrator is labelled
wherever its words stand, beside any trigger: noisy labels, which the network averages out.

The threshold is chosen on MUC-4's dev split (a network trained on the train split), by the
mean F1 of the chosen actor and recipient; the shipped network is then trained on both splits
with the same settings. Fixed seeds, single-threaded arithmetic and sorted inputs: two runs
give the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy

from sitrep.nlp.actors import keep_actor_mentions
from sitrep.nlp.doc import keep_records, new_doc_state, register_extensions
from sitrep.nlp.events.context import Context
from sitrep.nlp.events.learned_roles import LABELS, RoleModel, build_model, candidates, features
from sitrep.nlp.events.lexicon import load_lexicon
from sitrep.nlp.events.triggers import Triggers
from sitrep.train.networks import fit_softmax

CORPUS = Path("events") / "muc4"
ROLES = {"PerpInd": "actor", "PerpOrg": "actor", "Victim": "recipient", "Target": "recipient"}
SEED = 0
EPOCHS = 50
BATCH = 256
LEARN_RATE = 0.001
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
_PARAGRAPH = re.compile(r"\s{2,}")


@dataclass
class Example:
    """One trigger's candidates: features and labels (indices into LABELS)."""

    x: np.ndarray
    y: np.ndarray


def read_split(path: Path, model: str) -> list[Example]:
    """The examples of one MUC-4 JSON lines file, documents in id order."""
    records = sorted(
        (json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()),
        key=lambda r: r["docid"],
    )
    texts: list[tuple[str, list[tuple[int, int, str]]]] = []
    for record in records:
        names = {
            (mention.strip(), ROLES[role])
            for role, entities in sorted(record["extracts"].items())
            if role in ROLES
            for entity in entities
            for mention, _ in entity
            if mention.strip()
        }
        if not names:
            continue
        for paragraph in _PARAGRAPH.split(record["doctext"]):
            spans = _occurrences(paragraph, names)
            if spans:
                texts.append((paragraph, spans))
    register_extensions()
    nlp = spacy.load(model)
    lexicon = load_lexicon()
    found = []
    for doc, (_, spans) in zip(nlp.pipe(t for t, _ in texts), texts, strict=True):
        new_doc_state(doc, None)
        keep_actor_mentions(doc, [])
        for name in ("actors", "places", "times"):
            keep_records(doc, name, [])
        for mention in Triggers(Context(doc, lexicon)).propose():
            scored = candidates(mention.token)
            if not scored:
                continue
            labels = [_label(token.idx, spans) for token, _ in scored]
            x = features(mention.token, scored, lexicon.classes)
            found.append(Example(x, np.array(labels, dtype=int)))
    return found


def _occurrences(text: str, names: set[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Where each named perpetrator, victim or target stands in ``text``, shortest first."""
    spans = [
        (m.start(), m.end(), role)
        for name, role in sorted(names)
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    return sorted(spans, key=lambda s: (s[1] - s[0], s))


def _label(char: int, spans: list[tuple[int, int, str]]) -> int:
    """The label of a phrase head at ``char``: the role of the shortest mention around it."""
    role = next((r for s, e, r in spans if s <= char < e), "none")
    return LABELS.index(role)


def fit(examples: list[Example]):
    """A network trained on ``examples``."""
    x = np.vstack([e.x for e in examples])
    y = np.concatenate([e.y for e in examples])
    return fit_softmax(
        build_model(x.shape[1]),
        x,
        y,
        len(LABELS),
        epochs=EPOCHS,
        batch=BATCH,
        learn_rate=LEARN_RATE,
        seed=SEED,
    )


def role_f1(network, examples: list[Example], threshold: float) -> dict[str, float]:
    """Per role, F1 of the candidate the model chooses for each trigger (as
    :meth:`RoleModel.choose` chooses) against the candidates labelled with that role."""
    counts = {role: [0, 0, 0] for role in LABELS[1:]}  # right, chosen, triggers with gold
    for example in examples:
        p = network.predict(example.x)
        for k, role in enumerate(LABELS[1:], start=1):
            best = int(np.argmax(p[:, k]))
            gold = example.y == k
            chosen = p[best, k] >= threshold
            counts[role][0] += int(chosen and gold[best])
            counts[role][1] += int(chosen)
            counts[role][2] += int(gold.any())
    scores = {}
    for role, (right, chosen, gold) in counts.items():
        precision = right / chosen if chosen else 0.0
        recall = right / gold if gold else 0.0
        total = precision + recall
        scores[role] = round(2 * precision * recall / total, 4) if total else 0.0
    return scores


def train(directory: Path, model_name: str) -> tuple[RoleModel, dict]:
    """The shipped role model and what MUC-4's dev split said of it."""
    corpus = directory / CORPUS
    train_split = read_split(corpus / "train.json", model_name)
    dev_split = read_split(corpus / "dev.json", model_name)
    network = fit(train_split)
    by_threshold = {t: role_f1(network, dev_split, t) for t in THRESHOLDS}
    threshold = max(THRESHOLDS, key=lambda t: (sum(by_threshold[t].values()), -t))
    shipped = RoleModel(fit(train_split + dev_split), threshold)
    labels = np.concatenate([e.y for e in train_split + dev_split])
    report = {
        "threshold": threshold,
        "dev_f1": by_threshold[threshold],
        "dev_f1_by_threshold": {str(t): f for t, f in by_threshold.items()},
        "triggers": {"train": len(train_split), "dev": len(dev_split)},
        "candidates": {label: int((labels == k).sum()) for k, label in enumerate(LABELS)},
    }
    return shipped, report
