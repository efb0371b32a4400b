"""Casualty figures: how many people an event killed, wounded, captured or left missing, each
as written ("at least 30", "dozens", "between 20 and 25"), from resources/casualties.yaml.

A cue word ("killed", "died", "dead", "deaths", "wounded", "abducted", "missing") leads to the
phrase of the people it counts: the object or passive subject of a verb ("killed 12
villagers", "12 villagers were killed"), the subject of an intransitive one ("12 died"), the
noun an adjective or participle describes ("12 people killed"), or the cue noun itself ("12
deaths"). That phrase's number, or the vague quantity it is ("dozens of civilians"), with the
words that bound it ("at least", "up to", "about") is the figure. Who gives it is the source of
the attribution that holds it (set in sitrep.nlp.events.standing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from sitrep.nlp.doc import text_of
from sitrep.nlp.events.syntax import lemma_of

_INTRANSITIVE_SUBJECT = ("nsubj",)
_UNDERGOER = ("nsubjpass", "dobj")
_BETWEEN = re.compile(r"between\s+([\d,]+|\w+)\s+and\s+$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to)\s*([\d,]+)\b")
_BETWEEN_FIRST = re.compile(r"between\s+$", re.IGNORECASE)
_AND_AFTER = re.compile(r"^\s+and\s+([\d,]+|[a-z]+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CasualtyLexicon:
    kinds: dict[str, str]  # cue lemma -> killed | wounded | captured | missing
    at_least: tuple[str, ...]
    at_most: tuple[str, ...]
    about: tuple[str, ...]
    numbers: dict[str, int]
    vague: dict[str, int]


@lru_cache(maxsize=1)
def load_casualty_lexicon() -> CasualtyLexicon:
    """The packaged lexicon (read once per process)."""
    text = resources.files("sitrep.resources").joinpath("casualties.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return CasualtyLexicon(
        kinds={w: kind for kind, words in data["kinds"].items() for w in words},
        at_least=tuple(data["at_least"]),
        at_most=tuple(data["at_most"]),
        about=tuple(data["about"]),
        numbers=dict(data["numbers"]),
        vague=dict(data["vague"]),
    )


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a doc: doc-relative character offsets of its words."""

    kind: str
    low: int | None
    high: int | None
    start: int
    end: int
    cue: Token


def figures(doc: Doc, lex: CasualtyLexicon) -> list[Figure]:
    """Every casualty figure of the doc, in text order; a number counts once."""
    found: dict[int, Figure] = {}
    for token in doc:
        kind = lex.kinds.get(lemma_of(token)) or lex.kinds.get(token.lower_)
        if kind is None:
            continue
        count = _count(token, lex)
        if count is None or count.i in found:
            continue
        figure = _read(count, kind, token, lex)
        if figure is not None:
            found[count.i] = figure
    return [found[i] for i in sorted(found)]


def _count(cue: Token, lex: CasualtyLexicon) -> Token | None:
    """The number or vague quantity that counts the people the cue is about."""
    for person in _counted(cue):
        if _value(person, lex) is not None:
            return person
        for child in person.children:
            if child.dep_ in ("nummod", "amod", "quantmod") and _value(child, lex) is not None:
                return child
    return None


def _counted(cue: Token) -> list[Token]:
    """The phrases the cue may count, nearest first."""
    heads: list[Token] = [cue]  # "12 deaths", "12 dead"
    if cue.pos_ in ("VERB", "AUX"):
        heads += [c for c in cue.children if c.dep_ in _UNDERGOER + _INTRANSITIVE_SUBJECT]
        if cue.dep_ in ("acl", "relcl", "amod"):
            heads.append(cue.head)  # "12 people KILLED in the raid"
    elif cue.dep_ == "amod":
        heads.append(cue.head)  # "12 WOUNDED soldiers"
    elif cue.dep_ in ("acomp", "attr", "oprd"):
        heads += [c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if lemma_of(cue) == "toll":
        # "the death toll rose TO 45", "a toll OF 45"
        for holder in (cue, cue.head):
            heads += [
                grandchild
                for c in holder.children
                if c.dep_ == "prep" and c.lower_ in ("to", "of", "at")
                for grandchild in c.children
                if grandchild.dep_ == "pobj"
            ]
    return heads


def _value(token: Token, lex: CasualtyLexicon) -> int | None:
    word = token.lower_.replace(",", "")
    if word.isdigit():
        return int(word)
    if word in lex.vague:
        return lex.vague[word]
    value = lex.numbers.get(word)
    if value is not None and word in ("hundred", "thousand"):
        # "two hundred": the multiplier's own number multiplies it.
        factor = next(
            (_value(c, lex) for c in token.children if c.dep_ in ("compound", "nummod")), None
        )
        return value * (factor or 1)
    return value


def _read(count: Token, kind: str, cue: Token, lex: CasualtyLexicon) -> Figure | None:
    value = _value(count, lex)
    if value is None:
        return None
    text = text_of(count.doc)
    start, end = count.idx, count.idx + len(count.text)
    # A multiplied number starts at its multiplier ("two hundred").
    for child in count.children:
        if child.dep_ in ("compound", "nummod") and child.i < count.i:
            start = min(start, child.idx)
    before = text[max(0, start - 40) : start]
    low: int | None = value
    high: int | None = None if count.lower_ in lex.vague else value
    if match := _BETWEEN.search(before):
        first = _word_value(match.group(1), lex)
        if first is not None:
            low, high = min(first, value), max(first, value)
            start -= len(match.group(0))
    elif (opening := _BETWEEN_FIRST.search(before)) and (
        closing := _AND_AFTER.match(text[end : end + 20])
    ):
        second = _word_value(closing.group(1), lex)
        if second is not None:
            low, high = min(second, value), max(second, value)
            start -= len(opening.group(0))
            end += closing.end()
    elif match := _RANGE_AFTER.match(text[end : end + 20]):
        second = _word_value(match.group(1), lex)
        if second is not None:
            low, high = min(second, value), max(second, value)
            end += match.end()
    else:
        bound = _bound(before, lex)
        if bound is not None:
            words, kind_of_bound = bound
            start -= len(before) - len(before.rstrip()) + len(words)
            if kind_of_bound == "at_least":
                high = None
            elif kind_of_bound == "at_most":
                low = None
    return Figure(kind, low, high, start, end, cue)


def _bound(before: str, lex: CasualtyLexicon) -> tuple[str, str] | None:
    """The bounding words right before a number, and which bound they set."""
    folded = before.rstrip().lower()
    for name, phrases in (
        ("at_least", lex.at_least),
        ("at_most", lex.at_most),
        ("about", lex.about),
    ):
        for phrase in phrases:
            if folded.endswith(phrase) and (
                len(folded) == len(phrase) or not folded[-len(phrase) - 1].isalnum()
            ):
                return phrase, name
    return None


def _word_value(word: str, lex: CasualtyLexicon) -> int | None:
    word = word.lower().replace(",", "")
    return int(word) if word.isdigit() else lex.numbers.get(word)


def attach(figures_found: list[Figure], mentions: list) -> None:
    """Gives each figure to the event mention of its sentence it belongs to: the mention
    whose trigger is its cue or governs it ("an attack KILLED 12": the attack), else the
    sentence's first ASSAULT, else its first mention. A figure with no mention in its
    sentence belongs to no event."""
    if not figures_found:
        return
    # Each token's sentence once: Token.sent checks the doc's annotation first, a pass over
    # the doc, so comparing it per figure and mention grew with the square of the article.
    by_sentence: dict[int, list] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.token.sent.start, []).append(mention)
    for figure in figures_found:
        cue = figure.cue
        here = by_sentence.get(cue.sent.start, [])
        if not here:
            continue
        ancestors = {cue.i, *(t.i for t in cue.ancestors), *(c.i for c in cue.children)}
        owner = (
            next((m for m in here if m.token.i in ancestors), None)
            or next((m for m in here if m.type == "ASSAULT"), None)
            or here[0]
        )
        owner.casualties.append(figure)
