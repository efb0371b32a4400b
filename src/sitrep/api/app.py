"""The workbench server: one FastAPI app with the JSON API (/api, described at /openapi.json)
and the dashboard, over one store.

Every error, whatever raised it (the catalogue, routing, validation, an unexpected bug), is
rendered by :func:`handle_error`: the JSON envelope ``{"ok": false, "error", "status", "code"}``
under /api, the same facts as an HTML page on the dashboard.
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import urlsplit

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep import __version__
from sitrep.analyzer import Analyzer
from sitrep.api.alerts import StreamTiming
from sitrep.api.alerts import router as alerts_router
from sitrep.api.fetch import Fetcher
from sitrep.api.routes import router as api_router
from sitrep.api.timelines import router as timelines_router
from sitrep.errors import E, SitrepError
from sitrep.link import link_pending
from sitrep.link.index import StoryIndex
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.web.alerts import router as alerts_page_router
from sitrep.web.assets import mount_assets
from sitrep.web.docs import router as docs_router
from sitrep.web.pages import RenderCache, render_error_page
from sitrep.web.pages import router as web_router
from sitrep.workers import WorkerPool, make_analyzer

_log = logging.getLogger("sitrep.api")
_TILE_HOST = re.compile(r"^[A-Za-z0-9.\-{}:]+$")
#: A tile template's subdomain placeholder ({s}.tile.example.org) becomes a CSP wildcard.
_SUBDOMAIN = re.compile(r"\{[a-z]\}")


def make_app(
    store: Store,
    analyzer: Analyzer | WorkerPool,
    settings: Settings,
    fetcher: Fetcher | None = None,
) -> FastAPI:
    """The app over ``store``, analyzing uploads with ``analyzer`` (a WorkerPool applies the
    time budget). ``fetcher`` replaces the real URL fetcher (tests pass one with a fake
    resolver and transport); URLs are fetched only when ``settings.fetch_urls``."""
    app = FastAPI(
        title="sitrep",
        version=__version__,
        description="Articles, actors, places, stories and claims from conflict and crisis news.",
        # FastAPI's own docs pages load scripts from a CDN: /docs is served by the dashboard,
        # from node_modules (sitrep.web.docs).
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.stories = StoryIndex(store)
    app.state.analyzer = analyzer
    app.state.settings = settings
    app.state.fetcher = fetcher or Fetcher(settings.max_bytes, deadline=settings.fetch_deadline)
    app.state.analyze_lock = threading.Lock()
    app.state.alert_stream = StreamTiming()
    for error in (SitrepError, HTTPException, RequestValidationError):
        app.add_exception_handler(error, handle_error)
    app.include_router(api_router)
    app.include_router(alerts_router)
    app.include_router(timelines_router)
    app.include_router(web_router)
    app.include_router(alerts_page_router)
    app.include_router(docs_router)
    mount_assets(app)
    # Innermost, so it sees HEAD as the GET it is answered as, and only bodies let through.
    app.add_middleware(RenderCache)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    app.add_middleware(HeadAsGet)
    # Outermost, so every response, errors and refusals included, carries the headers.
    app.add_middleware(Guard, headers=security_headers(settings.tile_url))
    return app


def serve(settings: Settings, host: str, port: int) -> None:
    """Runs the app on ``host``:``port`` until interrupted."""
    store = Store(settings.db)
    # Every writer links as it adds; what a bare Store.add or an older sitrep left unlinked
    # (or unsummarized) is brought up to date now, as `sitrep stories` does.
    link_pending(store)
    with make_analyzer(settings) as analyzer:
        app = make_app(store, analyzer, settings)
        uvicorn.run(app, host=host, port=port, log_level="info")


# -- errors ---------------------------------------------------------------------------------


def as_error(request: Request, exc: Exception) -> tuple[SitrepError, int]:
    """The catalogue error for any exception, and the HTTP status to answer with."""
    if isinstance(exc, SitrepError):
        return exc, exc.http_status
    if isinstance(exc, RequestValidationError):
        reason = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
            for error in exc.errors()
        )
        return SitrepError(E.BAD_REQUEST, reason=reason), 422
    if isinstance(exc, HTTPException):
        if exc.status_code == 404:
            return SitrepError(E.NO_ROUTE, what=request.url.path), 404
        if exc.status_code == 405:
            return SitrepError(E.BAD_METHOD, what=request.url.path, method=request.method), 405
        return SitrepError(E.BAD_REQUEST, reason=str(exc.detail)), exc.status_code
    _log.error("unexpected error serving %s %r", request.method, request.url.path, exc_info=exc)
    error = SitrepError(
        E.INTERNAL, what=repr(request.url.path), component="api", reason=type(exc).__name__
    )
    return error, 500


async def handle_error(request: Request, exc: Exception) -> Response:
    """The one error renderer: a JSON envelope for the API, an HTML page for the dashboard."""
    error, status = as_error(request, exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if _is_api(request.url.path):
        body = {"ok": False, "error": error.message, "status": status, "code": error.code}
        return JSONResponse(body, status_code=status, headers=headers)
    return render_error_page(request, error, status)


def _is_api(path: str) -> bool:
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


# -- middleware -----------------------------------------------------------------------------


def security_headers(tile_url: str) -> list[tuple[bytes, bytes]]:
    """Headers on every response. The policy allows scripts and styles from this server
    only (no inline code), images also from the map tile server, and no framing."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url)
        if parts.scheme not in ("http", "https") or not _TILE_HOST.match(parts.netloc):
            raise SitrepError(
                E.BAD_OPTION,
                option="SITREP_TILE_URL",
                reason="give an http(s) URL template such as "
                "https://tile.example.org/{z}/{x}/{y}.png",
            )
        images += f" {parts.scheme}://{_SUBDOMAIN.sub('*', parts.netloc)}"
    policy = (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; font-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
    )
    return [
        (b"content-security-policy", policy.encode("ascii")),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
    ]


class Guard:
    """Adds the security headers to every response, and turns an unexpected exception into
    the error page or envelope (logged, without request headers: they may hold the token)."""

    def __init__(self, app: ASGIApp, headers: list[tuple[bytes, bytes]]) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", ()), *self.headers]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            if started:
                raise
            response = await handle_error(Request(scope), exc)
            await response(scope, receive, send_with_headers)


class HeadAsGet:
    """Answers HEAD wherever GET is answered (monitors and link checkers send HEAD; FastAPI's
    routes accept only the methods they name): the request runs as a GET, and its status and
    headers go out without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413 before any handler reads them,
    whether the client declares the length or streams the body in chunks."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body: Message | None = {"type": "http.request", "body": b"".join(chunks)}

        async def replay() -> Message:
            nonlocal body
            if body is None:
                return await receive()
            message, body = body, None
            return message

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await handle_error(
            Request(scope), SitrepError(E.PAYLOAD_TOO_LARGE, limit=self.limit)
        )
        await response(scope, receive, send)
