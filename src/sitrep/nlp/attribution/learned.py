"""The learned cue detector: how likely each verb, noun and adjective is to be the cue of an
attribution, from PolNeAR's training split (``make train``; recipe in sitrep/train/cues.py,
card in sitrep/models/attribution/README.md).

A small thinc network reads, for each candidate token, the English model's own context vector
(``doc.tensor``, the tok2vec output the tagger and parser share) for the token and its head,
its part of speech and dependency, the dependencies of its children, what kind of subject it
has, whether it stands in a quotation, whether the rules' cue lexicon lists it, and how often
its lemma headed a cue in the training texts. The lexicon decides nothing alone: "support",
"called", "showed" are cues in some sentences and not in others, and verbs no list holds
("blasted", "knocked", "emailed") are cues in context.

The cue family (cues.py) asks :meth:`CueModel.scores` for every token it may take; how it uses
them is ``attribution_model`` (see :data:`MODES`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import srsly
from spacy.tokens import Doc
from thinc.api import Model, Relu, Softmax, chain

from sitrep.nlp.attribution.text import Quote

#: how the cue family uses the model: ``rules``, the lexicon alone; ``model``, the model alone
#: (a listed word the model doubts is no cue, an unlisted one it believes in is);
#: ``combined``, the lexicon's cues unless the model all but rules them out, and the model's
#: confident cues beside them
MODES = ("rules", "model", "combined")
#: where the weights lie in the package
WEIGHTS = ("sitrep.models", "attribution/cue_model.msgpack")
POS_TAGS = ("VERB", "NOUN", "ADJ")
DEPS = (
    "ROOT", "acl", "acomp", "advcl", "advmod", "amod", "appos", "attr", "ccomp", "conj",
    "csubj", "dep", "dobj", "nmod", "npadvmod", "nsubj", "nsubjpass", "oprd", "parataxis",
    "pcomp", "pobj", "relcl", "xcomp",
)  # fmt: skip
CHILD_DEPS = (
    "ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep", "advcl", "dative", "prt",
    "neg", "aux", "auxpass", "mark", "punct", "acomp", "poss", "acl", "relcl", "attr",
)  # fmt: skip
SUBJECT_ENTS = ("PERSON", "ORG", "NORP", "GPE")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})
#: the model's hidden width
WIDTH = 64
#: the columns of :func:`features` that the lemma prior fills (its last two), which training
#: fills anew for each fold of its cross-fitting
PRIOR_COLUMNS = slice(-2, None)


@dataclass(frozen=True)
class LemmaPrior:
    """How often each lemma headed a cue in the training texts, as smoothed log odds; a lemma
    seen too rarely falls back to the rate of all candidates."""

    odds: dict[str, float]
    seen: dict[str, int]
    default: float

    def features(self, lemma: str) -> tuple[float, float]:
        return self.odds.get(lemma, self.default), float(np.log1p(self.seen.get(lemma, 0)))


def lemma_prior(counts: dict[str, tuple[int, int]], smoothing: float = 2.0) -> LemmaPrior:
    """From lemma -> (times it headed a cue, times it was a candidate)."""
    positives = sum(p for p, _ in counts.values())
    total = sum(n for _, n in counts.values())
    rate = positives / total if total else 0.0
    odds = {
        lemma: float(
            np.log((p + smoothing * rate + 1e-3) / (n - p + smoothing * (1 - rate) + 1e-3))
        )
        for lemma, (p, n) in counts.items()
    }
    default = float(np.log((rate + 1e-3) / (1 - rate + 1e-3)))
    return LemmaPrior(odds, {lemma: n for lemma, (_, n) in counts.items()}, default)


def candidates(doc: Doc) -> np.ndarray:
    """The indices of the tokens the model scores: verbs, nouns and adjectives."""
    strings = doc.vocab.strings
    pos = doc.to_array(["POS"]).reshape(-1)
    return np.flatnonzero(np.isin(pos, [strings[p] for p in POS_TAGS]))


def features(
    doc: Doc, indices: np.ndarray, listed: Iterable[int], prior: LemmaPrior, quoted: np.ndarray
) -> np.ndarray:
    """One row of features per token in ``indices`` (see the module docstring); ``listed``:
    the tokens the cue lexicon holds; ``quoted``: per token, whether it is inside a quotation."""
    width = doc.tensor.shape[1] if doc.tensor.size else 0
    tensor = doc.tensor if width else np.zeros((len(doc), 96), dtype="float32")
    heads = np.array([doc[int(i)].head.i for i in indices], dtype=int)
    listed_set = set(listed)
    pos_index = {p: k for k, p in enumerate(POS_TAGS)}
    dep_index = {d: k for k, d in enumerate(DEPS)}
    child_index = {d: k for k, d in enumerate(CHILD_DEPS)}
    ent_index = {e: k for k, e in enumerate(SUBJECT_ENTS)}
    n_sparse = len(POS_TAGS) + len(DEPS) + len(CHILD_DEPS) + len(SUBJECT_ENTS) + 8
    sparse = np.zeros((len(indices), n_sparse), dtype="float32")
    for row, i in enumerate(indices):
        token = doc[int(i)]
        col = 0
        sparse[row, col + pos_index[token.pos_]] = 1
        col += len(POS_TAGS)
        if token.dep_ in dep_index:
            sparse[row, col + dep_index[token.dep_]] = 1
        col += len(DEPS)
        subject = None
        for child in token.children:
            if child.dep_ in child_index:
                sparse[row, col + child_index[child.dep_]] = 1
            if child.dep_ in SUBJECT_DEPS and subject is None:
                subject = child
        col += len(CHILD_DEPS)
        if subject is not None and subject.ent_type_ in ent_index:
            sparse[row, col + ent_index[subject.ent_type_]] = 1
        col += len(SUBJECT_ENTS)
        sparse[row, col : col + 8] = (
            subject is not None and subject.lower_ in PRONOUNS,
            subject is not None,
            int(i) in listed_set,
            quoted[int(i)],
            token.tag_ in ("VBD", "VBZ", "VBP"),
            token.head.pos_ == "VERB" and token.head.i != token.i,
            *prior.features(token.lemma_.lower()),
        )
    return np.hstack([tensor[indices], tensor[heads], sparse]).astype("float32")


def quoted_tokens(doc: Doc, quotes: list[Quote]) -> np.ndarray:
    """Per token, whether it lies inside a quotation."""
    starts = doc.to_array(["IDX"]).reshape(-1)
    flags = np.zeros(len(doc), dtype=bool)
    for quote in quotes:
        flags |= (starts > quote.start) & (starts < quote.end)
    return flags


def build_model(n_in: int) -> Model:
    return chain(Relu(nO=WIDTH, nI=n_in, dropout=0.1), Softmax(nO=2, nI=WIDTH))


@dataclass
class CueModel:
    model: Model
    prior: LemmaPrior
    #: ``combined``: a listed cue stays unless its score is under ``drop_below``; an unlisted
    #: token is added from ``add_from``. ``model``: ``threshold`` decides alone.
    add_from: float
    drop_below: float
    threshold: float

    def scores(self, doc: Doc, listed: Iterable[int], quoted: np.ndarray) -> dict[int, float]:
        """Token index -> probability that it heads a cue, for every candidate token."""
        indices = candidates(doc)
        if not len(indices):
            return {}
        x = features(doc, indices, listed, self.prior, quoted)
        p = self.model.predict(x)[:, 1]
        return {int(i): float(s) for i, s in zip(indices, p, strict=True)}

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps(
            {
                "weights": self.model.to_bytes(),
                "n_in": self.model.get_dim("nI"),
                "prior": {
                    "odds": self.prior.odds,
                    "seen": self.prior.seen,
                    "default": self.prior.default,
                },
                "add_from": self.add_from,
                "drop_below": self.drop_below,
                "threshold": self.threshold,
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> CueModel:
        found = srsly.msgpack_loads(data)
        model = build_model(found["n_in"])
        model.initialize()
        model.from_bytes(found["weights"])
        prior = found["prior"]
        return cls(
            model,
            LemmaPrior(prior["odds"], prior["seen"], prior["default"]),
            found["add_from"],
            found["drop_below"],
            found["threshold"],
        )


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The packaged model (read once per process); None in a checkout where ``make train`` has
    not yet written it."""
    package, name = WEIGHTS
    path = resources.files(package).joinpath(name)
    if not path.is_file():
        return None
    return CueModel.from_bytes(path.read_bytes())
