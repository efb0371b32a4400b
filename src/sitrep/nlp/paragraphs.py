"""Paragraph breaks end sentences: the ``sitrep_paragraphs`` component runs before the parser
and opens a sentence after every blank line, so that a headline, a caption or
a "Watch the video:" line is never parsed into the paragraph below it, and after a line that
ends a sentence (many scraped pages set paragraphs one a line). The parser keeps the
sentence starts it is given (spaCy's DependencyParser treats preset ``is_sent_start`` as a
constraint), and every later component sees sentences that stay within a paragraph."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphBreaks:
    """The ``sitrep_paragraphs`` component: a sentence opens after each blank line, unless a
    colon ends the paragraph before it ("told a briefing that:" and the points below), and
    after a line break that follows a sentence's end mark: the parser would otherwise run
    a quote on one line into the speaker of a quote on the next ("... the search.”" then
    "“We have no air defence,” he said.")."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:-1]:
            if not token.is_space or "\n" not in token.text:
                continue
            blank = token.text.count("\n") >= 2 and doc[token.i - 1].text != ":"
            if blank or _ends(doc, token.i):
                doc[token.i + 1].is_sent_start = True
        return doc


#: marks that end a sentence
_END_MARKS = frozenset({".", "!", "?", "…"})


def _ends(doc: Doc, i: int) -> bool:
    """Whether the words before token ``i`` end a sentence: an end mark, perhaps inside a
    closing quote or bracket ("... the search.”")."""
    j = i - 1
    while j > 0 and (doc[j].is_quote or doc[j].is_right_punct) and doc[j].text not in _END_MARKS:
        j -= 1
    return doc[j].text in _END_MARKS


@Language.factory("sitrep_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()
