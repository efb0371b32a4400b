"""Readable terminal output (rich) for reports and listings; the CLI's presentation layer.

Stored text is hostile: every value from an article goes through :func:`printable` (or
:func:`to_json`), so a title cannot set the terminal's window title, plant a hyperlink, colour
or clear the screen, reorder a line, or smuggle rich markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sitrep.link.copies import wire_name
from sitrep.link.records import Story, StoryClaim
from sitrep.model import ArticleReport, Failure
from sitrep.store import Alert, WatchEntry
from sitrep.store.store import ActorRow, ArticleRow

#: What a terminal acts on instead of showing: C0 controls but tab and newline, DEL, the C1
#: controls (0x9b is a one-byte CSI), and the bidi embeddings, overrides and isolates that
#: reorder what follows them on the line.
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str | None) -> str:
    """Untrusted text as rich markup that prints it as written: each terminal control shown as
    an escape (``\\x1b``, ``\\u202e``), each markup bracket escaped."""
    return escape(_TERMINAL_CONTROLS.sub(_shown, text or ""))


def to_json(value: Any) -> str:
    """``value`` as one line of JSON for the terminal: terminal controls are written as
    ``\\u`` escapes (JSON escapes only those below 0x20), so it decodes to the same value."""
    text = json.dumps(value, ensure_ascii=False)
    return _TERMINAL_CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def print_report(console: Console, report: ArticleReport) -> None:
    article = report.article
    meta = " | ".join(x for x in (article.outlet, article.published, article.path) if x)
    console.rule(f"[bold]{printable(article.title or article.id)}")
    console.print(f"[dim]{printable(meta)}  id {article.id}")
    if report.actors:
        table = Table("actor", "kind", "country", "mentions", title="Actors", title_justify="left")
        for actor in report.actors:
            name = actor.name + (f" ({actor.title})" if actor.title else "")
            mentions = ", ".join(dict.fromkeys(m.text for m in actor.mentions))
            table.add_row(printable(name), actor.kind, actor.country or "", printable(mentions))
        console.print(table)
    if report.places:
        table = Table(
            "place",
            "feature",
            "country",
            "lat, lon",
            "precision",
            "as written",
            title="Places",
            title_justify="left",
        )
        for place in report.places:
            written = ", ".join(dict.fromkeys(m.text for m in place.mentions))
            table.add_row(
                printable(place.name),
                place.feature,
                place.country or "",
                f"{place.lat:.2f}, {place.lon:.2f}",
                str(place.precision),
                printable(written),
            )
        console.print(table)
    if report.unplaced:
        table = Table("name", "countries", "reason", title="Unplaced names", title_justify="left")
        for name in report.unplaced:
            table.add_row(printable(name.name), " ".join(name.countries), name.reason)
        console.print(table)
    if report.times:
        table = Table("time", "value", title="Times", title_justify="left")
        for time in report.times:
            table.add_row(printable(time.span.text), time.value)
        console.print(table)
    names = {a.id: a.name for a in report.actors}
    if report.events:
        table = Table(
            "event", "actor", "recipient", "evidence", title="Events", title_justify="left"
        )
        for ev in report.events:
            standing = f" ({ev.factuality})" if ev.factuality != "asserted" else ""
            kind = ev.type + (f"/{ev.mode}" if ev.mode else "") + standing
            table.add_row(
                kind,
                printable(names.get(ev.actor or "", "")),
                printable(names.get(ev.recipient or "", "")),
                printable(ev.evidence.text),
            )
        console.print(table)
    if report.attributions:
        table = Table(
            "source", "cue", "stance", "content", "confidence", title="Attributions",
            title_justify="left",
        )  # fmt: skip
        for a in report.attributions:
            source = a.source_text + "".join(f" <- {v.source_text}" for v in a.via)
            table.add_row(
                printable(source),
                printable(a.cue.text),
                a.stance,
                printable(a.content.text),
                f"{a.confidence:.2f}" if a.confidence is not None else "",
            )
        console.print(table)
    if report.claims:
        table = Table("claim", "status", "who", title="Claims", title_justify="left")
        for claim in report.claims:
            who = "; ".join(
                f"{a.stance}: {a.source_text}" + "".join(f" <- {v.source_text}" for v in a.via)
                for a in claim.attributions
            )
            table.add_row(printable(claim.text), claim.status, printable(who))
        console.print(table)


def print_articles(console: Console, rows: Iterable[ArticleRow]) -> None:
    table = Table("id", "published", "outlet", "title")
    for row in rows:
        table.add_row(
            row.id, row.published or "", printable(row.outlet or ""), printable(row.title or "")
        )
    console.print(table)


def print_failures(console: Console, failures: Iterable[Failure]) -> None:
    for failure in failures:
        console.print(
            f"[red]{failure.code}[/red] {printable(failure.path or '')}: {printable(failure.message)}"
        )


def print_actors(console: Console, rows: Iterable[ActorRow]) -> None:
    table = Table("actor", "kind", "country", "articles", "mentions")
    for row in rows:
        table.add_row(
            printable(row.name), row.kind, row.country or "", str(row.articles), str(row.mentions)
        )
    console.print(table)


#: claims listed under each story by ``print_stories``
LISTED_CLAIMS = 3
_STANCES = ("asserts", "denies", "questions")


def print_stories(console: Console, stories: Iterable[Story]) -> None:
    """A table of the stories, then under each story its most widely reported claims, with
    their status and who asserts, denies and questions them."""
    stories = list(stories)
    table = Table("first seen", "articles", "origins", "claims", "title")
    # the id is what `sitrep story ID` takes: never cut it
    table.add_column("story", no_wrap=True)
    for story in stories:
        table.add_row(
            story.first_seen or "",
            str(len(story.articles)),
            str(story.origins),
            str(len(story.claims)),
            printable(story.title),
            story.id,
        )
    console.print(table)
    for story in stories:
        if not story.claims:
            continue
        console.print()
        console.print(f"[bold]{printable(story.title)}[/bold] [dim]{story.id}")
        for claim in top_claims(story, LISTED_CLAIMS):
            console.print(f"  {claim.status}: {printable(claim.text)}")
            for stance in _STANCES:
                who = _sources(claim, stance, relays=False)
                if who:
                    console.print(
                        f"    {stance} ({claim.origins[stance]}): {printable('; '.join(who))}"
                    )


def top_claims(story: Story, count: int) -> list[StoryClaim]:
    """The ``count`` claims of the story with the most independent origins (all stances
    together), in story order among equals."""
    return sorted(story.claims, key=lambda c: -sum(c.origins.values()))[:count]


def _sources(claim: StoryClaim, stance: str, relays: bool) -> list[str]:
    """Who takes ``stance`` on the claim, each once; with ``relays``, through whom."""
    return list(
        dict.fromkeys(
            a.source_text + ("".join(f" via {v.source_text}" for v in a.via) if relays else "")
            for a in claim.attributions
            if a.stance == stance
        )
    )


def print_story(console: Console, story: Story) -> None:
    """A story's timeline of articles by outlet, its claims with who asserts and who denies,
    and the independent origins on each side."""
    console.rule(f"[bold]{printable(story.title)}")
    seen = " to ".join(dict.fromkeys(x for x in (story.first_seen, story.last_seen) if x))
    console.print(
        f"[dim]{story.id}  {len(story.articles)} articles, {story.origins} independent  {seen}"
    )
    if story.actors or story.places:
        names = ", ".join(e.name for e in (*story.actors[:8], *story.places[:5]))
        console.print(f"[dim]about: {printable(names)}")
    timeline = Table(
        "published", "outlet", "title", "copy of / wire", title="Articles", title_justify="left"
    )
    for article in sorted(story.articles, key=lambda a: a.published or "9999"):
        notes = [f"copy of {article.copy_of}"] if article.copy_of else []
        notes += [f"reuses {r}" for r in article.reuses]
        notes += [f"wire: {wire_name(article.wire)}"] if article.wire else []
        table_outlet = article.outlet or article.path or article.id
        timeline.add_row(
            article.published or "",
            printable(table_outlet),
            printable(article.title or ""),
            printable("; ".join(notes)),
        )
    console.print(timeline)
    if not story.claims:
        return
    claims = Table(
        "claim", "status", "asserts", "denies", "questions", title="Claims", title_justify="left"
    )
    for claim in story.claims:
        sides = {}
        for stance in _STANCES:
            who = _sources(claim, stance, relays=True)
            sides[stance] = f"{claim.origins[stance]}: " + "; ".join(who) if who else ""
        claims.add_row(
            printable(claim.text), claim.status, *(printable(sides[s]) for s in _STANCES)
        )
    console.print(claims)
    for claim in story.claims:
        if len(claim.propagation.get("outlets", ())) < 2:
            continue
        console.print(f"[bold]{printable(claim.text)}[/bold]")
        console.print(f"  {printable(claim.reasons)} (confidence {claim.confidence:.2f})")
        console.print(f"  spread: {printable(spread(claim))}")


def spread(claim: StoryClaim) -> str:
    """How a claim spread, in words: 'first Outlet A (2025-05-04), then Outlet B through
    Interfax (2025-05-05), ...; first denial after 1.0 days'."""
    steps = []
    for step in claim.propagation.get("outlets", ()):
        through = f" through {', '.join(step['through'])}" if step["through"] else ""
        when = f" ({step['published']})" if step["published"] else ""
        steps.append(f"{step['outlet'] or step['article']}{through}{when}")
    text = "first " + ", then ".join(steps)
    days = claim.propagation.get("days_to_first_denial")
    if days is not None:
        text += f"; first denial after {days:g} days"
    return text


def print_alerts(console: Console, alerts: Iterable[Alert]) -> None:
    """Alerts as they are listed, newest first: when, what kind, what they say, where to look."""
    table = Table("#", "when", "kind", "alert", "story")
    for alert in alerts:
        table.add_row(
            str(alert.seq),
            alert.created_at,
            alert.kind,
            printable(alert.title),
            alert.story_id or "",
        )
    console.print(table)


def print_watchlist(console: Console, entries: Iterable[WatchEntry]) -> None:
    table = Table("kind", "name", "added")
    for entry in entries:
        table.add_row(entry.kind, printable(entry.name), entry.added_at)
    console.print(table)
