"""The dashboard: server-rendered pages over the store (Jinja2, autoescaped; no inline
scripts, so the Content-Security-Policy can forbid them)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from sitrep.errors import E, SitrepError
from sitrep.link.index import StoryIndex, summarize
from sitrep.model import ACTOR_KINDS, COARSE_PRECISION, PLACE_PRECISION, STANCES
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
from sitrep.web.board import board_row
from sitrep.web.filters import filter_view
from sitrep.web.highlight import Mark, claim_anchor, marks, segments
from sitrep.web.params import (
    MAX_LIMIT,
    NO_NUL,
    Paging,
    PathId,
    StoreDep,
    StoriesDep,
    filtering,
    paging,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: Form fields arrive as "" when left empty: that means "no filter", not an invalid value.
FormText = Annotated[str, Query(max_length=500, pattern=NO_NUL)]
Pages = Annotated[Paging, Depends(paging)]
#: A page refuses query parameters it does not know (a misspelt filter is an error, never
#: silently ignored): its filters and these.
_PAGING = ("limit", "offset")
StoryFilters = Annotated[Filters, Depends(filtering(STORY_FILTERS, (*_PAGING, "sort")))]
ArticleFilters = Annotated[Filters, Depends(filtering(ARTICLE_FILTERS, _PAGING))]
EventFilters = Annotated[Filters, Depends(filtering(EVENT_FILTERS, (*_PAGING, "sort")))]
MapFilters = Annotated[Filters, Depends(filtering(EVENT_FILTERS, ()))]
#: articles a story's timeline shows until asked for all (a big story has hundreds)
_TIMELINE = 100
#: stories listed on an actor, place or search page
_RELATED_STORIES = 50


def safe_href(url: str | None) -> str | None:
    """The URL when it is http(s), else None: stored URLs are hostile input, and a
    ``javascript:`` link must never become clickable."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _segment(value: object) -> str:
    """A value quoted to be one URL path segment."""
    return quote(str(value), safe="")


_env = Environment(
    loader=PackageLoader("sitrep.web", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)
_env.filters["href"] = safe_href
_env.filters["seg"] = _segment


class RenderCache:
    """Rendered story pages and the events map's markers, kept until linking changes any
    story (every stored article is linked, so its events come with a change): the stories
    list, a large story's claim board and the map of every event are read most and the
    costliest to make."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._pages: OrderedDict[tuple, tuple[bytes, str | None]] = OrderedDict()
        self._lock = threading.Lock()

    async def get(
        self, request: Request, stories: StoryIndex, render_page: Callable[[], Response]
    ) -> Response:
        """The response from the cache, else made (in a worker thread, as it reads the
        store). A hit does no I/O and never leaves the event loop."""
        if not stories.checked:
            await run_in_threadpool(stories.refresh)
        key = (request.url.path, request.url.query, stories.version)
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
        if page is None:
            made = await run_in_threadpool(render_page)
            page = (bytes(made.body), made.media_type)
            with self._lock:
                self._pages[key] = page
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        return Response(page[0], media_type=page[1])


def render(
    request: Request, template: str, status: int = 200, nav: str = "", **context: Any
) -> HTMLResponse:
    settings = request.app.state.settings
    page = _env.get_template(template).render(
        nav=nav,
        q=request.query_params.get("q", ""),
        tile_url=settings.tile_url,
        world_outline=WORLD_OUTLINE,
        map_ready=node_modules() is not None,
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
async def stories_page(
    request: Request,
    store: StoreDep,
    stories: StoriesDep,
    pages: Pages,
    filters: StoryFilters,
    sort: FormText = "newest",
) -> HTMLResponse:
    if sort not in SORTS:
        raise SitrepError(E.BAD_OPTION, option="sort", reason=f"use one of {', '.join(SORTS)}")

    def page() -> HTMLResponse:
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

    return await request.app.state.rendered.get(request, stories, page)


@router.get("/stories/{story_id}")
async def story_page(
    request: Request,
    store: StoreDep,
    stories: StoriesDep,
    story_id: PathId,
    timeline: Annotated[Literal["all"] | None, Query()] = None,
) -> HTMLResponse:
    def page() -> HTMLResponse:
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
            board=[board_row(claim) for claim in story.claims],
            stances=STANCES,
            places=[_place_point(p) for p in places],
            nav="stories",
        )

    return await request.app.state.rendered.get(request, stories, page)


@router.get("/articles")
def articles_page(
    request: Request, store: StoreDep, pages: Pages, filters: ArticleFilters
) -> HTMLResponse:
    rows = store.articles(pages.fetch, pages.offset, filters)
    return render(
        request,
        "articles.html",
        page=pages.page(rows, total=store.count(filters)),
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
    if sort not in EVENT_SORTS:
        raise SitrepError(
            E.BAD_OPTION, option="sort", reason=f"use one of {', '.join(EVENT_SORTS)}"
        )
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
        places=[_place_point(p) for p in report.places],
        nav="articles",
    )


@router.get("/actors")
def actors_page(
    request: Request, store: StoreDep, pages: Pages, kind: FormText = "", name: FormText = ""
) -> HTMLResponse:
    chosen = _blank(kind)
    if chosen is not None and chosen not in ACTOR_KINDS:
        raise SitrepError(
            E.BAD_OPTION, option="kind", reason=f"use one of {', '.join(ACTOR_KINDS)}"
        )
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
) -> HTMLResponse:
    actor = store.actor(actor_id)
    rows = store.articles(pages.fetch, pages.offset, Filters(actor=actor_id))
    return render(
        request,
        "actor.html",
        actor=actor,
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
) -> HTMLResponse:
    place = store.place(place_id)
    rows = store.articles(pages.fetch, pages.offset, Filters(place=place_id))
    return render(
        request,
        "place.html",
        place=place,
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
    request: Request, store: StoreDep, stories: StoriesDep, pages: Pages, q: FormText = ""
) -> HTMLResponse:
    words = _blank(q)
    found: dict[str, Any] = {"articles": [], "actors": [], "places": [], "stories": []}
    if words:
        found = {
            "stories": stories.summaries("newest", _RELATED_STORIES, filters=Filters(q=words)),
            "articles": store.articles(pages.fetch, pages.offset, Filters(q=words)),
            "actors": store.actors(limit=MAX_LIMIT // 10, name=words),
            "places": store.places(limit=MAX_LIMIT // 10, name=words),
        }
    return render(
        request, "search.html", page=pages.page(found["articles"]), found=found, nav="search"
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
