"""Places: toponyms found in an article and resolved to GeoNames records.

The ``sitrep_places`` component runs its rule families in order:

1. recognition (``recognition``, ``local``): spaCy's GPE/LOC/FAC entities widened to the longest
   name the gazetteer knows, capitalised runs the gazetteer knows, datelines, streets and roads,
   and cued names the gazetteer lacks ("Tal Hamra", "the village of X");
2. context (``context``): designators, "of" phrases, compass words and locative prepositions
   around each name, and lists closed by a plural designator ("Clay and Henry counties");
3. relations (``relations``): containers ("X, Y"), parts ("X's Y district") and lists;
4. filtering (``filtering``): names that are not places;
5. resolution (``resolution``, ``scoring``): a GeoNames record for each mention, with its
   evidence, a confidence and its ACLED precision; one place per record, and per point for a
   record filed twice under variant spellings; names with no confident reading are kept under
   ``doc._.unplaced`` with the article's countries.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.geo.gazetteer import Candidate, Gazetteer, name_key, variant_key
from sitrep.geo.index import load_gazetteer  # noqa: F401  (registers sitrep.gazetteer.v1)
from sitrep.model import Place, UnplacedName
from sitrep.nlp.doc import keep_records, make_span, register_extensions, text_of
from sitrep.nlp.places.context import ContextCues
from sitrep.nlp.places.cues import PlaceCues, load_cues
from sitrep.nlp.places.filtering import NameFilter, blocked
from sitrep.nlp.places.mention import Mention, read_words
from sitrep.nlp.places.recognition import NameFinder
from sitrep.nlp.places.relations import relate
from sitrep.nlp.places.resolution import Resolver, precision
from sitrep.nlp.places.scoring import within

__all__ = ["PlaceCues", "PlaceRecognizer", "load_cues", "make_places"]

# Records of one name this close are one place filed twice (GeoNames' duplicates lie within a
# few hundred metres).
_SAME_POINT_KM = 2.0
# An unplaced name keeps the countries the article is most about, this many at most.
_CONTEXT_COUNTRIES = 3


class PlaceRecognizer:
    """The ``sitrep_places`` component: fills ``doc._.places``."""

    def __init__(
        self, gazetteer: Gazetteer, cues: PlaceCues, states_as_places: bool = True
    ) -> None:
        self.cues = cues
        self.states_as_places = states_as_places
        self.finder = NameFinder(gazetteer, cues)
        self.context = ContextCues(gazetteer, cues)
        self.names = NameFilter(cues)
        self.resolver = Resolver(gazetteer, cues)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.mentions(doc)
        countries = self.resolver.resolve(doc, mentions)
        keep_records(doc, "places", _records(doc, mentions))
        keep_records(doc, "unplaced", _unplaced(doc, mentions, countries))
        return doc

    def mentions(self, doc: Doc) -> list[Mention]:
        """The doc's place mentions, in token order, not yet resolved."""
        words = read_words(doc)
        found = self.finder.propose(doc, words, blocked(doc, self.states_as_places))
        text = text_of(doc)
        for mention in found:
            self.context.describe(doc, text, mention)
        self.context.lists(doc, words, found)
        relate(doc, words, text, found, self.cues)
        return self.names.keep(doc, words, found)


# Also read, though no component declares them: token.pos (the attribute ruler sets it from the
# tag and declares nothing) and doc._.article, doc._.offset and doc._.text (set before the
# components run, by doc.new_doc_state).
@Language.factory(
    "sitrep_places",
    assigns=["doc._.places", "doc._.unplaced"],
    requires=[
        "doc.ents",
        "token.ent_iob",
        "token.tag",
        "token.is_sent_start",
        "doc._.actors",
        "doc._.actor_mentions",
    ],
    default_config={"gazetteer": {"@misc": "sitrep.gazetteer.v1"}, "states_as_places": True},
)
def make_places(
    nlp: Language, name: str, gazetteer: Gazetteer, states_as_places: bool
) -> PlaceRecognizer:
    register_extensions()
    return PlaceRecognizer(gazetteer, load_cues(), states_as_places)


def _records(doc: Doc, mentions: list[Mention]) -> list[Place]:
    """One place per record, and one per point for records that are one place filed twice
    under variant spellings ("Beledweyne" and "Belet Weyne" are two GeoNames records)."""
    grouped: dict[str, tuple[Candidate, list[Mention]]] = {}
    for mention in mentions:
        choice = mention.choice
        if choice is None:
            continue
        spellings = {variant_key(choice.name), variant_key(mention.name)}
        same = next(
            (
                pid
                for pid, (known, group) in grouped.items()
                if pid == choice.id
                or (
                    within(known.lat, known.lon, choice.lat, choice.lon, _SAME_POINT_KM)
                    and spellings & {variant_key(known.name), *(variant_key(m.name) for m in group)}
                )
            ),
            choice.id,
        )
        grouped.setdefault(same, (choice, []))[1].append(mention)
    places = []
    for choice, group in grouped.values():
        # The least sure of its mentions' readings speaks for the place.
        reading = min((m.reading for m in group if m.reading), key=lambda r: r.confidence)
        places.append(
            Place(
                id=choice.id,
                name=choice.name,
                lat=round(choice.lat, 5),
                lon=round(choice.lon, 5),
                country=choice.country,
                feature=choice.feature,
                geonameid=choice.geonameid,
                mentions=tuple(make_span(doc, m.span_start, m.span_end) for m in group),
                precision=reading.precision or precision(choice),
                confidence=reading.confidence,
                evidence=(reading.rule, *reading.evidence),
            )
        )
    return places


def _unplaced(doc: Doc, mentions: list[Mention], countries: Counter) -> list[UnplacedName]:
    """Names the text makes places that got no reading: cued names the gazetteer lacks,
    spellings none of whose readings lies where the article is, and towns with nothing but
    their size for them in a country where the article's other places are not."""
    context = tuple(code for code, _ in countries.most_common(_CONTEXT_COUNTRIES))
    grouped: dict[str, tuple[str, list[Mention]]] = {}
    for mention in mentions:
        if mention.choice is None and (mention.unknown or mention.spellings or mention.unsure):
            reason = "unknown" if mention.unknown else "unsure"
            grouped.setdefault(name_key(mention.name), (reason, []))[1].append(mention)
    return [
        UnplacedName(
            name=group[0].name,
            countries=context,
            reason=reason,
            mentions=tuple(make_span(doc, m.span_start, m.span_end) for m in group),
        )
        for reason, group in grouped.values()
    ]
