"""Fetching URLs: off unless enabled, and then never towards private, loopback, link-local or
metadata addresses, whether named directly, through DNS or through a redirect.

The resolver and the HTTP transport are fakes passed to the Fetcher: no test opens a socket.
"""

from __future__ import annotations

import httpx
import pytest

from sitrep.api.fetch import Fetcher
from sitrep.errors import SitrepError
from sitrep.store import Store

from .conftest import TOKEN, client_for

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PUBLIC = "93.184.215.14"
PAGE = (
    "<html><head><title>Dam breach floods villages</title></head><body><article>"
    "<h1>Dam breach floods villages</h1><p>A dam upstream of the valley gave way overnight and "
    "water reached three villages before dawn, local officials said on Thursday.</p>"
    "<p>Rescue teams were sent from the provincial capital, the governor's office said.</p>"
    "</article></body></html>"
)
DNS = {
    "news.example": [PUBLIC],
    "localhost": ["127.0.0.1", "::1"],
    "rebind.example": ["127.0.0.1"],
    "mixed.example": [PUBLIC, "10.1.2.3"],
    "metadata.example": ["169.254.169.254"],
    "six.example": ["::ffff:10.0.0.1"],
}


class FakeWeb:
    """A transport that records every request and answers from a table of routes."""

    def __init__(self, routes: dict[str, httpx.Response]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = f"{request.headers['host']}{request.url.raw_path.decode()}"
        return self.routes.get(key, httpx.Response(404))


def resolve(host: str) -> list[str]:
    return DNS[host]


def fetcher_for(web: FakeWeb, max_bytes: int = 100_000) -> Fetcher:
    return Fetcher(max_bytes, resolver=resolve, transport=httpx.MockTransport(web))


def html(body: str = PAGE) -> httpx.Response:
    return httpx.Response(200, text=body, headers={"content-type": "text/html; charset=utf-8"})


def redirect(to: str) -> httpx.Response:
    return httpx.Response(302, headers={"location": to})


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/admin", "loopback"),
        ("http://127.1.2.3:8080/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.0.0.5/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://172.16.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://0.0.0.0/", "not a public"),
        ("http://100.100.100.200/", "not a public"),
        ("http://localhost:8000/", "localhost resolves to 127.0.0.1"),
        ("https://rebind.example/", "loopback"),
        ("https://mixed.example/", "10.1.2.3"),
        ("http://metadata.example/", "link-local"),
        ("http://six.example/", "private"),
        ("file:///etc/passwd", "scheme"),
        ("gopher://news.example/", "scheme"),
    ],
)
def test_refused_addresses_are_never_contacted(url, why):
    web = FakeWeb({})
    with pytest.raises(SitrepError) as info:
        fetcher_for(web).fetch(url)
    assert info.value.code == "E053" and why in info.value.message
    assert web.requests == []


def test_a_redirect_to_a_private_address_is_refused_at_that_hop():
    web = FakeWeb({"news.example/story": redirect("http://10.0.0.7/internal")})
    with pytest.raises(SitrepError) as info:
        fetcher_for(web).fetch("https://news.example/story")
    assert info.value.code == "E053" and "10.0.0.7 is a private address" in info.value.message
    assert [str(r.url) for r in web.requests] == [f"https://{PUBLIC}/story"]


def test_a_redirect_to_a_name_resolving_to_loopback_is_refused():
    web = FakeWeb(
        {"news.example/a": redirect("/b"), "news.example/b": redirect("http://localhost/")}
    )
    with pytest.raises(SitrepError) as info:
        fetcher_for(web).fetch("http://news.example/a")
    assert "localhost resolves to 127.0.0.1" in info.value.message
    assert len(web.requests) == 2


def test_a_public_page_is_fetched_from_the_checked_address():
    web = FakeWeb({"news.example/a": redirect("/final"), "news.example/final": html()})
    fetched = fetcher_for(web).fetch("https://news.example/a")
    assert fetched.url == "https://news.example/final" and fetched.media_type == "text/html"
    # Connected to the address that was checked, named by Host and TLS server name.
    last = web.requests[-1]
    assert last.url.host == PUBLIC and last.headers["host"] == "news.example"
    assert last.extensions["sni_hostname"] == "news.example"


def test_fetch_limits_redirects_size_and_status():
    loop = FakeWeb({"news.example/loop": redirect("/loop")})
    with pytest.raises(SitrepError) as info:
        fetcher_for(loop).fetch("http://news.example/loop")
    assert info.value.code == "E054" and "redirects" in info.value.message
    big = FakeWeb({"news.example/big": html("x" * 5000)})
    with pytest.raises(SitrepError) as info:
        fetcher_for(big, max_bytes=1000).fetch("http://news.example/big")
    assert info.value.code == "E003"
    gone = FakeWeb({})
    with pytest.raises(SitrepError) as info:
        fetcher_for(gone).fetch("http://news.example/missing")
    assert info.value.code == "E054" and "HTTP 404" in info.value.message


@pytest.fixture()
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'fetch.db'}") as store:
        yield store


def test_url_fetching_is_off_by_default(store, quick_analyzer):
    web = FakeWeb({"news.example/a": html()})
    client = client_for(store, quick_analyzer, fetcher=fetcher_for(web), token=TOKEN)
    response = client.post(
        "/api/articles/url", data={"url": "https://news.example/a"}, headers=AUTH
    )
    assert response.status_code == 403 and response.json()["code"] == "E052"
    assert web.requests == []


def test_the_api_fetches_public_pages_and_refuses_private_ones(store, quick_analyzer):
    web = FakeWeb({"news.example/a": html(), "news.example/r": redirect("http://169.254.169.254/")})
    client = client_for(
        store, quick_analyzer, fetcher=fetcher_for(web), token=TOKEN, fetch_urls=True
    )
    added = client.post("/api/articles/url", data={"url": "https://news.example/a"}, headers=AUTH)
    assert added.status_code == 201, added.text
    report = store.get(added.json()["articles"][0]["id"])
    assert report.article.url == "https://news.example/a"
    assert report.article.title == "Dam breach floods villages"
    for url in (
        "http://127.0.0.1/",
        "http://10.2.3.4/x",
        "https://news.example/r",
        "http://localhost/",
    ):
        refused = client.post("/api/articles/url", data={"url": url}, headers=AUTH)
        assert refused.status_code == 400 and refused.json()["code"] == "E053", url
    assert store.count() == 1
