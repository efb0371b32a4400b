"""Delivering alerts to the configured webhook: each alert POSTed once as JSON, oldest first.

An alert is marked delivered only after the webhook accepted it (a 2xx answer); a refusal or
an unreachable webhook stops the round, and the next poll starts again from the same alert,
so none is skipped and, short of the webhook losing an answer, none is sent twice.
"""

from __future__ import annotations

import logging

import httpx

from sitrep.store import Store

_log = logging.getLogger("sitrep.watch")
#: Alerts POSTed per poll at most (a long backlog drains over several polls).
_ROUND = 100


def deliver(store: Store, client: httpx.Client, url: str) -> int:
    """POSTs the alerts awaiting the webhook at ``url``; returns how many it accepted."""
    with store.watching() as watching:
        alerts = watching.pending_alerts(_ROUND)
    sent: list[int] = []
    for alert in alerts:
        try:
            response = client.post(url, json=alert.to_dict())
        except httpx.HTTPError as exc:
            _log.warning("webhook unreachable, alert %d kept for the next poll: %s", alert.seq, exc)
            break
        if not response.is_success:
            _log.warning(
                "webhook answered %d, alert %d kept for the next poll",
                response.status_code,
                alert.seq,
            )
            break
        sent.append(alert.seq)
    if sent:
        with store.watching() as watching:
            watching.delivered(sent)
    return len(sent)
