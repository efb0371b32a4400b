"""JSON exports: reports as JSON lines, and events with a place as a GeoJSON
FeatureCollection."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from sitrep.export.tables import Selection
from sitrep.model import ArticleReport


def write_jsonl(
    reports: Iterable[ArticleReport], out: TextIO, selection: Selection | None = None
) -> int:
    """One ArticleReport per line (the shared article schema), every event with its
    factuality (a report is a record of the article, not a table of facts); returns the
    reports written."""
    count = 0
    for report in reports:
        out.write(json.dumps(report.to_dict(), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def write_geojson(
    reports: Iterable[ArticleReport], out: TextIO, selection: Selection | None = None
) -> int:
    """A FeatureCollection with one Point feature per selected event that has a place (the
    properties say its factuality, claim status and sources); returns the features written."""
    features = []
    for row in (selection or Selection()).rows(reports):
        if row.place is None:
            continue
        event = row.event
        when, precision = row.date()
        features.append(
            {
                "type": "Feature",
                "id": row.key,
                "geometry": {"type": "Point", "coordinates": [row.place.lon, row.place.lat]},
                "properties": {
                    "article_id": row.report.article.id,
                    "event_id": event.id,
                    "type": event.type,
                    "mode": event.mode,
                    "actor": row.actor_label,
                    "actor_id": event.actor,
                    "recipient": row.recipient_label,
                    "recipient_id": event.recipient,
                    "place": row.place.name,
                    "place_id": row.place.id,
                    "geonameid": row.place.geonameid,
                    "feature": row.place.feature,
                    "time": row.time.value if row.time else None,
                    "date": when.isoformat() if when else None,
                    "time_precision": precision if when else None,
                    "geo_precision": row.geo_precision,
                    "negated": event.negated,
                    "modality": event.modality,
                    "factuality": event.factuality,
                    "denied_by": list(event.denied_by),
                    "claim": event.claim,
                    "claim_status": row.claim_status,
                    "sources": row.sources,
                    "casualties": [c.to_dict() for c in event.casualties],
                    "fatalities": row.fatalities,
                    "trigger": event.trigger.text,
                    "evidence": event.evidence.text,
                    "outlet": row.report.article.outlet,
                    "url": row.report.article.url,
                },
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
