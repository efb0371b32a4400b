"""Linking one article to the rest: copies, story, story claims and the story's summary, in
one transaction.

``add_report`` stores an article and links it in one transaction, so no reader ever sees it
stored but outside its story (every writer of sitrep adds through it); ``link_report`` links an
article stored already; ``link_pending`` links stored articles that were not linked yet (stored
by a bare ``Store.add`` or a sitrep before linking), in the order stored, and counts the
summaries of stories linked before summaries were stored. All read and write only through the
store, so any process that writes the store can link, with the same result for the same order.
Old stories and old copy units age out after ``LinkSettings`` windows counted in linked
articles, which bounds the candidate index whatever the store's size.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitrep.errors import E, SitrepError
from sitrep.link import corroborate, stories
from sitrep.link.copies import (
    Overlap,
    Unit,
    copy_units,
    is_contained,
    is_copy,
    is_partial,
    overlap,
    wire_of,
)
from sitrep.link.events import fatalities_by_event, story_events
from sitrep.link.records import Story, StoryArticle, StoryAttribution, StoryClaim, StoryEntity
from sitrep.model import Article, ArticleReport, Claim, Via
from sitrep.store import Store
from sitrep.store.filters import Filters
from sitrep.store.links import Links

_UNDATED = "9999"


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """``same_story``: cosine from which an article joins a story; ``follow_up``: from which
    it joins whatever the dates; ``restated``: from which it joins whatever the dates when one
    of its claims restates one of the story's about one of its actors (checked only where it
    would otherwise start a story); ``window_days``: how far
    apart a dated article and a dated story may be; ``story_window`` / ``copy_window``: after
    how many further linked articles a story leaves the candidate set, and an article's text
    the copy index; ``age_every``: how often (in linked articles) the old ones are removed,
    together: deleting index rows in bulk writes each index page once, not once per article;
    ``candidates``: stories, and copy candidates, compared per article."""

    same_story: float = stories.SAME_STORY
    follow_up: float = stories.FOLLOW_UP
    restated: float = stories.RESTATED
    window_days: int = 7
    story_window: int = 10_000
    copy_window: int = 10_000
    age_every: int = 1_000
    candidates: int = 10


@dataclass(frozen=True, slots=True)
class Linked:
    """Where an article went: its story, the original it copies (if any), what it reuses."""

    article_id: str
    story_id: str
    copy_of: str | None
    reuses: tuple[str, ...] = ()


def add_report(
    store: Store, report: ArticleReport, settings: LinkSettings | None = None
) -> Linked | None:
    """Stores a report and links it, in one transaction; None when the article was stored
    already (nothing is written then)."""
    features = _Features.of(report)
    with store.linking() as db:
        if not db.add_article(report):
            return None
        return _link(db, report, features, settings or LinkSettings())


def link_report(
    store: Store, report: ArticleReport, settings: LinkSettings | None = None
) -> Linked:
    """Links a stored article's report: records copies, puts it in a story (a copy goes where
    its original is), aligns its claims with the story's. Linking an article twice changes
    nothing."""
    features = _Features.of(report)
    with store.linking() as db:
        return _link(db, report, features, settings or LinkSettings())


def link_pending(store: Store, settings: LinkSettings | None = None) -> int:
    """Links every stored article not linked yet, in the order stored, and summarizes the
    stories linked before summaries were stored; returns how many articles it linked."""
    with store.links() as db:
        pending = db.unlinked()
        unsummarized = db.unsummarized()
    if unsummarized:
        with store.linking() as db:
            _update_claims(db, db.claim_ids(unsummarized))
            db.summarize(unsummarized, None)
    for article_id in pending:
        link_report(store, store.get(article_id), settings)
    return len(pending)


@dataclass(frozen=True, slots=True)
class _Features:
    """What linking compares an article by, computed before the write transaction starts,
    so that it holds the store's write lock for the queries only."""

    units: tuple[Unit, ...]
    wire: str | None
    counts: Counter[str]
    claims: tuple[tuple[Claim, corroborate.ClaimFeatures], ...]  # its story claims' candidates
    anchors: frozenset[str]  # sides of its actors that tell which event it reports

    @classmethod
    def of(cls, report: ArticleReport) -> _Features:
        return cls(
            copy_units(report.article),
            wire_of(report.article),
            stories.term_counts(report),
            tuple(
                (claim, corroborate.claim_features(report, claim))
                for claim in filter(corroborate.is_proposition, report.claims)
            ),
            frozenset(corroborate.side_of(a) for a in report.actors if stories.tells_event(a)),
        )


def _link(db: Links, report: ArticleReport, features: _Features, settings: LinkSettings) -> Linked:
    # Linking reads the next link number and the candidates, then writes what it decided, all
    # in the caller's write transaction: a second writer waits, never interleaves.
    article = report.article
    done = db.story_of(article.id)
    if done is not None:
        root = db.copy_roots([article.id])[article.id]
        return Linked(article.id, done, root if root != article.id else None)
    units, wire, counts = features.units, features.wire, features.counts
    seq = db.next_seq()
    if seq % settings.age_every == 0:
        db.age_stories(seq - settings.story_window)
        _drop_units(db, seq - settings.copy_window)
    copy_of, joined, reuses = _link_copies(db, article, seq, units, wire, settings)
    story_id = joined or _cluster(db, report, seq, features, reuses, settings)
    if joined:
        # a copy adds no new wording to the story, so its centroid stays as it is
        db.count_terms(counts)
        _touch(db, story_id, article, seq, centroid=None)
    db.add_member(article.id, story_id, seq, article.published, wire)
    claims = _align_claims(db, story_id, report, features)
    # What listings show of the story, and of any story whose members' copy relations this
    # article changed (their independent origins, so their claims' statuses), follows now.
    changed = {story_id}
    if recopied := db.recopied - {article.id}:
        claims |= db.claims_of(recopied)
        changed |= db.stories_of(recopied)
    _update_claims(db, claims)
    db.summarize(changed, seq)
    return Linked(article.id, story_id, copy_of if copy_of != article.id else None, reuses)


def _order(published: str | None, seq: int) -> tuple[str, int]:
    # Earliest by publication date, then by arrival; undated articles after dated ones.
    return (published or _UNDATED, seq)


# -- copies ---------------------------------------------------------------------------------


def _link_copies(
    db: Links,
    article: Article,
    seq: int,
    units: tuple[Unit, ...],
    wire: str | None,
    settings: LinkSettings,
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Finds the article's copy group and partial reuses and records them; returns (the group's
    original, the story the article joins through it, articles it reuses)."""
    keyed = [(u.index, u.shingles, u.to_bytes(), u.band_keys()) for u in units]
    candidates = db.band_candidates(
        [k for *_, keys in keyed for k in keys], article.id, settings.candidates
    )
    db.add_units(article.id, seq, keyed)
    if not candidates:
        return None, None, ()
    meta = db.member_meta(candidates)
    stored = db.units_of(candidates)
    roots = db.copy_roots(candidates)
    overlaps: dict[str, Overlap] = {
        other: overlap(units, [Unit.from_bytes(*row) for row in stored[other]])
        for other in candidates
    }
    mine = _order(article.published, seq)
    # An article that reuses the text of two originals or more holds a report whole beside
    # another report's text: a roundup, not a reprint in page furniture.
    roundup = len({roots[o] for o in candidates if is_partial(overlaps[o].shingles_a)}) > 1
    # and one linked before that reused another report's text is one
    roundups = {a for a, _, kind in db.copy_relations(candidates) if kind == "partial"}
    for other in candidates:
        published, other_seq, _ = meta[other]
        shared = overlaps[other]
        if (
            not roundup
            and stories.day(published) == stories.day(article.published)
            and is_contained(shared.coverage_a)
            and not is_contained(shared.coverage_b)
        ):
            # Of two articles of one day, the one the other holds whole is the original: a
            # reprint adds page furniture around it, whichever arrived first.
            mine = min(mine, (published or _UNDATED, other_seq - 0.5))
    # copy group (by its original) -> how much of the copy the group covers; and the groups
    # whose matched member is the same text as this article, both ways
    groups: dict[str, float] = {}
    same_text: set[str] = set()
    reuses: list[str] = []
    for other in candidates:
        published, other_seq, other_wire = meta[other]
        shared = overlaps[other]
        root = roots[other]
        if _order(published, other_seq) < mine:
            if is_copy(shared.coverage_a, wire, other_wire, shared.coverage_b, roundup):
                groups[root] = max(groups.get(root, 0.0), shared.coverage_a)
                if is_copy(
                    shared.coverage_b, other_wire, wire, shared.coverage_a, other in roundups
                ):
                    same_text.add(root)
            elif is_partial(shared.shingles_a) and root not in reuses:
                # Text reused from a copy group is reused from the group's original.
                db.add_partial(article.id, root, shared.coverage_a)
                reuses.append(root)
        elif is_copy(shared.coverage_b, other_wire, wire, shared.coverage_a, other in roundups):
            groups[root] = max(groups.get(root, 0.0), shared.coverage_b)
            if is_copy(shared.coverage_a, wire, other_wire, shared.coverage_b, roundup):
                same_text.add(root)
        elif is_partial(shared.shingles_b):
            db.add_partial(other, article.id, shared.coverage_b)
    if not groups:
        return None, None, tuple(reuses)
    root_meta = db.member_meta(groups)
    # Groups are ranked by how much their original's own text covers (a member may hold more
    # than the original: a roundup that copies one report and quotes another); an original
    # whose text has left the copy index is ranked by its member's.
    # An original among the candidates was compared above; the others are read now.
    for original, rows in db.units_of([r for r in groups if r not in overlaps]).items():
        if rows:
            overlaps[original] = overlap(units, [Unit.from_bytes(*row) for row in rows])

    def rank(r: str) -> tuple[float, tuple[str, int]]:
        order = _order(*root_meta[r][:2])
        if r not in overlaps:
            return -groups[r], order
        shared = overlaps[r]
        return -(shared.coverage_a if order < mine else shared.coverage_b), order

    best = min(groups, key=rank)
    # Groups merge only through an article that is the same text as each: one that merely
    # contains two texts (a roundup quoting two reports) would chain unrelated ones together.
    merged = [r for r in groups if r == best or {r, best} <= same_text]
    root = min(merged, key=lambda r: _order(*root_meta[r][:2]))
    story = db.story_of(root)
    if _order(*root_meta[root][:2]) > mine:
        # The article is older than every original seen: it becomes the group's original.
        for old_root in merged:
            db.set_copy(old_root, article.id, groups[old_root])
        for member, coverage in db.copies_of(merged).items():
            db.set_copy(member, article.id, coverage)
        return article.id, story, tuple(reuses)
    db.set_copy(article.id, root, groups[root])
    others = [r for r in merged if r != root]
    for old_root in others:
        db.set_copy(old_root, root, groups[old_root])
    for member, coverage in db.copies_of(others).items():
        db.set_copy(member, root, coverage)
    return root, story, tuple(reuses)


def _drop_units(db: Links, before_seq: int) -> None:
    """Takes articles linked before ``before_seq`` out of the copy index."""
    bands = [
        (key, article)
        for article, signature in db.units_before(before_seq)
        for key in Unit.from_bytes(0, 0, signature).band_keys()
    ]
    db.drop_units(before_seq, bands)


# -- stories --------------------------------------------------------------------------------


def _cluster(
    db: Links,
    report: ArticleReport,
    seq: int,
    features: _Features,
    reuses: tuple[str, ...],
    settings: LinkSettings,
) -> str:
    """The story the article joins, or a new one; updates the story. Stories whose text the
    article reprints in part come first, then the most similar ones."""
    article = report.article
    counts = features.counts
    vector = stories.weigh(counts, db.document_frequencies(counts), seq - 1)
    db.count_terms(counts)
    found = stories.candidates(vector, db.postings(vector), settings.candidates)
    reused = [s for s in (db.story_of(original) for original in reuses) if s]
    rows = db.story_rows(reused + found)
    centroids = {story: json.loads(row["centroid"]) for story, row in rows.items()}
    scores = {story: stories.cosine(vector, centroids[story]) for story in found}
    ranked = [story for _, story in sorted((-score, story) for story, score in scores.items())]
    similar = [story for story in ranked if scores[story] >= settings.same_story]
    joinable = (
        story_id
        for story_id in dict.fromkeys(reused + similar)
        if scores.get(story_id, 0.0) >= settings.follow_up
        or stories.in_window(
            article.published,
            rows[story_id]["first_seen"],
            rows[story_id]["last_seen"],
            settings.window_days,
        )
    )
    # Only where the wording alone would start a new story: a restated claim is checked
    # against the candidates' claims, which costs more than their centroids.
    restating = (
        story_id
        for story_id in ranked
        if scores[story_id] >= settings.restated and _restates(db, story_id, features)
    )
    story_id = next(joinable, None) or next(restating, None)
    if story_id is not None:
        centroid = stories.add_to_centroid(centroids[story_id], vector)
        _touch(db, story_id, article, seq, centroid, rows[story_id])
        return story_id
    story_id = "s-" + article.id
    db.add_story(
        {
            "id": story_id,
            "title": article.title or "",
            "title_key": _title_key(article, seq),
            "first_seen": article.published,
            "last_seen": article.published,
            "first_seq": seq,
            "last_seq": seq,
            "articles": 1,
            "active": True,
            "centroid": json.dumps(vector, sort_keys=True),
        },
        stories.index_terms(vector),
    )
    return story_id


def _restates(db: Links, story_id: str, features: _Features) -> bool:
    """Whether the article re-reports one of the story's claims about one of its actors."""
    members = [
        (sc, corroborate.ClaimFeatures.from_json(raw)) for sc, raw in db.claim_members(story_id)
    ]
    return corroborate.restates([f for _, f in features.claims], members, features.anchors)


def _title_key(article: Article, seq: int) -> str:
    published, order = _order(article.published, seq)
    return f"{published}|{order:012d}"


def _touch(
    db: Links,
    story_id: str,
    article: Article,
    seq: int,
    centroid: dict[str, float] | None,
    row: dict | None = None,
) -> None:
    """Adds the article to the story's dates, count and title (the earliest article's), and
    its vector to the centroid when one is given."""
    row = row or db.story_rows([story_id])[story_id]
    values: dict = {"articles": row["articles"] + 1, "last_seq": seq, "active": True}
    when = article.published
    if when and (row["first_seen"] is None or stories.day(when) < stories.day(row["first_seen"])):
        values["first_seen"] = when
    if when and (row["last_seen"] is None or stories.day(when) > stories.day(row["last_seen"])):
        values["last_seen"] = when
    key = _title_key(article, seq)
    if article.title and key < row["title_key"]:
        values.update(title=article.title, title_key=key)
    if centroid is not None:
        values["centroid"] = json.dumps(centroid, sort_keys=True)
        db.set_story_terms(story_id, stories.index_terms(centroid))
    elif not row["active"]:
        db.set_story_terms(story_id, stories.index_terms(json.loads(row["centroid"])))
    db.update_story(story_id, values)


# -- claims ---------------------------------------------------------------------------------


def _align_claims(db: Links, story_id: str, report: ArticleReport, article: _Features) -> set[str]:
    """Aligns the article's claims with the story's; returns the story claims they joined."""
    if not article.claims:
        return set()
    members = [
        (sc, corroborate.ClaimFeatures.from_json(raw)) for sc, raw in db.claim_members(story_id)
    ]
    count = db.story_claim_count(story_id)
    joined = set()
    for claim, features in article.claims:
        target = corroborate.best_match(features, members)
        if target is None:
            count += 1
            target = f"{story_id}-c{count}"
            db.add_story_claim(target, story_id, count, claim.text)
        db.add_claim_member(
            article_id=report.article.id,
            claim_id=claim.id,
            story_claim_id=target,
            story_id=story_id,
            text=claim.text,
            features=features.to_json(),
            attributions=corroborate.member_json(report, claim),
            weak=corroborate.is_hedged(claim),
        )
        members.append((target, features))
        joined.add(target)
    return joined


def _update_claims(db: Links, claim_ids: set[str]) -> None:
    """Stores the status of the given story claims, from all their reports, as a read of
    their story computes it."""
    if not claim_ids:
        return
    reports = db.claim_reports(claim_ids)
    links = db.article_links({r["article_id"] for r in reports})
    origin_of = {a: _article_origin(a, wire, original) for a, (wire, original) in links.items()}
    attributions = _attributions(reports, origin_of)
    checks = _verification(reports)
    db.set_claim_statuses(
        {
            c: corroborate.claim_status(attributions.get(c, []), checks.get(c, []))[0]
            for c in claim_ids
        }
    )


def _article_origin(article_id: str, wire: str | None, copy_of: str | None) -> str:
    # An article's own reporting counts once per copy group, and once per wire.
    if copy_of is not None:
        return "article:" + copy_of
    return "wire:" + wire if wire else "article:" + article_id


def _attributions(
    members: list[dict], origin_of: dict[str, str]
) -> dict[str, list[StoryAttribution]]:
    """Each story claim's reports, from its aligned claims' rows."""
    reports: dict[str, list[StoryAttribution]] = {}
    for member in members:
        if member["article_id"] not in origin_of:
            # Linked by a concurrent writer after the articles were read: the next read has it.
            continue
        stored, _ = corroborate.member_parts(member["attributions"])
        for data in stored:
            reports.setdefault(member["story_claim_id"], []).append(
                StoryAttribution(
                    article=member["article_id"],
                    claim=member["claim_id"],
                    source=data.get("source"),
                    source_text=data["source_text"],
                    stance=data["stance"],
                    via=tuple(Via.from_dict(v) for v in data.get("via", ())),
                    hedged=bool(member["weak"]),
                    origin=corroborate.origin(data, origin_of[member["article_id"]]),
                    name=data.get("name"),
                    confidence=data.get("confidence"),
                    relays=tuple(data.get("relays", ())),
                    attribution=data.get("id", ""),
                )
            )
    return reports


def _verification(members: list[dict]) -> dict[str, list[dict]]:
    """Each story claim's verification statements, with the article that printed each."""
    checks: dict[str, list[dict]] = {}
    for member in members:
        _, stored = corroborate.member_parts(member["attributions"])
        checks.setdefault(member["story_claim_id"], []).extend(
            {"article": member["article_id"], **check} for check in stored
        )
    return checks


# -- reading stories ------------------------------------------------------------------------


def list_stories(store: Store) -> list[Story]:
    """Every story in the store with its articles and claims, oldest first."""
    with store.links() as db:
        return _stories(db, None)


def export_source(
    store: Store, filters: Filters | None = None
) -> tuple[Iterator[ArticleReport], dict[str, Any]]:
    """What an export (sitrep.export.export) of the events that match ``filters`` reads:
    Store.export_source's reports and options, and ``story_fatalities``: (article id, event
    id) -> the most conservative count of the killed the outlets of its story give for its
    happening (see sitrep.link.events)."""
    reports, options = store.export_source(filters)
    with store.links() as db:
        fatalities = fatalities_by_event(story_events(db.member_events()))
    return reports, {**options, "story_fatalities": fatalities}


def get_story(store: Store, story_id: str) -> Story:
    """One story; SitrepError(E032) when there is none with that id."""
    with store.links() as db:
        found = _stories(db, story_id)
    if not found:
        raise SitrepError(E.STORY_NOT_FOUND, what=story_id)
    return found[0]


def _stories(db: Links, story_id: str | None) -> list[Story]:
    rows = db.all_stories(story_id)
    members = db.story_articles(story_id)
    relations = db.copy_relations([m["article_id"] for m in members])
    copy_of = {a: o for a, o, kind in relations if kind == "copy"}
    reuses: dict[str, list[str]] = {}
    for a, o, kind in relations:
        if kind == "partial":
            reuses.setdefault(a, []).append(o)
    articles: dict[str, list[StoryArticle]] = {}
    origin_of: dict[str, str] = {}
    for m in members:
        aid = m["article_id"]
        articles.setdefault(m["story_id"], []).append(
            StoryArticle(
                aid,
                m["title"],
                m["outlet"],
                m["published"],
                m["path"],
                m["url"],
                copy_of.get(aid),
                m["wire"],
                tuple(reuses.get(aid, ())),
            )
        )
        origin_of[aid] = _article_origin(aid, m["wire"], copy_of.get(aid))
    meta = {
        m["article_id"]: {
            "outlet": m["outlet"],
            "published": m["published"],
            "order": _order(m["published"], m["seq"]),
        }
        for m in members
    }
    claims = _story_claims(db, story_id, origin_of, meta)
    entities = {kind: _entities(db, kind, story_id) for kind in ("actors", "places")}
    events = story_events(db.member_events(story_id))
    return [
        Story(
            id=row["id"],
            title=row["title"],
            first_seen=row["first_seen"],
            last_seen=row["last_seen"],
            articles=tuple(articles.get(row["id"], ())),
            claims=tuple(claims.get(row["id"], ())),
            actors=tuple(entities["actors"].get(row["id"], ())),
            places=tuple(entities["places"].get(row["id"], ())),
            events=tuple(events.get(row["id"], ())),
        )
        for row in rows
    ]


def _story_claims(
    db: Links, story_id: str | None, origin_of: dict[str, str], meta: dict[str, dict]
) -> dict[str, list[StoryClaim]]:
    members = db.member_claim_rows(story_id)
    reports = _attributions(members, origin_of)
    checks = _verification(members)
    features: dict[str, list[corroborate.ClaimFeatures]] = {}
    for member in members:
        features.setdefault(member["story_claim_id"], []).append(
            corroborate.ClaimFeatures.from_json(member["features"])
        )
    rows = db.story_claim_rows(story_id)
    # Concepts weigh by how well they tell one story's claims apart, as when they were aligned.
    by_story: dict[str, list[corroborate.ClaimFeatures]] = {}
    for row in rows:
        by_story.setdefault(row["story_id"], []).extend(features.get(row["id"], []))
    weights = {story: corroborate.concept_weights(found) for story, found in by_story.items()}
    out: dict[str, list[StoryClaim]] = {}
    for row in rows:
        attributions = reports.get(row["id"], [])
        alignment = corroborate.alignment_confidence(
            features.get(row["id"], []), weights[row["story_id"]]
        )
        found = corroborate.assess(attributions, checks.get(row["id"], []), alignment)
        out.setdefault(row["story_id"], []).append(
            StoryClaim(
                row["id"],
                row["text"],
                found.status,
                found.origins,
                tuple(attributions),
                confidence=found.confidence,
                reasons=found.reasons,
                sides=found.sides,
                alignment=alignment,
                verification=tuple(checks.get(row["id"], [])),
                propagation=corroborate.propagation(
                    attributions,
                    {a.article: meta[a.article] for a in attributions if a.article in meta},
                ),
            )
        )
    return out


def _entities(db: Links, kind: str, story_id: str | None) -> dict[str, list[StoryEntity]]:
    out: dict[str, list[StoryEntity]] = {}
    for story, entity, name, count in db.story_entities(kind, story_id):
        out.setdefault(story, []).append(StoryEntity(entity, name, count))
    return out
