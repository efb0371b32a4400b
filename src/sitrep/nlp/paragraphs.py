"""Paragraph breaks end sentences: the ``sitrep_paragraphs`` component runs before the parser
and opens a sentence after every blank line, so that a headline, a caption or
a "Watch the video:" line is never parsed into the paragraph below it. The parser keeps the
sentence starts it is given (spaCy's DependencyParser treats preset ``is_sent_start`` as a
constraint), and every later component sees sentences that stay within a paragraph."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphBreaks:
    """The ``sitrep_paragraphs`` component: a sentence opens after each blank line, unless a
    colon ends the paragraph before it ("told a briefing that:" and the points below)."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:-1]:
            if token.is_space and token.text.count("\n") >= 2 and doc[token.i - 1].text != ":":
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("sitrep_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()
