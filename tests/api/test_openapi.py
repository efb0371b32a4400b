"""The API against its own OpenAPI spec: schemathesis generates requests for every operation,
valid and invalid, and checks each answer: no 5xx, a documented status and content type, a
body that matches the documented schema, invalid input rejected."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection

from sitrep.api.alerts import StreamTiming
from sitrep.link import link_report
from sitrep.store import Store

from .conftest import TOKEN, client_for
from .reports import corpus_reports


@pytest.fixture()
def api_schema(tmp_path, quick_analyzer):
    with Store(f"sqlite:///{tmp_path / 'schema.db'}") as store:
        for report in corpus_reports():
            store.add(report)
            link_report(store, report)
        app = client_for(store, quick_analyzer, token=TOKEN, max_upload_bytes=20_000).app
        # The alert stream ends at once, so each generated request to it is answered.
        app.state.alert_stream = StreamTiming(poll=0.01, lifetime=0.02)
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_honours_its_spec(api_schema, mode):
    # Bounded: a fixed number of generated requests across all operations, no saved examples.
    @given(case=api_schema.as_strategy(generation_mode=mode))
    @settings(
        max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case):
        # A multipart form carries text only, so a "wrong type" (an integer for a file, an
        # empty date meaning no date) reaches the server as a valid form: not a violation.
        excluded = [negative_data_rejection] if case.method == "POST" else []
        case.call_and_validate(
            headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=excluded
        )

    check()
