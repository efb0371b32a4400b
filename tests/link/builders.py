"""Hand-built reports for the linking tests: invented articles, actors and claims."""

from __future__ import annotations

from sitrep.ingest.text import parse_text
from sitrep.model import (
    Actor,
    ArticleReport,
    Attribution,
    Claim,
    Event,
    Place,
    Span,
    Verification,
    Via,
)

FLOOD = """Flood waters cut off Tarnova as the Velka river bursts its banks
Flood waters from the Velka river cut off the town of Tarnova on Sunday, forcing about 8,000 residents from their homes, the regional emergency service said.
The service said rescue teams in boats had reached the eastern districts of Tarnova, where the water stood more than a metre deep in some streets.
Two people drowned when their car was swept off a bridge near the village of Ostrel, police said. A third person was missing.
The regional governor, Ilona Varga, declared a state of emergency and asked the army to send engineers to shore up the embankments downstream.
Meteorologists forecast more heavy rain over the Velka basin until Wednesday, and warned that the river could rise again.
Residents said the embankments built after the floods of 2010 had never been repaired."""

FLOOD_REPRINT = """Thousands flee as river swamps Tarnova
Flood waters from the Velka river cut off the town of Tarnova on Sunday, forcing about 8,000 residents from their homes, the regional emergency service said.
The service said rescue teams in boats had reached the eastern districts of Tarnova, where the water stood more than a metre deep in several streets.
Two people drowned when their car was swept off a bridge near the village of Ostrel, police said. A third person was missing.
The regional governor, Ilona Varga, declared a state of emergency and asked the army to send engineers to shore up the embankments downstream.
Meteorologists forecast more heavy rain over the Velka basin until Wednesday, and warned that the river could rise again."""

FLOOD_FOLLOWUP = """Tarnova flood toll rises to four as Velka river crests
The number of people killed by flooding in Tarnova rose to four on Monday after rescuers found two bodies near Ostrel, the regional emergency service said.
The Velka river crested overnight in Tarnova, but water in the eastern districts of the town was still more than a metre deep.
Governor Ilona Varga said army engineers had started to shore up the embankments downstream of Tarnova and that evacuated residents should not return yet.
Aid groups set up shelters for about 8,000 displaced residents in schools and sports halls, and appealed for drinking water and blankets.
Residents of Tarnova blamed the flooding on embankments that were never repaired after 2010."""

FLOOD_PARTIAL = """Velka floods: what we know so far
Here is what we know about the floods along the Velka river.
Flood waters from the Velka river cut off the town of Tarnova on Sunday, forcing about 8,000 residents from their homes, the regional emergency service said.
The service said rescue teams in boats had reached the eastern districts of Tarnova, where the water stood more than a metre deep in some streets.
Two people drowned when their car was swept off a bridge near the village of Ostrel, police said. A third person was missing.
Insurers said claims from the flood zone could exceed last year's total for the whole country, and farmers in the valley said much of the maize harvest had been lost.
Railway operators suspended trains between Tarnova and the provincial capital because water covered the tracks near the station.
Schools in the district will stay closed for the rest of the week, the education office said, and exams have been postponed until the water recedes.
Volunteers from neighbouring towns filled sandbags through the night outside the town hall, where the mayor had set up a crisis centre."""

ELECTION = """Opposition leads early count in Kestria parliamentary election
The opposition Civic Alliance led the early count in Kestria's parliamentary election on Sunday, with about 40 percent of ballots counted, the electoral commission said.
Turnout reached 61 percent, the highest since the country's first free vote, the commission said.
The ruling National Unity party, in power for twelve years, trailed with 31 percent of the ballots counted so far.
Civic Alliance leader Marek Dossen told supporters in the capital, Velgrad, that voters had chosen change and urged election officials to count every ballot quickly.
International observers said voting had been orderly, but noted reports of pressure on public sector workers in several districts."""

ELECTION_FOLLOWUP = """Kestria's ruling party concedes election defeat
Kestria's ruling National Unity party conceded defeat in the parliamentary election on Monday after the electoral commission's final count gave the opposition Civic Alliance a majority of seats.
Civic Alliance leader Marek Dossen said he would start talks on forming a government in Velgrad this week and promised a review of the electoral law.
The commission said the Civic Alliance won 44 percent of the ballots and National Unity 33 percent, with turnout of 61 percent.
International observers said the election in Kestria had been competitive, though they criticised pressure on public sector workers before the vote."""

MARKETS = """Copper prices climb on supply worries
Copper prices rose to a two-month high on Tuesday as traders worried about supplies from mines hit by strikes, and as warehouse stocks fell.
Benchmark copper on the metals exchange gained 1.8 percent in afternoon trading, while aluminium and zinc were little changed.
Analysts said demand from makers of electric vehicles and power grids would keep the market tight into next year.
A stronger dollar limited gains, making metals priced in dollars more expensive for buyers holding other currencies."""


def make_report(
    body: str,
    outlet: str = "Wire",
    published: str | None = "2025-05-04",
    url: str | None = None,
    actors: tuple[Actor, ...] = (),
    places: tuple[Place, ...] = (),
    events: tuple[Event, ...] = (),
    claims: tuple[Claim, ...] = (),
) -> ArticleReport:
    article = parse_text(body, outlet=outlet, published=published, url=url)
    return ArticleReport(
        article=article, actors=actors, places=places, events=events, claims=claims
    )


def span(text: str, phrase: str, start: int = 0) -> Span:
    at = text.index(phrase, start)
    return Span(at, at + len(phrase), phrase)


def actor(text: str, actor_id: str, name: str, phrase: str, kind: str = "government") -> Actor:
    return Actor(actor_id, name, kind, None, (span(text, phrase),))


def claim(
    text: str,
    claim_id: str,
    content: str,
    source: str | None,
    source_text: str,
    stance: str,
    cue: str,
    via: tuple[Via, ...] = (),
    hedged: bool = False,
    unverified_by: str | None = None,
    event: str | None = None,
) -> Claim:
    """A claim of ``text`` whose attribution's content is the phrase ``content``."""
    content_span = span(text, content)
    verification = (
        (Verification(unverified_by, "unverified", span(text, unverified_by), None),)
        if unverified_by
        else ()
    )
    return Claim(
        id=claim_id,
        text=content,
        attributions=(
            Attribution(source, source_text, span(text, cue), stance, content_span, via),
        ),
        hedges=(content_span,) if hedged else (),
        verification=verification,
        status="asserted" if stance == "asserts" else "denied",
        event=event,
    )


CAPTURE_CLAIM = """Rebels say they captured two soldiers near Dravka border post
Rebels of the Dravka Liberation Front said on Tuesday they had captured two soldiers during a raid on a border post near Dravka.
The front published photographs of two men in uniform and said they were being held in a safe place near the Dravka border.
The defence ministry did not immediately respond to a request for comment on the raid at the Dravka border post."""

DENIAL_VIA_AGENCY = """Ministry denies soldiers captured in Dravka border raid
The defence ministry denied on Wednesday that its soldiers had been captured in a raid on a border post near Dravka, Interfax reported.
The Dravka Liberation Front had said its fighters seized two soldiers at the border post and published photographs of two men in uniform.
The ministry said the raid on the Dravka border post had been repelled."""

DENIAL_REWORDED = """No soldiers missing after Dravka border raid, ministry says
There have been no incidents linked with any capture of prisoners, the defence ministry said on Wednesday, according to Interfax, after rebels claimed a raid on a border post near Dravka.
The Dravka Liberation Front said it had taken two soldiers prisoner at the border post, and the rebels released photographs of two men in uniform.
A spokesman for the front said the raid near Dravka would not be the last."""
