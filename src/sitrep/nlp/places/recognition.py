"""Which spans are toponyms: the names the gazetteer knows among spaCy's entities and runs of
capitalised words, widened to the longest known name, with datelines, streets and cued names the
gazetteer lacks. Each mention names the rule that found it (see ``Mention.rule``)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.geo.gazetteer import Gazetteer
from sitrep.nlp.places.cues import PlaceCues
from sitrep.nlp.places.local import datelines, streets
from sitrep.nlp.places.mention import (
    MAX_NAME_TOKENS,
    MIN_POPULATION_UNCUED,
    PLACE_LABELS,
    Mention,
    Words,
    cued_mention,
    part_after,
    strong,
)

# The small English model often labels Arabic and African place names as people or organisations,
# and cities as products ("in Winnipeg", "in Calcutta").
_MISLABELLED = frozenset({"PERSON", "ORG", "PRODUCT"})
# Connectors that join two names as often as they build one ("Syria and Iraq", "Israel-Gaza").
_JOINING = frozenset({"and", "of", "the", "on", "upon", "-", "'"})
# Entity labels of the capitalised words that may follow a name and are no part of it.
_WHEN = frozenset({"DATE", "TIME"})
# The kinds of place whose "of" phrase or designator makes a name the gazetteer lacks a place
# ("the village of X", "the district of X", "X district").
_LOCAL_FEATURES = frozenset({"city", "admin2"})
# The Arabic article as news writes it inside a name, assimilated or not.
_ARABIC_ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "az", "ash", "at", "an", "ed", "es", "ez"}
)


class NameFinder:
    """Proposes the place mentions of a doc."""

    def __init__(self, gazetteer: Gazetteer, cues: PlaceCues) -> None:
        self.gazetteer = gazetteer
        self.cues = cues

    def propose(self, doc: Doc, words: Words, blocked: list[tuple[int, int]]) -> list[Mention]:
        """The candidate mentions in token order. ``blocked`` are the character ranges of actor
        names, where a name is no place unless it is a country's or state's (see _hidden)."""
        # Tokens of other entities (dates, amounts, demonyms) are no place names. A person or
        # organisation may be a mislabelled place ("Raqqa") or hold one ("Gainesville Police"):
        # its names are looked up, and kept on stronger evidence (see filtering).
        taken = [False] * len(doc)
        labels = [""] * len(doc)
        found: list[Mention] = []
        # A dateline ("WINONA --", "BEIRUT:") names the place the story was filed from, whatever
        # label spaCy gave the capitals.
        for start, end in datelines(doc, words):
            mention = self._name(words, start, end, ner=False, rule="dateline", spelled=True)
            if mention is not None:
                mention.cue = True
                found.append(mention)
                for i in range(start, end):
                    taken[i] = True
        # Streets and roads are no gazetteer names; their words are not looked up alone
        # ("Darby" of "Darby Street").
        for start, end, rule in streets(words, taken, self.cues):
            found.append(cued_mention(doc, start, end, rule))
            for i in range(start, end):
                taken[i] = True
        for start, end, rule in self._unknown_names(doc, words, taken, blocked):
            found.append(
                self._name(words, start, end, ner=False, rule=rule, spelled=True)
                or cued_mention(doc, start, end, rule)
            )
            found[-1].cue = True
            for i in range(start, end):
                taken[i] = True
        for ent in doc.ents:
            if taken[ent.start]:
                continue
            mention = None
            if ent.label_ in PLACE_LABELS:
                start, end = self._core(doc, ent.start, ent.end)
                if start < end:
                    start, end = self._widest(doc, words, start, end, taken)
                if start < end and not self._hidden(words, start, end, blocked):
                    mention = self._name(
                        words, start, end, ner=True, rule="ner", label=ent.label_, spelled=True
                    )
                    if mention is not None:
                        found.append(mention)
                        for i in range(start, end):
                            taken[i] = True
            # A place entity the gazetteer does not know whole is searched for names inside
            # ("the Lamar County Sheriff's Office").
            # So is a "nationality" that is no demonym ("the town of Tczew", "Kivu
            # regions").
            open_inside = (
                ent.label_ in _MISLABELLED
                or (ent.label_ in PLACE_LABELS and mention is None)
                or (ent.label_ == "NORP" and self.gazetteer.demonym(ent.text) is None)
            )
            for i in range(ent.start, ent.end):
                taken[i] = not open_inside
                labels[i] = ent.label_
        for start, end in self._runs(doc, words, taken):
            i = start
            while i < end:
                # A name opens with a capitalised word, not a connector ("-" of "D-N.D.").
                mention = (
                    self._longest(doc, words, i, end, blocked) if words.capitalised[i] else None
                )
                if mention is None:
                    i += 1
                    continue
                mention.label = labels[i]
                mention.whole = mention.label != "" and _whole_entity(doc, mention)
                # A word after counts only inside a place entity: elsewhere it is often what
                # the place modifies ("Mansfield Police", "Columbus Man Charged" in a headline).
                mention.partial = (
                    (mention.start > start and self._name_word_before(doc, words, mention))
                    or self._opens_place(doc, words, mention)
                    or self._continues(doc, words, mention)
                )
                found.append(mention)
                i = mention.end
        found.sort(key=lambda m: m.start)
        return found

    def _unknown_names(
        self, doc: Doc, words: Words, taken: list[bool], blocked: list[tuple[int, int]]
    ) -> list[tuple[int, int, str]]:
        """Token ranges of capitalised names that a cue makes places, each with its rule: an
        Arabic toponym head on a name the gazetteer lacks ("Tal Hamra": "toponym_head"), a
        town's or district's "of" phrase ("the village of Qurna", "the Baghdad neighbourhood
        of Qurna": "of_phrase") or a name the gazetteer lacks before the word for a part of a
        town or district ("the Qurna neighbourhood", "Qurna district": "designated")."""
        found = []
        capitalised = words.capitalised
        for i, word in enumerate(words.text):
            if taken[i] or not capitalised[i]:
                continue
            head = word in self.cues.toponym_heads
            town = (
                i >= 2
                and doc[i - 1].lower_ == "of"
                and self.cues.of_phrases.get(doc[i - 2].lower_) in _LOCAL_FEATURES
            )
            if not (head or town):
                designated = self._designated_unknown(doc, words, i, taken, blocked)
                if designated is not None:
                    found.append((i, designated, "designated"))
                continue
            end = i + 1
            while end < len(doc) and end - i < MAX_NAME_TOKENS:
                # A capitalised word, or any word or hyphen written into the name without a
                # space ("Mazar-i-Sharif", "Deyr-el-Zor").
                glued = not doc[end - 1].whitespace_ and (doc[end].is_alpha or doc[end].text == "-")
                if doc[end].ent_type_ in _WHEN:
                    break  # "the town of Huddur Tuesday": a day after the name
                if capitalised[end] or glued:
                    end += 1
                    continue
                # An Arabic article inside the name ("Dayr az-Zawr", "Tal al Hawa").
                after = self._after_article(doc, end)
                if after is None or taken[after] or not capitalised[after]:
                    break
                end = after
            if head and end == i + 1:
                continue
            known = self._longest(doc, words, i, end, blocked)
            # A known name after "the town of" is taken here too, where its spellings are
            # looked up: "the town of Bagdat" is Baghdad in a report on Iraq, not Bağdat in
            # Turkey.
            # A known name that is only the start of the town's name ("Al" of "the village of
            # Al-Bayaa", "Abu" of "the village of Abu Allaj") is no reading of it.
            prefix = town and known is not None and known.end < end
            if known is None or prefix or (head and known.end - known.start == 1):
                found.append((i, end, "toponym_head" if head else "of_phrase"))
            elif known.start == i:
                # So is a known name that opens with a toponym head ("Dayr az-Zawr"), which
                # spaCy often takes for an organisation's.
                found.append((i, known.end, "of_phrase" if town else "toponym_head"))
        return found

    def _designated_unknown(
        self, doc: Doc, words: Words, start: int, taken: list[bool], blocked: list[tuple[int, int]]
    ) -> int | None:
        """The end of a name the gazetteer lacks that opens at ``start`` and stands before a
        lower-case word for a part of a town or a district ("Qurna neighbourhood", "the Qurna
        area", "Qurna district"), or None."""
        if start > 0 and (words.capitalised[start - 1] or taken[start - 1]):
            return None  # inside a longer name
        if start > 0 and doc[start - 1].tag_ == "POS":
            return None  # "Aleppo's Sheikh Maqsoud district": a part of Aleppo (relations.py)
        part = part_after(doc, words, start, self.cues)
        if part is not None:
            end = part[1]
        else:
            end = start
            while end < len(doc) and end - start < MAX_NAME_TOKENS and words.capitalised[end]:
                end += 1
            if end >= len(doc) or self.cues.designators.get(doc[end].lower_) not in _LOCAL_FEATURES:
                return None
        # A proper name, not an adjective or demonym ("the Kurdish neighbourhood", "the Iraqi
        # city") nor a sentence's first word ("The area around").
        if not doc[end].is_lower or not _proper(doc, words, start, end):
            return None
        if any(taken[i] or doc[i].ent_type_ == "NORP" for i in range(start, end)):
            return None
        if self._longest(doc, words, start, end, blocked) is not None:
            return None  # a known name: its designator is a cue of context (see context.py)
        return end

    def _hidden(self, words: Words, start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
        """Whether a name lies in an actor's name and is no place there. A country's or state's
        own name still is one ("the U.S. Centers for Disease Control", "Ohio Department of
        Transportation"); a demonym never is ("the Syrian army")."""
        first, last = words.span(start, end)
        return any(s < last and first < e for s, e in blocked) and not any(
            strong(c) for c in self.gazetteer.lookup(words.doc_text[first:last])
        )

    def _name_word_before(self, doc: Doc, words: Words, mention: Mention) -> bool:
        """Whether the capitalised word before a name belongs to a longer name ("Goz" of "Goz
        Beida"). A sentence's capitalised determiner ("The Zionsville Education Foundation")
        does not, nor does a compass word before a notable place: "Northeast Georgia" and
        "South Philadelphia" are parts of Georgia and Philadelphia."""
        before = doc[mention.start - 1]
        if not words.capitalised[mention.start - 1] or before.tag_ == "DT":
            return False
        return before.lower_ not in self.cues.compass or not any(
            strong(c) or c.population >= MIN_POPULATION_UNCUED for c in mention.candidates
        )

    def _opens_place(self, doc: Doc, words: Words, mention: Mention) -> bool:
        """Whether a one-word name opens spaCy's place entity, which goes on with more of its
        own name ("La Petrolea", "Tal Hamra"), not with a designator or a noun the place
        modifies. A notable place by its own name opens names of its facilities ("Vancouver
        International Airport") and stays."""
        if (
            mention.label not in PLACE_LABELS
            or mention.end - mention.start > 1
            or mention.end >= len(doc)
            or any(
                c.main_name and (strong(c) or c.population >= MIN_POPULATION_UNCUED)
                for c in mention.candidates
            )
        ):
            return False
        after = doc[mention.end]
        return (
            after.ent_iob_ == "I"
            and words.capitalised[mention.end]
            and after.lower_ not in self.cues.designators
            and after.lower_ not in self.cues.parts
            and after.lower_ not in self.cues.modified
        )

    def _continues(self, doc: Doc, words: Words, mention: Mention) -> bool:
        """Whether the place entity goes on past a known name with a name particle ("Bab
        el-Oued") or a possessive and more name ("St. Peter's Square"): the known name is only
        the start of another place's name, however notable it is. "Aleppo's Sheikh Maqsoud
        district" names a part of Aleppo (see relations)."""
        if mention.label not in PLACE_LABELS or mention.end + 1 >= len(doc):
            return False
        after, nxt = doc[mention.end], doc[mention.end + 1]
        if after.ent_iob_ != "I" or nxt.ent_iob_ != "I":
            return False
        if after.tag_ == "POS":
            return (
                words.capitalised[mention.end + 1]
                and part_after(doc, words, mention.end + 1, self.cues) is None
            )
        return after.lower_ in self.cues.connectors and after.lower_ not in _JOINING

    def _core(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """An entity without a leading article or compass adjective and a trailing designator
        or possessive ("the eastern Ghouta", "Idlib province", "Russia's")."""
        start, end = _trim(doc, start, end)
        while (
            start < end
            and doc[start].is_lower
            and doc[start].lower_ in self.cues.direction_adjectives
        ):
            start += 1
        while (
            end > start and doc[end - 1].is_lower and doc[end - 1].lower_ in self.cues.designators
        ):
            end -= 1
        return _trim(doc, start, end)

    def _runs(self, doc: Doc, words: Words, taken: list[bool]) -> list[tuple[int, int]]:
        """Token ranges of capitalised words (with name-internal connectors) not yet taken."""
        capitalised = words.capitalised
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(doc):
            if taken[i] or not capitalised[i]:
                i += 1
                continue
            j = i + 1
            last = i + 1
            while j < len(doc) and not taken[j]:
                if capitalised[j]:
                    last = j + 1
                elif not self._connector(doc[j]):
                    break
                j += 1
            runs.append((i, last))
            i = max(last, i + 1)
        return runs

    def _widest(
        self, doc: Doc, words: Words, start: int, end: int, taken: list[bool]
    ) -> tuple[int, int]:
        """The longest name the gazetteer knows that holds the token range: spaCy's entity
        often leaves out a name's first or last words ("Democratic" of "Democratic Republic
        of the Congo", "Bissau" of "Guinea-Bissau", "do Sul" of "Rio Grande do Sul"), and the
        shorter name is another place."""
        capitalised = words.capitalised
        starts, ends = [start], [end]
        i = start
        while i > 0 and end - i < MAX_NAME_TOKENS and not taken[i - 1]:
            if not (capitalised[i - 1] or self._connector(doc[i - 1])):
                break
            i -= 1
            if capitalised[i]:
                starts.append(i)
        j = end
        while j < len(doc) and j - start < MAX_NAME_TOKENS and not taken[j]:
            if not (capitalised[j] or self._connector(doc[j])):
                break
            j += 1
            if capitalised[j - 1]:
                ends.append(j)
        spans = sorted(
            ((s, e) for s in starts for e in ends if e - s <= MAX_NAME_TOKENS),
            key=lambda span: span[0] - span[1],
        )
        for s, e in spans:
            if (s, e) == (start, end) or self.gazetteer.lookup(doc[s:e].text):
                return s, e
        return start, end

    def _after_article(self, doc: Doc, start: int) -> int | None:
        """The token after a lower-case Arabic article at ``start`` and its hyphen ("az-",
        "al "), if ``start`` holds one."""
        if doc[start].lower_ not in _ARABIC_ARTICLES:
            return None
        after = start + 1
        if after < len(doc) and doc[after].text == "-":
            after += 1
        return after if after < len(doc) else None

    def _connector(self, token: Token) -> bool:
        """A lower-case word or mark inside a multi-word name ("de", "-" of "Guinea-Bissau"),
        not a dash between words."""
        return token.lower_ in self.cues.connectors and not (
            token.whitespace_ and token.text in "-'"
        )

    def _longest(
        self, doc: Doc, words: Words, start: int, end: int, blocked: list[tuple[int, int]]
    ) -> Mention | None:
        for stop in range(min(end, start + MAX_NAME_TOKENS), start, -1):
            if not words.capitalised[stop - 1] or self._hidden(words, start, stop, blocked):
                continue
            mention = self._name(words, start, stop, ner=False, rule="gazetteer")
            if mention is not None:
                mention.proper = _proper(doc, words, start, stop)
                return mention
        return None

    def _name(
        self,
        words: Words,
        start: int,
        end: int,
        ner: bool,
        rule: str,
        label: str = "",
        spelled: bool = False,
    ) -> Mention | None:
        """The mention of the name at tokens ``[start, end)`` if the gazetteer knows it. A name
        something else makes a place (``spelled``: a place entity, a dateline, a cue) may also
        be a spelling variant of a transliterated name ("Deir Ezzor" for Deir ez-Zor)."""
        start_char, end_char = words.span(start, end)
        name = words.doc_text[start_char:end_char]
        candidates = self.gazetteer.lookup(name)
        spellings: tuple = ()
        if spelled and not any(strong(c) for c in candidates):
            # The name may be a town's spelling as well as another place's name ("Bagdat" is a
            # town in Turkey and a spelling of Baghdad): the article's countries choose. A
            # country's or a state's name ("Macedonia") is no one's spelling.
            known = {c.id for c in candidates}
            spellings = tuple(c for c in self.gazetteer.variants(name) if c.id not in known)
            candidates += spellings
        if not candidates:
            return None
        return Mention(
            start,
            end,
            start_char,
            end_char,
            name,
            candidates,
            ner,
            rule=rule,
            label=label,
            spellings=frozenset(c.id for c in spellings),
        )


def _whole_entity(doc: Doc, mention: Mention) -> bool:
    ent = doc[mention.start]
    return ent.ent_iob_ == "B" and (mention.end == len(doc) or doc[mention.end].ent_iob_ != "I")


def _proper(doc: Doc, words: Words, start: int, end: int) -> bool:
    """Every capitalised word a proper noun, and the name not just a sentence's first word."""
    capitalised = [i for i in range(start, end) if words.capitalised[i]]
    if not capitalised or any(doc[i].pos_ != "PROPN" for i in capitalised):
        return False
    return not (end - start == 1 and doc[start].is_sent_start)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ == "the" or not doc[start].text[:1].isalnum()):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or not doc[end - 1].text[:1].isalnum()):
        end -= 1
    return start, end
