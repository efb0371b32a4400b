"""Docs parsed by hand, so that a rule family is tested on the parse it is written for, without
the statistical parser."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.nlp.attribution.candidates import Candidate, Context
from sitrep.nlp.attribution.lexicon import load_cues
from sitrep.nlp.attribution.resolver import SourceResolver
from sitrep.nlp.attribution.text import Lines, find_quotes
from sitrep.nlp.doc import new_doc_state

_NO_SPACE_BEFORE = frozenset({".", ",", ":", "\n"})


def parsed(nlp, table: str) -> Doc:
    """A doc from ``table``: one token a line, ``word head dep tag pos lemma`` (``head`` the
    head's index, ``\\n`` a line break). A token is followed by a space unless punctuation or a
    line break comes next; a sentence starts after "." and after a line break."""
    rows = [line.split() for line in table.strip().splitlines()]
    words = [row[0].replace("\\n", "\n") for row in rows]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[
            i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and word != "\n"
            for i, word in enumerate(words)
        ],
        heads=[int(row[1]) for row in rows],
        deps=[row[2] for row in rows],
        tags=[row[3] for row in rows],
        pos=[row[4] for row in rows],
        lemmas=[row[5].replace("\\n", "\n") for row in rows],
        sent_starts=[i == 0 or words[i - 1] in (".", "\n") for i in range(len(words))],
    )
    new_doc_state(doc, None)
    doc._.actors, doc._.actor_mentions = [], []
    # The questioning idioms the questioning family reads come from sitrep_certainty.
    return nlp.get_pipe("sitrep_certainty")(doc)


def context_of(doc: Doc) -> Context:
    lines = Lines(doc)
    quotes = find_quotes(lines.text)
    return Context(doc, lines, quotes, SourceResolver(doc, load_cues(), lines, quotes))


def described(doc: Doc, candidate: Candidate) -> tuple[str, str | None, str, list[str]]:
    """(rule, source words, cue words, content pieces) as written."""
    source = candidate.source.text if candidate.source is not None else None
    cue = doc.text[candidate.cue[0] : candidate.cue[1]]
    return candidate.rule, source, cue, [doc.text[s:e] for s, e in candidate.content]
