"""``python -m sitrep.train``: rebuilds what the package ships from ``../shared/train`` (``make
train``): the event type model (sitrep.train.events), the event role scorer
(sitrep.train.roles), the learned cue detector of attribution, then the calibration of the attribution rules' confidence, measured on the
pipeline as shipped (with the new detector). ``--only`` rebuilds one of them. Never run at
analysis time; CI uses the files in the package."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from sitrep.analyzer import Analyzer
from sitrep.nlp.attribution.learned import WEIGHTS, load_cue_model
from sitrep.nlp.events import learned_roles
from sitrep.settings import Settings
from sitrep.train import calibration, cues, events, roles

STEPS = ("events", "roles", "cues", "calibration")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sitrep.train", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the shared/train folder")
    parser.add_argument("--output", type=Path, required=True, help="src/sitrep/models")
    parser.add_argument("--only", choices=STEPS, help="rebuild only this one")
    args = parser.parse_args(argv)
    settings = Settings()
    steps = STEPS if args.only is None else (args.only,)

    if "events" in steps:
        figures = events.train(args.data, args.output)
        print(f"events: {args.output / 'events'} {figures}")

    if "roles" in steps:
        weights = args.output / learned_roles.WEIGHTS[1]
        role_model, report = roles.train(args.data, settings.model)
        weights.parent.mkdir(parents=True, exist_ok=True)
        data = role_model.to_bytes()
        weights.write_bytes(data)
        weights.with_suffix(".json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
        print(f"role model: {weights} sha256 {_digest(data)} {json.dumps(report['dev_f1'])}")
        learned_roles._shipped.cache_clear()

    if "cues" in steps:
        weights = args.output / WEIGHTS[1]
        cue_model, report = cues.train(args.data / cues.CORPUS, settings.model)
        weights.parent.mkdir(parents=True, exist_ok=True)
        data = cue_model.to_bytes()
        weights.write_bytes(data)
        weights.with_suffix(".json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
        print(
            f"cue model: {weights} sha256 {_digest(data)} {json.dumps(report['held_out_report_f1'])}"
        )
        load_cue_model.cache_clear()

    if "calibration" in steps:
        path = args.output / "attribution" / "calibration.json"
        analyze_many = Analyzer(settings).analyze_many
        found = calibration.calibrate(args.data / calibration.CORPUS, analyze_many)
        data = calibration.write(found, path)
        print(f"calibration: {path} sha256 {_digest(data)} ({found['files']} files)")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


if __name__ == "__main__":
    main()
