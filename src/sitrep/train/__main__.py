"""``python -m sitrep.train``: rebuilds what the package ships from ``../shared/train`` (``make
train``): the calibration of the attribution rules' confidence, measured on the pipeline as
shipped. Never run at analysis time; CI uses the files in the package."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from sitrep.analyzer import Analyzer
from sitrep.settings import Settings
from sitrep.train import calibration


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sitrep.train", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the shared/train folder")
    parser.add_argument("--output", type=Path, required=True, help="src/sitrep/models")
    args = parser.parse_args(argv)
    path = args.output / "attribution" / "calibration.json"
    found = calibration.calibrate(args.data / calibration.CORPUS, Analyzer(Settings()).analyze_many)
    data = calibration.write(found, path)
    print(
        f"calibration: {path} sha256 {hashlib.sha256(data).hexdigest()[:16]} ({found['files']} files)"
    )


if __name__ == "__main__":
    main()
