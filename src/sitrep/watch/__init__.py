"""Watching feeds and pages: new articles ingested as they appear, and alerts on new stories,
claims whose status changes, and new claims about watched actors and places."""

from sitrep.watch.alerts import claims_about, reconcile
from sitrep.watch.watcher import Backoff, PollSummary, Watcher, parse_interval

__all__ = ["Backoff", "PollSummary", "Watcher", "claims_about", "parse_interval", "reconcile"]
