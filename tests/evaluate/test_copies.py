"""Copy detection on made reprints: the reprints are what their kind says, and linking finds
them (invented articles from the linking tests)."""

from __future__ import annotations

import json
import random

from click.testing import CliRunner

from sitrep.cli import main
from sitrep.evaluate.copies import REPRINT_KINDS, evaluate_copies, excerpt, reprints
from sitrep.ingest.text import parse_text

from ..link.builders import (
    CAPTURE_CLAIM,
    ELECTION,
    ELECTION_FOLLOWUP,
    FLOOD,
    FLOOD_FOLLOWUP,
    MARKETS,
)

#: distinct reports (none reprints another), as the scorer assumes its originals are
ARTICLES = {
    "capture.1.txt": CAPTURE_CLAIM,
    "flood.1.txt": FLOOD,
    "flood.2.txt": FLOOD_FOLLOWUP,
    "markets.1.txt": MARKETS,
    "vote.1.txt": ELECTION,
    "vote.2.txt": ELECTION_FOLLOWUP,
}


def write_corpus(folder):
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def test_reprints_keep_the_text_their_kind_says():
    original = parse_text(FLOOD, path="flood.1.txt")
    made = {r.kind: r.article for r in reprints(original, random.Random(0))}
    assert set(made) == set(REPRINT_KINDS)
    paragraphs = original.body.split("\n")
    assert "(Reuters) -" in made["retitled"].body and paragraphs[-1] in made["retitled"].body
    assert paragraphs[0] in made["trimmed"].body and paragraphs[-1] not in made["trimmed"].body
    assert made["edited"].body != original.body
    assert all(a.title != original.title for a in made.values())
    again = {r.kind: r.article.text for r in reprints(original, random.Random(0))}
    assert again == {kind: a.text for kind, a in made.items()}


def test_an_excerpt_takes_about_half_from_each_source_or_is_not_made():
    flood, vote = parse_text(FLOOD), parse_text(ELECTION)
    made = excerpt(flood, vote, random.Random(1))
    assert made is not None and made.sources == (flood.id, vote.id)
    assert flood.body.split("\n")[0] in made.article.body
    assert vote.body.split("\n")[0] in made.article.body
    short = parse_text("A note\nRain fell on the town overnight and the river rose.")
    assert excerpt(short, vote, random.Random(1)) is None


def test_linking_finds_the_reprints_and_the_reuse(tmp_path):
    scores = evaluate_copies(write_corpus(tmp_path))
    # the capture report is three short paragraphs: trimmed, too little text to compare
    assert scores.originals == len(ARTICLES) - 1
    assert scores.reprints == {kind: scores.originals for kind in REPRINT_KINDS}
    assert scores.excerpts >= 1 and scores.partial_recall == 1.0
    assert scores.precision == 1.0 and scores.originals_marked_copies == 0
    assert scores.recall_by_kind["retitled"] == scores.recall_by_kind["trimmed"] == 1.0


def test_the_cli_prints_the_scores(tmp_path):
    result = CliRunner().invoke(main, ["evaluate", "copies", str(write_corpus(tmp_path))])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["copies"]["precision"] == 1.0 and body["originals"] == len(ARTICLES) - 1
