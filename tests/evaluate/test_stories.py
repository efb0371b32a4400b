"""Story scorers on tiny hand-made gold: B-cubed, copies, claim alignment, WikiRef labels."""

import json

import pytest

from sitrep.errors import SitrepError
from sitrep.evaluate.stories import (
    GoldArticle,
    GoldClaim,
    bcubed,
    evaluate_clustering,
    evaluate_stories,
    expected_statuses,
    label_of,
    score_stories,
)
from sitrep.model import ArticleReport

from ..link.builders import (
    ELECTION,
    ELECTION_FOLLOWUP,
    FLOOD,
    FLOOD_FOLLOWUP,
    FLOOD_REPRINT,
    MARKETS,
)
from ..link.test_corroborate import dravka_reports


def bare_reports(articles):
    """Reports without NLP: linking then works from the text alone."""
    for article in articles:
        yield ArticleReport(article=article)


def test_bcubed_by_hand():
    score = bcubed({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "2", "c": "2"})
    assert score.precision == pytest.approx(2 / 3) and score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3) and score.items == 3
    perfect = bcubed({"a": "x", "b": "x", "c": "y"}, {"a": "7", "b": "7", "c": "8"})
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    # an item nobody predicted is a singleton
    assert bcubed({"a": "x", "b": "x"}, {"a": "1"}).recall == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("ParisAttacks2015 (12).txt", "ParisAttacks2015"),
        ("barack.obama.3.txt", "barack.obama"),
        ("NBA.draft.2.txt", "NBA.draft"),
        ("samsung.galaxy.s5.14.txt", "samsung.galaxy.s5"),
    ],
)
def test_wikiref_labels_are_the_name_before_the_last_number(name, label):
    assert label_of(name) == label


def test_dravka_claims_align_into_one_gold_claim():
    reports = dravka_reports()
    gold = [
        GoldArticle(
            "a.txt",
            "dravka",
            None,
            (
                GoldClaim(
                    "D1", "Rebels captured two soldiers", "Dravka Liberation Front", "asserts"
                ),
            ),
        ),
        GoldArticle(
            "b.txt",
            "dravka",
            None,
            (GoldClaim("D1", "Soldiers were captured", "Defence ministry", "denies"),),
        ),
        GoldArticle(
            "c.txt",
            "dravka",
            None,
            (
                GoldClaim("D1", "Soldiers were captured", "Defence ministry", "denies"),
                GoldClaim(
                    "D1", "Two soldiers were taken prisoner", "Dravka Liberation Front", "asserts"
                ),
            ),
        ),
        GoldArticle(
            "d.txt",
            "distractor",
            None,
            (GoldClaim("F1", "The embankments were never repaired", "residents", "asserts"),),
        ),
    ]
    scores = score_stories(gold, {g.file: r for g, r in zip(gold, reports, strict=True)})
    assert scores.stories.f1 == 1.0
    assert (scores.claims_matched, scores.claims_gold) == (5, 5)
    assert scores.claims.f1 == 1.0
    # D1 is reported by three articles, asserted by the front and denied by the ministry
    (check,) = scores.status.checks
    assert (check.claim_id, check.expected, check.predicted) == ("D1", ("disputed",), "disputed")
    assert scores.status.accuracy == 1.0 and scores.status.asserted_and_denied == 1
    assert scores.status.disputed_called_corroborated == 0
    # every named gold source is found with its stance
    assert scores.attribution.pair_recall == 1.0 and scores.attribution.stance_accuracy == 1.0
    # no copies on either side: vacuous precision and recall, with the counts
    assert (
        scores.copy_precision,
        scores.copy_recall,
        scores.copies_gold,
        scores.copies_predicted,
    ) == (1.0, 1.0, 0, 0)


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        ((("asserts", False), ("denies", False)), ("disputed",)),
        ((("denies", False), ("questions", False)), ("denied",)),
        ((("questions", False), ("questions", True)), ("unverified",)),
        ((("asserts", True), ("asserts", True)), ("unverified", "single_source")),
        ((("asserts", True), ("asserts", False)), ("corroborated", "single_source")),
        ((("asserts", False), ("questions", False)), ("corroborated", "single_source")),
    ],
)
def test_gold_stances_imply_a_status(stances, expected):
    claims = [GoldClaim("X", "text", "source", stance, hedged) for stance, hedged in stances]
    assert expected_statuses(claims) == expected


def test_a_claim_no_story_claim_holds_is_a_wrong_status():
    reports = dravka_reports()
    gold = [
        GoldArticle(name, "dravka", None, (GoldClaim("Q1", "Dams burst", "Red Cross", "asserts"),))
        for name in ("a.txt", "b.txt")
    ]
    reports_by_file = {g.file: r for g, r in zip(gold, reports, strict=False)}
    (check,) = score_stories(gold, reports_by_file).status.checks
    assert check.predicted is None and not check.correct


def write_gold(tmp_path, records, texts):
    (tmp_path / "articles").mkdir()
    for name, text in texts.items():
        (tmp_path / "articles" / name).write_text(text, "utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(records), "utf-8")


def test_evaluate_stories_reads_a_gold_directory(tmp_path):
    texts = {
        "001.txt": "URL: https://example.org/1\nOUTLET: Wire\nDATE: 2025-05-04\n\n" + FLOOD,
        "002.txt": "URL: https://example.org/2\nOUTLET: Daily\nDATE: 2025-05-05\n\n"
        + FLOOD_REPRINT,
        "003.txt": "URL: https://example.org/3\nOUTLET: Post\nDATE: 2025-05-05\n\n" + ELECTION,
        "004.txt": "URL: https://example.org/4\nOUTLET: Desk\nDATE: unknown\n\n" + MARKETS,
        "005.txt": "URL: https://example.org/5\nOUTLET: Times\nDATE: 2025-05-06\n\n"
        + ELECTION_FOLLOWUP,
        "006.txt": "URL: https://example.org/6\nOUTLET: Valley\nDATE: 2025-05-05\n\n"
        + FLOOD_FOLLOWUP,
    }
    records = [
        {"file": "001.txt", "story": "flood", "copy_of": None, "claims": []},
        {"file": "002.txt", "story": "flood", "copy_of": "001.txt", "claims": []},
        {"file": "003.txt", "story": "vote", "copy_of": None, "claims": []},
        {"file": "004.txt", "story": "distractor", "copy_of": None, "claims": []},
        {"file": "005.txt", "story": "vote", "copy_of": None, "claims": []},
        {"file": "006.txt", "story": "flood", "copy_of": None, "claims": []},
    ]
    write_gold(tmp_path, records, texts)
    scores = evaluate_stories(tmp_path, bare_reports)
    assert scores.articles == 6 and scores.stories.f1 == 1.0
    assert (
        scores.copy_precision,
        scores.copy_recall,
        scores.copies_gold,
        scores.copies_predicted,
    ) == (1.0, 1.0, 1, 1)
    assert scores.to_dict()["copies"] == {
        "precision": 1.0,
        "recall": 1.0,
        "gold": 1,
        "predicted": 1,
    }


def test_bad_gold_is_a_catalogue_error(tmp_path):
    write_gold(tmp_path, [{"file": "001.txt"}], {"001.txt": FLOOD})
    with pytest.raises(SitrepError) as info:
        evaluate_stories(tmp_path, bare_reports)
    assert info.value.code == "E040"


def test_evaluate_clustering_reads_legacy_encodings(tmp_path):
    (tmp_path / "flood.1.txt").write_bytes(FLOOD.replace("metre", "m\u00e8tre").encode("cp1252"))
    (tmp_path / "flood.2.txt").write_text(FLOOD_FOLLOWUP, "utf-8")
    (tmp_path / "vote (1).txt").write_text(ELECTION, "utf-8")
    (tmp_path / "vote (2).txt").write_text(ELECTION_FOLLOWUP, "utf-8")
    scores = evaluate_clustering(tmp_path, bare_reports)
    assert scores.stories.f1 == 1.0 and scores.labels == 2 and scores.predicted == 2


def test_clustering_on_the_first_files_of_each_label(tmp_path):
    for name, body in (
        ("flood.1.txt", FLOOD),
        ("flood.2.txt", FLOOD_FOLLOWUP),
        ("flood.3.txt", FLOOD_REPRINT),
        ("vote.1.txt", ELECTION),
    ):
        (tmp_path / name).write_text(body, "utf-8")
    scores = evaluate_clustering(tmp_path, bare_reports, per_label=2)
    assert scores.stories.items == 3 and scores.labels == 2


def test_an_article_that_fails_analysis_is_a_counted_singleton(tmp_path):
    from sitrep.model import Failure

    for name, body in (("flood.1.txt", FLOOD), ("flood.2.txt", FLOOD_FOLLOWUP)):
        (tmp_path / name).write_text(body, "utf-8")

    def failing_second(articles):
        for article in articles:
            if article.path.endswith("flood.2.txt"):
                yield Failure("E006", "not English", path=article.path)
            else:
                yield ArticleReport(article=article)

    scores = evaluate_clustering(tmp_path, failing_second)
    assert scores.failed == 1 and scores.stories.items == 2
    assert scores.stories.precision == 1.0 and scores.stories.recall == 0.5


def test_a_copy_of_a_partial_reuse_is_neutral(tmp_path):
    texts = {
        "001.txt": "URL: https://example.org/1\nOUTLET: Wire\nDATE: 2025-05-04\n\n" + FLOOD,
        "002.txt": "URL: https://example.org/2\nOUTLET: Daily\nDATE: 2025-05-05\n\n"
        + FLOOD_REPRINT,
    }
    records = [
        {"file": "001.txt", "story": "flood", "copy_of": None, "claims": []},
        {
            "file": "002.txt",
            "story": "flood",
            "copy_of": None,
            "partial_copy_of": ["001.txt"],
            "claims": [],
        },
    ]
    write_gold(tmp_path, records, texts)
    scores = evaluate_stories(tmp_path, bare_reports)
    assert (scores.copy_precision, scores.copies_predicted, scores.copies_gold) == (1.0, 0, 0)
