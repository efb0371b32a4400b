"""What sitrep keeps on a spaCy ``Doc``, and the one way to turn doc offsets into spans.

Every extension holds plain data (strings, numbers, lists and string-keyed dicts of them), so a
finished Doc serializes (``doc.to_bytes()``, ``DocBin``, ``nlp.pipe(n_process=...)``). Records
cross the Doc in their JSON form (``to_dict``); :func:`records` reads them back typed and
``nlp/report.py`` builds the ArticleReport from them, in one place, after the pipeline.

One offset system: every character offset kept in an extension or a record indexes
``article.text``. The Doc is built from ``article.body`` (or from one window of a long body);
``doc._.offset`` is where its text starts in ``article.text``, and :func:`make_span` is the one
conversion from doc characters.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.model import (
    Actor,
    Article,
    Attribution,
    Claim,
    Event,
    Hedge,
    Place,
    Span,
    TimeRef,
    UnplacedName,
)

#: The record lists a component may keep, each as its records' ``to_dict()`` forms.
RECORDS = {
    "actors": Actor,
    "places": Place,
    "unplaced": UnplacedName,
    "times": TimeRef,
    "events": Event,
    "hedges": Hedge,
    "attributions": Attribution,
    "claims": Claim,
}

#: Set by :func:`new_doc_state` before the components run. Any component may read them; none
#: declares them in its ``requires`` (spaCy's ``analyze_pipes`` would find no component that
#: assigns them).
INPUTS = (
    "article",  # dict: Article.to_dict() of the record the doc was built from (see article_of)
    "offset",  # int: where doc.text starts in article.text
    "text",  # str: doc.text, kept (see text_of)
)
#: Worked out from the doc's tokens by whichever step first asks, then kept. Any component may
#: fill or read them, and none declares them: they hold nothing a component decided.
CACHES = (
    "sentence_ids",  # list[int]: each token's sentence number (see sentence_numbers)
    "word_index",  # dict: "lemma|word" / "lower|word" -> token indices (see tokens_with)
)
#: Every extension; past INPUTS and CACHES, each is assigned by the components that declare it.
EXTENSIONS = (
    *INPUTS,
    *CACHES,
    *RECORDS,  # list[dict]: each a record's to_dict() (see records)
    "actor_mentions",  # list[[start, end, actor_id, via]]: sorted (see actors.actor_mentions)
    "attribution_frames",  # list[dict]: AttributionFrame.to_dict() (see attribution_frames)
    "verification_cues",  # list[dict]: certainty's checks, checkers unresolved
    "verifications",  # list[dict]: the checks that count, checkers resolved by attribution
)

# How spaCy keys an extension's value in ``doc.user_data`` (spacy.tokens.underscore).
_ARTICLE, _OFFSET = (("._.", name, None, None) for name in ("article", "offset"))


def register_extensions() -> None:
    """Registers sitrep's Doc extensions once; safe to call repeatedly. Every component's
    factory calls it, so a component added to any pipeline (``nlp.add_pipe``) finds them."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def article_of(doc: Doc) -> Article | None:
    """The article the doc was built from (None for a doc made without one)."""
    data = doc._.article
    return None if data is None else Article.from_dict(data)


def records(doc: Doc, name: str) -> list:
    """The typed records a component kept under ``name`` (one of :data:`RECORDS`)."""
    make = RECORDS[name].from_dict
    return [make(data) for data in getattr(doc._, name) or ()]


def keep_records(doc: Doc, name: str, items) -> None:
    """Keeps ``items`` (records of ``RECORDS[name]``) on the doc in their JSON form."""
    setattr(doc._, name, [item.to_dict() for item in items])


def make_span(doc: Doc, start_char: int, end_char: int) -> Span:
    """A record Span for doc-relative character offsets, shifted to index article.text."""
    # The inputs straight from user_data, where ``doc._`` keeps them: spans are made by the
    # ten thousand per few hundred articles, and each ``doc._`` read builds a proxy object.
    data = doc.user_data
    article = data.get(_ARTICLE)
    if article is None:
        return Span(start_char, end_char, text_of(doc)[start_char:end_char])
    # Slicing the article's own string: doc.text is rebuilt from tokens on every access.
    offset = data.get(_OFFSET) or 0
    start, end = start_char + offset, end_char + offset
    return Span(start, end, article["text"][start:end])


def text_of(doc: Doc) -> str:
    """``doc.text``, which spaCy joins anew from every token on each access (milliseconds on
    a news article): read once per doc and kept."""
    if doc._.text is None:
        doc._.text = doc.text
    return doc._.text


def sentence_numbers(doc: Doc) -> list[int]:
    """Each token's sentence number (index by ``token.i``; equal numbers, one sentence).
    ``Token.sent`` walks the parse to the sentence's ends on every access; the numbers are
    worked out once per doc."""
    numbers = doc._.sentence_ids
    if numbers is None or len(numbers) != len(doc):
        starts = doc.to_array("SENT_START") == 1
        if len(starts):
            starts[0] = True
        numbers = doc._.sentence_ids = (np.cumsum(starts) - 1).tolist()
    return numbers


def tokens_with(doc: Doc, words: Collection[str], attr: str = "lemma") -> list[Token]:
    """The doc's tokens, in order, whose lower-cased lemma (``attr="lemma"``) or lower-cased
    form (``"lower"``) is one of ``words``."""
    return [doc[i] for i in token_indices(doc, words, attr)]


def token_indices(doc: Doc, words: Collection[str], attr: str = "lemma") -> list[int]:
    """The indices of :func:`tokens_with`'s tokens. Looked up in an index built once per doc:
    steps that each want the few tokens of a small lexicon would otherwise each walk every
    token."""
    index = doc._.word_index
    if index is None:
        index = doc._.word_index = _word_index(doc)
    return sorted(i for word in words for i in index.get(f"{attr}|{word}", ()))


def _word_index(doc: Doc) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for token in doc:
        index.setdefault(f"lemma|{token.lemma_.lower()}", []).append(token.i)
        index.setdefault(f"lower|{token.lower_}", []).append(token.i)
    return index


def span_of(doc: Doc, span: SpacySpan) -> Span:
    return make_span(doc, span.start_char, span.end_char)


def new_doc_state(doc: Doc, article: Article | None, window: tuple[int, int] | None = None) -> None:
    """Sets the extensions every component may read, before the components run. The doc is
    built from the article's body, or from ``window``, the ``[start, end)`` of
    ``article.text`` it holds when it is one window of a long body (see nlp/windows.py)."""
    doc._.article = article.to_dict() if article is not None else None
    if article is None:
        doc._.offset, doc._.text = 0, None
        return
    start, end = window or (article.body_start, article.end)
    doc._.offset = start
    # The doc's text is that slice (see analyzer._tokenize), kept rather than joined anew.
    doc._.text = article.text[start:end]


def opens_body(doc: Doc) -> bool:
    """Whether the doc's text starts where the article's body does: only there is its first
    line the headline, not a paragraph of a later window of a long article."""
    article = doc._.article
    return article is None or doc._.offset == article["body"]["start"]
