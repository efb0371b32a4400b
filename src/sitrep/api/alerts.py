"""Alerts in the API: the list (``/api/alerts``) and a stream of server-sent events
(``/api/alerts/stream``) that open dashboards follow.

`sitrep watch` records alerts in the store from another process, so the stream polls the
store for alerts after the last one it sent; each event's id is the alert's ``seq``, which a
reconnecting browser sends back (Last-Event-ID), so none is missed or repeated. A stream ends
after a while and the browser reconnects: no connection is held open for ever.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from sitrep.api.models import Page
from sitrep.store import ALERT_KINDS, Alert, Store
from sitrep.web.params import MAX_OFFSET, Paging, StoreDep, paging

router = APIRouter(prefix="/api", tags=["api"])
Pages = Annotated[Paging, Depends(paging)]
#: Alerts one stream event round sends at most (the rest follow on the next).
_ROUND = 100


@dataclass(frozen=True, slots=True)
class StreamTiming:
    """``poll``: seconds between looks at the store; ``lifetime``: seconds a stream lasts
    before the browser reconnects; ``keepalive``: seconds of silence before a comment line
    keeps proxies from closing the connection."""

    poll: float = 2.0
    lifetime: float = 300.0
    keepalive: float = 15.0


@router.get("/alerts", response_model=Page[Alert], summary="List alerts")
def list_alerts(store: StoreDep, pages: Pages, kind: Literal[ALERT_KINDS] | None = None) -> dict:
    """Alerts recorded by `sitrep watch`, newest first: ``story`` (a new story), ``status``
    (a claim whose status changed), ``watched`` (a new claim about a watched actor or place)."""
    rows = store.alerts(limit=pages.fetch, offset=pages.offset, kind=kind)
    return pages.page([row.to_dict() for row in rows])


@router.get(
    "/alerts/stream",
    summary="Alerts as they are recorded (server-sent events)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "an event stream"}},
)
async def stream_alerts(
    request: Request,
    store: StoreDep,
    after: Annotated[
        int | None, Query(ge=0, le=MAX_OFFSET, description="send alerts after this seq")
    ] = None,
    last_event_id: Annotated[str | None, Header(max_length=20)] = None,
) -> StreamingResponse:
    """One ``alert`` event per new alert (its JSON as in ``/api/alerts``, its ``seq`` as the
    event id). Starts after ``after``, else after the Last-Event-ID a reconnecting browser
    sends, else after the newest alert recorded now."""
    if after is None and last_event_id is not None and last_event_id.isdigit():
        after = int(last_event_id)
    if after is None:
        newest = await run_in_threadpool(store.alerts, 1)
        after = newest[0].seq if newest else 0
    events = _events(request, store, after, request.app.state.alert_stream)
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _events(
    request: Request, store: Store, after: int, timing: StreamTiming
) -> AsyncIterator[str]:
    started = quiet = time.monotonic()
    # The browser waits this long before reconnecting when the stream ends.
    yield f"retry: {int(timing.poll * 1000)}\n\n"
    while time.monotonic() - started < timing.lifetime:
        if await request.is_disconnected():
            return
        alerts = await run_in_threadpool(store.alerts, _ROUND, after=after)
        for alert in alerts:
            after = alert.seq
            data = json.dumps(alert.to_dict(), ensure_ascii=False)
            yield f"id: {alert.seq}\nevent: alert\ndata: {data}\n\n"
        now = time.monotonic()
        if alerts:
            quiet = now
        elif now - quiet >= timing.keepalive:
            quiet = now
            yield ": keep-alive\n\n"
        await asyncio.sleep(timing.poll)
