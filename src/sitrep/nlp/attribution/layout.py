"""6. Layout: attributions made by layout rather than words.

Rules: ``colon_quote`` (a colon that opens a quotation no cue word introduces: 'Senator Hits
Bank Chief: “Resign”'), ``inverted_verb`` ('Said Okafor: “...”'), ``signature`` (a quotation
signed with a dash: '“...” ― Jane Doe') and ``speaker_label`` (a name and a colon opening a
line: 'Pence: Flowers won't be at debate', 'WALLACE: Let's start').
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sitrep.nlp.attribution.candidates import Candidate, Context
from sitrep.nlp.attribution.lexicon import CueLexicon, stems
from sitrep.nlp.attribution.syntax import (
    SPEAKER_ENTITIES,
    chars,
    noun_phrase,
    runs,
    subject_of,
)
from sitrep.nlp.attribution.text import Quote, inside
from sitrep.nlp.doc import opens_body
from sitrep.nlp.words import NOMINAL_PRONOUNS, PRONOUNS

# '“...” ― Jane Doe': a dash after a quotation, then a name to the end of the line.
_SIGNATURE = re.compile(
    r"[ \t\xa0]*(?P<dash>―|—|–|--)[ \t\xa0]*(?P<name>[A-Z][^\n,.;:(]{1,60}?)[ \t\xa0]*(?:[,.;(]|$)",
    re.MULTILINE,
)
# 'Pence: Flowers won't be at debate', '"WALLACE: Let's start': a line opening with a name.
_SPEAKER_LABEL = re.compile(
    r"^[\"“]?(?P<name>[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3})(?P<colon>:)[ \t]+(?=\S)",
    re.MULTILINE,
)
_COLON_QUOTE = re.compile(r":[ \t\xa0]*(?=(?P<mark>[“\"‘']|``))")
#: pronouns that stand for one person, who may speak a quotation after a colon
_PERSON_PRONOUNS = frozenset(
    w for w in NOMINAL_PRONOUNS if PRONOUNS[w].person == 3 and PRONOUNS[w].refers_to == "person"
)


class Layout:
    """Family 6: attributions made by layout rather than words."""

    name = "layout"

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon

    def propose(self, context: Context, found: list[Candidate]) -> list[Candidate]:
        doc, text, quotes = context.doc, context.text, context.quotes
        taken = {c.head for c in found}
        candidates = _colon_quotes(doc, text, quotes, found, self.lexicon)
        candidates += _signatures(doc, text, quotes, taken)
        candidates += _speaker_labels(doc, text, self.lexicon)
        return candidates


def _signatures(doc: Doc, text: str, quotes: list[Quote], taken: set[int]) -> list[Candidate]:
    """A quotation signed with a dash ('“...” ― Jane Doe')."""
    candidates = []
    for quote in quotes:
        match = _SIGNATURE.match(text, quote.end)
        if match is None:
            continue
        source = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
        if source is None or dash is None or dash.root.i in taken:
            continue
        content = [
            (q.start, q.end) for q in quotes if q.chain == quote.chain and q.end <= quote.end
        ]
        # The dash itself, not its token: '”―' is one token that starts inside the quotation.
        cue = (match.start("dash"), match.end("dash"))
        candidates.append(
            Candidate(
                "signature",
                cue,
                content,
                source,
                "asserts",
                "speech",
                "signature",
                dash.root.i,
                None,
            )
        )
    return candidates


def _speaker_labels(doc: Doc, text: str, lexicon: CueLexicon) -> list[Candidate]:
    """A name before a colon at the start of a line, the headline and transcript convention
    ('Pence: Flowers won't be at debate', 'WALLACE: Let's start'), where an artefact may stand
    in the name's place ('Poll: Clinton leads in Ohio')."""
    candidates = []
    labels = list(_SPEAKER_LABEL.finditer(text))
    # The words of named speakers, wanted only for a label (few articles have one).
    named = (
        {t.lower_ for ent in doc.ents if ent.label_ in SPEAKER_ENTITIES for t in ent}
        if labels
        else set()
    )
    for match in labels:
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        colon = doc.char_span(match.start("colon"), match.end("colon"), alignment_mode="expand")
        if (
            name is None
            or colon is None
            or name.text.lower() in lexicon.notices
            or not (
                # A headline's capitals hide a name from the tagger ('Mendez: ...' as a noun);
                # the article names it again where the entity recogniser finds it.
                all(
                    t.pos_ == "PROPN" or t.is_upper or not t.is_alpha or t.lower_ in named
                    for t in name
                )
                or (len(name) == 1 and name.root.lemma_.lower() in lexicon.documents)
            )
        ):
            continue
        line_end = text.find("\n", match.end())
        end = len(text) if line_end < 0 else line_end
        content = runs(
            [t for t in doc.char_span(match.end(), end, alignment_mode="contract") or ()]
        )
        if content:
            candidates.append(
                Candidate(
                    "speaker_label",
                    chars(colon),
                    content,
                    name,
                    "asserts",
                    "speech",
                    "label",
                    colon.root.i,
                    None,
                )
            )
    return candidates


def _colon_quotes(
    doc: Doc, text: str, quotes: list[Quote], found: list[Candidate], lexicon: CueLexicon
) -> list[Candidate]:
    """A quotation opened by a colon and claimed by no other cue: the colon is the cue (PARC
    3.0, punctuation as cue) and the clause before it names the speaker when its subject is a
    person or body ('The senator rounds on the bank chief: “Resign”'). A headline quotes in single
    marks (AP style), so there a single mark after the colon opens the rest of the line."""
    starts = {q.start: q for i, q in enumerate(quotes) if q.chain == i}
    headline = text.find("\n") if opens_body(doc) else 0
    candidates = []
    for match in _COLON_QUOTE.finditer(text):
        colon = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")
        if colon is None or inside(quotes, match.start()):
            continue
        sentence = colon.root.sent
        if any(sentence.start <= d.head < colon.root.i for d in found):
            continue  # the quotation goes on with a report already found ('said X: “...”')
        quote = starts.get(match.end())
        if quote is not None:
            content = [(q.start, q.end) for q in quotes if q.chain == quote.chain]
        elif match.start() < headline and match.group("mark") in "‘'":
            content = [(match.end(), headline)]
        else:
            continue
        # The words since the last full stop: the parser may join a short sentence to one before.
        start = colon.root.i
        while (
            start > sentence.start
            and not doc[start - 1].is_sent_end
            and doc[start - 1].text not in ".!?"
        ):
            start -= 1
        opener = doc[start]
        if opener.i + 1 < colon.root.i and any(
            ("VERB", form) in lexicon.cues
            for form in (opener.lemma_.lower(), opener.lower_, *stems(opener.lower_))
        ):
            # 'Said Okafor: “...”': the inverted attribution, a verb the tagger missed.
            candidates.append(
                Candidate(
                    "inverted_verb",
                    chars(doc[opener.i : opener.i + 1]),
                    content,
                    doc[opener.i + 1 : colon.root.i],
                    "asserts",
                    "speech",
                    "label",
                    opener.i,
                    None,
                )
            )
            continue
        head = colon.root.head
        subject = subject_of(head) if head.i < colon.root.i else None
        source = (
            noun_phrase(subject)
            if subject is not None
            and (subject.ent_type_ in SPEAKER_ENTITIES or subject.lower_ in _PERSON_PRONOUNS)
            else None
        )
        candidates.append(
            Candidate(
                "colon_quote",
                chars(colon),
                content,
                source,
                "asserts",
                "speech",
                "label",
                colon.root.i,
                None,
            )
        )
    return candidates
