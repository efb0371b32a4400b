"""An event's standing in the article: the attribution and the claim that carry it, the
factuality that follows from them, and who gives each of its casualty figures.

The words around a mention say whether it is negated, denied, asked about, intended or
conditional (``Mention.factuality``). What they cannot say is whether the article states the
event itself or only relays a source: that is the attribution whose content holds the trigger.
An event every mention of which lies in an attribution's content is "reported" by that source,
"denied" when the source denies it ("the coalition said its airstrike was NOT responsible") and
"questioned" when the source asks. An event that is its claim's own and whose claim is
denied, disputed or unverified in the article is never "asserted": the claim's status is the event's standing ("'soldiers'
captured", says a headline, of a capture the defence ministry denies).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sitrep.model import Attribution, Casualty, Claim, Event, Span
from sitrep.nlp.intervals import Intervals

# Attribution kinds that report what happened; directives and commitments ("urged", "pledged")
# already make their content hypothetical or future through the words.
_REPORTING_KINDS = frozenset({"speech", "belief", "evidence"})
_BY_STANCE = {"asserts": "reported", "denies": "denied", "questions": "questioned"}
# Claim statuses under which the article does not itself stand behind an event.
_UNSETTLED = frozenset({"denied", "disputed", "unverified"})


def carry(
    events: Iterable[Event], attributions: Iterable[Attribution], claims: Iterable[Claim]
) -> list[Event]:
    """``events`` with ``attribution``, ``claim``, ``factuality`` and ``denied_by`` set from
    the attributions that hold their mentions and the claims those belong to. A claim already
    linked to an event (``Claim.event``) carries that event."""
    reporting = _contents([a for a in attributions if a.kind in _REPORTING_KINDS])
    claims = list(claims)
    claim_of = {a.id: c for c in claims for a in c.attributions}
    linked = {c.event: c for c in claims if c.event is not None}
    out = []
    for event in events:
        holders = [_innermost(reporting, span) for span in event.mentions or (event.trigger,)]
        found = [a for a in holders if a is not None]
        attribution = found[0] if found else None
        claim = linked.get(event.id) or next(
            (claim_of[a.id] for a in found if a.id in claim_of), None
        )
        factuality = event.factuality
        deniers: list[Attribution] = []
        if factuality == "asserted" and found and len(found) == len(holders):
            factuality = _BY_STANCE.get(attribution.stance, "reported")
            if attribution.stance == "denies":
                deniers.append(attribution)
        # A claim's denials are about its own event: another event its content mentions
        # ("fighters captured two men in the city WHERE Russia backs the army") is only
        # reported by the same source.
        own = claim is not None and claim.event == event.id
        if own and claim.status in _UNSETTLED:
            deniers += [a for a in claim.attributions if a.stance == "denies"]
            if factuality in ("asserted", "reported"):
                factuality = "denied" if claim.status == "denied" else "reported"
        out.append(
            replace(
                event,
                attribution=attribution.id if attribution else None,
                claim=claim.id if claim else None,
                factuality=factuality,
                denied_by=_named_once(event.denied_by, deniers),
                casualties=tuple(_sourced(c, reporting) for c in event.casualties),
            )
        )
    return out


def _named_once(named: Iterable[str], deniers: Iterable[Attribution]) -> tuple[str, ...]:
    """Who denies, each once: an actor by its first description ("the Russian Defence
    Ministry", later "the ministry"), other sources by their words in any case."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for key, text in [(n.casefold(), n) for n in named] + [
        (a.source or a.source_text.casefold(), a.source_text) for a in deniers
    ]:
        if text and key not in out and text.casefold() not in seen:
            out[key] = text
            seen.add(text.casefold())
    return tuple(out.values())


def _sourced(casualty: Casualty, attributions: Intervals[Attribution]) -> Casualty:
    """The figure with the source of the attribution that holds it (None: the article's)."""
    holder = _innermost(attributions, casualty.span)
    if holder is None:
        return casualty
    return replace(casualty, source=holder.source_text, attribution=holder.id)


def _contents(attributions: list[Attribution]) -> Intervals[Attribution]:
    """The attributions by the pieces of their content."""
    return Intervals(
        (p.start, p.end, a) for a in attributions for p in a.content_pieces or (a.content,)
    )


def _innermost(attributions: Intervals[Attribution], span: Span) -> Attribution | None:
    """The attribution with the shortest content that holds ``span`` (a relayed denial inside
    an agency's report is the denial's)."""
    holding = attributions.holding(span.start, span.end)
    return min(holding, key=lambda a: a.content.end - a.content.start, default=None)
