"""The trained half of attribution: cue, source and content found by linear models learned from
PolNeAR (``make train``; recipe in ``sitrep/train/attribution.py``, weights and card in
``sitrep/models/attribution/``).

Three decisions, each a choice among candidates scored by one hashed linear model (a softmax over
the candidates, so every decision carries a probability):

1. cue: each token is O, B (begins a cue) or I (continues one), from its words, tags, parse
   neighbourhood and the cue lexicon (``resources/reporting_cues.tsv``) as a feature;
2. source: among the noun phrases of the cue's sentence and the one before, or none, from the
   dependency path between the cue and the phrase (Citron's source classifier, Newell et al.);
3. content: among the cue's clausal and nominal dependents, the rest of its governing clause,
   and the quotations around it.

Features are strings hashed into a fixed space (``_DIMENSIONS``) with CRC-32, stable across
processes and platforms, so the shipped weights give the same output everywhere.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Doc, Token

#: 2^20 hashed features: collisions stay rare for the ~10^5 distinct features the three models
#: see in PolNeAR training (measured by the recipe), at 4 MB of float32 weights.
_DIMENSIONS = 1 << 20
_CUE_LABELS = ("O", "B", "I")
_NONE = "NONE"
#: Dependents that end a noun phrase: what follows them is another clause or another phrase.
_CLAUSAL = frozenset(
    {"relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "cc", "conj", "parataxis", "mark"}
)
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_NOT_HEADS = frozenset({"compound", "flat", "poss", "nmod", "amod", "det", "case"})
#: Dependents of a cue that can hold what was said, and how a governing clause hangs from a cue
#: that is itself a dependent ("..., officials said" as parataxis; "according to X" as prep).
_CONTENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "obj", "advcl", "parataxis", "attr", "prep", "pobj", "acomp", "oprd"}
)
_QUOTES = frozenset({'"', "“", "”", "``", "''", "«", "»"})
_SOURCE_WINDOW = 1  # sentences before the cue's own in which a source may stand


def feature_ids(features: Iterable[str]) -> np.ndarray:
    """The hashed indices of ``features`` (stable: CRC-32, not Python's salted ``hash``)."""
    return np.fromiter(
        (zlib.crc32(f.encode("utf-8")) % _DIMENSIONS for f in features), dtype=np.int64
    )


class LinearChooser:
    """Scores candidates by the sum of their features' weights; softmax over one decision's
    candidates gives each a probability. One weight vector serves the three decisions: every
    feature names its decision."""

    def __init__(self, weights: np.ndarray | None = None) -> None:
        self.weights = np.zeros(_DIMENSIONS, np.float32) if weights is None else weights

    def probabilities(self, candidates: Sequence[np.ndarray]) -> np.ndarray:
        scores = np.array([self.weights[ids].sum() for ids in candidates], dtype=np.float64)
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()

    def to_bytes(self) -> bytes:
        """A gzipped ``.npy`` of float16 weights: half the size of float32, and the same bytes
        for the same weights (no timestamp, unlike ``np.savez``), so a retrain can be compared."""
        buffer = io.BytesIO()
        np.save(buffer, self.weights.astype(np.float16))
        return gzip.compress(buffer.getvalue(), compresslevel=9, mtime=0)

    @classmethod
    def from_bytes(cls, data: bytes) -> LinearChooser:
        return cls(np.load(io.BytesIO(gzip.decompress(data))).astype(np.float32))


# -- features --------------------------------------------------------------------------------


class CueLexicon:
    """Cue lemmas with their stance and kind (from reporting_cues.tsv): a feature, not a rule."""

    def __init__(self, entries: dict[str, tuple[str, str]]) -> None:
        self.entries = entries

    def get(self, lemma: str) -> tuple[str, str] | None:
        return self.entries.get(lemma)


@lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    """The cue lexicon: each cue's first word with the stance and kind of its first entry."""
    text = resources.files("sitrep.resources").joinpath("reporting_cues.tsv").read_text("utf-8")
    rows = csv.DictReader(
        (line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t"
    )
    entries: dict[str, tuple[str, str]] = {}
    for row in rows:
        entries.setdefault(row["cue"].split()[0], (row["stance"], row["kind"]))
    return CueLexicon(entries)


def _quote_depth(doc: Doc) -> list[bool]:
    """Whether each token stands inside quotation marks (straight quotes alternate)."""
    inside = False
    flags = []
    for token in doc:
        text = token.text
        if text in ("“", "«", "``"):
            flags.append(inside)
            inside = True
            continue
        if text in ("”", "»", "''"):
            inside = False
            flags.append(inside)
            continue
        if text == '"':
            flags.append(inside)
            inside = not inside
            continue
        flags.append(inside)
    return flags


def cue_features(token: Token, quoted: bool, lexicon: CueLexicon) -> list[str]:
    lemma = token.lemma_.lower()
    head = token.head
    entry = lexicon.get(lemma)
    prev = token.nbor(-1) if token.i > token.sent.start else None
    nxt = token.nbor(1) if token.i + 1 < token.sent.end else None
    feats = [
        "c:bias",
        f"c:w={token.lower_}",
        f"c:l={lemma}",
        f"c:p={token.pos_}",
        f"c:t={token.tag_}",
        f"c:d={token.dep_}",
        f"c:lp={lemma}|{token.pos_}",
        f"c:ld={lemma}|{token.dep_}",
        f"c:hl={head.lemma_.lower()}",
        f"c:hd={head.dep_}|{token.dep_}",
        f"c:hlp={head.lemma_.lower()}|{token.lower_}",
        f"c:pl={prev.lemma_.lower() if prev else '<s>'}",
        f"c:nl={nxt.lemma_.lower() if nxt else '</s>'}",
        f"c:pp={prev.pos_ if prev else '<s>'}|{token.pos_}",
        f"c:np={token.pos_}|{nxt.pos_ if nxt else '</s>'}",
        f"c:q={quoted}",
        f"c:e={token.ent_type_}",
        f"c:lex={entry[0] if entry else '-'}",
        f"c:lexk={entry[1] if entry else '-'}|{token.pos_}",
    ]
    for child in token.children:
        feats.append(f"c:cd={child.dep_}")
        feats.append(f"c:lcd={lemma}|{child.dep_}")
    if entry is not None:
        feats.append(f"c:lexd={token.dep_}")
    return feats


def _label_features(feats: list[str], label: str) -> np.ndarray:
    return feature_ids(f"{f}>{label}" for f in feats)


def _nbor_sents(doc: Doc, token: Token) -> tuple[int, int]:
    """Token bounds of the cue's sentence and the ``_SOURCE_WINDOW`` sentences before it."""
    sent = token.sent
    start = sent.start
    for _ in range(_SOURCE_WINDOW):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start, sent.end


def noun_phrase(token: Token) -> tuple[int, int]:
    """Token bounds ``[start, end)`` of the noun phrase headed by ``token``: its subtree without
    clausal dependents and what follows them."""
    start = end = token.i
    stack = [token]
    while stack:
        node = stack.pop()
        start = min(start, node.i)
        end = max(end, node.i)
        stack.extend(c for c in node.children if c.dep_ not in _CLAUSAL)
    doc = token.doc
    while end > start and doc[end].is_punct:
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    return start, end + 1


def _path(a: Token, b: Token) -> str:
    """The dependency path from ``a`` up to the lowest common ancestor and down to ``b``, as
    labels (at most three steps each way)."""
    up_a = [a, *list(a.ancestors)]
    up_b = [b, *list(b.ancestors)]
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, node in enumerate(up_a):
        if node.i in ids_b:
            m = ids_b[node.i]
            left = [t.dep_ for t in up_a[:n]][:3]
            right = [t.dep_ for t in up_b[:m]][:3]
            return "^".join(left) + "|" + "v".join(reversed(right))
    return "far"


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "more"


def source_candidates(doc: Doc, cue: tuple[int, int]) -> list[tuple[int, int, Token]]:
    """Noun phrases that may name the source of the cue at token bounds ``cue``."""
    head = cue_head(doc, cue)
    start, end = _nbor_sents(doc, head)
    found = []
    for token in doc[start:end]:
        if token.pos_ not in _NOMINAL or token.dep_ in _NOT_HEADS or cue[0] <= token.i < cue[1]:
            continue
        np_start, np_end = noun_phrase(token)
        found.append((np_start, np_end, token))
    return found


def source_features(
    doc: Doc, cue: tuple[int, int], candidate: Token | None, quoted: list[bool]
) -> list[str]:
    head = cue_head(doc, cue)
    lemma = head.lemma_.lower()
    if candidate is None:
        return ["s:none", f"s:none|{lemma}", f"s:none|{head.dep_}", f"s:none|{head.tag_}"]
    path = _path(head, candidate)
    before = candidate.i < head.i
    same = candidate.sent.start == head.sent.start
    kind = candidate.lower_ if candidate.pos_ == "PRON" else candidate.pos_
    return [
        "s:bias",
        f"s:path={path}",
        f"s:pathl={path}|{lemma}",
        f"s:pathk={path}|{kind}",
        f"s:dir={before}",
        f"s:dist={_bucket(abs(candidate.i - head.i))}|{before}",
        f"s:same={same}",
        f"s:kind={kind}",
        f"s:e={candidate.ent_type_}",
        f"s:d={candidate.dep_}",
        f"s:l={candidate.lemma_.lower()}",
        f"s:dl={candidate.dep_}|{lemma}",
        f"s:q={quoted[candidate.i]}|{quoted[head.i]}",
        f"s:cueq={quoted[head.i]}",
    ]


def cue_head(doc: Doc, cue: tuple[int, int]) -> Token:
    """The cue's syntactic head: its first token whose head lies outside it."""
    for token in doc[cue[0] : cue[1]]:
        if not cue[0] <= token.head.i < cue[1] or token.head.i == token.i:
            return token
    return doc[cue[0]]


def content_candidates(doc: Doc, cue: tuple[int, int]) -> list[tuple[int, int, str]]:
    """Token spans that may hold what the cue reports, each with the way it was found."""
    head = cue_head(doc, cue)
    found: list[tuple[int, int, str]] = []
    for child in head.children:
        if child.dep_ in _CONTENT_DEPS and not cue[0] <= child.i < cue[1]:
            bounds = _trimmed(doc, child.left_edge.i, child.right_edge.i + 1)
            found.append((*bounds, f"child:{child.dep_}"))
    governor = head.head
    if head.dep_ in ("parataxis", "advcl", "prep", "ccomp", "conj") and governor.i != head.i:
        start, end = governor.left_edge.i, governor.right_edge.i + 1
        inner = head.left_edge.i, head.right_edge.i + 1
        pieces = [(start, inner[0]), (inner[1], end)]
        longest = max(pieces, key=lambda p: p[1] - p[0])
        if longest[1] > longest[0]:
            found.append((*_trimmed(doc, *longest), f"governor:{head.dep_}"))
    for start, end in _quotations(doc, head):
        found.append((start, end, "quote"))
    sent = head.sent
    if cue[0] - sent.start > 3:
        found.append((*_trimmed(doc, sent.start, cue[0]), "before"))
    if sent.end - cue[1] > 3:
        found.append((*_trimmed(doc, cue[1], sent.end), "after"))
    unique: dict[tuple[int, int], str] = {}
    for start, end, how in found:
        if end > start:
            unique.setdefault((start, end), how)
    return [(start, end, how) for (start, end), how in unique.items()]


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in _QUOTES):
        end -= 1
    while start < end and doc[start].is_punct and doc[start].text not in _QUOTES:
        start += 1
    return start, end


def _quotations(doc: Doc, head: Token) -> Iterator[tuple[int, int]]:
    """Quotations in the cue's sentence and its neighbours, quotation marks included."""
    sent = head.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    end = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
    opened = None
    for token in doc[start:end]:
        if token.text in ("“", "«", "``") or (token.text == '"' and opened is None):
            opened = token.i
        elif token.text in ("”", "»", "''", '"') and opened is not None:
            if token.i - opened > 2:
                yield opened, token.i + 1
            opened = None


def content_features(doc: Doc, cue: tuple[int, int], candidate: tuple[int, int, str]) -> list[str]:
    head = cue_head(doc, cue)
    lemma = head.lemma_.lower()
    start, end, how = candidate
    before = end <= cue[0]
    first = doc[start]
    return [
        "k:bias",
        f"k:how={how}",
        f"k:howl={how}|{lemma}",
        f"k:howd={how}|{head.dep_}",
        f"k:len={_bucket(end - start)}",
        f"k:lenh={_bucket(end - start)}|{how}",
        f"k:dir={before}",
        f"k:gap={_bucket(cue[0] - end if before else start - cue[1])}",
        f"k:first={first.lower_}",
        f"k:firstp={first.pos_}|{how}",
        f"k:quoted={doc[start].text in _QUOTES}|{how}",
        f"k:sent={doc[start].sent.start == head.sent.start}",
    ]


# -- inference ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution the model found: token bounds ``[start, end)`` of each role (doc
    tokens), None for a missing source, with the probability of each decision."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    cue_probability: float
    source_probability: float
    content_probability: float

    @property
    def confidence(self) -> float:
        """The probability that all three decisions are right, taking them as independent."""
        return self.cue_probability * self.source_probability * self.content_probability


def find_cues(
    doc: Doc, chooser: LinearChooser, lexicon: CueLexicon
) -> list[tuple[tuple[int, int], float]]:
    """Cue token spans with the mean probability of their tokens' labels."""
    quoted = _quote_depth(doc)
    spans: list[tuple[tuple[int, int], float]] = []
    current: list[int] = []
    probs: list[float] = []
    for token in doc:
        feats = cue_features(token, quoted[token.i], lexicon)
        p = chooser.probabilities([_label_features(feats, label) for label in _CUE_LABELS])
        label = _CUE_LABELS[int(p.argmax())]
        if label == "I" and current and current[-1] == token.i - 1:
            current.append(token.i)
            probs.append(float(p[2]))
            continue
        if current:
            spans.append(((current[0], current[-1] + 1), float(np.mean(probs))))
            current, probs = [], []
        if label != "O":
            current, probs = [token.i], [float(p[1] + p[2])]
    if current:
        spans.append(((current[0], current[-1] + 1), float(np.mean(probs))))
    return spans


def find(doc: Doc, chooser: LinearChooser, lexicon: CueLexicon) -> list[Found]:
    """Every attribution the model finds in ``doc``, in text order."""
    quoted = _quote_depth(doc)
    found = []
    for cue, cue_p in find_cues(doc, chooser, lexicon):
        sources = source_candidates(doc, cue)
        options = [feature_ids(source_features(doc, cue, None, quoted))] + [
            feature_ids(source_features(doc, cue, token, quoted)) for _, _, token in sources
        ]
        p = chooser.probabilities(options)
        best = int(p.argmax())
        source = None if best == 0 else sources[best - 1][:2]
        contents = content_candidates(doc, cue)
        content, content_p = None, 1.0
        if contents:
            q = chooser.probabilities(
                [feature_ids(content_features(doc, cue, c)) for c in contents]
            )
            pick = int(q.argmax())
            content, content_p = contents[pick][:2], float(q[pick])
        found.append(Found(cue, source, content, cue_p, float(p[best]), content_p))
    return found
