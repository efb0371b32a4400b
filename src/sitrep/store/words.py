"""Word search: what a word is, how a search's words match text, and the snippet that shows
where they matched. One definition for every section the store searches (articles, stories,
claims, actors, places) and for autocompletion.

A word is a run of letters and digits; words match when they are equal once case and
diacritics are folded away ("Bogotá" matches "BOGOTA"). Whole words only, unstemmed: "Mali"
never matches "Somalia", nor "Niger" "Nigeria". Articles are matched by the database's own
word index (SQLite FTS5, PostgreSQL tsvector; sitrep.store.tables), short texts by a column
holding their folded words (``words_of``); both fold as ``fold`` does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_
from sqlalchemy.sql.elements import ColumnElement

_WORD = re.compile(r"[^\W_]+")
#: More words than this narrow a search no further and only slow the query.
MAX_TERMS = 16
#: Characters of context a snippet shows around the words it highlights.
SNIPPET_CHARS = 240


def fold(text: str) -> str:
    """``text`` lower-cased, without diacritics (compatibility-decomposed, marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def search_terms(q: str) -> list[str]:
    """The distinct folded words of a search, in order: operators, quotes and punctuation in
    user input are dropped, so no input is a syntax error in FTS5 or tsquery."""
    return list(dict.fromkeys(_WORD.findall(fold(q))))[:MAX_TERMS]


def words_of(text: str | None) -> str:
    """The folded words of ``text`` between single spaces, with a space at each end: the
    column a short text is searched by (``" word "`` is then a whole-word match)."""
    return f" {' '.join(_WORD.findall(fold(text or '')))} "


def has_words(column: Any, terms: list[str]) -> ColumnElement[bool]:
    """``column`` (a ``words_of`` column) holds every one of ``terms`` as a whole word."""
    return and_(*(column.contains(f" {term} ", autoescape=True) for term in terms))


def has_prefix(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` (a ``words_of`` column) has a word that starts with ``prefix`` (folded)."""
    return column.contains(f" {prefix}", autoescape=True)


def latin_folding() -> tuple[str, str]:
    """(from, to) for SQL ``translate``: every precomposed Latin letter with diacritics and
    its letter without them, so a database without the unaccent extension folds as ``fold``
    does (PostgreSQL's parser lower-cases the rest)."""
    source, target = [], []
    for code in range(0xC0, 0x250):
        ch = chr(code)
        folded = fold(ch)
        if len(folded) == 1 and folded != ch.lower() and folded.isascii():
            source.append(ch)
            target.append(folded)
    return "".join(source), "".join(target)


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of a text with the words a search matched in it: ``matches`` are half-open
    ``[start, end)`` offsets into ``text``; ``cut_start`` / ``cut_end`` say whether the
    passage begins or ends inside the text it was cut from."""

    text: str
    matches: tuple[tuple[int, int], ...]
    cut_start: bool
    cut_end: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "matches": [list(m) for m in self.matches],
            "cut_start": self.cut_start,
            "cut_end": self.cut_end,
        }

    def segments(self) -> list[tuple[str, bool]]:
        """The passage as (text, matched) pieces in order, for a template to escape."""
        pieces, at = [], 0
        for start, end in self.matches:
            if start > at:
                pieces.append((self.text[at:start], False))
            pieces.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            pieces.append((self.text[at:], False))
        return pieces


def snippet(text: str, terms: list[str], width: int | None = SNIPPET_CHARS) -> Snippet:
    """The passage of about ``width`` characters that holds the most distinct ``terms`` (the
    earliest such; the text's start when none occurs), cut at word boundaries, with every
    occurrence of a term marked. ``width`` None: the whole text."""
    wanted = set(terms)
    hits = [m.span() for m in _WORD.finditer(text) if fold(m.group()) in wanted]
    if width is None or len(text) <= width:
        return Snippet(text, tuple(hits), False, False)
    best, best_seen = 0, 0
    for i, (start, _) in enumerate(hits):
        seen = {fold(text[s:e]) for s, e in hits[i:] if e - start <= width}
        if len(seen) > best_seen:
            best, best_seen = start, len(seen)
    # Some context before the first match, then cut back to whole words at both ends.
    begin = max(0, best - width // 4)
    end = min(len(text), begin + width)
    if begin > 0:
        space = text.find(" ", begin, best)
        begin = space + 1 if space >= 0 else begin
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    inside = tuple((s - begin, e - begin) for s, e in hits if s >= begin and e <= end)
    return Snippet(text[begin:end], inside, begin > 0, end < len(text))
