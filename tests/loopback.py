"""A transport that lets a Fetcher reach a test server on 127.0.0.1, which its address checks
rightly refuse: the fetcher checks the public address a fake resolver gives, and the request
then goes to the local port whatever the address."""

from __future__ import annotations

import httpx

#: What the tests' fake resolvers answer for every name: a public address, so checks pass.
PUBLIC = "93.184.215.14"


class ToLoopback(httpx.BaseTransport):
    """The real HTTP transport, sending every request to the local server whatever address
    the fetcher checked (127.0.0.1 itself would be refused, rightly)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inner = httpx.HTTPTransport(retries=0)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(host="127.0.0.1", port=self.port)
        return self.inner.handle_request(request)
