"""Copy detection measured on reprints made from real articles.

The stories gold has ``copy_of`` pairs, but its development half holds none, so copy detection
there measures nothing. This scorer makes the reprints outlets publish from any directory of
real articles (WikiRef220, the stories articles) and scores what linking finds:

- ``retitled``: the whole text under a new headline, the first paragraph given a wire dateline
  ("(Reuters) -"), as a site running a wire story does;
- ``trimmed``: a new headline and the first three fifths of the paragraphs (editors cut from
  the bottom);
- ``edited``: every paragraph with about one word in fifteen dropped, page furniture
  ("Advertisement", "Share this article") between paragraphs and a line of the outlet's own on top;
- ``excerpt``: a new article made of the opening paragraphs of two other articles, each
  giving at most 55% of its text: partial reuse of both, a copy of neither.

Originals whose trimmed form has too little text to compare (a few short lines) are left out.
Originals are linked first, in file-name order, then the derived articles in a fixed shuffled
order, all into a temporary store. Scores:

- copy precision: of the articles linking marked as copies, those whose ``copy_of`` is their
  true original (an original or an excerpt marked as a copy counts against it);
- copy recall, overall and per kind: reprints whose ``copy_of`` is their original;
- partial reuse recall: excerpts whose reuses name both their sources.

The derived texts are made deterministically (``seed``), so a figure can be reproduced.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sitrep.errors import E, SitrepError
from sitrep.evaluate.stories import link_reports, read_article
from sitrep.ingest.text import parse_text
from sitrep.link.copies import MIN_UNIT_SHINGLES, PARTIAL_SHINGLES, SHINGLE
from sitrep.link.text import words
from sitrep.model import Article, ArticleReport

REPRINT_KINDS = ("retitled", "trimmed", "edited")
#: the most of an excerpt's text one source may give: well under the share that makes a copy
_EXCERPT_SHARE = 0.55
_FURNITURE = ("Advertisement", "Share this article", "Read more", "Follow us for updates")
#: comparable text an original needs, trimmed, to give reprints: what a partial reuse needs
_MIN_SHINGLES = PARTIAL_SHINGLES
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_ORIGINAL_DATE = "2026-01-05"
_REPRINT_DATE = "2026-01-06"


@dataclass(frozen=True)
class CopyScores:
    originals: int
    reprints: dict[str, int]
    excerpts: int
    precision: float
    recall: float
    recall_by_kind: dict[str, float]
    originals_marked_copies: int
    excerpts_marked_copies: int
    partial_recall: float

    def to_dict(self) -> dict[str, object]:
        return {
            "originals": self.originals,
            "reprints": self.reprints,
            "excerpts": self.excerpts,
            "copies": {
                "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "recall_by_kind": {k: round(v, 4) for k, v in self.recall_by_kind.items()},
                "originals_marked_copies": self.originals_marked_copies,
                "excerpts_marked_copies": self.excerpts_marked_copies,
            },
            "partial_reuse": {"recall": round(self.partial_recall, 4)},
        }


@dataclass(frozen=True, slots=True)
class _Derived:
    article: Article
    kind: str
    sources: tuple[str, ...]  # ids of the originals it copies (one) or excerpts (two)


def evaluate_copies(directory: Path, seed: int = 0) -> CopyScores:
    """Scores copy and partial-reuse detection on reprints of the ``.txt`` articles in
    ``directory`` (see the module docstring)."""
    paths = sorted(directory.glob("*.txt"))
    if len(paths) < 2:
        raise SitrepError(E.EVAL_DATA, what=str(directory), reason="fewer than two .txt files")
    originals = [replace(read_article(p), outlet="Origin", published=_ORIGINAL_DATE) for p in paths]
    # An original gives reprints when even its trimmed form has text enough to compare.
    originals = [a for a in originals if _shingles(_trimmed(_paragraphs(a.body))) >= _MIN_SHINGLES]
    rng = random.Random(seed)
    derived = [r for a in originals for r in reprints(a, rng)]
    # Excerpts pair articles half the directory apart: of other topics, in a directory sorted
    # by topic, so that the two halves share no text of their own.
    half = len(originals) // 2
    for a, b in zip(originals[:half], originals[half:], strict=False):
        made = excerpt(a, b, rng)
        if made is not None:
            derived.append(made)
    rng.shuffle(derived)
    return score_copies(originals, derived)


def reprints(original: Article, rng: random.Random) -> list[_Derived]:
    """The three reprints of an original (see REPRINT_KINDS)."""
    paragraphs = _paragraphs(original.body)
    title = f"Reprinted: {original.title or paragraphs[0][:60]}"
    retitled = [f"LONDON (Reuters) - {paragraphs[0]}", *paragraphs[1:]]
    trimmed = _trimmed(paragraphs)
    edited = ["From our partners at the wire desk."]
    for paragraph in paragraphs:
        kept = [w for w in paragraph.split(" ") if rng.random() >= 1 / 15]
        edited += [" ".join(kept), rng.choice(_FURNITURE)]
    texts = {"retitled": retitled, "trimmed": trimmed, "edited": edited}
    return [
        _Derived(_article(original, kind, title, texts[kind]), kind, (original.id,))
        for kind in REPRINT_KINDS
    ]


def excerpt(a: Article, b: Article, rng: random.Random) -> _Derived | None:
    """An article of the opening paragraphs of ``a`` and ``b``, each about half of it; None
    when their paragraphs cannot be balanced so."""
    part_a, part_b = _opening(a.body, 120), _opening(b.body, 120)
    size_a, size_b = _shingles(part_a), _shingles(part_b)
    if max(size_a, size_b) > _EXCERPT_SHARE * (size_a + size_b):
        return None
    parts = [*part_a, *part_b] if rng.random() < 0.5 else [*part_b, *part_a]
    title = f"Roundup: {a.title or 'news'} and more"
    return _Derived(_article(a, "excerpt", title, parts), "excerpt", (a.id, b.id))


def score_copies(originals: Sequence[Article], derived: Sequence[_Derived]) -> CopyScores:
    """Links the originals, then the derived articles, and scores what linking found."""
    reports = [ArticleReport(article=a) for a in [*originals, *(d.article for d in derived)]]
    found = {a.id: a for story in link_reports(reports) for a in story.articles}
    truth = {d.article.id: d for d in derived}
    original_ids = {a.id for a in originals}
    marked = [a for a in found.values() if a.copy_of is not None]
    right = [
        a
        for a in marked
        if a.id in truth and truth[a.id].kind != "excerpt" and a.copy_of == truth[a.id].sources[0]
    ]
    kinds = {kind: [d for d in derived if d.kind == kind] for kind in REPRINT_KINDS}
    right_ids = {a.id for a in right}
    recall_by_kind = {
        kind: sum(d.article.id in right_ids for d in items) / len(items) if items else 1.0
        for kind, items in kinds.items()
    }
    copies = [d for items in kinds.values() for d in items]
    excerpts = [d for d in derived if d.kind == "excerpt"]
    partial_hits = sum(
        1
        for d in excerpts
        if d.article.id in found and set(d.sources) <= set(found[d.article.id].reuses)
    )
    return CopyScores(
        originals=len(originals),
        reprints={kind: len(items) for kind, items in kinds.items()},
        excerpts=len(excerpts),
        precision=len(right) / len(marked) if marked else 1.0,
        recall=len(right) / len(copies) if copies else 1.0,
        recall_by_kind=recall_by_kind,
        originals_marked_copies=sum(1 for a in marked if a.id in original_ids),
        excerpts_marked_copies=sum(
            1 for a in marked if a.id in truth and truth[a.id].kind == "excerpt"
        ),
        partial_recall=partial_hits / len(excerpts) if excerpts else 1.0,
    )


def _article(original: Article, kind: str, title: str, paragraphs: list[str]) -> Article:
    name = f"{Path(original.path or original.id).stem}.{kind}.txt"
    text = title + "\n\n" + "\n\n".join(paragraphs)
    return parse_text(text, path=name, outlet=f"{kind.title()} Daily", published=_REPRINT_DATE)


def _trimmed(paragraphs: list[str]) -> list[str]:
    return paragraphs[: max(1, round(len(paragraphs) * 0.6))]


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH.split(body) if p.strip()]


def _opening(body: str, words: int) -> list[str]:
    """The first paragraphs of ``body`` up to about ``words`` words."""
    taken: list[str] = []
    for paragraph in _paragraphs(body):
        if taken and _size(taken) >= words:
            break
        taken.append(paragraph)
    return taken


def _size(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _shingles(paragraphs: list[str]) -> int:
    """Word shingles of the paragraphs long enough to compare: the measure of shared text
    copy detection uses (sitrep.link.copies), counted exactly."""
    counts = (max(0, len(words(p)) - SHINGLE + 1) for p in paragraphs)
    return sum(n for n in counts if n >= MIN_UNIT_SHINGLES)
