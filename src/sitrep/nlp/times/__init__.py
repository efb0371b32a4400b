"""Times: temporal expressions and their TimeML (TIMEX3) values, relative to the publication date.

The ``sitrep_times`` component finds expressions by pattern (``patterns``, over the word tables
of ``lexicon``), reads the tense of the verb that governs each (``tense``), and normalizes each
to its value against ``article.published`` (``values``), or for an undated article against
the date or year its text gives (``inferred``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.model import TimeRef
from sitrep.nlp.doc import article_of, keep_records, make_span, register_extensions, text_of
from sitrep.nlp.times.inferred import infer
from sitrep.nlp.times.lexicon import TimeWords, load_time_words
from sitrep.nlp.times.patterns import TimePatterns
from sitrep.nlp.times.tense import tense_of
from sitrep.nlp.times.values import TimeValues, anchor_date

__all__ = ["TimeTagger", "TimeWords", "anchor_date", "load_time_words", "make_times"]


class TimeTagger:
    """The ``sitrep_times`` component: fills ``doc._.times``."""

    def __init__(self, words: TimeWords) -> None:
        self.words = words
        self.patterns = TimePatterns(words)

    def __call__(self, doc: Doc) -> Doc:
        article = article_of(doc)
        text = text_of(doc)
        matches = self.patterns.matches(text)
        anchor = anchor_date(article.published if article is not None else None)
        values = TimeValues(self.words, anchor)
        # An undated article's relative times are read against the date or year its own text
        # gives; a value that owes its year to that carries the expression as its basis.
        inferred = infer(text, matches, self.words) if anchor is None else None
        dated = TimeValues(self.words, inferred.day) if inferred and inferred.day else None
        basis = make_span(doc, inferred.match.start, inferred.match.end) if inferred else None
        times: list[TimeRef] = []
        for match in matches:
            tense = tense_of(doc, match.start, match.end)
            value = values.value(match, tense)
            if value is None:
                continue
            found_basis = None
            if inferred is not None and match is not inferred.match:
                read = dated.value(match, tense) if dated is not None else inferred.fill(value)
                if read and read != value:
                    value, found_basis = read, basis
            span = make_span(doc, match.start, match.end)
            times.append(TimeRef(f"t{len(times) + 1}", value, span, found_basis))
        keep_records(doc, "times", times)
        return doc


# Also read, though no component declares them: token.pos (the attribute ruler sets it from the
# tag and declares nothing) and doc._.article, doc._.offset and doc._.text (set before the
# components run, by doc.new_doc_state).
@Language.factory(
    "sitrep_times",
    assigns=["doc._.times"],
    requires=["token.dep", "token.head", "token.tag", "token.lemma"],
)
def make_times(nlp: Language, name: str) -> TimeTagger:
    register_extensions()
    return TimeTagger(load_time_words())
