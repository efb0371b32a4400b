"""Tabular exports, one row per event: sitrep's events CSV, an ACLED-style CSV and a
GDELT-style events TSV. PLOVER is mapped to ACLED's event types (resources/plover_acled.tsv)
and to CAMEO codes (resources/plover_cameo.tsv).

No export launders a claim into a fact: by default only events the article itself asserts
(factuality "asserted"), or whose claim other outlets corroborate, are written; the rest are
counted by factuality (:class:`Selection`), and written, with their factuality, claim status
and sources, when ``everything`` is asked for.

Every text cell is written with the csv module and made safe for spreadsheets: a cell that
starts with "=", "+", "-", "@" (or a tab or carriage return) gets a leading apostrophe, so it is
not run as a formula (OWASP "CSV injection"). Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache, partial
from importlib import resources
from typing import TextIO

from sitrep.model import Actor, ArticleReport, Claim, Event, Place, TimeRef

EVENTS_CSV_COLUMNS = (
    "article_id",
    "event_id",
    "type",
    "mode",
    "trigger",
    "trigger_start",
    "trigger_end",
    "actor_id",
    "actor",
    "actor_country",
    "recipient_id",
    "recipient",
    "recipient_country",
    "place_id",
    "place",
    "latitude",
    "longitude",
    "place_country",
    "time_id",
    "time",
    "date",
    "time_precision",
    "geo_precision",
    "negated",
    "modality",
    "factuality",
    "denied_by",
    "attribution",
    "claim",
    "claim_status",
    "sources",
    "casualties",
    "evidence",
    "published",
    "outlet",
    "url",
)
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "event_date",
    "time_precision",
    "source",
    "notes",
    "fatalities",
    "factuality",
    "claim_status",
    "sources",
)
GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "NumMentions",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "SOURCEURL",
    "Factuality",
    "ClaimStatus",
    "Sources",
)

_UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})")
# GDELT ActionGeo_Type: 1 country, 4 world city, 5 world first-level division.
_GDELT_GEO_TYPE = {"country": 1, "admin1": 5}


def safe_cell(value: object) -> object:
    """A cell that a spreadsheet will not run as a formula: text starting with = + - @
    (or a tab or carriage return) gets a leading apostrophe; numbers and None pass as they are."""
    if isinstance(value, str) and value.startswith(_UNSAFE_START):
        return "'" + value
    return value


#: The story-level statuses under which other outlets back an article's claim.
CORROBORATED = "corroborated"


@dataclass(frozen=True)
class EventRow:
    """An event with the records its ids point to, for flat exports. ``story_status`` is the
    status across outlets of the story claim its claim belongs to, where one is known;
    ``story_fatalities`` the most conservative count of the killed the story's outlets give
    for its happening, where they give one."""

    report: ArticleReport
    event: Event
    story_status: str | None = None
    story_fatalities: int | None = None

    @property
    def key(self) -> str:
        return f"{self.report.article.id}-{self.event.id}"

    @cached_property
    def actor(self) -> Actor | None:
        return _by_id(self.report.actors, self.event.actor)

    @cached_property
    def recipient(self) -> Actor | None:
        return _by_id(self.report.actors, self.event.recipient)

    @cached_property
    def place(self) -> Place | None:
        return _by_id(self.report.places, self.event.place)

    @property
    def place_label(self) -> str | None:
        """The place's name, else the name the article gives with no point (``place_name``)."""
        if self.place:
            return self.place.name
        return self.event.place_name.text if self.event.place_name else None

    @cached_property
    def time(self) -> TimeRef | None:
        return _by_id(self.report.times, self.event.time)

    @property
    def actor_label(self) -> str:
        """The actor's name, else the words of the actor phrase, else ""."""
        return (
            self.actor.name
            if self.actor
            else self.event.actor_span.text
            if self.event.actor_span
            else ""
        )

    @property
    def recipient_label(self) -> str:
        if self.recipient:
            return self.recipient.name
        return self.event.recipient_span.text if self.event.recipient_span else ""

    @cached_property
    def claim(self) -> Claim | None:
        return _by_id(self.report.claims, self.event.claim)

    @property
    def claim_status(self) -> str | None:
        """The claim's status across outlets where known, else within the article."""
        if self.story_status is not None:
            return self.story_status
        return self.claim.status if self.claim else None

    @property
    def sources(self) -> str:
        """Who reports, denies or questions it ("Amaq (asserts); the ministry (denies)"); ""
        when the article states it itself."""
        if self.claim is not None:
            reports = self.claim.attributions
        else:
            reports = tuple(a for a in self.report.attributions if a.id == self.event.attribution)
        return "; ".join(
            dict.fromkeys(f"{a.source_text or 'unnamed'} ({a.stance})" for a in reports)
        )

    @property
    def fatalities(self) -> int:
        """ACLED's fatalities: the most conservative figure of people killed any source gives
        (the least lower bound; "up to 30", with none, counts nothing), across the outlets of
        its story where they report the happening too, else 0."""
        if self.story_fatalities is not None:
            return self.story_fatalities
        return min(
            (c.low for c in self.event.casualties if c.kind == "killed" and c.low is not None),
            default=0,
        )

    @property
    def casualties(self) -> str:
        """Every figure with who gives it: "killed at least 30 (Police); wounded 40"."""
        return "; ".join(
            f"{c.kind} {c.words}" + (f" ({c.source})" if c.source else "")
            for c in self.event.casualties
        )

    @property
    def stands(self) -> bool:
        """Whether it is exported by default: the article itself asserts it, or other outlets
        corroborate the claim that carries it."""
        return self.event.factuality == "asserted" or self.story_status == CORROBORATED

    def date(self) -> tuple[date | None, int]:
        """The event's date and ACLED time_precision (1 day, 2 week, 3 month or coarser):
        from its time expression; else the article's publication date (precision 3); else,
        for an article with no date, the latest year its times name (precision 3)."""
        value = self.time.value if self.time else ""
        if m := _DAY.match(value):
            return _date(int(m[1]), int(m[2]), int(m[3])), 1
        if m := _WEEK.match(value):
            return _week(int(m[1]), int(m[2])), 2
        if m := _MONTH.match(value):
            return _date(int(m[1]), int(m[2]), 1), 3
        published = self.report.article.published or ""
        if m := _DAY.match(published):
            return _date(int(m[1]), int(m[2]), int(m[3])), 3
        years = [int(m[1]) for t in self.report.times if (m := _YEAR.match(t.value))]
        return (_date(max(years), 1, 1) if years else None), 3

    @property
    def geo_precision(self) -> int | None:
        """ACLED geo_precision of its place (1 town, 2 district or feature, 3 province or
        country), so a map shows a country's centroid as what it is; None without a place."""
        return self.place.precision if self.place else None


@dataclass
class Selection:
    """Which events an export writes: by default those that stand (:attr:`EventRow.stands`),
    with ``everything`` all of them. ``story_statuses`` maps (article id, claim id) to the
    claim's status across the outlets of its story, ``story_fatalities`` (article id, event
    id) to the story's count of the killed for its happening; ``only``, where given, holds
    the (article id, event id) of the events a filter chose, and no other event is a row.
    Counts what it leaves out, by factuality (or claim status, for an event the article
    asserts whose claim is in dispute)."""

    everything: bool = False
    story_statuses: dict[tuple[str, str], str] = field(default_factory=dict)
    story_fatalities: dict[tuple[str, str], int] = field(default_factory=dict)
    only: Collection[tuple[str, str]] | None = None
    left_out: Counter[str] = field(default_factory=Counter)

    def rows(
        self, reports: Iterable[ArticleReport], coded: Callable[[Event], object] | None = None
    ) -> Iterator[EventRow]:
        """The rows to write; ``coded``: whether the format has a code for an event (those
        it has none for are not rows, so not counted as left out)."""
        for report in reports:
            for event in report.events:
                if coded is not None and not coded(event):
                    continue
                if self.only is not None and (report.article.id, event.id) not in self.only:
                    continue
                status = self.story_statuses.get((report.article.id, event.claim or ""))
                killed = self.story_fatalities.get((report.article.id, event.id))
                row = EventRow(report, event, status, killed)
                if self.everything or row.stands:
                    yield row
                else:
                    self.left_out[event.factuality] += 1


def event_rows(reports: Iterable[ArticleReport]) -> Iterator[EventRow]:
    """Every event of ``reports``, whatever its factuality."""
    return Selection(everything=True).rows(reports)


def write_events_csv(
    reports: Iterable[ArticleReport], out: TextIO, selection: Selection | None = None
) -> int:
    """The selected events, one row each, with roles, place, time, factuality and evidence."""

    def cells(row: EventRow) -> tuple[object, ...]:
        event, article = row.event, row.report.article
        place = row.place
        when, precision = row.date()
        return (
            article.id,
            event.id,
            event.type,
            event.mode,
            event.trigger.text,
            event.trigger.start,
            event.trigger.end,
            event.actor,
            row.actor_label,
            row.actor.country if row.actor else None,
            event.recipient,
            row.recipient_label,
            row.recipient.country if row.recipient else None,
            event.place,
            row.place_label,
            place.lat if place else None,
            place.lon if place else None,
            place.country if place else None,
            event.time,
            row.time.value if row.time else None,
            when.isoformat() if when else None,
            precision if when else None,
            row.geo_precision,
            event.negated,
            event.modality,
            event.factuality,
            "; ".join(event.denied_by),
            event.attribution,
            event.claim,
            row.claim_status,
            row.sources,
            row.casualties,
            event.evidence.text,
            article.published,
            article.outlet,
            article.url,
        )

    rows = (selection or Selection()).rows(reports)
    return _write(out, EVENTS_CSV_COLUMNS, (cells(row) for row in rows), ",")


def write_acled(
    reports: Iterable[ArticleReport], out: TextIO, selection: Selection | None = None
) -> int:
    """The selected events of the types ACLED codes (political violence, demonstrations,
    strategic developments), in ACLED's column names, with factuality, claim status and
    sources after them."""
    table = acled_table()

    def rows() -> Iterator[tuple[object, ...]]:
        for row in (selection or Selection()).rows(reports, partial(_lookup, table)):
            types = _lookup(table, row.event)
            when, precision = row.date()
            place = row.place
            yield (
                row.key,
                types[0],
                types[1],
                row.actor_label,
                row.recipient_label,
                place.name if place else None,
                place.lat if place else None,
                place.lon if place else None,
                row.geo_precision,
                when.isoformat() if when else None,
                precision,
                row.report.article.outlet or row.report.article.url,
                row.event.evidence.text,
                row.fatalities,
                row.event.factuality,
                row.claim_status,
                row.sources,
            )

    return _write(out, ACLED_COLUMNS, rows(), ",")


def write_gdelt(
    reports: Iterable[ArticleReport], out: TextIO, selection: Selection | None = None
) -> int:
    """The selected events with CAMEO codes, as GDELT 2.0 event columns (a subset; country
    codes are ISO alpha-3 for actors and ISO alpha-2 for places), with factuality, claim
    status and sources after them."""
    table = cameo_table()

    def rows() -> Iterator[tuple[object, ...]]:
        for row in (selection or Selection()).rows(reports, partial(_lookup, table)):
            code, quad = _lookup(table, row.event)
            when, _ = row.date()
            place = row.place
            yield (
                row.key,
                when.strftime("%Y%m%d") if when else None,
                row.actor_label,
                row.actor.country if row.actor else None,
                row.recipient_label,
                row.recipient.country if row.recipient else None,
                1,
                code,
                code[:3],
                code[:2],
                quad,
                len(row.event.mentions) or 1,
                _GDELT_GEO_TYPE.get(place.feature, 4) if place else 0,
                place.name if place else None,
                place.country if place else None,
                place.lat if place else None,
                place.lon if place else None,
                place.geonameid if place else None,
                row.report.article.url,
                row.event.factuality,
                row.claim_status,
                row.sources,
            )

    return _write(out, GDELT_COLUMNS, rows(), "\t")


@lru_cache(maxsize=1)
def acled_table() -> dict[tuple[str, str], tuple[str, str]]:
    """(PLOVER type, mode or "*") -> (ACLED event type, sub-event type)."""
    return {
        (r["plover_type"], r["plover_mode"]): (r["event_type"], r["sub_event_type"])
        for r in _tsv("plover_acled.tsv")
    }


@lru_cache(maxsize=1)
def cameo_table() -> dict[tuple[str, str], tuple[str, int]]:
    """(PLOVER type, mode or "*") -> (CAMEO code, quad class)."""
    return {
        (r["plover_type"], r["plover_mode"]): (r["cameo_code"], int(r["quad_class"]))
        for r in _tsv("plover_cameo.tsv")
    }


def _tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("sitrep.resources").joinpath(name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _lookup(table: dict[tuple[str, str], tuple], event: Event) -> tuple | None:
    return table.get((event.type, event.mode or "*")) or table.get((event.type, "*"))


def _write(
    out: TextIO, columns: tuple[str, ...], rows: Iterable[tuple[object, ...]], delimiter: str
) -> int:
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        count += 1
    return count


def _by_id(records: tuple, record_id: str | None):
    return next((r for r in records if r.id == record_id), None) if record_id else None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _week(year: int, week: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
