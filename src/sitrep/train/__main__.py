"""``python -m sitrep.train``: rebuilds what the package ships from ``../shared/train`` (``make
train``): the attribution model's weights, then the calibration of the attribution rules'
confidence (run after the weights: it measures the pipeline as shipped). Never run at analysis
time; CI uses the files in the package."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from sitrep.analyzer import Analyzer
from sitrep.settings import DEFAULT_MODEL, Settings
from sitrep.train import attribution, calibration

STEPS = ("weights", "calibration")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sitrep.train", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the shared/train folder")
    parser.add_argument("--output", type=Path, required=True, help="src/sitrep/models")
    parser.add_argument("--cache", type=Path, default=Path("artifacts"), help="parsed corpora")
    parser.add_argument(
        "--step",
        action="append",
        choices=STEPS,
        help="run only this step (repeatable; default: every step, in this order: "
        + ", ".join(STEPS)
        + ")",
    )
    args = parser.parse_args(argv)
    steps = args.step or STEPS
    out = args.output / "attribution"
    out.mkdir(parents=True, exist_ok=True)
    if "weights" in steps:
        _weights(args.data, args.cache, out)
    if "calibration" in steps:
        found = calibration.calibrate(
            args.data / calibration.CORPUS, Analyzer(Settings()).analyze_many
        )
        data = calibration.write(found, out / "calibration.json")
        print(
            f"calibration: {out / 'calibration.json'} sha256 "
            f"{hashlib.sha256(data).hexdigest()[:16]} ({found['files']} files)"
        )


def _weights(data: Path, cache: Path, out: Path) -> None:
    chooser = attribution.build(
        data / "attribution" / "polnear_train", cache / "polnear_train.spacy", DEFAULT_MODEL
    )
    weights = chooser.to_bytes()
    (out / "weights.npy.gz").write_bytes(weights)
    print(
        f"attribution: {out / 'weights.npy.gz'} sha256 {hashlib.sha256(weights).hexdigest()[:16]}"
    )


if __name__ == "__main__":
    main()
