"""Each sitrep component declares what it reads and writes on the Doc: spaCy's
``analyze_pipes`` finds nothing missing, and a run over the demo corpus shows no component
touching a ``doc._`` extension it does not declare, nor declaring one it never touches."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.ingest import read_paths
from sitrep.model import Article
from sitrep.nlp.doc import CACHES, EXTENSIONS, INPUTS, records, register_extensions
from sitrep.nlp.pipeline import COMPONENTS
from sitrep.settings import DEFAULT_MODEL

from ..conftest import EXAMPLES

#: Extensions no component declares: the article state set before the pipeline and the caches
#: any step may fill (see nlp/doc.py).
UNDECLARED = frozenset(INPUTS) | frozenset(CACHES)


@dataclass
class Ledger:
    """Per component, the doc extensions it wrote and those it read before writing them (what
    it needs from earlier components)."""

    reads: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    writes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


class Watched(dict):
    """A Doc's ``user_data`` that notes in a :class:`Ledger` which component reads and writes
    each doc extension. spaCy's Underscore keeps a doc extension's value under ``("._.", name,
    None, None)``, asks ``key in user_data`` before every read and assigns ``user_data[key]``
    on every write."""

    def __init__(self, data: dict, ledger: Ledger) -> None:
        super().__init__(data)
        self.ledger = ledger
        self.component: str | None = None
        self.written: set[str] = set()

    def run(self, name: str, proc, doc):
        self.component = name
        # What the component wrote itself in this call, it does not need from earlier ones.
        self.written = set()
        return proc(doc)

    def __contains__(self, key: object) -> bool:
        name = _extension(key)
        if name is not None and self.component is not None and name not in self.written:
            self.ledger.reads[self.component].add(name)
        return super().__contains__(key)

    def __setitem__(self, key: object, value: object) -> None:
        name = _extension(key)
        if name is not None and self.component is not None:
            self.ledger.writes[self.component].add(name)
            self.written.add(name)
        super().__setitem__(key, value)


def _extension(key: object) -> str | None:
    """The name of the doc extension kept under ``key`` (None for any other key)."""
    if isinstance(key, tuple) and len(key) == 4 and key[0] == "._." and key[2:] == (None, None):
        return key[1]
    return None


def declared(nlp, name: str, kind: str) -> set[str]:
    """The ``doc._`` extensions a component lists in its ``assigns`` or ``requires``."""
    listed = getattr(nlp.get_pipe_meta(name), kind)
    return {attr.removeprefix("doc._.") for attr in listed if attr.startswith("doc._.")}


@pytest.fixture(scope="module")
def ledger(analyzer) -> Ledger:
    """What each component read and wrote over the whole demo corpus, run one component at a
    time on docs built as the analyzer builds them."""
    nlp = analyzer.nlp
    articles = [a for a in read_paths([str(EXAMPLES)], 2_000_000) if isinstance(a, Article)]
    assert len(articles) == 20
    ledger = Ledger()
    for article in articles:
        doc = analyzer.make_doc(article)
        watched = doc.user_data = Watched(doc.user_data, ledger)
        for name, proc in nlp.pipeline:
            doc = watched.run(name, proc, doc)
        assert doc.user_data is watched
    return ledger


def test_analyze_pipes_reports_no_problems(nlp):
    analysis = nlp.analyze_pipes()
    assert set(COMPONENTS) <= set(analysis["problems"])
    assert {name: problems for name, problems in analysis["problems"].items() if problems} == {}


def test_the_ledger_sees_every_sitrep_component_at_work(ledger):
    # Otherwise the checks below could pass on a ledger that saw nothing.
    assert [name for name in COMPONENTS if not ledger.writes[name]] == []
    assert not ledger.reads.keys() - set(COMPONENTS)


@pytest.mark.parametrize("name", COMPONENTS)
def test_a_component_assigns_what_it_writes(nlp, ledger, name):
    written = ledger.writes[name] - UNDECLARED
    assert written == declared(nlp, name, "assigns")


@pytest.mark.parametrize("name", COMPONENTS)
def test_a_component_requires_what_it_reads(nlp, ledger, name):
    read = ledger.reads[name] - UNDECLARED
    assert read == declared(nlp, name, "requires")


@pytest.fixture()
def unregistered():
    """No sitrep extension registered during the test; all registered again after it."""
    for name in EXTENSIONS:
        if Doc.has_extension(name):
            Doc.remove_extension(name)
    yield
    register_extensions()


@pytest.mark.parametrize("name", COMPONENTS)
def test_a_component_factory_registers_the_extensions(unregistered, name):
    spacy.blank("en").add_pipe(name)
    assert [name for name in EXTENSIONS if not Doc.has_extension(name)] == []


def test_sitrep_components_join_a_pipeline_of_ones_own(unregistered):
    """Without make_nlp: the packaged model plus sitrep's components by name, on a doc made
    from text alone (no article)."""
    own = spacy.load(DEFAULT_MODEL)
    for name in COMPONENTS:
        own.add_pipe(name)
    doc = own(
        "Islamic State said on Monday that its fighters had captured two Russian soldiers "
        "near Menaka. Russia's Defence Ministry denied the claim."
    )
    actors = {actor.name for actor in records(doc, "actors")}
    assert {"Islamic State", "Russian Defence Ministry"} <= actors
    assert "Ménaka" in {place.name for place in records(doc, "places")}
    [claim] = records(doc, "claims")
    assert {a.stance for a in claim.attributions} == {"asserts", "denies"}
