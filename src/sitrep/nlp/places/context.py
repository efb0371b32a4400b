"""The words around a name: a designator after it ("Idlib province"), an "of" phrase before
it ("the city of Homs") or a designator opening its formal name ("the State of Ohio") says what
kind of place it is, a compass adjective ("southern Russia") joins the mention, a locative
preposition cues it, and a plural designator after a list ("Clay and Henry counties") makes
each listed name one of its kind (rule "list")."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.geo.gazetteer import Gazetteer
from sitrep.nlp.places.cues import PlaceCues
from sitrep.nlp.places.mention import MAX_NAME_TOKENS, Mention, Words, party_before


class ContextCues:
    """Reads the cues around the mentions of a doc."""

    def __init__(self, gazetteer: Gazetteer, cues: PlaceCues) -> None:
        self.gazetteer = gazetteer
        self.cues = cues

    def describe(self, doc: Doc, text: str, mention: Mention) -> None:
        """Sets a mention's hint, cue, article and span from the designators, "of" phrases,
        compass words and locative prepositions around it."""
        cues = self.cues
        last = doc[mention.end - 1]
        if mention.end - mention.start > 1 and last.lower_ in cues.designators:
            # The designator is part of the name: "Lamar County", "Rapides Parish".
            mention.hint, mention.cue = cues.designators[last.lower_], True
        first = doc[mention.start]
        if (
            mention.end - mention.start > 2
            and first.lower_ in cues.designators
            and doc[mention.start + 1].lower_ == "of"
        ):
            # So it is in a formal name: "the State of Ohio", "the City of Athens".
            mention.hint, mention.cue = cues.designators[first.lower_], True
        after = doc[mention.end] if mention.end < len(doc) else None
        if after is not None and (
            after.text in cues.modified
            or (after.lower_ in cues.jurisdictions and doc[mention.start].tag_ != "DT")
        ):
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
        if party_before(doc, mention.start):
            mention.cue = True
        if before is not None and before.lower_ == "of" and mention.start >= 2:
            head = doc[mention.start - 2]
            if head.lower_ in cues.of_phrases:
                mention.hint = mention.hint or cues.of_phrases[head.lower_]
                mention.cue = True
            elif head.lower_ in cues.directions:
                mention.cue = True
            elif _resident(doc, mention.start - 2) and (
                mention.end == len(doc) or not doc[mention.end].is_title
            ):
                # Not "David Vitoria of Rock Racing": the team's name goes on.
                mention.resident = mention.cue = True
        # "at Patten's hotel": the preposition governs the possessed noun, not the name.
        possessive = after is not None and after.tag_ == "POS"
        if before is not None and before.lower_ in cues.locative and not possessive:
            mention.cue = True
        if mention.hint == "admin2" and not any(c.feature == "admin2" for c in mention.candidates):
            # "Laurel County" is filed under its full name.
            full = text[mention.span_start : mention.span_end]
            mention.candidates = self.gazetteer.lookup(full) or mention.candidates

    def lists(self, doc: Doc, words: Words, mentions: list[Mention]) -> None:
        """ "Barrow, Jackson and Madison counties": a plural designator after a list of names
        says what each is, and a county is filed under its full name ("Jackson County").
        Names known only with the designator join ``mentions``."""
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

    def _full_name(self, doc: Doc, words: Words, end: int, singular: str) -> Mention | None:
        """The capitalised name ending at ``end`` that the gazetteer knows only with its
        designator ("Henry" of "Clay and Henry counties" as "Henry County")."""
        start = end
        while start > 0 and end - start < MAX_NAME_TOKENS and words.capitalised[start - 1]:
            start -= 1
        if start == end:
            return None
        span = doc[start:end]
        candidates = self.gazetteer.lookup(f"{span.text} {singular.title()}")
        if not candidates:
            return None
        return Mention(
            start,
            end,
            span.start_char,
            span.end_char,
            span.text,
            candidates,
            ner=False,
            rule="list",
        )


def _resident(doc: Doc, i: int) -> bool:
    """Whether token ``i``, before "of" and a name, closes a person's name or age: news gives
    where people live as "Steven Sachs of Alexandria" and "Rebecca Sears, 41, of Grovetown"."""
    token = doc[i]
    if token.ent_type_ == "PERSON" and (i + 1 == len(doc) or doc[i + 1].ent_type_ != "PERSON"):
        return True
    return token.text in (",", ")") and i > 0 and doc[i - 1].like_num
