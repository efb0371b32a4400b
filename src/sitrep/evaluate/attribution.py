"""Attribution accuracy on brat standoff files (PolNeAR, Newell et al. 2018, and any corpus in
the same layout): ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME[_ANNOTATOR].ann`` with
``Source``, ``Cue`` and ``Content`` text-bound annotations (fragments joined by ``;``).

Each ``.ann`` file is scored against the attributions sitrep finds in its text; a text with
several annotators' files counts once per file (micro-average over files). PolNeAR annotates
only the outer attribution of a report of a report (in "X said Y denied Z" only X's) and no
belief or attitude inside a reported content ("X said he expects ..."), so such nested frames
are not scored. For each role:
precision, recall and F1 by *overlap* (a predicted and a gold span of the role share a
character; each span matched at most once, largest overlaps first) and *exact* (the same
fragments, whitespace trimmed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from sitrep.errors import E, SitrepError
from sitrep.evaluate.metrics import f1, overlap
from sitrep.ingest.text import parse_text
from sitrep.nlp.attribution import AttributionFrame, attribution_frames
from sitrep.nlp.doc import new_doc_state

ROLES = ("source", "cue", "content")
_TEXT_BOUND = re.compile(
    r"^T\d+\t(?P<role>Source|Cue|Content) (?P<offsets>[\d ;]+)\t", re.MULTILINE
)
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class RoleScores:
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float
    exact_precision: float
    exact_recall: float
    exact_f1: float

    def to_dict(self) -> dict[str, float | int]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class AttributionScores:
    files: int
    texts: int
    roles: dict[str, RoleScores]

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "texts": self.texts,
            "roles": {name: scores.to_dict() for name, scores in self.roles.items()},
        }


def read_brat(path: Path) -> dict[str, list[Fragments]]:
    """The Source, Cue and Content spans of one ``.ann`` file, by role."""
    spans: dict[str, list[Fragments]] = {role: [] for role in ROLES}
    for match in _TEXT_BOUND.finditer(path.read_text("utf-8")):
        fragments = tuple(
            (int(start), int(end))
            for start, end in (piece.split() for piece in match.group("offsets").split(";"))
        )
        spans[match.group("role").lower()].append(fragments)
    return spans


def gold_files(directory: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs under ``directory``, sorted by annotation name."""
    texts, annotations = directory / "text", directory / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise SitrepError(
            E.EVAL_DATA, what=str(directory), reason="expected the folders text/ and attributions/"
        )
    pairs = []
    for ann in sorted(annotations.glob("*.ann")):
        text = texts / f"{_ANNOTATOR.sub('', ann.stem)}.txt"
        if not text.is_file():
            text = texts / f"{ann.stem}.txt"
        if not text.is_file():
            raise SitrepError(E.EVAL_DATA, what=str(ann), reason=f"no text file {text.name}")
        pairs.append((text, ann))
    if not pairs:
        raise SitrepError(E.EVAL_DATA, what=str(directory), reason="no .ann files in attributions/")
    return pairs


def predict(nlp: Language, texts: Iterable[str]) -> list[dict[str, list[Fragments]]]:
    """The spans of the attributions ``nlp`` finds in each text, by role, offsets into the text."""
    articles = [parse_text(text) for text in texts]
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.body)
        new_doc_state(doc, article)
        docs.append(doc)
    found = []
    for doc in nlp.pipe(docs, batch_size=16):
        shift = doc._.offset
        spans: dict[str, list[Fragments]] = {role: [] for role in ROLES}
        frames = attribution_frames(doc)
        for frame in frames:
            if any(_nests(frame, other) for other in frames if other is not frame):
                continue
            if frame.source is not None:
                spans["source"].append(((frame.source[0] + shift, frame.source[1] + shift),))
            spans["cue"].append(((frame.cue[0] + shift, frame.cue[1] + shift),))
            spans["content"].append(tuple((s + shift, e + shift) for s, e in frame.content))
        found.append(spans)
    return found


def evaluate_attribution(directory: Path, nlp: Language, every: int = 1) -> AttributionScores:
    """Scores the attributions of ``nlp`` (a pipeline with ``sitrep_attribution``) on the brat
    files under ``directory``; ``every`` > 1 scores every n-th text (by name) for a quick run."""
    every_pair = gold_files(directory)
    names = sorted({text for text, _ in every_pair})[::every]
    chosen = set(names)
    pairs = [(text, ann) for text, ann in every_pair if text in chosen]
    texts = {name: name.read_text("utf-8") for name in names}
    predicted = dict(zip(names, predict(nlp, (texts[n] for n in names)), strict=True))
    gold = [(read_brat(ann), predicted[text], texts[text]) for text, ann in pairs]
    return AttributionScores(
        files=len(pairs),
        texts=len(names),
        roles={role: score_role([(g[role], p[role], t) for g, p, t in gold]) for role in ROLES},
    )


def score_role(items: list[tuple[list[Fragments], list[Fragments], str]]) -> RoleScores:
    """Scores (gold, predicted, text) triples of one role, micro-averaged."""
    n_gold = n_pred = hits = exact = 0
    for gold, predicted, text in items:
        n_gold += len(gold)
        n_pred += len(predicted)
        hits += matched(gold, predicted)
        gold_exact = [_trimmed(g, text) for g in gold]
        for p in predicted:
            key = _trimmed(p, text)
            if key in gold_exact:
                gold_exact.remove(key)
                exact += 1
    return _scores(n_gold, n_pred, hits, exact)


def matched(gold: list[Fragments], predicted: list[Fragments]) -> int:
    """One-to-one matches between overlapping spans, largest overlaps first."""
    pairs = sorted(
        ((_shared(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for shared, i, j in pairs:
        if shared <= 0:
            break
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
    return len(used_gold)


def _nests(inner: AttributionFrame, outer: AttributionFrame) -> bool:
    """Whether ``inner`` is only part of what ``outer`` reports: its whole content ("X said Y
    denied Z"), or a belief or attitude inside it ("X said he expects ...")."""
    inside = any(start <= inner.cue[0] and inner.cue[1] <= end for start, end in outer.content)
    return inside and (outer.content_head == inner.head or inner.kind != "speech")


def _shared(a: Fragments, b: Fragments) -> int:
    return sum(overlap(s1, e1, s2, e2) for s1, e1 in a for s2, e2 in b)


def _trimmed(fragments: Fragments, text: str) -> Fragments:
    out = []
    for start, end in fragments:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((start, end))
    return tuple(sorted(out))


def _scores(n_gold: int, n_pred: int, hits: int, exact: int) -> RoleScores:
    precision = hits / n_pred if n_pred else 0.0
    recall = hits / n_gold if n_gold else 0.0
    exact_p = exact / n_pred if n_pred else 0.0
    exact_r = exact / n_gold if n_gold else 0.0
    return RoleScores(
        gold=n_gold,
        predicted=n_pred,
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1(precision, recall), 4),
        exact_precision=round(exact_p, 4),
        exact_recall=round(exact_r, 4),
        exact_f1=round(f1(exact_p, exact_r), 4),
    )
