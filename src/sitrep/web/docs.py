"""Interactive API documentation at /docs: Swagger UI over /openapi.json, from the
swagger-ui-dist package that `make install` puts in node_modules (served like Leaflet, so the
page works offline and under the Content-Security-Policy: no inline script, no CDN)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from sitrep.web.assets import node_modules
from sitrep.web.pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/docs")
def docs_page(request: Request) -> HTMLResponse:
    return render(request, "docs.html", docs_ready=node_modules() is not None, nav="docs")
