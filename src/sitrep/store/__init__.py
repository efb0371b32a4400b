"""The article store: SQLite by default, any SQLAlchemy database (PostgreSQL) by URL."""

from sitrep.store.store import Store

__all__ = ["Store"]
