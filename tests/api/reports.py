"""Hand-built reports for API and dashboard tests: a small fixed cast of actors and places
found by exact phrase, and a claim per sentence with a reporting verb. No model is loaded, so
the tests know exactly what every report holds. Every claim's attribution is also in the
report's ``attributions``, as the pipeline makes them."""

from __future__ import annotations

import re

from sitrep.ingest.text import parse_text
from sitrep.model import (
    Actor,
    ArticleReport,
    Attribution,
    Claim,
    Place,
    Span,
    TimeRef,
    Verification,
    Via,
)

#: id -> (name, kind, country, phrases)
ACTORS = {
    "hamas": ("Hamas", "armed_group", "PSE", ("Hamas",)),
    "idf": ("Israel Defense Forces", "military", "ISR", ("Israeli army", "The army")),
    "who": ("World Health Organization", "organization", None, ("WHO",)),
    "interfax": ("Interfax", "media", "RUS", ("Interfax",)),
    "rus_mod": ("Russian Defence Ministry", "government", "RUS", ("defence ministry",)),
}
#: id -> (name, lat, lon, country, feature, geonameid, phrases)
PLACES = {
    "geo:281133": ("Gaza", 31.50, 34.47, "PS", "city", 281133, ("Gaza",)),
    "geo:2332459": ("Kukawa", 12.92, 13.57, "NG", "city", 2332459, ("Kukawa",)),
    "geo:524901": ("Moscow", 55.75, 37.62, "RU", "city", 524901, ("Moscow",)),
}
_CUES = {"said": "asserts", "denied": "denies", "questioned": "questions"}
_SENTENCE = re.compile(r"[^.\n]+[.]?")
_TIME = re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday)\b")
_HEDGES = ("reportedly", "believed to")


def make_report(text: str, **meta: str | None) -> ArticleReport:
    """A report of ``text`` (header lines allowed; ``meta``: title, outlet, url, published)."""
    article = parse_text(text, **meta)
    body = article.text
    actors = tuple(
        Actor(actor_id, name, kind, country, mentions)
        for actor_id, (name, kind, country, phrases) in ACTORS.items()
        if (mentions := _find(body, phrases, article.body_start))
    )
    places = tuple(
        Place(place_id, name, lat, lon, country, feature, gid, mentions)
        for place_id, (name, lat, lon, country, feature, gid, phrases) in PLACES.items()
        if (mentions := _find(body, phrases, article.body_start))
    )
    times = tuple(
        TimeRef(f"t{i}", match.group(1), Span(match.start(), match.end(), match.group(0)))
        for i, match in enumerate(_TIME.finditer(body, article.body_start))
    )
    claims = _claims(article.text, article.body_start, actors)
    return ArticleReport(
        article,
        actors,
        places,
        times,
        (),
        claims,
        tuple(a for claim in claims for a in claim.attributions),
    )


def _find(text: str, phrases: tuple[str, ...], start: int) -> tuple[Span, ...]:
    found = []
    for phrase in phrases:
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", text[start:]):
            found.append(Span(start + match.start(), start + match.end(), phrase))
    return tuple(sorted(found, key=lambda s: s.start))


def _claims(text: str, start: int, actors: tuple[Actor, ...]) -> tuple[Claim, ...]:
    claims = []
    for sentence in _SENTENCE.finditer(text, start):
        cue = next((c for c in _CUES if f" {c} " in sentence.group(0)), None)
        if cue is None:
            continue
        cue_start = text.index(f" {cue} ", sentence.start()) + 1
        cue_span = Span(cue_start, cue_start + len(cue), cue)
        content_start = cue_span.end + 1
        content_end = sentence.end() - 1 if sentence.group(0).endswith(".") else sentence.end()
        content = Span(content_start, content_end, text[content_start:content_end])
        speaker = next(
            (a for a in actors for m in a.mentions if sentence.start() <= m.start < cue_start),
            None,
        )
        relays = tuple(
            Via(m.text, a.id)
            for a in actors
            if a.kind == "media"
            for m in a.mentions
            if content.start <= m.start < content.end
        )
        source_text = text[sentence.start() : cue_start - 1].strip()
        hedges = tuple(
            Span(i, i + len(h), h)
            for h in _HEDGES
            if (i := text.find(h, sentence.start(), sentence.end())) >= 0
        )
        checks = ()
        if "could not be verified" in sentence.group(0):
            i = text.index("could not be verified", sentence.start())
            checks = (Verification("Reuters", "unverified", Span(i, i + 21, text[i : i + 21])),)
        attribution = Attribution(
            speaker.id if speaker else None,
            source_text,
            cue_span,
            _CUES[cue],
            content,
            relays,
            id=f"a{len(claims) + 1}",
        )
        status = {"asserts": "asserted", "denies": "denied", "questions": "disputed"}[_CUES[cue]]
        claims.append(
            Claim(f"c{len(claims)}", content.text, (attribution,), hedges, checks, status)
        )
    return tuple(claims)


CORPUS = [
    "Title: Strikes hit Kukawa\nOutlet: Lake Chad Wire\nDate: 2024-03-04\n"
    "URL: https://lakechad.example/kukawa\n\n"
    "Airstrikes hit Kukawa on Monday. The army said the strikes targeted fighters near "
    "Kukawa. Residents said several civilians were reportedly killed.",
    "Title: Army denies civilian deaths in Kukawa\nOutlet: Frontline Daily\n"
    "Date: 2024-03-05\n\nThe Israeli army denied that civilians were killed in Kukawa. "
    "The claim could not be verified by Reuters.",
    "Title: Talks in Moscow\nOutlet: Continental Post\nDate: 2024-03-07\n\n"
    "Hamas said talks in Moscow would resume on Friday, according to Interfax. The "
    "defence ministry questioned whether talks were planned at all.",
    "Title: Aid convoy reaches Gaza\nOutlet: Relief Monitor\nDate: 2024-03-09\n\n"
    "An aid convoy reached Gaza on Tuesday. WHO said the convoy carried medicine for "
    "hospitals in Gaza.",
]


def corpus_reports() -> list[ArticleReport]:
    return [make_report(text) for text in CORPUS]


#: One event told by four outlets (one a copy), with a denial; and an unrelated story.
STORY_TEXTS = [
    "Title: Airstrike kills civilians at Kukawa market\nOutlet: Lake Chad Wire\n"
    "Date: 2024-03-04\nURL: https://lakechad.example/kukawa\n\n"
    "An airstrike hit the market in Kukawa on Monday. Residents said at least twenty "
    "civilians were killed in the airstrike on the market. The army said the airstrike "
    "targeted fighters near Kukawa.",
    "Title: Kukawa market airstrike kills civilians, residents say\nOutlet: Sahel Herald\n"
    "Date: 2024-03-04\n\nKUKAWA (AFP) - An airstrike hit the market in Kukawa on Monday. Residents said at "
    "least twenty civilians were killed in the airstrike on the market. The army said the "
    "airstrike targeted fighters near Kukawa.",
    "Title: Army denies killing civilians in Kukawa airstrike\nOutlet: Frontline Daily\n"
    "Date: 2024-03-05\n\nThe Israeli army denied that civilians were killed in the airstrike "
    "on the market in Kukawa. The claim could not be verified by Reuters.",
    "Title: Rights groups say civilians died in Kukawa airstrike\nOutlet: Atlantic Monitor\n"
    "Date: 2024-03-06\n\nWHO said civilians were reportedly killed in the airstrike on the "
    "market in Kukawa. The defence ministry questioned whether fighters were in Kukawa.",
    "Title: Talks in Moscow to resume\nOutlet: Continental Post\nDate: 2024-03-07\n\n"
    "Hamas said talks in Moscow would resume on Friday, according to Interfax.",
]
