"""Recipe: the attribution model's weights from PolNeAR's training split (``make train``).

Reads ``../shared/train/attribution/polnear_train`` (brat standoff: Source, Cue and Content
spans joined by Attribution events), parses each text with the packaged English pipeline, and
learns the three decisions of :mod:`sitrep.nlp.attribution_model` with AdaGrad on the softmax
loss, in a fixed order (seeded shuffles), so two runs give the same weights byte for byte.
Never needed at run time.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc, DocBin

from sitrep.nlp import attribution_model as model

SEED = 20161108
#: Passes over the data; dev figures stop improving after the third (see the card).
EPOCHS = 4
LEARNING_RATE = 0.2
#: A content candidate counts as the gold one when it shares this much of their union.
CONTENT_MATCH = 0.5

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t", re.MULTILINE)
_EVENT = re.compile(r"^E\d+\t(.+)$", re.MULTILINE)

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    cue: Fragments
    source: Fragments | None
    content: Fragments


def read_ann(text: str) -> list[GoldAttribution]:
    """The linked attributions of one brat ``.ann`` file."""
    spans: dict[str, Fragments] = {}
    for match in _TEXT_BOUND.finditer(text):
        spans[match.group(1)] = tuple(
            (int(a), int(b)) for a, b in (p.split() for p in match.group(3).split(";"))
        )
    found = []
    for match in _EVENT.finditer(text):
        roles = dict(part.split(":", 1) for part in match.group(1).split())
        if "Cue" not in roles or "Content" not in roles:
            continue
        source = roles.get("Source")
        found.append(
            GoldAttribution(
                spans[roles["Cue"]], spans[source] if source else None, spans[roles["Content"]]
            )
        )
    return found


def read_corpus(directory: Path) -> Iterator[tuple[str, str, list[list[GoldAttribution]]]]:
    """(name, text, one list of attributions per annotator file) for each text, by name."""
    for text_path in sorted((directory / "text").glob("*.txt")):
        name = text_path.stem
        files = sorted((directory / "attributions").glob(f"{name}*.ann"))
        yield name, text_path.read_text("utf-8"), [read_ann(f.read_text("utf-8")) for f in files]


def parse(directory: Path, cache: Path, model_name: str) -> list[Doc]:
    """The texts parsed by ``model_name``, cached as a DocBin beside the recipe's outputs."""
    nlp = spacy.load(model_name)
    texts = [text for _, text, _ in read_corpus(directory)]
    if cache.exists():
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts, batch_size=32))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(DocBin(docs=docs).to_bytes())
    return docs


def _tokens(doc: Doc, fragments: Fragments) -> tuple[int, int] | None:
    """Token bounds covering the first fragment (a cue's or source's words are contiguous)."""
    span = doc.char_span(*fragments[0], alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def examples(
    doc: Doc, gold: list[GoldAttribution], lexicon: model.CueLexicon
) -> Iterator[tuple[list[np.ndarray], int]]:
    """Training decisions of one annotated doc: (candidates' feature ids, gold index)."""
    quoted = model._quote_depth(doc)
    labels = ["O"] * len(doc)
    for item in gold:
        for fragment in item.cue:
            bounds = _tokens(doc, (fragment,))
            if bounds is None:
                continue
            labels[bounds[0]] = "B"
            for i in range(bounds[0] + 1, bounds[1]):
                labels[i] = "I"
    for token in doc:
        feats = model.cue_features(token, quoted[token.i], lexicon)
        options = [model._label_features(feats, label) for label in model._CUE_LABELS]
        yield options, model._CUE_LABELS.index(labels[token.i])
    for item in gold:
        cue = _tokens(doc, item.cue)
        if cue is None:
            continue
        yield from _source_example(doc, cue, item, quoted)
        yield from _content_example(doc, cue, item)


def _source_example(doc, cue, item, quoted):
    candidates = model.source_candidates(doc, cue)
    gold_index = 0
    if item.source is not None:
        span = doc.char_span(*item.source[0], alignment_mode="expand")
        if span is None:
            return
        root = span.root.i
        matches = [n for n, (_, _, token) in enumerate(candidates) if token.i == root]
        if not matches:
            return  # the gold source is no candidate: nothing to learn from this choice
        gold_index = matches[0] + 1
    options = [model.feature_ids(model.source_features(doc, cue, None, quoted))] + [
        model.feature_ids(model.source_features(doc, cue, token, quoted))
        for _, _, token in candidates
    ]
    yield options, gold_index


def _content_example(doc, cue, item):
    candidates = model.content_candidates(doc, cue)
    if not candidates:
        return
    gold = set()
    for start, end in item.content:
        gold.update(range(start, end))
    best, best_score = -1, CONTENT_MATCH
    for n, (start, end, _) in enumerate(candidates):
        chars = set(range(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
        score = len(chars & gold) / len(chars | gold)
        if score >= best_score:
            best, best_score = n, score
    if best < 0:
        return
    yield [model.feature_ids(model.content_features(doc, cue, c)) for c in candidates], best


def train(decisions: list[tuple[list[np.ndarray], int]], epochs: int = EPOCHS) -> np.ndarray:
    """AdaGrad on the softmax loss of each decision, in a seeded order."""
    weights = np.zeros(model._DIMENSIONS, np.float64)
    squares = np.full(model._DIMENSIONS, 1e-8)
    order = list(range(len(decisions)))
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(order)
        for n in order:
            options, gold = decisions[n]
            scores = np.array([weights[ids].sum() for ids in options])
            scores -= scores.max()
            probs = np.exp(scores)
            probs /= probs.sum()
            probs[gold] -= 1.0
            for ids, grad in zip(options, probs, strict=True):
                if abs(grad) < 1e-4:
                    continue
                np.add.at(squares, ids, grad * grad)
                np.subtract.at(weights, ids, LEARNING_RATE * grad / np.sqrt(squares[ids]))
    return weights.astype(np.float32)


def build(data: Path, cache: Path, model_name: str) -> model.LinearChooser:
    """Weights learned from the PolNeAR training split under ``data``."""
    lexicon = model.load_lexicon()
    corpus = list(read_corpus(data))
    docs = parse(data, cache, model_name)
    decisions = [
        decision
        for doc, (_, _, annotations) in zip(docs, corpus, strict=True)
        for gold in annotations
        for decision in examples(doc, gold, lexicon)
    ]
    return model.LinearChooser(train(decisions))
