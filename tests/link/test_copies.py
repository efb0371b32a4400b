"""Copy detection: MinHash units, coverage, wire credits, and copy groups in the store."""

import pytest

from sitrep.ingest.text import parse_text
from sitrep.link import link_report, list_stories
from sitrep.link.copies import copy_units, is_copy, is_partial, overlap, wire_of
from sitrep.link.text import MAX_UNIT_WORDS, units
from sitrep.store import Store

from .builders import ELECTION, FLOOD, FLOOD_FOLLOWUP, FLOOD_PARTIAL, FLOOD_REPRINT, make_report


def units_of(body):
    return copy_units(parse_text(body))


def test_reprint_with_new_headline_and_edits_is_covered_by_the_original():
    shared = overlap(units_of(FLOOD_REPRINT), units_of(FLOOD))
    assert shared.coverage_a > 0.8  # all but the new headline
    assert 0.6 < shared.coverage_b < 1.0  # the original's last paragraph was dropped
    assert is_copy(shared.coverage_a, None, None)


def test_rewrite_of_the_same_event_is_not_a_copy():
    shared = overlap(units_of(FLOOD_FOLLOWUP), units_of(FLOOD))
    assert shared.coverage_a < 0.2
    assert not is_copy(shared.coverage_a, None, None)


def test_partial_reprint_is_caught_paragraph_by_paragraph():
    shared = overlap(units_of(FLOOD_PARTIAL), units_of(FLOOD))
    assert 0.2 < shared.coverage_a < 0.6
    assert not is_copy(shared.coverage_a, None, None) and is_partial(shared.shingles_a)


def test_unrelated_articles_share_nothing():
    assert overlap(units_of(ELECTION), units_of(FLOOD)).shingles_a == 0


def test_long_paragraphs_are_cut_into_units():
    wall = " ".join(FLOOD.splitlines()[1:] * 3)
    article = parse_text("Title\n" + wall)
    title, *pieces = units(article)
    # the one 393-word paragraph, cut at sentence ends into pieces of at most MAX_UNIT_WORDS
    assert title == "Title" and " ".join(pieces) == wall
    assert [len(p.split()) for p in pieces] == [75, 56, 75, 56, 75, 56]
    assert max(len(p.split()) for p in pieces) <= MAX_UNIT_WORDS
    assert [p[-1] for p in pieces] == ["."] * 6
    # every piece is long enough to compare; the one-word title is not
    assert [u.index for u in copy_units(article)] == [1, 2, 3, 4, 5, 6]


def test_same_wire_credit_needs_less_shared_text():
    assert not is_copy(0.5, None, None)
    assert not is_copy(0.5, "reuters", "afp")
    assert is_copy(0.5, "reuters", "reuters")


def test_wire_credits_in_datelines_signoffs_domains_and_outlets():
    def wire(body, **meta):
        return wire_of(parse_text(body, **meta))

    assert wire("Title\nTARNOVA (Reuters) - Flood waters rose on Sunday.") == "reuters"
    assert wire("Title\nTarnova (Kestria) (AFP) - Flood waters rose.\nMore text.") == "afp"
    assert wire("Title\nFlood waters rose on Sunday.\n\u2014 AFP") == "afp"
    assert (
        wire("Title\nWaters rose.\nCopyright 2025 The Associated Press. All rights reserved.")
        == "ap"
    )
    assert wire("Title\nWaters rose.\n(Reporting by Ana Lis; Editing by Tom Berg)") == "reuters"
    assert wire("Title\nA video shot by a resident, via Storyful, shows the bridge.") == "storyful"
    assert wire("Title\nWaters rose.", url="https://www.reuters.com/world/flood") == "reuters"
    assert wire("Title\nWaters rose.", outlet="Associated Press (via Local 7)") == "ap"
    # a wire mentioned as a source is no credit
    assert wire("Title\nReuters could not verify the video. Waters rose on Sunday.") is None


def test_copies_point_to_the_earliest_original(store_url):
    original = make_report(FLOOD, outlet="Wire One", published="2025-05-04")
    reprint = make_report(FLOOD_REPRINT, outlet="Daily Two", published="2025-05-05")
    partial = make_report(FLOOD_PARTIAL, outlet="Explainer", published="2025-05-05")
    with Store(store_url) as store:
        for report in (original, reprint, partial):
            store.add(report)
        assert link_report(store, original).copy_of is None
        linked = link_report(store, reprint)
        assert linked.copy_of == original.article.id
        assert linked.story_id == "s-" + original.article.id
        assert link_report(store, partial).reuses == (original.article.id,)
        [story] = [s for s in list_stories(store) if s.id == linked.story_id]
        by_id = {a.id: a for a in story.articles}
        assert by_id[reprint.article.id].copy_of == original.article.id
        assert by_id[partial.article.id].copy_of is None
        assert by_id[partial.article.id].reuses == (original.article.id,)
        # linking again changes nothing
        assert link_report(store, reprint) == type(linked)(
            reprint.article.id, linked.story_id, original.article.id
        )


def test_an_original_arriving_after_its_copies_becomes_their_original(store_url):
    original = make_report(FLOOD, published="2025-05-04")
    reprint = make_report(FLOOD_REPRINT, published="2025-05-05")
    second = make_report(
        FLOOD_REPRINT + "\nThe army said more engineers would arrive on Monday.",
        published="2025-05-06",
    )
    with Store(store_url) as store:
        for report in (reprint, second, original):
            store.add(report)
            link_report(store, report)
        articles = {a.id: a for s in list_stories(store) for a in s.articles}
        assert articles[original.article.id].copy_of is None
        assert articles[reprint.article.id].copy_of == original.article.id
        assert articles[second.article.id].copy_of == original.article.id
        members = {r.article.id for r in (reprint, second, original)}
        assert [{a.id for a in s.articles} for s in list_stories(store)] == [members]


def test_a_roundup_of_two_reports_does_not_chain_them_into_one_copy_group(store_url):
    # The roundup is mostly the flood report (a copy of it) with two election paragraphs; a
    # short election item is covered by the roundup too, but is a copy of the election report.
    flood, election = FLOOD.split("\n"), ELECTION.split("\n")
    roundup = make_report(
        "\n".join(["Weekend roundup", *flood[1:6], *election[1:3]]), published="2025-05-05"
    )
    item = make_report("\n".join(["Kestria votes", *election[1:3]]), published="2025-05-06")
    originals = [
        make_report(FLOOD, published="2025-05-04"),
        make_report(ELECTION, published="2025-05-04"),
    ]
    with Store(store_url) as store:
        for report in (*originals, roundup, item):
            store.add(report)
            link_report(store, report)
        articles = {a.id: a for s in list_stories(store) for a in s.articles}
    flood_id, election_id = (r.article.id for r in originals)
    assert articles[roundup.article.id].copy_of == flood_id
    assert articles[item.article.id].copy_of == election_id
    assert articles[flood_id].copy_of is None and articles[election_id].copy_of is None


# Page furniture a site wraps around a reprint: written for these tests.
FURNITURE = """Subscribe to our newsletter for the morning briefing, delivered before seven every weekday.
Photo caption: volunteers carry sandbags along a flooded street; the picture was supplied by a reader and has not been edited.
Read more: council approves budget for new library and swimming pool after a long debate over parking fees.
Read more: local football club signs goalkeeper from the second division on a two-year contract.
Advertisement. Cookies help us deliver our services; by using this site you agree to our use of cookies and similar tools.
Share this story on social media, or send it to a friend by email using the buttons below the article."""


def wrapped(body):
    title, text = body.split("\n", 1)
    first, rest = FURNITURE.split("\n", 1)
    return f"{title}\n{first}\n{text}\n{rest}"


def test_a_reprint_wrapped_in_page_furniture_is_a_copy():
    page, original = units_of(wrapped(FLOOD)), units_of(FLOOD)
    shared = overlap(page, original)
    # the original is held whole, but makes up less of the page than a plain copy needs
    assert shared.coverage_b > 0.9 and 0.5 < shared.coverage_a < 0.6
    assert not is_copy(shared.coverage_a, None, None)
    assert is_copy(shared.coverage_a, None, None, shared.coverage_b)


@pytest.mark.parametrize("published", ["2025-05-04", None])
def test_of_one_days_articles_the_one_held_whole_is_the_original(store_url, published):
    # the wrapping page arrives first, and both carry the same date (or none)
    page = make_report(wrapped(FLOOD), published=published)
    original = make_report(FLOOD, published=published)
    with Store(store_url) as store:
        for report in (page, original):
            store.add(report)
            link_report(store, report)
        articles = {a.id: a for s in list_stories(store) for a in s.articles}
        assert articles[page.article.id].copy_of == original.article.id
        assert articles[original.article.id].copy_of is None
