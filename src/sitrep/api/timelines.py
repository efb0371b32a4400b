"""Timelines in the API: counts per day, week or month of a story's articles, events and
claims (first asserted, first denied), and of the articles and events of an actor or place;
the dashboard draws the same figures (sitrep.web.timeline)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from sitrep.api.routes import ERRORS
from sitrep.link.index import StoryIndex
from sitrep.store import Store
from sitrep.web.params import PathId, Since, StoreDep, StoriesDep, Until
from sitrep.web.timeline import timeline_of

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


class TimelineEnvelope(BaseModel):
    """``timeline``: ``bucket`` (day, week or month), ``buckets`` (each one's first day),
    ``series`` (key, label, counts per bucket, total), what fell outside the buckets
    (``undated``, ``earlier``, ``later``: per series key) and, for a story, ``claims`` with
    the days and buckets they were first asserted and first denied in."""

    ok: Literal[True] = True
    timeline: dict


_SUMMARY = "Counts over time"


@router.get("/stories/{story_id}/timeline", response_model=TimelineEnvelope, summary=_SUMMARY)
def story_timeline(
    store: StoreDep,
    stories: StoriesDep,
    story_id: PathId,
    since: Since = None,
    until: Until = None,
) -> Response:
    """The story's articles by publication day, its articles' events by the day they happened
    and PLOVER type (those dated before or after its articles as ``earlier``/``later``), and
    its claims by the day they were first asserted and first denied."""
    return _answer(store, stories, "story", story_id, since, until)


@router.get("/actors/{actor_id}/timeline", response_model=TimelineEnvelope, summary=_SUMMARY)
def actor_timeline(
    store: StoreDep,
    stories: StoriesDep,
    actor_id: PathId,
    since: Since = None,
    until: Until = None,
) -> Response:
    """The articles naming the actor by publication day, and the events it does or undergoes
    by the day they happened and PLOVER type."""
    return _answer(store, stories, "actor", actor_id, since, until)


@router.get("/places/{place_id}/timeline", response_model=TimelineEnvelope, summary=_SUMMARY)
def place_timeline(
    store: StoreDep,
    stories: StoriesDep,
    place_id: PathId,
    since: Since = None,
    until: Until = None,
) -> Response:
    """The articles naming the place by publication day, and the events that happened there
    by the day they happened and PLOVER type."""
    return _answer(store, stories, "place", place_id, since, until)


def _answer(
    store: Store,
    stories: StoryIndex,
    subject: str,
    subject_id: str,
    since: date | None,
    until: date | None,
) -> Response:
    found = timeline_of(store, stories, subject, subject_id, since, until)
    return JSONResponse({"ok": True, "timeline": found.to_dict()})
