"""Hedge detection accuracy on the Szeged uncertainty corpus XML (Vincze et al. 2008; its news
part, and any file in the same layout): ``<Document><DocumentPart><Sentence>`` elements whose
text holds uncertainty cues marked ``<ccue type=...>``.

What is scored is what a user gets: the ``hedges`` of the ArticleReport that ``sitrep analyze
--json`` prints, each ``<Document>`` analyzed as one article, its sentences one per line.
Sentence level: a sentence is uncertain when it holds a gold cue, and predicted uncertain when
the report lists a hedge that starts in it (every category of resources/hedges.yaml, and scare
quotes in the first line). Reported: precision,
recall and F1 of the uncertain class and of the certain class, their macro-average, and
accuracy. Cue level: precision, recall and F1 of cue spans within sentences, by overlap (each
span matched at most once) and exact (same characters).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import E, SitrepError
from sitrep.evaluate.attribution import AnalyzeMany, matched
from sitrep.evaluate.metrics import f1, read_xml
from sitrep.model import Article, ArticleReport, article_id


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str
    cues: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class HedgingScores:
    sentences: int
    uncertain_gold: int
    uncertain_predicted: int
    uncertain_precision: float
    uncertain_recall: float
    uncertain_f1: float
    certain_f1: float
    macro_f1: float
    accuracy: float
    cue_gold: int
    cue_predicted: int
    cue_precision: float
    cue_recall: float
    cue_f1: float
    cue_exact_f1: float

    def to_dict(self) -> dict[str, float | int]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def read_szeged(path: Path) -> list[list[GoldSentence]]:
    """The documents of a Szeged-format XML file, each its sentences with their cue offsets."""
    root = read_xml(path)
    documents = [
        [_sentence(element) for element in document.iter("Sentence")]
        for document in root.iter("Document")
    ]
    documents = [sentences for sentences in documents if sentences]
    if not documents:
        raise SitrepError(E.EVAL_DATA, what=str(path), reason="no <Sentence> elements")
    return documents


def _sentence(element: ET.Element) -> GoldSentence:
    parts: list[str] = []
    cues: list[tuple[int, int]] = []
    size = 0

    def walk(node: ET.Element) -> None:
        nonlocal size
        start = size
        if node.text:
            parts.append(node.text)
            size += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                size += len(child.tail)
        if node.tag == "ccue":
            cues.append((start, size))

    walk(element)
    return GoldSentence("".join(parts), tuple(cues))


def predict(
    analyze_many: AnalyzeMany, documents: list[list[GoldSentence]]
) -> list[list[tuple[int, int]]]:
    """The report's hedges in each sentence of ``documents`` (offsets into the sentence), each
    document analyzed as one article with one sentence per line."""
    texts = ["\n".join(s.text for s in sentences) for sentences in documents]
    reports = analyze_many(Article(article_id(text), text) for text in texts)
    found = []
    for sentences, report in zip(documents, reports, strict=True):
        spans = (
            [h["span"] for h in report.to_dict()["hedges"]]
            if isinstance(report, ArticleReport)
            else []
        )
        start = 0
        for sentence in sentences:
            end = start + len(sentence.text)
            found.append(
                [(h["start"] - start, h["end"] - start) for h in spans if start <= h["start"] < end]
            )
            start = end + 1
    return found


def evaluate_hedging(path: Path, analyze_many: AnalyzeMany, every: int = 1) -> HedgingScores:
    """Scores the reports of ``analyze_many`` (e.g. ``Analyzer().analyze_many``) on the
    Szeged-format file at ``path``; ``every`` > 1 scores every n-th document for a quick run."""
    documents = read_szeged(path)[::every]
    gold = [sentence for sentences in documents for sentence in sentences]
    return score(gold, predict(analyze_many, documents))


def score(gold: list[GoldSentence], predicted: list[list[tuple[int, int]]]) -> HedgingScores:
    tp = fp = fn = tn = 0
    cue_hits = cue_exact = n_cue_gold = n_cue_pred = 0
    for sentence, spans in zip(gold, predicted, strict=True):
        uncertain, flagged = bool(sentence.cues), bool(spans)
        tp += uncertain and flagged
        fp += flagged and not uncertain
        fn += uncertain and not flagged
        tn += not uncertain and not flagged
        n_cue_gold += len(sentence.cues)
        n_cue_pred += len(spans)
        cue_hits += matched([(c,) for c in sentence.cues], [(p,) for p in spans])
        cue_exact += len(set(sentence.cues) & set(spans))
    u_p, u_r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    c_p, c_r = _ratio(tn, tn + fn), _ratio(tn, tn + fp)
    u_f1, c_f1 = f1(u_p, u_r), f1(c_p, c_r)
    cue_p, cue_r = _ratio(cue_hits, n_cue_pred), _ratio(cue_hits, n_cue_gold)
    ex_p, ex_r = _ratio(cue_exact, n_cue_pred), _ratio(cue_exact, n_cue_gold)
    return HedgingScores(
        sentences=len(gold),
        uncertain_gold=tp + fn,
        uncertain_predicted=tp + fp,
        uncertain_precision=round(u_p, 4),
        uncertain_recall=round(u_r, 4),
        uncertain_f1=round(u_f1, 4),
        certain_f1=round(c_f1, 4),
        macro_f1=round((u_f1 + c_f1) / 2, 4),
        accuracy=round(_ratio(tp + tn, len(gold)), 4),
        cue_gold=n_cue_gold,
        cue_predicted=n_cue_pred,
        cue_precision=round(cue_p, 4),
        cue_recall=round(cue_r, 4),
        cue_f1=round(f1(cue_p, cue_r), 4),
        cue_exact_f1=round(f1(ex_p, ex_r), 4),
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
