"""How names stand to each other: "X, Y" puts X inside Y, unless X and Y are of one rank or
stand in a longer run of names; "X's Y district" makes Y a part of X (a mention of rule "part"
where the gazetteer lacks Y); "A, B and C" makes a list, whose names are peers."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sitrep.nlp.places.cues import PlaceCues
from sitrep.nlp.places.mention import (
    MAX_NAME_TOKENS,
    Mention,
    Words,
    abbreviation,
    part_after,
    strong,
)

# What stands between a town's name and the place it lies in: "X, Y", "X in Y", "X in the Y".
_WITHIN = frozenset({",", "in", "in the"})
# What stands between the names of a list: "A, B", "A and B", "A, B, or C".
_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")


def relate(doc: Doc, words: Words, text: str, mentions: list[Mention], cues: PlaceCues) -> None:
    """ "X, Y" (X lies in Y) and "X's Y district" (Y is part of X, known or not); then the
    lists. Parts the gazetteer lacks join ``mentions``, which end sorted by start."""
    for mention in list(mentions):
        if mention.end < len(doc) and doc[mention.end].tag_ == "POS":
            part = part_after(doc, words, mention.end + 1, cues)
        else:
            # "the Sheikh Maqsoud district of Aleppo", "the Holly Heights neighborhood of X".
            part = _part_before(doc, words, mention.start, cues)
        if part is not None:
            inside = [m for m in mentions if part[0] <= m.start and m.end <= part[1]]
            known = next((m for m in inside if (m.start, m.end) == part[:2]), None)
            if known is not None:
                known.container, known.cue, mention.contains = mention, True, True
            else:
                # A known name inside the part's name ("Holly" of "Holly Heights") is none.
                for other in inside:
                    mentions.remove(other)
                mentions.append(_part(doc, part, mention))
            # A place with named districts is a place ("Aleppo's Sheikh Maqsoud district").
            mention.cue = True
    mentions.sort(key=lambda m: m.start)
    for i, (mention, nxt) in enumerate(zip(mentions, mentions[1:], strict=False)):
        between = text[mention.span_end : nxt.span_start].strip()
        if between == "," and _holds(doc, text, mentions, i):
            mention.container, mention.cue, nxt.contains = nxt, True, True
        elif (mention.unknown or mention.hint == "city") and between in _WITHIN:
            # "the village of X in Fife", "the town of X in the Swat Valley".
            mention.container, nxt.contains = nxt, True
    _peers(text, mentions)


def _part_before(
    doc: Doc, words: Words, start: int, cues: PlaceCues
) -> tuple[int, int, int] | None:
    """The capitalised name before "<part word> of" and the name at ``start``: (start, end,
    part word index), as :func:`part_after` gives it for "X's Y district"."""
    word = start - 2
    if word < 1 or doc[start - 1].lower_ != "of" or doc[word].lower_ not in cues.parts:
        return None
    first = word
    while first > 0 and word - first < MAX_NAME_TOKENS and words.capitalised[first - 1]:
        first -= 1
    while first < word and doc[first].tag_ == "DT":  # "The area of Iraq"
        first += 1
    return (first, word, word) if first < word else None


def _ranks(mention: Mention) -> set[str]:
    """The features of a name's strong readings: "country", "admin1" or none."""
    return {c.feature for c in mention.candidates if strong(c)}


def _holds(doc: Doc, text: str, mentions: list[Mention], i: int) -> bool:
    """Whether in "X, Y" (mentions ``i`` and ``i + 1``) X lies in Y: "Tripoli, Lebanon",
    "Jackson, Miss.", "Lebanon, Pa.", but not a list of countries ("China, Japan and Korea") or
    of states ("Oklahoma, Pennsylvania": a state lies in no other state), nor names going on a list
    ("Uganda, Gulu, Kenya"; "Kisii, Nyamira, Bomet", where a town's namesake
    county is no container), unless a state's abbreviation closes the pair ("Denver,
    Louisville, Ky.") or a country the run ("Toronto, Ontario, Canada")."""
    mention, nxt = mentions[i], mentions[i + 1]
    abbreviated = abbreviation(doc, nxt)
    # No country lies in a state: a country's name before a state's is a town named after it
    # ("Lebanon, Pennsylvania", "Peru, Ind."), before a country a list ("Lebanon, Syria").
    state = not any(c.feature == "country" for c in nxt.candidates) and any(
        c.feature == "admin1" and (c.main_name or abbreviated) for c in nxt.candidates
    )
    country = any(c.feature == "country" and c.main_name for c in mention.candidates)
    if (country and not state) or (_ranks(mention) & _ranks(nxt)):
        return False
    before = mentions[i - 1] if i > 0 else None
    if (
        before is not None
        and not before.contains
        and _LIST_GLUE.fullmatch(text[before.span_end : mention.span_start])
        and not abbreviated
    ):
        return False
    after = mentions[i + 2] if i + 2 < len(mentions) else None
    run = (
        after is not None
        and text[nxt.span_end : after.span_start].strip() == ","
        and not abbreviated
        and not any(c.feature == "country" for c in after.candidates)
    )
    # The container goes by a country's name or a state's own name or abbreviation
    # ("Cairo, Giza" lists two cities: Giza governorate is no name of the city's).
    return any(
        c.feature == "country"
        or (c.feature == "admin1" and not run and (c.main_name or abbreviated))
        for c in nxt.candidates
    )


def _peers(text: str, mentions: list[Mention]) -> None:
    """Links the names of a list ("Georgia, Oklahoma and Wisconsin"; "Egypt and Niger"):
    names listed together are mostly places of one kind (see scoring.kinds)."""
    group: list[Mention] = []
    for mention in mentions:
        listed = not (mention.contains or mention.container or mention.part_of)
        if group and listed and _LIST_GLUE.fullmatch(text[group[-1].span_end : mention.span_start]):
            group.append(mention)
            mention.peers = group
        elif listed:
            group = [mention]
            mention.peers = group
        else:
            group = []


def _part(doc: Doc, part: tuple[int, int, int], container: Mention) -> Mention:
    start, end, word = part
    last = doc[word]
    return Mention(
        start,
        end,
        doc[start].idx,
        last.idx + len(last.text),
        doc[start:end].text,
        (),
        ner=False,
        rule="part",
        hint="locality",
        cue=True,
        part_of=container,
    )
