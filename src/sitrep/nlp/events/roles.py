"""Roles: the actor and the recipient of a mention through the parse (subject and object, the
passive, nominalizations, light verbs, controlled and shared subjects, coordination, pronouns),
resolved to actors; with the learned role scorer (learned_roles.py) where the parse leaves a
role unfilled or only guessed, or in its place (``roles`` mode "model")."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from sitrep.nlp.events.context import PERSON_PRONOUNS, Context
from sitrep.nlp.events.learned_roles import RoleModel
from sitrep.nlp.events.lexicon import TriggerEntry
from sitrep.nlp.events.mention import Mention
from sitrep.nlp.events.syntax import (
    antecedent,
    inherited_subject,
    is_passive,
    is_verbal,
    lemma_of,
    np_head_range,
    np_range,
    pobj,
    subject_of,
)

_NAMED_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_VERBAL_TYPES = frozenset({"REQUEST", "REJECT", "THREATEN", "AGREE", "ACCUSE"})
_MUTUAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})


class Role(NamedTuple):
    """A candidate for a role: the phrase's head and the rule that found it."""

    token: Token
    rule: str


def _role(token: Token | None, rule: str) -> Role | None:
    return None if token is None else Role(token, rule)


_NO_ONE = frozenset({"nobody", "none", "noone"})


def _party(role: Role | None) -> Role | None:
    """The role unless its phrase is a negative quantifier: "no group has claimed the
    attack", "nobody", "none of them" say there is no known party, not who it is."""
    if role is None:
        return None
    token = role.token
    no_one = token.lower_ in _NO_ONE or any(
        child.dep_ == "det" and child.lower_ == "no" for child in token.children
    )
    return None if no_one else role


class Roles:
    """Fills a mention's actor and recipient, naming the rule of each (``actor_rule``,
    ``recipient_rule``): the slot it came from ("subject", "agent", "prep:on"), "/inside"
    where it is a party named inside that slot's phrase, "/first" where no slot names a party
    and the first is taken, "learned" where the role scorer chose it, and "/antecedent" where
    a pronoun stands for it. ``model`` is the role scorer, read as ``mode`` says
    (learned_roles.MODES; None: the rules alone)."""

    def __init__(
        self, context: Context, model: RoleModel | None = None, mode: str = "rules"
    ) -> None:
        self.context = context
        self.lex = context.lex
        self.model = model
        self.mode = mode

    def assign(self, mention: Mention) -> None:
        token = mention.token
        if mention.clause is not None:
            actor = _role(subject_of(mention.clause.head, 0), "obligation-speaker")
            recipient = _role(subject_of(mention.clause, 0), "obligation-subject")
        elif is_verbal(token):
            actor, recipient = self.verb_roles(token, mention.type, theme=mention.entry.theme)
        else:
            actor, recipient = self.noun_roles(token, mention.entry)
        if recipient is None and mention.type in _VERBAL_TYPES:
            recipient = self.complement_recipient(token, mention.type)
        if self.model is not None and mention.clause is None:
            actor, recipient = self.learned(self.model, token, actor, recipient)
        partners = (
            [c for c in actor.token.conjuncts if c.i > actor.token.i]
            if actor is not None and mention.type in _MUTUAL
            else []
        )
        actor, recipient = _party(actor), _party(recipient)
        if partners:
            # Mutual acts: "Russia and Turkey signed" has both as parties, the second the recipient.
            recipient = Role(partners[0], "mutual-partner")
        if actor is not None:
            head = antecedent(actor.token)
            mention.actor, mention.actor_span = self.resolve(head)
            mention.actor_head = head
            mention.actor_rule = _with_antecedent(actor, head)
        if recipient is not None:
            head = antecedent(recipient.token)
            mention.recipient, mention.recipient_span = self.resolve(head)
            mention.recipient_rule = _with_antecedent(recipient, head)

    def learned(
        self, model: RoleModel, token: Token, actor: Role | None, recipient: Role | None
    ) -> tuple[Role | None, Role | None]:
        """The roles as ``model`` chooses them: in place of the rules' ("model"), or where
        the rules found none or took the first phrase for want of a party ("combined"), save
        the actor of an agentless passive."""
        chosen_actor, chosen_recipient = model.choose(token, self.lex.classes)
        if self.mode == "model":
            return _role(chosen_actor, "learned"), _role(chosen_recipient, "learned")
        # A passive with no agent names no actor: the text leaves it unsaid, not unsure ("he
        # was taken prisoner with a second man").
        unsaid = actor is None and is_verbal(token) and is_passive(token)
        if chosen_actor is not None and not unsaid and _fills(actor, chosen_actor, recipient):
            actor = Role(chosen_actor, "learned")
        if chosen_recipient is not None and _fills(recipient, chosen_recipient, actor):
            recipient = Role(chosen_recipient, "learned")
        return actor, recipient

    def verb_roles(
        self, token: Token, plover_type: str, exclude: Token | None = None, theme: bool = False
    ) -> tuple[Role | None, Role | None]:
        passive = is_passive(token)
        theme = theme or plover_type in self.lex.theme_object
        preps = self.lex.recipient_preps.get(plover_type, frozenset())
        actor = obj = patient = None
        others: list[Role | None] = []
        for child in token.children:
            if child == exclude:
                continue
            dep = child.dep_
            if dep in ("nsubj", "csubj") and not passive:
                actor = Role(child, "subject")
            elif dep == "nsubjpass":
                patient = Role(child, "passive-subject")
            elif dep == "agent":
                actor = _role(pobj(child), "agent") or actor
            elif dep == "dobj" and not passive:
                obj = Role(child, "object")
            elif dep == "dative":
                others.insert(0, _role(pobj(child) if child.pos_ == "ADP" else child, "dative"))
            elif dep == "prep" and lemma_of(child) in preps:
                others.append(_role(pobj(child), f"prep:{lemma_of(child)}"))
        if passive and patient is None:
            patient = _role(inherited_subject(token), "inherited-patient")
        elif not passive and actor is None:
            actor = _role(inherited_subject(token), "inherited-subject")
        if theme:
            candidates = [r for r in others if r is not None]
            holders = [r for r in (obj, patient) if r is not None]
        else:
            candidates = [r for r in (patient, obj, *others) if r is not None]
            holders = candidates
        return actor, self.party_among(candidates, holders, first=not theme)

    def party_among(self, candidates: list[Role], holders: list[Role], first: bool) -> Role | None:
        """The first candidate that names a party, else the first party named inside a
        holder's phrase, else (when ``first``) the first candidate."""
        recipient = next((r for r in candidates if self.named(r.token)), None)
        if recipient is None:
            recipient = next(
                (
                    Role(n, f"{r.rule}/inside")
                    for r in holders
                    if (n := self.named_within(r.token)) is not None
                ),
                None,
            )
        if recipient is None and first and candidates:
            recipient = Role(candidates[0].token, f"{candidates[0].rule}/first")
        return recipient

    def noun_roles(self, token: Token, entry: TriggerEntry) -> tuple[Role | None, Role | None]:
        actor = None
        candidates: list[Role] = []
        preps = self.lex.recipient_preps.get(entry.type, frozenset())
        has_of = any(c.dep_ == "prep" and lemma_of(c) == "of" for c in token.children)
        for child in token.children:
            dep = child.dep_
            if dep == "poss":
                if entry.possessor == "recipient" and not has_of:
                    candidates.append(Role(child, "possessor"))
                else:
                    actor = Role(child, "possessor")
            elif dep == "prep":
                obj = pobj(child)
                lemma = lemma_of(child)
                if obj is None:
                    continue
                if lemma == "by":
                    actor = Role(obj, "prep:by")
                elif lemma == "of" and entry.of == "actor":
                    actor = actor or Role(obj, "prep:of")
                elif lemma == "of" or lemma in preps:
                    candidates.append(Role(obj, f"prep:{lemma}"))
            elif (
                dep in ("compound", "amod")
                and child.i < token.i
                and actor is None
                and (
                    child.ent_type_ in ("ORG", "GPE", "NORP")
                    or self.context.actor_for(*np_head_range(child))
                )
            ):
                actor = Role(child, "modifier")  # "an ISLAMIC STATE siege", "ISRAELI airstrikes"
        recipient = self.party_among(candidates, candidates, first=True)
        # A light verb carries the noun's roles: "Hamas LAUNCHED an attack", "ENGAGED in talks".
        slot = token.head if token.dep_ == "compound" else token
        head = slot.head
        verb = None
        if slot.dep_ in ("dobj", "attr", "nsubjpass") and self.context.light(head):
            verb = head
        elif slot.dep_ == "pobj" and head.dep_ == "prep" and self.context.light(head.head):
            verb = head.head
        if verb is not None:
            verb_actor, verb_recipient = self.verb_roles(
                verb, entry.type, exclude=slot if slot.head == verb else head
            )
            actor = actor or _light(verb_actor)
            if recipient is None or (
                verb_recipient is not None
                and not self.named(recipient.token)
                and self.named(verb_recipient.token)
            ):
                recipient = _light(verb_recipient) or recipient
        return actor, recipient

    def complement_recipient(self, token: Token, plover_type: str) -> Role | None:
        """Whom a demand, threat, promise or refusal is aimed at, from what is demanded:
        "demanded that THE US cancel", "threatened to break relations WITH RUSSIA"."""
        for child in token.children:
            if child.dep_ == "prep" and lemma_of(child) in self.lex.governing_preps:
                # "called FOR sanctions against Nigeria"
                content = pobj(child)
                if content is not None:
                    found = content if self.named(content) else self.named_within(content)
                    if found is not None:
                        return Role(found, "demanded")
                continue
            if child.dep_ not in ("ccomp", "xcomp", "acl"):
                continue
            if plover_type == "REQUEST":
                subject = next(
                    (c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
                if subject is not None and self.named(antecedent(subject)):
                    return Role(subject, "demanded-subject")
            found = self.named_within(child)
            if found is not None:
                return Role(found, "demanded")
        return None

    def named(self, token: Token) -> bool:
        """Whether a phrase names a party: a proper name, an actor, people or an organised
        group. A phrase owned by a pronoun ("ITS troops") is the actor's own, not a party."""
        if token.ent_type_ in ("DATE", "TIME") or any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children
        ):
            return False
        if token.pos_ == "PRON":
            return token.lower_ in PERSON_PRONOUNS
        for word in (token, *(c for c in token.children if c.dep_ in ("compound", "amod", "poss"))):
            if word.pos_ == "PROPN" or word.ent_type_ in _NAMED_ENTITIES:
                return True
        return bool(self.context.classes(token) & {"person", "actor"})

    def named_within(self, token: Token, depth: int = 2) -> Token | None:
        """The first phrase naming a party among a phrase's own phrases ("an offer FROM
        AFGHANISTAN", "SERBIA'S suppression", "relations WITH RUSSIA")."""
        frontier = [token]
        for _ in range(depth):
            following = []
            for node in frontier:
                for child in node.children:
                    inner = pobj(child) if child.dep_ == "prep" else child
                    if inner is None or child.dep_ not in (
                        "prep",
                        "poss",
                        "dobj",
                        "dative",
                        "compound",
                        "amod",
                    ):
                        continue
                    if (
                        child.dep_ in ("compound", "amod")
                        and inner.ent_type_ not in _NAMED_ENTITIES
                    ):
                        continue
                    if self.named(inner):
                        return inner
                    following.append(inner)
            frontier = following
        return None

    def resolve(self, token: Token) -> tuple[str | None, tuple[int, int]]:
        """The first coordinated phrase that names an actor, and the span of all of them."""
        group = [token, *sorted((t for t in token.conjuncts if t.i > token.i), key=lambda t: t.i)]
        actor = None
        for member in group:
            actor = self.context.actor_for(*np_head_range(member)) or self.context.actor_for(
                *np_range(member)
            )
            if actor is not None:
                break
        start = np_range(group[0])[0]
        end = max(np_range(t)[1] for t in group)
        return actor, (start, end)


def _fills(role: Role | None, chosen: Token, other: Role | None) -> bool:
    """Whether the scorer's ``chosen`` phrase takes a role the rules left empty or only
    guessed (the first phrase of several, none naming a party), and which the ``other`` role
    does not hold."""
    unsure = role is None or role.rule.endswith("/first")
    return unsure and (other is None or chosen != other.token)


def _light(role: Role | None) -> Role | None:
    return None if role is None else Role(role.token, f"light-verb {role.rule}")


def _with_antecedent(role: Role, head: Token) -> str:
    return role.rule if head == role.token else f"{role.rule}/antecedent"
