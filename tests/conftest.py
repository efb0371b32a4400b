"""Shared fixtures: the real pipeline is loaded once per session."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import spacy

from sitrep.analyzer import Analyzer
from sitrep.nlp.doc import register_extensions
from sitrep.nlp.pipeline import shared_nlp
from sitrep.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
# The gold data and the sample the evaluation tests read: beside the checkout, as CI has them,
# or wherever SITREP_SHARED says. Tests that read them are marked `shared_data` (or use a
# fixture of SHARED_FIXTURES); without them those tests skip, except under CI.
SHARED = Path(os.environ.get("SITREP_SHARED") or ROOT.parent / "shared")
SAMPLE = SHARED / "samples" / "000_8f076bf850deafe9.txt"
EVAL = SHARED / "eval"
SHARED_FIXTURES = frozenset({"sample_report"})
NO_SHARED = (
    f"the gold data and sample of shared/ are not at {SHARED}: put shared/ beside the "
    "checkout or set SITREP_SHARED to its path"
)


@pytest.fixture(scope="session")
def nlp():
    return shared_nlp()


@pytest.fixture(scope="session")
def analyzer(nlp):
    return Analyzer(Settings(), nlp=nlp)


@pytest.fixture(scope="session")
def quick_analyzer():
    """The real Analyzer over a blank English pipeline: reports without extractions, fast.
    For tests of the write path that are not about what analysis finds."""
    register_extensions()
    return Analyzer(Settings(), nlp=spacy.blank("en"))


@pytest.fixture(scope="session")
def sample_report(analyzer):
    from sitrep.ingest.text import parse_text

    return analyzer.analyze(parse_text(SAMPLE.read_text("utf-8"), path=str(SAMPLE)))


# -- stores: every storage test runs against SQLite and PostgreSQL (--db picks one) ----------

PG_ADMIN_URL = os.environ.get("SITREP_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _shared_present() -> bool:
    return EVAL.is_dir() and SAMPLE.is_file()


def needs_shared(item: pytest.Item) -> bool:
    return item.get_closest_marker("shared_data") is not None or bool(
        SHARED_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    if _shared_present():
        return
    needing = [item for item in items if needs_shared(item)]
    if needing and os.environ.get("CI") == "true":
        raise pytest.UsageError(
            f"{len(needing)} selected tests need shared/, and under CI nothing skips: {NO_SHARED}"
        )


def pytest_report_header(config):
    if not _shared_present():
        return f"shared data: the tests that need it skip, {NO_SHARED}"
    return f"shared data: {SHARED}"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Skipped here rather than by a mark so that `-ra` reports them all on one line.
    if needs_shared(item) and not _shared_present():
        pytest.skip(NO_SHARED)


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        choices=("all", "sqlite", "postgresql"),
        default="all",
        help="which databases the storage tests run against (default: all)",
    )


def pytest_generate_tests(metafunc):
    if "store_url" in metafunc.fixturenames:
        choice = metafunc.config.getoption("--db")
        backends = ["sqlite", "postgresql"] if choice == "all" else [choice]
        metafunc.parametrize("store_url", backends, indirect=True)


@pytest.fixture()
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    yield from _postgres_database()


def _postgres_database():
    """A fresh database per test, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI and unreachable: {exc}")
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
