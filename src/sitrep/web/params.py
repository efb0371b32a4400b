"""What the JSON API (sitrep.api) and the dashboard share: query parameters (paging, free-text
filters, date ranges) and the dependencies that hand a request the app's store and stories.
Here, not in sitrep.api, because the API's app mounts the dashboard: the dashboard must not
import the API back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator

from sitrep.link.index import StoryIndex
from sitrep.store import Store

#: PostgreSQL refuses NUL characters in text; rejecting them here makes that a 422, not a 500.
NO_NUL = r"^[^\x00]*$"
MAX_LIMIT = 500
#: Far beyond any store, and inside every database's integer range.
MAX_OFFSET = 2**31 - 1

#: An exact-match filter value (an outlet name, an actor or place id).
Filter = Annotated[str | None, Query(max_length=300, pattern=NO_NUL)]
#: An id in a URL path (article, actor, place, story).
PathId = Annotated[str, Path(max_length=300, pattern=NO_NUL)]
#: Words to search for; operators and punctuation are ignored.
Search = Annotated[
    str | None,
    Query(
        max_length=500,
        pattern=NO_NUL,
        description="words that must all occur, whole (case and diacritics ignored)",
    ),
]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    # pydantic would read "0" as a Unix timestamp (1970-01-01); a date takes dates only.
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("must be an ISO date such as 2024-03-01")
    return value


#: The one check of a date the API is given: the date filters and an upload's ``published``.
ISO_DATE = BeforeValidator(_iso_date)
Since = Annotated[
    date | None,
    ISO_DATE,
    Query(description="published on or after this date (YYYY-MM-DD)"),
]
Until = Annotated[
    date | None,
    ISO_DATE,
    Query(description="published on or before this date (YYYY-MM-DD)"),
]


@dataclass(frozen=True, slots=True)
class Paging:
    """``limit``/``offset`` paging. Stores are asked for one row more than a page, so the
    last page is known without counting every row."""

    limit: int
    offset: int

    @property
    def fetch(self) -> int:
        return self.limit + 1

    def page(self, items: list[Any]) -> dict[str, Any]:
        more = len(items) > self.limit
        return {
            "ok": True,
            "items": items[: self.limit],
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": self.offset + self.limit if more else None,
        }


# A coroutine, as it does no I/O: FastAPI would run a plain function in a worker thread.
async def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Paging:
    return Paging(limit, offset)


def published_range(since: date | None, until: date | None) -> dict[str, str | None]:
    """Store arguments for an inclusive range of publication days."""
    before = None
    if until is not None and until < date.max:
        before = (until + timedelta(days=1)).isoformat()
    return {
        "published_from": since.isoformat() if since else None,
        "published_before": before,
    }


# Dependencies are coroutines because they do no I/O: FastAPI runs a plain function in a
# worker thread, a hop each request would pay for every dependency.
async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_stories(request: Request) -> StoryIndex:
    return request.app.state.stories


StoreDep = Annotated[Store, Depends(get_store)]
StoriesDep = Annotated[StoryIndex, Depends(get_stories)]
