"""Fetching URLs: off unless enabled, and then never towards private, loopback, link-local or
metadata addresses, whether named directly, through DNS or through a redirect.

The resolver and the HTTP transport are fakes passed to the Fetcher; only the deadline tests
open a socket, to a trickling server of their own on 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time

import httpx
import pytest

from sitrep.api.app import make_app
from sitrep.api.fetch import Fetcher, not_public
from sitrep.errors import SitrepError
from sitrep.settings import Settings
from sitrep.store import Store

from ..loopback import PUBLIC, ToLoopback
from .conftest import TOKEN, client_for

AUTH = {"Authorization": f"Bearer {TOKEN}"}
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


def test_a_conditional_fetch_sends_the_validators_and_reads_304_as_not_modified():
    page = httpx.Response(
        200,
        text=PAGE,
        headers={"content-type": "text/html", "etag": '"v1"', "last-modified": "Mon, 04 Mar 2024"},
    )
    web = FakeWeb({"news.example/a": page})
    fetched = fetcher_for(web).fetch("https://news.example/a")
    assert (fetched.etag, fetched.last_modified, fetched.not_modified) == (
        '"v1"',
        "Mon, 04 Mar 2024",
        False,
    )
    assert "if-none-match" not in web.requests[0].headers
    web.routes["news.example/a"] = httpx.Response(304)
    again = fetcher_for(web).fetch(
        "https://news.example/a", etag=fetched.etag, last_modified=fetched.last_modified
    )
    assert again.not_modified and again.data == b"" and again.etag == '"v1"'
    sent = web.requests[1].headers
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Mon, 04 Mar 2024"
    # A 304 nobody asked for is no answer.
    with pytest.raises(SitrepError) as info:
        fetcher_for(web).fetch("https://news.example/a")
    assert info.value.code == "E054" and "HTTP 304" in info.value.message


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


# -- the total deadline ---------------------------------------------------------------------


class Trickler:
    """A server on 127.0.0.1 that answers slowly: ``silent`` sends nothing, ``trickle`` sends
    the headers and then 6 bytes every 0.2 s for 3 s, each read well inside the read timeout."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        connection, _ = self.listener.accept()
        with connection:
            connection.recv(65536)
            if self.mode == "trickle":
                connection.sendall(
                    b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 90\r\n\r\n"
                )
            for _ in range(15):
                if self.done.wait(0.2):
                    return
                if self.mode == "trickle":
                    connection.sendall(b"words ")

    def close(self) -> None:
        self.done.set()
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.mark.parametrize("mode", ["trickle", "silent"])
def test_a_slow_server_is_cut_off_at_the_total_deadline(mode):
    server = Trickler(mode)
    fetcher = Fetcher(100_000, resolver=resolve, transport=ToLoopback(server.port), deadline=0.6)
    started = time.monotonic()
    try:
        with pytest.raises(SitrepError) as info:
            fetcher.fetch("http://news.example/slow")
    finally:
        server.close()
    elapsed = time.monotonic() - started
    assert info.value.code == "E054" and "deadline of 0.6 s" in info.value.message
    # The deadline is checked after each read: at most one read (0.2 s here) past it.
    assert 0.55 < elapsed < 1.5, elapsed


def test_the_deadline_is_a_setting_the_app_passes_to_its_fetcher(store, quick_analyzer):
    assert Settings().fetch_deadline == 30.0
    assert Settings.from_env({"SITREP_FETCH_DEADLINE": "2.5"}).fetch_deadline == 2.5
    app = make_app(store, quick_analyzer, Settings(fetch_deadline=4.0))
    assert app.state.fetcher.deadline == 4.0


# -- addresses that embed another ------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("fec0::1", "site-local"),
        ("feff:ffff::1", "site-local"),
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 of 127.0.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
        ("64:ff9b:1::5db8:d70e", "not a public"),  # local-use NAT64 prefix: a private network's
        ("2002:a00:1::1", "private"),  # 6to4 of 10.0.0.1
        ("::ffff:169.254.169.254", "link-local"),
    ],
)
def test_addresses_that_are_not_public_or_embed_one_that_is_not_are_refused(address, why):
    reason = not_public(ipaddress.ip_address(address))
    assert reason is not None and why in reason, (address, reason)


@pytest.mark.parametrize(
    "address",
    ["64:ff9b::5db8:d70e", "2002:5db8:d70e::1", "::ffff:93.184.215.14", "2606:4700::1111"],
)
def test_addresses_embedding_a_public_ipv4_address_are_public(address):
    assert not_public(ipaddress.ip_address(address)) is None
