"""The JSON API under /api: listings with filters and paging, one article's report, and the
write endpoint that analyzes and stores uploaded articles."""

from __future__ import annotations

import hmac
import io
from dataclasses import replace
from datetime import date
from threading import Lock
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sitrep.analyzer import Analyzer
from sitrep.api.models import (
    ClaimItem,
    ErrorEnvelope,
    EventPage,
    EventPoints,
    Ingested,
    Outcome,
    Page,
    ReportEnvelope,
    SearchPage,
    StoryEnvelope,
    Suggestions,
)
from sitrep.errors import E, SitrepError
from sitrep.export import export
from sitrep.ingest import FORMAT_BY_MEDIA, FORMATS, read_data
from sitrep.jobs import store_results
from sitrep.link import export_source
from sitrep.model import ACTOR_KINDS, Article, Failure
from sitrep.settings import Settings
from sitrep.store import (
    ARTICLE_SORTS,
    SEARCH_SECTIONS,
    STORY_SORTS,
    SUGGEST_FIELDS,
    Store,
    StorySummary,
)
from sitrep.store.filters import (
    ARTICLE_FILTERS,
    CLAIM_FILTERS,
    EVENT_FILTERS,
    EVENT_SORTS,
    STORY_FILTERS,
    Filters,
)
from sitrep.store.store import ActorRow, ArticleRow, PlaceRow
from sitrep.web.params import (
    ISO_DATE,
    NO_NUL,
    Filter,
    Paging,
    PathId,
    StoreDep,
    StoriesDep,
    filtering,
    paging,
)
from sitrep.workers import WorkerPool

ERRORS = {
    status: {"model": ErrorEnvelope, "description": description}
    for status, description in (
        (404, "not found"),
        (413, "request body over the limit"),
        (422, "invalid parameters"),
        (500, "internal error"),
    )
}
_WRITE_ERRORS = {
    status: {"model": ErrorEnvelope, "description": description}
    for status, description in (
        (400, "a URL that is refused"),
        (401, "missing or wrong token"),
        (403, "writes or URL fetching are off on this server"),
        (502, "the URL could not be fetched"),
    )
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
_bearer = HTTPBearer(auto_error=False, description="the value of SITREP_TOKEN")

Pages = Annotated[Paging, Depends(paging)]
ArticleFilters = Annotated[Filters, Depends(filtering(ARTICLE_FILTERS))]
StoryFilters = Annotated[Filters, Depends(filtering(STORY_FILTERS))]
ClaimFilters = Annotated[Filters, Depends(filtering(CLAIM_FILTERS))]
EventFilters = Annotated[Filters, Depends(filtering(EVENT_FILTERS))]
_EVENT_SORT_HELP = "stored (the order articles were stored), or a column, '-' first for descending"
#: The most markers /api/events/points answers with (each may stand for many events).
MAP_POINTS = 5000
#: What the dashboard exports the current filter as, and the media type of each.
PAGE_EXPORTS = ("csv", "acled", "geojson")
EXPORT_MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "acled": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
}


# A coroutine, as it does no I/O (see sitrep.web.params).
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Lets a write through only with the server's token, compared in constant time."""
    if not settings.token:
        raise SitrepError(E.WRITES_DISABLED)
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8"), settings.token.encode("utf-8")):
        raise SitrepError(E.UNAUTHORIZED)


@router.get("/articles", response_model=Page[ArticleRow], summary="List articles")
def list_articles(
    store: StoreDep,
    pages: Pages,
    filters: ArticleFilters,
    sort: Literal[ARTICLE_SORTS] = "newest",
) -> dict:
    """Articles narrowed by publication days (inclusive), an actor, place or country they
    name (by name or id), an event type they report, outlet, story and words (as
    /api/search finds articles); ``total`` counts every match. ``sort``: newest (the
    default) or oldest publication date first, undated articles last; added: in the order
    stored."""
    rows = store.articles(pages.fetch, pages.offset, filters, sort)
    return pages.page([row.to_dict() for row in rows], total=store.count(filters))


@router.get("/search", response_model=SearchPage, summary="Search one section by words")
def search(
    store: StoreDep,
    pages: Pages,
    q: Annotated[str, Query(max_length=500, pattern=NO_NUL, description="words, all required")],
    section: Literal[SEARCH_SECTIONS] = "articles",
) -> dict:
    """What in ``section`` holds every word of ``q``: whole words, case and diacritics
    ignored ("Mali" never finds Somalia). Each item carries a ``snippet`` with the matched
    words' offsets; ``total`` counts every match."""
    hits, total = store.search(section, q, limit=pages.fetch, offset=pages.offset)
    return {**pages.page([hit.to_dict() for hit in hits]), "section": section, "total": total}


@router.get("/suggest", response_model=Suggestions, summary="Names for a picker")
def suggest(
    store: StoreDep,
    field: Literal[SUGGEST_FIELDS],
    q: Annotated[str, Query(max_length=300, pattern=NO_NUL, description="what was typed")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict:
    """Actor, place, country or outlet names with a word starting with the last word
    typed (earlier words whole), most reported first, with the id the filter takes."""
    return {"ok": True, "items": [s.to_dict() for s in store.suggest(field, q, limit)]}


@router.get("/articles/{article_id}", response_model=ReportEnvelope, summary="One article")
def get_article(store: StoreDep, article_id: PathId) -> dict:
    """The article's whole report: actors, places, times, events and claims with spans."""
    return {"ok": True, "report": store.get(article_id).to_dict()}


@router.get("/stories", response_model=Page[StorySummary], summary="List stories")
def list_stories(
    stories: StoriesDep,
    store: StoreDep,
    pages: Pages,
    filters: StoryFilters,
    sort: Literal[STORY_SORTS] = "newest",
) -> dict:
    """Stories: articles about one event across outlets. ``sort``: newest (last seen),
    articles (most first), disputed (most disputed claims first). The filters keep the
    stories seen within the days, with an article naming the actor (other than media), place
    or country, reporting an event of the type or from the outlet, with a claim of the
    status, whose title holds every word of ``q``; ``total`` counts every match."""
    rows = stories.summaries(sort, pages.fetch, pages.offset, filters)
    return pages.page([row.to_dict() for row in rows], total=store.count_stories(filters))


@router.get("/stories/{story_id}", response_model=StoryEnvelope, summary="One story")
def get_story(stories: StoriesDep, story_id: PathId) -> dict:
    """The story's articles (with the article each copies), its cross-source claims with
    their attributions and independent origins, its actors and places."""
    return {"ok": True, "story": stories.story(story_id).to_dict()}


@router.get("/claims", response_model=Page[ClaimItem], summary="List claims across stories")
def list_claims(stories: StoriesDep, store: StoreDep, pages: Pages, filters: ClaimFilters) -> dict:
    """Claims as reported across each story, newest story first; ``status`` keeps one
    status, ``actor`` the claims an actor (by name or id) asserts, denies or questions (or
    relays), ``story`` one story's; the other filters narrow the stories as on /api/stories.
    ``total`` counts every match."""
    resolved = store.resolved(filters)
    actors = None if resolved.actor is None else [resolved.actor]
    story_filters = replace(resolved, actor=None, status=None)
    found = stories.claims(status=filters.status, actors=actors, stories=story_filters)
    window = found[pages.offset : pages.offset + pages.fetch]
    items = [
        {"story_id": summary.id, "story_title": summary.title, **claim.to_dict()}
        for summary, claim in window
    ]
    return pages.page(items, total=len(found))


@router.get("/events", response_model=EventPage, summary="List events")
def list_events(
    store: StoreDep,
    pages: Pages,
    filters: EventFilters,
    sort: Annotated[Literal[EVENT_SORTS], Query(description=_EVENT_SORT_HELP)] = "stored",
) -> dict:
    """Events of the stored articles: who did what to whom, where and when, with its
    factuality, its claim's status and its article. Narrowed by the days it happened
    (inclusive; an event dated only by month or year counts from its first day, one with
    no time by its article's publication), an actor that does or undergoes it, a place or
    country (by name or id), PLOVER type, factuality, claim status (across the story's
    outlets where known), its article's outlet, a story and words of its article; ``total``
    counts every match."""
    found, total = store.events(pages.fetch, pages.offset, filters, sort)
    return pages.page([item.to_dict() for item in found], total=total)


@router.get("/events/points", response_model=EventPoints, summary="Events on a map")
def event_points(store: StoreDep, filters: EventFilters) -> Response:
    """The events that match, grouped by place, type and claim status (one marker each,
    ``events`` how many), largest groups first, up to 5,000 groups. ``total`` counts every
    event that matches, ``shown`` those in the points, ``unplaced`` those with no place;
    ``first_day``/``last_day`` bound the events whatever ``since``/``until`` say."""
    return JSONResponse(store.event_points(filters, limit=MAP_POINTS).to_dict())


@router.get(
    "/events/export",
    summary="Export events",
    responses={
        200: {
            "description": "the export",
            # GeoJSON is a JSON object; the CSV formats are text.
            "content": {
                media: {"schema": {"type": "object" if fmt == "geojson" else "string"}}
                for fmt, media in EXPORT_MEDIA.items()
            },
        }
    },
)
def export_events(
    store: StoreDep,
    filters: EventFilters,
    fmt: Annotated[Literal[PAGE_EXPORTS], Query(alias="format")] = "csv",
    everything: Annotated[bool, Query(alias="all")] = False,
) -> Response:
    """The events that match as a download: ``csv`` (sitrep's events CSV), ``acled``
    (ACLED-style CSV) or ``geojson`` (events with a place), written by the same exporters
    as ``sitrep export``. By default only events the article asserts or other outlets
    corroborate; ``all=true`` writes every one. The ``X-Sitrep-Left-Out`` header says how
    many were left out."""
    reports, options = export_source(store, filters)
    out = io.StringIO()
    done = export(reports, fmt, out, everything=everything, **options)
    name = f"sitrep-events.{'geojson' if fmt == 'geojson' else 'csv'}"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Sitrep-Written": str(done.written),
        "X-Sitrep-Left-Out": str(done.left_out_total),
    }
    return Response(out.getvalue(), media_type=EXPORT_MEDIA[fmt], headers=headers)


@router.get("/actors", response_model=Page[ActorRow], summary="List actors")
def list_actors(
    store: StoreDep,
    pages: Pages,
    kind: Literal[ACTOR_KINDS] | None = None,
    name: Filter = None,
) -> dict:
    """Actors across stored articles, most reported first; ``name`` keeps those whose name
    holds every word of it (as /api/search)."""
    rows = store.actors(limit=pages.fetch, offset=pages.offset, kind=kind, name=name)
    return pages.page([row.to_dict() for row in rows])


@router.get("/places", response_model=Page[PlaceRow], summary="List places")
def list_places(store: StoreDep, pages: Pages, name: Filter = None) -> dict:
    """Places across stored articles with coordinates, most reported first; ``name`` as for
    actors."""
    rows = store.places(limit=pages.fetch, offset=pages.offset, name=name)
    return pages.page([row.to_dict() for row in rows])


# Optional form fields are typed without None: a form cannot send a null, and the spec
# should not promise one (a missing field is None all the same).
_Format = Annotated[
    Literal[FORMATS], Form(alias="format", description="by default from the name or content")
]
_Title = Annotated[str, Form(max_length=1000, description="if the article names none")]
_Outlet = Annotated[str, Form(max_length=300, description="if the article names none")]
_Published = Annotated[
    date, ISO_DATE, Form(description="if the article gives no date (YYYY-MM-DD)")
]
_WRITE = {
    "status_code": 201,
    "response_model": Ingested,
    "dependencies": [Depends(require_token)],
    "responses": {
        200: {"model": Ingested, "description": "nothing new was added"},
        **_WRITE_ERRORS,
    },
}


@router.post("/articles", summary="Analyze and store an uploaded file", **_WRITE)
def post_articles(
    request: Request,
    response: Response,
    file: Annotated[UploadFile, File(description="a text, HTML or RSS/Atom file")],
    fmt: _Format = None,
    title: _Title = None,
    outlet: _Outlet = None,
    published: _Published = None,
) -> dict:
    """Every article in the file is analyzed and stored; ``title``, ``outlet`` and
    ``published`` fill what an article does not say itself. Articles that cannot be read or
    analyzed are listed as failed (and recorded), as a batch would. 201 when anything was
    added, else 200."""
    meta = {"title": title, "outlet": outlet, "published": published and published.isoformat()}
    data = file.file.read()
    return _ingest(request, response, data, file.filename or "upload", fmt, meta)


@router.post("/articles/url", summary="Fetch a page or feed, analyze and store it", **_WRITE)
def post_article_url(
    request: Request,
    response: Response,
    settings: SettingsDep,
    url: Annotated[str, Form(min_length=1, max_length=2000, description="an http(s) URL")],
    fmt: _Format = None,
    title: _Title = None,
    outlet: _Outlet = None,
    published: _Published = None,
) -> dict:
    """Only where the server allows fetching (SITREP_FETCH_URLS), and only from public
    addresses: private, loopback, link-local and metadata addresses are refused, whether named,
    resolved or redirected to."""
    if not settings.fetch_urls:
        raise SitrepError(E.FETCH_DISABLED)
    fetched = request.app.state.fetcher.fetch(url)
    meta = {
        "title": title,
        "outlet": outlet,
        "published": published and published.isoformat(),
        "url": fetched.url,
    }
    fmt = fmt or FORMAT_BY_MEDIA.get(fetched.media_type)
    return _ingest(request, response, fetched.data, fetched.url, fmt, meta)


def _ingest(
    request: Request,
    response: Response,
    data: bytes,
    name: str,
    fmt: str | None,
    meta: dict[str, str | None],
) -> dict:
    state = request.app.state
    try:
        items = list(read_data(data, name, state.settings.max_bytes, fmt))
    except SitrepError as exc:
        items = [exc.to_failure(name)]
    outcomes = _store_all(_with_meta(items, meta), state.store, state.analyzer, state.analyze_lock)
    if not any(o.result == "added" for o in outcomes):
        response.status_code = 200
    return {
        "ok": True,
        **{r: sum(o.result == r for o in outcomes) for r in ("added", "existing", "failed")},
        "articles": outcomes,
    }


def _with_meta(
    items: list[Article | Failure], meta: dict[str, str | None]
) -> list[Article | Failure]:
    """The items with the metadata each article lacks filled in."""
    read = []
    for item in items:
        if isinstance(item, Article):
            missing = {k: v for k, v in meta.items() if v is not None and getattr(item, k) is None}
            item = item.with_meta(**missing) if missing else item
        read.append(item)
    return read


def _store_all(
    items: list[Article | Failure], store: Store, analyzer: Analyzer | WorkerPool, lock: Lock
) -> list[Outcome]:
    """Analyzes the articles not stored yet, stores and links them as an ingest does, and
    records failures; one outcome per item, in order."""
    outcomes: dict[int, Outcome] = {}
    fresh: list[tuple[int, Article | Failure]] = []
    for index, item in enumerate(items):
        if isinstance(item, Article) and store.has(item.id):
            outcomes[index] = Outcome(id=item.id, title=item.title, result="existing")
        else:
            fresh.append((index, item))
    # One upload at a time: the analyzer (a pipeline or a pool of workers) is shared, and the
    # app is the store's one writer.
    with lock:
        results = analyzer.analyze_many(item for _, item in fresh)
        for (index, item), result in zip(fresh, results, strict=True):
            summary = store_results([result], store)
            if isinstance(result, Failure):
                outcomes[index] = Outcome(
                    id=result.article_id,
                    title=item.title if isinstance(item, Article) else None,
                    result="failed",
                    code=result.code,
                    message=result.message,
                )
            else:
                added = "added" if summary.added else "existing"
                outcomes[index] = Outcome(id=item.id, title=item.title, result=added)
    return [outcomes[i] for i in range(len(items))]
