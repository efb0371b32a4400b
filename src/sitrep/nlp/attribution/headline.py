"""5. A headline's report its parse missed. Headlines put the reporting verb in the simple
present between speaker and message, often in title case that the tagger reads as names
("Senator Slams Plan As Reckless", "Mayor Vows To Rebuild"), so a cue verb's form there splits
the line into source and content (one report per headline).

Rule: ``headline``.
"""

from __future__ import annotations

from sitrep.nlp.attribution.candidates import Candidate, Context
from sitrep.nlp.attribution.lexicon import CueLexicon, stems
from sitrep.nlp.attribution.syntax import before_det, end_of, runs
from sitrep.nlp.doc import opens_body

# A headline is short; a longer first line is the lede.
_HEADLINE_TOKENS = 20
_HEADLINE_QUOTES = frozenset({"‘", "'", "“", '"'})  # a quoted word is the speaker's, not a cue


class Headline:
    """Family 5: one report per headline, when no other family found one there."""

    name = "headline"

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon

    def propose(self, context: Context, found: list[Candidate]) -> list[Candidate]:
        doc, text = context.doc, context.text
        if not opens_body(doc):
            return []
        end = text.find("\n")
        line = doc.char_span(0, end, alignment_mode="contract") if end > 0 else None
        if line is None or len(line) > _HEADLINE_TOKENS or any(c.cue[0] < end for c in found):
            return []
        for token in line[1:]:
            # The simple present: the base form or the third person's "-s".
            forms = (token.lower_, *(stems(token.lower_) if token.lower_.endswith("s") else ()))
            entries = next(
                (hit for form in forms if (hit := self.lexicon.cues.get(("VERB", form)))),
                None,
            )
            if (
                not entries
                or token.nbor(-1).text in _HEADLINE_QUOTES
                or not (
                    token.pos_ == "VERB"
                    or (token.pos_ in ("NOUN", "PROPN") and (token.is_title or before_det(token)))
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
            content = runs(list(doc[last.i + 1 : line.end]))
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
                Candidate(
                    "headline",
                    (token.idx, end_of(last)),
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
