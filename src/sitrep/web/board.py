"""The claim board of a story page: claims grouped by status, each with its reasons and
confidence, its reports grouped by stance and by who made them (a claim repeated by three
hundred articles reads as one line per source), and its provenance: who said it first, who
relayed it through whom, who denied it and when. Every report links to its own quote."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sitrep.link.records import StoryAttribution, StoryClaim
from sitrep.model import STANCES
from sitrep.web.highlight import quote_anchor

#: The order of the board's groups: the contested claims an analyst checks first, the
#: unchecked ones last.
STATUS_ORDER = ("disputed", "denied", "corroborated", "single_source", "unverified")
#: A status this unsure (the chance that the evidence it rests on is real, see
#: sitrep.link.corroborate.assess) is more likely wrong than right: its claim is folded.
LOW_CONFIDENCE = 0.5
#: Steps of a claim's provenance shown before the rest are counted (a wire story has
#: hundreds); the first denial is always shown.
PROVENANCE_STEPS = 8


@dataclass(frozen=True, slots=True)
class Quote:
    """One report in the text of its article: the page anchor of its attribution's quote,
    else (a report stored before attributions had ids) of its claim."""

    article: str
    claim: str
    attribution: str

    @property
    def href(self) -> str:
        anchor = quote_anchor(self.attribution) if self.attribution else f"claim-{self.claim}"
        return f"/articles/{quote(self.article, safe='')}#{quote(anchor, safe='')}"


@dataclass(frozen=True, slots=True)
class SourceReports:
    """Every report of one claim by one source through one chain of relays: ``first`` is the
    earliest-linked one (its source and chain), ``quotes`` each report's quote."""

    first: StoryAttribution
    quotes: tuple[Quote, ...]
    hedged: bool


@dataclass(frozen=True, slots=True)
class Step:
    """One article in a claim's provenance: when and where it appeared, through whom, and
    each of its reports (stance, who, quote). ``first``: the claim's first appearance;
    ``first_denial``: the first article that denies it."""

    article: str
    outlet: str | None
    published: str | None
    through: tuple[str, ...]
    reports: tuple[tuple[str, str, Quote], ...]
    first: bool
    first_denial: bool


@dataclass(frozen=True, slots=True)
class BoardRow:
    claim: StoryClaim
    by_stance: dict[str, list[SourceReports]]
    provenance: list[Step]
    #: steps of the provenance not shown
    more: int
    #: days from the first report to the first denial, when both are dated
    days_to_denial: float | None

    @property
    def articles(self) -> int:
        return len(self.provenance) + self.more

    @property
    def low_confidence(self) -> bool:
        return self.claim.confidence < LOW_CONFIDENCE


@dataclass(frozen=True, slots=True)
class BoardGroup:
    """The claims of one status: ``rows`` shown, ``folded`` those of low confidence."""

    status: str
    rows: list[BoardRow]
    folded: list[BoardRow]


def board(claims: Sequence[StoryClaim]) -> list[BoardGroup]:
    """The story's claims grouped by status (STATUS_ORDER; empty groups left out), the most
    reported first within each."""
    rows = [board_row(claim) for claim in claims]
    groups = []
    for status in STATUS_ORDER:
        found = sorted(
            (row for row in rows if row.claim.status == status),
            key=lambda row: -row.articles,
        )
        if found:
            groups.append(
                BoardGroup(
                    status,
                    [row for row in found if not row.low_confidence],
                    [row for row in found if row.low_confidence],
                )
            )
    return groups


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
                quotes=tuple(dict.fromkeys(_quote(r) for r in reports)),
                hedged=any(r.hedged for r in reports),
            )
        )
    for groups in by_stance.values():
        groups.sort(key=lambda g: -len(g.quotes))
    steps = provenance(claim)
    shown = steps[:PROVENANCE_STEPS]
    shown += [s for s in steps[PROVENANCE_STEPS:] if s.first_denial]
    return BoardRow(
        claim,
        by_stance,
        shown,
        more=len(steps) - len(shown),
        days_to_denial=claim.propagation.get("days_to_first_denial"),
    )


def provenance(claim: StoryClaim) -> list[Step]:
    """The claim's articles in the order they carried it (its propagation), each with its
    reports and their quotes."""
    reports: dict[str, list[StoryAttribution]] = {}
    for attribution in claim.attributions:
        reports.setdefault(attribution.article, []).append(attribution)
    propagation: dict[str, Any] = claim.propagation
    denial = (propagation.get("first_denial") or {}).get("article")
    steps = []
    for i, step in enumerate(propagation.get("outlets", ())):
        article = step["article"]
        steps.append(
            Step(
                article=article,
                outlet=step["outlet"],
                published=step["published"],
                through=tuple(step["through"]),
                reports=tuple(
                    dict.fromkeys(
                        (r.stance, r.name or r.source_text, _quote(r))
                        for r in reports.get(article, ())
                    )
                ),
                first=i == 0,
                first_denial=article == denial,
            )
        )
    return steps


def _quote(report: StoryAttribution) -> Quote:
    return Quote(report.article, report.claim, report.attribution)
