"""Events: who did what to whom, where and when, in the PLOVER ontology (16 types, modes).

A trigger lexicon (resources/plover_triggers.yaml: lemma, part of speech and the conditions
that tell "captured two soldiers" (ASSAULT/abduct) from "captured the town" (ASSAULT) apart)
finds event mentions; the dependency parse gives their roles: subject and object, the passive
("were captured by fighters"), nominalizations ("the capture of two soldiers", "ISIS's
attack"), light verbs ("launched an attack"), controlled and shared subjects ("agreed to
withdraw", "stormed the town and captured"), relative clauses and participles ("soldiers
captured by ISIS"), coordination ("Kurdish and Arab militias"), and pronouns ("Syria says it
will withdraw"). The recipient is the phrase that names a party (an actor, a proper name, a
person or organised group) among the object and the type's prepositions, or inside them
("rejected an offer FROM AFGHANISTAN"). Role phrases resolve to actors through the actors'
mentions; the phrase's span is kept either way.

Where the lexicon offers a word several types whose conditions it meets, a linear model
trained on NGEC's synthetic stories (``classify``; weights in sitrep/models/events) chooses
the one its clause reads as.

Factuality (resources/event_factuality.yaml): negation ("did not", "denied that"), future
("will", "agreed to") and hypothetical ("urged X to", "if") mentions are marked. Following the
PLOVER manual, promised cooperation is coded AGREE and announced force THREATEN; what is
demanded, refused or threatened gives the REQUEST/REJECT/THREATEN its mode and recipient; "X
said Y must ..." is X's REQUEST of Y.

Place and time come from ``doc._.places``, ``doc._.unplaced`` and ``doc._.times`` (empty when
those components are not in the pipeline): the toponym and the time expression the parse
attaches to the trigger, or a time on the speech verb that reports it (a place there is where
it was said); a name the gazetteer could not place is kept as the event's ``place_name``. Mentions of one
happening within an article merge into one event (same type, compatible participants, place
and time); ids are "e1", "e2", ... in order of first mention.

Casualty figures ("at least 30 killed", "dozens wounded"; resources/casualties.yaml) go to the
event of their sentence (``casualties``).

One module per rule family, each naming on the mention the rule that set what it set:
``triggers`` (lexicon entries, types and modes), ``roles`` (actor and recipient),
``factuality`` (negation and modality), ``anchoring`` (place and time) and ``merging``
(mentions into events); ``context`` is what they all read of the doc.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.doc import keep_records, register_extensions
from sitrep.nlp.events.anchoring import Anchoring
from sitrep.nlp.events.casualties import attach, figures, load_casualty_lexicon
from sitrep.nlp.events.classify import TypeModel
from sitrep.nlp.events.context import Context
from sitrep.nlp.events.factuality import Factuality
from sitrep.nlp.events.learned_roles import MODES as ROLE_MODES
from sitrep.nlp.events.learned_roles import RoleModel
from sitrep.nlp.events.lexicon import Lexicon, TriggerEntry, build_lexicon, load_lexicon
from sitrep.nlp.events.mention import MODALITIES
from sitrep.nlp.events.merging import merge, merge_in_sentence
from sitrep.nlp.events.roles import Roles
from sitrep.nlp.events.triggers import Triggers

__all__ = [
    "MODALITIES",
    "EventRecognizer",
    "Lexicon",
    "TriggerEntry",
    "build_lexicon",
    "load_lexicon",
    "make_events",
]


class EventRecognizer:
    """The ``sitrep_events`` component: fills ``doc._.events``."""

    def __init__(
        self,
        nlp: Language,
        lexicon: Lexicon,
        types: TypeModel | None,
        roles: str,
        role_model: RoleModel | None,
    ) -> None:
        if roles not in ROLE_MODES:
            raise ValueError(f"roles must be one of {', '.join(ROLE_MODES)}, not {roles!r}")
        self.lexicon = lexicon
        self.types = types
        self.role_model = None if roles == "rules" else role_model
        self.roles = roles
        self.casualties = load_casualty_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        context = Context(doc, self.lexicon, self.types)
        triggers, factuality = Triggers(context), Factuality(context)
        roles = Roles(context, self.role_model, self.roles)
        mentions = triggers.propose()
        for mention in mentions:
            roles.assign(mention)
            factuality.assess(mention)
        mentions = merge_in_sentence(triggers.retype(mentions))
        for mention in mentions:
            triggers.mode_from_cues(mention)
        attach(figures(doc, self.casualties), mentions)
        Anchoring(context).anchor(mentions)
        keep_records(doc, "events", merge(doc, mentions))
        return doc


@Language.factory(
    "sitrep_events",
    assigns=["doc._.events"],
    # token.pos is read too, but the packaged attribute_ruler that sets it declares no assigns,
    # so analyze_pipes would report it missing.
    requires=[
        "token.dep",
        "token.lemma",
        "token.tag",
        "doc.ents",
        "doc._.actors",
        "doc._.actor_mentions",
        "doc._.places",
        "doc._.unplaced",
        "doc._.times",
    ],
    default_config={
        "lexicon": {"@misc": "sitrep.plover_lexicon.v1"},
        "types": {"@misc": "sitrep.event_types.v1"},
        "roles": "combined",
        "role_model": {"@misc": "sitrep.event_roles.v1"},
    },
)
def make_events(
    nlp: Language,
    name: str,
    lexicon: Lexicon,
    types: TypeModel | None,
    roles: str,
    role_model: RoleModel | None,
) -> EventRecognizer:
    """``types``: the trained type model (None: the lexicon's order decides between types).
    ``roles``: how actors and recipients are chosen (learned_roles.MODES), ``role_model`` the
    trained role scorer it reads (None: the parse rules alone)."""
    register_extensions()
    return EventRecognizer(nlp, lexicon, types, roles, role_model)
