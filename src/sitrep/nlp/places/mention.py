"""What the place rule families pass each other: a mention of a name, the reading it resolved to,
each token's words read once, and the tests of a name that several families share."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import IDX, ORTH, TAG
from spacy.tokens import Doc

from sitrep.geo.gazetteer import Candidate
from sitrep.nlp.doc import text_of
from sitrep.nlp.places.cues import PlaceCues

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_NAME_TOKENS = 6
# Gazetteer-only matches (no NER label, no cue) must name a place at least this populous, or a
# country, division or feature: villages called "Bush" or "Most" are not evidence enough.
MIN_POPULATION_UNCUED = 20000
# US party letters before a legislator's state or home town: "Sen. Byron Dorgan, D-N.D.",
# "Rep. Jane Doe, R-Marshall", Minnesota's "DFL-Cook".
_PARTIES = frozenset({"D", "R", "I", "DFL"})


@dataclass(frozen=True)
class Reading:
    """The record a mention was resolved to, the rule that chose it ("score", "one_sense",
    "part_of", "container", "street"), and for a scored choice the score terms
    that favoured it ("country", "admin1", "near", "hint", "contained", ...)."""

    place: Candidate
    rule: str
    evidence: tuple[str, ...] = ()
    confidence: float = 1.0  # how sure the rule is of it (see resolution._confidence)
    # ACLED geo_precision of the point where it is another place's (a street at its town's);
    # None: the place's own, by its feature (see resolution.precision).
    precision: int | None = None


@dataclass
class Mention:
    """A name found in the doc that may be a place, with what its words and its neighbours
    say about it, and once resolved, its reading."""

    start: int  # token indices of the name itself
    end: int
    span_start: int  # doc character offsets of the mention recorded (with designator etc.)
    span_end: int
    name: str
    candidates: tuple[Candidate, ...]
    ner: bool
    # The recognition rule that found it: "dateline", "street", "road", "toponym_head",
    # "of_phrase", "ner", "gazetteer", "list" (a plural designator's) or "part" ("X's Y district").
    rule: str
    label: str = ""  # the spaCy entity label it came from, if any
    proper: bool = False  # every word a proper noun, not a lone sentence-initial word
    contains: bool = False  # another mention lies in it ("Jackson, Miss.")
    whole: bool = False  # it is a whole person or organisation entity, not a part of one
    # It is only a part of a longer name: a capitalised word before it ("Beida" of "Goz Beida"),
    # or the rest of the place entity it opens ("La" of "La Petrolea").
    partial: bool = False
    hint: str | None = None
    cue: bool = False
    article: bool = False  # "the" stands before it ("the Atlantic", "the eastern Mediterranean")
    container: Mention | None = None  # the mention this one lies in ("X, Y"; "X's Y district")
    part_of: Mention | None = None  # "X's Y district" where the gazetteer does not know Y
    street: bool = False  # a street or road, placed at the article's town
    # A cued name the gazetteer lacks ("the village of X", "Tal X"), placed only in the place
    # the text puts it in ("the village of X in Fife"), else reported unplaced.
    unknown: bool = False
    # The candidates that bear a spelling variant of the name, not the name itself.
    spellings: frozenset[str] = frozenset()
    # Its only reading lay where nothing in the article puts it: reported unplaced.
    unsure: bool = False
    modifies: bool = False  # it modifies a noun of people or services ("a Winona man")
    resident: bool = False  # it says where a person lives ("Steven Sachs of Alexandria")
    peers: list[Mention] = field(default_factory=list)  # the list it is named in, if any
    reading: Reading | None = None

    @property
    def choice(self) -> Candidate | None:
        """The record the mention was resolved to, if any."""
        return self.reading.place if self.reading is not None else None


@dataclass(frozen=True)
class Words:
    """Each token's text, offset and whether it is a capitalised word, read once per doc: the
    recognition steps test them at nearly every token, and each ``doc[i]`` or ``doc[i:j]``
    builds a Token or Span and looks its strings up anew."""

    text: list[str]
    capitalised: list[bool]
    idx: list[int]  # each token's character offset in doc_text
    doc_text: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The character offsets of tokens ``[start, end)``, as ``doc[start:end]`` has them."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])


def read_words(doc: Doc) -> Words:
    strings = doc.vocab.strings
    possessive = strings["POS"]
    rows = doc.to_array([ORTH, TAG, IDX]).tolist()
    text = [strings[orth] for orth, _, _ in rows]
    capitalised = [
        # A possessive ("'S") is no name word.
        word[:1].isupper() and any(ch.isalpha() for ch in word) and tag != possessive
        for word, (_, tag, _) in zip(text, rows, strict=True)
    ]
    return Words(text, capitalised, [idx for _, _, idx in rows], text_of(doc))


def strong(candidate: Candidate) -> bool:
    """A country by any of its names ("U.S.", "Burma"), or a populous first-level division by
    its own name: evidence enough that a name is a place (not a parish of the Isle of Man
    called "Michael")."""
    return candidate.feature == "country" or (
        candidate.main_name
        and candidate.feature == "admin1"
        and candidate.population >= MIN_POPULATION_UNCUED
    )


def abbreviation(doc: Doc, mention: Mention) -> bool:
    """ "Ky.", "W.Va" + ".": a short name written with full stops."""
    if "." in mention.name:
        return len(mention.name) <= 6
    after = doc[mention.end] if mention.end < len(doc) else None
    stop = after is not None and after.text == "." and after.idx == mention.span_end
    return stop and not any(c.main_name for c in mention.candidates)


def party_before(doc: Doc, start: int) -> bool:
    """Whether a party letter and a hyphen stand before token ``start``: "D-N.D.", "R-Ohio",
    "R-Marshall"."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].text in _PARTIES


def part_after(doc: Doc, words: Words, start: int, cues: PlaceCues) -> tuple[int, int, int] | None:
    """A capitalised name at ``start`` followed by a part word: (start, end, part word index)."""
    end = start
    while (
        end < len(doc)
        and end - start < MAX_NAME_TOKENS
        and (words.capitalised[end] or words.text[end] == "-")
    ):
        end += 1
    if end > start and end < len(doc) and doc[end].lower_ in cues.parts:
        return start, end, end
    return None


def cued_mention(doc: Doc, start: int, end: int, rule: str) -> Mention:
    """A street or road, or a cued name the gazetteer lacks: a place of its own, placed later."""
    street = rule in ("street", "road")
    span = doc[start:end]
    return Mention(
        start,
        end,
        span.start_char,
        span.end_char,
        span.text,
        (),
        ner=False,
        rule=rule,
        hint=None if street else "locality",
        cue=True,
        street=street,
        unknown=not street,
    )
