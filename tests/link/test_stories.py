"""Story clustering: vectors, centroids, windows, and incremental linking in the store."""

import json
import math
from collections import Counter

import pytest
from sqlalchemy import func, select

from sitrep.link import LinkSettings, link_report, list_stories
from sitrep.link.stories import (
    CENTROID_TERMS,
    FOLLOW_UP,
    INDEX_TERMS,
    RESTATED,
    add_to_centroid,
    candidates,
    cosine,
    in_window,
    index_terms,
    normalized,
    term_counts,
    weigh,
)
from sitrep.model import Actor, ArticleReport, Place, Span
from sitrep.store import Store
from sitrep.store import tables as t

from .builders import (
    ELECTION,
    ELECTION_FOLLOWUP,
    FLOOD,
    FLOOD_FOLLOWUP,
    FLOOD_REPRINT,
    MARKETS,
    claim,
    make_report,
)


def test_terms_are_word_stems_plus_actors_and_places_but_not_media_or_states():
    text = "Title\nReuters said the Veldan army and the Red Lynx militia fought in Tarnova, Veldia."
    mention = Span(0, 5, "Title")
    report = make_report(
        text,
        actors=(
            Actor("reuters", "Reuters", "media", None, (mention,)),
            Actor("army", "Veldan army", "military", None, (mention,)),
            Actor("gov", "Veldan government", "government", None, (mention,)),
            Actor("lynx", "Red Lynx", "armed_group", None, (mention, mention)),
        ),
        places=(
            Place("geo:1", "Tarnova", 1.0, 2.0, None, "city", 1, (mention,)),
            Place("geo:2", "Veldia", 1.0, 2.0, None, "country", 1, (mention,)),
        ),
    )
    counts = term_counts(report)
    assert counts["tarnova"] == 1 and counts["fought"] == 1 and counts["militia"] == 1
    assert counts["a:lynx"] == 2 and counts["p:geo:1"] == 1
    # the names of the media and of states count as words, never as entities
    assert counts["reuter"] == 1 and counts["veldan"] == 1 and counts["veldia"] == 1
    assert not {"a:reuters", "a:army", "a:gov", "p:geo:2"} & set(counts)
    assert "the" not in counts and "and" not in counts


def test_weights_favour_rare_terms_and_vectors_have_unit_length():
    vector = weigh(Counter({"flood": 3, "said": 3, "a:gov": 1}), {"said": 99, "flood": 2}, 100)
    assert math.isclose(sum(w * w for w in vector.values()), 1.0)
    assert vector["flood"] > vector["said"]
    assert vector["a:gov"] > vector["said"]


def test_centroid_keeps_its_strongest_terms():
    big = {f"t{i}": float(i) for i in range(CENTROID_TERMS + 50)}
    centroid = add_to_centroid(big, {"t0": 1000.0})
    assert len(centroid) == CENTROID_TERMS and centroid["t0"] == 1000.0
    assert math.isclose(sum(w * w for w in normalized({"a": 3.0, "b": 4.0}).values()), 1.0)


def test_candidates_rank_stories_by_shared_index_terms_then_id():
    vector = {"a": 0.5, "b": 0.3, "c": 0.1}
    postings = [("s3", "a"), ("s2", "a"), ("s1", "b"), ("s1", "c"), ("s4", "c")]
    assert candidates(vector, postings, 3) == ["s2", "s3", "s1"]


def test_cosine_with_a_summed_centroid_and_its_index_terms():
    vector = normalized({"a": 1.0, "b": 1.0})
    assert math.isclose(cosine(vector, {"a": 2.0, "b": 2.0}), 1.0)
    assert cosine(vector, {"c": 5.0}) == 0.0 and cosine(vector, {}) == 0.0
    centroid = {f"t{i}": float(i) for i in range(50)}
    assert index_terms(centroid) == [f"t{i}" for i in range(49, 49 - INDEX_TERMS, -1)]


def test_time_window():
    assert in_window("2025-05-10", "2025-05-01", "2025-05-04", 7)
    assert not in_window("2025-06-10", "2025-05-01", "2025-05-04", 7)
    assert not in_window("2025-04-01", "2025-05-01", "2025-05-04", 7)
    assert in_window(None, "2025-05-01", "2025-05-04", 7)
    assert in_window("2025-06-10T10:00:00", None, None, 7)


def _link_all(store, reports, settings=None):
    out = []
    for report in reports:
        store.add(report)
        out.append(link_report(store, report, settings))
    return out


def test_articles_on_one_event_form_one_story_and_others_their_own(store_url):
    reports = [
        make_report(FLOOD, outlet="Wire", published="2025-05-04"),
        make_report(ELECTION, outlet="Capital Post", published="2025-05-04"),
        make_report(FLOOD_FOLLOWUP, outlet="Valley News", published="2025-05-05"),
        make_report(MARKETS, outlet="Metals Desk", published="2025-05-05"),
        make_report(ELECTION_FOLLOWUP, outlet="Kestria Times", published="2025-05-05"),
        make_report(FLOOD_REPRINT, outlet="Daily Two", published="2025-05-05"),
    ]
    with Store(store_url) as store:
        linked = _link_all(store, reports)
        flood, election, followup, markets, election2, reprint = (x.story_id for x in linked)
        assert flood == followup == reprint == "s-" + reports[0].article.id
        assert election == election2 != flood
        assert markets not in (flood, election)
        stories = {s.id: s for s in list_stories(store)}
        assert [s.id for s in list_stories(store)] == [flood, election, markets]
        assert stories[flood].title == reports[0].article.title
        assert (stories[flood].first_seen, stories[flood].last_seen) == ("2025-05-04", "2025-05-05")
        assert len(stories[flood].articles) == 3 and stories[flood].origins == 2


def test_same_input_order_gives_the_same_stories(tmp_path):
    reports = [
        make_report(b) for b in (FLOOD, ELECTION, FLOOD_FOLLOWUP, MARKETS, ELECTION_FOLLOWUP)
    ]
    runs = []
    for name in ("a", "b"):
        with Store(f"sqlite:///{tmp_path / name}.db") as store:
            _link_all(store, reports)
            runs.append(json.dumps([s.to_dict() for s in list_stories(store)], sort_keys=True))
    assert runs[0] == runs[1]


def test_title_is_the_earliest_articles(store_url):
    later = make_report(FLOOD, published="2025-05-06")
    earlier = make_report(FLOOD_FOLLOWUP, published="2025-05-02")
    with Store(store_url) as store:
        _link_all(store, [later, earlier])
        [story] = list_stories(store)
        assert story.title == earlier.article.title and story.id == "s-" + later.article.id


# Another flood of the same river a year later: some words in common (cosine about 0.13 with
# FLOOD), far fewer than a follow-up on the same flood shares.
FLOOD_NEXT_SPRING = """Spring rain swamps fields near Ostrel
Heavy spring rain pushed a stream over its banks near Ostrel on Thursday, soaking farmland and a dozen cellars, the fire brigade said.
No one was hurt, and firefighters pumped out cellars through the night.
Farmers said the fields would not be ready for sowing until May, and asked for compensation."""


def test_a_dated_article_far_outside_the_story_window_starts_a_new_story(store_url):
    with Store(store_url) as store:
        first, late = _link_all(
            store,
            [
                make_report(FLOOD, published="2025-05-04"),
                make_report(FLOOD_NEXT_SPRING, published="2026-04-01"),
            ],
        )
        assert first.story_id != late.story_id


@pytest.mark.parametrize(("follow_up", "joins"), [(FOLLOW_UP, True), (1.01, False)])
def test_a_follow_up_months_later_joins_its_story(store_url, follow_up, joins):
    # the same flood's toll, places and officials: cosine above FOLLOW_UP, whatever the dates
    with Store(store_url) as store:
        first, late = _link_all(
            store,
            [
                make_report(FLOOD, published="2025-05-04"),
                make_report(FLOOD_FOLLOWUP, published="2025-08-01"),
            ],
            LinkSettings(follow_up=follow_up),
        )
        assert (first.story_id == late.story_id) is joins


def test_old_stories_age_out_of_the_candidate_set(store_url):
    settings = LinkSettings(story_window=2, copy_window=2, age_every=1)
    reports = [
        make_report(FLOOD),
        make_report(ELECTION),
        make_report(MARKETS),
        make_report(FLOOD_FOLLOWUP),
    ]
    with Store(store_url) as store:
        linked = _link_all(store, reports, settings)
        # the flood story was last joined three articles ago: no longer a candidate
        assert linked[3].story_id != linked[0].story_id
        with store.engine.connect() as conn:
            active = (
                conn.execute(select(t.stories.c.id).where(t.stories.c.active.is_(True)))
                .scalars()
                .all()
            )
            indexed = set(conn.execute(select(t.story_terms.c.story_id)).scalars())
            units_from = conn.execute(select(func.min(t.copy_units.c.seq))).scalar_one()
            banded = set(conn.execute(select(t.copy_bands.c.article_id)).scalars())
        assert linked[0].story_id not in active and indexed == set(active)
        # the copy index keeps the text an article is compared with: the two linked before it
        assert units_from == 2 and banded == {r.article.id for r in reports[1:]}


# A dam blown up, and months later a denial that repeats little of the first report's wording:
# what it shares with the story is the proposition about the same dam.
DAM_BLAST = """Blast destroys Ostrel dam, officials blame border militia
An explosion destroyed the Ostrel dam on the Velka river early on Friday, flooding farmland downstream, regional officials said.
Officials said the Dravka militia blew up the Ostrel dam to slow the advance of government troops, and that engineers had found traces of explosives at the site.
Hundreds of families were moved to schools in nearby towns as water spread across the valley."""
DAM_DENIAL = """Hill commander speaks at rally as inquiry drags on
The commander of the hill fighters said on Monday that his men did not blow up the Ostrel dam, calling the accusation an attempt to turn villagers against his fighters.
He spoke at a rally in the hills, where supporters waved flags and chanted slogans.
A parliamentary inquiry has yet to publish its findings."""
# ... and, as late, a blast at another dam of the river, blamed on others.
OTHER_DAM = """Explosion damages Kresna dam on the Velka
An explosion damaged the Kresna dam on the Velka river on Saturday, police said.
Police said smugglers blew up part of the Kresna dam to open a crossing, and that no one was hurt."""


def _dam_report(text: str, published: str, dam: str, content: str, stance: str) -> ArticleReport:
    name = dam.removeprefix("fac_").title() + " dam"
    mentions = tuple(
        Span(at, at + len(name), name) for at in range(len(text)) if text.startswith(name, at)
    )
    return make_report(
        text,
        published=published,
        actors=(Actor(dam, name, "facility", None, mentions),),
        claims=(claim(text, "c1", content, None, "officials", stance, "said"),),
    )


@pytest.mark.parametrize(("restated", "joins"), [(RESTATED, True), (1.01, False)])
def test_a_late_article_restating_a_claim_about_the_storys_actor_joins_it(
    store_url, restated, joins
):
    blast = _dam_report(
        DAM_BLAST,
        "2025-05-02",
        "fac_ostrel",
        "the Dravka militia blew up the Ostrel dam",
        "asserts",
    )
    denial = _dam_report(
        DAM_DENIAL, "2025-09-15", "fac_ostrel", "his men did not blow up the Ostrel dam", "denies"
    )
    other = _dam_report(
        OTHER_DAM, "2025-09-20", "fac_kresna", "smugglers blew up part of the Kresna dam", "asserts"
    )
    with Store(store_url) as store:
        first, late, elsewhere = _link_all(
            store, [blast, denial, other], LinkSettings(restated=restated)
        )
        assert (first.story_id == late.story_id) is joins
        # the same predicate about another dam is another event
        assert elsewhere.story_id not in (first.story_id, late.story_id)
