"""Learned event typing: a linear model that reads a clause and scores the 16 PLOVER types.

Trained by ``make train`` (sitrep.train.events) on NGEC's synthetic stories, whose PLOVER type
is a label of the whole story: the model learns from each story's headline, lead sentence and
the sentences that word its type how event types are worded ("workers STRIKE for pay" is a
PROTEST, "an air STRIKE" an ASSAULT). A clause is read for the event of one word, its focus:
the trigger in the pipeline, the main predicate of a sentence read alone (what a speech verb
reports). Its features are the clause's content lemmas, its verbs with their objects ("release
video" against "release prisoner"), the PLOVER types the trigger lexicon offers for its words,
the focus and the words completing it with their lexicon types, negation and modals on the
focus, and the clause's average token vector from the parser's tok2vec (``doc.tensor``).
Weights and their card are in ``sitrep/models/events/``; nothing is downloaded.

The trigger rules use it where the lexicon offers one word entries of several types whose
conditions it meets (see ``Triggers.match``): the model takes the sense it prefers to the
lexicon's first by at least ``margin`` (log odds; set by the training recipe where the
combination was right most often on stories of held-out headline templates), else the
lexicon's first stands.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Token
from spacy.util import registry

from sitrep.nlp.events.lexicon import Lexicon, TriggerEntry
from sitrep.nlp.events.syntax import lemma_of

MODEL_FILES = ("sparse.npy", "dense.npy", "bias.npy", "features.json")
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "attr", "pobj"})
_COMPLETING = frozenset({"xcomp", "dobj", "attr", "nsubjpass"})
_MODALS = frozenset({"will", "would", "could", "may", "might"})


def features(
    tokens: Sequence[Token], lex: Lexicon, focus: Token | None = None, senses: Sequence[str] = ()
) -> list[str]:
    """The sparse features of a clause (its tokens in text order) read for the event of
    ``focus``, by default its main predicate (:func:`main_predicate`); ``senses``: the types of
    the lexicon entries whose conditions the focus meets, in lexicon order."""
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
        found.extend(f"c={t}" for t in candidates(token, lex))
        if token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ in _OBJECTS or child.dep_ == "prt":
                    found.append(f"vo={lemma}_{lemma_of(child)}")
        elif token.dep_ in ("compound", "amod") and token.head.pos_ == "NOUN":
            found.append(f"nn={lemma}_{lemma_of(token.head)}")
    if tokens:
        found.extend(_focus_features(focus or main_predicate(tokens, lex), lex))
    # What the lexicon's conditions make of the focus ("released a VIDEO" meets no entry).
    found.extend(f"s={t}" for t in senses)
    found.append(f"s1={senses[0]}" if senses else "s1=none")
    return found


def _focus_features(focus: Token, lex: Lexicon) -> list[str]:
    """The predicate the event is read from, the words that complete it ("threatened TO
    STRIKE", "released a VIDEO"), and the lexicon's types for each: one sentence may hold
    words of several types, and these say which one it reports."""
    found = []
    completing = [c for c in focus.children if c.dep_ in _COMPLETING]
    for token in (focus, *completing):
        role = "m" if token is focus else f"m{token.dep_}"
        found.append(f"{role}={lemma_of(token)}")
        found.extend(f"{role}c={t}" for t in candidates(token, lex))
    if any(c.dep_ == "neg" for c in focus.children):
        found.append("neg")
    if any(c.lower_ in _MODALS for c in focus.children):
        found.append("modal")
    return found


def candidates(token: Token, lex: Lexicon) -> list[str]:
    """The PLOVER types the trigger lexicon offers for a word, in lexicon order."""
    return list(dict.fromkeys(e.type for e in entries_of(token, lex)))


def entries_of(token: Token, lex: Lexicon) -> tuple[TriggerEntry, ...]:
    """The trigger lexicon's entries for a word: by its lemma, else its lower-cased form."""
    return lex.entries.get(lemma_of(token)) or lex.entries.get(token.lower_) or ()


def main_predicate(tokens: Sequence[Token], lex: Lexicon) -> Token:
    """The clause's top word, or where that is a speech verb, what it reports ("Israel SAID
    it would WITHDRAW")."""
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[0])
    for _ in range(3):
        if lex.governors.get(lemma_of(head)) != "reporting":
            break
        reported = next((c for c in head.children if c.dep_ in ("ccomp", "xcomp")), None)
        if reported is None:
            break
        head = reported
    return head


@dataclass(frozen=True)
class TypeModel:
    """Softmax regression over sparse features and the clause's mean token vector."""

    types: tuple[str, ...]
    margin: float  # the log odds by which it must prefer a sense to the lexicon's first
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

    def clause(
        self,
        tokens: Sequence[Token],
        lex: Lexicon,
        focus: Token | None = None,
        senses: Sequence[str] = (),
    ) -> dict[str, float]:
        """Type -> probability for a clause of a parsed doc, read for the event of ``focus``
        (by default the clause's main predicate) with the lexicon ``senses`` it fits."""
        tensor = tokens[0].doc.tensor if tokens else None
        vector = None
        if tensor is not None and len(tensor):
            vector = tensor[[t.i for t in tokens]].mean(axis=0)
        probabilities = self.scores(features(tokens, lex, focus, senses), vector)
        return dict(zip(self.types, probabilities.tolist(), strict=True))

    def choose(self, scores: Mapping[str, float], senses: Sequence[str]) -> str:
        """Of ``senses`` (the lexicon's fitting types, in its order), see :func:`choose`."""
        return choose(scores, senses, self.margin)


def choose(scores: Mapping[str, float], senses: Sequence[str], margin: float) -> str:
    """The sense of ``senses`` the model scores highest where it prefers it to the lexicon's
    first by at least ``margin`` (the log of their probabilities' ratio), else the first."""
    best = max(senses, key=scores.__getitem__)
    preference = math.log(max(scores[best], 1e-12) / max(scores[senses[0]], 1e-12))
    return best if preference >= margin else senses[0]


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
        margin=math.inf if meta["margin"] is None else float(meta["margin"]),
        index={name: i for i, name in enumerate(meta["features"])},
        sparse=arrays["sparse"].astype(np.float32),
        dense=arrays["dense"].astype(np.float32),
        bias=arrays["bias"].astype(np.float32),
    )
