"""Local news conventions that name places without the gazetteer's help: a dateline in capitals
("WINONA --"), and streets and numbered roads ("Darby Street", "Highway 19")."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.nlp.places.cues import PlaceCues
from sitrep.nlp.places.mention import MAX_NAME_TOKENS, Words

_SENTENCE_ENDS = frozenset({".", "!", "?"})
# A dateline's dash or colon, and how many tokens (state, agency) may stand before it.
_DATELINE_MARKS = frozenset({"\u2014", "\u2013", "--", "-", ":"})
_DATELINE_REACH = 6
_ROAD_NUMBER_LENGTH = 5
# Words that town names abbreviate ("ST. PAUL", "FT. WORTH"): the tokenizer splits off their
# point, which would otherwise end the dateline's sentence before the name.
_ABBREVIATED_WORDS = frozenset({"ST", "STE", "MT", "FT"})


def datelines(doc: Doc, words: Words) -> list[tuple[int, int]]:
    """Token ranges of datelines: a name in capitals opening a sentence and closed by a dash
    or colon, perhaps with its state and agency between ("RIDGE FARM, Ill. (AP) --")."""
    text = words.text
    found = []
    i = 0
    while i < len(text):
        if not _upper_word(text[i]):
            i += 1
            continue
        # After a sentence, or a by-line's date ("March 24, 2009 MANSFIELD --").
        opens = (
            i == 0 or text[i - 1] in _SENTENCE_ENDS or doc[i - 1].is_space or doc[i - 1].like_num
        )
        j = i
        while j < len(text) and _upper_word(text[j]):
            j += 1
            if (
                text[j - 1] in _ABBREVIATED_WORDS
                and j + 1 < len(text)
                and text[j] == "."
                and _upper_word(text[j + 1])
            ):
                j += 1
        if opens and j > i and _dateline_close(words, j):
            found.append((i, j))
        i = max(j, i + 1)
    return found


def streets(words: Words, taken: list[bool], cues: PlaceCues) -> list[tuple[int, int, str]]:
    """Token ranges of streets ("Darby Street", "South Lowry Avenue") and numbered roads
    ("Highway 19", "County Road 15"), each with its rule: "road" or "street"."""
    found = []
    i = 0
    while i < len(taken):
        road = _road_end(words, i, cues)
        end = road or _street_end(words, i, cues)
        if end and not any(taken[i:end]):
            found.append((i, end, "road" if road else "street"))
            i = end
        else:
            i += 1
    return found


def _upper_word(text: str) -> bool:
    return len(text) > 1 and text[:1].isalpha() and text.isupper()


def _dateline_close(words: Words, end: int) -> bool:
    for i in range(end, min(end + _DATELINE_REACH, len(words.text))):
        if words.text[i] in _DATELINE_MARKS:
            return True
        if not (words.text[i] in ",()" or words.capitalised[i]):
            return False
    return False


def _road_end(words: Words, start: int, cues: PlaceCues) -> int:
    """The end of a numbered road opening at ``start`` ("County Road 15"), else 0."""
    text = words.text
    if text[start] not in cues.road_openers:
        return 0
    for prefix in cues.road_prefixes:
        end = start + len(prefix)
        if end < len(text) and tuple(text[start:end]) == prefix and _road_number(text[end]):
            return end + 1
    return 0


def _street_end(words: Words, start: int, cues: PlaceCues) -> int:
    """The end of a street name opening at ``start`` (capitalised words, then a suffix),
    else 0."""
    text, capitalised = words.text, words.capitalised
    if not capitalised[start] or text[start] in cues.street_suffixes:
        return 0
    if start > 0 and capitalised[start - 1]:
        return 0  # inside a longer name
    end = start
    while end < len(text) and end - start < MAX_NAME_TOKENS and capitalised[end]:
        if end > start and text[end] in cues.street_suffixes:
            # "Pleasant Lane School" names a school, not its street.
            return 0 if end + 1 < len(text) and capitalised[end + 1] else end + 1
        end += 1
    return 0


def _road_number(text: str) -> bool:
    """ "19", "35E", "460A": a road's number."""
    return text[:1].isdigit() and len(text) <= _ROAD_NUMBER_LENGTH and text.isalnum()
