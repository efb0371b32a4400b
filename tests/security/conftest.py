"""A store holding one hostile article (markup, script, formula and javascript: payloads in
its title, outlet, URL, text, event roles and evidence), linked into a story, and an app
over it."""

from __future__ import annotations

import dataclasses

import pytest
import spacy

from sitrep.analyzer import Analyzer
from sitrep.link import link_report
from sitrep.model import ArticleReport, Event, Span
from sitrep.nlp.doc import register_extensions
from sitrep.settings import Settings
from sitrep.store import Store

from ..api.reports import make_report

TOKEN = "security-test-token"
TITLE = '<script>alert(\'title\')</script>=HYPERLINK("http://evil.example","x")'
OUTLET = "=cmd|' /C calc'!A0 <img src=x onerror=alert(2)>"
URL = 'javascript:alert(document.cookie)//"><script>alert(7)</script>'
BODY = (
    "Hamas said <script>alert(3)</script> fighters attacked +SUM(1+1) near Gaza on Monday. "
    "@SUM(2+2) -2+3 <img src=x onerror=alert(4)> </textarea></title><svg onload=alert(5)> "
    "Hamas said the claim was false."
)
HOSTILE_TEXT = f"Title: {TITLE}\nOutlet: {OUTLET}\nURL: {URL}\nDate: 2024-03-04\n\n{BODY}"
#: Fragments that would run in a browser if a page carried them unescaped.
ACTIVE = ("<script>alert", "<img src=x", "<svg onload", "</textarea>", "</title><svg")


def hostile_report() -> ArticleReport:
    """The hostile article with two events whose roles and evidence start with formula
    characters, at Gaza, so every export has rows to write."""
    report = make_report(HOSTILE_TEXT)
    text = report.article.text

    def span(fragment: str, end: str | None = None) -> Span:
        start = text.index(fragment)
        stop = text.index(end, start) + len(end) if end else start + len(fragment)
        return Span(start, stop, text[start:stop])

    attack = Event(
        "e1",
        "ASSAULT",
        span("attacked"),
        span("Hamas said <script>", "Monday."),
        actor="hamas",
        place="geo:281133",
        actor_span=span("Hamas"),
        recipient_span=span("+SUM(1+1)"),
    )
    second = Event(
        "e2", "ASSAULT", span("attacked"), span("@SUM(2+2)", "alert(5)>"), place="geo:281133"
    )
    return dataclasses.replace(report, events=(attack, second))


@pytest.fixture(scope="session")
def blank_analyzer():
    register_extensions()
    return Analyzer(Settings(), nlp=spacy.blank("en"))


@pytest.fixture()
def hostile_store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'hostile.db'}") as store:
        report = hostile_report()
        store.add(report)
        link_report(store, report)
        yield store
