"""The attribution lexicons: cue words (resources/reporting_cues.tsv) and the word lists of
resources/attribution.yaml, read once per process."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Cue:
    stance: str
    takes: str  # clause | np | both | to | naming | reason; "-" for adjectives and nouns
    kind: str


@dataclass(frozen=True)
class CueLexicon:
    cues: dict[tuple[str, str], dict[str | None, Cue]]  # (pos, lemma) -> particle or None -> cue
    according: list[list[str]]
    reported: frozenset[str]  # adverbs of an unnamed report ("reportedly")
    citing: frozenset[str]
    quoting: frozenset[str]
    documents: frozenset[str]
    notices: frozenset[str]  # editorial labels ("Correction:") that are no speaker
    publish: frozenset[str]
    spokespersons: frozenset[str]
    persons: frozenset[str]
    bodies: frozenset[str]
    impersonal: frozenset[str]
    light: frozenset[str]
    receiving: dict[str, str | None]  # light verb -> its particle ("come under") or None
    responses: frozenset[str]  # what is received ("criticism", "scrutiny")
    not_speakers: frozenset[str]  # nouns that name no one ("evidence")


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged attribution lexicons (read once per process)."""
    root = resources.files("sitrep.resources")
    rows = [
        line
        for line in root.joinpath("reporting_cues.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    cues: dict[tuple[str, str], dict[str | None, Cue]] = {}
    for row in csv.DictReader(rows, delimiter="\t"):
        lemma, _, particle = row["cue"].partition(" ")
        cues.setdefault((row["pos"], lemma), {})[particle or None] = Cue(
            row["stance"], row["takes"], row["kind"]
        )
    data = yaml.safe_load(root.joinpath("attribution.yaml").read_text("utf-8"))
    return CueLexicon(
        cues=cues,
        according=data["according"],
        reported=frozenset(data["reported"]),
        citing=frozenset(data["citing"]),
        quoting=frozenset(data["quoting"]),
        documents=frozenset(data["documents"]),
        notices=frozenset(data["notices"]),
        publish=frozenset(data["publish"]),
        spokespersons=frozenset(data["spokespersons"]),
        persons=frozenset(data["persons"]),
        bodies=frozenset(data["bodies"]),
        impersonal=frozenset(data["impersonal"]),
        light=frozenset(data["light"]),
        receiving={
            verb: particle or None
            for verb, _, particle in (v.partition(" ") for v in data["received"]["verbs"])
        },
        responses=frozenset(data["received"]["nouns"]),
        not_speakers=frozenset(data["not_speakers"]),
    )


def stems(word: str) -> list[str]:
    """Base forms an inflected verb may have: "hoped" -> hope, hop; "hopes" -> hope;
    "hoping" -> hope, hop. The lemmatizer's rules miss some cue verbs, and a headline's title
    case hides others from the tagger."""
    for ending, bases in (("ing", ("e", "")), ("ed", ("e", "")), ("es", ("e", "")), ("s", ("",))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            root = word[: -len(ending)]
            return [root + base for base in bases]
    return []


def participle_adjective(token: Token, lexicon: CueLexicon) -> bool:
    """Whether a passive participle is an adjective of the lexicon: "were frustrated with",
    "are convinced that" (the parser tags them VERB, the lexicon lists them as ADJ)."""
    return (
        token.tag_ == "VBN"
        and ("ADJ", token.lower_) in lexicon.cues
        and any(c.dep_ == "auxpass" for c in token.children)
    )
