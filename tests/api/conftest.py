"""Fixtures for the API: a store seeded with hand-built reports, and an app over it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitrep.api.app import make_app
from sitrep.settings import Settings
from sitrep.store import Store

from .reports import corpus_reports

TOKEN = "s3cret-token-for-tests"


@pytest.fixture()
def seeded_store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'api.db'}") as store:
        for report in corpus_reports():
            store.add(report)
        yield store


def client_for(store, analyzer, fetcher=None, **settings) -> TestClient:
    app = make_app(store, analyzer, Settings(**settings), fetcher=fetcher)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture()
def client(seeded_store, quick_analyzer):
    return client_for(seeded_store, quick_analyzer, token=TOKEN)
