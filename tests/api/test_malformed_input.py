"""Malformed URLs and lone surrogates are refused with a catalogue code, never a 500."""

from sitrep.store import Store
from tests.api.conftest import TOKEN, client_for
from tests.api.test_fetch import FakeWeb, fetcher_for


def test_a_malformed_url_is_refused_not_a_500(tmp_path, quick_analyzer):
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        client = client_for(
            store, quick_analyzer, fetcher=fetcher_for(FakeWeb({})), token=TOKEN, fetch_urls=True
        )
        for url in ("http://0177.0.0.1/", "http://[::1/"):
            response = client.post(
                "/api/articles/url", data={"url": url}, headers={"Authorization": f"Bearer {TOKEN}"}
            )
            assert response.status_code == 400, (url, response.status_code, response.text)


def test_a_jsonl_record_with_a_lone_surrogate_is_a_failure_not_a_500(tmp_path, quick_analyzer):
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        client = client_for(store, quick_analyzer, token=TOKEN)
        data = b'{"text": "Rebels said \\ud800 they took the town."}\n'
        response = client.post(
            "/api/articles",
            files={"file": ("a.jsonl", data)},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert response.status_code == 200, response.text
        assert response.json()["articles"][0]["result"] == "failed"


def test_date_filters_take_iso_dates_only(client):
    # pydantic alone would read "0" as a Unix timestamp and filter from 1970.
    for bad in ("0", "1700000000", "03/04/2024"):
        response = client.get("/api/articles", params={"since": bad})
        assert response.status_code == 422, (bad, response.text)
        assert response.json()["ok"] is False
    assert client.get("/api/articles", params={"since": "2024-03-05"}).status_code == 200
