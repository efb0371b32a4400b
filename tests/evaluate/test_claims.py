"""The claims scorer on a tiny hand-made stories directory and on hand-built reports."""

from __future__ import annotations

import json

import pytest

from sitrep.evaluate.claims import GoldClaim, evaluate_claims, score
from sitrep.model import Actor, Article, ArticleReport, Attribution, Claim, Span
from sitrep.nlp.actors import load_gazetteer

ARTICLE = """URL: https://example.org/a
OUTLET: Example News
DATE: 2024-03-02

Ministry denies strike on market
The Russian Defence Ministry denied that its aircraft had bombed the market.
Local officials said the strike killed nine people.
"""


@pytest.fixture()
def stories(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "001.txt").write_text(ARTICLE, "utf-8")
    gold = [
        {
            "file": "001.txt",
            "claims": [
                {
                    "claim": "Russian aircraft bombed the market",
                    "source": "Russia / Russian Defence Ministry",
                    "stance": "denies",
                },
                {
                    "claim": "The strike killed nine people",
                    "source": "Local officials (to reporters)",
                    "stance": "asserts",
                },
                {"claim": "The market was full", "source": "(reportedly)", "stance": "asserts"},
            ],
        }
    ]
    (tmp_path / "gold.json").write_text(json.dumps(gold), "utf-8")
    return tmp_path


def test_evaluate_claims_on_a_directory(analyzer, stories):
    scores = evaluate_claims(stories, analyzer.analyze_many)
    assert scores.gold == 2  # the parenthesized source names no one
    assert scores.pair_recall == 1.0 and scores.stance_accuracy == 1.0
    assert scores.per_article == {"001.txt": 1.0}


def _report(*attributions):
    article = Article(id="a", text="x")
    span = Span(0, 1, "x")
    actors = (
        Actor("amaq", "Amaq", "media", None, (span,), parent="islamic_state"),
        Actor("rus_defence_ministry", "Russian Defence Ministry", "military", "RUS", (span,)),
        Actor("person_vladimir_putin", "Vladimir Putin", "person", None, (span,)),
    )
    claims = tuple(
        Claim(f"c{i}", "x", (a,), (), (), "asserted") for i, a in enumerate(attributions, start=1)
    )
    return ArticleReport(article=article, actors=actors, claims=claims)


def _attribution(source, text, stance, content="x"):
    span = Span(0, len(content), content)
    return Attribution(source, text, span, stance, span)


@pytest.mark.parametrize(
    ("gold_source", "attribution", "found"),
    [
        ("ISIS (Telegram statement)", _attribution("amaq", "Amaq", "asserts"), True),  # parent
        (
            "Russia",
            _attribution("rus_defence_ministry", "the ministry", "asserts"),
            True,
        ),  # country
        ("Vladimir Putin", _attribution("person_vladimir_putin", "Putin", "asserts"), True),
        (
            "Unnamed Defence Ministry official (via Interfax)",
            _attribution(None, "an unnamed defense ministry official", "asserts"),
            True,
        ),
        (
            "Turkish officials",
            _attribution("rus_defence_ministry", "the ministry", "asserts"),
            False,
        ),
    ],
)
def test_source_matching_rules(gold_source, attribution, found):
    scores = score(
        [("001.txt", [GoldClaim("c", gold_source, "asserts")])],
        [_report(attribution)],
        load_gazetteer(),
    )
    assert scores.source_found == int(found)


def test_stance_is_judged_on_the_attribution_about_the_claim():
    gold = [GoldClaim("the pilots ejected safely", "Russia", "asserts")]
    report = _report(
        _attribution(
            "rus_defence_ministry", "the ministry", "denies", "the jet crossed the border"
        ),
        _attribution(
            "rus_defence_ministry", "the ministry", "asserts", "both pilots ejected safely"
        ),
    )
    scores = score([("001.txt", gold)], [report], load_gazetteer())
    assert (scores.pair_recall, scores.stance_accuracy) == (1.0, 1.0)
