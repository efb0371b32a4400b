"""The claim board (no browser): claims grouped by status, low-confidence ones folded, every
report linked to its own quote, and each claim's provenance in the order it spread."""

from __future__ import annotations

from sitrep.link.records import StoryAttribution, StoryClaim
from sitrep.model import Via
from sitrep.web.board import LOW_CONFIDENCE, PROVENANCE_STEPS, STATUS_ORDER, board, board_row


def report(article, attribution, stance="asserts", source="Ministry", via=(), claim="c1"):
    return StoryAttribution(
        article,
        claim,
        None,
        source,
        stance,
        tuple(Via(v) for v in via),
        False,
        f"actor:{source}",
        name=source,
        attribution=attribution,
    )


def story_claim(claim_id, status, attributions=(), confidence=0.9, steps=()):
    """A claim whose propagation lists ``steps``: (article, published, stances, through)."""
    outlets = [
        {"article": a, "outlet": f"Outlet {a}", "published": p, "stances": s, "through": t, "sources": []}
        for a, p, s, t in steps
    ]  # fmt: skip
    denial = next((o for o in outlets if "denies" in o["stances"]), None)
    propagation = {
        "first": outlets[0] if outlets else None,
        "outlets": outlets,
        "first_denial": denial,
        "days_to_first_denial": 1.5 if denial else None,
    }
    return StoryClaim(
        claim_id,
        f"text of {claim_id}",
        status,
        {"asserts": 1, "denies": 0, "questions": 0},
        tuple(attributions),
        confidence=confidence,
        reasons=f"{status}: because",
        propagation=propagation,
    )


def test_claims_are_grouped_by_status_contested_first_and_unsure_ones_folded():
    claims = [
        story_claim("k1", "single_source"),
        story_claim("k2", "disputed", confidence=LOW_CONFIDENCE - 0.1),
        story_claim("k3", "corroborated"),
        story_claim("k4", "disputed"),
        story_claim("k5", "unverified", confidence=LOW_CONFIDENCE),
    ]
    groups = board(claims)
    assert [g.status for g in groups] == ["disputed", "corroborated", "single_source", "unverified"]
    assert [g.status for g in groups] == [s for s in STATUS_ORDER if s != "denied"]
    disputed = groups[0]
    assert [r.claim.id for r in disputed.rows] == ["k4"]
    assert [r.claim.id for r in disputed.folded] == ["k2"] and disputed.folded[0].low_confidence
    # At the threshold the status is as likely right as wrong: shown, not folded.
    assert [r.claim.id for r in groups[-1].rows] == ["k5"]


def test_two_chains_in_one_article_claim_link_to_two_quotes():
    row = board_row(
        story_claim(
            "k1",
            "disputed",
            [
                report("art1", "a1", source="Ministry", via=["Interfax"]),
                report("art1", "a2", "denies", source="Rebels"),
                report("art2", "a4", source="Ministry", via=["Interfax"]),
            ],
        )
    )
    (ministry,) = row.by_stance["asserts"]
    (rebels,) = row.by_stance["denies"]
    assert [q.href for q in ministry.quotes] == [
        "/articles/art1#a1-quote",
        "/articles/art2#a4-quote",
    ]
    assert [q.href for q in rebels.quotes] == ["/articles/art1#a2-quote"]
    assert row.by_stance["questions"] == []


def test_a_report_stored_before_attributions_had_ids_links_to_its_claim():
    row = board_row(story_claim("k1", "single_source", [report("art/1", "", claim="c2")]))
    assert row.by_stance["asserts"][0].quotes[0].href == "/articles/art%2F1#claim-c2"


def test_provenance_follows_the_propagation_with_each_articles_own_quotes():
    attributions = [
        report("art2", "a3", "denies", source="Army"),
        report("art1", "a1", source="Residents"),
        report("art1", "a2", source="Medics"),
        report("art3", "a1", source="Residents", via=["AFP"]),
    ]
    steps = [
        ("art1", "2024-03-04", ["asserts"], []),
        ("art3", "2024-03-04", ["asserts"], ["AFP"]),
        ("art2", "2024-03-05", ["denies"], []),
    ]
    row = board_row(story_claim("k1", "disputed", attributions, steps=steps))
    provenance = row.provenance
    assert [s.article for s in provenance] == ["art1", "art3", "art2"]
    assert [(s.first, s.first_denial) for s in provenance] == [
        (True, False),
        (False, False),
        (False, True),
    ]
    assert [(stance, who, q.href) for stance, who, q in provenance[0].reports] == [
        ("asserts", "Residents", "/articles/art1#a1-quote"),
        ("asserts", "Medics", "/articles/art1#a2-quote"),
    ]
    assert provenance[1].through == ("AFP",)
    assert provenance[2].reports[0][2].href == "/articles/art2#a3-quote"
    assert row.days_to_denial == 1.5 and row.more == 0 and row.articles == 3


def test_a_long_provenance_is_cut_but_keeps_its_first_denial():
    count = PROVENANCE_STEPS + 5
    steps = [(f"art{i}", f"2024-03-{i + 1:02d}", ["asserts"], []) for i in range(count)]
    steps[-1] = (f"art{count - 1}", "2024-03-28", ["denies"], [])
    attributions = [report(f"art{i}", "a1") for i in range(count)]
    row = board_row(story_claim("k1", "disputed", attributions, steps=steps))
    assert len(row.provenance) == PROVENANCE_STEPS + 1
    assert row.provenance[-1].first_denial and row.provenance[-1].article == f"art{count - 1}"
    assert row.more == 4 and row.articles == count
