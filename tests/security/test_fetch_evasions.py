"""URL fetching against the spellings that slip past naive checks (tests/api/test_fetch.py
covers the plain cases): numeric and shortened IPv4 forms as the system resolver reads them,
user-info and fragment tricks, IPv6 forms that embed a private IPv4 address, redirects to
other schemes, and a compressed body that inflates past the size limit."""

from __future__ import annotations

import gzip

import httpx
import pytest

from sitrep.api.fetch import Fetcher, system_resolver
from sitrep.errors import SitrepError

from ..api.test_fetch import PUBLIC, FakeWeb, fetcher_for, redirect, resolve


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",  # 127.0.0.1 as one decimal number
        "http://0x7f000001/",
        "http://127.1/",
        "http://0/",
        "http://localhost./",
        "http://LOCALHOST/",
        "http://169.254.169.254.nip.invalid@169.254.169.254/latest/meta-data/",
        "http://news.example@127.0.0.1/",
        "http://127.0.0.1#@news.example/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fd00::1]/",  # unique local
        "http://[2002:a00:1::]/",  # 6to4 around 10.0.0.1
        "http://[fe80::1%25eth0]/",
        "http://[::]/",
    ],
)
def test_disguised_local_addresses_are_refused_before_any_request(url):
    web = FakeWeb({})
    fetcher = Fetcher(100_000, resolver=system_resolver, transport=httpx.MockTransport(web))
    with pytest.raises(SitrepError) as info:
        fetcher.fetch(url)
    assert info.value.code in ("E053", "E054"), info.value.message
    assert web.requests == []


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "gopher://127.0.0.1:25/", "ftp://news.example/x", "http://[::1]/"],
)
def test_redirects_to_other_schemes_or_local_hosts_are_refused(location):
    web = FakeWeb({"news.example/a": redirect(location)})
    with pytest.raises(SitrepError) as info:
        fetcher_for(web).fetch("http://news.example/a")
    assert info.value.code == "E053"
    assert [str(r.url) for r in web.requests] == [f"http://{PUBLIC}/a"]


def test_a_compressed_body_is_limited_by_its_inflated_size():
    bomb = gzip.compress(b"A" * 5_000_000)
    assert len(bomb) < 10_000
    web = FakeWeb(
        {
            "news.example/bomb": httpx.Response(
                200, content=bomb, headers={"content-encoding": "gzip", "content-type": "text/html"}
            )
        }
    )
    with pytest.raises(SitrepError) as info:
        Fetcher(100_000, resolver=resolve, transport=httpx.MockTransport(web)).fetch(
            "http://news.example/bomb"
        )
    assert info.value.code == "E003"
