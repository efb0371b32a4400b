"""A finished Doc is plain data: it crosses ``DocBin``, ``Doc.to_bytes`` and spaCy's own worker
processes (``nlp.pipe(n_process=2)``) and gives the same report on the other side."""

from __future__ import annotations

import multiprocessing

import pytest
from spacy.tokens import Doc, DocBin

from sitrep.ingest import read_paths
from sitrep.model import Article
from sitrep.nlp.doc import EXTENSIONS
from sitrep.nlp.report import report_of

from ..conftest import EXAMPLES

#: Demo articles of different shapes: a wire story, a tabloid, a denial relayed by an agency,
#: a military denial, a claim of a deal, a text without header lines.
NAMES = (
    "01_reuters_mali_captives_video.txt",
    "04_clarion_russian_soldiers_tabloid.txt",
    "05_continental_moscow_denial_tass.txt",
    "09_frontline_dhq_denies_civilians.txt",
    "13_redsea_houthis_claim_deal.txt",
    "18_headerless_beledweyne_cholera.txt",
)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    found = list(read_paths([str(EXAMPLES / name) for name in NAMES], 2_000_000))
    assert all(isinstance(article, Article) for article in found)
    return found


def fresh_docs(analyzer, articles: list[Article]) -> list[Doc]:
    """The docs the analyzer hands its pipeline: tokens and article state, nothing analyzed."""
    return [analyzer.make_doc(article) for article in articles]


@pytest.fixture(scope="module")
def docs(analyzer, articles) -> list[Doc]:
    return list(analyzer.nlp.pipe(fresh_docs(analyzer, articles)))


def reports(docs: list[Doc]) -> list[dict]:
    return [report_of(doc).to_dict() for doc in docs]


def plain(value: object) -> bool:
    """Whether ``value`` is JSON-like data: no object a later reader could call."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list | tuple):
        return all(plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and plain(item) for key, item in value.items())
    return False


def as_lists(value: object) -> object:
    """``value`` with every tuple a list: a DocBin gives lists back as tuples."""
    if isinstance(value, list | tuple):
        return [as_lists(item) for item in value]
    if isinstance(value, dict):
        return {key: as_lists(item) for key, item in value.items()}
    return value


def spans(doc: Doc) -> dict[str, list[tuple[int, int, str]]]:
    """The doc's span groups (certainty's hedges and questioning idioms) as plain tuples."""
    return {key: [(s.start, s.end, s.label_) for s in group] for key, group in doc.spans.items()}


def test_the_docs_hold_every_kind_of_record_in_plain_data(docs):
    # Otherwise the round trips below could pass on empty reports.
    kinds = ("actors", "places", "times", "events", "claims", "attributions", "verifications")
    assert [kind for kind in kinds if not any(getattr(doc._, kind) for doc in docs)] == []
    assert [
        (doc._.article["id"], name)
        for doc in docs
        for name in EXTENSIONS
        if not plain(getattr(doc._, name))
    ] == []


def test_a_docbin_round_trip_gives_the_same_reports(nlp, docs):
    data = DocBin(store_user_data=True, docs=docs).to_bytes()
    restored = list(DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab))
    assert reports(restored) == reports(docs)
    for doc, copy in zip(docs, restored, strict=True):
        for name in EXTENSIONS:
            assert as_lists(getattr(copy._, name)) == getattr(doc._, name), name
        assert spans(copy) == spans(doc)


def test_doc_to_bytes_round_trip_gives_the_same_reports(nlp, docs):
    restored = [Doc(nlp.vocab).from_bytes(doc.to_bytes()) for doc in docs]
    assert reports(restored) == reports(docs)
    for doc, copy in zip(docs, restored, strict=True):
        assert {name: getattr(copy._, name) for name in EXTENSIONS} == {
            name: getattr(doc._, name) for name in EXTENSIONS
        }


@pytest.fixture(params=["fork", pytest.param("spawn", marks=pytest.mark.slow)])
def start_method(request):
    """spaCy starts its n_process workers with multiprocessing's default method: a forked child
    inherits the parent's extensions and components, a spawned one (the default on macOS and
    Windows) gets the components pickled and must register the extensions itself."""
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(request.param, force=True)
    yield request.param
    multiprocessing.set_start_method(previous, force=True)


def test_two_spacy_processes_give_the_reports_of_one(analyzer, articles, docs, start_method):
    # The docs go to the child processes as bytes, unanalyzed, and come back as bytes.
    sent = fresh_docs(analyzer, articles)
    assert not any(doc._.claims for doc in sent)
    back = list(analyzer.nlp.pipe(sent, n_process=2, batch_size=2))
    assert reports(back) == reports(docs)
