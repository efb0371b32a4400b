"""A spaCy Matcher that runs only where one of its patterns can start.

A Matcher steps every pattern through every token of the doc, which on a news article costs
about a millisecond for a score of patterns. sitrep's cue patterns each begin with a word from
a small lexicon ("reportedly", a form of "believe"), so the few tokens that can start a match
are looked up in the doc's word index (:func:`~sitrep.nlp.doc.token_indices`) and the Matcher
runs on short windows from those tokens only: the same matches, in the same order.
"""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep.nlp.doc import token_indices

#: first-token attributes the word index serves, and the index's name for each
_INDEXED = {"LOWER": "lower", "LEMMA": "lemma"}


class AnchoredMatcher:
    """Matches ``patterns`` (label -> spaCy token patterns) in a doc. Each pattern's first token
    must be required (no ``OP``) and give its ``LOWER`` or ``LEMMA`` as a word or an ``IN``
    list, and each pattern must have a bounded length: a ValueError says which does not."""

    def __init__(self, vocab: Vocab, patterns: dict[str, list[list[dict]]]) -> None:
        self._matcher = Matcher(vocab)
        self._anchors: dict[str, set[str]] = {"lower": set(), "lemma": set()}
        self._width = 0
        for label, token_patterns in patterns.items():
            self._matcher.add(label, token_patterns)
            for pattern in token_patterns:
                attr, words = _first_words(label, pattern)
                self._anchors[attr].update(words)
                self._width = max(self._width, _max_length(label, pattern))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match_id, start, end) triples, as ``Matcher.__call__`` gives them for the doc."""
        starts = sorted(
            {i for attr, words in self._anchors.items() for i in token_indices(doc, words, attr)}
        )
        matches: list[tuple[int, int, int]] = []
        # Windows that overlap are run as one, so that the matches come in the order a run
        # over the whole doc yields them and none is found twice.
        window_start = window_end = -1
        for start in starts:
            if start > window_end:
                matches += self._run(doc, window_start, window_end)
                window_start = start
            window_end = min(len(doc), start + self._width)
        matches += self._run(doc, window_start, window_end)
        return matches

    def _run(self, doc: Doc, start: int, end: int) -> list[tuple[int, int, int]]:
        if start < 0:
            return []
        return [(key, start + s, start + e) for key, s, e in self._matcher(doc[start:end])]


def _first_words(label: str, pattern: list[dict]) -> tuple[str, set[str]]:
    first = pattern[0]
    for attr, index in _INDEXED.items():
        value = first.get(attr)
        if "OP" in first or value is None:
            continue
        words = value.get("IN") if isinstance(value, dict) else [value]
        if words:
            return index, {str(w).lower() for w in words}
    raise ValueError(f"{label}: a pattern's first token needs LOWER or LEMMA and no OP: {first}")


def _max_length(label: str, pattern: list[dict]) -> int:
    length = 0
    for token in pattern:
        op = token.get("OP", "1")
        most = op[1:-1].split(",")[-1].strip() if op.startswith("{") and op.endswith("}") else ""
        if op in ("1", "?"):
            length += 1
        elif op == "!":
            continue  # a negated token matches no token
        elif most:
            length += int(most)
        else:
            raise ValueError(f"{label}: a pattern of unbounded length ({op!r}): {pattern}")
    return length
