"""Attribution accuracy on brat standoff files (PolNeAR, Newell et al. 2018, and any corpus in
the same layout): ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME[_ANNOTATOR].ann`` with
``Source``, ``Cue`` and ``Content`` text-bound annotations (fragments joined by ``;``).

What is scored is what a user gets: the ``attributions`` of the ArticleReport that ``sitrep
analyze --json`` prints for the text (``source_span``, ``cue``, ``content_pieces``). Each
``.ann`` file is scored against them; a text with several annotators' files counts once per
file (micro-average over files). PolNeAR annotates only the outer attribution of a report of
a report (in "X said Y denied Z" only X's) and no belief or attitude inside a reported content
("X said he expects ..."), so an attribution ``within`` another is not scored when that other
only relays it (``relay``) or when it reports no speech. A span several attributions share
(one source that says two things) is one prediction, as brat annotates it once. For each
role: precision, recall and F1 by *overlap* (a predicted and a gold span of the role share a
character; each span matched at most once, largest overlaps first) and *exact* (the same
fragments, whitespace trimmed).

Beside the report's figures, where some texts were marked by several annotators, how far they
agree with each other (``annotators``): every ordered pair of their files for the same text,
one taken as gold and the other as predicted, scored as above. It is what the corpus's own
annotators reach under the same scorer, a ceiling for what a system can be expected to.

By rule (``--by-rule``): for each rule that made attributions, how many were scored, how many
were right (every span it reports matched: cue, source when it names one, content), that
precision, and what removing its attributions would cost each role's F1 (positive: the rule
helps). ``sitrep/train/calibration.py`` turns the same counts on the training split into the
confidence each attribution carries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path

from sitrep.errors import E, SitrepError
from sitrep.evaluate.metrics import f1, overlap
from sitrep.ingest.text import parse_text
from sitrep.model import Article, ArticleReport, Failure

ROLES = ("source", "cue", "content")
_TEXT_BOUND = re.compile(
    r"^T\d+\t(?P<role>Source|Cue|Content) (?P<offsets>[\d ;]+)\t", re.MULTILINE
)
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")

Fragments = tuple[tuple[int, int], ...]
AnalyzeMany = Callable[[Iterable[Article]], Iterator[ArticleReport | Failure]]
#: one scored file: its gold spans by role, the report's attributions that are scored (their
#: JSON form), and the text
Scored = tuple[dict[str, list[Fragments]], list[dict], str]


@dataclass(frozen=True)
class RoleScores:
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float
    exact_precision: float
    exact_recall: float
    exact_f1: float

    def to_dict(self) -> dict[str, float | int]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class RuleScores:
    predicted: int  # the rule's attributions that were scored
    correct: int  # those whose every span matched
    precision: float
    f1_cost: dict[str, float]  # role -> F1 with every attribution minus F1 without the rule's

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Agreement:
    """The annotators' agreement with each other (see the module docstring)."""

    texts: int  # texts marked by several annotators
    pairs: int  # ordered pairs of their files
    roles: dict[str, RoleScores]

    def to_dict(self) -> dict[str, object]:
        return {
            "texts": self.texts,
            "pairs": self.pairs,
            "roles": {name: scores.to_dict() for name, scores in self.roles.items()},
        }


@dataclass(frozen=True)
class AttributionScores:
    files: int
    texts: int
    roles: dict[str, RoleScores]
    annotators: Agreement | None = None
    by_rule: dict[str, RuleScores] | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "files": self.files,
            "texts": self.texts,
            "roles": {name: scores.to_dict() for name, scores in self.roles.items()},
        }
        if self.annotators is not None:
            data["annotators"] = self.annotators.to_dict()
        if self.by_rule is not None:
            data["by_rule"] = {name: scores.to_dict() for name, scores in self.by_rule.items()}
        return data


def read_brat(path: Path) -> dict[str, list[Fragments]]:
    """The Source, Cue and Content spans of one ``.ann`` file, by role."""
    spans: dict[str, list[Fragments]] = {role: [] for role in ROLES}
    for match in _TEXT_BOUND.finditer(path.read_text("utf-8")):
        fragments = tuple(
            (int(start), int(end))
            for start, end in (piece.split() for piece in match.group("offsets").split(";"))
        )
        spans[match.group("role").lower()].append(fragments)
    return spans


def gold_files(directory: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs under ``directory``, sorted by annotation name."""
    texts, annotations = directory / "text", directory / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise SitrepError(
            E.EVAL_DATA, what=str(directory), reason="expected the folders text/ and attributions/"
        )
    pairs = []
    for ann in sorted(annotations.glob("*.ann")):
        text = texts / f"{_ANNOTATOR.sub('', ann.stem)}.txt"
        if not text.is_file():
            text = texts / f"{ann.stem}.txt"
        if not text.is_file():
            raise SitrepError(E.EVAL_DATA, what=str(ann), reason=f"no text file {text.name}")
        pairs.append((text, ann))
    if not pairs:
        raise SitrepError(E.EVAL_DATA, what=str(directory), reason="no .ann files in attributions/")
    return pairs


def evaluate_attribution(
    directory: Path, analyze_many: AnalyzeMany, every: int = 1, by_rule: bool = False
) -> AttributionScores:
    """Scores the reports of ``analyze_many`` (e.g. ``Analyzer().analyze_many``) on the brat
    files under ``directory``; ``every`` > 1 scores every n-th text (by name) for a quick run;
    ``by_rule`` adds each rule's precision and cost."""
    items = scored_files(directory, analyze_many, every)
    return AttributionScores(
        files=len(items),
        texts=len({text for _, _, text in items}),
        roles=role_scores(items),
        annotators=annotator_agreement(directory),
        by_rule=rule_scores(items) if by_rule else None,
    )


def annotator_agreement(directory: Path) -> Agreement | None:
    """How the annotators of the texts several of them marked agree with each other (None: no
    text was marked twice)."""
    by_text: dict[Path, list[Path]] = {}
    for text, ann in gold_files(directory):
        by_text.setdefault(text, []).append(ann)
    shared = {text: anns for text, anns in by_text.items() if len(anns) > 1}
    if not shared:
        return None
    pairs = []
    for text, anns in shared.items():
        content = text.read_text("utf-8")
        spans = [read_brat(ann) for ann in anns]
        pairs += [(a, b, content) for a, b in permutations(spans, 2)]
    return Agreement(
        texts=len(shared),
        pairs=len(pairs),
        roles={role: score_role([(a[role], b[role], t) for a, b, t in pairs]) for role in ROLES},
    )


def scored_files(directory: Path, analyze_many: AnalyzeMany, every: int = 1) -> list[Scored]:
    """Each ``.ann`` file under ``directory`` (of every ``every``-th text) with the report
    attributions it scores: those of the text's ArticleReport, in their JSON form, less the
    nested ones PolNeAR does not annotate (see the module docstring)."""
    every_pair = gold_files(directory)
    names = sorted({text for text, _ in every_pair})[::every]
    chosen = set(names)
    pairs = [(text, ann) for text, ann in every_pair if text in chosen]
    texts = {name: name.read_text("utf-8") for name in names}
    reports = analyze_many(parse_text(texts[name], path=str(name)) for name in names)
    predicted = {}
    for name, report in zip(names, reports, strict=True):
        found = report.to_dict()["attributions"] if isinstance(report, ArticleReport) else []
        predicted[name] = [a for a in found if not _nested(a, found)]
    return [(read_brat(ann), predicted[text], texts[text]) for text, ann in pairs]


def _nested(attribution: dict, found: list[dict]) -> bool:
    outer = next((a for a in found if a["id"] == attribution["within"]), None)
    return outer is not None and (outer["relay"] or attribution["kind"] != "speech")


def spans_of(attribution: dict, role: str) -> Fragments | None:
    """The fragments of one role of a report attribution (None: it names no source)."""
    if role == "source":
        span = attribution["source_span"]
        return ((span["start"], span["end"]),) if span is not None else None
    if role == "cue":
        return ((attribution["cue"]["start"], attribution["cue"]["end"]),)
    return tuple((p["start"], p["end"]) for p in attribution["content_pieces"])


def role_scores(items: list[Scored]) -> dict[str, RoleScores]:
    return {
        role: score_role(
            [(gold[role], _predicted(found, role), text) for gold, found, text in items]
        )
        for role in ROLES
    }


def _predicted(found: list[dict], role: str) -> list[Fragments]:
    """The report's spans of one role, each once: the gold annotates a span once however many
    attributions share it ("X said ... and added ...": one Source)."""
    return list(dict.fromkeys(spans for a in found if (spans := spans_of(a, role)) is not None))


def rule_counts(items: list[Scored]) -> dict[str, tuple[int, int]]:
    """Per rule: (attributions scored, attributions whose every span matched), the matching of
    each role as :func:`score_role` does it."""
    counts: dict[str, list[int]] = {}
    for gold, found, _ in items:
        hits: dict[str, set[int]] = {}
        for role in ROLES:
            spans = _predicted(found, role)
            right = {spans[j] for _, j in match_pairs(gold[role], spans)}
            hits[role] = {i for i, a in enumerate(found) if spans_of(a, role) in right}
        for i, attribution in enumerate(found):
            right = all(
                i in hits[role] for role in ROLES if spans_of(attribution, role) is not None
            )
            count = counts.setdefault(attribution["rule"], [0, 0])
            count[0] += 1
            count[1] += right
    return {rule: (n, k) for rule, (n, k) in sorted(counts.items())}


def rule_scores(items: list[Scored]) -> dict[str, RuleScores]:
    """Each rule's precision (see :func:`rule_counts`) and what removing its attributions would
    cost each role's F1."""
    overall = role_scores(items)
    scores = {}
    for rule, (predicted, correct) in rule_counts(items).items():
        without = role_scores(
            [(gold, [a for a in found if a["rule"] != rule], text) for gold, found, text in items]
        )
        scores[rule] = RuleScores(
            predicted=predicted,
            correct=correct,
            precision=round(correct / predicted, 4) if predicted else 0.0,
            f1_cost={r: round(overall[r].f1 - without[r].f1, 4) for r in ROLES},
        )
    return scores


def score_role(items: list[tuple[list[Fragments], list[Fragments], str]]) -> RoleScores:
    """Scores (gold, predicted, text) triples of one role, micro-averaged."""
    n_gold = n_pred = hits = exact = 0
    for gold, predicted, text in items:
        n_gold += len(gold)
        n_pred += len(predicted)
        hits += matched(gold, predicted)
        gold_exact = [_trimmed(g, text) for g in gold]
        for p in predicted:
            key = _trimmed(p, text)
            if key in gold_exact:
                gold_exact.remove(key)
                exact += 1
    return _scores(n_gold, n_pred, hits, exact)


def matched(gold: list[Fragments], predicted: list[Fragments]) -> int:
    """How many one-to-one matches :func:`match_pairs` makes."""
    return len(match_pairs(gold, predicted))


def match_pairs(gold: list[Fragments], predicted: list[Fragments]) -> list[tuple[int, int]]:
    """One-to-one matches (gold index, predicted index) between overlapping spans, largest
    overlaps first."""
    pairs = sorted(
        ((_shared(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    found = []
    for shared, i, j in pairs:
        if shared <= 0:
            break
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            found.append((i, j))
    return found


def _shared(a: Fragments, b: Fragments) -> int:
    return sum(overlap(s1, e1, s2, e2) for s1, e1 in a for s2, e2 in b)


def _trimmed(fragments: Fragments, text: str) -> Fragments:
    out = []
    for start, end in fragments:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((start, end))
    return tuple(sorted(out))


def _scores(n_gold: int, n_pred: int, hits: int, exact: int) -> RoleScores:
    precision = hits / n_pred if n_pred else 0.0
    recall = hits / n_gold if n_gold else 0.0
    exact_p = exact / n_pred if n_pred else 0.0
    exact_r = exact / n_gold if n_gold else 0.0
    return RoleScores(
        gold=n_gold,
        predicted=n_pred,
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1(precision, recall), 4),
        exact_precision=round(exact_p, 4),
        exact_recall=round(exact_r, 4),
        exact_f1=round(f1(exact_p, exact_r), 4),
    )
