"""Temporal expression accuracy on TimeML files (TimeBank, TempEval-3).

Each ``.tml`` file gives a document creation time (``<DCT><TIMEX3 value=...>``), used as the
publication date, and ``<TEXT>`` with inline ``<TIMEX3 value=...>`` elements. Scores: TIMEX3
span precision, recall and F1, a match being any overlap (and, separately, identical
boundaries), and value accuracy on the gold expressions that were matched.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import E, SitrepError
from sitrep.evaluate.metrics import f1, overlap, read_xml
from sitrep.ingest.meta import make_article
from sitrep.model import Article, ArticleReport, Failure


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    name: str
    text: str
    published: str | None
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True)
class TimeScores:
    documents: int
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float
    exact_precision: float
    exact_recall: float
    exact_f1: float
    value_accuracy: float  # on gold expressions matched by overlap

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def read_timeml(path: Path) -> TimeMLDocument:
    """The text, creation date and TIMEX3 expressions of one TimeML file."""
    root = read_xml(path)
    body = root.find("TEXT")
    if body is None:
        raise SitrepError(E.EVAL_DATA, what=str(path), reason="no <TEXT> element")
    dct = root.find("DCT/TIMEX3")
    parts: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(element: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        if element.tag == "TIMEX3" and element.get("value"):
            end = start + len("".join(element.itertext()))
            timexes.append(GoldTimex(start, end, element.get("value", "")))

    walk(body)
    published = dct.get("value") if dct is not None else None
    return TimeMLDocument(
        path.name, "".join(parts), published, tuple(sorted(timexes, key=lambda t: t.start))
    )


def read_corpus(directory: Path) -> list[TimeMLDocument]:
    """Every ``*.tml`` file under ``directory`` (sorted by name), or one file."""
    if directory.is_file():
        return [read_timeml(directory)]
    if not directory.is_dir():
        raise SitrepError(E.PATH_NOT_FOUND, what=str(directory))
    files = sorted(directory.rglob("*.tml"))
    if not files:
        raise SitrepError(E.EVAL_DATA, what=str(directory), reason="no .tml files in it")
    return [read_timeml(f) for f in files]


def evaluate_times(
    directory: Path,
    analyze_many: Callable[[Iterable[Article]], Iterator[ArticleReport | Failure]],
    every: int = 1,
) -> TimeScores:
    """Scores ``analyze_many`` on the TimeML files in ``directory``, each file's creation time
    given as its publication date; ``every`` > 1 scores every n-th file only."""
    documents = [d for d in read_corpus(directory) if d.text.strip()][::every]
    articles = [make_article(d.text, published=d.published, path=d.name) for d in documents]
    predicted: list[list[tuple[int, int, str]]] = []
    for report in analyze_many(articles):
        if isinstance(report, Failure):
            predicted.append([])
        else:
            predicted.append([(t.span.start, t.span.end, t.value) for t in report.times])
    return score(documents, predicted)


def score(
    documents: list[TimeMLDocument], predicted: list[list[tuple[int, int, str]]]
) -> TimeScores:
    """Scores of ``predicted`` (start, end, value) triples, one list per document."""
    n_gold = n_pred = hit_pred = hit_gold = exact = right = 0
    for document, mentions in zip(documents, predicted, strict=True):
        gold = document.timexes
        n_gold += len(gold)
        n_pred += len(mentions)
        hit_pred += sum(
            1 for s, e, _ in mentions if any(overlap(s, e, g.start, g.end) for g in gold)
        )
        for timex in gold:
            best = max(
                mentions, key=lambda m: overlap(m[0], m[1], timex.start, timex.end), default=None
            )
            if best is None or not overlap(best[0], best[1], timex.start, timex.end):
                continue
            hit_gold += 1
            right += best[2] == timex.value
            exact += any(s == timex.start and e == timex.end for s, e, _ in mentions)
    precision = hit_pred / n_pred if n_pred else 0.0
    recall = hit_gold / n_gold if n_gold else 0.0
    exact_precision = exact / n_pred if n_pred else 0.0
    exact_recall = exact / n_gold if n_gold else 0.0
    return TimeScores(
        documents=len(documents),
        gold=n_gold,
        predicted=n_pred,
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1(precision, recall), 4),
        exact_precision=round(exact_precision, 4),
        exact_recall=round(exact_recall, 4),
        exact_f1=round(f1(exact_precision, exact_recall), 4),
        value_accuracy=round(right / hit_gold, 4) if hit_gold else 0.0,
    )
