"""Geoparsing accuracy on gold toponym files: LGL XML and GeoVirus XML.

LGL (Lieberman et al. 2010): ``<article><text/><toponyms><toponym><start/><end/><phrase/>
<gaztag geonameid><lat/><lon/>``. GeoVirus (Gritta et al. 2018): ``<article><text/>
<locations><location><name/><start/><end/><lat/><lon/>`` with offsets one too high (the name is
``text[start-1:end-1]``). The format is told from the XML itself.

Recognition: precision, recall and F1 of toponym spans, a match being any overlap. Resolution,
on the gold toponyms that were recognized: accuracy at 161 km (100 miles, the field's usual
bar), exact GeoNames id where the gold has one, and the median error in km; accuracy at 161 km
also by the ACLED precision of the point given (1 a town, 2 a region, 3 a province or country),
since a country's point is a convention (GeoNames' centre against Wikipedia's, hundreds of km
apart for a large country) rather than a reading of the text.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import E, SitrepError
from sitrep.evaluate.metrics import f1, overlap, read_xml
from sitrep.geo.distance import haversine_km
from sitrep.ingest.meta import make_article
from sitrep.model import Article, ArticleReport, Failure

#: The distance within which a resolution counts as right (100 miles).
ACCURACY_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class PredictedMention:
    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None
    precision: int = 1  # ACLED geo_precision of the place given


@dataclass(frozen=True)
class GeoScores:
    format: str
    articles: int
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float
    resolved: int  # recognized gold toponyms with coordinates
    accuracy_161km: float
    with_geonameid: int  # of those, the ones whose gold has a GeoNames id
    exact_geonameid: float
    median_error_km: float
    #: by the precision of the point given ("1", "2", "3"): how many resolved, accuracy at 161 km
    by_precision: dict[str, dict[str, float]]

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def read_gold(path: Path) -> tuple[str, list[GoldArticle]]:
    """The gold articles of an LGL or GeoVirus file, and which format it is."""
    root = read_xml(path)
    articles = root.findall("article")
    if any(a.find("toponyms") is not None for a in articles):
        return "lgl", [_lgl(a) for a in articles]
    if any(a.find("locations") is not None for a in articles):
        return "geovirus", [_geovirus(a) for a in articles]
    raise SitrepError(
        E.EVAL_DATA,
        what=str(path),
        reason="expected <article> elements holding <toponyms> (LGL) or <locations> (GeoVirus)",
    )


def _lgl(element: ET.Element) -> GoldArticle:
    toponyms = []
    for item in element.iter("toponym"):
        tag = item.find("gaztag")
        lat = lon = gid = None
        if tag is not None and tag.findtext("lat"):
            lat, lon = float(tag.findtext("lat")), float(tag.findtext("lon"))
            gid = int(tag.get("geonameid")) if tag.get("geonameid") else None
        toponyms.append(
            GoldToponym(
                int(item.findtext("start")),
                int(item.findtext("end")),
                item.findtext("phrase") or "",
                lat,
                lon,
                gid,
            )
        )
    return GoldArticle(element.findtext("text") or "", tuple(toponyms))


def _geovirus(element: ET.Element) -> GoldArticle:
    toponyms = []
    for item in element.iter("location"):
        # GeoVirus offsets are one too high.
        start, end = int(item.findtext("start")) - 1, int(item.findtext("end")) - 1
        lat, lon = item.findtext("lat"), item.findtext("lon")
        toponyms.append(
            GoldToponym(
                start,
                end,
                item.findtext("name") or "",
                float(lat) if lat else None,
                float(lon) if lon else None,
                None,
            )
        )
    return GoldArticle(element.findtext("text") or "", tuple(toponyms))


def evaluate_geo(
    path: Path,
    analyze_many: Callable[[Iterable[Article]], Iterator[ArticleReport | Failure]],
    every: int = 1,
) -> GeoScores:
    """Scores ``analyze_many`` (e.g. ``Analyzer().analyze_many``) on the gold file at ``path``;
    ``every`` > 1 scores every n-th article only (a deterministic subset)."""
    fmt, gold = read_gold(path)
    texts = [g for g in gold if g.text.strip()][::every]
    articles = [make_article(g.text, path=f"{path}#{i}") for i, g in enumerate(texts)]
    predicted = []
    for report in analyze_many(articles):
        if isinstance(report, Failure):
            predicted.append([])
            continue
        predicted.append(
            [
                PredictedMention(
                    span.start, span.end, place.lat, place.lon, place.geonameid, place.precision
                )
                for place in report.places
                for span in place.mentions
            ]
        )
    return score(fmt, texts, predicted)


def score(fmt: str, gold: list[GoldArticle], predicted: list[list[PredictedMention]]) -> GeoScores:
    """The scores of ``predicted`` mentions (one list per gold article) against ``gold``."""
    n_gold = n_pred = hit_pred = hit_gold = 0
    errors: list[float] = []
    by_precision: dict[int, list[float]] = {}
    exact_total = exact_hit = 0
    for article, mentions in zip(gold, predicted, strict=True):
        n_gold += len(article.toponyms)
        n_pred += len(mentions)
        hit_pred += sum(1 for m in mentions if any(_overlap(m, t) for t in article.toponyms))
        for toponym in article.toponyms:
            match = max(mentions, key=lambda m: _overlap(m, toponym), default=None)
            if match is None or not _overlap(match, toponym):
                continue
            hit_gold += 1
            if toponym.lat is None or toponym.lon is None:
                continue
            errors.append(haversine_km(toponym.lat, toponym.lon, match.lat, match.lon))
            by_precision.setdefault(match.precision, []).append(errors[-1])
            if toponym.geonameid is not None:
                exact_total += 1
                exact_hit += match.geonameid == toponym.geonameid
    precision = hit_pred / n_pred if n_pred else 0.0
    recall = hit_gold / n_gold if n_gold else 0.0
    return GeoScores(
        format=fmt,
        articles=len(gold),
        gold=n_gold,
        predicted=n_pred,
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1(precision, recall), 4),
        resolved=len(errors),
        accuracy_161km=_accuracy(errors),
        with_geonameid=exact_total,
        exact_geonameid=round(exact_hit / exact_total, 4) if exact_total else 0.0,
        median_error_km=round(statistics.median(errors), 1) if errors else 0.0,
        by_precision={
            str(level): {"resolved": len(found), "accuracy_161km": _accuracy(found)}
            for level, found in sorted(by_precision.items())
        },
    )


def _accuracy(errors: list[float]) -> float:
    return round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4) if errors else 0.0


def _overlap(mention: PredictedMention, toponym: GoldToponym) -> int:
    return overlap(mention.start, mention.end, toponym.start, toponym.end)
