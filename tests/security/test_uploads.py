"""Upload limits (tests/api/test_write.py covers declared and streamed bodies with a token):
the limit holds before authentication, on every write endpoint, and one article over the
article limit inside an accepted upload is refused on its own."""

from __future__ import annotations

import pytest

from sitrep.store import Store

from ..api.conftest import client_for
from .conftest import TOKEN

LIMIT = 4096
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def client(tmp_path, blank_analyzer):
    with Store(f"sqlite:///{tmp_path / 'uploads.db'}") as store:
        yield (
            store,
            client_for(
                store,
                blank_analyzer,
                token=TOKEN,
                fetch_urls=True,
                max_upload_bytes=LIMIT,
                max_bytes=1000,
            ),
        )


def chunks(total: int):
    for _ in range(total // 512):
        yield b"x" * 512


@pytest.mark.parametrize("path", ["/api/articles", "/api/articles/url"])
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, AUTH])
def test_bodies_over_the_limit_are_413_with_or_without_a_token(client, path, headers):
    store, http = client
    declared = http.post(path, content=b"x" * (LIMIT + 1), headers=headers)
    streamed = http.post(path, content=chunks(LIMIT * 4), headers=headers)
    for response in (declared, streamed):
        assert response.status_code == 413, response.text
        assert response.json()["code"] == "E058"
    assert store.count() == 0


def test_an_article_over_the_article_limit_is_refused_alone(client):
    store, http = client
    big = "Officials said the convoy arrived. " * 40  # about 1,400 bytes: over max_bytes
    small = "Officials said on Monday that the bridge had reopened."
    feed = "\n".join(f'{{"text": "{text}"}}' for text in (big, small)).encode()
    response = http.post("/api/articles", files={"file": ("two.jsonl", feed)}, headers=AUTH)
    assert response.status_code == 201, response.text
    assert [o["result"] for o in response.json()["articles"]] == ["failed", "added"]
    assert response.json()["articles"][0]["code"] == "E003"
    assert store.count() == 1


BRIDGE = b"Officials said on Monday that the bridge had reopened."


@pytest.mark.parametrize("published", ["0", "1700000000", "2024-13-01", "2024-3-1", "yesterday"])
def test_published_on_an_upload_takes_dates_only_as_the_date_filters_do(client, published):
    store, http = client
    upload = http.post(
        "/api/articles",
        files={"file": ("bridge.txt", BRIDGE)},
        data={"published": published},
        headers=AUTH,
    )
    by_url = http.post(
        "/api/articles/url",
        data={"url": "https://news.example/a", "published": published},
        headers=AUTH,
    )
    listing = http.get("/api/articles", params={"since": published})
    for response in (upload, by_url, listing):
        assert response.status_code == 422, (published, response.text)
        assert response.json()["code"] == "E055"
        assert "published" in response.json()["error"] or "since" in response.json()["error"]
    assert store.count() == 0


def test_a_date_given_with_an_upload_is_stored(client):
    store, http = client
    response = http.post(
        "/api/articles",
        files={"file": ("bridge.txt", BRIDGE)},
        data={"published": "2024-03-01"},
        headers=AUTH,
    )
    assert response.status_code == 201, response.text
    [row] = store.articles()
    assert row.published == "2024-03-01"
