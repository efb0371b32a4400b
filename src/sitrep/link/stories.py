"""Incremental story clustering: each arriving article joins the most similar active story, or
starts one. Nothing is recomputed over past articles, and the same input order gives the same
stories.

An article is a TF-IDF vector over the stems of its content words plus its actors (``a:``) and
places (``p:``), which weigh double: two reports of one event share names and places even when
their wording differs. States (countries, governments, armed forces) and the media are not
among those entities: they figure in reports of every event in a country, so as entities they
would join unrelated events there; the words that name them still count. A story is the sum of its members' vectors (its centroid, truncated to
its strongest terms). Candidates come from an inverted index of each active story's strongest
terms; similarity is the cosine between article and centroid. A story is a candidate only
while active (recently joined) and, when both carry dates, within ``window_days`` of the
article, unless the article is a follow-up: similar from ``FOLLOW_UP``, it joins whatever
the dates. An article that would start a new story joins one from ``RESTATED`` when one of its
claims restates one of the story's about one of its actors (a denial, months later, of what
the story alleged).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from sitrep.link.text import content_terms
from sitrep.model import Actor, ArticleReport

#: weight of an actor or place term relative to a word
ENTITY_WEIGHT = 2.0
#: strongest terms an article is represented by, a story centroid keeps, and the story is
#: found by in the candidate index
ARTICLE_TERMS = 60
CENTROID_TERMS = 100
INDEX_TERMS = 20
#: cosine from which an article joins a story
SAME_STORY = 0.12
#: cosine from which an article joins a story whatever the dates: a follow-up months later
#: (an inquiry's findings, a denial, a court case) names the event's own actors, places and
#: words, far more of them than a new event in the same country shares
FOLLOW_UP = 0.2
#: cosine from which an article joins a story, whatever the dates, when one of its claims
#: restates one of the story's about an actor of the event (a denial months later of what the
#: story alleged): the shared proposition stands for the other half of SAME_STORY's evidence
RESTATED = SAME_STORY / 2
#: actors and places that tell where and by whom events are reported, not which event: the
#: outlets and agencies that report it, and the states that are party to most events in a
#: country whatever the event (an army statement on one operation is not the story of another)
_CONTEXT_KINDS = frozenset({"media", "government", "military"})
_CONTEXT_FEATURES = frozenset({"country"})

Vector = dict[str, float]


def term_counts(report: ArticleReport) -> Counter[str]:
    """Terms of the article: content-word stems, and its actors and places (but states and the
    media) by mention count."""
    counts = Counter(content_terms(report.article.body))
    for actor in report.actors:
        if tells_event(actor):
            counts["a:" + actor.id] += len(actor.mentions)
    for place in report.places:
        if place.feature not in _CONTEXT_FEATURES:
            counts["p:" + place.id] += len(place.mentions)
    return counts


def tells_event(actor: Actor) -> bool:
    """Whether an actor tells which event a report is about: not the media nor a state."""
    return actor.kind not in _CONTEXT_KINDS


def weigh(counts: Mapping[str, int], df: Mapping[str, int], documents: int) -> Vector:
    """The unit-length TF-IDF vector of the article's strongest terms. ``df``: in how many of
    ``documents`` earlier articles each term occurs."""
    weights = {}
    for term, count in counts.items():
        idf = math.log((documents + 1) / (df.get(term, 0) + 1)) + 1.0
        weights[term] = (1.0 + math.log(count)) * idf * (ENTITY_WEIGHT if term[1:2] == ":" else 1.0)
    return normalized(_strongest(weights, ARTICLE_TERMS))


def normalized(vector: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def _strongest(vector: Mapping[str, float], limit: int) -> Vector:
    # Ties broken by term, so truncation is deterministic.
    return dict(sorted(vector.items(), key=lambda item: (-item[1], item[0]))[:limit])


def add_to_centroid(centroid: Mapping[str, float], vector: Mapping[str, float]) -> Vector:
    """The centroid sum with one more member, truncated to its strongest terms."""
    total = dict(centroid)
    for term, weight in vector.items():
        total[term] = total.get(term, 0.0) + weight
    return _strongest(total, CENTROID_TERMS)


def index_terms(centroid: Mapping[str, float]) -> list[str]:
    """The terms a story is found by: its centroid's strongest."""
    return list(_strongest(centroid, INDEX_TERMS))


def candidates(
    vector: Mapping[str, float], postings: Iterable[tuple[str, str]], limit: int
) -> list[str]:
    """Stories sharing index terms with the article ((story, term) rows), by the article's
    weight on those terms, best first, ties by story id; at most ``limit``."""
    totals: dict[str, float] = {}
    for story, term in postings:
        totals[story] = totals.get(story, 0.0) + vector.get(term, 0.0)
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return [story for story, _ in ranked[:limit]]


def cosine(vector: Mapping[str, float], centroid: Mapping[str, float]) -> float:
    """Cosine of a unit-length article vector with a (summed) centroid."""
    norm = math.sqrt(sum(w * w for w in centroid.values()))
    if not norm:
        return 0.0
    return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / norm


def in_window(
    published: str | None, first_seen: str | None, last_seen: str | None, days: int
) -> bool:
    """Whether an article dated ``published`` may belong to a story seen between the two
    dates; undated articles and stories fit any window."""
    when = day(published)
    first, last = day(first_seen), day(last_seen)
    if when is None or first is None or last is None:
        return True
    return (first - when).days <= days and (when - last).days <= days


def day(value: str | None) -> date | None:
    """The calendar date of an ISO date or datetime string."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
