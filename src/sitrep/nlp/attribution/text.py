"""A doc's text as attribution reads it: its lines, and the quotations in it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.nlp.attribution.syntax import Chars
from sitrep.nlp.doc import text_of

if TYPE_CHECKING:
    from sitrep.nlp.attribution.candidates import Candidate

_NEWLINE = re.compile("\n")
# What may separate a quote from the clause that attributes it.
_QUOTE_GAP = frozenset(" \t\n,:;.—–-")
# How far a quote may end before the clause it is attributed by ('“...,” he said').
_PRECEDING_QUOTE_GAP = 4
# Opening marks and the marks that may close them: news copy often mixes curly and straight.
_OPENING = {"“": '”"', '"': '”"', "«": "»", "„": '“"', "``": "''", "''": "''"}
_QUOTE_MARK = re.compile(r"''|``|[“”«»„\"]")
_BEFORE_OPENING = frozenset(" \t([{—–-:")


class Lines:
    """A doc's text and its line breaks, computed once per doc. The parser may run a headline
    into the first paragraph; no source or content crosses a line break."""

    def __init__(self, doc: Doc) -> None:
        self.text = text_of(doc)
        self.breaks = [m.start() for m in _NEWLINE.finditer(self.text)]

    def bounds(self, pos: int) -> Chars:
        """The line that holds character ``pos``."""
        i = bisect.bisect_left(self.breaks, pos)
        start = self.breaks[i - 1] + 1 if i > 0 else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return start, end

    def clip(self, start: int, end: int, anchor: int) -> Chars:
        low, high = self.bounds(anchor)
        return max(start, low), min(end, high)

    def span(self, span: SpacySpan) -> SpacySpan:
        """``span`` within the line of its head word."""
        start, end = self.clip(span.start_char, span.end_char, span.root.idx)
        if (start, end) == (span.start_char, span.end_char):
            return span  # on one line: the common case, without a search for its tokens
        return span.doc.char_span(start, end, alignment_mode="expand") or span


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # the opening mark
    end: int  # after the closing mark, or the end of the paragraph when left open
    chain: int  # index of the first quote of a quotation running over several paragraphs


def find_quotes(text: str) -> list[Quote]:
    """Quotations in ``text``: curly and straight double quotes, typewriter pairs ('' and ``),
    guillemets. A paragraph that ends inside a quote and a next paragraph that opens one
    continue the same quotation (the news convention for quotes over several paragraphs)."""
    quotes: list[Quote] = []
    pos = 0
    left_open = False
    for paragraph in text.split("\n"):
        opened: tuple[int, str] | None = None
        continues = False
        lead = len(paragraph) - len(paragraph.lstrip())
        for mark in _QUOTE_MARK.finditer(paragraph):
            ch, at = mark.group(), pos + mark.start()
            if opened is None:
                straight = ch in ('"', "''")
                if ch in _OPENING and (
                    not straight or at == pos or text[at - 1] in _BEFORE_OPENING
                ):
                    opened = (at, _OPENING[ch])
                    continues = left_open and mark.start() == lead
                elif ch == "”" and mark.start() == lead and not left_open:
                    # A closing mark typed for an opening one at the head of a paragraph.
                    opened = (at, '”"')
            elif ch in opened[1]:
                chain = quotes[-1].chain if continues and quotes else len(quotes)
                quotes.append(Quote(opened[0], at + len(ch), chain))
                opened = None
        end = pos + len(paragraph)
        if opened is not None:
            chain = quotes[-1].chain if continues and quotes else len(quotes)
            quotes.append(Quote(opened[0], end, chain))
            left_open = True
        elif paragraph.strip():
            left_open = False
        pos = end + 1
    return quotes


def quote_content(content: list[Chars], quotes: list[Quote]) -> list[Chars]:
    """A content that lies inside a quotation becomes the whole quotation, over all the
    sentences and paragraphs it runs."""
    out: list[Chars] = []
    for start, end in content:
        quote = next((q for q in quotes if q.start <= start and end <= q.end), None)
        if quote is None:
            out.append((start, end))
            continue
        out.extend((q.start, q.end) for q in quotes if q.chain == quote.chain)
    return sorted(set(out))


def preceding_quote(
    text: str, verb: Token, named: list[SpacySpan], quotes: list[Quote]
) -> list[Chars]:
    """'“...,” he said' and '“...,” TASS quoted him as saying' where the parser gives the verb
    no complement; ``named`` are the source and relays named in the clause."""
    start = min([verb.idx, *(span.start_char for span in named)])
    for quote in reversed(quotes):
        if quote.end <= start:
            if (
                set(text[quote.end : start]) <= _QUOTE_GAP
                and start - quote.end <= _PRECEDING_QUOTE_GAP
            ):
                return [
                    (q.start, q.end) for q in quotes if q.chain == quote.chain and q.end <= start
                ]
            return []
    return []


def attach_following_quotes(text: str, candidates: list[Candidate], quotes: list[Quote]) -> None:
    """'He said: “...”' and the second half of '“...,” he said. “...”': a quote right after
    an attribution clause, and claimed by no other, continues its content."""
    claimed = {q for c in candidates for q in _quotes_in(quotes, c.content)}
    for candidate in candidates:
        after = max(
            candidate.cue[1], candidate.source.end_char if candidate.source is not None else 0
        )
        own_quotes = _quotes_in(quotes, candidate.content)
        if any(end > after for _, end in candidate.content) and not own_quotes:
            continue
        after = max([after, *(end for _, end in candidate.content)])
        for index, quote in enumerate(quotes):
            if quote.start < after:
                continue
            if index not in claimed and set(text[after : quote.start]) <= _QUOTE_GAP:
                chain = [
                    i
                    for i, q in enumerate(quotes)
                    if q.chain == quote.chain and q.start >= quote.start
                ]
                candidate.content.extend((quotes[i].start, quotes[i].end) for i in chain)
                claimed.update(chain)
            break


def _quotes_in(quotes: list[Quote], pieces: list[Chars]) -> set[int]:
    return {i for i, q in enumerate(quotes) for s, e in pieces if s <= q.start and q.end <= e}


def inside(quotes: list[Quote], pos: int) -> bool:
    """Whether character ``pos`` lies within a quotation (not on its marks)."""
    return any(q.start < pos < q.end for q in quotes)
