"""The Szeged hedging scorer on a tiny hand-made file: it scores the report's hedges."""

from __future__ import annotations

import pytest

from sitrep.evaluate.hedging import GoldSentence, evaluate_hedging, read_szeged, score

XML = """<?xml version="1.0" encoding="UTF-8"?>
<Annotation><DocumentSet><Document><DocID>a.txt</DocID><DocumentPart>
<Sentence id="S1">The bridge <ccue type="speculation_modal_probable_">may</ccue> reopen on Monday.</Sentence>
<Sentence id="S2">The ferry runs every hour.</Sentence>
<Sentence id="S3">Engineers want to know <ccue type="speculation_hypo_investigation _">whether</ccue> the pier is safe.</Sentence>
<Sentence id="S4">The mayor opened the new road.</Sentence>
</DocumentPart></Document><Document><DocID>b.txt</DocID><DocumentPart>
<Sentence id="S1">Rain <ccue type="speculation_modal_probable_">might</ccue> delay the count.</Sentence>
</DocumentPart></Document></DocumentSet></Annotation>
"""


@pytest.fixture()
def szeged(tmp_path):
    path = tmp_path / "news.xml"
    path.write_text(XML, "utf-8")
    return path


def test_read_szeged_gives_documents_of_sentences_with_cue_offsets(szeged):
    documents = read_szeged(szeged)
    assert [len(sentences) for sentences in documents] == [4, 1]
    sentences = documents[0]
    first = sentences[0]
    assert first.text == "The bridge may reopen on Monday."
    assert [first.text[s:e] for s, e in first.cues] == ["may"]
    assert sentences[1].cues == ()


def test_evaluate_hedging_on_the_file(analyzer, szeged):
    scores = evaluate_hedging(szeged, analyzer.analyze_many)
    assert scores.sentences == 5 and scores.uncertain_gold == 3
    assert scores.uncertain_recall == 1.0 and scores.uncertain_precision == 1.0
    assert scores.cue_f1 == 1.0 and scores.accuracy == 1.0
    assert evaluate_hedging(szeged, analyzer.analyze_many, every=2).sentences == 4


def test_score_counts_sentences_and_cues():
    gold = [GoldSentence("a may b", ((2, 5),)), GoldSentence("c d", ()), GoldSentence("e f", ())]
    scores = score(gold, [[(2, 5)], [(0, 1)], []])
    assert (scores.uncertain_precision, scores.uncertain_recall) == (0.5, 1.0)
    assert scores.certain_f1 == round(2 * 1.0 * 0.5 / 1.5, 4)
    assert scores.cue_precision == 0.5 and scores.cue_recall == 1.0
