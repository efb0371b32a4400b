"""Property-based tests of ``analyze`` on hostile text: whatever the input, analysis ends in a
report or a catalogue error, every span lies inside the text and equals it, and the report is
valid against the article schema (``sitrep.schema``).

``make test`` runs a bounded number of examples (profile ``sitrep-test``); ``make fuzz`` runs
the long profile ``sitrep-fuzz`` (SITREP_FUZZ_PROFILE) and, with SITREP_FUZZ_RECORD set to a
file, writes there how many cases ran, how they ended and how long it took.
"""

from __future__ import annotations

import os
import platform
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep import schema
from sitrep.errors import SitrepError
from sitrep.ingest.text import parse_text
from sitrep.model import ArticleReport, Span

settings.register_profile(
    "sitrep-test",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "sitrep-fuzz",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("SITREP_FUZZ_PROFILE", "sitrep-test")
RECORD = os.environ.get("SITREP_FUZZ_RECORD")
VALIDATOR = jsonschema.Draft202012Validator(schema.load("article"))

# Written for these tests: news-shaped sentences that reach every component (actors, places,
# times, events, attribution chains, hedges, denials, verification).
SENTENCES = (
    "Rebels said on Monday that they had captured the town of Goma.",
    "The army denied the report, according to state media.",
    "Hamas fighters reportedly fired rockets at Ashkelon late last month.",
    '"We will not withdraw," the defence minister told Interfax.',
    "Police in Kyiv arrested two men on 3 October 2023, officials said.",
    "The claim could not be independently verified by Reuters.",
    "Militants are believed to have attacked a convoy near Mosul, a local official said.",
    "According to a spokesman quoted by TASS, Russian forces shelled Kharkiv overnight.",
    "The United Nations questioned whether the ceasefire would hold.",
    "Witnesses said soldiers opened fire on protesters in the capital last week.",
)
# Characters that break naive text handling: bidi marks and overrides, joiners, BOM, control
# characters, line and paragraph separators, combining marks, emoji sequences, other scripts.
ODD = (
    "\u200f", "\u200e", "\u202e", "\u2066", "\u200d", "\u200b", "\u00ad", "\ufeff",
    "\x00", "\x07", "\x0b", "\x0c", "\r", "\r\n", "\x1b[31m", "\x85", "\u2028", "\u2029",
    "\u0301", "\u0640", "👩\u200d👩\u200d👧", "🇺🇦", "🙂", "\U0001f3f3\ufe0f\u200d\U0001f308",
    "עברית", "العربية", "Кривий Ріг", "中文", "ﬁ", "Ⅻ", "①",
)  # fmt: skip
QUOTES = ('"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "`")
LONG_UNITS = ("a", "Hamas", "9", "-", ".", "'", "\u201c", "🙂", "\u200d", "x.", "ab-")


def nested(depth: int, inner: str, quotes: list[str]) -> str:
    opening = "".join(quotes[i % len(quotes)] for i in range(depth))
    return opening + inner + opening[::-1]


pieces = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(ODD),
    st.sampled_from(QUOTES),
    st.text(max_size=40),
    st.builds(
        nested,
        st.integers(1, 50),
        st.sampled_from(SENTENCES),
        st.lists(st.sampled_from(QUOTES), min_size=1, max_size=4),
    ),
    st.builds(lambda n: "\n" * n, st.integers(1, 20)),
    st.builds(lambda key, value: f"{key}: {value}\n", st.sampled_from(("Title", "Source", "Date", "URL")), st.text(max_size=30)),
)  # fmt: skip
# 100k-character tokens are rare on purpose: each costs a second of analysis.
long_token = st.builds(
    lambda unit, n: unit * (n // len(unit)),
    st.sampled_from(LONG_UNITS),
    st.integers(1000, 100_000),
)
composed = st.builds(
    lambda parts, seps: "".join(p + s for p, s in zip(parts, seps, strict=False)),
    st.lists(pieces, max_size=14),
    st.lists(st.sampled_from((" ", "", "\n", "\n\n", "\t", " \u00a0 ")), min_size=14, max_size=14),
)
texts = st.one_of(
    composed,
    composed,
    composed,
    st.text(max_size=400),
    st.builds(lambda n: "\n" * n, st.integers(0, 50)),
    st.builds(lambda a, t, b: a + " " + t + " " + b, composed, long_token, composed),
)


def all_spans(report: ArticleReport) -> Iterator[tuple[str, Span]]:
    """Every span in a report, named by where it sits."""
    for actor in report.actors:
        for span in actor.mentions:
            yield f"actor {actor.id} mention", span
    for place in report.places:
        for span in place.mentions:
            yield f"place {place.id} mention", span
    for time_ref in report.times:
        yield f"time {time_ref.id}", time_ref.span
    for event in report.events:
        yield f"event {event.id} trigger", event.trigger
        yield f"event {event.id} evidence", event.evidence
        for span in event.mentions:
            yield f"event {event.id} mention", span
        for name in ("actor_span", "recipient_span"):
            if getattr(event, name) is not None:
                yield f"event {event.id} {name}", getattr(event, name)
    for claim in report.claims:
        for attribution in claim.attributions:
            yield f"claim {claim.id} cue", attribution.cue
            yield f"claim {claim.id} content", attribution.content
        for span in claim.hedges:
            yield f"claim {claim.id} hedge", span
        for verification in claim.verification:
            yield f"claim {claim.id} verification", verification.span
    for attribution in report.attributions:
        name = f"attribution {attribution.id}"
        yield f"{name} cue", attribution.cue
        yield f"{name} content", attribution.content
        for span in (*attribution.content_pieces, *attribution.hedges):
            yield f"{name} piece or hedge", span
        if attribution.source_span is not None:
            yield f"{name} source", attribution.source_span
        for verification in attribution.verification:
            yield f"{name} verification", verification.span
    for hedge in report.hedges:
        yield "hedge", hedge.span


OUTCOMES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def record(request):
    """With SITREP_FUZZ_RECORD set, writes the run's figures there once the module is done."""
    started = time.monotonic()
    yield
    if not RECORD:
        return
    elapsed = time.monotonic() - started
    cases = sum(OUTCOMES.values())
    outcomes = ", ".join(f"{name}: {count:,}" for name, count in sorted(OUTCOMES.items()))
    Path(RECORD).write_text(
        "\n".join(
            [
                "# Fuzzing `analyze`",
                "",
                "Written by `make fuzz` (tests/test_fuzz.py, hypothesis profile "
                f"`{PROFILE}`) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
                f"{os.cpu_count()} cores, Python {platform.python_version()}.",
                "",
                "| measurement | value |",
                "|---|---|",
                f"| cases run | {cases:,} |",
                f"| failing tests | {request.session.testsfailed} |",
                f"| outcomes | {outcomes} |",
                f"| time | {elapsed / 60:.1f} min |",
                "",
                "A case passes when analysis ends in a report or a catalogue error, every span "
                "lies inside article.text and equals its slice, and the report validates "
                "against the article schema (src/sitrep/schema/article.schema.json).",
                "",
            ]
        ),
        encoding="utf-8",
    )


@settings(settings.get_profile(PROFILE))
@given(text=texts)
def test_analyze_survives_hostile_text(analyzer, text):
    try:
        report = analyzer.analyze(parse_text(text, path="fuzz.txt"))
    except SitrepError as exc:
        assert exc.code.startswith("E0"), exc
        OUTCOMES[f"refused {exc.code}"] += 1
        return
    article = report.article
    assert article.text == text
    for where, span in all_spans(report):
        assert 0 <= span.start <= span.end <= len(text), (where, span)
        assert text[span.start : span.end] == span.text, (where, span)
    errors = sorted(VALIDATOR.iter_errors(report.to_dict()), key=str)
    assert not errors, errors[0].message
    OUTCOMES["analyzed"] += 1
