"""Names that are not places. Demonyms ("Syrian") are never looked up, and names the actors
component resolved to institutions or named actors ("the Syrian army", "Hamas") are hidden from
recognition (see :func:`blocked`). Of the names found, each rule here refuses some: the opening
word of a longer name ("Abu" of "Abu Hamza"), a name a preposition governs only through a
possessive ("at Patten's hotel"), a common word that names towns ("Mobile", "Airport") without
a place label or cue of its own, a word in small letters ("the heron"), a person's surname
("Gary Trapani" ... "Trapani said"), given name ("Mary Wheeler" ... "Wheeler said") or title
("Col. Ali"), an acronym in capitals ("a SWAT team"), a name that names a virus or a vehicle
("Marburg virus", "a Chevrolet Tahoe"). One sense per article: a name kept once is a place
wherever else it stands, except as a person's given name or title.

A country or capital that acts ("Moscow denied") stands for the state, and is still a place by
default: annotators of toponym corpora tag it, and LGL recall rose with it at no cost in
precision (README); ``states_as_places=False`` leaves it to the actors.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sitrep.geo.gazetteer import name_key
from sitrep.nlp.actors import actor_mentions
from sitrep.nlp.places.cues import PlaceCues
from sitrep.nlp.places.mention import (
    MIN_POPULATION_UNCUED,
    PLACE_LABELS,
    Mention,
    Words,
    abbreviation,
    party_before,
    strong,
)

# Actor mentions found through these routes name an organisation or person, not a place.
_ACTOR_ROUTES = frozenset({"institution", "gazetteer"})
# A place named inside an organisation's name must be a town of this size ("Gainesville Police").
_MIN_POPULATION_IN_ORG = 50000
# Longer "people" are mostly mislabelled names of things ("SOS Children's Village Malakal").
_MAX_PERSON_TOKENS = 3
# A vehicle's model year, written before its make ("a 2007 Toyota").
_MODEL_YEAR = re.compile(r"(?:19|20)\d\d")
# The words an agency's or unit's name may run to after the place in it ("Disaster Management
# Agency").
_MAX_NAMESAKE_WORDS = 4


def blocked(doc: Doc, states_as_places: bool) -> list[tuple[int, int]]:
    """The doc character ranges of actor names that hide the names in them (see
    ``NameFinder._hidden``): institutions and named actors, and states that act unless
    ``states_as_places``."""
    routes = _ACTOR_ROUTES if states_as_places else _ACTOR_ROUTES | {"state"}
    return [(m.start, m.end) for m in actor_mentions(doc) if m.via in routes]


class NameFilter:
    """Keeps the found names that are place mentions."""

    def __init__(self, cues: PlaceCues) -> None:
        self.cues = cues

    def keep(self, doc: Doc, words: Words, found: list[Mention]) -> list[Mention]:
        """The mentions of ``found`` (in its order) that are places."""
        people = _people(doc)
        # A name that names a virus or a vehicle once ("Marburg virus", "a 2004 Toyota
        # pickup") names it throughout the article ("the Toyota").
        things = {name_key(m.name) for m in found if self._names_thing(doc, m)}
        found = [m for m in found if name_key(m.name) not in things]
        # By identity: comparing dataclasses field by field costs more than the rest.
        refusals = {id(m): self.refusal(doc, words, m, people) for m in found}
        kept = [m for m in found if refusals[id(m)] is None]
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
                # A person's given name or title is no place where the place is named too
                # ("Virginia Chapin" of Richmond, Virginia; "Miss Nevada" of Jackson, Miss.).
                refusals[id(m)] not in ("given_name", "title")
                and name_key(m.name) in known
                and not abbreviation(doc, m)
                and (name_key(m.name) in cued or not _person(m, people))
            )
        ]

    def refusal(
        self, doc: Doc, words: Words, mention: Mention, people: frozenset[str]
    ) -> str | None:
        """The rule that refuses a found name as a place mention on its own evidence, or None
        where the evidence is enough. ``people`` are the surnames of :func:`_people`."""
        if mention.part_of is not None or mention.street or mention.unknown:
            return None
        if self._namesake(words, mention) and not any(
            c.feature == "country" for c in mention.candidates
        ):
            # "the Somali Disaster Management Agency", "the Odesa Brigade": a name inside the
            # name of an agency, unit or venue (a demonym that is also a region's name too).
            return "namesake"
        if mention.name.islower():
            # "a heron on the lake", "the sable": English writes every place name with a
            # capital.
            return "lower_case"
        if self._given_name(doc, mention):
            return "given_name"
        if _acronym(doc, mention):
            return "acronym"
        if self._title(doc, words, mention):
            return "title"
        if abbreviation(doc, mention):
            # "Ky.", "Miss.": a state only where it closes "X, ST.", follows a party letter
            # ("Sen. Smith, D-N.D.") or spaCy says place; a country's ("U.S.", "U.K.") is a
            # place wherever it stands, as in "the U.S. Centers for Disease Control".
            placed = (
                mention.contains
                or mention.ner
                or party_before(doc, mention.start)
                or any(c.feature == "country" for c in mention.candidates)
            )
            return None if placed else "abbreviation"
        if (
            mention.end - mention.start == 1
            and mention.name in self.cues.name_openers
            and mention.end < len(doc)
            and words.capitalised[mention.end]
        ):
            # "Abu" of "Abu Hamza", "San" of "San Isidro": the opening word of a longer name.
            return "name_opener"
        # A common word that names towns ("Mobile", "Airport") is capitalised in titles and unit
        # names too: it needs a place label or a cue of its own, not a noun after it.
        common = name_key(mention.name) in self.cues.common_words
        if mention.label == "NORP":
            # Faiths, parties and peoples ("Sunni", "Republican", "South Ossetian") name towns
            # and states too: only a place cue for the whole name ("the town of X", "in X")
            # makes it a place.
            return None if mention.cue and mention.whole and not mention.modifies else "people"
        if _person(mention, people) and not mention.contains and not _cued_apart(doc, mention):
            # "Trapani said": the surname of a person named in full elsewhere, whatever label
            # the small model gave it.
            return "surname"
        if mention.modifies or (common and mention.article):
            # "the Earth", "the Union": towns take no article.
            return "common_word" if common else None
        if (
            mention.end - mention.start == 1
            and doc[mention.start].lower_ in self.cues.compass
            and not (mention.ner and mention.peers)
        ):
            # "the North", "the Northeast": a direction or a part of the country the writer
            # stands in, even where the small model labels it a place; labelled and listed
            # among places it is a province's name ("Lusaka, Copperbelt and Western").
            return "compass"
        if mention.ner or party_before(doc, mention.start):
            # After a party letter the name is a legislator's home town, county or state
            # ("Rep. Jane Doe, R-Marshall").
            return None
        if (
            (mention.hint is not None or mention.resident)
            and not common
            and doc[mention.start].tag_ != "DT"
        ):
            # A designator or an "of" phrase says what kind of place the name is ("the Walker
            # County Fair", "Barrow and Jackson counties", "the City of Athens"), whatever
            # label the small model gave the name it stands in; so does a person's residence
            # ("Rebecca Sears, 41, of Grovetown").
            return None
        notable = any(strong(c) for c in mention.candidates)
        if mention.partial and not self._designated(doc, mention):
            # A known name inside a longer unknown one ("Goz Beida", "West Midlands") is a
            # coincidence, unless a designator closes it ("Lamar County Sheriff's Office").
            return "partial"
        # A whole entity listed among places the model labelled so ("Kano, Zaria and Katsina").
        listed = mention.whole and any(
            peer.ner and peer.label in PLACE_LABELS for peer in mention.peers
        )
        if mention.label in ("PERSON", "PRODUCT"):
            # People and products are named after places ("Jackson", "Lincoln"): a place cue,
            # a country or state name, or a list of places it stands in decides.
            placed = (mention.cue and mention.whole) or notable or listed
            return None if placed else "named_after"
        if mention.label == "ORG":
            # "Gainesville Police", "University of Florida": the place leads the name or
            # follows "of"; companies named after small towns ("Bell", "Ford") do not count.
            before = doc[mention.start - 1] if mention.start > 0 else None
            leads = doc[mention.start].ent_iob_ == "B" or (
                before is not None
                and (before.lower_ == "of" or (before.ent_iob_ == "B" and before.lower_ == "the"))
            )
            # A whole "organisation" after a locative preposition or one of motion, or in a
            # list of places, is a town the model did not know ("officials in Hakkari", "near
            # Twin Lakes", "rerouted to Butte").
            inside = (
                mention.whole
                and before is not None
                and (before.lower_ in self.cues.locative or before.lower_ in ("to", "from"))
            )
            placed = leads and (
                notable
                or (not common and (inside or listed))
                or (
                    not common
                    and any(
                        c.main_name and c.population >= _MIN_POPULATION_IN_ORG
                        for c in mention.candidates
                    )
                )
            )
            return None if placed else "organisation"
        if mention.cue or (not common and mention.proper and _notable(mention)):
            return None
        return "uncued"

    def _given_name(self, doc: Doc, mention: Mention) -> bool:
        """Whether a one-word name opens a person's name of two or three proper nouns whose
        surname the article uses alone too ("Mary Wheeler" ... "Wheeler said"), or whose other
        words are no place words ("Chad Brennan"): people are named after places and countries.
        The small model labels many a place's unit or venue a person ("Greer Station",
        "Litchfield Fire Chief"), which repeat whole."""
        stop = _person_opened(doc, mention)
        if stop is None:
            return False
        surname, given = doc[stop - 1].text, doc[mention.start].text
        # Place words after it make a place's unit or venue ("Virginia Beach", "Litchfield
        # Fire Chief"); other words a person's name ("Mary Ellen Ostrow").
        plain = not any(
            not token.is_alpha
            or token.lower_ in self.cues.common_words
            or token.lower_ in self.cues.designators
            or token.lower_ in self.cues.jurisdictions
            or token.lower_ in self.cues.namesakes
            for token in doc[mention.end : stop]
        )
        return plain or any(
            token.text == surname and (i == 0 or doc[i - 1].text != given)
            for i, token in enumerate(doc)
            if token.i != stop - 1
        )

    def _title(self, doc: Doc, words: Words, mention: Mention) -> bool:
        """Whether a one-word name is a title before a capitalised name ("Sens. Smith", "Col.
        Ali", "Miss Nevada"); not a state's abbreviation that closes a sentence ("Jackson,
        Miss. The")."""
        if (
            mention.end - mention.start != 1
            or mention.contains
            or mention.name.rstrip(".") not in self.cues.titles
        ):
            return False
        after = mention.end + (mention.end < len(doc) and doc[mention.end].text == ".")
        return after < len(doc) and words.capitalised[after]

    def _names_thing(self, doc: Doc, mention: Mention) -> bool:
        """Whether a name stands before a noun for what is named after places ("Marburg
        virus"), or names a vehicle: a maker's name after a model year ("a 2004 Toyota"), a
        model's after its maker's ("a Chevrolet Tahoe")."""
        before = doc[mention.start - 1] if mention.start > 0 else None
        if before is not None and before.text in self.cues.vehicle_makers:
            return True
        if (
            mention.name in self.cues.vehicle_makers
            and before is not None
            and _MODEL_YEAR.fullmatch(before.text)
        ):
            return True
        return mention.end < len(doc) and doc[mention.end].lower_ in self.cues.named_after

    def _namesake(self, words: Words, mention: Mention) -> bool:
        """Whether the capitalised words after a name close with an agency, unit or venue noun
        ("Disaster Management Agency", "Battalion")."""
        end = mention.end
        while end < len(words.text) and end - mention.end < _MAX_NAMESAKE_WORDS:
            if not words.capitalised[end]:
                return False
            if words.text[end].lower() in self.cues.namesakes:
                return True
            end += 1
        return False

    def _designated(self, doc: Doc, mention: Mention) -> bool:
        return (
            mention.end - mention.start > 1 and doc[mention.end - 1].lower_ in self.cues.designators
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


def _person_opened(doc: Doc, mention: Mention) -> int | None:
    """The end of the person's name of two or three proper nouns that a one-word name labelled
    a person opens ("Mary Wheeler"), or None."""
    start, end = mention.start, mention.end
    if mention.label != "PERSON" or end - start != 1 or doc[start].ent_iob_ != "B":
        return None
    stop = end
    while stop < len(doc) and doc[stop].ent_iob_ == "I":
        stop += 1
    if not 1 < stop - start <= _MAX_PERSON_TOKENS or any(
        token.pos_ != "PROPN" for token in doc[start:stop]
    ):
        return None
    return stop


def _person(mention: Mention, people: frozenset[str]) -> bool:
    """A one-word name that is the surname of a person named in full in the article, and no
    country's name."""
    return (
        mention.end - mention.start == 1
        and name_key(mention.name) in people
        and not any(c.feature == "country" for c in mention.candidates)
    )


def _cued_apart(doc: Doc, mention: Mention) -> bool:
    """Whether a name has a place cue that a family name cannot have. Before a noun it
    modifies, a surname takes the cues a town's name does ("the Trapani family", "at the
    Trapani hearing"), and the preposition governs the noun, not the name."""
    after = doc[mention.end] if mention.end < len(doc) else None
    return mention.cue and not (after is not None and after.pos_ == "NOUN")


def _acronym(doc: Doc, mention: Mention) -> bool:
    """Whether a word in capitals inside running text ("a SWAT team", "the DOVER fund")
    is an acronym that spells a town's or district's name. Countries and states are written
    in capitals as codes ("USA", "NSW", "DRC"); datelines and headlines in capitals stand
    apart from lower-case words."""
    word = doc[mention.start]
    if mention.end - mention.start != 1 or mention.rule == "dateline" or not word.is_upper:
        return False
    before = doc[mention.start - 1] if mention.start > 0 else None
    after = doc[mention.end] if mention.end < len(doc) else None
    running = (before is not None and before.is_lower) or (after is not None and after.is_lower)
    return running and not any(c.feature in ("country", "admin1") for c in mention.candidates)


def _notable(mention: Mention) -> bool:
    return any(
        c.feature in ("country", "admin1", "natural", "other")
        or c.population >= MIN_POPULATION_UNCUED
        for c in mention.candidates
    )
