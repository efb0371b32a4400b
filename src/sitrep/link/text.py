"""Text features the linkers share: words, crude stems, content terms and paragraphs.

Linking reads stored reports, not spaCy Docs, so it works from the article text alone: a
regex tokenizer and a suffix-stripping stemmer that folds inflections ("captured", "captures",
"capturing" -> "captur") are enough to compare articles and claims across outlets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from sitrep.model import Article

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_POSSESSIVE = re.compile(r"'s?$")
_PARAGRAPH = re.compile(r"\n\s*")
# Words doubled before a suffix ("stopped", "shipping") keep one consonant; these doubles are
# part of the stem itself ("killed", "passed", "buzzing").
_KEEP_DOUBLE = frozenset("lsz")
#: longest unit of copy comparison, in words: longer paragraphs are cut at sentence ends so that
#: a reprint of part of a wall-of-text article still matches unit by unit
MAX_UNIT_WORDS = 80


def words(text: str) -> list[str]:
    """Case-folded word tokens (hyphenated and apostrophe words kept whole)."""
    return [
        w.replace("’", "'") for w in _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    ]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, deterministic stem: inflectional suffixes off, so word forms of one lemma meet,
    and a possessive too ("Navy's" meets "Navy", "rebels'" meets "rebels")."""
    word = _POSSESSIVE.sub("", word)
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if not word.endswith(suffix):
            continue
        base = word[: len(word) - len(suffix)] + repl
        if (
            len(base) < 3
            or (suffix == "s" and word[-2] in "isu")
            or (suffix == "es" and word[-3] not in "sxzh")
        ):
            continue
        if (
            len(base) > 3
            and base[-1] == base[-2]
            and base[-1] not in _KEEP_DOUBLE
            and base[-1] not in "aeiou"
        ):
            base = base[:-1]
        return _drop_e(base)
    return _drop_e(word)


def _drop_e(base: str) -> str:
    # "seize"/"seized" and "agree"/"agreed" meet at "seiz" and "agre"
    return base[:-1] if len(base) > 4 and base.endswith("e") else base


def is_content(word: str) -> bool:
    """True for words that carry topic: not stop words, not bare numbers, not one letter."""
    return len(word) > 1 and word not in STOP_WORDS and not word.isdigit()


def content_terms(text: str) -> list[str]:
    """Stems of the content words of ``text``, in order."""
    return [stem(w) for w in words(text) if is_content(w)]


def units(article: Article) -> list[str]:
    """The article body as comparison units: paragraphs, with long ones cut at sentence ends
    into pieces of at most about ``MAX_UNIT_WORDS`` words."""
    out: list[str] = []
    for paragraph in _PARAGRAPH.split(article.body):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if len(paragraph.split()) <= MAX_UNIT_WORDS:
            out.append(paragraph)
            continue
        piece: list[str] = []
        size = 0
        for sentence in _sentences(paragraph):
            n = len(sentence.split())
            if piece and size + n > MAX_UNIT_WORDS:
                out.append(" ".join(piece))
                piece, size = [], 0
            piece.append(sentence)
            size += n
        if piece:
            out.append(" ".join(piece))
    return out


def _sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(paragraph):
        out.append(paragraph[start : end.end()].strip())
        start = end.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]
