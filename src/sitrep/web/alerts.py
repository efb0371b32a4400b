"""The alerts page: alerts recorded by `sitrep watch`, newest first, and new ones added live
from the server-sent event stream (static/alerts.js builds rows from text, never markup)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from sitrep.store import ALERT_KINDS
from sitrep.web.pages import FormText, Pages, render
from sitrep.web.params import StoreDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/alerts")
def alerts_page(
    request: Request, store: StoreDep, pages: Pages, kind: FormText = ""
) -> HTMLResponse:
    chosen = kind.strip() or None
    # An unknown kind is refused by the store (E021, listing the kinds).
    rows = store.alerts(limit=pages.fetch, offset=pages.offset, kind=chosen)
    newest = store.alerts(1)
    return render(
        request,
        "alerts.html",
        page=pages.page(rows),
        kinds=ALERT_KINDS,
        kind=kind,
        # Live rows are added only to the unfiltered first page, where they belong.
        live=chosen is None and pages.offset == 0,
        after=newest[0].seq if newest else 0,
        nav="alerts",
    )
