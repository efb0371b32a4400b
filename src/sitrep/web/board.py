"""The claim board of a story page: one row per claim, its reports grouped by stance and by
who made them, so a claim repeated by three hundred articles reads as one line per source."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.link.records import StoryAttribution, StoryClaim
from sitrep.model import STANCES


@dataclass(frozen=True, slots=True)
class SourceReports:
    """Every report of one claim by one source through one chain of relays: ``first`` is the
    earliest-linked one (its source and chain), ``reports`` each (article, its claim id)."""

    first: StoryAttribution
    reports: tuple[tuple[str, str], ...]
    hedged: bool


@dataclass(frozen=True, slots=True)
class BoardRow:
    claim: StoryClaim
    by_stance: dict[str, list[SourceReports]]


def board_row(claim: StoryClaim) -> BoardRow:
    grouped: dict[tuple, list[StoryAttribution]] = {}
    for attribution in claim.attributions:
        chain = tuple((v.source, v.source_text) for v in attribution.via)
        key = (attribution.stance, attribution.source, attribution.source_text, chain)
        grouped.setdefault(key, []).append(attribution)
    by_stance: dict[str, list[SourceReports]] = {stance: [] for stance in STANCES}
    for (stance, *_), reports in grouped.items():
        by_stance[stance].append(
            SourceReports(
                first=reports[0],
                reports=tuple(dict.fromkeys((r.article, r.claim) for r in reports)),
                hedged=any(r.hedged for r in reports),
            )
        )
    for groups in by_stance.values():
        groups.sort(key=lambda g: -len(g.reports))
    return BoardRow(claim, by_stance)
