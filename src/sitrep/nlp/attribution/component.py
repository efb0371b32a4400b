"""The ``sitrep_attribution`` component: runs the rule families in order, resolves the
candidates' sources in text order, keeps one frame per cue, builds chains and makes the
report's records of them."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.model import Via
from sitrep.nlp.attribution.according import According
from sitrep.nlp.attribution.artefacts import Artefacts
from sitrep.nlp.attribution.candidates import Candidate, Context, Family
from sitrep.nlp.attribution.chains import chain
from sitrep.nlp.attribution.citing import Citing
from sitrep.nlp.attribution.confidence import Calibration, load_calibration
from sitrep.nlp.attribution.cues import CueWords
from sitrep.nlp.attribution.frames import AttributionFrame, keep_frames
from sitrep.nlp.attribution.headline import Headline
from sitrep.nlp.attribution.layout import Layout
from sitrep.nlp.attribution.learned import MODES, CueModel, load_cue_model
from sitrep.nlp.attribution.lexicon import CueLexicon, load_cues
from sitrep.nlp.attribution.questioning import Questioning, Received
from sitrep.nlp.attribution.records import attribution_records
from sitrep.nlp.attribution.resolver import SourceResolver, outlet_actor
from sitrep.nlp.attribution.speakers import SOURCELESS_KINDS, inside_name, source_kind
from sitrep.nlp.attribution.syntax import chars
from sitrep.nlp.attribution.text import Lines, find_quotes, inside
from sitrep.nlp.certainty import (
    CertaintyLexicon,
    VerificationStatement,
    article_hedges,
)
from sitrep.nlp.certainty import load_lexicon as load_certainty
from sitrep.nlp.doc import keep_records, register_extensions


class AttributionFinder:
    """Fills ``doc._.attribution_frames``, ``doc._.attributions`` and ``doc._.verifications``
    (see the package docstring)."""

    def __init__(
        self,
        nlp: Language,
        lexicon: CueLexicon,
        certainty: CertaintyLexicon,
        calibration: Calibration,
        cue_model: CueModel | None,
        cues: str,
    ) -> None:
        if cues not in MODES:
            raise ValueError(f"sitrep_attribution: cues must be one of {', '.join(MODES)}")
        self.lexicon = lexicon
        self.calibration = calibration
        # In this order: a family reads what those before it found (see candidates.py).
        self.cue_words = CueWords(lexicon, certainty, cue_model, cues)
        self.families: tuple[Family, ...] = (
            self.cue_words,
            According(nlp.vocab, lexicon),
            Citing(lexicon),
            Questioning(),
            Received(lexicon),
            Headline(lexicon),
            Layout(lexicon),
            Artefacts(lexicon),
        )

    def __call__(self, doc: Doc) -> Doc:
        lines = Lines(doc)
        quotes = find_quotes(lines.text)
        resolver = SourceResolver(doc, self.lexicon, lines, quotes)
        context = Context(doc, lines, quotes, resolver)
        candidates: list[Candidate] = []
        for family in self.families:
            found = family.propose(context, candidates)
            for candidate in found:
                candidate.family = family.name
            candidates.extend(found)
        # Inside a quotation the speaker's own "I think" or "they say" belong to the quoted
        # words; the quotation is one attribution (the PARC 3.0 convention).
        # A transcript's speaker label may open a quoted line ('"WALLACE: ...').
        candidates = [c for c in candidates if c.form == "label" or not inside(quotes, c.cue[0])]
        frames = chain(_frames(doc, candidates, resolver))
        keep_frames(doc, frames)
        checks = _verifications(doc, resolver)
        offset = doc._.offset or 0
        doc._.verifications = [check.to_dict(offset) for check in checks]
        keep_records(
            doc,
            "attributions",
            attribution_records(
                doc, frames, article_hedges(doc), checks, self.calibration, outlet_actor(doc)
            ),
        )
        return doc


def _frames(
    doc: Doc, candidates: list[Candidate], resolver: SourceResolver
) -> list[AttributionFrame]:
    """Resolves sources in text order (so a pronoun can refer to an earlier speaker), keeps one
    candidate per cue, drops failed checks by news outlets (verifications, read by claims) and
    sources that name no one (speakers.py)."""
    candidates = sorted(candidates, key=lambda c: (c.cue[0], c.form != "verb"))
    lines = resolver.lines
    mentions = resolver.mentions.mentions
    frames: list[AttributionFrame] = []
    for candidate in candidates:
        if frames and frames[-1].cue[0] == candidate.cue[0]:
            continue
        source = candidate.source
        if source is not None and lines.bounds(source.root.idx) != lines.bounds(candidate.cue[0]):
            # A source on another line than its cue is a parse run across a headline or caption.
            source = None
        if source is not None and inside_name(source, candidate.cue, doc[candidate.head], mentions):
            continue
        text, actor = resolver.resolve(source) if source is not None else ("", None)
        if candidate.check and resolver.is_media(text, actor):
            continue
        kind = None
        if source is not None:
            kind = source_kind(source, actor, resolver.kinds, resolver.lexicon)
            if kind is None:
                if candidate.kind not in SOURCELESS_KINDS or not candidate.content:
                    continue
                source, text, actor = None, "", None
        if source is not None:
            source = lines.span(source)
            resolver.note_speaker(source, text, actor)
        head = candidate.content_head
        anchor = doc[head].idx if head is not None else None
        content = sorted(
            {
                lines.clip(s, e, anchor if anchor is not None and s <= anchor < e else s)
                for s, e in candidate.content
            }
        )
        frames.append(
            AttributionFrame(
                cue=candidate.cue,
                content=tuple(content),
                source=chars(source) if source is not None else None,
                source_text=text,
                actor=actor,
                stance=candidate.stance,
                kind=candidate.kind,
                form=candidate.form,
                head=candidate.head,
                content_head=head,
                rule=f"{candidate.family}.{candidate.rule}",
                via=tuple(Via(*resolver.resolve(span)) for span in candidate.relays),
                relay=candidate.relay,
                source_lemma=candidate.source_lemma
                or (source.root.lemma_.lower() if source is not None else None),
                source_kind=kind,
            )
        )
    return frames


def _verifications(doc: Doc, resolver: SourceResolver) -> list[VerificationStatement]:
    """``sitrep_certainty``'s verification statements with their checkers resolved (after
    the frames, so that a pronoun finds the article's speakers); a check that only a news
    outlet's counts ("Reuters could not confirm") is dropped when another checks."""
    offset = doc._.offset or 0
    found = []
    for data in doc._.verification_cues or ():
        check = VerificationStatement.from_dict(data, offset)
        checker = doc[check.checker] if check.checker is not None else None
        by_text, by = resolver.resolve_token(checker)
        if check.media_only and not resolver.is_media(by_text, by):
            continue
        found.append(replace(check, by_text=by_text, by=by))
    return found


@Language.factory(
    "sitrep_attribution",
    default_config={"cues": "combined"},
    assigns=[
        "doc._.attribution_frames",
        "doc._.attributions",
        "doc._.verifications",
        # a person described, not named, becomes an actor once a source resolves to them
        "doc._.actors",
        "doc._.actor_mentions",
    ],
    requires=[
        "token.dep",
        "token.lemma",
        "doc._.actor_mentions",
        "doc._.actors",
        "doc.spans",
        "doc._.verification_cues",
    ],
)
def make_attribution(nlp: Language, name: str, cues: str) -> AttributionFinder:
    """``cues``: how cue words are found, by the lexicon, the learned model or both (see
    learned.MODES)."""
    register_extensions()
    return AttributionFinder(
        nlp, load_cues(), load_certainty(), load_calibration(), load_cue_model(), cues
    )
