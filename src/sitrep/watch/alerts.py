"""Alerts, reconciled from what the store holds against what the watch last saw.

Nothing here listens to ingest as it happens: each reconcile compares the store with the
marks and claim statuses recorded by the previous one, in one transaction, and records what
changed. So an article stored by any writer (a watch, `sitrep ingest`, the API) alerts once,
a watch that died between storing and alerting catches up on its next reconcile, and every
alert has a key that names what it is about, so none is recorded twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitrep.model import ArticleReport, Claim, Span
from sitrep.store import Store, WatchEntry
from sitrep.store.watch import Watching

#: Reports read per query when looking for claims about watched names (bounds the memory a
#: long backlog takes).
_BATCH = 200
#: Longest claim text an alert's title quotes.
_QUOTED = 160


def reconcile(store: Store, notify: bool = False) -> int:
    """Records the alerts for what changed since the last reconcile; returns how many.
    ``notify``: the new alerts await the webhook. The first reconcile of a store records
    where things stand and alerts nothing."""
    with store.watching() as watching:
        marks = watching.marks()
        heads = watching.heads()
        if marks is None:
            watching.snapshot_claims()
            watching.set_marks(*heads)
            return 0
        link_mark, article_mark = marks
        added = _new_stories(watching, link_mark, notify)
        added += _status_changes(watching, link_mark, heads[0], notify)
        watchlist = watching.watchlist()
        if watchlist:
            added += _watched_claims(watching, article_mark, watchlist, notify)
        watching.set_marks(*heads)
        return added


def _new_stories(watching: Watching, link_mark: int, notify: bool) -> int:
    added = 0
    for story_id, title, articles in watching.stories_since(link_mark):
        added += watching.add_alert(
            f"story:{story_id}",
            "story",
            f"New story: {title or story_id}",
            story_id=story_id,
            detail={"articles": articles},
            pending=notify,
        )
    return added


def _status_changes(watching: Watching, link_mark: int, link_head: int, notify: bool) -> int:
    added = 0
    for claim_id, story_id, text, status, before in watching.claims_changed_since(link_mark):
        watching.set_claim_status(claim_id, status, recorded=before is not None)
        # A claim first seen now has no earlier status to change from.
        if not before:
            continue
        added += watching.add_alert(
            f"status:{claim_id}:{before}>{status}:{link_head}",
            "status",
            f"Claim now {status.replace('_', ' ')} (was {before.replace('_', ' ')}): "
            f"{_quoted(text)}",
            story_id=story_id,
            claim_id=claim_id,
            detail={"from": before, "to": status, "text": text},
            pending=notify,
        )
    return added


def _watched_claims(
    watching: Watching, article_mark: int, watchlist: list[WatchEntry], notify: bool
) -> int:
    added = 0
    seq = article_mark
    while batch := watching.reports_since(seq, _BATCH):
        seq = batch[-1][0]
        for _, report in batch:
            aligned = watching.story_claims_of(report.article.id)
            for entry in watchlist:
                for claim in claims_about(report, entry):
                    story_id, story_claim = aligned.get(claim.id, (None, None))
                    added += watching.add_alert(
                        f"watched:{entry.id}:{report.article.id}:{claim.id}",
                        "watched",
                        f"New claim about {entry.name}: {_quoted(claim.text)}",
                        story_id=story_id or watching.story_of(report.article.id),
                        claim_id=story_claim,
                        article_id=report.article.id,
                        detail={"watch": entry.to_dict(), "text": claim.text},
                        pending=notify,
                    )
    return added


def claims_about(report: ArticleReport, entry: WatchEntry) -> list[Claim]:
    """The report's claims about the watched actor or place: it is their source (an actor),
    the actor, target or place of their event, or it is named inside what they claim."""
    folded = entry.name.casefold()
    entities = report.actors if entry.kind == "actor" else report.places
    matching = [e for e in entities if folded in (e.name.casefold(), e.id.casefold())]
    if not matching:
        return []
    ids = {e.id for e in matching}
    mentions = [m for e in matching for m in e.mentions]
    events = {event.id: event for event in report.events}
    found = []
    for claim in report.claims:
        event = events.get(claim.event) if claim.event else None
        roles = (
            {a.source for a in claim.attributions}
            | ({event.actor, event.recipient} if event else set())
            if entry.kind == "actor"
            else ({event.place} if event else set())
        )
        contents = [a.content for a in claim.attributions]
        if ids & roles or _inside(mentions, contents):
            found.append(claim)
    return found


def _inside(mentions: Iterable[Span], contents: list[Span]) -> bool:
    return any(c.start <= m.start and m.end <= c.end for m in mentions for c in contents)


def _quoted(text: str) -> str:
    return text if len(text) <= _QUOTED else text[: _QUOTED - 1].rstrip() + "…"
