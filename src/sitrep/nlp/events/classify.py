"""Learned event typing: a linear model that reads a clause and scores the 16 PLOVER types.

Trained by ``make train`` (sitrep.train.events) on NGEC's synthetic stories, whose PLOVER type
is a label of the whole story: the model learns from each story's headline and lead sentence
how event types are worded ("workers STRIKE for pay" is a PROTEST, "an air STRIKE" an
ASSAULT). Its features are the clause's content lemmas, its verbs with their objects ("release
video" against "release prisoner"), the PLOVER types the trigger lexicon offers for its words,
and the clause's average token vector from the parser's tok2vec (``doc.tensor``). Weights and
their card are in ``sitrep/models/events/``; nothing is downloaded.

The trigger rules use it to choose between the types the lexicon offers for one word (see
``Triggers.match``): where its choice is as sure as ``override`` (the probability from which
it was right 90% of the time on held-out stories), it overrides the lexicon's order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Token
from spacy.util import registry

from sitrep.nlp.events.lexicon import Lexicon
from sitrep.nlp.events.syntax import lemma_of

MODEL_FILES = ("sparse.npy", "dense.npy", "bias.npy", "features.json")
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "attr", "pobj"})


def features(tokens: Sequence[Token], lex: Lexicon) -> list[str]:
    """The sparse features of a clause (its tokens in text order)."""
    found: list[str] = []
    for token in tokens:
        if token.pos_ not in _CONTENT_POS or token.is_stop or not token.is_alpha:
            continue
        lemma = lemma_of(token)
        if token.ent_type_ in ("GPE", "NORP", "PERSON", "ORG"):
            # Names say little of the event's type and would tie it to invented countries.
            found.append(f"ent={token.ent_type_}")
            continue
        found.append(f"w={lemma}")
        entries = lex.entries.get(lemma) or lex.entries.get(token.lower_) or ()
        found.extend(f"c={t}" for t in dict.fromkeys(e.type for e in entries))
        if token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ in _OBJECTS or child.dep_ == "prt":
                    found.append(f"vo={lemma}_{lemma_of(child)}")
        elif token.dep_ in ("compound", "amod") and token.head.pos_ == "NOUN":
            found.append(f"nn={lemma}_{lemma_of(token.head)}")
    return found


@dataclass(frozen=True)
class TypeModel:
    """Softmax regression over sparse features and the clause's mean token vector."""

    types: tuple[str, ...]
    override: float  # the probability from which its choice overrides the lexicon's order
    index: dict[str, int]  # feature -> row of ``sparse``
    sparse: np.ndarray  # (features, types)
    dense: np.ndarray  # (tensor width, types)
    bias: np.ndarray  # (types,)

    def scores(self, feature_names: Iterable[str], vector: np.ndarray | None) -> np.ndarray:
        """Probabilities of ``types`` for a clause's features and mean token vector."""
        rows = [self.index[f] for f in feature_names if f in self.index]
        logits = self.bias.astype(np.float64) + self.sparse[rows].sum(axis=0)
        if vector is not None and vector.shape == (self.dense.shape[0],):
            logits = logits + vector @ self.dense
        logits -= logits.max()
        odds = np.exp(logits)
        return odds / odds.sum()

    def clause(self, tokens: Sequence[Token], lex: Lexicon) -> dict[str, float]:
        """Type -> probability for a clause of a parsed doc."""
        tensor = tokens[0].doc.tensor if tokens else None
        vector = None
        if tensor is not None and len(tensor):
            vector = tensor[[t.i for t in tokens]].mean(axis=0)
        probabilities = self.scores(features(tokens, lex), vector)
        return dict(zip(self.types, probabilities.tolist(), strict=True))


def clause_of(token: Token) -> list[Token]:
    """The clause a trigger belongs to: the subtree of its nearest verb or sentence root
    (a noun's governing verb: "the STRIKE on the market killed twelve")."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    return list(head.subtree)


@registry.misc("sitrep.event_types.v1")
def load_type_model() -> TypeModel | None:
    """The shipped model (read once per process); None when the package ships none."""
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> TypeModel | None:
    folder = resources.files("sitrep.models").joinpath("events")
    if not all(folder.joinpath(name).is_file() for name in MODEL_FILES):
        return None
    arrays = {}
    for name in ("sparse", "dense", "bias"):
        with folder.joinpath(f"{name}.npy").open("rb") as handle:
            arrays[name] = np.load(handle)
    meta = json.loads(folder.joinpath("features.json").read_text("utf-8"))
    return TypeModel(
        types=tuple(meta["types"]),
        override=float(meta["override_probability"]),
        index={name: i for i, name in enumerate(meta["features"])},
        sparse=arrays["sparse"].astype(np.float32),
        dense=arrays["dense"].astype(np.float32),
        bias=arrays["bias"].astype(np.float32),
    )
