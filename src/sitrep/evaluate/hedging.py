"""Hedge detection accuracy on the Szeged uncertainty corpus XML (Vincze et al. 2008; its news
part, and any file in the same layout): ``<Document><DocumentPart><Sentence>`` elements whose
text holds uncertainty cues marked ``<ccue type=...>``.

Sentence level: a sentence is uncertain when it holds a gold cue, and predicted uncertain when
sitrep finds any hedge in it (every category of resources/hedges.yaml). Reported: precision,
recall and F1 of the uncertain class and of the certain class, their macro-average, and
accuracy. Cue level: precision, recall and F1 of cue spans within sentences, by overlap (each
span matched at most once) and exact (same characters).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from sitrep.errors import E, SitrepError
from sitrep.evaluate.attribution import matched
from sitrep.evaluate.metrics import f1, read_xml
from sitrep.nlp.certainty import hedges


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


def read_szeged(path: Path) -> list[GoldSentence]:
    """The sentences of a Szeged-format XML file with their cue offsets."""
    root = read_xml(path)
    sentences = [_sentence(element) for element in root.iter("Sentence")]
    if not sentences:
        raise SitrepError(E.EVAL_DATA, what=str(path), reason="no <Sentence> elements")
    return sentences


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


def predict(nlp: Language, texts: list[str]) -> list[list[tuple[int, int]]]:
    """The hedge spans sitrep finds in each text (the parse and ``sitrep_certainty`` only; the
    other sitrep components are not needed for hedges)."""
    own = [n for n in nlp.pipe_names if n.startswith("sitrep_") and n != "sitrep_certainty"]
    with nlp.select_pipes(disable=own):
        return [[(h.start, h.end) for h in hedges(doc)] for doc in nlp.pipe(texts, batch_size=64)]


def evaluate_hedging(path: Path, nlp: Language, every: int = 1) -> HedgingScores:
    """Scores sitrep's hedges on the Szeged-format file at ``path``; ``every`` > 1 scores
    every n-th sentence for a quick run."""
    gold = read_szeged(path)[::every]
    return score(gold, predict(nlp, [g.text for g in gold]))


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
