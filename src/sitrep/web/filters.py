"""The dashboard's side of the filter model (sitrep.store.filters): the form fields a page
shows for its filters, and the active filters as removable chips, named as a person reads
them (an actor's or place's name, a story's title), never as raw ids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from sitrep.store import Store
from sitrep.store.filters import CHOICES, FILTER_HELP, Filters

#: name -> (label, input kind, the suggestion list of static/suggest.js or "").
_FIELDS = {
    "since": ("From", "date", ""),
    "until": ("To", "date", ""),
    "actor": ("Actor", "text", "actor"),
    "place": ("Place", "text", "place"),
    "country": ("Country", "text", "country"),
    "type": ("Event type", "select", ""),
    "factuality": ("Factuality", "select", ""),
    "status": ("Claim status", "select", ""),
    "outlet": ("Outlet", "text", "outlet"),
    "story": ("Story", "hidden", ""),
    "q": ("Words", "search", ""),
}


@dataclass(frozen=True, slots=True)
class Field:
    """One input of a filter form."""

    name: str
    label: str
    kind: str
    value: str
    suggest: str
    choices: tuple[str, ...]
    help: str


@dataclass(frozen=True, slots=True)
class Chip:
    """An active filter: what it is, its value as a name, and the URL without it."""

    name: str
    label: str
    value: str
    clear: str


def filter_view(
    request: Request, store: Store, filters: Filters, names: tuple[str, ...]
) -> dict[str, Any]:
    """Template context for a page filtered by ``names``: ``filters`` (the model),
    ``fields`` (its form) and ``chips`` (the active filters, each with a link that clears
    it; the page's other parameters are kept, its offset is not)."""
    active = filters.active()
    shown = {name: _shown(store, name, value) for name, value in active.items()}
    fields = [
        Field(
            name,
            _FIELDS[name][0],
            _FIELDS[name][1],
            # A story is chosen from its page, so its field keeps the id; the chip names it.
            (active.get(name, "") if name == "story" else shown.get(name, "")),
            _FIELDS[name][2],
            CHOICES.get(name, ()),
            FILTER_HELP[name],
        )
        for name in names
    ]
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    chips = []
    for name, value in shown.items():
        rest = {k: v for k, v in params.items() if k != name}
        query = urlencode(rest)
        chips.append(
            Chip(name, _FIELDS[name][0], value, request.url.path + (f"?{query}" if query else ""))
        )
    return {"filters": filters, "fields": fields, "chips": chips}


def _shown(store: Store, name: str, value: str) -> str:
    """The value as a person reads it: a name for an actor, place or country id, a title
    for a story id."""
    if name in ("actor", "place", "country"):
        return store.label(name, value)
    if name == "story":
        found = store.story_summaries(limit=1, filters=Filters(story=value))
        return found[0].title if found else value
    return value
