"""The learned role scorer: for each noun phrase near an event's trigger, how likely it is the
event's perpetrator (its actor) or its victim or target (its recipient), from the MUC-4
terrorism templates (``make train``; recipe in sitrep/train/roles.py, card in
sitrep/models/roles/README.md).

A small thinc network reads, for each candidate phrase head, how it hangs from the trigger
(its dependency, the preposition it is the object of, through how many arcs, on which side,
whether the trigger is a verb, passive, a participle modifying the phrase, or a noun it
possesses or modifies, whether the phrase is coordinated or a pronoun) and the English model's
own context vectors (``doc.tensor``, the tok2vec output the tagger and parser share) of the
phrase's head and of the trigger. MUC-4's text is lower-cased, so nothing it reads depends on
casing: no entity labels, no proper-noun tags.

The role rules (roles.py) ask :meth:`RoleModel.choose` where the parse leaves them unsure;
how they use it is the ``roles`` setting of ``sitrep_events`` (see :data:`MODES`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import srsly
from spacy.tokens import Token
from spacy.util import registry
from thinc.api import Model, Relu, Softmax, chain

from sitrep.nlp.events.syntax import is_passive, is_verbal, lemma_of

#: how the role rules use the model: ``rules``, the parse rules alone; ``model``, the model
#: alone picks both roles among the candidates; ``combined``, the rules' roles except where
#: they fall back on a guess (no slot names the role, or the first phrase is taken for want
#: of a party), where the model's confident choice replaces it
MODES = ("rules", "model", "combined")
#: where the weights lie in the package
WEIGHTS = ("sitrep.models", "roles/role_model.msgpack")
#: the classes the network scores, in order
LABELS = ("none", "actor", "recipient")
#: the parts of speech of a phrase head that may hold a role
HEAD_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
#: how far below the trigger (in arcs) a candidate may hang, and through which dependencies
MAX_DEPTH = 3
DEPS = (
    "nsubj", "nsubjpass", "dobj", "pobj", "agent", "poss", "compound", "amod", "conj", "appos",
    "dative", "attr", "npadvmod", "nmod", "acl", "relcl", "ROOT", "other",
)  # fmt: skip
PREPS = (
    "by", "of", "against", "on", "in", "at", "from", "with", "to", "for", "into", "near",
    "among", "other",
)  # fmt: skip
#: how the trigger stands to the phrase
RELATIONS = ("below", "head", "head-subject", "other")
WIDTH = 64
_SKIP = frozenset({"det", "punct", "cc", "case", "aux", "auxpass", "neg", "mark", "prep"})
_INNER = frozenset({"compound", "flat", "amod", "nummod", "nmod"})
#: the noun classes of the PLOVER lexicon (plover_triggers.yaml) read of a phrase's head
CLASSES = (
    "actor", "person", "troops", "diplomat", "refugee", "place", "border", "setting", "media",
    "footage", "aid", "agreement", "statement", "proposal",
)  # fmt: skip


def candidates(trigger: Token) -> list[tuple[Token, str]]:
    """The phrase heads of the trigger's sentence that may hold one of its roles, each with
    how it stands to the trigger: ``below`` (within :data:`MAX_DEPTH` arcs under it), ``head``
    (the noun a participle or a trigger noun hangs from: "soldiers CAPTURED by", "the
    soldiers' CAPTURE"), ``head-subject`` (the subject of the verb the trigger hangs from:
    "gunmen stormed the village and KILLED ...")."""
    found: dict[int, tuple[Token, str]] = {}
    frontier = [trigger]
    for _ in range(MAX_DEPTH):
        following = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in _SKIP and child.dep_ != "prep":
                    continue
                # Phrase heads only: a name's first words ("UNITED States") are no phrase of
                # their own, though a modifier of the trigger itself may hold a role ("ISRAELI
                # airstrikes").
                inner = child.dep_ in _INNER and node != trigger
                if child.pos_ in HEAD_POS and child.i not in found and not inner:
                    found[child.i] = (child, "below")
                following.append(child)
        frontier = following
    head = trigger.head
    if head != trigger:
        if head.pos_ in HEAD_POS and head.i not in found:
            found[head.i] = (head, "head")
        for child in head.children:
            subject = child.dep_ in ("nsubj", "nsubjpass") and child != trigger
            if subject and child.pos_ in HEAD_POS and child.i not in found:
                found[child.i] = (child, "head-subject")
    return [found[i] for i in sorted(found)]


def features(
    trigger: Token, found: list[tuple[Token, str]], classes: dict[str, frozenset[str]]
) -> np.ndarray:
    """One row per candidate (see the module docstring); ``classes``: the lexicon's noun
    classes by lemma."""
    doc = trigger.doc
    width = doc.tensor.shape[1] if doc.tensor.size else 96
    tensor = doc.tensor if doc.tensor.size else np.zeros((len(doc), width), dtype="float32")
    dep_index = {d: k for k, d in enumerate(DEPS)}
    prep_index = {p: k for k, p in enumerate(PREPS)}
    rel_index = {r: k for k, r in enumerate(RELATIONS)}
    class_index = {c: k for k, c in enumerate(CLASSES)}
    verbal, passive = is_verbal(trigger), is_passive(trigger)
    n_flags = 12
    n_sparse = len(DEPS) + len(PREPS) + len(RELATIONS) + len(CLASSES) + n_flags
    sparse = np.zeros((len(found), n_sparse), "float32")
    for row, (token, relation) in enumerate(found):
        col = 0
        sparse[row, dep_index.get(token.dep_, dep_index["other"])] = 1
        col += len(DEPS)
        prep = token.head if token.dep_ == "pobj" else None
        if prep is not None:
            sparse[row, col + prep_index.get(lemma_of(prep), prep_index["other"])] = 1
        col += len(PREPS)
        sparse[row, col + rel_index.get(relation, rel_index["other"])] = 1
        col += len(RELATIONS)
        for name in classes.get(lemma_of(token), ()):
            if name in class_index:
                sparse[row, col + class_index[name]] = 1
        col += len(CLASSES)
        depth = _depth(token, trigger)
        sparse[row, col : col + n_flags] = (
            verbal,
            passive,
            trigger.dep_ in ("acl", "relcl"),
            trigger.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"),
            token.i < trigger.i,
            depth == 1,
            depth == 2,
            depth >= 3,
            token.pos_ == "PRON",
            any(c.dep_ == "conj" for c in token.children) or token.dep_ == "conj",
            prep is not None and prep.head == trigger,
            token.tag_ in ("NNS", "NNPS"),
        )
    heads = np.array([t.i for t, _ in found], dtype=int)
    triggers = np.full(len(found), trigger.i, dtype=int)
    return np.hstack([tensor[heads], tensor[triggers], sparse]).astype("float32")


def _depth(token: Token, trigger: Token) -> int:
    """Arcs from the trigger down to the token (0 when it is not below the trigger)."""
    steps = 0
    node = token
    while node != trigger and node.head != node and steps < MAX_DEPTH + 1:
        node = node.head
        steps += 1
    return steps if node == trigger else 0


def build_model(n_in: int) -> Model:
    return chain(Relu(nO=WIDTH, nI=n_in, dropout=0.1), Softmax(nO=len(LABELS), nI=WIDTH))


@dataclass
class RoleModel:
    model: Model
    #: the probability from which a candidate takes a role (chosen on MUC-4's dev split)
    threshold: float

    def scores(
        self, trigger: Token, classes: dict[str, frozenset[str]]
    ) -> list[tuple[Token, float, float]]:
        """Each candidate with the probabilities that it is the actor and the recipient."""
        found = candidates(trigger)
        if not found:
            return []
        p = self.model.predict(features(trigger, found, classes))
        return [(t, float(a), float(r)) for (t, _), (_, a, r) in zip(found, p, strict=True)]

    def choose(
        self, trigger: Token, classes: dict[str, frozenset[str]]
    ) -> tuple[Token | None, Token | None]:
        """The candidates it is surest are the actor and the recipient, where as sure as
        ``threshold``; one phrase takes one role."""
        scored = self.scores(trigger, classes)
        actor = max(scored, key=lambda s: s[1], default=None)
        recipient = max(scored, key=lambda s: s[2], default=None)
        if actor is not None and recipient is not None and actor[0] == recipient[0]:
            others = [s for s in scored if s[0] != actor[0]]
            if actor[1] >= recipient[2]:
                recipient = max(others, key=lambda s: s[2], default=None)
            else:
                actor = max(others, key=lambda s: s[1], default=None)
        return (
            actor[0] if actor is not None and actor[1] >= self.threshold else None,
            recipient[0] if recipient is not None and recipient[2] >= self.threshold else None,
        )

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps(
            {
                "weights": self.model.to_bytes(),
                "n_in": self.model.get_dim("nI"),
                "threshold": self.threshold,
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> RoleModel:
        found = srsly.msgpack_loads(data)
        model = build_model(found["n_in"])
        model.initialize()
        model.from_bytes(found["weights"])
        return cls(model, found["threshold"])


@registry.misc("sitrep.event_roles.v1")
def load_role_model() -> RoleModel | None:
    """The shipped model (read once per process); None when the package ships none."""
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> RoleModel | None:
    package, name = WEIGHTS
    path = resources.files(package).joinpath(name)
    if not path.is_file():
        return None
    return RoleModel.from_bytes(path.read_bytes())
