"""Stories as the API and the dashboard list them: listings paged by the store, whole stories
kept by the index while unchanged (sitrep.link.index)."""

from __future__ import annotations

from sitrep.link.index import StoryIndex, summarize
from sitrep.store import STORY_SORTS, StorySummary

#: how listings can be ordered: newest (last seen), most articles, most disputed claims
SORTS = STORY_SORTS

__all__ = ["SORTS", "StoryIndex", "StorySummary", "summarize"]
