"""The dashboard: server-rendered pages over the store (Jinja2, autoescaped; no inline
scripts, so the Content-Security-Policy can forbid them)."""

from __future__ import annotations

import ntpath
import threading
from collections import OrderedDict
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.errors import SitrepError, check_choice
from sitrep.link.index import StoryIndex, summarize
from sitrep.model import ACTOR_KINDS, COARSE_PRECISION, PLACE_PRECISION, STANCES
from sitrep.store import ARTICLE_SORTS, SEARCH_SECTIONS
from sitrep.store import STORY_SORTS as SORTS
from sitrep.store.filters import (
    ARTICLE_FILTERS,
    EVENT_FILTERS,
    EVENT_SORT_KEYS,
    EVENT_SORTS,
    STORY_FILTERS,
    Filters,
)
from sitrep.web.assets import WORLD_OUTLINE, node_modules
from sitrep.web.board import LOW_CONFIDENCE, board
from sitrep.web.filters import filter_view
from sitrep.web.highlight import Mark, claim_anchor, content_anchor, marks, segments
from sitrep.web.params import (
    NO_NUL,
    Paging,
    PathId,
    StoreDep,
    StoriesDep,
    filtering,
    paging,
)
from sitrep.web.timeline import timeline_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: Form fields arrive as "" when left empty: that means "no filter", not an invalid value.
FormText = Annotated[str, Query(max_length=500, pattern=NO_NUL)]
Pages = Annotated[Paging, Depends(paging)]
#: A page refuses query parameters it does not know (a misspelt filter is an error, never
#: silently ignored): its filters and these.
_PAGING = ("limit", "offset")
StoryFilters = Annotated[Filters, Depends(filtering(STORY_FILTERS, (*_PAGING, "sort")))]
ArticleFilters = Annotated[Filters, Depends(filtering(ARTICLE_FILTERS, (*_PAGING, "sort")))]
EventFilters = Annotated[Filters, Depends(filtering(EVENT_FILTERS, (*_PAGING, "sort")))]
MapFilters = Annotated[Filters, Depends(filtering(EVENT_FILTERS, ()))]
#: articles a story's timeline shows until asked for all (a big story has hundreds)
_TIMELINE = 100
#: stories listed on an actor or place page
_RELATED_STORIES = 50
#: paths RenderCache leaves alone: files, and the alert stream, which never ends
_UNCACHED = ("/static/", "/vendor/", "/api/alerts/stream")
#: hits per section the search page shows before one section is chosen
_OVERVIEW = {"articles": 10, "stories": 5, "claims": 5, "actors": 5, "places": 5}


def safe_href(url: str | None) -> str | None:
    """The URL when it is http(s), else None: stored URLs are hostile input, and a
    ``javascript:`` link must never become clickable."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _segment(value: object) -> str:
    """A value quoted to be one URL path segment."""
    return quote(str(value), safe="")


def _file_name(path: str | None) -> str | None:
    """The last part of a source path: where the server read a file is not the web's
    business, its name may be."""
    return ntpath.basename(path.rstrip("/\\")) if path else None


_env = Environment(
    loader=PackageLoader("sitrep.web", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)
_env.filters["href"] = safe_href
_env.filters["seg"] = _segment
_env.filters["file_name"] = _file_name


class RenderCache:
    """The app's GET answers (pages and JSON), each kept until the store changes: the store
    is checked at most once a ``recheck_s`` (StoryIndex.refresh) for a change stamp that
    moves with every article, link and alert written, and a write through this server
    (any other method) expires the check, so its result shows on the next read. Every read
    path is a function of its URL and the store, so a repeat costs no query and no render;
    a request with ``Cache-Control: no-cache`` is rendered afresh. Static files (which
    answer conditional requests) and event streams pass through. Memory is bounded by
    bytes, not entries: one export or large story's JSON weighs as much as a thousand pages."""

    def __init__(self, app: ASGIApp, max_bytes: int = 64 << 20) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self._pages: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(_UNCACHED):
            await self.app(scope, receive, send)
            return
        stories: StoryIndex = scope["app"].state.stories
        if scope["method"] != "GET":
            try:
                await self.app(scope, receive, send)
            finally:
                stories.expire()
            return
        if not stories.checked:
            await run_in_threadpool(stories.refresh)
        key = (scope["path"], scope["query_string"], stories.version)
        fresh = b"no-cache" in dict(scope["headers"]).get(b"cache-control", b"")
        found = None
        with self._lock:
            if not fresh and key in self._pages:
                found = self._pages[key]
                self._pages.move_to_end(key)
        if found is None:
            found = await self._render(scope, receive)
            if found[0] == 200 and len(found[2]) <= self.max_bytes // 4:
                self._keep(key, found)
        status, headers, body = found
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _keep(self, key: tuple, found: tuple[int, list, bytes]) -> None:
        with self._lock:
            old = self._pages.pop(key, None)
            self._bytes += len(found[2]) - (len(old[2]) if old else 0)
            self._pages[key] = found
            while self._bytes > self.max_bytes:
                self._bytes -= len(self._pages.popitem(last=False)[1][2])

    async def _render(self, scope: Scope, receive: Receive) -> tuple[int, list, bytes]:
        start: Message = {}
        body: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            else:
                body.append(message.get("body", b""))

        await self.app(scope, receive, keep)
        return start["status"], list(start.get("headers", ())), b"".join(body)


def render(
    request: Request, template: str, status: int = 200, nav: str = "", **context: Any
) -> HTMLResponse:
    settings = request.app.state.settings
    vendored = node_modules() is not None
    page = _env.get_template(template).render(
        nav=nav,
        q=request.query_params.get("q", ""),
        tile_url=settings.tile_url,
        world_outline=WORLD_OUTLINE,
        map_ready=vendored,
        charts_ready=vendored,
        page_url=lambda **changes: _query(request, **changes),
        **context,
    )
    return HTMLResponse(page, status_code=status)


def render_error_page(request: Request, error: SitrepError, status: int) -> HTMLResponse:
    return render(request, "error.html", status=status, error=error, status_code=status)


def _query(request: Request, **changes: object) -> str:
    """This page's URL with some query parameters changed (the pager's offset); a change to
    None drops the parameter."""
    params = {**request.query_params, **{k: str(v) for k, v in changes.items()}}
    kept = {k: v for k, v in params.items() if changes.get(k, "") is not None}
    return f"{request.url.path}?{urlencode(kept)}"


def _blank(value: str) -> str | None:
    return value.strip() or None


# -- pages ----------------------------------------------------------------------------------


@router.get("/")
def stories_page(
    request: Request,
    store: StoreDep,
    stories: StoriesDep,
    pages: Pages,
    filters: StoryFilters,
    sort: FormText = "newest",
) -> HTMLResponse:
    check_choice("sort", sort, SORTS)
    rows = stories.summaries(sort, pages.fetch, pages.offset, filters)
    return render(
        request,
        "stories.html",
        page=pages.page(rows, total=store.count_stories(filters)),
        sort=sort,
        sorts=SORTS,
        nav="stories",
        **filter_view(request, store, filters, STORY_FILTERS),
    )


@router.get("/stories/{story_id}")
def story_page(
    request: Request,
    store: StoreDep,
    stories: StoriesDep,
    story_id: PathId,
    timeline: Annotated[Literal["all"] | None, Query()] = None,
) -> HTMLResponse:
    story = stories.story(story_id)
    # Dated articles in publication order, undated ones after them in the order linked.
    ordered = sorted(story.articles, key=lambda a: a.published or "~")
    shown = ordered if timeline == "all" else ordered[:_TIMELINE]
    places = store.places(limit=len(story.places), ids=[p.id for p in story.places])
    return render(
        request,
        "story.html",
        story=story,
        summary=summarize(story),
        members={a.id: a for a in story.articles},
        timeline=shown,
        chart=timeline_of(store, stories, "story", story_id),
        board=board(story.claims),
        low_confidence=LOW_CONFIDENCE,
        stances=STANCES,
        places=[_place_point(p) for p in places],
        nav="stories",
    )


@router.get("/articles")
def articles_page(
    request: Request,
    store: StoreDep,
    pages: Pages,
    filters: ArticleFilters,
    sort: FormText = "newest",
) -> HTMLResponse:
    rows = store.articles(pages.fetch, pages.offset, filters, sort)
    return render(
        request,
        "articles.html",
        page=pages.page(rows, total=store.count(filters)),
        sort=sort,
        sorts=ARTICLE_SORTS,
        nav="articles",
        **filter_view(request, store, filters, ARTICLE_FILTERS),
    )


@router.get("/events")
def events_page(
    request: Request,
    store: StoreDep,
    pages: Pages,
    filters: EventFilters,
    sort: FormText = "-date",
) -> HTMLResponse:
    check_choice("sort", sort, EVENT_SORTS)
    rows, total = store.events(pages.fetch, pages.offset, filters, sort)
    _, standing = store.event_counts(filters)
    return render(
        request,
        "events.html",
        page=pages.page(rows, total=total),
        sort=sort,
        sort_keys=EVENT_SORT_KEYS,
        standing=standing,
        export_query=urlencode(filters.active()),
        nav="events",
        **filter_view(request, store, filters, EVENT_FILTERS),
    )


@router.get("/articles/{article_id}")
def article_page(request: Request, store: StoreDep, article_id: PathId) -> HTMLResponse:
    report = store.get(article_id)
    article = report.article
    body = marks(report)
    # Header lines and a trailing source line are metadata: shown, but set apart.
    body += [_meta_mark(0, article.body_start), _meta_mark(article.end, len(article.text))]
    return render(
        request,
        "article.html",
        report=report,
        article=article,
        segments=segments(article.text, body),
        claim_anchor=claim_anchor,
        content_anchor=content_anchor,
        places=[_place_point(p) for p in report.places],
        nav="articles",
    )


@router.get("/actors")
def actors_page(
    request: Request, store: StoreDep, pages: Pages, kind: FormText = "", name: FormText = ""
) -> HTMLResponse:
    chosen = _blank(kind)
    check_choice("kind", chosen, ACTOR_KINDS)
    rows = store.actors(limit=pages.fetch, offset=pages.offset, kind=chosen, name=_blank(name))
    return render(
        request,
        "actors.html",
        page=pages.page(rows),
        kinds=ACTOR_KINDS,
        kind=kind,
        name=name,
        nav="actors",
    )


@router.get("/actors/{actor_id:path}")
def actor_page(
    request: Request, store: StoreDep, stories: StoriesDep, pages: Pages, actor_id: PathId
) -> Response:
    rows = store.articles(pages.fetch, pages.offset, Filters(actor=actor_id))
    return render(
        request,
        "actor.html",
        actor=store.actor(actor_id),
        chart=timeline_of(store, stories, "actor", actor_id),
        stories=stories.summaries("newest", _RELATED_STORIES, filters=Filters(actor=actor_id)),
        page=pages.page(rows),
        nav="actors",
    )


@router.get("/places")
def places_page(
    request: Request, store: StoreDep, pages: Pages, name: FormText = ""
) -> HTMLResponse:
    rows = store.places(limit=pages.fetch, offset=pages.offset, name=_blank(name))
    return render(request, "places.html", page=pages.page(rows), name=name, nav="places")


@router.get("/places/{place_id:path}")
def place_page(
    request: Request, store: StoreDep, stories: StoriesDep, pages: Pages, place_id: PathId
) -> Response:
    place = store.place(place_id)
    rows = store.articles(pages.fetch, pages.offset, Filters(place=place_id))
    return render(
        request,
        "place.html",
        place=place,
        chart=timeline_of(store, stories, "place", place_id),
        places=[_place_point(place)],
        stories=stories.summaries("newest", _RELATED_STORIES, filters=Filters(place=place_id)),
        page=pages.page(rows),
        nav="places",
    )


@router.get("/map")
def map_page(request: Request, store: StoreDep, filters: MapFilters) -> HTMLResponse:
    """The shell of the events map: its filters; the markers come from /api/events/points
    with the same query, refetched as the time slider moves."""
    return render(
        request,
        "map.html",
        points_query=urlencode(filters.active()),
        nav="map",
        **filter_view(request, store, filters, EVENT_FILTERS),
    )


@router.get("/search")
def search_page(
    request: Request, store: StoreDep, pages: Pages, q: FormText = "", section: FormText = ""
) -> HTMLResponse:
    chosen = _blank(section)
    check_choice("section", chosen, SEARCH_SECTIONS)
    found: dict[str, tuple[list[Any], int]] = {}
    if _blank(q):
        for name in SEARCH_SECTIONS:
            # One section paged; the overview shows the first few of each, the others count.
            if chosen is None:
                found[name] = store.search(name, q, limit=_OVERVIEW[name])
            elif name == chosen:
                found[name] = store.search(name, q, limit=pages.fetch, offset=pages.offset)
            else:
                found[name] = ([], store.search(name, q, limit=0)[1])
    page = pages.page(found[chosen][0]) if chosen in found else None
    return render(
        request,
        "search.html",
        found=found,
        sections=SEARCH_SECTIONS,
        section=chosen,
        page=page,
        nav="search",
    )


def _place_point(place: Any) -> dict[str, Any]:
    """What a map marker needs; rows and report places both have these fields."""
    return {
        "id": place.id,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        # Store rows keep the feature only; a report's place says how precise its point is.
        "precision": getattr(
            place, "precision", PLACE_PRECISION.get(place.feature, COARSE_PRECISION)
        ),
        "articles": getattr(place, "articles", 1),
        "href": f"/places/{_segment(place.id)}",
    }


def _meta_mark(start: int, end: int) -> Mark:
    return Mark(start, end, "meta", anchor=f"meta{start}")
