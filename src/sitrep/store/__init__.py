"""The article store: SQLite by default, any SQLAlchemy database (PostgreSQL) by URL."""

from sitrep.store.store import STORY_SORTS, Store, StorySummary
from sitrep.store.watch import ALERT_KINDS, WATCH_KINDS, Alert, SourceState, WatchEntry

__all__ = [
    "ALERT_KINDS",
    "STORY_SORTS",
    "WATCH_KINDS",
    "Alert",
    "SourceState",
    "Store",
    "StorySummary",
    "WatchEntry",
]
