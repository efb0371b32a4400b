"""Static files: the dashboard's own CSS and scripts, and the third-party browser packages
that `make install` puts in node_modules (npm ci), served from there and never committed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
#: URL prefix -> folder inside node_modules. Only these folders are served, not the tree.
VENDORED = {
    "leaflet": "leaflet/dist",
    "topojson": "topojson-client/dist",
    "world": "world-atlas",
    "swagger": "swagger-ui-dist",
    "chart": "chart.js/dist",
}
WORLD_OUTLINE = "/vendor/world/countries-50m.json"


@lru_cache(maxsize=1)
def node_modules() -> Path | None:
    """The node_modules that `npm ci` filled: beside pyproject.toml for a source checkout,
    else in the working directory."""
    for candidate in (Path(__file__).resolve().parents[3], Path.cwd()):
        folder = candidate / "node_modules"
        if all((folder / sub).is_dir() for sub in VENDORED.values()):
            return folder
    return None


def mount_assets(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    vendor = node_modules()
    if vendor is None:
        return
    for prefix, sub in VENDORED.items():
        app.mount(f"/vendor/{prefix}", StaticFiles(directory=vendor / sub), name=f"vendor-{prefix}")
