"""Confidence of an attribution: the precision of the rule that found it, measured on annotated
news (PolNeAR's training split) by ``python -m sitrep.train`` and shipped as
``sitrep/models/attribution/calibration.json`` (its card is the README beside it).

An attribution counts as right when every span it reports (cue, source when it names one,
content) overlaps a gold span of that role, matched one to one as ``sitrep evaluate
attribution`` matches them. A rule seen rarely gets an estimate shrunk toward its family's
precision (see sitrep/train/calibration.py), so that three lucky hits do not make it certain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: where the calibration lies in the package
CALIBRATION = ("sitrep.models", "attribution/calibration.json")


@dataclass(frozen=True)
class Calibration:
    rules: dict[str, float]  # "cues.verb" -> estimated precision
    families: dict[str, float]  # "cues" -> estimated precision
    overall: float | None

    def confidence(self, rule: str) -> float | None:
        """The estimated precision of ``rule`` ("family.rule"); a rule written after the
        calibration ran gets its family's, then the overall one. None when the package ships
        no calibration (a checkout before ``make train`` first wrote it)."""
        found = self.rules.get(rule)
        if found is None:
            found = self.families.get(rule.partition(".")[0], self.overall)
        return found

    @classmethod
    def from_dict(cls, data: dict) -> Calibration:
        return cls(
            rules={name: row["estimate"] for name, row in data["rules"].items()},
            families={name: row["estimate"] for name, row in data["families"].items()},
            overall=data["overall"]["estimate"],
        )


@lru_cache(maxsize=1)
def load_calibration() -> Calibration:
    """The packaged calibration (read once per process; empty when there is none)."""
    package, name = CALIBRATION
    path = resources.files(package).joinpath(name)
    if not path.is_file():
        return Calibration({}, {}, None)
    return Calibration.from_dict(json.loads(path.read_text("utf-8")))
