"""POST /api/articles: the token, what can be uploaded, size limits, what is stored."""

from __future__ import annotations

import pytest

from sitrep.store import Store
from sitrep.store.filters import Filters

from .conftest import TOKEN, client_for

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    "Ceasefire talks resume\nNegotiators met in the capital on Monday and said that the "
    "talks would continue through the week, according to officials who were present."
)
FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Border Wire</title>
<item><title>Shelling near the border</title><link>https://border.example/1</link>
<description>&lt;p&gt;Shelling was reported near the border crossing on Tuesday, and the
local council said that two houses had been damaged in the night.&lt;/p&gt;</description></item>
<item><title>Crossing reopens</title><link>https://border.example/2</link>
<description>&lt;p&gt;The border crossing reopened on Wednesday after the council said the
roads had been cleared and the market would open again for traders.&lt;/p&gt;</description></item>
</channel></rss>"""


@pytest.fixture()
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'write.db'}") as store:
        yield store


@pytest.fixture()
def client(store, quick_analyzer):
    return client_for(store, quick_analyzer, token=TOKEN, max_upload_bytes=4000)


def upload(text: str = ARTICLE, name: str = "article.txt") -> dict:
    return {"file": (name, text.encode("utf-8"), "text/plain")}


def error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert (body["ok"], body["status"], body["code"]) == (False, status, code)
    return body["error"]


def test_writes_are_off_without_a_configured_token(store, quick_analyzer):
    client = client_for(store, quick_analyzer)
    error(client.post("/api/articles", files=upload(), headers=AUTH), 403, "E051")
    assert store.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer ünïcode".encode()},
    ],
)
def test_a_missing_or_wrong_token_is_401(client, store, headers):
    response = client.post("/api/articles", files=upload(), headers=headers)
    message = error(response, 401, "E050")
    assert response.headers["www-authenticate"] == "Bearer"
    assert TOKEN not in message and TOKEN not in response.text
    assert store.count() == 0


def test_text_is_analyzed_and_stored_once(client, store):
    first = client.post(
        "/api/articles",
        files=upload(),
        data={"outlet": "Capital Wire", "published": "2024-03-03"},
        headers=AUTH,
    )
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["added"], body["existing"], body["failed"]) == (1, 0, 0)
    [outcome] = body["articles"]
    assert outcome["result"] == "added" and outcome["title"] == "Ceasefire talks resume"
    report = store.get(outcome["id"])
    assert report.article.outlet == "Capital Wire" and report.article.published == "2024-03-03"
    again = client.post("/api/articles", files=upload(), headers=AUTH)
    assert again.status_code == 200 and again.json()["articles"][0]["result"] == "existing"
    assert store.count() == 1


def test_html_and_feed_files_are_read_by_their_format(client, store):
    page = (
        "<html><head><title>Port closed</title></head><body><article><h1>Port closed</h1>"
        f"<p>{ARTICLE.splitlines()[1]}</p><p>The port authority said ships would wait "
        "offshore until the weather improved and the harbour was safe.</p></article></body></html>"
    )
    response = client.post(
        "/api/articles", files={"file": ("port.html", page.encode(), "text/html")}, headers=AUTH
    )
    assert response.status_code == 201, response.text
    feed = client.post(
        "/api/articles",
        files={"file": ("border.xml", FEED.encode(), "application/rss+xml")},
        headers=AUTH,
    )
    assert feed.status_code == 201, feed.text
    assert [a["title"] for a in feed.json()["articles"]] == [
        "Shelling near the border",
        "Crossing reopens",
    ]
    assert {row.outlet for row in store.articles(filters=Filters(outlet="Border Wire"))} == {
        "Border Wire"
    }
    assert store.count() == 3


def test_what_cannot_be_read_or_analyzed_is_listed_and_recorded(client, store):
    german = "Titel\n" + "Dies ist ein Artikel über die Lage. " * 8
    response = client.post("/api/articles", files=upload(german), headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["failed"] == 1 and body["articles"][0]["code"] == "E006"
    binary = client.post(
        "/api/articles", files={"file": ("x.bin", b"\x00\x01\x02" * 10)}, headers=AUTH
    )
    assert binary.status_code == 200 and binary.json()["articles"][0]["code"] == "E002"
    assert [f.code for f in store.failures()] == ["E006", "E002"]
    assert store.count() == 0


@pytest.mark.parametrize(
    ("files", "data"),
    [(None, {}), (None, {"outlet": "Wire"}), ({"file": ("a.txt", b"x")}, {"published": "soonish"})],
)
def test_missing_file_or_bad_metadata_is_422(client, files, data):
    error(client.post("/api/articles", files=files, data=data, headers=AUTH), 422, "E055")


def test_bodies_over_the_limit_are_413_declared_or_streamed(client, store):
    big = "word " * 2000
    error(client.post("/api/articles", files=upload(big), headers=AUTH), 413, "E058")

    def chunks():
        for _ in range(20):
            yield b"x" * 500

    # No Content-Length: the limit is enforced while the body streams in.
    streamed = client.post(
        "/api/articles",
        content=chunks(),
        headers={**AUTH, "Content-Type": "multipart/form-data; boundary=b"},
    )
    error(streamed, 413, "E058")
    assert store.count() == 0


def test_articles_over_the_article_limit_are_refused_per_article(store, quick_analyzer):
    client = client_for(store, quick_analyzer, token=TOKEN, max_bytes=100)
    response = client.post("/api/articles", files=upload(), headers=AUTH)
    assert response.status_code == 200
    [outcome] = response.json()["articles"]
    assert outcome["code"] == "E003" and "over the limit of 100" in outcome["message"]
    assert store.count() == 0


def test_an_uploaded_article_is_in_its_story_at_once(client, store):
    """Adding links in the same transaction: the next listing shows the article in a story,
    with no restart and nothing left to link."""
    before = client.get("/api/stories").json()["items"]
    followup = ARTICLE.replace("Ceasefire talks resume", "Ceasefire talks go on") + " Again."
    for text in (ARTICLE, followup):
        assert client.post("/api/articles", files=upload(text), headers=AUTH).status_code == 201
    listed = client.get("/api/stories").json()["items"]
    assert sum(s["articles"] for s in listed) == sum(s["articles"] for s in before) + 2
    members = [
        a["id"]
        for s in listed
        for a in client.get(f"/api/stories/{s['id']}").json()["story"]["articles"]
    ]
    assert sorted(members) == sorted(row.id for row in store.articles())
    with store.links() as links:
        assert links.unlinked() == []
