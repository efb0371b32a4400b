"""The dashboard: server-rendered pages over the store (Jinja2, autoescaped; no inline
scripts, so the Content-Security-Policy can forbid them)."""

from __future__ import annotations

import ntpath
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from sitrep.errors import E, SitrepError, check_choice
from sitrep.link.index import StoryIndex, summarize
from sitrep.model import ACTOR_KINDS, COARSE_PRECISION, PLACE_PRECISION, STANCES
from sitrep.store import ARTICLE_SORTS, SEARCH_SECTIONS, Store
from sitrep.store import STORY_SORTS as SORTS
from sitrep.web.assets import WORLD_OUTLINE, node_modules
from sitrep.web.board import LOW_CONFIDENCE, board
from sitrep.web.highlight import Mark, claim_anchor, content_anchor, marks, segments
from sitrep.web.params import (
    NO_NUL,
    Paging,
    PathId,
    StoreDep,
    StoriesDep,
    paging,
    published_range,
)
from sitrep.web.timeline import timeline_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: Form fields arrive as "" when left empty: that means "no filter", not an invalid value.
FormText = Annotated[str, Query(max_length=500, pattern=NO_NUL)]
Pages = Annotated[Paging, Depends(paging)]
_MAP_PLACES = 2000
#: articles a story's timeline shows until asked for all (a big story has hundreds)
_TIMELINE = 100
#: stories listed on an actor or place page
_RELATED_STORIES = 50
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
    """Rendered pages and API answers that change only when articles are linked, kept until
    linking changes any story: the stories list and a large story's claim board are the pages
    read most and the costliest to render, and the timeline of an actor named by half the
    store counts thousands of articles."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._pages: OrderedDict[tuple, tuple[bytes, str | None]] = OrderedDict()
        self._lock = threading.Lock()

    async def get(
        self, request: Request, stories: StoryIndex, render_page: Callable[[], Response]
    ) -> Response:
        """The page (or JSON) from the cache, else rendered (in a worker thread, as it reads
        the store). A hit does no I/O and never leaves the event loop."""
        if not stories.checked:
            await run_in_threadpool(stories.refresh)
        key = (request.url.path, request.url.query, stories.version)
        with self._lock:
            found = self._pages.get(key)
            if found is not None:
                self._pages.move_to_end(key)
        if found is None:
            response = await run_in_threadpool(render_page)
            found = (bytes(response.body), response.media_type)
            with self._lock:
                self._pages[key] = found
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        return Response(found[0], media_type=found[1])


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
    """This page's URL with some query parameters changed (the pager's offset)."""
    params = {**request.query_params, **{k: str(v) for k, v in changes.items()}}
    return f"{request.url.path}?{urlencode(params)}"


def _blank(value: str) -> str | None:
    return value.strip() or None


def _picked(store: Store, field: str, value: str) -> tuple[str | None, str]:
    """(the actor or place id a filter names, what its picker shows). Pickers send names,
    links may send ids: either names the id, and an id shows as its name. A value that is
    neither stays as given (and matches nothing)."""
    text = value.strip()
    if not text:
        return None, value
    ident = store.named(field, text)
    if ident is None:
        return text, value
    if ident != text:
        return ident, value
    return ident, (store.actor(ident) if field == "actor" else store.place(ident)).name


def _day(value: str, field: str) -> date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SitrepError(E.BAD_DATE, what=text, field=field) from None


# -- pages ----------------------------------------------------------------------------------


@router.get("/")
async def stories_page(
    request: Request, stories: StoriesDep, pages: Pages, sort: FormText = "newest"
) -> HTMLResponse:
    check_choice("sort", sort, SORTS)

    def page() -> HTMLResponse:
        rows = stories.summaries(sort, limit=pages.fetch, offset=pages.offset)
        return render(
            request, "stories.html", page=pages.page(rows), sort=sort, sorts=SORTS, nav="stories"
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
            chart=timeline_of(store, stories, "story", story_id),
            board=board(story.claims),
            low_confidence=LOW_CONFIDENCE,
            stances=STANCES,
            places=[_place_point(p) for p in places],
            nav="stories",
        )

    return await request.app.state.rendered.get(request, stories, page)


@router.get("/articles")
def articles_page(
    request: Request,
    store: StoreDep,
    pages: Pages,
    outlet: FormText = "",
    since: FormText = "",
    until: FormText = "",
    actor: FormText = "",
    place: FormText = "",
    q: FormText = "",
    sort: FormText = "newest",
) -> HTMLResponse:
    actor_id, actor_shown = _picked(store, "actor", actor)
    place_id, place_shown = _picked(store, "place", place)
    rows = store.articles(
        limit=pages.fetch,
        offset=pages.offset,
        outlet=_blank(outlet),
        actor=actor_id,
        place=place_id,
        q=_blank(q),
        sort=sort,
        **published_range(_day(since, "since"), _day(until, "until")),
    )
    filters = {
        "outlet": outlet,
        "since": since,
        "until": until,
        "actor": actor_shown,
        "place": place_shown,
    }
    return render(
        request,
        "articles.html",
        page=pages.page(rows),
        filters=filters,
        sort=sort,
        sorts=ARTICLE_SORTS,
        nav="articles",
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
async def actor_page(
    request: Request, store: StoreDep, stories: StoriesDep, pages: Pages, actor_id: PathId
) -> Response:
    def page() -> HTMLResponse:
        rows = store.articles(limit=pages.fetch, offset=pages.offset, actor=actor_id)
        return render(
            request,
            "actor.html",
            actor=store.actor(actor_id),
            chart=timeline_of(store, stories, "actor", actor_id),
            stories=stories.summaries("newest", limit=_RELATED_STORIES, actor=actor_id),
            page=pages.page(rows),
            nav="actors",
        )

    return await request.app.state.rendered.get(request, stories, page)


@router.get("/places")
def places_page(
    request: Request, store: StoreDep, pages: Pages, name: FormText = ""
) -> HTMLResponse:
    rows = store.places(limit=pages.fetch, offset=pages.offset, name=_blank(name))
    return render(request, "places.html", page=pages.page(rows), name=name, nav="places")


@router.get("/places/{place_id:path}")
async def place_page(
    request: Request, store: StoreDep, stories: StoriesDep, pages: Pages, place_id: PathId
) -> Response:
    def page() -> HTMLResponse:
        place = store.place(place_id)
        rows = store.articles(limit=pages.fetch, offset=pages.offset, place=place_id)
        return render(
            request,
            "place.html",
            place=place,
            chart=timeline_of(store, stories, "place", place_id),
            places=[_place_point(place)],
            stories=stories.summaries("newest", limit=_RELATED_STORIES, place=place_id),
            page=pages.page(rows),
            nav="places",
        )

    return await request.app.state.rendered.get(request, stories, page)


@router.get("/map")
def map_page(request: Request, store: StoreDep) -> HTMLResponse:
    places = store.places(limit=_MAP_PLACES)
    return render(request, "map.html", places=[_place_point(p) for p in places], nav="map")


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
