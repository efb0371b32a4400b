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
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text


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
