"""The article store: SQLite by default, any SQLAlchemy database (PostgreSQL) by URL."""

from sitrep.store.store import STORY_SORTS, Store, StorySummary

__all__ = ["STORY_SORTS", "Store", "StorySummary"]
