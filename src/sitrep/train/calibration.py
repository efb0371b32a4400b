"""Recipe: the confidence of the attribution rules, from PolNeAR's training split (``make
train``; read at run time by ``sitrep/nlp/attribution/confidence.py``).

Runs the shipped pipeline over ``../shared/train/attribution/polnear_train``, scores the
report's attributions against the gold spans exactly as ``sitrep evaluate attribution
--by-rule`` does (an attribution is right when every span it reports overlaps a gold span of its
role, matched one to one), and writes each rule's counts and precision. A rule seen rarely is
shrunk toward its family's precision, and a family toward the overall one (``PRIOR_WEIGHT``
pseudo-attributions of the prior, the estimate of a beta-binomial with that prior). Nothing in
it is random, and the JSON is written with sorted keys, so two runs give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.evaluate.attribution import AnalyzeMany, rule_counts, scored_files

#: How many pseudo-attributions the prior counts for: a rule seen 20 times lies halfway between
#: its own precision and its family's. Small enough that the rules PolNeAR sees hundreds of
#: times keep their own figure; large enough that a rule right 3 times in 3 is not "certain".
PRIOR_WEIGHT = 20
#: where the training split lies under ``../shared/train``
CORPUS = Path("attribution") / "polnear_train"
_DIGITS = 4


def calibrate(directory: Path, analyze_many: AnalyzeMany) -> dict:
    """The calibration (see the module docstring) of the pipeline behind ``analyze_many`` on
    the brat corpus in ``directory``."""
    items = scored_files(directory, analyze_many)
    return {
        "corpus": directory.name,
        "files": len(items),
        "texts": len({text for _, _, text in items}),
        **calibration(rule_counts(items)),
    }


def calibration(counts: dict[str, tuple[int, int]]) -> dict:
    """Per rule, per family and overall: attributions scored, right, precision and the
    smoothed estimate, from (scored, right) per rule ("family.rule")."""
    total = sum(n for n, _ in counts.values())
    right = sum(k for _, k in counts.values())
    overall = _row(total, right, right / total if total else 0.0)
    families: dict[str, tuple[int, int]] = {}
    for rule, (n, k) in counts.items():
        family = rule.partition(".")[0]
        seen, hits = families.get(family, (0, 0))
        families[family] = (seen + n, hits + k)
    family_rows = {f: _row(n, k, overall["estimate"]) for f, (n, k) in families.items()}
    rules = {
        rule: _row(n, k, family_rows[rule.partition(".")[0]]["estimate"])
        for rule, (n, k) in counts.items()
    }
    return {
        "prior_weight": PRIOR_WEIGHT,
        "overall": overall,
        "families": dict(sorted(family_rows.items())),
        "rules": dict(sorted(rules.items())),
    }


def _row(scored: int, right: int, prior: float) -> dict:
    return {
        "scored": scored,
        "right": right,
        "precision": round(right / scored, _DIGITS) if scored else None,
        "estimate": round((right + PRIOR_WEIGHT * prior) / (scored + PRIOR_WEIGHT), _DIGITS),
    }


def write(calibration: dict, path: Path) -> bytes:
    """Writes ``calibration`` as JSON (sorted keys, so the same counts give the same bytes) and
    returns the bytes written."""
    data = (json.dumps(calibration, indent=2, sort_keys=True) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data
