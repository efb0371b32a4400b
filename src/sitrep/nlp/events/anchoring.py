"""Where and when: the toponym and the time expression the parse attaches to a trigger, or a
time on the speech verb that reports it, from ``doc._.places``, ``doc._.unplaced`` and
``doc._.times``. A name the gazetteer could not place ("the village of X" it lacks) still says
where an event happened: it is a candidate like the others, and the mention keeps its
characters (``place_name``) instead of a place id."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from spacy.tokens import Doc, Token

from sitrep.nlp.doc import records, sentence_numbers, text_of
from sitrep.nlp.events.context import Context
from sitrep.nlp.events.factuality import settled
from sitrep.nlp.events.mention import Mention
from sitrep.nlp.events.syntax import is_verbal, lemma_of

T = TypeVar("T")

# Material acts, done where their participants are: a toponym as their recipient is where
# they happened ("bombed SYRIA", "withdrew FROM X"), and so is where a participant is said
# to be ("shot by gunmen who were hiding IN X"). Other acts are between parties.
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST"})
_CLAUSAL = frozenset({"ccomp", "relcl", "parataxis", "csubj"})
# Noun classes (plover_triggers.yaml) of what a toponym may modify and still locate an event.
_SETTINGS = frozenset({"place", "portion", "setting"})
# Per rank of feature (city 0 ... country 4), what a coarser toponym adds to its path cost.
_RANK_COST = 0.15
FEATURE_RANK = {
    "locality": 0,
    "city": 0,
    "natural": 1,
    "other": 1,
    "admin2": 2,
    "admin1": 3,
    "country": 4,
}
_MAX_ATTACH_COST = 3.0
# A dateline at the start of a line: "DAKAR (Reuters) -", "MOSCOW, Oct 3 (AP) —", "KABUL -".
_DATELINE = re.compile(
    r"[^\n(]{0,40}\([A-Za-z][\w .&-]{0,30}\)\s*[-\u2013\u2014]|[A-Z][A-Z .'-]{2,}\s*[-\u2013\u2014]\s"
)
# A time on the speech verb is the event's only when it hangs right off that verb.
_MAX_REPORTED_COST = 0.5
# Crossing a clause that describes a participant ("gunmen who were hiding in X"): the clause
# must hang within a few words of the trigger ("shot by GUNMEN", "detonated a bomb ON A
# SHIP"), the toponym close to the clause's verb, at no more than this cost.
_DESCRIPTION_COST = 1.0
_PARTICIPANT_STEPS = 3
# How the words of a name written two ways ("Tel Abyad/Girespi") hang from its last word.
_NAME_PARTS = frozenset({"compound", "nmod", "flat", "punct"})
# How far up, through prepositional phrases only, a trigger noun may hang from another
# trigger and still be its setting ("killed along with others IN CLASHES near X").
_SETTING_STEPS = 5


@dataclass(slots=True)
class Anchor:
    """A place or time mention, by its syntactic head."""

    id: str
    root: Token
    rank: int


class Anchoring:
    """Attaches places and times to mentions."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.doc = context.doc
        self.lex = context.lex
        self.places, self.names = _place_candidates(self.doc)
        self.countries = {c.root.i for c in self.places if c.rank == FEATURE_RANK["country"]}
        self.times = _time_candidates(self.doc)

    def anchor(self, mentions: list[Mention]) -> None:
        """Sets each mention's place and time and names the rule (``place_rule``,
        ``time_rule``): "trigger" (the parse attaches it to the trigger), "reporting-verb" (a
        time on the speech verb that reports it) or "same-scene" (the place of a coordinated
        or setting trigger)."""
        # A path in the parse stays in its sentence: only the toponyms, times and other
        # triggers of a mention's own sentence can be on it (and each is looked up among those).
        sentence = sentence_numbers(self.doc)
        places = _by_sentence(self.places, lambda c: sentence[c.root.i])
        times = _by_sentence(self.times, lambda c: sentence[c.root.i])
        triggers = _by_sentence(mentions, lambda m: m.sentence)
        for mention in mentions:
            here = mention.sentence
            sites = [c for c in places.get(here, ()) if not self.party(mention, c)]
            cost = partial(self.place_cost, material=mention.type in MATERIAL_TYPES)
            mention.place, mention.place_rule = self.attached(mention, sites, triggers[here], cost)
            if mention.place in self.names:
                mention.place_name, mention.place = self.names[mention.place], None
            mention.time, mention.time_rule = self.attached(
                mention, times.get(here, []), triggers[here], self.time_cost, reported=True
            )
        _share_places(mentions)
        _share_times(mentions, times)

    def attached(
        self,
        mention: Mention,
        candidates: list[Anchor],
        mentions: list[Mention],
        path_cost: Callable[[Token, Token, set[int], set[int]], float | None],
        reported: bool = False,
    ) -> tuple[str | None, str | None]:
        """The id of the candidate the parse attaches to the trigger, cheapest path first (a finer
        place a little cheaper: "at Umm al-Fahm junction in northern Israel"); else, when
        ``reported``, one hanging off the speech verb that reports it ("Amaq said late last
        month the militants captured"). A time of the speech is the best guess at the
        event's; a place of the speech ("officials said IN MOSCOW that rebels attacked")
        is where it was said, not where the event happened. Returned with the rule that
        attached it (None and None when none is). ``candidates`` and ``mentions`` are those of
        the mention's sentence."""
        if not candidates:
            return None, None
        others = {i for m in mentions if m is not mention for i in m.tokens}
        attempts = [(mention.tokens, mention.token, _MAX_ATTACH_COST, "trigger")]
        if reported:
            attempts += [
                ({t.i}, t, _MAX_REPORTED_COST, "reporting-verb")
                for t in self.reporting_heads(mention.token)
            ]
        for own, head, limit, rule in attempts:
            best: tuple[float, int, int, str] | None = None
            for cand in candidates:
                cost = path_cost(cand.root, head, own, others)
                if cost is None or cost > limit:
                    continue
                key = (
                    cost + _RANK_COST * cand.rank,
                    cand.rank,
                    abs(cand.root.i - mention.token.i),
                    cand.id,
                )
                if best is None or key < best:
                    best = key
            if best is not None:
                return best[3], rule
        return None, None

    def place_cost(
        self, root: Token, target: Token, own: set[int], others: set[int], material: bool
    ) -> float | None:
        """Cost of the path up from a toponym's head to the trigger, or None when the toponym
        is not where the event happened: outside the trigger's clause or in another clause's
        event, a modifier of something that is not a place or a setting ("U.S. forces" but
        "the Manbij campaign"), the "of" phrase of a person ("the governor of Manbij"), a
        reference point ("30 km from X", "north of X"), or reached through no locative phrase
        nor as what the trigger acts on ("captured JAFFNA", "much OF LIBERIA"). A clause
        describing a near participant of a ``material`` act may be crossed once, when a
        spatial preposition in it takes the toponym's own phrase and no other event is on the
        way: where the gunmen "who were hiding IN X" were, or the bomb "dropped IN X", is
        where it happened; "an attack which was followed by a blast IN X", or a bomb "that
        was going to be left IN X", is not."""
        cost = 0.0
        anchored = located = described = eventful = unsettled = False
        phrase = True  # still in the toponym's own noun phrase
        node = root
        while node.i not in own and node != target:
            head = node.head
            unsettled = unsettled or (is_verbal(node) and not settled(self.lex, node))
            if (
                material
                and located
                and cost <= _DESCRIPTION_COST
                and not (described or eventful or unsettled)
                and _describes_noun(node)
                and _within(head, target, own, _PARTICIPANT_STEPS)
            ):
                described = True
                cost += _DESCRIPTION_COST
                node = head
                continue
            if head == node or node.dep_ in _CLAUSAL or _other_clause(node):
                return None
            if head.i in others:
                if is_verbal(head):
                    return None
                eventful = True
                cost += 0.3  # the setting of the event: "shot AT A RALLY in Tijuana"
            dep = node.dep_
            if dep == "pobj":
                word = lemma_of(head)
                holder = head.head
                if not anchored and (
                    lemma_of(holder) in self.lex.location_references
                    or (word == "of" and self.context.classes(holder) & {"person", "actor"})
                ):
                    return None
                if word in self.lex.locative_preps:
                    anchored = True
                    located = located or (phrase and word not in self.lex.temporal_preps)
                    phrase = False
                elif word in self.lex.weak_locative_preps:
                    setting = self.setting(holder, own | others)
                    anchored = anchored or setting
                    located = located or (phrase and setting)
                    phrase = phrase and setting  # "the town OF X" is still X's phrase
                    cost += 0.0 if setting else 0.3
                else:
                    phrase = False
                    cost += 1.5
            elif dep in ("prep", "agent", "case", "det"):
                pass
            elif dep in ("compound", "poss", "nmod", "amod", "flat"):
                top = head
                while top.dep_ in ("compound", "flat") and top.head != top:
                    top = top.head
                setting = self.setting(top, own | others)
                if not (anchored or setting):
                    return None
                # A country that owns a party to the act ("near a U.S. PATROL", "a Syrian
                # convoy") names whose it is, wherever the phrase stands.
                if (
                    root.i in self.countries
                    and not self.lex.classes.get(lemma_of(top), frozenset()) & _SETTINGS
                ):
                    return None
                # "the HELMAND battle" says where the battle was; "ISRAEL'S offensive" and
                # "a U.S. airstrike" who waged it.
                anchored = anchored or (setting and dep != "poss" and root.i not in self.countries)
            elif dep in ("appos", "nummod", "npadvmod"):
                cost += 0.1
                if dep == "npadvmod" and self.after_particle(node):
                    anchored = located = True
            elif dep in ("dobj", "nsubjpass", "attr", "oprd"):
                direct = node == root or self.setting(node, own | others)
                anchored = anchored or direct
                cost += 0.0 if node == root else 0.3
                phrase = False
            elif dep in ("nsubj", "advmod"):
                cost += 0.3
                phrase = False
            else:
                cost += 1.0
                phrase = False
            node = head
        return cost if anchored or node == root else None

    def party(self, mention: Mention, candidate: Anchor) -> bool:
        """Whether a toponym is the recipient of an act between parties, so names a party,
        not a place: "accused SYRIA", "urged Mali to", "mediated between ISRAEL and"; but "lifted
        the curfew IN X", "withdrew FROM X" still say where."""
        if mention.type in MATERIAL_TYPES or mention.recipient_span is None:
            return False
        root = candidate.root
        start, end = mention.recipient_span
        if not start <= root.idx < end:
            return False
        # "to" and "between" name recipients ("gave aid TO X", "talks BETWEEN X and Y"), the
        # other locative prepositions places.
        spatial = (self.lex.locative_preps | self.lex.weak_locative_preps) - {"to", "between"}
        return not (root.dep_ == "pobj" and lemma_of(root.head) in spatial)

    def after_particle(self, token: Token) -> bool:
        """A noun phrase after a locative particle of its verb: "captured OFF Mogadishu" is
        parsed as a particle and a bare noun phrase."""
        return any(
            c.dep_ == "prt" and c.i < token.i and lemma_of(c) in self.lex.locative_preps
            for c in token.head.children
        )

    def setting(self, token: Token, triggers: set[int]) -> bool:
        """A noun where things happen: a place ("the town", "much of"), an event or an
        operation ("the battle", "the Mosul OPERATION")."""
        return token.i in triggers or bool(
            self.lex.classes.get(lemma_of(token), frozenset()) & _SETTINGS
        )

    def time_cost(
        self, root: Token, target: Token, own: set[int], others: set[int]
    ) -> float | None:
        """Cost of the path up from a time expression's head to the trigger ("on Sunday",
        "late last month"), or None across another clause or event."""
        cost = 0.0
        node = root
        while node.i not in own and node != target:
            head = node.head
            if head == node or head.i in others or node.dep_ in _CLAUSAL:
                return None
            if node.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl", "relcl"):
                cost += 1.0
            elif node.dep_ not in (
                "prep",
                "pobj",
                "npadvmod",
                "tmod",
                "advmod",
                "compound",
                "amod",
                "nummod",
            ):
                cost += 0.5
            node = head
        return cost

    def reporting_heads(self, token: Token) -> list[Token]:
        """Speech verbs whose complement holds the trigger, nearest first."""
        found = []
        node = token
        while node.head != node and node.dep_ in (
            "ccomp",
            "xcomp",
            "conj",
            "advcl",
            "dobj",
            "pobj",
            "prep",
        ):
            node = node.head
            if self.lex.governors.get(lemma_of(node)) == "reporting":
                found.append(node)
        return found


def _by_sentence(items: list[T], sentence_of: Callable[[T], int]) -> dict[int, list[T]]:
    """``items`` by sentence number, each sentence's in their order."""
    found: dict[int, list[T]] = {}
    for item in items:
        found.setdefault(sentence_of(item), []).append(item)
    return found


def _share_places(mentions: list[Mention]) -> None:
    """A trigger with no place of its own takes that of a trigger of its type it is
    coordinated with ("killed and six WOUNDED in X") or that hangs from it as its setting
    ("killed along with others in CLASHES near X"): one scene, several happenings."""
    found = {id(m): (m.place, m.place_name) for m in mentions}
    # One scene is one sentence: a trigger's is looked for among its sentence's.
    sentences = _by_sentence(mentions, lambda m: m.sentence)
    for mention in mentions:
        if mention.place is None and mention.place_name is None:
            shared = next(
                (
                    found[id(other)]
                    for other in sentences[mention.sentence]
                    if found[id(other)] != (None, None) and _same_scene(mention, other)
                ),
                None,
            )
            if shared is not None:
                (mention.place, mention.place_name), mention.place_rule = shared, "same-scene"


def _share_times(mentions: list[Mention], times: dict[int, list[Anchor]]) -> None:
    """In a sentence with one time no trigger took and one verb trigger with no time, that
    time is the trigger's: a sentence reports one moment unless it names several. A time
    inside a relative clause ("the convoy, which LEFT on 3 May, was ambushed") dates that
    clause."""
    for sentence, here in _by_sentence(mentions, lambda m: m.sentence).items():
        taken = {m.time for m in here}
        free = [
            t
            for t in times.get(sentence, ())
            if t.id not in taken and not any(a.dep_ == "relcl" for a in t.root.ancestors)
        ]
        # A noun trigger is often what another predicate is about ("the abduction was
        # CONFIRMED on Tuesday"): the sentence's time is that predicate's, not the event's.
        timeless = [m for m in here if m.time is None and is_verbal(m.token)]
        if len(free) == 1 and len(timeless) == 1:
            timeless[0].time, timeless[0].time_rule = free[0].id, "sentence"


def _same_scene(mention: Mention, other: Mention) -> bool:
    token = other.token
    if other is mention or other.type != mention.type or other.sentence != mention.sentence:
        return False
    if token in mention.token.conjuncts:
        return True
    node = token
    for _ in range(_SETTING_STEPS):
        if node.dep_ not in ("pobj", "prep") or node.head == node:
            return False
        node = node.head
        if node.i in mention.tokens:
            return True
    return False


def _place_candidates(doc: Doc) -> tuple[list[Anchor], dict[str, tuple[int, int]]]:
    """Toponyms by their syntactic head, except a dateline's ("DAKAR (Reuters) -"), which says
    where the report was filed, not where anything happened; and the doc characters of each
    unplaced name's mention by its candidate id. An unplaced name ranks as a town: the names
    the gazetteer lacks are villages, camps and neighbourhoods."""
    offset = doc._.offset or 0
    text = text_of(doc)
    named = [
        (place.id, FEATURE_RANK.get(place.feature, 1), place.mentions, False)
        for place in records(doc, "places")
    ] + [
        (f"unplaced:{n}", FEATURE_RANK["locality"], name.mentions, True)
        for n, name in enumerate(records(doc, "unplaced"))
    ]
    found = []
    names = {}
    for place_id, rank, mentions, unplaced in named:
        for k, span in enumerate(mentions):
            start, end = span.start - offset, span.end - offset
            line_start = text.rfind("\n", 0, max(start, 0)) + 1
            if not text[line_start:start].strip() and _DATELINE.match(text, start):
                continue
            root = _root(doc, start, end)
            if root is None:
                continue
            anchor_id = place_id
            if unplaced:
                # Each mention of an unplaced name is a candidate of its own: the event keeps
                # the characters of the one the parse attaches to it.
                anchor_id = f"{place_id}:{k}"
                names[anchor_id] = (start, end)
            found.append(Anchor(anchor_id, _name_head(root), rank))
    return found, names


def _name_head(token: Token) -> Token:
    """The head of the facility or feature name a toponym is part of ("ATLANTIC Avenue", "the
    BAGHDAD International Airport") or of the place name it is one spelling of ("TEL ABYAD/
    Girespi"): the whole name is what hangs in the parse. Names of other kinds keep the
    toponym's own head ("Abu" is no place in "Abu Zubaydah", "Raqqa" none in "the Raqqa
    Brigade")."""
    if token.ent_type_ in ("LOC", "FAC"):
        return next((e.root for e in token.sent.ents if e.start <= token.i < e.end), token)
    head = token.head
    between = token.doc[token.i + 1 : head.i]
    if (
        token.dep_ in ("compound", "nmod")
        and head.pos_ == "PROPN"
        and any(t.text == "/" for t in between)
        and all(t.head == head and t.dep_ in _NAME_PARTS for t in between)
    ):
        return head
    return token


def _time_candidates(doc: Doc) -> list[Anchor]:
    offset = doc._.offset or 0
    found = []
    for time in records(doc, "times"):
        if time.value.startswith("P"):
            continue  # a duration ("for three years") says how long, not when
        root = _root(doc, time.span.start - offset, time.span.end - offset)
        if root is not None:
            found.append(Anchor(time.id, root, 0))
    return found


def _root(doc: Doc, start: int, end: int) -> Token | None:
    if start < 0 or not len(doc) or end > doc[-1].idx + len(doc[-1].text_with_ws):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _other_clause(token: Token) -> bool:
    """A clause of its own on the way up from a toponym: a coordinated verb ("shot and DIED in
    X") or a past participle describing a noun ("a region CLAIMED by X"). An -ing participle
    ("labourers WORKING in X") says what was going on where the event happened."""
    if token.dep_ == "conj":
        return is_verbal(token)
    return token.dep_ == "acl" and token.tag_ != "VBG"


def _describes_noun(token: Token) -> bool:
    """A relative clause or participle that says where a noun was at the time ("gunmen WHO
    WERE HIDING in X", "a bomb that had been planted in X"); not an infinitive, which says
    what is meant to happen ("a plan TO TACKLE poverty in X"), nor an active perfect, which
    gives a background ("migrants who HAVE LIVED in X for years")."""
    if token.dep_ not in ("relcl", "acl") or token.head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    aux = {lemma_of(c) for c in token.children if c.dep_ == "aux"}
    passive = any(c.dep_ == "auxpass" for c in token.children)
    return "to" not in aux and not ("have" in aux and not passive)


def _within(token: Token, target: Token, own: set[int], steps: int) -> bool:
    """Whether the trigger is at most ``steps`` heads up from the token."""
    for _ in range(steps):
        if token.head == token:
            return False
        token = token.head
        if token.i in own or token == target:
            return True
    return False
