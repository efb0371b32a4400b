"""The brat attribution scorer on tiny hand-made files: it scores the report's attributions."""

from __future__ import annotations

import pytest

from sitrep.errors import SitrepError
from sitrep.evaluate.attribution import (
    annotator_agreement,
    evaluate_attribution,
    read_brat,
    role_scores,
    rule_counts,
    score_role,
    scored_files,
)
from sitrep.ingest.text import parse_text

TEXT = "Bridge closed\n\nThe minister said the bridge was closed. Residents adore the new ferry.\n"


def _ann(role_spans):
    lines = []
    for i, (role, start, end) in enumerate(role_spans, start=1):
        lines.append(f"T{i}\t{role} {start} {end}\t{TEXT[start:end]}")
    return "\n".join(lines) + "\n"


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "bridge.txt").write_text(TEXT, "utf-8")
    said = TEXT.index("said")
    adore = TEXT.index("adore")
    spans = [
        ("Source", TEXT.index("The minister"), TEXT.index("The minister") + 12),
        ("Cue", said, said + 4),
        ("Content", said + 5, TEXT.index(". Residents")),
        ("Source", TEXT.index("Residents"), TEXT.index("Residents") + 9),
        ("Cue", adore, adore + 5),
        ("Content", adore + 6, TEXT.index(".\n", adore)),
    ]
    (tmp_path / "attributions" / "bridge_ab12.ann").write_text(_ann(spans), "utf-8")
    return tmp_path


def test_annotators_of_one_text_are_scored_against_each_other(analyzer, corpus):
    assert annotator_agreement(corpus) is None  # one annotator: nothing to compare
    said = TEXT.index("said")
    only_said = [
        ("Source", TEXT.index("The minister"), TEXT.index("The minister") + 12),
        ("Cue", said, said + 4),
        ("Content", said + 5, TEXT.index(". Residents")),
    ]
    (corpus / "attributions" / "bridge_cd34.ann").write_text(_ann(only_said), "utf-8")
    agreement = annotator_agreement(corpus)
    assert (agreement.texts, agreement.pairs) == (1, 2)
    # Each annotator's "said" is the other's; "adore", marked by one, is missed one way and
    # extra the other: 2 of 3 each way.
    cue = agreement.roles["cue"]
    assert (cue.gold, cue.predicted, cue.precision, cue.recall) == (3, 3, 0.6667, 0.6667)
    printed = evaluate_attribution(corpus, analyzer.analyze_many).to_dict()
    assert printed["annotators"] == agreement.to_dict()


def test_scores_each_role_by_overlap_and_exactly(analyzer, corpus):
    scores = evaluate_attribution(corpus, analyzer.analyze_many, by_rule=True)
    assert (scores.files, scores.texts) == (1, 1)
    cue = scores.roles["cue"]
    # "said" is found exactly; "adore" (an attitude outside the lexicon) is missed.
    assert (cue.gold, cue.predicted, cue.precision, cue.recall) == (2, 1, 1.0, 0.5)
    assert cue.exact_f1 == cue.f1
    source = scores.roles["source"]
    assert source.precision == 1.0 and source.recall == 0.5
    assert scores.roles["content"].exact_precision == 1.0
    verb = scores.by_rule["cues.verb"]
    assert (verb.predicted, verb.correct, verb.precision) == (1, 1, 1.0)
    # Without its one right attribution, nothing is found: it costs all of each role's F1.
    assert verb.f1_cost["cue"] == cue.f1


def test_a_nested_report_that_the_outer_one_relays_is_not_scored(analyzer, tmp_path):
    text = "The ministry denied the raid took place, according to the news agency.\n"
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "raid.txt").write_text(text, "utf-8")
    (tmp_path / "attributions" / "raid.ann").write_text("", "utf-8")
    [(_, found, _)] = scored_files(tmp_path, analyzer.analyze_many)
    report = analyzer.analyze(parse_text(text))
    inner = next(a for a in report.attributions if a.cue.text == "denied")
    assert inner.within is not None and inner.id not in {a["id"] for a in found}
    assert [a["cue"]["text"] for a in found] == ["according to"]
    assert rule_counts([(read_brat(tmp_path / "attributions" / "raid.ann"), found, text)]) == {
        "according.according_to": (1, 0)
    }


def test_read_brat_keeps_discontinuous_fragments(tmp_path):
    path = tmp_path / "x.ann"
    path.write_text(
        "T1\tContent 0 4;10 14\tabcd efgh\nT2\tCue 5 9\tsays\nT3\tDiscuss 1 2\tx\n", "utf-8"
    )
    spans = read_brat(path)
    assert spans["content"] == [((0, 4), (10, 14))]
    assert spans["cue"] == [((5, 9),)]
    assert spans["source"] == []


def test_score_role_matches_each_span_once():
    text = "x" * 40
    gold = [((0, 10),), ((12, 20),)]
    predicted = [((2, 8),), ((5, 9),), ((12, 20),)]
    scores = score_role([(gold, predicted, text)])
    assert (scores.precision, scores.recall) == (round(2 / 3, 4), 1.0)
    assert scores.exact_recall == 0.5


def test_a_source_two_attributions_share_is_scored_once():
    # brat annotates the span once and links it to both attributions; the report repeats it.
    text = "The envoy said talks would resume and added that a truce held."
    envoy, said, added = (0, 9), (10, 14), (38, 43)
    content = [(15, 33), (44, 61)]

    def attribution(cue, piece):
        return {
            "rule": "cues.verb",
            "source_span": {"start": envoy[0], "end": envoy[1]},
            "cue": {"start": cue[0], "end": cue[1]},
            "content_pieces": [{"start": piece[0], "end": piece[1]}],
        }

    gold = {"source": [(envoy,)], "cue": [(said,), (added,)], "content": [(c,) for c in content]}
    found = [attribution(said, content[0]), attribution(added, content[1])]
    source = role_scores([(gold, found, text)])["source"]
    assert (source.predicted, source.precision, source.recall) == (1, 1.0, 1.0)
    assert rule_counts([(gold, found, text)]) == {"cues.verb": (2, 2)}


def test_missing_folders_are_a_catalogue_error(tmp_path):
    with pytest.raises(SitrepError) as error:
        evaluate_attribution(tmp_path, analyze_many=None)
    assert error.value.code == "E040"
