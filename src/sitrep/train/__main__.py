"""``python -m sitrep.train``: rebuilds what the package ships from ``../shared/train`` (``make
train``): the event type model (sitrep.train.events), then the calibration of the attribution
rules' confidence, measured on the pipeline as shipped. ``--only`` rebuilds one of them.
Never run at analysis time; CI uses the files in the package."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from sitrep.analyzer import Analyzer
from sitrep.settings import Settings
from sitrep.train import calibration, events

STEPS = ("events", "calibration")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sitrep.train", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the shared/train folder")
    parser.add_argument("--output", type=Path, required=True, help="src/sitrep/models")
    parser.add_argument("--only", choices=STEPS, help="rebuild only this one")
    args = parser.parse_args(argv)
    if args.only in (None, "events"):
        figures = events.train(args.data, args.output)
        print(f"events: {args.output / 'events'} {figures}")
    if args.only not in (None, "calibration"):
        return
    path = args.output / "attribution" / "calibration.json"
    found = calibration.calibrate(args.data / calibration.CORPUS, Analyzer(Settings()).analyze_many)
    data = calibration.write(found, path)
    print(
        f"calibration: {path} sha256 {hashlib.sha256(data).hexdigest()[:16]} ({found['files']} files)"
    )


if __name__ == "__main__":
    main()
