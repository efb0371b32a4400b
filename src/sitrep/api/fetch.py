"""Fetching an article by URL without letting the server be turned against its own network.

Every hop of a fetch (the URL and each redirect) is checked before any connection: the scheme
must be http(s), and the host, or every address its name resolves to, must be public (not
private, loopback, link-local such as the 169.254.169.254 cloud metadata service, or reserved).
The connection then goes to the address that was checked, not to a second DNS answer, so a
name that resolves differently the next time (DNS rebinding) cannot slip through.

A fetch has a total deadline besides the per-read timeout, so a server that trickles a few
bytes at a time cannot hold a request (and the worker serving it) for minutes.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from sitrep.errors import E, SitrepError
from sitrep.settings import Settings

#: host name -> the IP addresses it resolves to. The seam tests replace.
Resolver = Callable[[str], list[str]]

_MAX_REDIRECTS = 5
_TIMEOUT_S = 10.0
_USER_AGENT = "sitrep"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: RFC 6052's well-known NAT64 prefix: the last 32 bits are the IPv4 address reached.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def system_resolver(host: str) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise SitrepError(
            E.FETCH_FAILED, what=host, reason=f"the name does not resolve ({exc})"
        ) from None
    return sorted({info[4][0] for info in infos})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched document: the URL it was finally served from, its media type and bytes,
    and the validators a later conditional fetch sends back (``etag``, ``last_modified``).
    ``not_modified``: the server answered 304 to a conditional fetch, and ``data`` is empty."""

    url: str
    media_type: str
    data: bytes
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


class Fetcher:
    """Fetches public http(s) URLs, following redirects by hand so each hop is checked."""

    def __init__(
        self,
        max_bytes: int,
        resolver: Resolver = system_resolver,
        transport: httpx.BaseTransport | None = None,
        deadline: float = Settings.fetch_deadline,
    ) -> None:
        self.max_bytes = max_bytes
        self.resolver = resolver
        #: Seconds a whole fetch (every redirect, the headers, the body) may take.
        self.deadline = deadline
        self._client = httpx.Client(
            transport=transport or httpx.HTTPTransport(retries=0),
            timeout=_TIMEOUT_S,
            follow_redirects=False,
            # Proxy variables from the environment would route around the address checks.
            trust_env=False,
            headers={"User-Agent": _USER_AGENT},
        )

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """The document at ``url``; SitrepError E053 when a hop is refused, E054 when the
        fetch fails or outlasts the deadline, E003 when the body is over ``max_bytes``.
        ``etag`` / ``last_modified`` from an earlier fetch make it conditional: a server
        with nothing new answers 304, and the result says ``not_modified``."""
        stop = time.monotonic() + self.deadline
        conditional = {
            name: value
            for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified))
            if value
        }
        current = url
        for _hop in range(_MAX_REDIRECTS + 1):
            try:
                target = httpx.URL(current)
            except httpx.InvalidURL as exc:
                raise SitrepError(
                    E.URL_REFUSED, what=current, reason=f"it is not a valid URL ({exc})"
                ) from None
            address = self._checked_address(current, target)
            pinned = target.copy_with(host=address)
            headers = {"Host": target.netloc.decode("ascii"), **conditional}
            extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
            timeout = min(_TIMEOUT_S, self._left(stop, current))
            try:
                with self._client.stream(
                    "GET",
                    pinned,
                    headers=headers,
                    extensions=extensions,
                    timeout=timeout,
                ) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    if response.status_code == 304 and conditional:
                        return Fetched(current, "", b"", etag, last_modified, not_modified=True)
                    if response.status_code != 200:
                        raise SitrepError(
                            E.FETCH_FAILED, what=current, reason=f"HTTP {response.status_code}"
                        )
                    data = self._body(current, response, stop)
                    media_type = response.headers.get("content-type", "").split(";")[0]
                    return Fetched(
                        current,
                        media_type.strip().lower(),
                        data,
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
            except httpx.TimeoutException:
                self._left(stop, current)
                raise SitrepError(
                    E.FETCH_FAILED, what=current, reason=f"no answer within {timeout:.3g} s"
                ) from None
            except httpx.HTTPError as exc:
                reason = str(exc) or type(exc).__name__
                raise SitrepError(E.FETCH_FAILED, what=current, reason=reason) from None
        raise SitrepError(E.FETCH_FAILED, what=url, reason=f"more than {_MAX_REDIRECTS} redirects")

    def _checked_address(self, url: str, target: httpx.URL) -> str:
        """The address to connect to for one hop, after refusing anything not public."""
        if target.scheme not in ("http", "https"):
            raise SitrepError(
                E.URL_REFUSED, what=url, reason=f"the scheme '{target.scheme}' is not http(s)"
            )
        if not target.host:
            raise SitrepError(E.URL_REFUSED, what=url, reason="it names no host")
        literal = _ip(target.host)
        addresses = [target.host] if literal else self.resolver(target.host)
        if not addresses:
            raise SitrepError(E.FETCH_FAILED, what=url, reason="the name has no address")
        for address in addresses:
            ip = _ip(address)
            why = "is not an IP address" if ip is None else not_public(ip)
            if why:
                shown = address if literal else f"{target.host} resolves to {address}, which"
                raise SitrepError(E.URL_REFUSED, what=url, reason=f"{shown} {why}")
        return addresses[0]

    def _left(self, stop: float, url: str) -> float:
        """Seconds left before ``stop``; SitrepError E054 once it has passed."""
        left = stop - time.monotonic()
        if left <= 0:
            raise SitrepError(
                E.FETCH_FAILED,
                what=url,
                reason=f"it took longer than the deadline of {self.deadline:g} s "
                "(SITREP_FETCH_DEADLINE)",
            )
        return left

    def _body(self, url: str, response: httpx.Response, stop: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        # Checked after each read: a read waits at most the read timeout, so a fetch ends
        # within one read of the deadline.
        for chunk in response.iter_bytes():
            self._left(stop, url)
            size += len(chunk)
            if size > self.max_bytes:
                raise SitrepError(E.TOO_LARGE, what=url, size=size, limit=self.max_bytes)
            chunks.append(chunk)
        return b"".join(chunks)


def not_public(ip: IPAddress) -> str | None:
    """Why an address must not be fetched from, or None when it is a public one."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return not_public(embedded)
        # Deprecated (RFC 3879) but still routed inside some networks; ipaddress calls it global.
        if ip.is_site_local:
            return "is a site-local address"
    if ip.is_loopback:
        return "is a loopback address"
    if ip.is_link_local:
        return "is a link-local address (where cloud metadata services live)"
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        return "is not a public address"
    if ip.is_private:
        return "is a private address"
    if not ip.is_global:
        return "is not a public address"
    return None


def _ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip("[]").split("%")[0])
    except ValueError:
        return None
