"""Linking across articles: copies, stories and cross-source claims, read from the store."""

from sitrep.link.linker import (
    Linked,
    LinkSettings,
    add_report,
    get_story,
    link_pending,
    link_report,
    list_stories,
    story_fatalities,
)

__all__ = [
    "LinkSettings",
    "Linked",
    "add_report",
    "get_story",
    "link_pending",
    "link_report",
    "list_stories",
    "story_fatalities",
]
