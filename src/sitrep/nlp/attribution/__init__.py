"""Attribution: who is reported as saying, thinking or showing what, and through whom.

The ``sitrep_attribution`` component finds source, cue and content spans for reported speech
in its news forms. Each rule family is a module that proposes candidates naming their rule;
the component (component.py) runs them in this order, numbered as in the modules:

1. cue words (cues.py): verbs ("X said (that) ...", "..., X said", "X told Y ...", "X denied
   ...", "X is quoted as saying", "it was reported by X"), adjectives ("X is sure that ...")
   and nouns ("X's claim that ...", "X made a comment about ..."); a direct quote next to a
   verb is its content, across sentences and paragraphs; "X seems to ..." is the author's
   impression, with no source;
2. prepositional cues (according.py): "according to X", "in the words of X", and the adverb
   "reportedly" (a report by no one named);
3. relayed reports (citing.py): "..., citing X", where the clause's subject only passes X's
   report on (citing a reason, "citing a threat to health", is the subject's own statement);
4. questioning idioms found by ``sitrep_certainty`` ("analysts viewed the claim with
   caution"), and responses received ("X faced criticism from Y": Y's attitude toward X)
   (questioning.py);
5. a headline's report its parse missed ("Senator Slams Plan As Reckless", headline.py);
6. layout (layout.py): a quote signed with a dash, a name and a colon opening a line
   ("Pence: ..."), a colon that opens a quotation;
7. artefacts (artefacts.py): "In a video released by X, ..." (the video speaks for whoever
   released it).

Nested attributions become chains, nearest first (chains.py): in "the ministry denied ...,
according to Interfax" the ministry is the source and Interfax a relay (``via``). Sources
resolve to actors (resolver.py), also through pronouns ("he" -> the last person named),
descriptions ("a spokesman for the group" -> the group) and artefacts ("the video" -> who
released it); a person described, not named, becomes an actor of the article.

A source that names no one ("that", "evidence", "Islamic" before the cue "State") is dropped,
and with it any report but speech (speakers.py).

Output: ``doc._.attribution_frames`` (frames in text order, in their JSON form; read them with
:func:`attribution_frames`), ``doc._.attributions`` (the report's records of the same frames,
in the same order: ids "a1", "a2", ..., hedges, verification, chain, and a confidence from
the rule's calibrated precision, records.py and confidence.py), and ``doc._.verifications``:
``sitrep_certainty``'s verification statements whose checker (resolved here, among the
article's speakers) counts.
"""

from sitrep.nlp.attribution.component import AttributionFinder, make_attribution
from sitrep.nlp.attribution.confidence import Calibration, load_calibration
from sitrep.nlp.attribution.frames import AttributionFrame, attribution_frames
from sitrep.nlp.attribution.lexicon import CueLexicon, load_cues
from sitrep.nlp.attribution.records import CheckTarget, assign_checks, hedges_frame
from sitrep.nlp.attribution.resolver import SourceResolver, outlet_actor
from sitrep.nlp.attribution.text import Lines, Quote, find_quotes

__all__ = [
    "AttributionFinder",
    "AttributionFrame",
    "Calibration",
    "CheckTarget",
    "CueLexicon",
    "Lines",
    "Quote",
    "SourceResolver",
    "assign_checks",
    "attribution_frames",
    "find_quotes",
    "hedges_frame",
    "load_calibration",
    "load_cues",
    "make_attribution",
    "outlet_actor",
]
