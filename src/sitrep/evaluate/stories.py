"""Story accuracy: story clustering, copy detection and cross-article claim alignment.

Stories gold (a directory with ``articles/NNN.txt`` and ``gold.json``): each gold record names
its ``file``, its ``story`` (``distractor`` for articles of no story: each is a singleton),
``copy_of`` (the file it is a near-copy of, or null) and its central ``claims`` (``claim_id``
shared by the reports of one proposition across outlets, ``claim``, ``source``, ``stance``).

- Stories: B-cubed precision, recall and F1 of the predicted stories against the gold ones.
- Copies: precision and recall of predicted (article, copy_of) pairs against the gold pairs;
  with no pair predicted precision is 1, with no gold pair recall is 1 (the counts are given).
  A predicted copy between articles gold lists as partial copies (``partial_copy_of``) is
  neutral: neither right nor wrong.
- Claims: each gold claim is matched to at most one predicted attribution of its article with
  the same stance (the best by content and source wording, above ``CLAIM_MATCH``); B-cubed F1
  of the predicted story claims against the gold ``claim_id`` groups, over matched claims.
  ``claims_matched`` says how many gold claims had a match: alignment is only measured there.
- Status: for every gold claim id reported by two or more articles, the status of the story
  claim holding most of its gold attributions (same article, same source: see
  :func:`score_status`) against the statuses its gold stances allow
  (:func:`expected_statuses`); and how many claims gold both asserts and denies are called
  corroborated.
- Attribution: (source, stance) recall and stance accuracy of the articles' reports, as
  ``sitrep evaluate claims`` measures them (sitrep.evaluate.claims).

Clustering gold (a directory of ``.txt`` files, WikiRef style): an article's label is its file
name before the last number ("ParisAttacks2015 (12).txt" -> "ParisAttacks2015"); B-cubed of
the predicted stories against the labels.

Articles are linked in file-name order into a temporary store, as ``sitrep ingest`` would. An
article that fails analysis is counted (``failed``) and scored as a singleton.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import E, SitrepError
from sitrep.evaluate.claims import ClaimScores, SourceMatcher, names_source
from sitrep.evaluate.claims import GoldClaim as AttributionGold
from sitrep.evaluate.claims import score as score_attribution
from sitrep.evaluate.metrics import f1
from sitrep.ingest.decode import looks_binary
from sitrep.ingest.text import parse_text
from sitrep.link import LinkSettings, link_report, list_stories
from sitrep.link.corroborate import concepts
from sitrep.link.records import Story
from sitrep.link.text import stem, words
from sitrep.model import Article, ArticleReport, Failure
from sitrep.nlp.actors import load_gazetteer
from sitrep.store import Store

AnalyzeMany = Callable[[Iterable[Article]], Iterator[ArticleReport | Failure]]

#: score from which a gold claim matches a predicted attribution (half content, half source)
CLAIM_MATCH = 0.25
_LABEL = re.compile(r"^(?P<label>.*?)[\s._(-]*\d+\)?$")


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    items: int

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "items": self.items,
        }


@dataclass(frozen=True, slots=True)
class GoldClaim:
    claim_id: str
    text: str
    source: str
    stance: str
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class GoldArticle:
    file: str
    story: str
    copy_of: str | None
    claims: tuple[GoldClaim, ...]
    partial_copy_of: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatusCheck:
    """One gold claim id reported by two or more articles: the statuses its gold stances
    allow, the status of the story claim holding most of its gold attributions (None when
    no story claim holds any), and that story claim."""

    claim_id: str
    expected: tuple[str, ...]
    predicted: str | None
    story_claim: str | None
    asserted_and_denied: bool

    @property
    def correct(self) -> bool:
        return self.predicted in self.expected

    def to_dict(self) -> dict[str, object]:
        return {
            "claim_id": self.claim_id,
            "expected": list(self.expected),
            "predicted": self.predicted,
            "story_claim": self.story_claim,
        }


@dataclass(frozen=True, slots=True)
class StatusScores:
    checks: tuple[StatusCheck, ...]

    @property
    def accuracy(self) -> float:
        return sum(c.correct for c in self.checks) / len(self.checks) if self.checks else 0.0

    @property
    def asserted_and_denied(self) -> int:
        return sum(c.asserted_and_denied for c in self.checks)

    @property
    def disputed_called_corroborated(self) -> int:
        return sum(c.asserted_and_denied and c.predicted == "corroborated" for c in self.checks)

    def to_dict(self) -> dict[str, object]:
        return {
            "accuracy": round(self.accuracy, 4),
            "claims": len(self.checks),
            "correct": sum(c.correct for c in self.checks),
            "asserted_and_denied": self.asserted_and_denied,
            "asserted_and_denied_called_corroborated": self.disputed_called_corroborated,
            "wrong": [c.to_dict() for c in self.checks if not c.correct],
        }


@dataclass(frozen=True, slots=True)
class StoryScores:
    stories: BCubed
    copy_precision: float
    copy_recall: float
    copies_gold: int
    copies_predicted: int
    claims: BCubed
    claims_matched: int
    claims_gold: int
    articles: int
    failed: int = 0
    status: StatusScores = StatusScores(())
    attribution: ClaimScores | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "failed": self.failed,
            "stories": self.stories.to_dict(),
            "copies": {
                "precision": round(self.copy_precision, 4),
                "recall": round(self.copy_recall, 4),
                "gold": self.copies_gold,
                "predicted": self.copies_predicted,
            },
            "claims": {
                **self.claims.to_dict(),
                "matched": self.claims_matched,
                "gold": self.claims_gold,
            },
            "status": self.status.to_dict(),
            "attribution": (
                {k: v for k, v in self.attribution.to_dict().items() if k != "per_article"}
                if self.attribution
                else None
            ),
        }


@dataclass(frozen=True, slots=True)
class ClusteringScores:
    stories: BCubed
    labels: int
    predicted: int
    failed: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "stories": self.stories.to_dict(),
            "labels": self.labels,
            "predicted": self.predicted,
            "failed": self.failed,
        }


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> BCubed:
    """B-cubed precision and recall of ``predicted`` clusters (item -> cluster) against
    ``gold``, averaged over the gold items; an item missing from ``predicted`` is a singleton."""
    gold_members: dict[str, set[str]] = {}
    pred_members: dict[str, set[str]] = {}
    for item, label in gold.items():
        gold_members.setdefault(label, set()).add(item)
        pred_members.setdefault(predicted.get(item, "\0" + item), set()).add(item)
    precision = recall = 0.0
    for item, label in gold.items():
        same = gold_members[label]
        together = pred_members[predicted.get(item, "\0" + item)]
        shared = len(same & together)
        precision += shared / len(together)
        recall += shared / len(same)
    n = len(gold)
    if not n:
        return BCubed(0.0, 0.0, 0.0, 0)
    return BCubed(precision / n, recall / n, f1(precision / n, recall / n), n)


# -- stories gold ---------------------------------------------------------------------------


def read_stories_gold(directory: Path) -> tuple[list[GoldArticle], list[Article]]:
    """The gold records and their articles, in file-name order."""
    path = directory / "gold.json"
    try:
        records = json.loads(path.read_text("utf-8"))
        gold = [
            GoldArticle(
                file=r["file"],
                story=r["story"],
                copy_of=r.get("copy_of"),
                claims=tuple(
                    GoldClaim(
                        c["claim_id"],
                        c["claim"],
                        c["source"],
                        c["stance"],
                        bool(c.get("hedged", False)),
                    )
                    for c in r.get("claims", ())
                ),
                partial_copy_of=tuple(r.get("partial_copy_of") or ()),
            )
            for r in records
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SitrepError(E.EVAL_DATA, what=str(path), reason=str(exc)) from None
    gold.sort(key=lambda g: g.file)
    articles = [read_article(directory / "articles" / g.file) for g in gold]
    return gold, articles


def evaluate_stories(
    directory: Path, analyze_many: AnalyzeMany, settings: LinkSettings | None = None
) -> StoryScores:
    """Scores linking on a stories gold directory, analyzing its articles with ``analyze_many``."""
    gold, articles = read_stories_gold(directory)
    return score_stories(gold, reports_by_file(analyze_many(articles)), settings)


def score_stories(
    gold: list[GoldArticle],
    reports: Mapping[str, ArticleReport],
    settings: LinkSettings | None = None,
) -> StoryScores:
    """Scores the stories, copies and story claims that linking ``reports`` (gold file name ->
    report, in gold order) produces. A gold article without a report (it failed analysis) is
    a singleton story with no claims."""
    matcher = SourceMatcher(load_gazetteer())
    files = {r.article.id: name for name, r in reports.items()}
    found = link_reports([reports[g.file] for g in gold if g.file in reports], settings)
    story_of = {files[a.id]: s.id for s in found for a in s.articles}
    stories = bcubed(
        {g.file: g.story if g.story != "distractor" else "\0" + g.file for g in gold}, story_of
    )

    gold_copies = {(g.file, _file_name(g.copy_of)) for g in gold if g.copy_of}
    # Partial reuses are neutral: calling one a copy is neither right nor wrong.
    neutral = {
        pair
        for g in gold
        for other in g.partial_copy_of
        for pair in ((g.file, _file_name(other)), (_file_name(other), g.file))
    }
    predicted = {
        (files[a.id], files[a.copy_of]) for s in found for a in s.articles if a.copy_of in files
    } - (neutral - gold_copies)
    hits = len(gold_copies & predicted)
    copy_precision = hits / len(predicted) if predicted else 1.0
    copy_recall = hits / len(gold_copies) if gold_copies else 1.0

    claim_gold, claim_pred = _align_claims(gold, reports, found)
    return StoryScores(
        stories=stories,
        copy_precision=copy_precision,
        copy_recall=copy_recall,
        copies_gold=len(gold_copies),
        copies_predicted=len(predicted),
        claims=bcubed(claim_gold, claim_pred),
        claims_matched=len(claim_gold),
        claims_gold=sum(len(g.claims) for g in gold),
        articles=len(gold),
        failed=sum(1 for g in gold if g.file not in reports),
        status=score_status(gold, reports, found, matcher),
        attribution=score_attribution(
            [
                (g.file, [AttributionGold(c.text, c.source, c.stance) for c in g.claims])
                for g in gold
            ],
            [reports.get(g.file) for g in gold],
            matcher.gazetteer,
        ),
    )


def _align_claims(
    gold: list[GoldArticle], reports: Mapping[str, ArticleReport], found: list[Story]
) -> tuple[dict[str, str], dict[str, str]]:
    """Gold claims matched to predicted attributions: (gold item -> claim_id, item -> story claim)."""
    story_claim = {
        (a.article, a.claim): c.id for s in found for c in s.claims for a in c.attributions
    }
    claim_gold: dict[str, str] = {}
    claim_pred: dict[str, str] = {}
    for g in gold:
        if g.file not in reports:
            continue
        report = reports[g.file]
        options = [
            (claim, index, attribution)
            for claim in report.claims
            for index, attribution in enumerate(claim.attributions)
            if (report.article.id, claim.id) in story_claim
        ]
        pairs = sorted(
            (
                (-_claim_match(gc, claim.text, attribution.source_text), gi, oi)
                for gi, gc in enumerate(g.claims)
                for oi, (claim, _, attribution) in enumerate(options)
                if attribution.stance == gc.stance
            ),
        )
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for negative, gi, oi in pairs:
            if -negative < CLAIM_MATCH or gi in used_gold or oi in used_pred:
                continue
            used_gold.add(gi)
            used_pred.add(oi)
            item = f"{g.file}#{gi}"
            claim_gold[item] = g.claims[gi].claim_id
            claim_pred[item] = story_claim[(report.article.id, options[oi][0].id)]
    return claim_gold, claim_pred


def expected_statuses(claims: Sequence[GoldClaim]) -> tuple[str, ...]:
    """The story statuses a claim's gold stances allow: asserted and denied is disputed; only
    denied (perhaps questioned) denied; only questioned unverified; asserted only with hedges
    unverified or single source; asserted firmly corroborated or single source (gold does not
    say whether the asserting sources are independent)."""
    stances = {c.stance for c in claims}
    if "asserts" in stances and "denies" in stances:
        return ("disputed",)
    if "denies" in stances:
        return ("denied",)
    if "asserts" not in stances:
        return ("unverified",)
    if all(c.hedged for c in claims if c.stance == "asserts"):
        return ("unverified", "single_source")
    return ("corroborated", "single_source")


def score_status(
    gold: list[GoldArticle],
    reports: Mapping[str, ArticleReport],
    found: list[Story],
    matcher: SourceMatcher,
) -> StatusScores:
    """For every gold claim id reported by two or more articles, the status of the story
    claim holding most of its gold attributions against the statuses its stances allow. A
    gold attribution is held by the story claim of the article's attribution with a matching
    source that is most like it (same stance first, then shared concepts)."""
    story_claims = {c.id: c for s in found for c in s.claims}
    story_claim = {
        (a.article, a.claim): c.id for s in found for c in s.claims for a in c.attributions
    }
    by_id: dict[str, list[tuple[str, GoldClaim]]] = {}
    for g in gold:
        for claim in g.claims:
            by_id.setdefault(claim.claim_id, []).append((g.file, claim))
    checks = []
    for claim_id, reported in by_id.items():
        if len({file for file, _ in reported}) < 2:
            continue
        votes: dict[str, int] = {}
        for file, claim in reported:
            held = _holder(claim, reports.get(file), story_claim, matcher)
            if held is not None:
                votes[held] = votes.get(held, 0) + 1
        # Ties go to the story claim listed first, so the result depends only on the input.
        order = list(story_claims)
        best = max(votes, key=lambda c: (votes[c], -order.index(c)), default=None)
        stances = {c.stance for _, c in reported}
        checks.append(
            StatusCheck(
                claim_id,
                expected_statuses([c for _, c in reported]),
                story_claims[best].status if best else None,
                best,
                {"asserts", "denies"} <= stances,
            )
        )
    return StatusScores(tuple(checks))


def _holder(
    claim: GoldClaim,
    report: ArticleReport | None,
    story_claim: Mapping[tuple[str, str], str],
    matcher: SourceMatcher,
) -> str | None:
    """The story claim holding a gold attribution, or None."""
    if report is None or not names_source(claim.source):
        return None
    matching = set(map(id, matcher.matching(claim.source, matcher.keys(report))))
    options = [
        (c.id, a)
        for c in report.claims
        for a in c.attributions
        if id(a) in matching and (report.article.id, c.id) in story_claim
    ]
    if not options:
        return None
    gold_concepts = concepts(claim.text)
    cid, _ = max(
        options,
        key=lambda o: (
            o[1].stance == claim.stance,
            _dice(gold_concepts, concepts(o[1].content.text)),
        ),
    )
    return story_claim[(report.article.id, cid)]


def _claim_match(gold: GoldClaim, text: str, source_text: str) -> float:
    return 0.5 * _dice(concepts(gold.text), concepts(text)) + 0.5 * _dice(
        _stems(gold.source), _stems(source_text)
    )


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _file_name(value: str) -> str:
    return value if value.endswith(".txt") else value + ".txt"


# -- clustering gold ------------------------------------------------------------------------


def evaluate_clustering(
    directory: Path,
    analyze_many: AnalyzeMany,
    settings: LinkSettings | None = None,
    per_label: int | None = None,
) -> ClusteringScores:
    """Scores story clustering on a directory of articles labelled by file name; with
    ``per_label``, on the first that many files (by name) of each label."""
    paths = sorted(directory.glob("*.txt"))
    if not paths:
        raise SitrepError(E.EVAL_DATA, what=str(directory), reason="no .txt files in it")
    if per_label is not None:
        taken: dict[str, int] = {}
        kept = []
        for path in paths:
            label = label_of(path.name)
            taken[label] = taken.get(label, 0) + 1
            if taken[label] <= per_label:
                kept.append(path)
        paths = kept
    labels = {p.name: label_of(p.name) for p in paths}
    reports = reports_by_file(analyze_many(read_article(p) for p in paths))
    return score_clustering(labels, list(reports.values()), settings)


def score_clustering(
    labels: Mapping[str, str], reports: list[ArticleReport], settings: LinkSettings | None = None
) -> ClusteringScores:
    """B-cubed of the stories linking ``reports`` produces against ``labels`` (file name -> label)."""
    found = link_reports(reports, settings)
    predicted = {Path(a.path).name: s.id for s in found for a in s.articles if a.path}
    failed = len(set(labels) - {Path(r.article.path or "").name for r in reports})
    return ClusteringScores(
        bcubed(labels, predicted), len(set(labels.values())), len(found), failed
    )


def label_of(file_name: str) -> str:
    """The WikiRef label of a file: its name before the last number."""
    stem_name = file_name.rsplit(".", 1)[0]
    match = _LABEL.match(stem_name)
    return match.group("label") if match and match.group("label") else stem_name


# -- shared ---------------------------------------------------------------------------------


def read_article(path: Path) -> Article:
    """An article of gold data. Gold sets come in legacy encodings too: UTF-8 is tried first,
    then Windows-1252, the encoding of older English news pages."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SitrepError(E.EVAL_DATA, what=str(path), reason=str(exc)) from None
    if looks_binary(data):
        raise SitrepError(E.EVAL_DATA, what=str(path), reason="binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return parse_text(text.replace("\r\n", "\n"), path=str(path))


def reports_by_file(items: Iterable[ArticleReport | Failure]) -> dict[str, ArticleReport]:
    """Reports by file name; an article that fails analysis (not English, say) is left out
    and scored as a singleton, as linking would never see it."""
    return {
        Path(item.article.path or "").name: item for item in items if not isinstance(item, Failure)
    }


def link_reports(reports: list[ArticleReport], settings: LinkSettings | None = None) -> list[Story]:
    """The stories of ``reports`` stored and linked in order into a temporary store."""
    with tempfile.TemporaryDirectory(prefix="sitrep-eval-") as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'links.db'}")
        try:
            for report in reports:
                if store.add(report):
                    link_report(store, report, settings)
            return list_stories(store)
        finally:
            store.close()
