"""Claims: the propositions an article reports, who asserts, denies or questions each, through
whom, how hedged, who checked it, and its status within the article.

The ``sitrep_claims`` component runs last. It reads ``doc._.attributions`` and groups the
attributions that report one proposition into one claim, so that "Amaq said the militants
captured two Russians" and "the ministry denied that any personnel were taken hostage" become
one disputed claim. Two attributions report the same proposition when

1. their contents share a predicate class (resources/claim_predicates.yaml: "captured",
   "taken hostage" and "seized" are one class), or, with no class, the same head word;
2. neither makes it a different proposition: a speaker's report about themselves ("I was
   taken prisoner") stays with that speaker's other self-reports, and two explicit agents that
   are different actors ("militants killed ...", "troops killed ...") keep claims apart;
3. or the content only points back at an earlier claim ("Moscow rejected the claim", "analysts
   viewed the report with caution"): it joins the claim reported last before it.

A claim's status: ``disputed`` when it is both asserted and denied in the article, ``denied``
when only denied, ``unverified`` when asserted but questioned or stated unverified by a
checker, else ``asserted``. Hedges come from the claim's attributions and from any sentence
that states the claim's predicate unattributed ("what is believed to be two Russian
soldiers"). When ``doc._.events`` is filled, a claim links the event whose trigger lies in its
content, and that event records the claim.

It reads only plain data: the frames (``attribution_frames``) and their records
(``doc._.attributions``: a claim's attributions are the report's records, ids and all), the
hedges of ``sitrep_certainty`` (``doc.spans``) and the verification statements whose checkers
``sitrep_attribution`` resolved (``doc._.verifications``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.model import Attribution, Claim, Verification
from sitrep.nlp.actors import MentionIndex, actor_mentions
from sitrep.nlp.attribution import (
    AttributionFrame,
    CheckTarget,
    Lines,
    assign_checks,
    attribution_frames,
    hedges_frame,
)
from sitrep.nlp.attribution.syntax import that_clause
from sitrep.nlp.certainty import (
    CertaintyLexicon,
    Hedge,
    VerificationStatement,
    article_hedges,
    cue_negated,
    load_lexicon,
    verifications,
)
from sitrep.nlp.doc import keep_records, make_span, records, register_extensions
from sitrep.nlp.events.standing import carry

_CLAIM_KINDS = frozenset({"speech", "belief", "evidence"})
# What is shown for a claim: called false ("described the evidence as fake", "dismissed the
# photos as staged"), it points at the claim it was shown for, as a report would.
_SHOWN = frozenset({"evidence", "photo", "image", "picture", "document"})
_SELF = frozenset({"i", "we", "me", "us", "he", "she"})
# Contents that name no proposition of their own but point at one already reported.
_POINTERS = frozenset(
    {
        "claim",
        "report",
        "allegation",
        "assertion",
        "statement",
        "account",
        "story",
        "rumour",
        "rumor",
        "accusation",
        "video",
        "footage",
        "clip",
        "it",
        "this",
        "that",
        "reports",
        "claims",
    }
)
# How a falsity (or doubt) word attaches to the head of a content that judges a claim, and
# how many words are looked at: the head's complements and modifiers, not its clauses.
_JUDGEMENT_DEPS = frozenset({"attr", "acomp", "conj", "advmod", "amod", "npadvmod"})
_JUDGEMENT_REACH = 12
#: words of a content searched for an open question, and the arguments searched through
_QUESTION_REACH = 12
_ARGUMENT_DEPS = frozenset(
    {"ccomp", "csubj", "csubjpass", "xcomp", "acomp", "attr", "pcomp", "pobj", "prep"}
)
#: words that open an embedded question ("who might be responsible"), and the clauses in
#: which they open a relative clause instead ("the strike, which may have killed 40")
_WH_TAGS = frozenset({"WP", "WRB", "WDT"})
_RELATIVE_DEPS = frozenset({"relcl", "acl"})
#: how a noun's "that" clause hangs on it: "the claim that P" (acl), "no evidence that P" (ccomp)
_SPELLING_DEPS = frozenset({"acl", "ccomp"})
#: how a denied content hangs on its cue: "denied that P" (ccomp), "denied shelling" (xcomp)
_DENIED_CONTENT_DEPS = frozenset({"ccomp", "xcomp"})
#: words after a labelling verb searched for its label ("dismissed ... as fake news")
_LABEL_REACH = 25
#: words of a label before its head: "as pure fake news", "a baseless ..."
_LABEL_MODIFIERS = frozenset({"DET", "ADJ", "ADV"})
#: how an object after its label opens: "called “propaganda” the reports", not "fake reports"
_LABELLED_OPENERS = frozenset({"DET", "PRON", "PROPN"})
#: framing verbs looked through to the verb that states a content
_FRAME_DEPTH = 4
_DROP_FROM_TEXT = frozenset({"advcl", "relcl", "parataxis", "appos", "mark"})
_MAX_TEXT_WORDS = 30
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?’”])")
_WS = re.compile(r"\s+")
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


@dataclass(frozen=True)
class PredicateLexicon:
    verbs: dict[str, str]  # lemma -> class
    nouns: dict[str, str]
    phrases: dict[tuple[str, str], str]  # (head lemma, dependent lemma) -> class
    falsity: frozenset[str] = frozenset()  # lemmas that call a claim false
    truth: frozenset[str] = frozenset()  # lemmas that call a claim false when negated
    doubt: frozenset[str] = frozenset()  # lemmas that call a claim unconfirmed
    confirmed: frozenset[str] = frozenset()  # lemmas that call it unconfirmed when negated
    light: frozenset[str] = frozenset()  # verbs that pass a proposition to what they govern
    framing: frozenset[str] = frozenset()  # a speaker's framing of what they say
    evidence: frozenset[str] = frozenset()  # nouns whose absence questions a claim
    finding: frozenset[str] = frozenset()  # verbs by which a search reports what is absent
    open_question: frozenset[str] = frozenset()  # words that open a question with "if"
    disbelief: frozenset[str] = frozenset()  # "hard to believe": words that doubt a claim
    difficulty: frozenset[str] = frozenset()  # ... and the words that make them doubt
    labelling: frozenset[str] = frozenset()  # verbs that give their object a label
    naming: frozenset[str] = frozenset()  # ... with the label bare after it ("called X lies")
    blaming: frozenset[str] = frozenset()  # falsity labels that blame for an event it labels
    accusing: frozenset[str] = frozenset()  # verbs that accuse their object of a deed


@lru_cache(maxsize=1)
def load_predicates() -> PredicateLexicon:
    """The packaged predicate classes (read once per process)."""
    lexicon = yaml.safe_load(
        resources.files("sitrep.resources").joinpath("claim_predicates.yaml").read_text("utf-8")
    )
    data = lexicon["classes"]
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    phrases: dict[tuple[str, str], str] = {}
    for name, spec in data.items():
        verbs.update(dict.fromkeys(spec.get("verbs", ()), name))
        nouns.update(dict.fromkeys(spec.get("nouns", ()), name))
        for phrase in spec.get("phrases", ()):
            words = phrase.split()
            phrases[(words[0], words[-1])] = name
    return PredicateLexicon(
        verbs,
        nouns,
        phrases,
        falsity=frozenset(lexicon.get("falsity", ())),
        truth=frozenset(lexicon.get("truth", ())),
        doubt=frozenset(lexicon.get("doubt", ())),
        confirmed=frozenset(lexicon.get("confirmed", ())),
        evidence=frozenset(lexicon.get("evidence", ())),
        finding=frozenset(lexicon.get("finding", ())),
        light=frozenset(lexicon.get("light", ())),
        framing=frozenset(lexicon.get("framing", ())),
        open_question=frozenset(lexicon.get("open_question", ())),
        disbelief=frozenset(lexicon.get("disbelief", {}).get("verbs", ())),
        difficulty=frozenset(lexicon.get("disbelief", {}).get("difficulty", ())),
        labelling=frozenset(lexicon.get("labelling", ())),
        naming=frozenset(lexicon.get("naming", ())),
        blaming=frozenset(lexicon.get("blaming", ())),
        accusing=frozenset(lexicon.get("accusing", ())),
    )


@dataclass(frozen=True, slots=True)
class Proposition:
    """What one attribution reports, reduced to what grouping compares."""

    frame: AttributionFrame
    attribution: Attribution  # the frame's record in the report
    root: Token  # the head of the content
    predicate: str  # predicate class, or "lemma:<head word>"
    self_report: str | None  # the speaker, when the content is about the speaker
    agent: str | None  # actor id of the content's explicit agent
    pointer: bool  # the content only points back at an earlier claim
    accused: Token | None = None  # who the source accuses of the deed ``root`` heads


class ClaimBuilder:
    """The ``sitrep_claims`` component: fills ``doc._.claims`` (and links ``doc._.events``)."""

    def __init__(self, predicates: PredicateLexicon, certainty: CertaintyLexicon) -> None:
        self.predicates = predicates
        self.certainty = certainty  # what withholds a confirmation ("declined to confirm")

    def __call__(self, doc: Doc) -> Doc:
        lines = Lines(doc)
        # One record per frame, in the same order (see nlp/attribution/records.py).
        said = list(zip(attribution_frames(doc), records(doc, "attributions"), strict=True))
        pairs = [self.conditioned(doc, f, a, said) or (f, a) for f, a in said]
        # Each proposition's agent is looked up among the actor mentions: indexed once.
        actors = MentionIndex(actor_mentions(doc))
        propositions = [
            p
            for f, a in pairs
            if _claimable(f, a, self.labelled_false(doc, f) is not None)
            and not _rejected_report(doc, f, said)
            and (p := self._proposition(doc, lines.text, f, a, actors)) is not None
        ]
        groups = _group(propositions)
        hedged = _hedges_by_group(doc, lines, groups, article_hedges(doc), self)
        verified = assign_checks([_target(g) for g in groups], verifications(doc))
        claims = [
            _claim(doc, f"c{i}", group, hedged[i - 1], verified[i - 1])
            for i, group in enumerate(groups, start=1)
        ]
        keep_records(doc, "claims", _link_events(doc, claims, groups))
        return doc

    def _proposition(
        self,
        doc: Doc,
        text: str,
        frame: AttributionFrame,
        attribution: Attribution,
        actors: MentionIndex,
    ) -> Proposition | None:
        labelled = self.labelled_false(doc, frame) or self.so_called(doc, frame)
        if labelled is not None:
            # "dismissed the reports of looting as fake news", "shocked by the so-called gas
            # attack": a denial of what is labelled, whatever the stance of the verb, and that
            # is the content
            start, end = labelled.start_char, labelled.end_char
            frame = replace(frame, content=((start, end),), content_head=_nominal_head(labelled))
            attribution = replace(attribution, stance="denies", content=make_span(doc, start, end))
        if attribution.stance != "asserts":
            # who denies or questions a report ("denied a report by the paper that ...") states
            # a stance of its own on it, whatever it quotes: it relays nothing
            attribution = replace(attribution, relay=False)
        root = _content_root(doc, frame)
        if root is None:
            return None
        root = _stated(_unframed(root, self.predicates.framing))
        accused, deed = root, self.deed(doc[frame.head], root, frame.content)
        if deed is not None:
            # "accused the navy of blowing up the pipeline": the navy blew it up
            root = deed
        question = self.open_question(root)
        if question is not None:
            # "establishing whether the blast was deliberate is the focus": the source leaves
            # the embedded proposition open
            root = question
            attribution = replace(attribution, stance="questions")
        absent = self.found_absent(root, doc[frame.head])
        if absent is not None:
            # "inspectors found no sign of explosives": the finder reports them absent, which
            # denies that they were there; "no evidence that P" only doubts P (below). The
            # claim is the thing's presence, not the search.
            root = absent
            attribution = replace(attribution, stance="denies")
        elif (unproven := self.unevidenced(root) or self.unconfirmed(root)) is not None:
            # "found no evidence that the militia used gas", "we could not confirm that it
            # did": the source doubts that it did, and the claim is that it did
            root = _stated(unproven)
            attribution = replace(attribution, stance="questions")
        found = self.predicate_of(root, frame.content)
        predicate, word = found if found is not None else (None, root)
        quoted = any(text[s] in "“\"«'`" for s, _ in frame.content)
        pointer = predicate is None and (
            root.lemma_.lower() in _POINTERS
            or (labelled is not None and root.lemma_.lower() in _SHOWN)
        )
        # a deed is said of the accused, not of a claim: "accused them of lying" judges none
        judged = self.judgement(root, stated=predicate is not None) if deed is None else None
        if judged is not None:
            # "this is utterly false", "the report is unconfirmed": a denial (or doubt) of the
            # claim pointed at, whatever the verb that reported it; "reports that troops
            # shelled the town were fake" spells out the claim it denies
            attribution = replace(attribution, stance=judged)
            clause = _judged(root)
            if clause is not None:
                # the claim is what is judged, not the judgement: "it is not true that P"
                root = clause
                found = self.predicate_of(root, frame.content)
                predicate, word = found if found is not None else (None, root)
            pointer = predicate is None and clause is None
        elif self.false_to_say(doc[frame.head]):
            # "it is absurd to suggest that ...": the source calls saying it false
            attribution = replace(attribution, stance="denies")
        elif self.disbelieves(doc, frame):
            attribution = replace(attribution, stance="questions")
        elif attribution.stance == "asserts" and _negated(root):
            # "the Federation did not give them the system": a report of the proposition
            # negated denies the proposition
            attribution = replace(attribution, stance="denies")
        if (
            predicate is None
            and not pointer
            and root.pos_ not in ("VERB", "AUX")
            and not quoted
            and absent is None
        ):
            # A bare noun phrase ("announced the budget") names no proposition; one found
            # absent is said not to be there.
            return None
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        self_report = None
        if subject is not None and subject.lower_ in _SELF:
            self_report = frame.actor or frame.source_text.casefold()
        return Proposition(
            frame=frame,
            attribution=attribution,
            root=root,
            predicate=predicate or f"lemma:{_head_lemma(root)}",
            self_report=self_report,
            agent=(
                actors.actor_for(accused.left_edge.idx, accused.idx + len(accused))
                if deed is not None
                else _agent_actor(actors, word, frame)
            ),
            pointer=pointer,
            accused=accused if deed is not None else None,
        )

    def conditioned(
        self,
        doc: Doc,
        frame: AttributionFrame,
        attribution: Attribution,
        said: list[tuple[AttributionFrame, Attribution]],
    ) -> tuple[AttributionFrame, Attribution] | None:
        """A sourceless confirmation that conditions what a source says ("the ministry said
        that if a massacre is confirmed, it would demand an inquiry"), as that source's
        questioning of what is to be confirmed; None for any other frame. The source is the
        nearest frame whose cue governs the condition."""
        cue = doc[frame.head]
        if (
            frame.source_text
            or cue.lemma_.lower() not in self.predicates.confirmed
            or not any(c.dep_ == "mark" and c.lower_ == "if" for c in cue.children)
        ):
            return None
        speakers = {f.head: (f, a) for f, a in said if f.source_text}
        governor = cue
        for _ in range(_FRAME_DEPTH):
            governor = governor.head
            if governor.i in speakers:
                speaker, record = speakers[governor.i]
                return replace(
                    frame,
                    source=speaker.source,
                    source_text=speaker.source_text,
                    actor=speaker.actor,
                    source_lemma=speaker.source_lemma,
                    source_kind=speaker.source_kind,
                    stance="questions",
                ), replace(
                    attribution,
                    source=record.source,
                    source_text=record.source_text,
                    source_span=record.source_span,
                    source_kind=record.source_kind,
                    stance="questions",
                )
            if governor.head is governor:
                break
        return None

    def judgement(self, root: Token, stated: bool = False) -> str | None:
        """The stance of a content that judges a claim pointed at: "denies" when it calls it
        false (a falsity word as its head, its complement or its subject's modifier: "this
        invented story"; or a negated truth word: "this is not true"), "questions" when it
        calls it unconfirmed ("the report is unverified"); None for any other content, or one
        whose subject is not a pointer ("this", "it", "the report"). A label's subject is the
        object it labels: "called the explosion a provocation" judges no claim. ``stated``: the
        content states a proposition of its own, which is judged only by a pointer subject
        ("reports that troops shelled the town were fake", "it is absurd to suggest ...")."""
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and root.dep_ == "oprd":
            subject = next((c for c in root.head.children if c.dep_ == "dobj"), None)
        if (subject is None and stated) or (
            subject is not None and subject.lemma_.lower() not in _POINTERS
        ):
            return None
        negated = any(c.dep_ == "neg" for c in root.children)
        # "not false" affirms; "not true" calls false, "not confirmed" unconfirmed
        lexicon = self.predicates
        if _says(root, subject, lexicon.truth if negated else lexicon.falsity):
            return "denies"
        if _says(root, subject, lexicon.confirmed if negated else lexicon.doubt):
            return "questions"
        return None

    def labelled_false(self, doc: Doc, frame: AttributionFrame) -> Span | None:
        """What a labelling cue verb calls false, or None: the object before "as" and a
        falsity label ("dismissed the reports as fake news", "described the allegations as
        lies") or after them ("dismissed as “lies” the reports"), before a bare label ending the
        clause ("called the reports disinformation"), or after a label that comes first
        ("called “propaganda” the reports that ..."). A label that blames (``blaming``) denies
        only a report: "called the explosion a provocation" says who is behind it. Read from
        the words, not the parse: the small parser hangs such labels anywhere."""
        verb = doc[frame.head]
        lemma = verb.lemma_.lower()
        if lemma not in self.predicates.labelling:
            return None
        words: list[Token] = []
        for token in doc[verb.i + 1 : min(verb.sent.end, verb.i + 1 + _LABEL_REACH)]:
            if token.is_punct and not token.is_quote:
                break  # the label is in the verb's own clause
            words.append(token)
        at = next((i for i, t in enumerate(words) if self._false(t)), None)
        if at is None:
            return None
        first = at  # the label's first word, past its determiner, modifiers and quotes
        while first > 0 and (
            words[first - 1].pos_ in _LABEL_MODIFIERS or words[first - 1].is_quote
        ):
            first -= 1
        last = at  # its last word: "fake news", "a “provocation”"
        while last + 1 < len(words) and (
            words[last + 1].pos_ == "NOUN" or words[last + 1].is_quote
        ):
            last += 1
            if words[first].is_quote and words[last].is_quote:
                break  # a quoted label ends at its closing quote
        while last + 2 < len(words) and words[last + 1].pos_ == "CCONJ":
            # labels in a row are one: "as “fictitious” and “biased” a report that ..."
            after = last + 2
            if words[after].is_quote:
                close = next((j for j in range(after + 1, len(words)) if words[j].is_quote), None)
                if close is None:
                    break
                last = close
            elif words[after].pos_ == "ADJ":
                last = after
            else:
                break
        if first > 0 and words[first - 1].lower_ == "as":
            # the object before "as", or shifted after a quoted label ("dismissed as
            # “disinformation” allegations that ...")
            labelled = words[: first - 1] or words[last + 1 :]
        elif first == 0 and lemma in self.predicates.naming:
            labelled = words[last + 1 :]
        elif lemma in self.predicates.naming and last + 1 == len(words):
            labelled = words[:first]
        else:
            return None
        if not labelled or (first == 0 and labelled[0].pos_ not in _LABELLED_OPENERS):
            return None
        span = doc[labelled[0].i : labelled[-1].i + 1]
        if words[at].lemma_.lower() in self.predicates.blaming and (
            span.root.lemma_.lower() not in _POINTERS
        ):
            return None  # "called the explosion a provocation": blame, not a denial
        return span

    def so_called(self, doc: Doc, frame: AttributionFrame) -> Span | None:
        """An event the source calls "so-called" ("the so-called gas attack in Korvask"): the
        noun phrase of a predicate-class noun so marked, or None. A name so marked ("the
        so-called Islamic State") is no event and no denial."""
        for start, end in frame.content:
            span = doc.char_span(start, end, alignment_mode="expand")
            for token in span if span is not None else ():
                if token.pos_ != "NOUN" or self.predicate_class(token) is None:
                    continue
                before = doc[token.left_edge.i : token.i]
                if "so-called" in before.text.casefold().replace(" ", ""):
                    # what is so called, without the marker: "gas attack in Korvask"
                    called = max(t.i for t in before if t.lower_ in ("so-called", "called"))
                    return doc[called + 1 : token.right_edge.i + 1]
        return None

    def false_to_say(self, cue: Token) -> bool:
        """Whether a cue verb is what its source calls false to say: the complement of a
        falsity word ("it is absurd to suggest", "ridiculous to claim")."""
        if cue.dep_ != "xcomp":
            return False
        head = cue.head
        return any(
            self._false(w)
            for w in (head, *(c for c in head.children if c.dep_ in ("acomp", "attr")))
        )

    def _false(self, token: Token) -> bool:
        falsity = self.predicates.falsity
        return token.lemma_.lower() in falsity or token.lower_ in falsity

    def open_question(self, root: Token) -> Token | None:
        """The head of a question the content leaves open, or None: a clause opened by
        "whether", or by "if" under a word of finding out ("not clear if", "to establish if"),
        that is the content's head or one of its arguments (not a condition: "will strike
        back if attacked")."""
        queue = [root]
        seen = 0
        while seen < len(queue) and seen < _QUESTION_REACH:
            word = queue[seen]
            seen += 1
            if self._opens_question(word):
                return word
            queue.extend(
                c
                for c in word.children
                if c.dep_ in _ARGUMENT_DEPS or (c.dep_ == "advcl" and self._opens_question(c))
            )
        return None

    def _opens_question(self, clause: Token) -> bool:
        mark = next((c for c in clause.children if c.dep_ == "mark"), None)
        if mark is None or mark.lower_ not in ("whether", "if"):
            return False
        if mark.lower_ == "whether":
            return True
        # the parser hangs "not clear if ..." on "was" as often as on "clear"
        head = clause.head
        words = [head, *(c for c in head.children if c.dep_ in ("acomp", "attr"))]
        return any(w.lemma_.lower() in self.predicates.open_question for w in words)

    def disbelieves(self, doc: Doc, frame: AttributionFrame) -> bool:
        """Whether the content says the source can hardly believe what it reports ("I find it
        hard to believe", "difficult to accept"), or doubts it ("I doubt it")."""
        lexicon = self.predicates
        for start, end in frame.content:
            span = doc.char_span(start, end, alignment_mode="expand")
            for token in span if span is not None else ():
                lemma = token.lemma_.lower()
                if token.pos_ != "VERB" or any(c.dep_ == "neg" for c in token.children):
                    continue
                if lemma == "doubt" or (
                    lemma in lexicon.disbelief
                    and any(a.lemma_.lower() in lexicon.difficulty for a in _governors(token))
                ):
                    return True
        return False

    def unevidenced(self, root: Token) -> Token | None:
        """What a content headed by ``root`` reports no evidence of, or None: the clause the
        evidence noun spells out ("there was no evidence that troops fired": "fired"), else
        the content itself ("had not seen any proof"). The content may be that clause already,
        under the noun ("found no evidence that ...": the cue's content is what follows)."""
        noun = self.lacking(root)
        return None if noun is None else _spelled(noun) or root

    def found_absent(self, root: Token, cue: Token) -> Token | None:
        """What a content reports that a search found no evidence of, or None: the object of
        "of" after the evidence noun of a verb of finding ("found no evidence of explosives",
        "detected no sign of a nerve agent"), the verb the content's or the cue's own ("the
        team found no sign of ..."). Evidence that a clause spells out is a doubt of that
        clause, not a finding."""
        noun = self.lacking(root)
        if noun is None or _spelled(noun) is not None:
            return None
        finder = noun.head if noun.dep_ in ("attr", "dobj") else cue
        if finder.lemma_.lower() not in self.predicates.finding:
            return None
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None) if of else None

    def lacking(self, root: Token) -> Token | None:
        """The evidence noun a content headed by ``root`` says there is none of, or None: the
        content's head or its object or attribute ("no evidence", or a negated verb that has
        it: "did not find any proof"), or the noun a clause content spells out."""
        nouns = [root, *(c for c in root.children if c.dep_ in ("attr", "dobj"))]
        if root.dep_ in ("acl", "ccomp"):
            nouns.append(root.head)
        for noun in nouns:
            if noun.lemma_.lower() not in self.predicates.evidence:
                continue
            governor = noun.head if noun.dep_ in ("attr", "dobj") else noun
            if any(c.dep_ == "neg" for c in governor.children) or any(
                c.lower_ == "no" for c in noun.children if c.dep_ == "det"
            ):
                return noun
        return None

    def unconfirmed(self, root: Token) -> Token | None:
        """What a content says its source cannot or will not confirm, or None: the clause or
        object of a confirming verb negated or refused ("we were unable to confirm that the
        convoy was hit", "could not verify the figures", "declined to confirm it")."""
        queue = [root]
        seen = 0
        while seen < len(queue) and seen < _FRAME_DEPTH:
            word = queue[seen]
            seen += 1
            if (
                word.pos_ == "VERB"
                and word.lemma_.lower() in self.predicates.confirmed
                and cue_negated(self.certainty, word)
            ):
                return next((c for c in word.children if c.dep_ in ("ccomp", "dobj")), None)
            queue.extend(c for c in word.children if c.dep_ in ("acomp", "xcomp"))
        return None

    def deed(self, cue: Token, root: Token, pieces: tuple[tuple[int, int], ...]) -> Token | None:
        """What the object of an accusing cue is accused of, or None: the verb or noun after
        "of", "for" or "with" on the cue ("accused the navy of blowing up the pipeline",
        "blamed the rebels for the shelling", "charged the colonel with ordering the raid"),
        also where the parser hangs the preposition on the accused ("accuse the rebels of
        downing the jet": "rebels of")."""
        if (
            cue.lemma_.lower() not in self.predicates.accusing
            or root.head != cue
            or root.dep_ != "dobj"
        ):
            return None
        for prep in (*cue.children, *root.children):
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "with"):
                continue
            deed = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj")), None)
            if deed is not None and deed.pos_ in ("VERB", "NOUN") and _inside(deed, pieces):
                return deed
        return None

    def predicate_of(
        self, root: Token, pieces: tuple[tuple[int, int], ...]
    ) -> tuple[str, Token] | None:
        """The predicate class of the first word in ``pieces``, nearest ``root`` first, that
        has one, and that word."""
        queue = [root]
        seen = 0
        while seen < len(queue) and seen < 40:
            token = queue[seen]
            seen += 1
            found = self.predicate_class(token)
            if found is not None:
                return found, token
            if (
                token.i == root.i
                and token.pos_ == "VERB"
                and token.lemma_.lower() not in self.predicates.light
            ):
                # A verb of its own heads the proposition: "the jet was warned about violating
                # the airspace" is a warning, not an incursion.
                return None
            queue.extend(c for c in token.children if any(s <= c.idx < e for s, e in pieces))
        return None

    def predicate_class(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        for child in token.children:
            found = self.predicates.phrases.get((lemma, child.lemma_.lower()))
            if found is not None:
                return found
        if token.pos_ == "VERB":
            return self.predicates.verbs.get(lemma)
        if token.pos_ == "NOUN":
            return self.predicates.nouns.get(lemma)
        return None


def _says(root: Token, subject: Token | None, words: frozenset[str]) -> bool:
    """Whether one of ``words`` is the content's head, a complement or modifier of it ("completely
    and utterly false", "false and complete fiction"), or a modifier of its subject."""
    queue = [root, *(subject.children if subject is not None else ())]
    seen = 0
    while seen < len(queue) and seen < _JUDGEMENT_REACH:
        word = queue[seen]
        seen += 1
        if word.lemma_.lower() in words or word.lower_ in words:
            return True
        queue.extend(c for c in word.children if c.dep_ in _JUDGEMENT_DEPS)
    return False


def _governors(token: Token) -> list[Token]:
    """The words a verb complements, up to two: believe <- hard <- find."""
    out = []
    while token.dep_ in ("xcomp", "acomp", "ccomp", "oprd", "advcl") and len(out) < 2:
        token = token.head
        out.append(token)
    return out


def _negated(root: Token) -> bool:
    """Whether the verb that states a content is negated, on itself or on its auxiliary ("did
    not give", "was plainly not responsible")."""
    heads = [root, *(c for c in root.children if c.dep_ in ("aux", "auxpass"))]
    return any(c.dep_ == "neg" for h in heads for c in h.children)


def _unframed(root: Token, framing: frozenset[str]) -> Token:
    """The head of what a speaker says, past the verbs framing it ("I would like to stress
    that the Federation did not give ...": "give")."""
    for _ in range(_FRAME_DEPTH):
        if root.lemma_.lower() not in framing or any(c.dep_ == "neg" for c in root.children):
            break
        clause = next((c for c in root.children if c.dep_ in ("xcomp", "ccomp")), None)
        if clause is None:
            break
        root = clause
    return root


def _stated(root: Token) -> Token:
    """The clause a pointing noun spells out, or the noun: "denied the claims, specifically
    the assertion that a drone flew over the dam" denies that a drone flew over the dam."""
    for _ in range(_FRAME_DEPTH):
        if root.lemma_.lower() not in _POINTERS:
            break
        clause = _spelled(root) or next(
            # "a report that says P" spells out P through its own reporting verb
            (
                r
                for c in root.children
                if c.dep_ == "relcl"
                for r in c.children
                if r.dep_ == "ccomp"
            ),
            None,
        )
        if clause is not None:
            return clause
        named = next((c for c in root.children if c.dep_ == "appos"), None)
        if named is None:
            break
        root = named
    return root


def _judged(root: Token) -> Token | None:
    """The clause a judgement headed by ``root`` is about, or None: the one its pointing
    subject spells out ("the claims that P were groundless") or the extraposed one ("it is
    not true that P")."""
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in _POINTERS:
        return None
    return _spelled(subject) or _spelled(root)


def _spelled(noun: Token) -> Token | None:
    """The "that" clause a noun spells out ("the claim that P", "no evidence that P")."""
    return that_clause(noun, _SPELLING_DEPS)


def _inside(token: Token, pieces: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= token.idx < e for s, e in pieces)


def _claimable(frame: AttributionFrame, attribution: Attribution, labelled_false: bool) -> bool:
    """Whether a frame reports a claim: speech, belief or evidence with a source and a
    content, that does not only relay another's report. One that denies or questions what it
    holds ("rejected a report by the monitors that said ...", "questioned the army's account
    that ..."), or labels it false ("condemned as fictitious a report that says ..."), relays
    nothing."""
    return (
        (not frame.relay or labelled_false or attribution.stance != "asserts")
        and frame.kind in _CLAIM_KINDS
        and bool(frame.source_text)
        and bool(frame.content)
    )


def _rejected_report(
    doc: Doc, frame: AttributionFrame, said: list[tuple[AttributionFrame, Attribution]]
) -> bool:
    """Whether a frame is the report its own source denies or questions around it ("the
    ministry denies report that ...": the report is not the ministry's): a source does not
    assert what it rejects in the same breath."""
    if frame.within is None or doc[frame.head].lemma_.lower() not in _POINTERS:
        return False
    outer, record = said[frame.within]
    same = (frame.actor is not None and frame.actor == outer.actor) or (
        frame.source_text.casefold() == outer.source_text.casefold()
    )
    return same and record.stance != "asserts"


def _nominal_head(span: Span) -> int:
    """The head of a labelled noun phrase; where the parser hangs the phrase on its label
    ("called the reports disinformation": "the" and "reports" under "disinformation") so that
    its determiner stands for it, its last noun."""
    root = span.root
    if root.pos_ != "DET":
        return root.i
    return next((t.i for t in reversed(span) if t.pos_ in _NOMINAL), root.i)


def _content_root(doc: Doc, frame: AttributionFrame) -> Token | None:
    if frame.content_head is not None:
        return doc[frame.content_head]
    start, end = frame.content[0]
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    first = next(iter(span.sents))
    if first.root.i in range(span.start, span.end):
        return first.root
    inside = [t for t in first if span.start <= t.i < span.end and not t.is_punct]
    # A quote the parser hangs on its speech verb: its own head is the word that hangs outside
    # it, a verb first, not the first word ("In all honesty, X was not to blame": "was").
    outer = [t for t in inside if not span.start <= t.head.i < span.end]
    return next((t for t in outer if t.pos_ in ("VERB", "AUX")), outer[0] if outer else None)


def _head_lemma(root: Token) -> str:
    if root.lemma_.lower() == "be":
        complement = next((c for c in root.children if c.dep_ in ("attr", "acomp")), None)
        if complement is not None:
            return f"be {complement.lemma_.lower()}"
    return root.lemma_.lower()


def _agent_actor(actors: MentionIndex, word: Token, frame: AttributionFrame) -> str | None:
    """Who does what ``word`` predicates: a verb's subject or passive agent, a noun's
    possessor ("Ukraine's involvement"); a bare noun the source owns or disowns ("claimed
    responsibility", "denied involvement") is the source's own."""
    if word.pos_ == "NOUN":
        agent = next((c for c in word.children if c.dep_ == "poss"), None)
        if agent is None:
            return frame.actor if word.i == frame.content_head else None
    elif any(c.dep_ == "nsubjpass" for c in word.children):
        by = next((c for c in word.children if c.dep_ == "agent"), None)
        agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    else:
        agent = next((c for c in word.children if c.dep_ == "nsubj"), None)
    if agent is None or agent.pos_ == "PRON":
        return None
    return actors.actor_for(agent.left_edge.idx, agent.right_edge.idx + len(agent.right_edge))


def _group(propositions: list[Proposition]) -> list[list[Proposition]]:
    """Groups propositions in text order (see the module docstring)."""
    groups: list[list[Proposition]] = []
    for prop in propositions:
        target = None
        if prop.pointer:
            target = max(
                (g for g in groups if g[0].frame.cue[0] < prop.frame.cue[0]),
                key=lambda g: g[-1].frame.cue[0],
                default=None,
            )
        else:
            target = next((g for g in groups if _same(g, prop)), None)
        if target is None:
            groups.append([prop])
        else:
            target.append(prop)
    return groups


def _same(group: list[Proposition], prop: Proposition) -> bool:
    if any(_counters(prop, m) or _counters(m, prop) for m in group):
        return False
    for member in group:
        if member.pointer:
            continue
        if member.predicate != prop.predicate or member.self_report != prop.self_report:
            return False
        if member.agent and prop.agent and member.agent != prop.agent:
            return False
    return any(not m.pointer for m in group)


def _counters(prop: Proposition, denial: Proposition) -> bool:
    """Whether ``prop`` is what the source of ``denial`` says instead of what it denies ("the
    militia rejected the accusation, saying army artillery hit the market"): an assertion whose
    cue is an adverbial clause of the denying cue, or of the denied content the parser hangs it
    on ("denied that its fighters shelled the market, saying ..."). A source does not assert
    what it denies in the same breath, so the two are different propositions, whatever their
    predicate class."""
    if prop.attribution.stance != "asserts" or denial.attribution.stance != "denies":
        return False
    doc = prop.root.doc
    cue, denying = doc[prop.frame.head], doc[denial.frame.head]
    if cue.dep_ != "advcl":
        return False
    governor = cue.head
    return governor == denying or (
        governor.head == denying and governor.dep_ in _DENIED_CONTENT_DEPS
    )


def _hedges_by_group(
    doc: Doc,
    lines: Lines,
    groups: list[list[Proposition]],
    hedges: list[Hedge],
    builder: ClaimBuilder,
) -> list[list[Hedge]]:
    """Hedges inside a claim's attributions, and unattributed hedges in a sentence (or the
    headline) that states the claim's predicate."""
    by_group: list[list[Hedge]] = [[] for _ in groups]
    extents = [(i, p.frame) for i, g in enumerate(groups) for p in g]
    for hedge in hedges:
        if hedge.scope == "sentence" or _in_open_question(doc, hedge):
            continue
        owner = next(
            (i for i, frame in extents if hedges_frame(hedge, frame)),
            None,
        )
        if owner is None and hedge.scope == "anywhere":
            owner = _group_stated_near(doc, lines, hedge, groups, builder)
        if owner is not None:
            by_group[owner].append(hedge)
    return by_group


def _in_open_question(doc: Doc, hedge: Hedge) -> bool:
    """Whether a hedge qualifies an embedded question rather than what is asserted: "(they)
    have not said who might be responsible", "it is unclear whether more could follow" ask
    about the modal clause; the claim beside it stays firm. A relative clause ("the strike,
    which may have killed 40") states part of the claim, so its hedge counts."""
    if hedge.scope != "content":
        return False
    span = doc.char_span(hedge.start, hedge.end, alignment_mode="expand")
    if span is None:
        return False
    clause = span.root.head
    return clause.dep_ not in _RELATIVE_DEPS and any(
        child.tag_ in _WH_TAGS or child.lower_ == "whether" for child in clause.children
    )


def _group_stated_near(
    doc: Doc, lines: Lines, hedge: Hedge, groups: list[list[Proposition]], builder: ClaimBuilder
) -> int | None:
    span = doc.char_span(hedge.start, hedge.end, alignment_mode="expand")
    if span is None:
        return None
    line_start, line_end = lines.bounds(hedge.start)
    sentence = span.sent
    start, end = max(sentence.start_char, line_start), min(sentence.end_char, line_end)
    classes = {builder.predicate_class(t) for t in sentence if start <= t.idx < end} - {None}
    return next(
        (i for i, group in enumerate(groups) if any(p.predicate in classes for p in group)),
        None,
    )


def _target(group: list[Proposition]) -> CheckTarget:
    """What a check may be about in a claim: its attributions' sources and the words of its
    propositions."""
    cues = [p.frame.cue[0] for p in group]
    return CheckTarget(
        min(cues),
        max(cues),
        frozenset(p.frame.source_lemma for p in group),
        frozenset(t.lemma_.lower() for p in group for t in p.root.subtree),
    )


def _claim(
    doc: Doc,
    claim_id: str,
    group: list[Proposition],
    hedges: list[Hedge],
    checks: list[VerificationStatement],
) -> Claim:
    attributions = tuple(p.attribution for p in group)
    stances = {a.stance for a in attributions}
    verification = tuple(
        Verification(c.by_text, c.status, make_span(doc, c.start, c.end), c.by) for c in checks
    )
    statuses = {v.status for v in verification}
    if "asserts" in stances and "denies" in stances:
        status = "disputed"
    elif "denies" in stances and "asserts" not in stances:
        status = "denied"
    elif "questions" in stances or (
        "verified" not in statuses and statuses & {"unverified", "disputed"}
    ):
        status = "unverified"
    else:
        status = "asserted"
    representative = next(
        (p for p in group if p.attribution.stance == "asserts" and not p.pointer), group[0]
    )
    unique_hedges = sorted({(h.start, h.end) for h in hedges})
    return Claim(
        id=claim_id,
        text=_proposition_text(doc, representative),
        attributions=attributions,
        hedges=tuple(make_span(doc, s, e) for s, e in unique_hedges),
        verification=verification,
        status=status,
    )


def _core(prop: Proposition) -> list[Token]:
    """The words that state the proposition: the content's head clause (after the one accused
    of it) without subordinate, relative and appositive clauses, quotation marks or a leading
    "that"."""
    root = prop.root
    # the accused is the deed's subject: "the navy" + "blowing up the pipeline"
    said = {*root.subtree}
    if prop.accused is not None:
        # "the rebels for the shelling": a noun deed keeps its preposition; a verb deed drops
        # it, also where the parser hangs it on the accused ("the rebels of blowing up")
        said.update(prop.accused.subtree, [root.head] if root.dep_ == "pobj" else ())
        if root.dep_ == "pcomp":
            said.discard(root.head)
    said = sorted(said, key=lambda t: t.i)
    that = _misread_complement(said, root)
    drop: set[int] = set()
    for token in said:
        if token.i not in (root.i, getattr(prop.accused, "i", None)) and (
            token.dep_ in _DROP_FROM_TEXT
            # the clause the parser hung on a misread "that" is the proposition's subject
            and (that is None or that.head != token)
        ):
            drop.update(t.i for t in token.subtree)
    if that is not None:
        drop.update(t.i for t in said if t.i <= that.i)
    pieces = prop.frame.content
    words = [t for t in said if t.i not in drop and not t.is_quote and _inside(t, pieces)]
    return words or [root]


def _misread_complement(said: list[Token], root: Token) -> Token | None:
    """The "that" of "claims that P" when the parser reads the pointing noun as the subject of
    P's verb and "that" as a relative pronoun ("rubbished claims that hired gunmen had crossed
    the border": "claims ... had crossed"), or None. What follows it is the proposition."""
    for before, token in zip(said, said[1:], strict=False):
        if (
            token.lower_ == "that"
            and token.i == before.i + 1 < root.i
            and before.lemma_.lower() in _POINTERS
        ):
            return token
    return None


def _proposition_text(doc: Doc, prop: Proposition) -> str:
    """The proposition in a few words, from its core (see :func:`_core`)."""
    words = _core(prop)[:_MAX_TEXT_WORDS]
    text = "".join(
        # a word left out (a quotation mark) may have held the space: "of “lies” and" -> "of lies and"
        t.text + (" " if t.whitespace_ or (n is not None and _spaced(doc, t, n)) else "")
        for t, n in zip(words, [*words[1:], None], strict=True)
    )
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", _WS.sub(" ", text)).strip(" ,;:-")
    return text[:1].upper() + text[1:]


def _spaced(doc: Doc, word: Token, following: Token) -> bool:
    return any(t.whitespace_ for t in doc[word.i : following.i])


def _link_events(doc: Doc, claims: list[Claim], groups: list[list[Proposition]]) -> list[Claim]:
    """Links each claim to the event one of whose mentions is a word of the claim's core (its
    representative proposition's first), and gives every event the attribution and claim that
    carry it (see :func:`sitrep.nlp.events.standing.carry`)."""
    events = records(doc, "events")
    if not events:
        return claims
    offset = doc._.offset or 0
    linked: set[str] = set()
    out = []
    for claim, group in zip(claims, groups, strict=True):
        ordered = sorted(group, key=lambda p: p.attribution.stance != "asserts")
        event = None
        for prop in ordered:
            starts = {t.idx + offset for t in _core(prop)}
            event = next(
                (
                    e
                    for e in events
                    if e.id not in linked
                    and any(m.start in starts for m in e.mentions or (e.trigger,))
                ),
                None,
            )
            if event is not None:
                break
        if event is not None:
            linked.add(event.id)
            claim = replace(claim, event=event.id)
        out.append(claim)
    keep_records(doc, "events", carry(events, records(doc, "attributions"), out))
    return out


@Language.factory(
    "sitrep_claims",
    assigns=["doc._.claims", "doc._.events"],
    requires=[
        "doc._.attribution_frames",
        "doc._.attributions",
        "doc._.verifications",
        "doc.spans",
        "doc._.actor_mentions",
        "doc._.events",
    ],
)
def make_claims(nlp: Language, name: str) -> ClaimBuilder:
    register_extensions()
    return ClaimBuilder(load_predicates(), load_lexicon())
