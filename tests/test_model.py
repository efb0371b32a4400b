import json

import jsonschema
import pytest

from sitrep import schema
from sitrep.model import ArticleReport, article_id

from .conftest import EXAMPLES

SCHEMA = schema.load("article")


def validate(report_dict):
    jsonschema.validate(report_dict, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_sample_report_is_valid_and_round_trips(sample_report):
    data = sample_report.to_dict()
    validate(data)
    assert ArticleReport.from_dict(json.loads(json.dumps(data))) == sample_report


def test_every_span_indexes_the_verbatim_text(sample_report):
    text = sample_report.article.text
    spans = [m for a in sample_report.actors for m in a.mentions]
    spans += [m for p in sample_report.places for m in p.mentions]
    spans += [t.span for t in sample_report.times]
    spans += [h.span for h in sample_report.hedges]
    for attribution in sample_report.attributions:
        spans += [attribution.cue, attribution.content, *attribution.content_pieces]
        spans += [*attribution.hedges, *(v.span for v in attribution.verification)]
        spans += [attribution.source_span] if attribution.source_span else []
    assert spans and sample_report.attributions and sample_report.hedges
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_a_report_stored_before_attributions_were_reported_still_loads(sample_report):
    old = sample_report.to_dict()
    old["schema"] = "sitrep.article/1"
    del old["attributions"], old["hedges"]
    first = ("source", "source_text", "cue", "stance", "via", "content")
    for claim in old["claims"]:
        claim["attributions"] = [{k: a[k] for k in first} for a in claim["attributions"]]
    report = ArticleReport.from_dict(json.loads(json.dumps(old)))
    assert (report.attributions, report.hedges) == ((), ())
    attribution = report.claims[0].attributions[0]
    assert attribution.cue == sample_report.claims[0].attributions[0].cue
    assert (attribution.id, attribution.source_span, attribution.confidence) == ("", None, None)


def test_a_report_stored_before_place_precision_still_loads(sample_report):
    old = sample_report.to_dict()
    del old["unplaced"]
    for place in old["places"]:
        del place["precision"], place["confidence"], place["evidence"]
    report = ArticleReport.from_dict(json.loads(json.dumps(old)))
    assert report.unplaced == ()
    assert {(p.confidence, p.evidence) for p in report.places} == {(1.0, ())}
    assert [p.id for p in report.places] == [p.id for p in sample_report.places]


def test_every_place_says_how_precise_and_how_sure_it_is(sample_report):
    assert sample_report.places
    for place in sample_report.places:
        assert place.precision in (1, 2, 3) and 0 < place.confidence <= 1
        assert place.evidence and place.evidence[0] in ("score", "one_sense", "part_of")
        assert place.precision == 3 or place.feature not in ("country", "admin1")


def test_article_id_ignores_whitespace_and_case_but_not_words():
    assert article_id("Two  soldiers\ncaptured") == article_id("two soldiers captured ")
    assert article_id("Two soldiers captured") != article_id("Three soldiers captured")


DEMO = sorted(EXAMPLES.glob("*.txt"))


def test_the_demo_corpus_has_its_twenty_articles():
    assert len(DEMO) == 20


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.name)
def test_demo_reports_are_schema_valid(analyzer, path):
    from sitrep.ingest.text import parse_text

    validate(analyzer.analyze(parse_text(path.read_text("utf-8"), path=str(path))).to_dict())
