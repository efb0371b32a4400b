"""Attribution: who is reported as saying, thinking or showing what, and through whom.

The ``sitrep_attribution`` component finds source, cue and content spans for reported speech in
its news forms, in this order (numbered so the cascade can be followed in the code):

1. cue words (resources/reporting_cues.tsv): verbs ("X said (that) ...", "..., X said",
   "X told Y ...", "X denied ...", "X is quoted as saying", "it was reported by X"), adjectives
   ("X is sure that ...") and nouns ("X's claim that ...", "X made a comment about ...");
   a direct quote next to a verb is its content, across sentences and paragraphs; "X seems
   to ..." is the author's impression, with no source;
2. prepositional cues: "according to X", "in the words of X";
3. relayed reports: "..., citing X", where the clause's subject only passes X's report on
   (citing a reason, "citing a threat to health", is the subject's own statement);
4. artefacts: "In a video released by X, ..." (the video speaks for whoever released it);
5. questioning idioms from certainty.py ("analysts viewed the claim with caution"), and
   responses received ("X faced criticism from Y": Y's attitude toward X);
6. layout: a quote signed with a dash, a name and a colon opening a line ("Pence: ...").

Nested attributions become chains, nearest first: in "the ministry denied ..., according to
Interfax" the ministry is the source and Interfax a relay (``via``). Sources resolve to actors,
also through pronouns ("he" -> the last person named), descriptions ("a spokesman for the
group" -> the group) and artefacts ("the video" -> who released it). Output:
``doc._.attributions``, a list of :class:`AttributionFrame` in text order, and
``doc._.sources``, the :class:`SourceResolver` (claims.py resolves verifiers with it).
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.model import Actor, Via
from sitrep.nlp.actors import (
    ActorMention,
    MentionIndex,
    actor_for,
    actor_mentions,
    keep_actor_mentions,
    load_gazetteer,
)
from sitrep.nlp.certainty import CertaintyCues
from sitrep.nlp.doc import (
    article_of,
    keep_records,
    records,
    span_of,
    text_of,
    token_indices,
    tokens_with,
)
from sitrep.nlp.matcher import AnchoredMatcher

Chars = tuple[int, int]

_SUBJECT = ("nsubj", "csubj")
_PASSIVE_SUBJECT = ("nsubjpass", "csubjpass")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# Prepositions whose object is what was said when a speech verb has no clause: "about" or
# "against" the topic, "with" the words, "by" doing something ("by citing ..."); not "over",
# which also governs ("ruled over the province").
_TOPIC_PREPOSITIONS = frozenset({"about", "against", "with", "by"})
# Words that open an embedded question ("would not say whether ...").
_WH = frozenset({"whether", "when", "how", "why", "what", "where", "who", "which"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them"})
_THING_PRONOUNS = frozenset({"it"})
_FIRST_PERSON = frozenset({"i", "me", "we", "us"})
_PRONOUNS = _FIRST_PERSON | _PERSON_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS
#: determiners of a description that picks out one person ("the bearded man")
_DEFINITE = frozenset({"the", "this", "that"})
_GROUP_KINDS = frozenset(
    {"armed_group", "military", "government", "media", "organization", "population"}
)
# Dependents that carry a subject down to a verb that has none of its own: "X denied it,
# saying ...", "X said ... and added ...", "X refused to confirm ...", "a statement saying ...".
_INHERITS_SUBJECT = frozenset({"conj", "advcl", "xcomp", "acl", "relcl", "pcomp"})
# What may separate a quote from the clause that attributes it.
_QUOTE_GAP = frozenset(" \t\n,:;.—–-")
# Opening marks and the marks that may close them: news copy often mixes curly and straight.
_OPENING = {"“": '”"', '"': '”"', "«": "»", "„": '“"', "``": "''", "''": "''"}
_QUOTE_MARK = re.compile(r"''|``|[“”«»„\"]")
_BEFORE_OPENING = frozenset(" \t([{—–-:")
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
_NEWLINE = re.compile("\n")
_EDGE = frozenset(" \t\n,;:—–-")
_CLAUSE_BREAKS = frozenset({"advcl", "relcl", "parataxis", "appos"})
_CORE_BREAKS = _CLAUSE_BREAKS | {"acl"}
_COLON_QUOTE = re.compile(r":[ \t\xa0]*(?=(?P<mark>[“\"‘']|``))")
# A headline is short; a longer first line is the lede.
_HEADLINE_TOKENS = 20
_HEADLINE_QUOTES = frozenset({"‘", "'", "“", '"'})  # a quoted word is the speaker's, not a cue
_PRO_FORMS = frozenset({"so", "much"})
_SPEAKERS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_TIME_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"})


@dataclass(frozen=True, slots=True)
class AttributionFrame:
    """One attribution; offsets are doc-relative characters (``make_span`` shifts them)."""

    cue: Chars
    content: tuple[Chars, ...]  # one piece, or several for a quote split around its speaker
    source: Chars | None  # the words naming the source, as written; None when agentless
    source_text: str  # who: the words as written, or a pronoun's antecedent
    actor: str | None  # actor id of the source
    stance: str  # asserts | denies | questions
    kind: str  # speech | belief | evidence | directive | commitment | attitude
    form: str  # verb | according | citing | artefact | questioning | signature | label
    head: int  # token index of the cue's head word
    content_head: int | None  # token index of the content's head word, when syntactic
    via: tuple[Via, ...] = ()  # relays in the text, nearest first (the outlet is added by claims)
    relay: bool = False  # only passes on another frame's report ("according to Interfax")
    source_lemma: str | None = None  # head word of the source ("video"), lower-cased

    @property
    def extent(self) -> Chars:
        """From the first to the last character of source, cue and content."""
        points = [*self.cue, *(p for piece in self.content for p in piece)]
        if self.source is not None:
            points.extend(self.source)
        return min(points), max(points)


@dataclass(frozen=True, slots=True)
class Cue:
    stance: str
    takes: str  # clause | np | both | to | naming | reason; "-" for adjectives and nouns
    kind: str


@dataclass(frozen=True)
class CueLexicon:
    cues: dict[tuple[str, str], dict[str | None, Cue]]  # (pos, lemma) -> particle or None -> cue
    according: list[list[str]]
    citing: frozenset[str]
    quoting: frozenset[str]
    documents: frozenset[str]
    notices: frozenset[str]  # editorial labels ("Correction:") that are no speaker
    publish: frozenset[str]
    spokespersons: frozenset[str]
    persons: frozenset[str]
    bodies: frozenset[str]
    impersonal: frozenset[str]
    light: frozenset[str]
    receiving: dict[str, str | None]  # light verb -> its particle ("come under") or None
    responses: frozenset[str]  # what is received ("criticism", "scrutiny")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # the opening mark
    end: int  # after the closing mark, or the end of the paragraph when left open
    chain: int  # index of the first quote of a quotation running over several paragraphs


class Lines:
    """A doc's text and its line breaks, computed once per doc. The parser may run a headline
    into the first paragraph; no source or content crosses a line break."""

    def __init__(self, doc: Doc) -> None:
        self.text = text_of(doc)
        self.breaks = [m.start() for m in _NEWLINE.finditer(self.text)]

    def bounds(self, pos: int) -> Chars:
        """The line that holds character ``pos``."""
        i = bisect.bisect_left(self.breaks, pos)
        start = self.breaks[i - 1] + 1 if i > 0 else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return start, end

    def clip(self, start: int, end: int, anchor: int) -> Chars:
        low, high = self.bounds(anchor)
        return max(start, low), min(end, high)

    def span(self, span: SpacySpan) -> SpacySpan:
        """``span`` within the line of its head word."""
        start, end = self.clip(span.start_char, span.end_char, span.root.idx)
        if (start, end) == (span.start_char, span.end_char):
            return span  # on one line: the common case, without a search for its tokens
        return span.doc.char_span(start, end, alignment_mode="expand") or span


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged attribution lexicons (read once per process)."""
    root = resources.files("sitrep.resources")
    rows = [
        line
        for line in root.joinpath("reporting_cues.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    cues: dict[tuple[str, str], dict[str | None, Cue]] = {}
    for row in csv.DictReader(rows, delimiter="\t"):
        lemma, _, particle = row["cue"].partition(" ")
        cues.setdefault((row["pos"], lemma), {})[particle or None] = Cue(
            row["stance"], row["takes"], row["kind"]
        )
    data = yaml.safe_load(root.joinpath("attribution.yaml").read_text("utf-8"))
    return CueLexicon(
        cues=cues,
        according=data["according"],
        citing=frozenset(data["citing"]),
        quoting=frozenset(data["quoting"]),
        documents=frozenset(data["documents"]),
        notices=frozenset(data["notices"]),
        publish=frozenset(data["publish"]),
        spokespersons=frozenset(data["spokespersons"]),
        persons=frozenset(data["persons"]),
        bodies=frozenset(data["bodies"]),
        impersonal=frozenset(data["impersonal"]),
        light=frozenset(data["light"]),
        receiving={
            verb: particle or None
            for verb, _, particle in (v.partition(" ") for v in data["received"]["verbs"])
        },
        responses=frozenset(data["received"]["nouns"]),
    )


def find_quotes(text: str) -> list[Quote]:
    """Quotations in ``text``: curly and straight double quotes, typewriter pairs ('' and ``),
    guillemets. A paragraph that ends inside a quote and a next paragraph that opens one
    continue the same quotation (the news convention for quotes over several paragraphs)."""
    quotes: list[Quote] = []
    pos = 0
    left_open = False
    for paragraph in text.split("\n"):
        opened: tuple[int, str] | None = None
        continues = False
        lead = len(paragraph) - len(paragraph.lstrip())
        for mark in _QUOTE_MARK.finditer(paragraph):
            ch, at = mark.group(), pos + mark.start()
            if opened is None:
                straight = ch in ('"', "''")
                if ch in _OPENING and (
                    not straight or at == pos or text[at - 1] in _BEFORE_OPENING
                ):
                    opened = (at, _OPENING[ch])
                    continues = left_open and mark.start() == lead
                elif ch == "”" and mark.start() == lead and not left_open:
                    # A closing mark typed for an opening one at the head of a paragraph.
                    opened = (at, '”"')
            elif ch in opened[1]:
                chain = quotes[-1].chain if continues and quotes else len(quotes)
                quotes.append(Quote(opened[0], at + len(ch), chain))
                opened = None
        end = pos + len(paragraph)
        if opened is not None:
            chain = quotes[-1].chain if continues and quotes else len(quotes)
            quotes.append(Quote(opened[0], end, chain))
            left_open = True
        elif paragraph.strip():
            left_open = False
        pos = end + 1
    return quotes


def outlet_actor(doc: Doc) -> tuple[str, str | None] | None:
    """The article's outlet as (name, actor id when the gazetteer knows it), or None."""
    article = article_of(doc)
    if article is None or not article.outlet:
        return None
    gazetteer = load_gazetteer()
    name = article.outlet
    key = (
        gazetteer.exact.get(name)
        or gazetteer.folded.get(name.lower())
        or gazetteer.folded.get(f"the {name.lower()}")
    )
    return name, key if key in gazetteer.entries else None


@dataclass
class _Draft:
    """A frame before its source is resolved and its chain is known."""

    cue: Chars
    content: list[Chars]
    source: SpacySpan | None
    stance: str
    kind: str
    form: str
    head: int  # token index of the cue's head word
    content_head: int | None  # token index of the content's head word, when syntactic
    relays: list[SpacySpan] = field(default_factory=list)  # nearest first
    relay: bool = False
    check: bool = False  # a failed check ("could not confirm"): a verification if media checked
    source_lemma: str | None = None  # set when the source speaks through an artefact ("video")


class SourceResolver:
    """Resolves a source noun phrase to (source_text, actor id): named actors directly,
    pronouns to the nearest fitting antecedent, spokespersons to whom they speak for,
    artefacts to whoever released them."""

    def __init__(self, doc: Doc, lexicon: CueLexicon, lines: Lines, quotes: list[Quote]) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.lines = lines
        self.quotes = quotes
        self.kinds = {actor.id: actor.kind for actor in records(doc, "actors")}
        self.outlet = outlet_actor(doc)
        self.speakers: list[tuple[int, str, str | None, str]] = []  # (char, text, actor, sort)
        self.publications: list[tuple[int, str]] = []  # (char, actor id) of "X released a video"
        self.described: dict[str, list[SpacySpan]] = {}  # person described -> its phrases
        self.cores: dict[tuple[int, int], Chars] = {}  # token span -> _core's characters
        # Lexicon unions asked about every source, made once.
        self.stand_ins = lexicon.spokespersons | lexicon.documents  # speak for who is named
        self.things = lexicon.documents | lexicon.bodies
        # The doc's actor mentions, indexed; only sitrep_actors and _register write them.
        self.mentions = MentionIndex(actor_mentions(doc))
        self._index_antecedents()

    def resolve(self, span: SpacySpan | None) -> tuple[str, str | None]:
        if span is None:
            return self.outlet or ("", None)
        text, actor = self._resolve(self.lines.span(span))
        if actor in self.described:
            self._register(actor)
        return text, actor

    def _resolve(self, span: SpacySpan) -> tuple[str, str | None]:
        head = span.root
        lower = head.lower_
        if head.pos_ == "PRON" and lower in _PRONOUNS:
            return self._pronoun(head)
        actor = self._actor_of(span)
        text = self._phrase_text(span)
        if actor is None and head.lemma_.lower() in self.lexicon.documents:
            actor = self._publisher(span)
        return text, actor or self._description(span)

    def _core(self, span: SpacySpan) -> Chars:
        """:func:`_core`, once per phrase: a subject is looked up as an antecedent and again
        as a source."""
        key = (span.start, span.end)
        core = self.cores.get(key)
        if core is None:
            core = self.cores[key] = _core(span)
        return core

    def _phrase_text(self, span: SpacySpan) -> str:
        """The words of the phrase's core (its tokens joined with their whitespace are the
        doc's text between its ends)."""
        start, end = self._core(span)
        return self.lines.text[start:end].strip()

    def _description(self, span: SpacySpan) -> str | None:
        """An actor id for one person described, not named ("the bearded man", "the younger
        captive"): a definite singular person noun with words that tell this one apart. The
        same description later in the article is the same person."""
        head = span.root
        if head.tag_ != "NN" or head.lemma_.lower() not in self.lexicon.persons:
            return None
        children = list(head.children)
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children)
        marked = [c for c in children if c.dep_ in ("amod", "compound") and c.i < head.i]
        if not definite or not marked:
            return None
        words = [t.lower_ for t in span if marked[0].i <= t.i <= head.i and t.dep_ != "punct"]
        actor = "person_" + "_".join(words)
        self.described.setdefault(actor, []).append(span)
        return actor

    def _register(self, actor: str) -> None:
        """Adds a described person to the doc's actors once a source resolves to them, so
        that claims and events name them too."""
        doc = self.doc
        spans = {(s.start_char, s.end_char): s for s in self.described[actor]}
        known = {(m.start, m.end) for m in actor_mentions(doc) if m.actor_id == actor}
        if known >= set(spans):
            return
        ordered = [spans[key] for key in sorted(spans)]
        mentions = [m for m in actor_mentions(doc) if m.actor_id != actor]
        mentions += [ActorMention(s.start_char, s.end_char, actor, "description") for s in ordered]
        keep_actor_mentions(doc, mentions)
        self.mentions = MentionIndex(actor_mentions(doc))
        record = Actor(
            actor,
            self._phrase_text(ordered[0]),
            "person",
            None,
            tuple(span_of(doc, s) for s in ordered),
        )
        keep_records(doc, "actors", [a for a in records(doc, "actors") if a.id != actor] + [record])
        self.kinds[actor] = "person"

    def resolve_token(self, token: Token | None) -> tuple[str, str | None]:
        return self.resolve(_noun_phrase(token) if token is not None else None)

    def is_media(self, text: str, actor: str | None) -> bool:
        """Whether a checker is a news outlet: a media actor, or the article's own outlet."""
        if actor is not None and self.kinds.get(actor) == "media":
            return True
        if self.outlet is None:
            return False
        name, outlet_id = self.outlet
        return (actor is not None and actor == outlet_id) or _fold(text) == _fold(name)

    def _actor_of(self, span: SpacySpan) -> str | None:
        head = span.root
        found = self.mentions.actor_for(head.idx, _end(head))
        if found is not None:
            return found
        if head.lemma_.lower() in self.stand_ins:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in (
                    "for",
                    "of",
                    "from",
                    "at",
                    "with",
                    "by",
                ):
                    target = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if target is not None:
                        found = self.mentions.actor_for(
                            target.left_edge.idx, _end(target.right_edge)
                        )
                elif child.dep_ in ("poss", "compound", "amod", "nmod"):
                    found = self.mentions.actor_for(child.left_edge.idx, _end(child.right_edge))
                if found is not None:
                    return found
        core = self._core(span)
        return self.mentions.actor_for(core[0], core[1])

    def _publisher(self, span: SpacySpan) -> str | None:
        """Who released an artefact: named in its phrase ("a video released by Amaq", "the
        group's statement"), else the last actor seen releasing one."""
        head = span.root
        for token in [head, *head.children, *(t for c in head.children for t in c.children)]:
            if token.lemma_.lower() in self.lexicon.publish and token.tag_ == "VBN":
                found = _released_by(self.doc, token)
                if found is not None:
                    return found
        for pos, actor in reversed(self.publications):
            if pos < head.idx:
                return actor
        return None

    def _pronoun(self, token: Token) -> tuple[str, str | None]:
        lower = token.lower_
        if lower in _FIRST_PERSON:
            if lower in ("we", "us") and not _inside(self.quotes, token.idx) and self.outlet:
                return self.outlet
            return token.text, None
        wanted = (
            "person"
            if lower in _PERSON_PRONOUNS
            else "group"
            if lower in _GROUP_PRONOUNS
            else "thing"
        )
        for pos, text, actor, sort in reversed(self.speakers):
            if pos >= token.idx:
                continue
            if sort == wanted or (wanted == "group" and sort == "thing"):
                return text, actor
        return token.text, None

    def note_speaker(self, span: SpacySpan, text: str, actor: str | None) -> None:
        """Makes a resolved source available as an antecedent: speakers stay topical."""
        sort = self._sort(span.root, actor)
        if sort is not None:
            self.speakers.append((span.root.idx, text, actor, sort))
            self.speakers.sort(key=lambda item: item[0])

    def _index_antecedents(self) -> None:
        # Subjects are the antecedents pronouns prefer (Hobbs 1978; Lappin & Leass 1994).
        doc = self.doc
        for i in _subject_nouns(doc):
            token = doc[i]
            span = self.lines.span(_noun_phrase(token))
            actor = self._actor_of(span) or self._description(span)
            sort = self._sort(token, actor)
            if sort is not None:
                self.speakers.append((token.idx, self._phrase_text(span), actor, sort))
        documents = self.lexicon.documents
        for token in tokens_with(doc, self.lexicon.publish):
            if token.pos_ != "VERB":
                continue
            obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is None or obj.lemma_.lower() not in documents:
                continue
            by = _released_by(doc, token) if obj.dep_ == "nsubjpass" else None
            if by is None and obj.dep_ == "dobj":
                subject = next((c for c in token.children if c.dep_ in _SUBJECT), None)
                by = self._actor_of(_noun_phrase(subject)) if subject is not None else None
            if by is not None:
                self.publications.append((token.idx, by))

    def _sort(self, head: Token, actor: str | None) -> str | None:
        kind = self.kinds.get(actor) if actor else None
        lemma = head.lemma_.lower()
        if (
            kind == "person"
            or head.ent_type_ == "PERSON"
            or (lemma in self.lexicon.persons and head.tag_ in ("NN", "NNP"))
        ):
            return "person"
        if head.tag_ in ("NNS", "NNPS") or kind in _GROUP_KINDS:
            return "group" if head.tag_ in ("NNS", "NNPS") else "thing"
        if lemma in self.things or head.ent_type_ == "ORG":
            return "thing"
        return None


class AttributionFinder:
    """The ``sitrep_attribution`` component: fills ``doc._.attributions``."""

    def __init__(self, nlp: Language, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon
        # The lemmas of the adjective and noun cues: other adjectives and nouns are no cue.
        self.cue_words = frozenset(lemma for pos, lemma in lexicon.cues if pos != "VERB")
        # The lemmas of a person, body or artefact that speaks.
        self.source_words = (
            lexicon.spokespersons | lexicon.persons | lexicon.bodies | lexicon.documents
        )
        self.certainty = CertaintyCues(nlp.vocab)
        self.according = AnchoredMatcher(
            nlp.vocab,
            {"according": [[{"LOWER": w} for w in phrase] for phrase in lexicon.according]},
        )

    def __call__(self, doc: Doc) -> Doc:
        lines = Lines(doc)
        quotes = find_quotes(lines.text)
        drafts: list[_Draft] = []
        for i in _cue_candidates(doc, self.cue_words):
            token = doc[i]
            found = self._cue(token)
            if found is None:
                continue
            entry, particle = found
            if _participle_adjective(token, self.lexicon):
                draft = self._adjective_draft(token, entry, particle)
            elif token.pos_ == "VERB":
                draft = self._verb_draft(lines.text, token, entry, particle, quotes)
            elif token.pos_ == "ADJ":
                draft = self._adjective_draft(token, entry, particle)
            else:
                draft = self._noun_draft(token, entry)
            if draft is not None:
                drafts.append(draft)
        _attach_following_quotes(lines.text, drafts, quotes)
        # A speech verb whose content is neither in its clause nor a quote beside it reports
        # nothing that can be shown.
        drafts = [d for d in drafts if d.content]
        cued = {draft.head: draft for draft in drafts}
        drafts.extend(self._according_drafts(doc))
        drafts.extend(self._citing_drafts(doc, lines.text, cued))
        drafts.extend(self._questioning_drafts(doc))
        drafts.extend(self._received_drafts(doc))
        drafts.extend(self._headline_drafts(doc, lines.text, drafts))
        drafts.extend(_layout_drafts(doc, lines.text, quotes, drafts, self.lexicon))
        resolver = SourceResolver(doc, self.lexicon, lines, quotes)
        drafts.extend(self._artefact_drafts(doc, cued, resolver))
        # Inside a quotation the speaker's own "I think" or "they say" belong to the quoted
        # words; the quotation is one attribution (the PARC 3.0 convention).
        # A transcript's speaker label may open a quoted line ('"WALLACE: ...').
        drafts = [d for d in drafts if d.form == "label" or not _inside(quotes, d.cue[0])]
        doc._.attributions = _frames(doc, drafts, resolver)
        doc._.sources = resolver
        return doc

    # 1. cue words -----------------------------------------------------------------------------

    def _cue(self, token: Token) -> tuple[Cue, Token | None] | None:
        """The lexicon entry for a cue word and the particle or preposition it takes (the
        first test is :func:`_cue_candidates`'s, for the callers that pick one token)."""
        if token.pos_ not in ("VERB", "ADJ", "NOUN") or token.dep_ == "compound":
            return None
        if token.pos_ == "VERB" and token.dep_ == "amod":
            return None
        if (
            token.tag_ == "VBG"
            and token.lemma_.lower() in self.lexicon.citing
            and token.dep_ != "ROOT"
        ):
            return None  # "..., citing X": a relayed report (3.), not a cue of its own
        entries = (
            self.lexicon.cues.get(("ADJ", token.lower_))
            if _participle_adjective(token, self.lexicon)
            else self.lexicon.cues.get((token.pos_, token.lemma_.lower()))
        )
        if not entries and token.pos_ == "VERB":
            # The lemmatizer's rules miss some verbs ("hoped" -> "hop"): undo the inflection.
            entries = next(
                (
                    found
                    for stem in _stems(token.lower_)
                    if (found := self.lexicon.cues.get(("VERB", stem)))
                ),
                None,
            )
        if not entries:
            return None
        for child in token.children:
            # "put it": a pronoun object that belongs to the cue.
            if child.dep_ in ("prt", "prep", "advmod", "dobj") and child.lower_ in entries:
                return entries[child.lower_], child
        # "saw the comment as a dig": the parser may hang "as" on the object.
        obj = _child(token, ("dobj",))
        if "as" in entries and obj is not None:
            as_ = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            if as_ is not None:
                return entries["as"], as_
        entry = entries.get(None)
        return (entry, None) if entry is not None else None

    def _verb_draft(
        self, text: str, verb: Token, entry: Cue, particle: Token | None, quotes: list[Quote]
    ) -> _Draft | None:
        head_is_cue = ("VERB", verb.head.lemma_.lower()) in self.lexicon.cues
        content, root = _verb_content(verb, entry, particle, head_is_cue)
        if entry.takes == "reason" and not content:
            return None  # a physical attack, not a judgment
        content = _quote_content(content, quotes)
        source, relays = _verb_source(verb, self.lexicon)
        if verb.lemma_.lower() in self.lexicon.impersonal:
            # "Melania seems to have vanished": the author's impression; the subject belongs
            # to the content, and a cue verb under it ("appeared to suggest") is the report.
            if root is None or source is None or self._cue(root) is not None:
                return None
            content = [(source.start_char, content[-1][1])] if content else []
            source = None
        if not content:
            named = [*relays, source] if source is not None else relays
            content = _preceding_quote(text, verb, named, quotes)
        if not content and entry.kind == "speech" and source is not None:
            content, root = _topic(verb)
        if not content and (source is None or entry.kind != "speech"):
            return None
        negated = self.certainty.cue_negated(verb)
        # "said it rejects the accusations": reporting one's own denial denies.
        inner = self._cue(root) if root is not None and root.pos_ == "VERB" else None
        denial = inner is not None and inner[0].stance == "denies"
        return _Draft(
            _cue_chars(verb, particle),
            content,
            source,
            self.certainty.stance(entry.stance, verb, root, denial),
            entry.kind,
            "verb",
            verb.i,
            root.i if root is not None else None,
            relays,
            check=negated and verb.lemma_.lower() in self.certainty.lexicon.confirm,
        )

    def _adjective_draft(
        self, adjective: Token, entry: Cue, particle: Token | None
    ) -> _Draft | None:
        """ "X is sure that ...", "X was critical of ...", "X is willing to ..."."""
        # "is sure", "found it hard", "made it clear (that) ...": the adjective's clause.
        participle = adjective.pos_ == "VERB"
        if not participle and adjective.dep_ not in ("acomp", "oprd", "conj", "ccomp"):
            return None
        content, root = _complement(adjective, particle)
        source = (
            _child(adjective, _PASSIVE_SUBJECT + _SUBJECT)
            if participle
            else _subject(adjective.head)
        )
        if not content or source is None:
            return None
        return _Draft(
            _cue_chars(adjective, particle),
            content,
            _noun_phrase(source),
            self.certainty.stance(entry.stance, adjective.head, root),
            entry.kind,
            "verb",
            adjective.i,
            root.i if root is not None else None,
        )

    def _noun_draft(self, noun: Token, entry: Cue) -> _Draft | None:
        """ "Moscow's claim that ...", "a denial by the ministry of ...": only with both the
        holder and the content in the noun phrase, since the bare noun names neither; or the
        object of a light verb, whose subject holds it ("X made the following comment: “...”",
        "X voiced support for ...")."""
        cue = (noun.idx, _end(noun))
        source = _child(noun, ("poss",))
        if source is None:
            by = next(
                (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None
            )
            source = _child(by, ("pobj",)) if by is not None else None
        light = (
            source is None
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in self.lexicon.light
            and _subject(noun.head) is not None
        )
        if light:
            source = _subject(noun.head)
            cue = (_cue_chars(noun.head)[0], cue[1])
        content, root = _complement(noun, None)
        # A light verb's speech noun may take a quotation after it instead (attached later).
        quotable = light and entry.kind == "speech"
        if source is None or not (content or quotable) or source.lower_ in _RELATIVE:
            return None
        return _Draft(
            cue,
            content,
            _noun_phrase(source),
            self.certainty.stance(entry.stance, noun, root),
            entry.kind,
            "verb",
            noun.i,
            root.i if root is not None else None,
        )

    # 2. prepositional cues ---------------------------------------------------------------------

    def _according_drafts(self, doc: Doc) -> list[_Draft]:
        drafts = []
        for _, start, end in self.according(doc):
            cue = doc[start:end]
            # "according to show insiders": the parser may read "to show" as a verb.
            source = _child(cue[-1], ("pobj", "pcomp")) or _child(cue[0], ("pobj",))
            if source is None:
                continue
            # A parse that makes "According" itself the root leaves its sentence the clause.
            head = (
                cue[0].head
                if cue[0].head.pos_ in ("VERB", "AUX") and cue[0].head is not cue[0]
                else None
            )
            phrase = doc[cue.start : source.right_edge.i + 1]
            speaker = doc[source.left_edge.i : source.right_edge.i + 1]
            content = _clause_without(head, phrase)
            comma = next((t for t in doc[source.i : phrase.end] if t.text == ","), None)
            if not content and comma is not None:
                # "According to X, the truce is over": a parse that hangs the clause on X.
                speaker = doc[source.left_edge.i : comma.i]
                content = _runs(list(doc[comma.i + 1 : phrase.sent.end]))
            if not content and head is None and phrase.sent.end < len(doc):
                # "According to X, ..." split off as a sentence of its own: the next one.
                content = _runs(list(doc[phrase.sent.end].sent))
            if content:
                drafts.append(
                    _Draft(
                        _chars(cue),
                        content,
                        speaker,
                        "asserts",
                        "speech",
                        "according",
                        cue[0].i,
                        head.i if head is not None else None,
                    )
                )
        return drafts

    # 3. relayed reports ------------------------------------------------------------------------

    def _citing_drafts(self, doc: Doc, text: str, cued: dict[int, _Draft]) -> list[_Draft]:
        drafts = []
        for token in tokens_with(doc, self.lexicon.citing):
            if token.tag_ != "VBG":
                continue
            cited = _child(token, ("dobj", "pobj"))
            if cited is None:
                continue
            if not self._names_a_source(doc, cited):
                # "..., citing the release of prisoners": the subject gives a reason, the
                # object is what it says (PolNeAR), not whom it relays.
                subject = _subject(token)
                drafts.append(
                    _Draft(
                        _cue_chars(token),
                        [_subtree_chars(cited)],
                        _noun_phrase(subject) if subject is not None else None,
                        "asserts",
                        "speech",
                        "verb",
                        token.i,
                        cited.i,
                    )
                )
                continue
            head = token.head
            relayed = cued.get(head.i) or next(
                (d for d in cued.values() if d.content_head == head.i), None
            )
            if relayed is not None:
                content = _minus(
                    text, relayed.content, (token.left_edge.idx, _end(token.right_edge))
                )
                relayed.content = content
                content_head = relayed.content_head
                relays = [relayed.source] if relayed.source is not None else []
                relayed.relay = True
                stance, kind = relayed.stance, relayed.kind
            else:
                verb = head if head.pos_ in ("VERB", "AUX") else None
                content = _clause_without(verb, doc[token.i : token.right_edge.i + 1])
                content_head = verb.i if verb is not None else None
                relays, stance, kind = [], "asserts", "speech"
            if content:
                drafts.append(
                    _Draft(
                        _cue_chars(token),
                        content,
                        _noun_phrase(cited),
                        stance,
                        kind,
                        "citing",
                        token.i,
                        content_head,
                        relays,
                    )
                )
        return drafts

    def _names_a_source(self, doc: Doc, phrase: Token) -> bool:
        """Whether a noun phrase names who or what speaks: an actor, a name, a person or body
        ("a ministry source", "officials"), or an artefact ("a report")."""
        lemma = phrase.lemma_.lower()
        return (
            phrase.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or phrase.pos_ in ("PROPN", "PRON")
            or lemma in self.source_words
            or actor_for(doc, phrase.left_edge.idx, _end(phrase.right_edge)) is not None
        )

    # 4. artefacts ------------------------------------------------------------------------------

    def _artefact_drafts(
        self, doc: Doc, cued: dict[int, _Draft], resolver: SourceResolver
    ) -> list[_Draft]:
        """ "In a video released by X, two men appear ...": the artefact's publisher is the
        source of the clause, unless a reporting verb already attributes it."""
        drafts = []
        for token in tokens_with(doc, ("in", "on"), attr="lower"):
            if token.dep_ != "prep" or token.head.i in cued:
                continue
            artefact = _child(token, ("pobj",))
            head = token.head
            if (
                artefact is None
                or artefact.lemma_.lower() not in self.lexicon.documents
                or head.pos_ not in ("VERB", "AUX")
                or token.i > head.i
            ):
                continue
            phrase = doc[token.i : artefact.right_edge.i + 1]
            source = doc[artefact.left_edge.i : artefact.right_edge.i + 1]
            participle = _publishing_participle(head, phrase, self.lexicon.publish)
            if participle is not None:
                phrase = doc[token.i : max(participle.right_edge.i, artefact.right_edge.i) + 1]
                source = _noun_phrase(_publisher(participle))
            elif resolver.resolve(source)[1] is None:
                continue
            content = _clause_without(head, phrase)
            if content:
                drafts.append(
                    _Draft(
                        (token.idx, _end(artefact)),
                        content,
                        source,
                        "asserts",
                        "evidence",
                        "artefact",
                        token.i,
                        head.i,
                        source_lemma=artefact.lemma_.lower(),
                    )
                )
        return drafts

    # 5. questioning idioms --------------------------------------------------------------------

    def _headline_drafts(self, doc: Doc, text: str, found: list[_Draft]) -> list[_Draft]:
        """A headline's report its parse missed: headlines put the reporting verb in the simple
        present between speaker and message, often in title case that the tagger reads as
        names ("Senator Slams Plan As Reckless", "Mayor Vows To Rebuild"), so a cue verb's
        form there splits the line into source and content (one report per headline)."""
        end = text.find("\n")
        line = doc.char_span(0, end, alignment_mode="contract") if end > 0 else None
        if line is None or len(line) > _HEADLINE_TOKENS or any(d.cue[0] < end for d in found):
            return []
        for token in line[1:]:
            # The simple present: the base form or the third person's "-s".
            forms = (token.lower_, *(_stems(token.lower_) if token.lower_.endswith("s") else ()))
            entries = next(
                (hit for form in forms if (hit := self.lexicon.cues.get(("VERB", form)))),
                None,
            )
            if (
                not entries
                or token.nbor(-1).text in _HEADLINE_QUOTES
                or not (
                    token.pos_ == "VERB"
                    or (token.pos_ in ("NOUN", "PROPN") and (token.is_title or _before_det(token)))
                )
            ):
                continue
            after = token.nbor() if token.i + 1 < line.end else None
            if after is not None and after.lower_ in entries:
                entry, last = entries[after.lower_], after
            elif None in entries:
                entry, last = entries[None], token
            else:
                continue
            opening = max((t.i + 1 for t in line if t.i < token.i and t.text in ",;:"), default=0)
            speaker = [t for t in doc[opening : token.i] if t.pos_ in ("PROPN", "NOUN")]
            content = _runs(list(doc[last.i + 1 : line.end]))
            if entry.takes == "reason":
                content = (
                    content
                    if any(t.lower_ in ("as", "for") for t in doc[last.i : line.end])
                    else []
                )
            if not speaker or not content:
                return []
            source = doc[speaker[0].i : token.i]
            return [
                _Draft(
                    (token.idx, _end(last)),
                    content,
                    source,
                    entry.stance,
                    entry.kind,
                    "headline",
                    token.i,
                    None,
                )
            ]
        return []

    def _received_drafts(self, doc: Doc) -> list[_Draft]:
        """ "X faced criticism (from Y) ...", "X came under scrutiny": X is what is responded to;
        Y, when named, the source."""
        drafts = []
        for noun in tokens_with(doc, self.lexicon.responses):
            if noun.pos_ != "NOUN":
                continue
            # "faced criticism": the verb's object; "came under scrutiny": through its particle.
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            particle = noun.head.lower_ if noun.dep_ == "pobj" else None
            if (
                verb.pos_ != "VERB"
                or noun.dep_ not in ("dobj", "pobj")
                or self.lexicon.receiving.get(verb.lemma_.lower(), "") != particle
            ):
                continue
            target = _subject(verb)
            if target is None or target.lower_ in _RELATIVE:
                continue
            by = next(
                (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None
            )
            source = _child(by, ("pobj",)) if by is not None else None
            drafts.append(
                _Draft(
                    (_cue_chars(verb)[0], _end(noun)),
                    [_subtree_chars(target)],
                    _noun_phrase(source) if source is not None else None,
                    "asserts",
                    "attitude",
                    "verb",
                    verb.i,
                    target.i,
                )
            )
        return drafts

    def _questioning_drafts(self, doc: Doc) -> list[_Draft]:
        drafts = []
        for cue in self.certainty.questioning(doc):
            verb = cue[0]
            if any(c.dep_ in _PASSIVE_SUBJECT for c in verb.children):
                source = _agent(verb)
                claim = _child(verb, _PASSIVE_SUBJECT)
            else:
                source = _subject(verb)
                claim = next(
                    (c for c in verb.children if c.dep_ == "dobj" and c.i < cue.end - 1), None
                )
            if claim is None:
                claim = _prep_object(cue[-1], ("about", "on", "over", "of")) or _prep_object(
                    verb, ("about", "on", "over")
                )
            if claim is None:
                continue
            drafts.append(
                _Draft(
                    _chars(cue),
                    [_subtree_chars(claim)],
                    _noun_phrase(source) if source is not None else None,
                    "questions",
                    "speech",
                    "questioning",
                    verb.i,
                    claim.i,
                )
            )
        return drafts


# 6. layout conventions -------------------------------------------------------------------------


def _layout_drafts(
    doc: Doc, text: str, quotes: list[Quote], found: list[_Draft], lexicon: CueLexicon
) -> list[_Draft]:
    """Attributions made by layout rather than words: a quotation signed with a dash
    ('“...” ― Jane Doe'), a name before a colon at the start of a line, the headline and
    transcript convention ('Pence: Flowers won't be at debate', 'WALLACE: Let's start'), where
    an artefact may stand in the name's place ('Poll: Clinton leads in Ohio'), and a colon that
    opens a quotation no reporting word introduces ('Senator Hits Bank Chief: “Resign”')."""
    taken = {d.head for d in found}
    drafts = _colon_quote_drafts(doc, text, quotes, found, lexicon)
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
        drafts.append(
            _Draft(cue, content, source, "asserts", "speech", "signature", dash.root.i, None)
        )
    labels = list(_SPEAKER_LABEL.finditer(text))
    # The words of named speakers, wanted only for a label (few articles have one).
    named = (
        {t.lower_ for ent in doc.ents if ent.label_ in _SPEAKERS for t in ent} if labels else set()
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
        content = _runs(
            [t for t in doc.char_span(match.end(), end, alignment_mode="contract") or ()]
        )
        if content:
            drafts.append(
                _Draft(
                    _chars(colon), content, name, "asserts", "speech", "label", colon.root.i, None
                )
            )
    return drafts


def _colon_quote_drafts(
    doc: Doc, text: str, quotes: list[Quote], found: list[_Draft], lexicon: CueLexicon
) -> list[_Draft]:
    """A quotation opened by a colon and claimed by no other cue: the colon is the cue (PARC
    3.0, punctuation as cue) and the clause before it names the speaker when its subject is a
    person or body ('The senator rounds on the bank chief: “Resign”'). A headline quotes in single
    marks (AP style), so there a single mark after the colon opens the rest of the line."""
    starts = {q.start: q for i, q in enumerate(quotes) if q.chain == i}
    headline = text.find("\n")
    drafts = []
    for match in _COLON_QUOTE.finditer(text):
        colon = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")
        if colon is None or _inside(quotes, match.start()):
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
            for form in (opener.lemma_.lower(), opener.lower_, *_stems(opener.lower_))
        ):
            # 'Said Okafor: “...”': the inverted attribution, a verb the tagger missed.
            drafts.append(
                _Draft(
                    _chars(doc[opener.i : opener.i + 1]),
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
        subject = _subject(head) if head.i < colon.root.i else None
        source = (
            _noun_phrase(subject)
            if subject is not None
            and (subject.ent_type_ in _SPEAKERS or subject.lower_ in _PERSON_PRONOUNS)
            else None
        )
        drafts.append(
            _Draft(_chars(colon), content, source, "asserts", "speech", "label", colon.root.i, None)
        )
    return drafts


def _attach_following_quotes(text: str, drafts: list[_Draft], quotes: list[Quote]) -> None:
    """'He said: “...”' and the second half of '“...,” he said. “...”': a quote right after
    an attribution clause, and claimed by no other, continues its content."""
    claimed = {q for d in drafts for q in _quotes_in(quotes, d.content)}
    for draft in drafts:
        after = max(draft.cue[1], draft.source.end_char if draft.source is not None else 0)
        own_quotes = _quotes_in(quotes, draft.content)
        if any(end > after for _, end in draft.content) and not own_quotes:
            continue
        after = max([after, *(end for _, end in draft.content)])
        for index, quote in enumerate(quotes):
            if quote.start < after:
                continue
            if index not in claimed and set(text[after : quote.start]) <= _QUOTE_GAP:
                chain = [
                    i
                    for i, q in enumerate(quotes)
                    if q.chain == quote.chain and q.start >= quote.start
                ]
                draft.content.extend((quotes[i].start, quotes[i].end) for i in chain)
                claimed.update(chain)
            break


def _frames(doc: Doc, drafts: list[_Draft], resolver: SourceResolver) -> list[AttributionFrame]:
    """Resolves sources in text order (so a pronoun can refer to an earlier speaker), keeps one
    draft per cue, drops failed checks by news outlets (verifications, read by claims), and
    builds chains."""
    drafts = sorted(drafts, key=lambda d: (d.cue[0], d.form != "verb"))
    frames = []
    for draft in drafts:
        if frames and frames[-1].cue[0] == draft.cue[0]:
            continue
        source = draft.source
        lines = resolver.lines
        if source is not None and lines.bounds(source.root.idx) != lines.bounds(draft.cue[0]):
            # A source on another line than its cue is a parse run across a headline or caption.
            source = None
        text, actor = resolver.resolve(source) if source is not None else ("", None)
        if draft.check and resolver.is_media(text, actor):
            continue
        if source is not None:
            source = lines.span(source)
            resolver.note_speaker(source, text, actor)
        anchor = doc[draft.content_head].idx if draft.content_head is not None else None
        content = sorted(
            {
                lines.clip(s, e, anchor if anchor is not None and s <= anchor < e else s)
                for s, e in draft.content
            }
        )
        frames.append(
            AttributionFrame(
                cue=draft.cue,
                content=tuple(content),
                source=_chars(source) if source is not None else None,
                source_text=text,
                actor=actor,
                stance=draft.stance,
                kind=draft.kind,
                form=draft.form,
                head=draft.head,
                content_head=draft.content_head,
                via=tuple(Via(*resolver.resolve(span)) for span in draft.relays),
                relay=draft.relay,
                source_lemma=draft.source_lemma
                or (source.root.lemma_.lower() if source is not None else None),
            )
        )
    return _chain(frames)


def _chain(frames: list[AttributionFrame]) -> list[AttributionFrame]:
    """A frame whose cue lies in another's content reached the article through that other
    frame's source: "[the ministry denied ...], according to Interfax". The outer frame is a
    relay when the inner frame heads its content or is most of it."""
    relays: set[int] = set()
    chained = []
    sourced = [(i, f) for i, f in enumerate(frames) if f.source is not None]
    for inner in frames:
        outer = [(i, f) for i, f in sourced if f is not inner and _within(inner.cue, f.content)]
        outer.sort(key=lambda item: _size(item[1].content))
        via = list(inner.via)
        for i, frame in outer:
            via.append(Via(frame.source_text, frame.actor))
            via.extend(frame.via)
            heads = frame.content_head == inner.head or _covered(inner, frame.content) >= 0.5
            if heads and inner.source is not None:
                relays.add(i)
        via = tuple(_unique_via(via))
        chained.append(inner if via == inner.via else _replace(inner, via=via))
    return [
        _replace(frame, relay=True) if i in relays else frame for i, frame in enumerate(chained)
    ]


def _replace(frame: AttributionFrame, **changes: object) -> AttributionFrame:
    values = {name: getattr(frame, name) for name in AttributionFrame.__slots__}
    values.update(changes)
    return AttributionFrame(**values)


def _unique_via(via: list[Via]) -> list[Via]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for item in via:
        key = (item.source_text, item.source)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _minus(text: str, pieces: list[Chars], cut: Chars) -> list[Chars]:
    """``pieces`` without the characters of ``cut`` and the punctuation left at its edges."""
    out = []
    for start, end in pieces:
        if cut[1] <= start or end <= cut[0]:
            out.append((start, end))
            continue
        for a, b in ((start, cut[0]), (cut[1], end)):
            while a < b and text[a] in _EDGE:
                a += 1
            while b > a and text[b - 1] in _EDGE:
                b -= 1
            if b - a > 1:
                out.append((a, b))
    return out


def _within(span: Chars, pieces: tuple[Chars, ...]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in pieces)


def _size(pieces: tuple[Chars, ...] | list[Chars]) -> int:
    return sum(end - start for start, end in pieces)


def _covered(inner: AttributionFrame, pieces: tuple[Chars, ...]) -> float:
    start, end = inner.extent
    overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in pieces)
    return overlap / max(_size(pieces), 1)


# -- reporting-verb helpers ------------------------------------------------------------------


def _verb_content(
    verb: Token, entry: Cue, particle: Token | None, head_is_cue: bool
) -> tuple[list[Chars], Token | None]:
    """The content a reporting verb governs, and the head of that content."""
    children = list(verb.children)
    if particle is not None and particle.dep_ == "prep":
        # "talked about the economy", "pointed to the polls": the object is the content.
        target = _child(particle, ("pobj", "pcomp"))
        return ([_subtree_chars(target)], target) if target is not None else ([], None)
    for child in children:
        if child.dep_ == "ccomp":
            return [_subtree_chars(child)], child
    if entry.takes in ("clause", "both"):
        # "did not say when they would vote", "said after the meeting he would resign": the
        # parser hangs an embedded question or a that-less clause as advcl.
        for child in children:
            if child.dep_ == "advcl" and child.i > verb.i and _complement_clause(child):
                return [_subtree_chars(child)], child
    if entry.takes == "reason":
        # "blasted the media for being dishonest", "attacked her as unfit": criticism by a verb
        # that is as often physical ("attacked the convoy") counts only with the Reason or the
        # label that FrameNet's Judgment_communication gives it.
        obj = _child(verb, ("dobj",))
        reason = next(
            (
                c
                for c in (*children, *(obj.children if obj is not None else ()))
                if c.dep_ == "prep" and _judgment_reason(c)
            ),
            None,
        )
        if obj is None or reason is None:
            return [], None
        return [(obj.left_edge.idx, _end(max(obj.right_edge, reason.right_edge)))], obj
    if entry.takes == "naming":
        # "called the charges fabricated": the object and what it is called; in "called Trump
        # a liar" the parser may hang the object under its name ("liar" -> nmod "Trump").
        obj = _child(verb, ("dobj",))
        complement = next(
            (c for c in children if c.dep_ in ("oprd", "xcomp", "acomp", "attr")), None
        )
        # "a group called Lashkar": a participle without object or auxiliary gives a name.
        participle = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children)
        if complement is None or (obj is None and participle):
            return [], None
        first = obj if obj is not None and obj.i < complement.i else complement
        return [(first.left_edge.idx, _end(complement.right_edge))], complement
    if entry.takes in ("np", "both"):
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        if obj is not None:
            clause = next(
                (c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > obj.i),
                None,
            )
            end = obj.right_edge
            extra = next(
                (
                    c
                    for c in children
                    if c.dep_ == "prep" and c.lower_ in ("of", "for", "as") and c.i > obj.i
                ),
                None,
            )
            if extra is not None:
                end = extra.right_edge
            root = clause if clause is not None and clause.dep_ != "relcl" else obj
            return [(obj.left_edge.idx, _end(end))], root
        passive = _child(verb, ("nsubjpass",))
        if passive is not None and _child(verb, ("xcomp",)) is None:
            # "The attack was claimed by Isis": the passive subject is the content.
            return [_subtree_chars(passive)], passive
        if entry.takes == "np":
            about = _prep_object(verb, ("about", "of", "on", "for"))
            if about is not None:
                return [_subtree_chars(about)], about
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    passive = next((c for c in children if c.dep_ in _PASSIVE_SUBJECT), None)
    # "vowed to retaliate", "is believed to have fled"; not "continued to fight".
    if xcomp is not None and (entry.takes in ("to", "both") or passive is not None):
        start = (
            passive.left_edge if passive is not None and passive.i < xcomp.i else xcomp.left_edge
        )
        return [(start.idx, _end(xcomp.right_edge))], xcomp
    # A ccomp after a cue verb is that verb's content ("told them he said"); a parenthetical
    # ("Mr. X said, he decided ...") is an inversion whatever its head.
    inverted = (
        verb.dep_ == "parataxis"
        or (verb.dep_ == "ccomp" and verb.head.i < verb.i and not head_is_cue)
        # "as analysts have pointed out, ...", "..., as one diplomat put it": a parenthetical
        # "as"-clause reports the clause it hangs on.
        or (
            verb.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
            and not any(c.dep_ in ("dobj", "xcomp") and c.lower_ != "it" for c in children)
        )
    )
    if inverted and entry.kind == "speech":
        # "..., the ministry said." and "The museum, Mr. Obama said, would ...".
        head = verb.head
        skip = set(range(verb.left_edge.i, verb.right_edge.i + 1))
        tokens = [t for t in head.subtree if t.i not in skip]
        return _runs(tokens), head
    # "said so", "said as much": a pro-form stands for what was said before (PARC 3.0 marks it
    # as the content).
    proform = next(
        (c for c in children if c.dep_ in ("advmod", "dobj") and c.lower_ in _PRO_FORMS), None
    )
    if proform is not None and entry.kind == "speech":
        first = next((c for c in proform.children if c.lower_ == "as" and c.i < proform.i), proform)
        return [(first.idx, _end(proform))], proform
    return [], None


def _cue_candidates(doc: Doc, words: frozenset[str]) -> list[int]:
    """The indices of the tokens :meth:`AttributionFinder._cue` may take: verbs, and adjectives
    and nouns whose lemma is one of ``words`` (or tagged as participles, which the lexicon
    lists by form), not compounds nor verbs as modifiers. Read from the doc's arrays and word
    index, since most tokens are none of these and a Token's attributes each cost a lookup."""
    strings = doc.vocab.strings
    pos, dep, tag = doc.to_array(["POS", "DEP", "TAG"]).T
    verb = pos == strings["VERB"]
    listed = np.zeros(len(doc), dtype=bool)
    listed[token_indices(doc, words)] = True
    word = ((pos == strings["ADJ"]) | (pos == strings["NOUN"])) & (listed | (tag == strings["VBN"]))
    wanted = (verb | word) & (dep != strings["compound"]) & ~(verb & (dep == strings["amod"]))
    return np.flatnonzero(wanted).tolist()


def _subject_nouns(doc: Doc) -> list[int]:
    """The indices of the nouns and names that are subjects, active or passive (from the
    doc's arrays, as in :func:`_cue_candidates`)."""
    strings = doc.vocab.strings
    pos, dep = doc.to_array(["POS", "DEP"]).T
    noun = (pos == strings["NOUN"]) | (pos == strings["PROPN"])
    subject = np.zeros(len(doc), dtype=bool)
    for label in _SUBJECT + _PASSIVE_SUBJECT:
        subject |= dep == strings[label]
    return np.flatnonzero(noun & subject).tolist()


def _before_det(token: Token) -> bool:
    """Whether a determiner follows, as after a verb ("questions the fairness")."""
    return token.i + 1 < len(token.doc) and token.nbor().pos_ == "DET"


def _judgment_reason(prep: Token) -> bool:
    """Whether a preposition gives the reason for a judgment ("for being dishonest", "for her
    vote") or its label ("as a disgrace"), not a time ("for the second time", "for hours")."""
    if prep.lower_ == "as":
        return True
    target = _child(prep, ("pobj", "pcomp"))
    return (
        prep.lower_ == "for"
        and target is not None
        and target.ent_type_ not in _TIME_ENTITIES
        and target.lemma_.lower() not in ("time", "while")
    )


def _complement_clause(clause: Token) -> bool:
    """Whether an adverbial clause reads as a reported one: an embedded question, or a clause
    with its own subject and no subordinating conjunction ("because", "if")."""
    if clause.left_edge.lower_ in _WH:
        return True
    children = list(clause.children)
    return any(c.dep_ in _SUBJECT for c in children) and not any(c.dep_ == "mark" for c in children)


def _stems(word: str) -> list[str]:
    """Base forms an inflected verb may have: "hoped" -> hope, hop; "hopes" -> hope;
    "hoping" -> hope, hop."""
    for ending, bases in (("ing", ("e", "")), ("ed", ("e", "")), ("es", ("e", "")), ("s", ("",))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            root = word[: -len(ending)]
            return [root + base for base in bases]
    return []


def _participle_adjective(token: Token, lexicon: CueLexicon) -> bool:
    """Whether a passive participle is an adjective of the lexicon: "were frustrated with",
    "are convinced that" (the parser tags them VERB, the lexicon lists them as ADJ)."""
    return (
        token.tag_ == "VBN"
        and ("ADJ", token.lower_) in lexicon.cues
        and any(c.dep_ == "auxpass" for c in token.children)
    )


def _topic(verb: Token) -> tuple[list[Chars], Token | None]:
    """What a speech verb without a clause or quote is about: "spoke out about the death",
    "responded with attacks on X", "responded by citing ..."."""
    for child in verb.children:
        if child.dep_ != "prep" or child.i < verb.i:
            continue
        wanted = ("pcomp",) if child.lower_ == "by" else ("pobj", "pcomp")
        if child.lower_ in _TOPIC_PREPOSITIONS:
            target = _child(child, wanted)
            if target is not None and target.ent_type_ not in ("DATE", "TIME"):
                return [_subtree_chars(target)], target
    return [], None


def _verb_source(verb: Token, lexicon: CueLexicon) -> tuple[SpacySpan | None, list[SpacySpan]]:
    """The source of a reporting verb and any relays named with it ("told Reuters", "TASS
    quoted the ministry as saying")."""
    relays: list[SpacySpan] = []
    quoting = _quoting_verb(verb, lexicon)
    if quoting is not None:
        passive = any(c.dep_ in _PASSIVE_SUBJECT for c in quoting.children)
        quoted = next(
            (c for c in quoting.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None
        )
        relay = _agent(quoting) if passive else _subject(quoting)
        if relay is not None:
            relays.append(_noun_phrase(relay))
        return (_noun_phrase(quoted) if quoted is not None else None), relays
    if verb.lemma_.lower() in ("tell", "inform", "assure"):
        hearer = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if hearer is not None and (hearer.ent_type_ == "ORG" or hearer.pos_ == "PROPN"):
            relays.append(_noun_phrase(hearer))
    passive = any(c.dep_ in _PASSIVE_SUBJECT + ("auxpass",) for c in verb.children)
    if passive:
        agent = _agent(verb)
        return (_noun_phrase(agent) if agent is not None else None), relays
    subject = _subject(verb)
    if subject is None:
        return None, relays
    if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subject = verb.head
    if subject.lower_ in ("it", "there") and any(c.dep_ == "expl" for c in verb.children):
        return None, relays
    return _noun_phrase(subject), relays


def _quoting_verb(verb: Token, lexicon: CueLexicon) -> Token | None:
    # "TASS quoted the ministry as saying ...": saying <- as <- quoted.
    if verb.dep_ not in ("pcomp", "advcl", "xcomp"):
        return None
    head = verb.head
    if head.lower_ == "as" and head.dep_ == "prep":
        head = head.head
    return head if head.lemma_.lower() in lexicon.quoting else None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject it inherits from the verb it depends on."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in _SUBJECT]
        if len(subjects) == 1:
            return subjects[0]
        if subjects:
            # Two subjects are a parse of '“... mode,” said X': the speaker is the one not
            # cut off from the verb by a quotation mark.
            return min(subjects, key=lambda s: (_quote_between(s, token), abs(s.i - token.i)))
        if token.dep_ not in _INHERITS_SUBJECT or token.head is token:
            return None
        if token.dep_ in ("acl", "relcl"):
            return token.head if token.head.pos_ in ("NOUN", "PROPN") else None
        # "before revealing ...", "by saying ...": through the preposition to its verb.
        token = (
            token.head.head if token.dep_ == "pcomp" and token.head.dep_ == "prep" else token.head
        )
    return None


def _quote_between(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.is_quote for t in a.doc[low:high])


def _child(token: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _agent(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return (
        next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    )


def _prep_object(token: Token, prepositions: tuple[str, ...]) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            found = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if found is not None:
                return found
    return None


def _cue_chars(word: Token, particle: Token | None = None) -> Chars:
    """The cue: the word with the auxiliaries, negation and particle that belong to it."""
    start = word
    while (
        start.i > 0
        and start.nbor(-1).dep_ in ("aux", "neg", "auxpass")
        and start.nbor(-1).head == word
    ):
        start = start.nbor(-1)
    end = word
    for child in word.children:
        if child.dep_ == "prt" and child.i == end.i + 1:
            end = child
    if particle is not None and particle.i > end.i and particle.i - end.i <= 2:
        end = particle
    return start.idx, _end(end)


def _complement(word: Token, particle: Token | None) -> tuple[list[Chars], Token | None]:
    """What an adjective or noun cue is about: a that-clause, an infinitive, or the object of
    its preposition ("sure that ...", "willing to ...", "critical of ...", "claim that ...")."""
    for child in word.children:
        if child.dep_ in ("ccomp", "xcomp") or (
            child.dep_ == "acl" and child.pos_ in ("VERB", "AUX")
        ):
            return [_subtree_chars(child)], child
    prepositions = (
        (particle.lower_,)
        if particle is not None
        else ("about", "of", "on", "over", "that", "to", "with")
    )
    target = _prep_object(word, prepositions)
    if target is None:
        return [], None
    return [_subtree_chars(target)], target


# -- quotes ----------------------------------------------------------------------------------


def _quote_content(content: list[Chars], quotes: list[Quote]) -> list[Chars]:
    """A content that lies inside a quotation becomes the whole quotation, over all the
    sentences and paragraphs it runs."""
    out: list[Chars] = []
    for start, end in content:
        quote = next((q for q in quotes if q.start <= start and end <= q.end), None)
        if quote is None:
            out.append((start, end))
            continue
        out.extend((q.start, q.end) for q in quotes if q.chain == quote.chain)
    return sorted(set(out))


def _preceding_quote(
    text: str, verb: Token, named: list[SpacySpan], quotes: list[Quote]
) -> list[Chars]:
    """'“...,” he said' and '“...,” TASS quoted him as saying' where the parser gives the verb
    no complement; ``named`` are the source and relays named in the clause."""
    start = min([verb.idx, *(span.start_char for span in named)])
    for quote in reversed(quotes):
        if quote.end <= start:
            if set(text[quote.end : start]) <= _QUOTE_GAP and start - quote.end <= 4:
                return [
                    (q.start, q.end) for q in quotes if q.chain == quote.chain and q.end <= start
                ]
            return []
    return []


def _quotes_in(quotes: list[Quote], pieces: list[Chars]) -> set[int]:
    return {i for i, q in enumerate(quotes) for s, e in pieces if s <= q.start and q.end <= e}


def _inside(quotes: list[Quote], pos: int) -> bool:
    return any(q.start < pos < q.end for q in quotes)


# -- spans -----------------------------------------------------------------------------------


def _clause_without(head: Token | None, phrase: SpacySpan) -> list[Chars]:
    """The clause ``head`` heads (its sentence when None), less ``phrase``: the content of
    "according to X" or "in a video released by X"."""
    tokens = list(head.subtree) if head is not None else list(phrase.sent)
    skip = set(range(phrase.start, phrase.end))
    return _runs([t for t in tokens if t.i not in skip])


def _runs(tokens: list[Token]) -> list[Chars]:
    """Character pieces of contiguous token runs, without edge punctuation and lone words."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    pieces = []
    for run in runs:
        while run and (run[0].is_punct or run[0].is_space) and run[0].text not in '“"‘«':
            run.pop(0)
        while run and (run[-1].is_punct or run[-1].is_space) and run[-1].text not in '”"’»':
            run.pop()
        if sum(1 for t in run if t.is_alpha) >= 2:
            pieces.append((run[0].idx, _end(run[-1])))
    return pieces


def _noun_phrase(token: Token) -> SpacySpan:
    doc = token.doc
    return (
        doc[token.left_edge.i : token.right_edge.i + 1]
        if token.pos_ != "VERB"
        else doc[token.i : token.i + 1]
    )


def _core(span: SpacySpan) -> Chars:
    """The noun phrase's characters without clauses and appositions hanging off its head."""
    head = span.root
    skip = {t.i for c in head.children if c.dep_ in _CORE_BREAKS for t in c.subtree}
    kept = [t for t in span if t.i not in skip and not t.is_punct]
    if not kept:
        return span.start_char, span.end_char
    return kept[0].idx, _end(kept[-1])


def _publisher(verb: Token) -> Token | None:
    """Who ``verb`` (released, posted) put something out by, on or through, as written."""
    for child in verb.children:
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "on", "through", "via"):
            target = _child(child, ("pobj",))
            if target is not None:
                return target
    return None


def _released_by(doc: Doc, verb: Token) -> str | None:
    """The actor by, on or through whom ``verb`` (released, posted) put something out."""
    target = _publisher(verb)
    return (
        actor_for(doc, target.left_edge.idx, _end(target.right_edge))
        if target is not None
        else None
    )


def _publishing_participle(head: Token, phrase: SpacySpan, publish: frozenset[str]) -> Token | None:
    """The participle that names an artefact's publisher next to it: "a video released by X"
    or, where the parser hangs it on the main verb, "In the video, released on X's agency, ..."."""
    candidates = [t for t in phrase if t.tag_ == "VBN"]
    candidates += [
        c for c in head.children if c.tag_ == "VBN" and c.dep_ in ("advcl", "acl") and c.i < head.i
    ]
    return next(
        (v for v in candidates if v.lemma_.lower() in publish and _publisher(v) is not None), None
    )


def _subtree_chars(token: Token) -> Chars:
    return token.left_edge.idx, _end(token.right_edge)


def _chars(span: SpacySpan) -> Chars:
    return span.start_char, span.end_char


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def _fold(text: str) -> str:
    words = text.casefold().split()
    return " ".join(words[1:] if words and words[0] == "the" else words)


@Language.factory(
    "sitrep_attribution",
    assigns=["doc._.attributions", "doc._.sources"],
    requires=["token.dep", "token.lemma", "doc._.actor_mentions", "doc._.actors"],
)
def make_attribution(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder(nlp, load_cues())
