"""Places: toponyms found in an article and resolved to GeoNames records.

Recognition, in order:

1. spaCy's GPE/LOC/FAC entities, widened to the longest name the gazetteer knows ("Guinea" of
   "Guinea-Bissau" is not Guinea), and capitalised runs of proper nouns that the gazetteer
   knows (the small model misses or labels as people, organisations, products or peoples many
   Arabic, African and small-town names);
2. the words around a name: a designator after it ("Idlib province", "Laurel County") or an
   "of" phrase before it ("the city of Homs") says what kind of place it is; a compass adjective
   ("southern Russia") joins the mention; "X's Y district" makes Y a part of X; "X, Y" puts X
   inside Y, unless X and Y are of one rank or stand in a longer run of names; "A, B and C"
   makes a list;
3. what is not a place: demonyms ("Syrian" is a NORP entity, never looked up), and names the
   actors component resolved to institutions or named actors ("the Syrian army", "Hamas").
   Nor is the opening word of a longer name ("Abu" of "Abu Hamza", "La" of "La Petrolea"), a
   name a preposition governs only through a possessive ("at Patten's hotel"), or a common word
   that names towns ("Mobile", "Airport") without a place label or cue of its own.
   A country or capital that acts ("Moscow denied") stands for the state, and is still a
   place by default: annotators of toponym corpora tag it, and LGL recall rose with it at no
   cost in precision (README); ``states_as_places=False`` leaves it to the actors;
4. one sense per article: a name kept once is a place wherever else it stands; a name that is
   a person's surname ("Gary Trapani" ... "Trapani said") or names a virus ("Marburg virus")
   is none anywhere in it;
5. local news conventions: a dateline in capitals ("WINONA --"), a town modifying a noun of
   people or services ("a Winona man", "Epsom police"), a state after a party letter
   ("D-N.D."), a list closed by a plural designator ("Clay and Henry counties"), and streets
   and numbered roads ("Darby Street", "Highway 19"), placed at the article's main town;
   names the gazetteer lacks after an Arabic toponym head or a town's "of" phrase ("Tal Hamra",
   "the village of X"), placed at that town, else in the article's country.

Resolution scores each candidate record: population as the prior, the feature the phrase
implies ("the Atlantic" is a sea, not a town), an explicit container, and the article's
evidence: countries named or implied by its actors and demonyms, and (second pass) the
countries of the other places chosen, the first-level divisions that all readings of the other
names vouch for (each name sharing one vote among its divisions), readings of other names lying
within a few tens of kilometres ("Paris" beside "Henry County" is Paris, Tennessee), and the
kind of place the other names of its list are. A division named by compass words alone
("South") needs its country in the article; a name placed by its container once keeps that
place throughout the article; a name listed among one country's places with no reading there
is left unplaced.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import yaml
from spacy.attrs import IDX, ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

from sitrep.geo.distance import haversine_km
from sitrep.geo.gazetteer import Candidate, Gazetteer, name_key
from sitrep.geo.index import load_gazetteer  # noqa: F401  (registers sitrep.gazetteer.v1)
from sitrep.model import Place
from sitrep.nlp.actors import actor_mentions
from sitrep.nlp.doc import keep_records, make_span, records, text_of

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The small English model often labels Arabic and African place names as people or organisations,
# and cities as products ("in Winnipeg", "in Calcutta").
_MISLABELLED = frozenset({"PERSON", "ORG", "PRODUCT"})
# Actor mentions found through these routes name an organisation or person, not a place.
_ACTOR_ROUTES = frozenset({"institution", "gazetteer"})
_MAX_NAME_TOKENS = 6
# Connectors that join two names as often as they build one ("Syria and Iraq", "Israel-Gaza").
_JOINING = frozenset({"and", "of", "the", "on", "upon", "-", "'"})
# Gazetteer-only matches (no NER label, no cue) must name a place at least this populous, or a
# country, division or feature: villages called "Bush" or "Most" are not evidence enough.
_MIN_POPULATION_UNCUED = 20000
# A place named inside an organisation's name must be a town of this size ("Gainesville Police").
_MIN_POPULATION_IN_ORG = 50000
# A feature or region record has no population; this stands in for it in the prior.
_FEATURE_POPULATION = {"natural": 10_000_000, "other": 10_000_000}
_FEATURE_PRIOR = {
    "country": 3.0,
    "admin1": 1.0,
    "city": 1.0,
    "admin2": -0.5,
    "natural": 3.0,
    "other": 3.0,
}
# A match through an alternate name (historical, variant or foreign) is weaker evidence.
_ALTERNATE_NAME = -3.0
# A division shadows nothing unless the same-named city in it holds this share of its people.
_SHADOW_SHARE = 0.15
# A national capital is the likelier bearer of its name ("Washington", "Tripoli").
_CAPITAL = 1.5
# Places near the article's other places are likelier (local news names neighbouring towns).
_NEAR_OTHERS, _NEAR_KM = 1.5, 150.0
# Local readings of two names this close vouch for each other (see _paired).
_PAIRED, _PAIR_KM, _PAIRS_COUNTED = 2.0, 40.0, 2
_LOCAL = frozenset({"city", "locality", "admin2"})
_HINT_MATCH, _HINT_MISMATCH = 4.0, -4.0
# English names seas, rivers and regions with "the" and towns without: "the Atlantic" is the
# ocean, not Atlantic, Iowa.
_ARTICLE, _REGIONS = 4.0, frozenset({"natural", "other"})
_CONTAINED, _NOT_CONTAINED = 6.0, -3.0
_COUNTRY_EVIDENCE, _ADMIN1_EVIDENCE = 2.5, 2.5
_SLUG = re.compile(r"[^a-z0-9]+")
# Longer "people" are mostly mislabelled names of things ("SOS Children's Village Malakal").
_MAX_PERSON_TOKENS = 3
# US party letters before a state: "Sen. Byron Dorgan, D-N.D.".
_PARTIES = frozenset({"D", "R", "I"})
_SENTENCE_ENDS = frozenset({".", "!", "?"})
# A dateline's dash or colon, and how many tokens (state, agency) may stand before it.
_DATELINE_MARKS = frozenset({"\u2014", "\u2013", "--", "-", ":"})
_DATELINE_REACH = 6
_ROAD_NUMBER_LENGTH = 5
# What stands between a town's name and the place it lies in: "X, Y", "X in Y", "X in the Y".
_WITHIN = frozenset({",", "in", "in the"})
# What stands between the names of a list: "A, B", "A and B", "A, B, or C".
_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")
# The other names of a list agreeing on a kind of place make that kind likelier.
_PEER_KIND = 2.0
# A list of more names than this that all lie in one country lists that country's places.
_PEERS_FOR_COUNTRY = 3
# A degree of latitude spans over 111 km everywhere: points further apart in latitude than
# ``km / _KM_PER_DEGREE`` degrees lie more than ``km`` apart (see _within).
_KM_PER_DEGREE = 110.0


@dataclass(frozen=True)
class PlaceCues:
    """Word lists from resources/place_cues.yaml."""

    designators: dict[str, str]  # word -> feature
    of_phrases: dict[str, str]  # head word -> feature
    parts: frozenset[str]
    directions: frozenset[str]
    direction_adjectives: frozenset[str]
    locative: frozenset[str]
    connectors: frozenset[str]
    modified: frozenset[str]
    named_after: frozenset[str]
    plurals: dict[str, str]  # plural designator -> singular ("counties" -> "county")
    street_suffixes: frozenset[str]
    road_prefixes: tuple[tuple[str, ...], ...]  # each a sequence of words
    name_openers: frozenset[str]
    toponym_heads: frozenset[str]
    common_words: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> PlaceCues:
    data = yaml.safe_load(
        resources.files("sitrep.resources").joinpath("place_cues.yaml").read_text("utf-8")
    )

    def by_word(table: dict[str, list[str]]) -> dict[str, str]:
        return {word: feature for feature, words in table.items() for word in words}

    return PlaceCues(
        designators=by_word(data["designators"]),
        of_phrases=by_word(data["of_phrases"]),
        parts=frozenset(data["parts"]),
        directions=frozenset(data["directions"]),
        direction_adjectives=frozenset(data["direction_adjectives"]),
        locative=frozenset(data["locative"]),
        connectors=frozenset(data["connectors"]),
        modified=frozenset(data["modified_nouns"]),
        named_after=frozenset(data["named_after"]),
        plurals=data["plural_designators"],
        street_suffixes=frozenset(data["street_suffixes"]),
        road_prefixes=tuple(tuple(words.split()) for words in data["road_prefixes"]),
        name_openers=frozenset(data["name_openers"]),
        toponym_heads=frozenset(data["toponym_heads"]),
        common_words=frozenset(data["common_words"]),
    )


@dataclass
class _Mention:
    start: int  # token indices of the name itself
    end: int
    span_start: int  # doc character offsets of the mention recorded (with designator etc.)
    span_end: int
    name: str
    candidates: tuple[Candidate, ...]
    ner: bool
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
    container: _Mention | None = None  # the mention this one lies in ("X, Y"; "X's Y district")
    part_of: _Mention | None = None  # "X's Y district" where the gazetteer does not know Y
    street: bool = False  # a street or road, placed at the article's town
    # A cued name the gazetteer lacks ("the village of X", "Tal X"), placed at the article's
    # town, else in its country.
    unknown: bool = False
    modifies: bool = False  # it modifies a noun of people or services ("a Winona man")
    peers: list[_Mention] = field(default_factory=list)  # the list it is named in, if any
    choice: Candidate | None = None


@dataclass(frozen=True)
class _Words:
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


def _words(doc: Doc) -> _Words:
    strings = doc.vocab.strings
    possessive = strings["POS"]
    rows = doc.to_array([ORTH, TAG, IDX]).tolist()
    text = [strings[orth] for orth, _, _ in rows]
    capitalised = [
        # A possessive ("'S") is no name word.
        word[:1].isupper() and any(ch.isalpha() for ch in word) and tag != possessive
        for word, (_, tag, _) in zip(text, rows, strict=True)
    ]
    return _Words(text, capitalised, [idx for _, _, idx in rows], text_of(doc))


class PlaceRecognizer:
    """The ``sitrep_places`` component: fills ``doc._.places``."""

    def __init__(
        self, gazetteer: Gazetteer, cues: PlaceCues, states_as_places: bool = True
    ) -> None:
        self.gazetteer = gazetteer
        self.cues = cues
        self.blocked_routes = _ACTOR_ROUTES if states_as_places else _ACTOR_ROUTES | {"state"}
        self.directions = cues.directions | cues.direction_adjectives
        self.road_openers = frozenset(words[0] for words in cues.road_prefixes)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._recognize(doc)
        self._resolve(doc, mentions)
        keep_records(doc, "places", _records(doc, mentions))
        return doc

    # -- recognition -------------------------------------------------------------------------

    def _recognize(self, doc: Doc) -> list[_Mention]:
        blocked = [(m.start, m.end) for m in actor_mentions(doc) if m.via in self.blocked_routes]
        # Tokens of other entities (dates, amounts, demonyms) are no place names. A person or
        # organisation may be a mislabelled place ("Raqqa") or hold one ("Gainesville Police"):
        # its names are looked up, and kept on stronger evidence (see _kept).
        words = _words(doc)
        taken = [False] * len(doc)
        labels = [""] * len(doc)
        found: list[_Mention] = []
        # A dateline ("WINONA --", "BEIRUT:") names the place the story was filed from, whatever
        # label spaCy gave the capitals.
        for start, end in _datelines(doc, words):
            mention = self._name(words, start, end, ner=False)
            if mention is not None:
                mention.cue = True
                found.append(mention)
                for i in range(start, end):
                    taken[i] = True
        # Streets and roads are no gazetteer names; their words are not looked up alone
        # ("Darby" of "Darby Street").
        for start, end in self._streets(words, taken):
            found.append(_cued_mention(doc, start, end, street=True))
            for i in range(start, end):
                taken[i] = True
        for start, end in self._unknown_names(doc, words, taken, blocked):
            found.append(_cued_mention(doc, start, end, street=False))
            for i in range(start, end):
                taken[i] = True
        for ent in doc.ents:
            if taken[ent.start]:
                continue
            mention = None
            if ent.label_ in _PLACE_LABELS:
                start, end = self._core(doc, ent.start, ent.end)
                if start < end:
                    start, end = self._widest(doc, words, start, end, taken)
                if start < end and not self._hidden(words, start, end, blocked):
                    mention = self._name(words, start, end, ner=True, label=ent.label_)
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
                or (ent.label_ in _PLACE_LABELS and mention is None)
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
                    (mention.start > start and words.capitalised[mention.start - 1])
                    or self._opens_place(doc, words, mention)
                    or self._continues(doc, words, mention)
                )
                found.append(mention)
                i = mention.end
        found.sort(key=lambda m: m.start)
        text = text_of(doc)
        for mention in found:
            self._context(doc, text, mention)
        self._lists(doc, words, found)
        self._relate(doc, words, text, found)
        people = _people(doc)
        # A name that names a virus once ("Marburg virus") names it throughout the article.
        things = {
            name_key(m.name)
            for m in found
            if m.end < len(doc) and doc[m.end].lower_ in self.cues.named_after
        }
        found = [m for m in found if name_key(m.name) not in things]
        kept = [m for m in found if self._kept(doc, words, m, people)]
        # By identity: comparing dataclasses field by field costs more than the rest.
        kept_ids = {id(m) for m in kept}
        # One sense per article: a name once shown to be a place is a place wherever else it
        # stands, even where spaCy took it for a person or an organisation ("Gainesville").
        known = {name_key(m.name) for m in kept if m.part_of is None}
        # A person's surname takes a place's sense only from a mention with a place cue.
        cued = {name_key(m.name) for m in kept if m.cue}
        return [
            m
            for m in found
            if id(m) in kept_ids
            or (
                name_key(m.name) in known
                and not _abbreviation(doc, m)
                and (name_key(m.name) in cued or not _person(m, people))
            )
        ]

    def _kept(self, doc: Doc, words: _Words, mention: _Mention, people: frozenset[str]) -> bool:
        """Whether the evidence that a found name is a place mention is enough."""
        if mention.part_of is not None or mention.street or mention.unknown:
            return True
        if _abbreviation(doc, mention):
            # "Ky.", "Miss.": a state only where it closes "X, ST.", follows a party letter
            # ("Sen. Smith, D-N.D.") or spaCy says place; a country's ("U.S.", "U.K.") is a
            # place wherever it stands, as in "the U.S. Centers for Disease Control".
            return (
                mention.contains
                or mention.ner
                or _party(doc, mention.start)
                or any(c.feature == "country" for c in mention.candidates)
            )
        if (
            mention.end - mention.start == 1
            and mention.name in self.cues.name_openers
            and mention.end < len(doc)
            and words.capitalised[mention.end]
        ):
            # "Abu" of "Abu Hamza", "San" of "San Isidro": the opening word of a longer name.
            return False
        # A common word that names towns ("Mobile", "Airport") is capitalised in titles and unit
        # names too: it needs a place label or a cue of its own, not a noun after it.
        common = name_key(mention.name) in self.cues.common_words
        if mention.label == "NORP":
            # Faiths, parties and peoples ("Sunni", "Republican", "South Ossetian") name towns
            # and states too: only a place cue for the whole name ("the town of X", "in X")
            # makes it a place.
            return mention.cue and mention.whole and not mention.modifies
        if mention.modifies or (common and mention.article):
            # "the Earth", "the Union": towns take no article.
            return not common
        if _person(mention, people) and not mention.cue and not mention.contains:
            # "Trapani said": the surname of a person named in full elsewhere, whatever label
            # the small model gave it.
            return False
        if mention.ner:
            return True
        if mention.end - mention.start == 1 and doc[mention.start].lower_ in self.directions:
            return False
        strong = any(_strong(c) for c in mention.candidates)
        if mention.partial and not self._designated(doc, mention):
            # A known name inside a longer unknown one ("Goz Beida", "West Midlands") is a
            # coincidence, unless a designator closes it ("Lamar County Sheriff's Office").
            return False
        if mention.label in ("PERSON", "PRODUCT"):
            # People and products are named after places ("Jackson", "Lincoln"): a place cue,
            # a country or state name, or a list of places it stands in ("Kano, Zaria and
            # Katsina") decides.
            listed = any(peer.ner and peer.label in _PLACE_LABELS for peer in mention.peers)
            return (mention.cue and mention.whole) or strong or (listed and mention.whole)
        if mention.label == "ORG":
            # "Gainesville Police", "University of Florida": the place leads the name or
            # follows "of"; companies named after small towns ("Bell", "Ford") do not count.
            before = doc[mention.start - 1] if mention.start > 0 else None
            leads = doc[mention.start].ent_iob_ == "B" or (
                before is not None
                and (before.lower_ == "of" or (before.ent_iob_ == "B" and before.lower_ == "the"))
            )
            # A whole "organisation" after "in" is a town the model did not know ("officials
            # in Hakkari").
            inside = mention.whole and before is not None and before.lower_ == "in"
            return leads and (
                strong
                or (not common and inside)
                or (
                    not common
                    and any(
                        c.main_name and c.population >= _MIN_POPULATION_IN_ORG
                        for c in mention.candidates
                    )
                )
            )
        return mention.cue or (not common and mention.proper and _notable(mention))

    def _streets(self, words: _Words, taken: list[bool]) -> list[tuple[int, int]]:
        """Token ranges of streets ("Darby Street", "South Lowry Avenue") and numbered roads
        ("Highway 19", "County Road 15")."""
        found = []
        i = 0
        while i < len(taken):
            end = self._road_end(words, i) or self._street_end(words, i)
            if end and not any(taken[i:end]):
                found.append((i, end))
                i = end
            else:
                i += 1
        return found

    def _unknown_names(
        self, doc: Doc, words: _Words, taken: list[bool], blocked: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Token ranges of capitalised names the gazetteer lacks that a cue makes places: an
        Arabic toponym head ("Tal Hamra") or a town's "of" phrase ("the village of Qurna")."""
        found = []
        capitalised = words.capitalised
        for i, word in enumerate(words.text):
            if taken[i] or not capitalised[i]:
                continue
            head = word in self.cues.toponym_heads
            town = (
                i >= 2
                and doc[i - 1].lower_ == "of"
                and self.cues.of_phrases.get(doc[i - 2].lower_) == "city"
            )
            if not (head or town):
                continue
            end = i + 1
            while end < len(doc) and end - i < _MAX_NAME_TOKENS and capitalised[end]:
                end += 1
            if head and end == i + 1:
                continue
            known = self._longest(doc, words, i, end, blocked)
            if known is None or (head and known.end - known.start == 1):
                found.append((i, end))
        return found

    def _road_end(self, words: _Words, start: int) -> int:
        """The end of a numbered road opening at ``start`` ("County Road 15"), else 0."""
        text = words.text
        if text[start] not in self.road_openers:
            return 0
        for prefix in self.cues.road_prefixes:
            end = start + len(prefix)
            if end < len(text) and tuple(text[start:end]) == prefix and _road_number(text[end]):
                return end + 1
        return 0

    def _street_end(self, words: _Words, start: int) -> int:
        """The end of a street name opening at ``start`` (capitalised words, then a suffix),
        else 0."""
        text, capitalised = words.text, words.capitalised
        if not capitalised[start] or text[start] in self.cues.street_suffixes:
            return 0
        if start > 0 and capitalised[start - 1]:
            return 0  # inside a longer name
        end = start
        while end < len(text) and end - start < _MAX_NAME_TOKENS and capitalised[end]:
            if end > start and text[end] in self.cues.street_suffixes:
                # "Pleasant Lane School" names a school, not its street.
                return 0 if end + 1 < len(text) and capitalised[end + 1] else end + 1
            end += 1
        return 0

    def _hidden(self, words: _Words, start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
        """Whether a name lies in an actor's name and is no place there. A country's or state's
        own name still is one ("the U.S. Centers for Disease Control", "Ohio Department of
        Transportation"); a demonym never is ("the Syrian army")."""
        first, last = words.span(start, end)
        return any(s < last and first < e for s, e in blocked) and not any(
            _strong(c) for c in self.gazetteer.lookup(words.doc_text[first:last])
        )

    def _opens_place(self, doc: Doc, words: _Words, mention: _Mention) -> bool:
        """Whether a one-word name opens spaCy's place entity, which goes on with more of its
        own name ("La Petrolea", "Tal Hamra"), not with a designator or a noun the place
        modifies. A notable place by its own name opens names of its facilities ("Vancouver
        International Airport") and stays."""
        if (
            mention.label not in _PLACE_LABELS
            or mention.end - mention.start > 1
            or mention.end >= len(doc)
            or any(
                c.main_name and (_strong(c) or c.population >= _MIN_POPULATION_UNCUED)
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

    def _continues(self, doc: Doc, words: _Words, mention: _Mention) -> bool:
        """Whether the place entity goes on past a known name with a name particle ("Bab
        el-Oued") or a possessive and more name ("St. Peter's Square"): the known name is only
        the start of another place's name, however notable it is. "Aleppo's Sheikh Maqsoud
        district" names a part of Aleppo (see _relate)."""
        if mention.label not in _PLACE_LABELS or mention.end + 1 >= len(doc):
            return False
        after, nxt = doc[mention.end], doc[mention.end + 1]
        if after.ent_iob_ != "I" or nxt.ent_iob_ != "I":
            return False
        if after.tag_ == "POS":
            return (
                words.capitalised[mention.end + 1]
                and _part_after(doc, words, mention.end + 1, self.cues) is None
            )
        return after.lower_ in self.cues.connectors and after.lower_ not in _JOINING

    def _designated(self, doc: Doc, mention: _Mention) -> bool:
        return (
            mention.end - mention.start > 1 and doc[mention.end - 1].lower_ in self.cues.designators
        )

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

    def _runs(self, doc: Doc, words: _Words, taken: list[bool]) -> list[tuple[int, int]]:
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
        self, doc: Doc, words: _Words, start: int, end: int, taken: list[bool]
    ) -> tuple[int, int]:
        """The longest name the gazetteer knows that holds the token range: spaCy's entity
        often leaves out a name's first or last words ("Democratic" of "Democratic Republic
        of the Congo", "Bissau" of "Guinea-Bissau", "do Sul" of "Rio Grande do Sul"), and the
        shorter name is another place."""
        capitalised = words.capitalised
        starts, ends = [start], [end]
        i = start
        while i > 0 and end - i < _MAX_NAME_TOKENS and not taken[i - 1]:
            if not (capitalised[i - 1] or self._connector(doc[i - 1])):
                break
            i -= 1
            if capitalised[i]:
                starts.append(i)
        j = end
        while j < len(doc) and j - start < _MAX_NAME_TOKENS and not taken[j]:
            if not (capitalised[j] or self._connector(doc[j])):
                break
            j += 1
            if capitalised[j - 1]:
                ends.append(j)
        spans = sorted(
            ((s, e) for s in starts for e in ends if e - s <= _MAX_NAME_TOKENS),
            key=lambda span: span[0] - span[1],
        )
        for s, e in spans:
            if (s, e) == (start, end) or self.gazetteer.lookup(doc[s:e].text):
                return s, e
        return start, end

    def _connector(self, token: Token) -> bool:
        """A lower-case word or mark inside a multi-word name ("de", "-" of "Guinea-Bissau"),
        not a dash between words."""
        return token.lower_ in self.cues.connectors and not (
            token.whitespace_ and token.text in "-'"
        )

    def _longest(
        self, doc: Doc, words: _Words, start: int, end: int, blocked: list[tuple[int, int]]
    ) -> _Mention | None:
        for stop in range(min(end, start + _MAX_NAME_TOKENS), start, -1):
            if not words.capitalised[stop - 1] or self._hidden(words, start, stop, blocked):
                continue
            mention = self._name(words, start, stop, ner=False)
            if mention is not None:
                mention.proper = _proper(doc, words, start, stop)
                return mention
        return None

    def _name(
        self, words: _Words, start: int, end: int, ner: bool, label: str = ""
    ) -> _Mention | None:
        start_char, end_char = words.span(start, end)
        name = words.doc_text[start_char:end_char]
        candidates = self.gazetteer.lookup(name)
        if not candidates:
            return None
        return _Mention(start, end, start_char, end_char, name, candidates, ner, label=label)

    def _context(self, doc: Doc, text: str, mention: _Mention) -> None:
        """Designators, "of" phrases, compass words and locative prepositions around a name."""
        cues = self.cues
        last = doc[mention.end - 1]
        if mention.end - mention.start > 1 and last.lower_ in cues.designators:
            # The designator is part of the name: "Lamar County", "Rapides Parish".
            mention.hint, mention.cue = cues.designators[last.lower_], True
        after = doc[mention.end] if mention.end < len(doc) else None
        if after is not None and after.text in cues.modified:
            mention.modifies = mention.cue = True
        if after is not None and after.lower_ in cues.designators and after.is_lower:
            mention.hint = cues.designators[after.lower_]
            mention.span_end = after.idx + len(after.text)
            mention.cue = True
        before = doc[mention.start - 1] if mention.start > 0 else None
        if before is not None and before.lower_ in cues.direction_adjectives and before.is_lower:
            mention.span_start = before.idx
            mention.cue = True
            before = doc[mention.start - 2] if mention.start > 1 else None
        mention.article = before is not None and before.lower_ == "the"
        if before is not None and before.lower_ == "of" and mention.start >= 2:
            head = doc[mention.start - 2]
            if head.lower_ in cues.of_phrases:
                mention.hint = mention.hint or cues.of_phrases[head.lower_]
                mention.cue = True
            elif head.lower_ in cues.directions:
                mention.cue = True
        # "at Patten's hotel": the preposition governs the possessed noun, not the name.
        possessive = after is not None and after.tag_ == "POS"
        if before is not None and before.lower_ in cues.locative and not possessive:
            mention.cue = True
        if mention.hint == "admin2" and not any(c.feature == "admin2" for c in mention.candidates):
            # "Laurel County" is filed under its full name.
            full = text[mention.span_start : mention.span_end]
            mention.candidates = self.gazetteer.lookup(full) or mention.candidates

    def _lists(self, doc: Doc, words: _Words, mentions: list[_Mention]) -> None:
        """ "Barrow, Jackson and Madison counties": a plural designator after a list of names
        says what each is, and a county is filed under its full name ("Jackson County")."""
        by_end = {m.end: m for m in mentions}
        for plural, word in enumerate(words.text):
            singular = self.cues.plurals.get(word)
            if singular is None:
                continue
            i = plural
            while True:
                mention = by_end.get(i) or self._full_name(doc, words, i, singular)
                if mention is None:
                    break
                if mention.end not in by_end:
                    mentions.append(mention)
                    by_end[mention.end] = mention
                mention.hint, mention.cue = self.cues.designators[singular], True
                if mention.hint == "admin2" and not any(
                    c.feature == "admin2" for c in mention.candidates
                ):
                    full = f"{mention.name} {singular.title()}"
                    mention.candidates = self.gazetteer.lookup(full) or mention.candidates
                i = mention.start
                while i > 0 and doc[i - 1].lower_ in (",", "and", "or"):
                    i -= 1

    def _full_name(self, doc: Doc, words: _Words, end: int, singular: str) -> _Mention | None:
        """The capitalised name ending at ``end`` that the gazetteer knows only with its
        designator ("Henry" of "Clay and Henry counties" as "Henry County")."""
        start = end
        while start > 0 and end - start < _MAX_NAME_TOKENS and words.capitalised[start - 1]:
            start -= 1
        if start == end:
            return None
        span = doc[start:end]
        candidates = self.gazetteer.lookup(f"{span.text} {singular.title()}")
        if not candidates:
            return None
        return _Mention(
            start, end, span.start_char, span.end_char, span.text, candidates, ner=False
        )

    def _relate(self, doc: Doc, words: _Words, text: str, mentions: list[_Mention]) -> None:
        """ "X, Y" (X lies in Y) and "X's Y district" (Y is part of X, known or not)."""
        for mention in list(mentions):
            if mention.end < len(doc) and doc[mention.end].tag_ == "POS":
                part = _part_after(doc, words, mention.end + 1, self.cues)
                if part is None:
                    continue
                known = next((m for m in mentions if m.start == part[0]), None)
                if known is not None:
                    known.container, known.cue, mention.contains = mention, True, True
                else:
                    mentions.append(_part(doc, part, mention))
                # A place with named districts is a place ("Aleppo's Sheikh Maqsoud district").
                mention.cue = True
        mentions.sort(key=lambda m: m.start)
        for i, (mention, nxt) in enumerate(zip(mentions, mentions[1:], strict=False)):
            between = text[mention.span_end : nxt.span_start].strip()
            if between == "," and self._holds(doc, text, mentions, i):
                mention.container, mention.cue, nxt.contains = nxt, True, True
            elif (mention.unknown or mention.hint == "city") and between in _WITHIN:
                # "the village of X in Fife", "the town of X in the Swat Valley".
                mention.container, nxt.contains = nxt, True
        self._peers(text, mentions)

    def _holds(self, doc: Doc, text: str, mentions: list[_Mention], i: int) -> bool:
        """Whether in "X, Y" (mentions ``i`` and ``i + 1``) X lies in Y: "Tripoli, Lebanon",
        "Jackson, Miss.", but not a list of countries ("China, Japan and Korea") or of states
        ("Oklahoma, Pennsylvania": a state lies in no other state), nor names going on a list
        ("Uganda, Gulu, Kenya"; "Kisii, Nyamira, Bomet", where a town's namesake
        county is no container), unless a state's abbreviation closes the pair ("Denver,
        Louisville, Ky.") or a country the run ("Toronto, Ontario, Canada")."""
        mention, nxt = mentions[i], mentions[i + 1]
        if any(c.feature == "country" and c.main_name for c in mention.candidates) or (
            _ranks(mention) & _ranks(nxt)
        ):
            return False
        abbreviation = _abbreviation(doc, nxt)
        before = mentions[i - 1] if i > 0 else None
        if (
            before is not None
            and not before.contains
            and _LIST_GLUE.fullmatch(text[before.span_end : mention.span_start])
            and not abbreviation
        ):
            return False
        after = mentions[i + 2] if i + 2 < len(mentions) else None
        run = (
            after is not None
            and text[nxt.span_end : after.span_start].strip() == ","
            and not abbreviation
            and not any(c.feature == "country" for c in after.candidates)
        )
        # The container goes by a country's name or a state's own name or abbreviation
        # ("Cairo, Giza" lists two cities: Giza governorate is no name of the city's).
        return any(
            c.feature == "country"
            or (c.feature == "admin1" and not run and (c.main_name or abbreviation))
            for c in nxt.candidates
        )

    def _peers(self, text: str, mentions: list[_Mention]) -> None:
        """Links the names of a list ("Georgia, Oklahoma and Wisconsin"; "Egypt and Niger"):
        names listed together are mostly places of one kind (see _kinds)."""
        group: list[_Mention] = []
        for mention in mentions:
            listed = not (mention.contains or mention.container or mention.part_of)
            if (
                group
                and listed
                and _LIST_GLUE.fullmatch(text[group[-1].span_end : mention.span_start])
            ):
                group.append(mention)
                mention.peers = group
            elif listed:
                group = [mention]
                mention.peers = group
            else:
                group = []

    # -- resolution --------------------------------------------------------------------------

    def _resolve(self, doc: Doc, mentions: list[_Mention]) -> None:
        base = self._article_countries(doc)
        # Containers first: "Surrey, UK" needs the UK's reading.
        for mention in sorted(mentions, key=lambda m: not m.contains):
            if mention.part_of is None and not mention.street and not mention.unknown:
                mention.choice = self._choose(mention, base, Counter(), Counter(), first=True)
        _one_sense(mentions)
        for mention in mentions:
            if _foreign(mention):
                mention.candidates = ()
                mention.choice = None
        # Second pass: the other names' places are evidence ("Alexandria" with "Rapides Parish").
        support = _admin1_support(mentions)
        paired = _paired(mentions)
        total = sum(support.values(), Counter())
        for mention in mentions:
            if mention.part_of is not None or mention.street or mention.unknown:
                continue
            key = name_key(mention.name)
            countries, admin1s = Counter(base), total - support[key]
            points = []
            for other in mentions:
                if other.choice is not None and name_key(other.name) != key:
                    if other.choice.country:
                        countries[other.choice.country] += 1
                    if other.choice.feature in ("city", "locality", "admin2"):
                        points.append((other.choice.lat, other.choice.lon))
            near = Counter(
                {
                    c.id: _NEAR_OTHERS
                    for c in mention.candidates
                    if any(_within(c.lat, c.lon, lat, lon, _NEAR_KM) for lat, lon in points)
                }
            )
            near.update(paired[key])
            near.update(_kinds(mention, key))
            mention.choice = self._choose(mention, countries, admin1s, near, first=False)
        _one_sense(mentions)
        for mention in mentions:
            if mention.part_of is not None:
                container = mention.part_of.choice
                if container is not None:
                    mention.choice = _part_place(mention.name, container)
            # A name none of whose readings lies where the text puts it ("the town of X in the
            # Swat Valley", "X, Ontario") is a place there that the gazetteer lacks.
            placed = mention.container.choice if mention.container is not None else None
            if (
                placed is not None
                and mention.choice is not None
                and not _lies_in(mention.choice, placed)
                and not any(_strong(c) for c in mention.candidates)
            ):
                mention.choice = _part_place(mention.name, placed)
        town = _town(mentions)
        for mention in mentions:
            if mention.street and town is not None:
                mention.choice = _part_place(mention.name, town)
        # A named place the gazetteer lacks lies near the article's town; one with an Arabic
        # toponym head ("Tal X") lies at least in the article's country, which its actors and
        # other places name more often than a town in Levantine and Iraqi war reports.
        chosen = Counter(m.choice.country for m in mentions if m.choice and m.choice.country)
        country = (chosen + base).most_common(1)
        state = self.gazetteer.by_code(country[0][0]) if country else None
        for mention in mentions:
            headed = doc[mention.start].text in self.cues.toponym_heads
            near = town or (state if headed else None)
            # Unless the text says where it lies ("the village of X in Fife", "X, Fife").
            if mention.container is not None and mention.container.choice is not None:
                near = mention.container.choice
            if mention.unknown and near is not None:
                mention.choice = _part_place(mention.name, near)

    def _compass(self, name: str) -> bool:
        """Whether a name is compass words alone ("South", "South-West", "Western Province"):
        dozens of countries have a division or a town so named, and only the article's mention
        of its country makes one a reading ("the American South" is no region of Cameroon,
        "Western officials" no town in Wisconsin)."""
        return all(
            word in self.directions or word in self.cues.designators
            for word in name_key(name).split()
        )

    def _article_countries(self, doc: Doc) -> Counter:
        """Countries the article implies before any place is resolved: its actors' countries,
        demonyms (NORP entities), and names whose only reading is a country."""
        countries: Counter = Counter()
        # Each code is looked up once: many actors share a country.
        codes = Counter(actor.country for actor in records(doc, "actors") if actor.country)
        for code, count in codes.items():
            place = self.gazetteer.by_code(code)
            if place is not None and place.country:
                countries[place.country] += count
        for ent in doc.ents:
            if ent.label_ == "NORP":
                country = self.gazetteer.demonym(ent.text)
                if country:
                    countries[country] += 1
        return countries

    def _choose(
        self,
        mention: _Mention,
        countries: Counter,
        admin1s: Counter,
        near: Counter,
        first: bool,
    ) -> Candidate | None:
        candidates = _drop_shadowed(mention.candidates, mention.hint)
        container = mention.container.choice if mention.container is not None else None
        # A country's or state's name keeps that reading against towns named after it that
        # lie in the article's states ("Oregon", "Mexico").
        strong = any(_strong(c) for c in candidates)
        best, best_score = None, -math.inf
        compass = self._compass(mention.name)
        for candidate in candidates:
            if compass and not countries.get(candidate.country):
                continue
            evidence = admin1s if _strong(candidate) or not strong else Counter()
            score = _score(candidate, mention.hint, container, countries, evidence, near)
            if mention.article and candidate.feature in _REGIONS:
                score += _ARTICLE
            if score > best_score:
                best, best_score = candidate, score
        if best is None:
            return None
        # An unlabelled, uncued capitalised word stays only when its reading is notable.
        weak = not (mention.ner or mention.cue) and not first
        if (
            weak
            and best.feature in ("locality", "admin2")
            and best.population < _MIN_POPULATION_UNCUED
        ):
            return None
        return best


@Language.factory(
    "sitrep_places",
    assigns=["doc._.places"],
    requires=["doc.ents", "token.tag", "doc._.actor_mentions"],
    default_config={"gazetteer": {"@misc": "sitrep.gazetteer.v1"}, "states_as_places": True},
)
def make_places(
    nlp: Language, name: str, gazetteer: Gazetteer, states_as_places: bool
) -> PlaceRecognizer:
    return PlaceRecognizer(gazetteer, load_cues(), states_as_places)


# -- helpers -----------------------------------------------------------------------------------


def _score(
    candidate: Candidate,
    hint: str | None,
    container: Candidate | None,
    countries: Counter,
    admin1s: Counter,
    near: Counter,
) -> float:
    population = candidate.population or _FEATURE_POPULATION.get(candidate.feature, 0)
    score = math.log10(population + 10) + _FEATURE_PRIOR.get(candidate.feature, 0.0)
    if not candidate.main_name:
        score += _ALTERNATE_NAME
    if candidate.capital:
        score += _CAPITAL
    score += near[candidate.id]
    if hint is not None:
        score += _HINT_MATCH if _fits(candidate.feature, hint) else _HINT_MISMATCH
    if container is not None:
        score += _CONTAINED if _lies_in(candidate, container) else _NOT_CONTAINED
    if countries.get(candidate.country):
        score += _COUNTRY_EVIDENCE * min(2.0, math.log2(1 + countries[candidate.country]))
    if admin1s.get(candidate.admin1):
        score += _ADMIN1_EVIDENCE * math.log2(1 + admin1s[candidate.admin1])
    return score


def _within(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> bool:
    """Whether two points lie within ``km`` of each other; the latitude test first spares
    most great-circle distances."""
    if abs(lat1 - lat2) > km / _KM_PER_DEGREE:
        return False
    return haversine_km(lat1, lon1, lat2, lon2) <= km


def _lies_in(candidate: Candidate, container: Candidate) -> bool:
    """Whether a place lies in a country or first-level division, or in the country of a
    region, a feature or a former division."""
    if container.feature == "admin1" and container.admin1:
        return candidate.admin1 == container.admin1
    return container.country is None or candidate.country == container.country


def _one_sense(mentions: list[_Mention]) -> None:
    """One sense per article: a name placed in an explicit container once ("Guildford,
    Surrey, UK") is that place wherever else it stands bare ("a Surrey farm")."""
    placed = {
        name_key(m.name): m.choice
        for m in mentions
        if m.container is not None and m.choice is not None
    }
    for mention in mentions:
        choice = placed.get(name_key(mention.name))
        if (
            choice is not None
            and mention.container is None
            and mention.hint is None
            and any(c.id == choice.id for c in mention.candidates)
        ):
            mention.choice = choice


def _admin1_support(mentions: list[_Mention]) -> dict[str, Counter]:
    """Per name key, how much its mentions vouch for each first-level division: each mention
    shares one vote among the divisions its readings lie in, so a state's own name ("Georgia"
    read as the US state) votes whole and a name found in ten states barely votes. Unlike the
    first pass's choices, this weighs every reading ("Athens" and "Henderson County" agree on
    Texas although each alone prefers another state)."""
    support: dict[str, Counter] = defaultdict(Counter)
    for mention in mentions:
        divisions = {
            c.admin1
            for c in _drop_shadowed(mention.candidates, mention.hint)
            if c.admin1 and c.main_name
        }
        for division in divisions:
            support[name_key(mention.name)][division] += 1 / len(divisions)
    return support


def _paired(mentions: list[_Mention]) -> dict[str, Counter]:
    """Per name key, a bonus for each of its local readings (town, county) that lies within
    a few tens of kilometres of a local reading of another name: "Paris" and "Henry County"
    both have Tennessee readings side by side, which chance seldom gives two names."""
    local: dict[str, list[Candidate]] = {}
    strong = set()
    for mention in mentions:
        if any(_strong(c) for c in mention.candidates):
            strong.add(name_key(mention.name))
        if mention.part_of is None and not mention.street:
            local[name_key(mention.name)] = [
                c
                for c in _drop_shadowed(mention.candidates, mention.hint)
                if c.feature in _LOCAL and c.main_name
            ]
    paired: dict[str, Counter] = defaultdict(Counter)
    for key, candidates in local.items():
        for candidate in candidates:
            neighbours = sum(
                any(_within(candidate.lat, candidate.lon, o.lat, o.lon, _PAIR_KM) for o in others)
                for other, others in local.items()
                # Towns named after countries and states ("Norway" and "Mexico", Maine) lie
                # side by side too often to vouch for each other.
                if other != key and not (key in strong and other in strong)
            )
            if neighbours:
                paired[key][candidate.id] = _PAIRED * min(neighbours, _PAIRS_COUNTED)
    return paired


def _kinds(mention: _Mention, key: str) -> Counter:
    """A bonus for the readings of a listed name that are of the kind every other name of the
    list was read as (after the first pass): "Washington" among states is the state, "Niger"
    after "Egypt" the country."""
    kinds = {
        _kind(other.choice.feature)
        for other in mention.peers
        if other.choice is not None and name_key(other.name) != key
    }
    if len(kinds) != 1:
        return Counter()
    kind = kinds.pop()
    return Counter({c.id: _PEER_KIND for c in mention.candidates if _kind(c.feature) == kind})


def _foreign(mention: _Mention) -> bool:
    """Whether a name listed among places of one country ("Kisii, Nyamira, Bomet, ...", all
    Kenyan) has no reading there: it is a place of that country the gazetteer lacks, and a
    namesake abroad would lend its country false evidence."""
    key = name_key(mention.name)
    countries = {
        other.choice.country
        for other in mention.peers
        if other.choice is not None and name_key(other.name) != key
    }
    return (
        len(countries) == 1
        and len(mention.peers) > _PEERS_FOR_COUNTRY
        and not any(c.country in countries for c in mention.candidates)
    )


def _kind(feature: str) -> str:
    return "town" if feature in ("city", "locality") else feature


def _ranks(mention: _Mention) -> set[str]:
    """The features of a name's strong readings: "country", "admin1" or none."""
    return {c.feature for c in mention.candidates if _strong(c)}


def _fits(feature: str, hint: str) -> bool:
    if hint == "city":
        return feature in ("city", "locality")
    return feature == hint


def _drop_shadowed(candidates: tuple[Candidate, ...], hint: str | None) -> list[Candidate]:
    """A division named after the city in it ("Aleppo" governorate, "Paris" department) is
    the city unless the phrase says division. So is a division that shares only an
    alternate name with its city ("Mecca" for Makkah province and Makkah)."""
    if hint in ("admin1", "admin2"):
        return list(candidates)
    cities = [c for c in candidates if c.feature in ("city", "locality")]
    kept = []
    for candidate in candidates:
        if candidate.feature in ("admin1", "admin2") and any(
            city.country == candidate.country
            and city.admin1 == candidate.admin1
            and (city.main_name or not candidate.main_name)
            and city.population >= _SHADOW_SHARE * candidate.population
            for city in cities
        ):
            continue
        kept.append(candidate)
    return kept


def _whole_entity(doc: Doc, mention: _Mention) -> bool:
    ent = doc[mention.start]
    return ent.ent_iob_ == "B" and (mention.end == len(doc) or doc[mention.end].ent_iob_ != "I")


def _abbreviation(doc: Doc, mention: _Mention) -> bool:
    """ "Ky.", "W.Va" + ".": a short name written with full stops."""
    if "." in mention.name:
        return len(mention.name) <= 6
    after = doc[mention.end] if mention.end < len(doc) else None
    stop = after is not None and after.text == "." and after.idx == mention.span_end
    return stop and not any(c.main_name for c in mention.candidates)


def _strong(candidate: Candidate) -> bool:
    """A country by any of its names ("U.S.", "Burma"), or a populous first-level division by
    its own name: evidence enough that a name is a place (not a parish of the Isle of Man
    called "Michael")."""
    return candidate.feature == "country" or (
        candidate.main_name
        and candidate.feature == "admin1"
        and candidate.population >= _MIN_POPULATION_UNCUED
    )


def _people(doc: Doc) -> frozenset[str]:
    """Name keys of the surnames of people named in full ("Gary Trapani"). The first word is
    left out: the small model takes many "Town Police" and "Town Station" for people."""
    return frozenset(
        name_key(ent[-1].text)
        for ent in doc.ents
        if ent.label_ == "PERSON"
        and 1 < len(ent) <= _MAX_PERSON_TOKENS
        and all(token.pos_ == "PROPN" for token in ent)
    )


def _person(mention: _Mention, people: frozenset[str]) -> bool:
    """A one-word name that is the surname of a person named in full in the article, and no
    country's name."""
    return (
        mention.end - mention.start == 1
        and name_key(mention.name) in people
        and not any(c.feature == "country" for c in mention.candidates)
    )


def _party(doc: Doc, start: int) -> bool:
    """A state after a party letter: "Sen. Smith, D-N.D.", "R-Ohio"."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].text in _PARTIES


def _datelines(doc: Doc, words: _Words) -> list[tuple[int, int]]:
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
        if opens and j > i and _dateline_close(words, j):
            found.append((i, j))
        i = max(j, i + 1)
    return found


def _upper_word(text: str) -> bool:
    return len(text) > 1 and text[:1].isalpha() and text.isupper()


def _dateline_close(words: _Words, end: int) -> bool:
    for i in range(end, min(end + _DATELINE_REACH, len(words.text))):
        if words.text[i] in _DATELINE_MARKS:
            return True
        if not (words.text[i] in ",()" or words.capitalised[i]):
            return False
    return False


def _notable(mention: _Mention) -> bool:
    return any(
        c.feature in ("country", "admin1", "natural", "other")
        or c.population >= _MIN_POPULATION_UNCUED
        for c in mention.candidates
    )


def _proper(doc: Doc, words: _Words, start: int, end: int) -> bool:
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


def _part_after(
    doc: Doc, words: _Words, start: int, cues: PlaceCues
) -> tuple[int, int, int] | None:
    """A capitalised name at ``start`` followed by a part word: (start, end, part word index)."""
    end = start
    while (
        end < len(doc)
        and end - start < _MAX_NAME_TOKENS
        and (words.capitalised[end] or words.text[end] == "-")
    ):
        end += 1
    if end > start and end < len(doc) and doc[end].lower_ in cues.parts:
        return start, end, end
    return None


def _part(doc: Doc, part: tuple[int, int, int], container: _Mention) -> _Mention:
    start, end, word = part
    last = doc[word]
    return _Mention(
        start,
        end,
        doc[start].idx,
        last.idx + len(last.text),
        doc[start:end].text,
        (),
        ner=False,
        hint="locality",
        cue=True,
        part_of=container,
    )


def _cued_mention(doc: Doc, start: int, end: int, street: bool) -> _Mention:
    """A street, or a cued name the gazetteer lacks: a place of its own, placed later."""
    span = doc[start:end]
    return _Mention(
        start,
        end,
        span.start_char,
        span.end_char,
        span.text,
        (),
        ner=False,
        hint=None if street else "locality",
        cue=True,
        street=street,
        unknown=not street,
    )


def _road_number(text: str) -> bool:
    """ "19", "35E", "460A": a road's number."""
    return text[:1].isdigit() and len(text) <= _ROAD_NUMBER_LENGTH and text.isalnum()


def _town(mentions: list[_Mention]) -> Candidate | None:
    """The town an article's streets lie in: its most mentioned town, else its most mentioned
    county (the first named among equals)."""
    for features in (("city", "locality"), ("admin2",)):
        counts = Counter(
            m.choice.id
            for m in mentions
            if m.choice is not None and m.choice.feature in features and not m.street
        )
        if counts:
            best = counts.most_common(1)[0][0]
            return next(m.choice for m in mentions if m.choice is not None and m.choice.id == best)
    return None


def _part_place(name: str, container: Candidate) -> Candidate:
    """A named part of a known place ("Sheikh Maqsoud" of Aleppo): the place's point, since
    the gazetteer has none of its own."""
    slug = _SLUG.sub("_", name.lower()).strip("_")
    return replace(
        container,
        id=f"{container.id}:{slug}",
        name=name,
        feature="locality",
        geonameid=None,
        population=0,
        code=None,
    )


def _records(doc: Doc, mentions: list[_Mention]) -> list[Place]:
    grouped: dict[str, tuple[Candidate, list[_Mention]]] = {}
    for mention in mentions:
        if mention.choice is None:
            continue
        grouped.setdefault(mention.choice.id, (mention.choice, []))[1].append(mention)
    return [
        Place(
            id=choice.id,
            name=choice.name,
            lat=round(choice.lat, 5),
            lon=round(choice.lon, 5),
            country=choice.country,
            feature=choice.feature,
            geonameid=choice.geonameid,
            mentions=tuple(make_span(doc, m.span_start, m.span_end) for m in group),
        )
        for choice, group in grouped.values()
    ]
