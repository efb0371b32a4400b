"""The JSON schemas of sitrep's output, versioned with the code that writes it.

``article``: one ArticleReport (``sitrep analyze --json``, ``sitrep show --json``, the jsonl
export, ``GET /api/articles/{id}``); ``stories``: what ``sitrep stories --json`` prints.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from sitrep.errors import E, SitrepError

#: the schemas shipped in this package, by the name ``load`` takes
SCHEMAS = ("article", "stories")


def load(name: str) -> dict[str, Any]:
    """The JSON schema called ``name`` (one of ``SCHEMAS``), as a dict."""
    if name not in SCHEMAS:
        raise SitrepError(
            E.BAD_OPTION, option="schema", reason=f"'{name}' is not one of {', '.join(SCHEMAS)}"
        )
    return json.loads((files(__package__) / f"{name}.schema.json").read_text("utf-8"))
