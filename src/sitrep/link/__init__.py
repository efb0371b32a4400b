"""Linking across articles: copies, stories and cross-source claims, read from the store."""

from sitrep.link.linker import (
    Linked,
    LinkSettings,
    add_report,
    export_source,
    get_story,
    link_pending,
    link_report,
    list_stories,
)

__all__ = [
    "export_source",
    "LinkSettings",
    "Linked",
    "add_report",
    "get_story",
    "link_pending",
    "link_report",
    "list_stories",
]
