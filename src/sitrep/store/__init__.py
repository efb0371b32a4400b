"""The article store: SQLite by default, any SQLAlchemy database (PostgreSQL) by URL."""

from sitrep.store.store import (
    ARTICLE_SORTS,
    SEARCH_SECTIONS,
    STORY_SORTS,
    SUGGEST_FIELDS,
    Store,
    StorySummary,
)
from sitrep.store.watch import ALERT_KINDS, WATCH_KINDS, Alert, SourceState, WatchEntry

__all__ = [
    "ALERT_KINDS",
    "ARTICLE_SORTS",
    "SEARCH_SECTIONS",
    "STORY_SORTS",
    "SUGGEST_FIELDS",
    "WATCH_KINDS",
    "Alert",
    "SourceState",
    "Store",
    "StorySummary",
    "WatchEntry",
]
