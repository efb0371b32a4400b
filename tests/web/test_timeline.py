"""Timelines from day counts (no store, no browser): buckets that grow with the span, empty
buckets kept so time runs evenly, what falls outside said so, and each claim placed where it
was first asserted and first denied."""

from __future__ import annotations

from datetime import date

from sitrep.link.records import Story, StoryArticle, StoryClaim
from sitrep.store.store import DayCounts
from sitrep.web.timeline import DAILY_UP_TO, WEEKLY_UP_TO, build, story_timeline


def article(article_id, published):
    return StoryArticle(article_id, None, "Outlet", published, None, None, None, None)


def claim(claim_id, *steps):
    """A story claim whose propagation lists ``steps``: (article, published, stances)."""
    outlets = [
        {
            "article": a,
            "outlet": "Outlet",
            "published": p,
            "stances": s,
            "through": [],
            "sources": [],
        }
        for a, p, s in steps
    ]
    denial = next((o for o in outlets if "denies" in o["stances"]), None)
    propagation = {"outlets": outlets, "first_denial": denial}
    return StoryClaim(claim_id, f"claim {claim_id}", "disputed", {}, (), propagation=propagation)


def series(timeline):
    return {s.key: s.counts for s in timeline.series}


def test_days_fill_every_bucket_between_the_first_and_the_last():
    counts = DayCounts(
        articles=[("2024-03-04T09:00:00+00:00", 2), ("2024-03-07", 1)],
        events=[("2024-03-05", "ASSAULT", 3), ("2024-03-07", "ASSAULT", 1), ("2024-03-07", "REJECT", 2)],
    )  # fmt: skip
    timeline = build(counts)
    assert timeline.bucket == "day"
    assert timeline.buckets == ["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07"]
    assert series(timeline) == {
        "articles": [2, 0, 0, 1],
        "events:ASSAULT": [0, 3, 0, 1],
        "events:REJECT": [0, 0, 0, 2],
    }
    # The bigger type first: it is the bottom of the stack and the first colour.
    assert [s.label for s in timeline.series] == ["Articles", "Assault", "Reject"]
    rows = timeline.rows()
    assert [(r["label"], r["articles"], r["events"]) for r in rows] == [
        ("2024-03-04", 2, 0),
        ("2024-03-05", 0, 3),
        ("2024-03-07", 1, 3),
    ]
    assert rows[2]["by_type"] == [("Assault", 1), ("Reject", 2)]


def test_longer_spans_are_drawn_by_week_then_by_month():
    weekly = build(DayCounts([("2024-01-03", 1), ("2024-06-30", 1)], []))
    assert weekly.bucket == "week"
    # Weeks start on Monday: 2024-01-03 is a Wednesday.
    assert weekly.buckets[0] == "2024-01-01" and weekly.buckets[-1] == "2024-06-24"
    assert sum(series(weekly)["articles"]) == 2
    monthly = build(DayCounts([("2020-11-15", 1), ("2024-02-29", 4)], []))
    assert monthly.bucket == "month"
    assert monthly.buckets[:3] == ["2020-11-01", "2020-12-01", "2021-01-01"]
    assert monthly.buckets[-1] == "2024-02-01" and len(monthly.buckets) == 40
    assert series(monthly)["articles"][-1] == 4
    assert monthly.rows()[0]["label"] == "2020-11"
    assert DAILY_UP_TO < WEEKLY_UP_TO


def test_undated_and_unreadable_days_are_counted_apart():
    timeline = build(DayCounts([(None, 2), ("2024-03-04", 1), ("last week", 1)], []))
    assert timeline.buckets == ["2024-03-04"]
    assert timeline.undated == {"articles": 3}
    assert timeline.outside() == [("undated", [("articles", 3)])]


def test_nothing_dated_is_an_empty_timeline():
    timeline = build(DayCounts([(None, 1)], []))
    assert timeline.empty and timeline.rows() == []


def test_a_story_spans_its_articles_and_counts_events_recalled_from_before_as_earlier():
    story = Story(
        "s-1",
        "Strike",
        "2024-03-04",
        "2024-03-06",
        (article("a", "2024-03-04"), article("b", "2024-03-05"), article("c", "2024-03-06")),
        (
            claim("c1", ("a", "2024-03-04", ["asserts"]), ("b", "2024-03-05", ["denies"])),
            claim("c2", ("c", None, ["asserts"]), ("b", "2024-03-05", ["asserts"])),
            claim("c3", ("c", "2024-03-06", ["denies"])),
        ),
    )
    counts = DayCounts(
        articles=[("2024-03-04", 1), ("2024-03-05", 1), ("2024-03-06", 1)],
        events=[("2019-05-01", "ASSAULT", 4), ("2024-03-05", "ASSAULT", 1), ("2024-04-01", "CONSULT", 1)],
    )  # fmt: skip
    timeline = story_timeline(counts, story)
    assert timeline.bucket == "day" and len(timeline.buckets) == 3
    assert timeline.earlier == {"events:ASSAULT": 4} and timeline.later == {"events:CONSULT": 1}
    assert series(timeline)["asserted"] == [1, 1, 0]
    assert series(timeline)["denied"] == [0, 1, 1]
    marks = {
        m.id: (m.asserted, m.denied, m.asserted_bucket, m.denied_bucket) for m in timeline.claims
    }
    assert marks == {
        "c1": ("2024-03-04", "2024-03-05", 0, 1),
        # The first dated assertion: the undated article comes after every dated one.
        "c2": ("2024-03-05", None, 1, None),
        "c3": (None, "2024-03-06", None, 2),
    }
    rows = {r["label"]: r for r in timeline.rows()}
    assert [c.id for c in rows["2024-03-05"]["asserted"]] == ["c2"]
    assert [c.id for c in rows["2024-03-05"]["denied"]] == ["c1"]
    assert ("dated before the first article", [("assault events", 4)]) in timeline.outside()


def test_a_storys_days_within_since_and_until():
    story = Story(
        "s-1", "Strike", None, None, (article("a", "2024-03-04"), article("b", "2024-03-09")), ()
    )
    counts = DayCounts([("2024-03-05", 0)], [])
    timeline = story_timeline(counts, story, since=date(2024, 3, 6))
    assert timeline.buckets[0] == "2024-03-06" and timeline.buckets[-1] == "2024-03-09"
    assert story_timeline(counts, story, since=date(2024, 4, 1)).empty


def test_the_json_form_carries_what_the_chart_draws():
    data = build(DayCounts([("2024-03-04", 1)], [("2024-03-04", "AID", 2)])).to_dict()
    assert data["bucket"] == "day" and data["buckets"] == ["2024-03-04"]
    assert data["series"] == [
        {"key": "articles", "label": "Articles", "counts": [1], "total": 1},
        {"key": "events:AID", "label": "Aid", "counts": [2], "total": 2},
    ]
    assert (data["undated"], data["earlier"], data["later"], data["claims"]) == ({}, {}, {}, [])
