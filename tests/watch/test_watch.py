"""`sitrep watch` against a local news site whose feed changes between polls: new items are
ingested once, unchanged feeds answer 304, alerts fire exactly once, a 500 or a stalled answer
is retried with backoff, a watch stopped mid-poll loses and duplicates nothing, and the fetch
guard still refuses private addresses.

The site listens on 127.0.0.1, which the fetch guard refuses; as in tests/api/test_fetch.py
the tests reach it through the Fetcher's seams (a resolver answering a public address, a
transport that connects to the local port), so every address check still runs."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from sitrep.api.fetch import Fetcher
from sitrep.cli import main
from sitrep.errors import SitrepError
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.watch import Backoff, Watcher, parse_interval, reconcile

from ..loopback import PUBLIC, ToLoopback
from .site import CastAnalyzer, Crash, Site, SiteServer, rss

FEED = "http://news.example/feed.xml"
#: Retries that wait 0.01 s, then 0.02 s (the tests record the waits instead of sleeping).
QUICK = Backoff(tries=3, first=0.01)


@pytest.fixture()
def site():
    site = Site()
    server = SiteServer(site)
    site.port = server.port
    yield site
    server.close()


@pytest.fixture()
def store(store_url):
    with Store(store_url) as store:
        yield store


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def watcher(
    store, site, analyzer=None, settings=None, backoff=QUICK, sources=(FEED,), **seams
) -> Watcher:
    """A watch of ``sources`` on the local site; waits are recorded in ``watcher.waits``."""
    waits: list[float] = []
    fetcher = Fetcher(
        1_000_000, resolver=lambda host: [PUBLIC], transport=ToLoopback(site.port), deadline=0.5
    )
    made = Watcher(
        store,
        analyzer or CastAnalyzer(),
        list(sources),
        settings or Settings(),
        fetcher=fetcher,
        backoff=backoff,
        sleep=waits.append,
        **seams,
    )
    made.waits = waits
    return made


def alerts(store) -> list[tuple[str, str]]:
    """(kind, title) of every alert, oldest first."""
    return [(a.kind, a.title) for a in reversed(store.alerts(limit=500))]


def test_new_items_are_ingested_once_and_an_unchanged_feed_is_not_fetched_again(store, site):
    site.publish("/feed.xml", rss("water"))
    analyzer = CastAnalyzer()
    watch = watcher(store, site, analyzer)
    first = watch.poll()
    assert (first.sources, first.added, first.existing, first.failed) == (1, 1, 0, 0)

    again = watch.poll()
    assert (again.not_modified, again.added) == (1, 0)
    fetched, conditional = site.seen("/feed.xml")
    assert fetched.if_none_match is None and fetched.answered == 200
    etag = site.documents["/feed.xml"].etag
    assert conditional.if_none_match == etag and conditional.answered == 304
    assert conditional.if_modified_since == site.documents["/feed.xml"].last_modified

    site.publish("/feed.xml", rss("denial", "water", "talks"))
    changed = watch.poll()
    # The item seen before is not even analyzed again: only the two new ones are.
    assert (changed.added, changed.existing) == (2, 0)
    assert len(analyzer.analyzed) == len(set(analyzer.analyzed)) == 3
    assert store.count() == 3
    titles = {row.title for row in store.articles()}
    assert titles == {
        "Water station attacked near Kukawa",
        "Army denies water cut in Kukawa",
        "Talks in Moscow to resume",
    }
    assert {row.url for row in store.articles()} == {
        "https://news.example/water",
        "https://news.example/denial",
        "https://news.example/talks",
    }


PAGE = (
    "<html><head><title>Convoy reaches Gaza</title></head><body><article>"
    "<h1>Convoy reaches Gaza</h1><p>An aid convoy of forty lorries reached Gaza on Thursday "
    "after waiting three days at the crossing, aid workers said.</p><p>WHO said the convoy "
    "carried medicine for hospitals in the north of Gaza.</p></article></body></html>"
)


def test_a_watched_page_is_stored_with_its_url_and_a_bad_feed_is_a_failed_source(store, site):
    site.publish("/convoy.html", PAGE.encode(), media_type="text/html")
    site.publish("/broken.xml", b"<rss><channel><title>Empty</title></channel></rss>")
    page, broken = "http://news.example/convoy.html", "http://news.example/broken.xml"
    watch = watcher(store, site, sources=(page, broken))
    summary = watch.poll()
    assert (summary.sources, summary.added, summary.failed_sources) == (2, 1, 1)
    assert "E011" in summary.errors[0] and broken in summary.errors[0]
    [row] = store.articles()
    assert row.url == page and row.title == "Convoy reaches Gaza"
    # A document that cannot be read is not fetched again in the same poll: it is no
    # network failure.
    assert len(site.seen("/broken.xml")) == 1


def test_alerts_fire_exactly_once(store, site):
    with store.watching() as watching:
        watching.add_watch("actor", "Hamas")
    site.publish("/feed.xml", rss("water"))
    watch = watcher(store, site)
    assert watch.poll().alerts == 1
    assert alerts(store) == [("story", "New story: Water station attacked near Kukawa")]

    # A denial of the residents' claim appears, and an unrelated story naming Hamas.
    site.publish("/feed.xml", rss("denial", "water", "talks"))
    assert watch.poll().alerts == 3
    claim = "the attack cut off water to thousands of homes around Kukawa"
    assert alerts(store)[1:] == [
        ("story", "New story: Talks in Moscow to resume"),
        ("status", f"Claim now disputed (was single source): {claim}"),
        ("watched", "New claim about Hamas: talks in Moscow would resume on Friday"),
    ]
    status = store.alerts(kind="status")[0]
    water_story = store.alerts(kind="story")[-1].story_id
    assert status.story_id == water_story and status.claim_id.startswith(water_story)
    assert status.detail == {"from": "single_source", "to": "disputed", "text": claim}
    watched = store.alerts(kind="watched")[0]
    assert watched.detail["watch"]["name"] == "Hamas" and watched.article_id

    # Nothing new: no poll, reconcile or restarted watch alerts again.
    assert watch.poll().alerts == 0
    assert reconcile(store) == 0
    with Store(store.url) as again:
        assert watcher(again, site).poll().alerts == 0
    assert len(alerts(store)) == 4


def test_a_500_and_a_stalled_answer_are_retried_with_backoff(store, site):
    site.publish("/feed.xml", rss("water"))
    site.fail("/feed.xml", "500", "stall")
    watch = watcher(store, site)
    summary = watch.poll()
    assert (summary.failed_sources, summary.added) == (0, 1)
    assert len(site.seen("/feed.xml")) == 3 and site.faults["/feed.xml"] == []
    assert watch.waits == [0.01, 0.02]


def test_a_source_failing_every_try_waits_longer_before_its_next_poll(store, site):
    site.publish("/feed.xml", rss("water"))
    site.fail("/feed.xml", "500", "500", "500", "500")
    clock = Clock()
    backoff = Backoff(tries=2, first=10.0)
    watch = watcher(store, site, clock=clock, backoff=backoff)
    failed = watch.poll()
    assert failed.failed_sources == 1 and "E054" in failed.errors[0]
    assert "HTTP 500" in failed.errors[0] and watch.waits == [10.0]
    with store.watching() as watching:
        state = watching.source(FEED)
    # Two tries waited 10 s between them; the next poll waits the step after: 40 s.
    assert state.failures == 1 and "HTTP 500" in state.last_error
    assert datetime.fromisoformat(state.next_at) == clock.now + timedelta(seconds=40)

    clock.now += timedelta(seconds=39)
    assert watch.poll().waiting == 1
    assert len(site.seen("/feed.xml")) == 2

    # Failing again, it waits one step longer (80 s).
    clock.now += timedelta(seconds=2)
    assert watch.poll().failed_sources == 1
    with store.watching() as watching:
        state = watching.source(FEED)
    assert state.failures == 2
    assert datetime.fromisoformat(state.next_at) == clock.now + timedelta(seconds=80)

    clock.now += timedelta(seconds=81)
    recovered = watch.poll()
    assert (recovered.failed_sources, recovered.added) == (0, 1)
    with store.watching() as watching:
        assert watching.source(FEED).failures == 0


def test_run_polls_at_the_interval_from_the_start_of_each_poll(store, site):
    site.publish("/feed.xml", rss("water"))
    watch = watcher(store, site)
    seen = []
    watch.run(900.0, on_poll=seen.append, polls=3)
    assert [(s.added, s.not_modified) for s in seen] == [(1, 0), (0, 1), (0, 1)]
    # Two waits between three polls, each the interval less the time the poll took.
    assert len(watch.waits) == 2 and all(890.0 < wait < 900.0 for wait in watch.waits)


def test_a_watch_stopped_mid_poll_loses_and_duplicates_nothing(store, site):
    site.publish("/feed.xml", rss("water"))
    watcher(store, site).poll()
    first_etag = site.documents["/feed.xml"].etag

    site.publish("/feed.xml", rss("denial", "water", "talks"))
    with pytest.raises(Crash):
        watcher(store, site, CastAnalyzer(crash_after=1)).poll()
    # The denial was stored before the stop; the poll's state was not saved.
    assert store.count() == 2
    with store.watching() as watching:
        assert watching.source(FEED).etag == first_etag

    with Store(store.url) as restarted:
        analyzer = CastAnalyzer()
        summary = watcher(restarted, site, analyzer).poll()
        assert (summary.added, summary.existing) == (1, 1)
        assert len(analyzer.analyzed) == 1
        assert restarted.count() == 3
        assert sorted(kind for kind, _ in alerts(restarted)) == [
            "status",
            "story",
            "story",
        ]
        assert watcher(restarted, site).poll().alerts == 0
        assert len(alerts(restarted)) == 3


def test_private_addresses_are_refused_and_never_contacted(store, site):
    site.publish("/feed.xml", rss("water"))
    local = [f"http://127.0.0.1:{site.port}/feed.xml", f"http://localhost:{site.port}/feed.xml"]
    # The real fetcher: no seam lets the loopback server through.
    watch = Watcher(store, CastAnalyzer(), local, Settings(), backoff=QUICK, sleep=lambda s: None)
    summary = watch.poll()
    assert summary.failed_sources == 2 and all("E053" in e for e in summary.errors)
    assert site.requests == [] and store.count() == 0


def test_the_cli_polls_once_and_reports_a_refused_address(tmp_path, site):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(
        main, ["watch", "--once", "--db", db, f"http://127.0.0.1:{site.port}/feed.xml"]
    )
    assert result.exit_code == 1
    assert "E053" in result.stderr and "loopback" in result.stderr
    assert "polled 1 (0 unchanged, 0 waiting to retry, 1 failed)" in result.stderr
    assert site.requests == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--every", "0", FEED], "--every"),
        (["--every", "soon", FEED], "--every"),
        (["file:///etc/passwd"], "not an http(s) URL"),
    ],
)
def test_the_cli_refuses_bad_options_up_front(tmp_path, args, expected):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(main, ["watch", "--once", "--db", db, *args])
    assert result.exit_code == 1 and "E021" in result.stderr and expected in result.stderr


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("30s", 30), ("2h", 7200), ("1d", 86400), ("90", 90)]
)
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "0m", "-5m", "15 minutes", "m"])
def test_bad_intervals(text):
    with pytest.raises(SitrepError) as info:
        parse_interval(text)
    assert info.value.code == "E021"


# -- the webhook ----------------------------------------------------------------------------


class Hook:
    """A webhook on 127.0.0.1 that records each POSTed alert and answers with the next of
    ``statuses`` (then 204)."""

    def __init__(self, statuses: list[int]) -> None:
        self.received: list[dict] = []
        self.statuses = statuses
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.received.append(json.loads(body))
                self.send_response(hook.statuses.pop(0) if hook.statuses else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_each_alert_is_posted_to_the_webhook_until_it_is_accepted(store, site):
    hook = Hook([500])
    try:
        site.publish("/feed.xml", rss("water"))
        watch = watcher(store, site, settings=Settings(webhook_url=hook.url))
        first = watch.poll()
        assert (first.alerts, first.delivered) == (1, 0)
        second = watch.poll()
        assert (second.alerts, second.delivered) == (0, 1)
        assert watch.poll().delivered == 0
        site.publish("/feed.xml", rss("talks", "water"))
        assert watch.poll().delivered == 1
    finally:
        hook.close()
    kinds = [(a["kind"], a["title"]) for a in hook.received]
    assert kinds == [
        ("story", "New story: Water station attacked near Kukawa"),
        ("story", "New story: Water station attacked near Kukawa"),
        ("story", "New story: Talks in Moscow to resume"),
    ]
    assert hook.received[0] == hook.received[1] == store.alerts(kind="story")[-1].to_dict()


@pytest.mark.slow
def test_with_the_real_pipeline_a_denial_makes_the_claim_disputed_once(tmp_path, site, analyzer):
    with Store(f"sqlite:///{tmp_path / 'real.db'}") as store:
        with store.watching() as watching:
            watching.add_watch("place", "kukawa")
        site.publish("/feed.xml", rss("water"))
        watch = watcher(store, site, analyzer)
        watch.poll()
        site.publish("/feed.xml", rss("denial", "water", "talks"))
        watch.poll()
        watch.poll()
        status = store.alerts(kind="status")
        assert [(a.detail["from"], a.detail["to"]) for a in status] == [
            ("single_source", "disputed")
        ]
        assert "cut off water to thousands of homes" in status[0].detail["text"]
        # Both articles claim something about Kukawa: each claim alerts once.
        watched = store.alerts(kind="watched")
        assert len(watched) == len({(a.article_id, a.title) for a in watched}) == 2
        assert len(store.alerts(kind="story")) == 2
