"""1. Cue words (resources/reporting_cues.tsv): verbs ("X said (that) ...", "..., X said", "X told
Y ...", "X denied ...", "X is quoted as saying", "it was reported by X", "X said in a statement
that ..."), adjectives ("X is sure that ...", "X made it clear that ...") and nouns ("X's claim that ...", "X made a comment about ..."). A direct quote next
to a verb is its content, across sentences and paragraphs; what was said ends where another
report hung on it goes on ("..., while others said ...", "... and denied ..."); "X seems to ..."
is the author's impression, with no source, unless a cue verb under it reports ("X seemed to
admit ..."). A clause verb takes its object when no clause or quotation is there ("recounted his
wife's life"; with the learned model, only a verb it is sure of), and a word the model is sure
of that none of these forms reads reports what it governs after it ("the minister's support for
the rescue crews": the noun rule wants "support of" or "support to"). A word no list holds that
heads a questioning idiom is left to family 4.

Rules: ``verb``, ``adjective`` (a participle of feeling counts: "were frustrated with"),
``noun`` (the holder and the content in the noun phrase) and ``light_verb_noun`` ("X made a
comment about ...", the light verb's subject holds the noun), ``governed`` (a word the model is
sure of, reporting what it governs).
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.nlp.attribution.candidates import Candidate, Context
from sitrep.nlp.attribution.learned import CueModel, quoted_tokens
from sitrep.nlp.attribution.lexicon import Cue, CueLexicon, participle_adjective, stems
from sitrep.nlp.attribution.syntax import (
    ABOUT,
    PASSIVE_SUBJECT,
    RELATIVE,
    SUBJECT,
    Chars,
    agent_of,
    child_with,
    complement_of,
    cue_chars,
    end_of,
    noun_phrase,
    prep_object,
    runs,
    subject_of,
    subtree_chars,
    that_clause,
)
from sitrep.nlp.attribution.text import (
    Quote,
    attach_following_quotes,
    preceding_quote,
    quote_content,
)
from sitrep.nlp.certainty import QUESTIONING, CertaintyLexicon, cue_negated, stance
from sitrep.nlp.doc import token_indices
from sitrep.nlp.words import WH_WORDS

# Prepositions whose object is what was said when a speech verb has no clause: "about" or
# "against" the topic, "with" the words, "by" doing something ("by citing ..."); not "over",
# which also governs ("ruled over the province").
_TOPIC_PREPOSITIONS = frozenset({"about", "against", "with", "by"})
#: what a noun of speech is about: its "to" names the hearer ("his remarks to reporters", "a
#: statement to Reuters"), as the verb's does ("said to reporters")
_SPEECH_NOUN_ABOUT = tuple(p for p in ABOUT if p != "to")
#: pro-forms that stand for what was said before ("said so", "said as much")
_PRO_FORMS = frozenset({"so", "much"})
#: with a cue the model is sure of, the prepositions of attitudes too ("agreed with", "worried
#: about", "responded to", "insisted on", "fought over", "called for")
_WIDER_TOPIC = _TOPIC_PREPOSITIONS | {"to", "on", "over", "for", "of"}
#: dependents that belong to a cue word's own clause (its subject, auxiliaries, particle, time
#: and manner) or to another clause, not to what it governs; an infinitive is content only
#: where the entry takes one ("vowed to retaliate", not "continued to hide": _verb_content)
_NOT_GOVERNED = frozenset(
    {"punct", "cc", "conj", "prt", "aux", "auxpass", "neg", "mark", "advmod", "npadvmod",
     "nsubj", "nsubjpass", "csubj", "expl", "agent", "dep", "parataxis", "relcl", "appos",
     "xcomp"}
)  # fmt: skip
#: the entries whose form is a limit the model does not lift: a reason ("attacked the convoy"
#: is physical) and a name ("a group called Lashkar")
_LIMITED = frozenset({"reason", "naming"})
#: the object of a verb that reports an infinitive is its hearer ("told reporters"), not
#: what it governs
_HEARERS = frozenset({"dobj", "dative"})
#: the marks of a report set against the one it follows ("..., while others said ...")
_CONTRAST = frozenset({"while", "whereas", "though", "although"})
#: the kinds of report that may hang on what they report ("..., the ministry said", "...,
#: he vowed, would ...", "..., she believes, is ..."): what is said, believed or promised
_INVERTED_KINDS = frozenset({"speech", "belief", "commitment"})
_TIME_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"})
#: the entry a word the lexicon does not list takes when the model makes it a cue: a report
#: of speech that asserts, its content a clause or an object ("blasted the plan as ...")
UNLISTED = {
    "VERB": Cue("asserts", "both", "speech"),
    "NOUN": Cue("asserts", "-", "speech"),
    "ADJ": Cue("asserts", "-", "attitude"),
}


class Choice(NamedTuple):
    """A word the cue family takes as a cue."""

    index: int
    entry: Cue
    particle: Token | None
    learned: bool  # the model made it a cue; the lexicon does not list it
    confident: bool  # the model is sure of it (see CueWords._verb)


class CueWords:
    """Family 1: reports made by a cue word."""

    name = "cues"

    def __init__(
        self,
        lexicon: CueLexicon,
        certainty: CertaintyLexicon,
        model: CueModel | None = None,
        mode: str = "combined",
    ) -> None:
        self.lexicon = lexicon
        self.certainty = certainty
        # The lemmas of the adjective and noun cues: other adjectives and nouns are no cue.
        self.cue_words = frozenset(lemma for pos, lemma in lexicon.cues if pos != "VERB")
        # what a naming verb's object may be when the parser misses it: claims and reports
        self._reports = lexicon.documents | {lemma for pos, lemma in lexicon.cues if pos == "NOUN"}
        self.model = model if mode != "rules" else None
        self.mode = mode

    def listed(self, doc: Doc) -> dict[int, tuple[Cue, Token | None]]:
        """The tokens the lexicon makes cues, with their entry and particle."""
        found = {}
        for i in _cue_words(doc, self.cue_words):
            hit = self._cue(doc[i])
            if hit is not None:
                found[i] = hit
        return found

    def chosen(self, doc: Doc, quotes: list[Quote]) -> list[Choice]:
        """The cue words in text order (see learned.MODES)."""
        listed = self.listed(doc)
        if self.model is None:
            return [Choice(i, *hit, False, False) for i, hit in sorted(listed.items())]
        scores = self.model.scores(doc, listed, quoted_tokens(doc, quotes))
        add_from = self.model.threshold if self.mode == "model" else self.model.add_from
        # A questioning idiom ("viewed the claim with caution") is family 4's, whole.
        idioms = {span.start for span in doc.spans.get(QUESTIONING, ())}
        chosen = []
        for i, score in sorted(scores.items()):
            hit = listed.get(i)
            if hit is not None and self._unjudged(doc[i], hit[0]):
                keep = True
            elif self.mode == "model" or hit is None:
                keep = score >= add_from
            else:
                keep = score >= self.model.drop_below
            if keep and (hit is not None or (self._may_take(doc[i]) and i not in idioms)):
                entry, particle = hit or (UNLISTED[doc[i].pos_], None)
                chosen.append(Choice(i, entry, particle, hit is None, score >= add_from))
        return chosen

    def _unjudged(self, word: Token, entry: Cue) -> bool:
        """Whether a listed word is one the cue network cannot judge. Its label is a cue's
        syntactic head, so it never saw as a cue a word whose cue another word heads, and scores
        a listed one low (on the training tenth, most under ``drop_below``): the predicate of a
        copula ("were wary of", "is sure that"), a word of speech that "make" predicates ("made
        it clear that"; "make sure" makes no report), a verb under one of impression ("seemed to
        admit", whose "seemed" yields to it: _verb), the object of a light verb ("made a comment
        about"). The lexicon decides those alone, in either mode."""
        head = word.head.lemma_.lower()
        if word.dep_ == "acomp" and head == "be":
            return True
        if word.dep_ in ("acomp", "ccomp", "oprd") and head == "make":
            return entry.kind == "speech"
        if self._impressed(word):
            return True
        return word.pos_ == "NOUN" and word.dep_ == "dobj" and head in self.lexicon.light

    def _impressed(self, word: Token) -> bool:
        """Whether a word is the verb under a verb of impression ("seemed to admit")."""
        return word.dep_ == "xcomp" and word.head.lemma_.lower() in self.lexicon.impersonal

    def _may_take(self, token: Token) -> bool:
        """Whether a verb, noun or adjective may be a cue at all, whatever the lexicon says."""
        if token.dep_ == "compound" or (token.pos_ == "VERB" and token.dep_ == "amod"):
            return False
        # "..., citing X": a relayed report (3.), not a cue of its own
        return not (
            token.tag_ == "VBG"
            and token.lemma_.lower() in self.lexicon.citing
            and token.dep_ != "ROOT"
        )

    def propose(self, context: Context, found: list[Candidate]) -> list[Candidate]:
        doc, text, quotes = context.doc, context.text, context.quotes
        candidates = []
        entries: dict[int, Cue] = {}
        sure: set[int] = set()
        for i, entry, particle, learned, confident in self.chosen(doc, quotes):
            entries[i] = entry
            if confident:
                sure.add(i)
            token = doc[i]
            if participle_adjective(token, self.lexicon):
                candidate = self._adjective(token, entry, particle)
            elif token.pos_ == "VERB":
                candidate = self._verb(text, token, entry, particle, quotes, confident)
            elif token.pos_ == "ADJ":
                candidate = self._adjective(token, entry, particle)
            else:
                candidate = self._noun(token, entry)
            if candidate is None and confident and self._may_govern(token, entry):
                candidate = self._governing_cue(token, entry, particle)
            if candidate is not None and learned:
                # A word no list holds is a report only when someone makes it.
                if candidate.source is None:
                    continue
                candidate.rule = f"learned_{candidate.rule}"
            if candidate is not None:
                candidates.append(candidate)
        attach_following_quotes(text, candidates, quotes)
        for candidate in candidates:
            # A clause verb kept without the clause or quotation its entry expects recounts its
            # object: "recounted his wife's life", "repeated the warning". Where a model scores
            # cues, only those it is sure of: a listed verb it doubts is mostly used in another
            # sense there. Only for clause verbs: the lexicon's other forms are limits data from
            # US politics does not teach ("attacked the convoy" is physical, "continued to hide"
            # no report).
            entry = entries[candidate.head]
            recounts = candidate.head in sure or self.model is None
            if not candidate.content and recounts and entry.takes == "clause":
                content, root = _verb_content(
                    doc[candidate.head], replace(entry, takes="np"), None, False
                )
                candidate.content = content
                candidate.content_head = root.i if root is not None else None
            if (
                not candidate.content
                and candidate.head in sure
                and self._may_govern(doc[candidate.head], entry)
            ):
                # Any other cue it is sure of reports what it governs.
                content, root = _governed(doc[candidate.head], entry, None)
                candidate.content = content
                candidate.content_head = root.i if root is not None else None
        # A speech verb whose content is neither in its clause nor a quote beside it reports
        # nothing that can be shown.
        return [c for c in candidates if c.content]

    def _may_govern(self, word: Token, entry: Cue) -> bool:
        """Whether a cue the model is sure of may report what it governs: not where the lexicon
        limits its form (``_LIMITED``), nor for a verb of impression ("appeared to suggest":
        the cue under it reports)."""
        return entry.takes not in _LIMITED and word.lemma_.lower() not in self.lexicon.impersonal

    def _governing_cue(self, word: Token, entry: Cue, particle: Token | None) -> Candidate | None:
        """A cue the model is sure of that no form above reads (a verb whose clause or source
        the syntax rules miss, a noun or adjective without the holder or complement they look
        for): its holder, if any, and what it governs ("the minister's support for the rescue
        crews")."""
        content, root = _governed(word, entry, particle)
        if not content:
            return None
        if word.pos_ == "VERB":
            source, relays = _verb_source(word, self.lexicon)
        else:
            holder = child_with(word, ("poss",)) or (
                subject_of(word.head) if word.dep_ in ("acomp", "oprd", "attr", "dobj") else None
            )
            source = noun_phrase(holder) if holder is not None else None
            relays = []
        return Candidate(
            "governed",
            cue_chars(word, particle),
            content,
            source,
            stance(self.certainty, entry.stance, word, root),
            entry.kind,
            "verb",
            word.i,
            root.i if root is not None else None,
            relays,
        )

    def _cue(self, token: Token) -> tuple[Cue, Token | None] | None:
        """The lexicon entry for a cue word and the particle or preposition it takes (the
        first test is :func:`_cue_words`'s, for the callers that pick one token)."""
        if token.pos_ not in ("VERB", "ADJ", "NOUN") or not self._may_take(token):
            return None
        entries = (
            self.lexicon.cues.get(("ADJ", token.lower_))
            if participle_adjective(token, self.lexicon)
            else self.lexicon.cues.get((token.pos_, token.lemma_.lower()))
        )
        if not entries and token.pos_ == "VERB":
            # The lemmatizer's rules miss some verbs ("hoped" -> "hop"): undo the inflection.
            entries = next(
                (
                    found
                    for stem in stems(token.lower_)
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
        obj = child_with(token, ("dobj",))
        if "as" in entries and obj is not None:
            as_ = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            if as_ is not None:
                return entries["as"], as_
        entry = entries.get(None)
        return (entry, None) if entry is not None else None

    def _verb(
        self,
        text: str,
        verb: Token,
        entry: Cue,
        particle: Token | None,
        quotes: list[Quote],
        confident: bool,
    ) -> Candidate | None:
        """``confident``: the model is sure of the cue, so that a prepositional object is its
        content whatever its kind ("agreed with the plan", "responded to the ad"), and a cue
        with no content yet is kept for a quotation after it or its object (propose)."""
        head_is_cue = ("VERB", verb.head.lemma_.lower()) in self.lexicon.cues
        content, root = _verb_content(verb, entry, particle, head_is_cue, self._reports)
        report = _trailing_report(root, self.lexicon) if root is not None else None
        if report is not None and root.dep_ == "ccomp":
            # What was said ends where another report goes on.
            content = [(content[0][0], end_of(_before(report.left_edge)))]
        if entry.takes == "reason" and not content:
            return None  # a physical attack, not a judgment
        content = quote_content(content, quotes)
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
            content = preceding_quote(text, verb, named, quotes)
        if not content and (entry.kind == "speech" or confident) and source is not None:
            content, root = _topic(verb, _WIDER_TOPIC if confident else _TOPIC_PREPOSITIONS)
        if not content and (source is None or not (entry.kind == "speech" or confident)):
            # A cue the model is sure of waits for a quotation after it, then for its object
            # (propose)
            return None
        negated = cue_negated(self.certainty, verb)
        # "said it rejects the accusations": reporting one's own denial denies.
        inner = self._cue(root) if root is not None and root.pos_ == "VERB" else None
        denial = inner is not None and inner[0].stance == "denies"
        cue = cue_chars(verb, particle)
        if self._impressed(verb):
            # "seemed to admit": PolNeAR marks the cue from the verb of impression on.
            cue = (cue_chars(verb.head)[0], cue[1])
        return Candidate(
            "verb",
            cue,
            content,
            source,
            stance(self.certainty, entry.stance, verb, root, denial),
            entry.kind,
            "verb",
            verb.i,
            root.i if root is not None else None,
            relays,
            check=negated and verb.lemma_.lower() in self.certainty.confirm,
        )

    def _adjective(self, adjective: Token, entry: Cue, particle: Token | None) -> Candidate | None:
        """ "X is sure that ...", "X was critical of ...", "X is willing to ..."."""
        # "is sure", "found it hard", "made it clear (that) ...": the adjective's clause.
        participle = adjective.pos_ == "VERB"
        if not participle and adjective.dep_ not in ("acomp", "oprd", "conj", "ccomp"):
            return None
        content, root = complement_of(adjective, particle)
        if not content and adjective.head.lemma_ == "make":
            # "made (it) clear that ...": the parser hangs the clause on "made", or on the
            # adjective as an adverbial clause.
            root = next(
                (
                    c
                    for c in (*adjective.children, *adjective.head.children)
                    if c.dep_ in ("ccomp", "csubj", "advcl") and c.i > adjective.i
                ),
                None,
            )
            content = [subtree_chars(root)] if root is not None else []
        source = (
            child_with(adjective, PASSIVE_SUBJECT + SUBJECT)
            if participle
            else subject_of(adjective.head)
        )
        if not content or source is None:
            return None
        return Candidate(
            "adjective",
            cue_chars(adjective, particle),
            content,
            noun_phrase(source),
            stance(self.certainty, entry.stance, adjective.head, root),
            entry.kind,
            "verb",
            adjective.i,
            root.i if root is not None else None,
        )

    def _noun(self, noun: Token, entry: Cue) -> Candidate | None:
        """ "Moscow's claim that ...", "a denial by the ministry of ...": only with both the
        holder and the content in the noun phrase, since the bare noun names neither; or the
        object of a light verb, whose subject holds it ("X made the following comment: “...”",
        "X voiced support for ...")."""
        cue = (noun.idx, end_of(noun))
        source = child_with(noun, ("poss",))
        if source is None:
            by = next(
                (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None
            )
            source = child_with(by, ("pobj",)) if by is not None else None
        light = (
            source is None
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in self.lexicon.light
            and subject_of(noun.head) is not None
        )
        if light:
            source = subject_of(noun.head)
            cue = (cue_chars(noun.head)[0], cue[1])
        content, root = complement_of(
            noun, None, _SPEECH_NOUN_ABOUT if entry.kind == "speech" else ABOUT
        )
        # A light verb's speech noun may take a quotation after it instead (attached later).
        quotable = light and entry.kind == "speech"
        if source is None or not (content or quotable) or source.lower_ in RELATIVE:
            return None
        return Candidate(
            "light_verb_noun" if light else "noun",
            cue,
            content,
            noun_phrase(source),
            stance(self.certainty, entry.stance, noun, root),
            entry.kind,
            "verb",
            noun.i,
            root.i if root is not None else None,
        )


def _misparsed_name(
    children: list[Token], obj: Token, reports: frozenset[str]
) -> tuple[Token | None, Token | None]:
    """A naming verb's object and its name where the parser hangs the name wrongly: as a
    second object of a report ("branded the reports a lie"), as the head of a report noun it
    takes for a compound ("called the reports disinformation"), or inside the object's clause,
    where it ends it ("called the claims that police shot protesters baseless"). Else (obj,
    None). Reports only in the first two: "called the driver a cab" names nothing."""
    objects = [c for c in children if c.dep_ == "dobj"]
    if len(objects) == 2 and objects[0].lemma_.lower() in reports:
        return objects[0], objects[1]
    compound = next((c for c in obj.children if c.dep_ == "compound" and c.i < obj.i), None)
    if compound is not None and compound.tag_ == "NNS" and compound.lemma_.lower() in reports:
        return compound, obj
    clause = next((c for c in obj.children if c.dep_ in ("acl", "relcl", "ccomp")), None)
    last = next((t for t in reversed(list(obj.subtree)) if not t.is_punct), None)
    if (
        clause is not None
        and last is not None
        and last.tag_ == "JJ"
        and last.dep_ in ("advmod", "advcl", "oprd", "xcomp")
        and last.head.i != obj.i
    ):
        return obj, last
    return obj, None


def _verb_content(
    verb: Token,
    entry: Cue,
    particle: Token | None,
    head_is_cue: bool,
    reports: frozenset[str] = frozenset(),
) -> tuple[list[Chars], Token | None]:
    """The content a reporting verb governs, and the head of that content. ``reports``: the
    nouns of reports and claims, which a naming verb's object may be ("called the reports
    lies")."""
    children = list(verb.children)
    if particle is not None and particle.dep_ == "prep":
        # "talked about the economy", "pointed to the polls": the object is the content.
        target = child_with(particle, ("pobj", "pcomp"))
        return ([subtree_chars(target)], target) if target is not None else ([], None)
    clauses = [c for c in children if c.dep_ == "ccomp"]
    if clauses:
        first = clauses[0]
        following = clauses[1] if len(clauses) > 1 else None
        if (
            following is not None
            and first.lemma_ == "be"
            and first.right_edge.i == first.i
            and following.left_edge.i == first.i + 1
        ):
            # "said he was aware rebels had the weapon": the parser leaves a copula bare and
            # hangs its adjective's that-less clause on the reporting verb; the content is
            # both, and its proposition the second
            return [(first.left_edge.idx, end_of(following.right_edge))], following
        return [subtree_chars(first)], first
    if entry.takes in ("clause", "both"):
        # "did not say when they would vote", "said after the meeting he would resign": the
        # parser hangs an embedded question or a that-less clause as advcl.
        for child in children:
            if child.dep_ == "advcl" and child.i > verb.i and _complement_clause(child):
                return [subtree_chars(child)], child
        # "said in a statement that ...": the parser hangs the clause on the medium named
        # between the verb and its clause.
        medium = prep_object(verb, ("in",))
        if medium is not None and medium.lemma_.lower() in reports:
            clause = that_clause(medium)
            if clause is not None:
                return [subtree_chars(clause)], clause
    if entry.takes == "reason":
        # "blasted the media for being dishonest", "attacked her as unfit": criticism by a verb
        # that is as often physical ("attacked the convoy") counts only with the Reason or the
        # label that FrameNet's Judgment_communication gives it.
        obj = child_with(verb, ("dobj",))
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
        return [(obj.left_edge.idx, end_of(max(obj.right_edge, reason.right_edge)))], obj
    if entry.takes == "naming":
        # "called the charges fabricated": the object and what it is called; in "called Trump
        # a liar" the parser may hang the object under its name ("liar" -> nmod "Trump").
        obj = child_with(verb, ("dobj",))
        complement = next(
            (c for c in children if c.dep_ in ("oprd", "xcomp", "acomp", "attr")), None
        )
        if complement is None and obj is not None:
            obj, complement = _misparsed_name(children, obj, reports)
        # "a group called Lashkar": a participle without object or auxiliary gives a name.
        participle = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children)
        if complement is None or (obj is None and participle):
            return [], None
        first = obj if obj is not None and obj.i < complement.i else complement
        return [(first.left_edge.idx, end_of(complement.right_edge))], complement
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
            return [(obj.left_edge.idx, end_of(end))], root
        shifted = _shifted_object(verb, children)
        if shifted is not None:
            first, obj = shifted
            return [(first.idx, end_of(obj.right_edge))], obj
        passive = child_with(verb, ("nsubjpass",))
        if passive is not None and child_with(verb, ("xcomp",)) is None:
            # "The attack was claimed by Isis": the passive subject is the content.
            return [subtree_chars(passive)], passive
        if entry.takes == "np":
            about = prep_object(verb, ("about", "of", "on", "for"))
            if about is not None:
                return [subtree_chars(about)], about
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    passive = next((c for c in children if c.dep_ in PASSIVE_SUBJECT), None)
    # "vowed to retaliate", "is believed to have fled"; not "continued to fight".
    if xcomp is not None and (entry.takes in ("to", "both") or passive is not None):
        start = (
            passive.left_edge if passive is not None and passive.i < xcomp.i else xcomp.left_edge
        )
        return [(start.idx, end_of(xcomp.right_edge))], xcomp
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
        # "... is under pressure, said the company's chief": the parser joins a verb with its
        # subject after it to the clause before; only a report inverts so.
        or (
            verb.dep_ == "conj"
            and verb.nbor(-1).is_punct
            and any(c.dep_ in SUBJECT and c.i > verb.i for c in children)
        )
    )
    if inverted and entry.kind in _INVERTED_KINDS:
        # "..., the ministry said." and "The museum, Mr. Obama said, would ...".
        head = verb.head
        skip = set(range(verb.left_edge.i, verb.right_edge.i + 1))
        tokens = [t for t in head.subtree if t.i not in skip]
        return runs(tokens), head
    # "said so", "said as much": a pro-form stands for what was said before (PARC 3.0 marks it
    # as the content).
    proform = next(
        (c for c in children if c.dep_ in ("advmod", "dobj") and c.lower_ in _PRO_FORMS), None
    )
    if proform is not None and entry.kind == "speech":
        first = next((c for c in proform.children if c.lower_ == "as" and c.i < proform.i), proform)
        return [(first.idx, end_of(proform))], proform
    return [], None


def _governed(word: Token, entry: Cue, particle: Token | None) -> tuple[list[Chars], Token | None]:
    """What a cue word governs after it, as one piece (its object, complement or prepositional
    phrase), and the head of that piece; the object of its preposition when it takes one."""
    skip = _NOT_GOVERNED | _HEARERS if entry.takes == "to" else _NOT_GOVERNED
    if particle is not None and particle.dep_ == "prep":
        target = child_with(particle, ("pobj", "pcomp"))
        return ([subtree_chars(target)], target) if target is not None else ([], None)
    after = [c for c in word.children if c.i > word.i and c.dep_ not in skip and c is not particle]
    if not after:
        return [], None
    return [(after[0].left_edge.idx, end_of(after[-1].right_edge))], after[0]


def _cue_words(doc: Doc, words: frozenset[str]) -> list[int]:
    """The indices of the tokens :meth:`CueWords._cue` may take: verbs, and adjectives
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


def _judgment_reason(prep: Token) -> bool:
    """Whether a preposition gives the reason for a judgment ("for being dishonest", "for her
    vote") or its label ("as a disgrace"), not a time ("for the second time", "for hours")."""
    if prep.lower_ == "as":
        return True
    target = child_with(prep, ("pobj", "pcomp"))
    return (
        prep.lower_ == "for"
        and target is not None
        and target.ent_type_ not in _TIME_ENTITIES
        and target.lemma_.lower() not in ("time", "while")
    )


def _shifted_object(verb: Token, children: list[Token]) -> tuple[Token, Token] | None:
    """The first word and the head of an object shifted after its "as" complement ("dismissed as
    “disinformation” allegations that ..."): the parser reads the label as a modifier of the
    object under "as". A label shifts quoted right after "as", or bare before an object that
    states a clause ("rejected as baseless claims that ..."); "described as routine the
    flights" stays unread, its object could be the label's."""
    as_ = next((c for c in children if c.dep_ == "prep" and c.i == verb.i + 1), None)
    if as_ is None or as_.lower_ != "as" or any(c.dep_ == "dobj" for c in children):
        return None
    obj = next((c for c in as_.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    words = verb.doc[as_.i + 1 : obj.i]
    closing = [t.i for t in words if t.is_quote][1:2]
    if len(words) >= 3 and words[0].is_quote and closing:
        return verb.doc[closing[0] + 1], obj
    if words and all(t.pos_ in ("ADJ", "ADV") for t in words) and that_clause(obj) is not None:
        # "rejected as baseless claims that ...": the object states its content
        return obj, obj
    return None


def _complement_clause(clause: Token) -> bool:
    """Whether an adverbial clause reads as a reported one: an embedded question, or a clause
    with its own subject and no subordinating conjunction ("because", "if")."""
    if clause.left_edge.lower_ in WH_WORDS:
        return True
    children = list(clause.children)
    return any(c.dep_ in SUBJECT for c in children) and not any(c.dep_ == "mark" for c in children)


def _topic(verb: Token, prepositions: frozenset[str]) -> tuple[list[Chars], Token | None]:
    """What a speech verb without a clause or quote is about: "spoke out about the death",
    "responded with attacks on X", "responded by citing ..."."""
    for child in verb.children:
        if child.dep_ != "prep" or child.i < verb.i:
            continue
        wanted = ("pcomp",) if child.lower_ == "by" else ("pobj", "pcomp")
        if child.lower_ in prepositions:
            target = child_with(child, wanted)
            if target is not None and target.ent_type_ not in ("DATE", "TIME"):
                return [subtree_chars(target)], target
    return [], None


def _verb_source(verb: Token, lexicon: CueLexicon) -> tuple[SpacySpan | None, list[SpacySpan]]:
    """The source of a reporting verb and any relays named with it ("told Reuters", "TASS
    quoted the ministry as saying")."""
    relays: list[SpacySpan] = []
    quoting = _quoting_verb(verb, lexicon)
    if quoting is not None:
        passive = any(c.dep_ in PASSIVE_SUBJECT for c in quoting.children)
        quoted = next(
            (c for c in quoting.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None
        )
        relay = agent_of(quoting) if passive else subject_of(quoting)
        if relay is not None:
            relays.append(noun_phrase(relay))
        return (noun_phrase(quoted) if quoted is not None else None), relays
    if verb.lemma_.lower() in ("tell", "inform", "assure"):
        hearer = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if hearer is not None and (hearer.ent_type_ == "ORG" or hearer.pos_ == "PROPN"):
            relays.append(noun_phrase(hearer))
    passive = any(c.dep_ in PASSIVE_SUBJECT + ("auxpass",) for c in verb.children)
    if passive:
        agent = agent_of(verb)
        return (noun_phrase(agent) if agent is not None else None), relays
    subject = subject_of(verb)
    if (
        verb.head.dep_ == "ccomp"
        and _trailing_report(verb.head, lexicon) == verb
        and not any(c.dep_ in SUBJECT for c in verb.children)
    ):
        # "said the offensive was over and denied ...": the speaker goes on.
        subject = subject_of(verb.head.head)
    if subject is None:
        return None, relays
    if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
        subject = verb.head
    if subject.lower_ in ("it", "there") and any(c.dep_ == "expl" for c in verb.children):
        return None, relays
    return noun_phrase(subject), relays


def _trailing_report(clause: Token, lexicon: CueLexicon) -> Token | None:
    """The report a reported clause ends with that is not part of what was said: a speech verb
    joined to it without a subject, by which the speaker goes on ("said the offensive was over
    and denied ..."), or a contrasting report with a subject of its own ("said the water had
    receded, while others said ..."). The parser hangs either on the reported clause. A
    participle after a comma ("..., claiming ...") is left inside: the claims of a story read
    it there."""
    last = next(
        (c for c in reversed(list(clause.children)) if c.i > clause.i and not c.is_punct), None
    )
    if (
        last is None
        or last.dep_ not in ("advcl", "conj")
        or ("VERB", last.lemma_.lower()) not in lexicon.cues
    ):
        return None
    deps = {c.dep_ for c in last.children}
    own_subject = bool(deps & set(SUBJECT))
    if last.dep_ == "conj":
        # Only a speech verb: one of finding or believing shares the clause's subject ("said
        # the inspectors visited the site and found no trace"), as a passive does ("had
        # approached and been warned").
        speech = any(
            e.kind == "speech" for e in lexicon.cues[("VERB", last.lemma_.lower())].values()
        )
        return last if speech and not own_subject and "auxpass" not in deps else None
    mark = next((c.lower_ for c in last.children if c.dep_ == "mark"), None)
    return last if own_subject and mark in _CONTRAST else None


def _before(token: Token) -> Token:
    """The last word before ``token`` that is no punctuation nor conjunction."""
    previous = token.nbor(-1)
    while (previous.is_punct or previous.dep_ == "cc") and previous.i > 0:
        previous = previous.nbor(-1)
    return previous


def _quoting_verb(verb: Token, lexicon: CueLexicon) -> Token | None:
    # "TASS quoted the ministry as saying ...": saying <- as <- quoted.
    if verb.dep_ not in ("pcomp", "advcl", "xcomp"):
        return None
    head = verb.head
    if head.lower_ == "as" and head.dep_ == "prep":
        head = head.head
    return head if head.lemma_.lower() in lexicon.quoting else None
