"""JSON exports: reports as JSON lines, and events with a place as a GeoJSON
FeatureCollection."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from sitrep.export.tables import event_rows
from sitrep.model import ArticleReport


def write_jsonl(reports: Iterable[ArticleReport], out: TextIO) -> int:
    """One ArticleReport per line (the shared article schema); returns the reports written."""
    count = 0
    for report in reports:
        out.write(json.dumps(report.to_dict(), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def write_geojson(reports: Iterable[ArticleReport], out: TextIO) -> int:
    """A FeatureCollection with one Point feature per event that has a place, negated and
    hypothetical ones included (their properties say so); returns the features written."""
    features = []
    for row in event_rows(reports):
        if row.place is None:
            continue
        event = row.event
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
                    "geo_precision": row.place.precision,
                    "time": row.time.value if row.time else None,
                    "negated": event.negated,
                    "modality": event.modality,
                    "claim": event.claim,
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
