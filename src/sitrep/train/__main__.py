"""``python -m sitrep.train``: rebuilds the shipped weights from ``../shared/train`` (``make
train``). Never run at analysis time; CI uses the weights in the package."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from sitrep.settings import DEFAULT_MODEL
from sitrep.train import attribution


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sitrep.train", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="the shared/train folder")
    parser.add_argument("--output", type=Path, required=True, help="src/sitrep/models")
    parser.add_argument("--cache", type=Path, default=Path("artifacts"), help="parsed corpora")
    args = parser.parse_args(argv)
    out = args.output / "attribution"
    out.mkdir(parents=True, exist_ok=True)
    chooser = attribution.build(
        args.data / "attribution" / "polnear_train",
        args.cache / "polnear_train.spacy",
        DEFAULT_MODEL,
    )
    weights = chooser.to_bytes()
    (out / "weights.npy.gz").write_bytes(weights)
    print(
        f"attribution: {out / 'weights.npy.gz'} sha256 {hashlib.sha256(weights).hexdigest()[:16]}"
    )


if __name__ == "__main__":
    main()
