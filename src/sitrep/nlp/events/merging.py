"""Merging: mentions of one happening in a sentence become one mention, then mentions of one
happening within the article one event (same type, compatible participants, place and time);
ids are "e1", "e2", ... in order of first mention."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.model import FACTUALITIES, Casualty, Event, Place, Span
from sitrep.nlp.doc import make_span, records, text_of
from sitrep.nlp.events.anchoring import FEATURE_RANK
from sitrep.nlp.events.casualties import Figure
from sitrep.nlp.events.mention import MODALITIES, Mention
from sitrep.nlp.events.syntax import is_verbal, lemma_of, tree_depth


def merge_in_sentence(mentions: list[Mention]) -> list[Mention]:
    """One mention per happening and sentence, in text order: "agreed to withdraw" is one
    AGREE once both are; the mention nearest the root takes in the others."""
    kept: list[Mention] = []
    # Only a mention of the same type and sentence can take another in (the first test of
    # _same_happening_in_sentence): each is looked for among those alone.
    hosts: dict[tuple[str, int], list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: tree_depth(m.token)):
        same = hosts.setdefault((mention.type, mention.sentence), [])
        host = next((k for k in same if _same_happening_in_sentence(k, mention)), None)
        if host is None:
            kept.append(mention)
            same.append(mention)
        else:
            _absorb(host, mention)
    return sorted(kept, key=lambda m: m.token.i)


def _same_happening_in_sentence(host: Mention, other: Mention) -> bool:
    """Two triggers of one type that reach each other in the parse ("captured ... in an
    ambush", "agreed to withdraw" once both are AGREE, "an airstrike killed")."""
    if host.type != other.type or host.sentence != other.sentence:
        return False
    if other.governor is not None and other.governor.i in host.tokens:
        return True
    if other.token.dep_ == "conj" and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in other.token.children
    ):
        return False  # "one bomb was detonated ... and another exploded": two happenings
    node = other.token
    for _ in range(3):
        if node.head == node:
            return False
        node = node.head
        if node.i in host.tokens:
            return True
        if is_verbal(node):
            return False
    return False


def _absorb(host: Mention, other: Mention) -> None:
    host.tokens |= other.tokens
    host.mode = host.mode or other.mode
    if host.actor is None and other.actor is not None:
        host.actor, host.actor_span, host.actor_head, host.actor_rule = (
            other.actor,
            other.actor_span,
            other.actor_head,
            other.actor_rule,
        )
    host.actor_rule = host.actor_rule or other.actor_rule
    host.actor_span = host.actor_span or other.actor_span
    host.actor_head = host.actor_head or other.actor_head
    if host.recipient is None and other.recipient is not None:
        host.recipient, host.recipient_span = other.recipient, other.recipient_span
        host.recipient_rule = other.recipient_rule
    host.recipient_rule = host.recipient_rule or other.recipient_rule
    host.recipient_span = host.recipient_span or other.recipient_span
    host.modality = min(host.modality, other.modality, key=MODALITIES.index)
    host.negated = host.negated and other.negated
    host.questioned = host.questioned and other.questioned
    host.casualties += other.casualties
    if host.denied_by is None:
        host.denied_by = other.denied_by


class _Where:
    """The doc's places and times by id, to tell whether two mentions' places and times can
    be one happening's ("Deir ez-Zor" is in "Syria"; "2017-09-28" is in "2017-09")."""

    def __init__(self, doc: Doc) -> None:
        self.places: dict[str, Place] = {p.id: p for p in records(doc, "places")}
        self.times: dict[str, str] = {t.id: t.value for t in records(doc, "times")}

    def same_place(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None or a == b:
            return True
        first, second = self.places.get(a), self.places.get(b)
        if first is None or second is None or first.country != second.country:
            return False
        return "country" in (first.feature, second.feature)

    def same_time(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None or a == b:
            return True
        first, second = self.times.get(a, a), self.times.get(b, b)
        return first.startswith(second) or second.startswith(first)

    def finest_place(self, ids: list[str]) -> str | None:
        return min(
            ids,
            key=lambda i: FEATURE_RANK.get(self.places[i].feature, 1) if i in self.places else 9,
            default=None,
        )

    def finest_time(self, ids: list[str]) -> str | None:
        return max(ids, key=lambda i: len(self.times.get(i, "")), default=None)


def merge(doc: Doc, mentions: list[Mention]) -> list[Event]:
    """One event per happening: a mention joins the first earlier event of its type whose
    participants, mode, place and time do not conflict and which shares a participant, the
    mode or the trigger word with it."""
    where = _Where(doc)
    groups: list[list[Mention]] = []
    # A group holds mentions of one type, and only a group of its type can take a mention
    # (see _compatible): each is looked for among those alone.
    by_type: dict[str, list[list[Mention]]] = {}
    for mention in mentions:
        same = by_type.setdefault(mention.type, [])
        for group in same:
            if all(_compatible(m, mention, where) for m in group) and any(
                _linked(m, mention) for m in group
            ):
                group.append(mention)
                break
        else:
            groups.append([mention])
            same.append(groups[-1])
    text = text_of(doc)
    return [_event(doc, text, f"e{n}", group, where) for n, group in enumerate(groups, start=1)]


def _compatible(a: Mention, b: Mention, where: _Where) -> bool:
    if a.type != b.type or (a.modality == "asserted") != (b.modality == "asserted"):
        return False
    if not (where.same_place(a.place, b.place) and where.same_time(a.time, b.time)):
        return False
    if a.mode is not None and b.mode is not None and a.mode != b.mode:
        return False
    if a.recipient is not None and b.recipient is not None and a.recipient != b.recipient:
        return False
    return _same_actor(a, b)


def _same_actor(a: Mention, b: Mention) -> bool:
    """Whether two mentions may have one actor: the same resolved actor, or where neither is
    resolved, the same head noun ("rebels" is not "the army"); a missing one fits any.
    Victims are described too many ways ("the two men", "he", "the soldiers") to compare."""
    if a.actor is not None and b.actor is not None:
        return a.actor == b.actor
    heads = (a.actor_head, b.actor_head)
    if (
        a.actor is None
        and b.actor is None
        and all(h is not None and h.pos_ in ("NOUN", "PROPN") for h in heads)
    ):
        return lemma_of(heads[0]) == lemma_of(heads[1])
    return True


def _linked(a: Mention, b: Mention) -> bool:
    return (
        (a.actor is not None and a.actor == b.actor)
        or (a.recipient is not None and a.recipient == b.recipient)
        or (a.mode is not None and a.mode == b.mode)
        or lemma_of(a.token) == lemma_of(b.token)
    )


def _event(doc: Doc, text: str, event_id: str, group: list[Mention], where: _Where) -> Event:
    first = group[0]
    actor_from = next((m for m in group if m.actor is not None), None) or next(
        (m for m in group if m.actor_span), None
    )
    recipient_from = next((m for m in group if m.recipient is not None), None) or next(
        (m for m in group if m.recipient_span), None
    )
    trigger = _trigger_span(doc, first)
    place = where.finest_place([m.place for m in group if m.place is not None])
    named = None if place else next((m.place_name for m in group if m.place_name), None)
    return Event(
        id=event_id,
        type=first.type,
        mode=next((m.mode for m in group if m.mode is not None), None),
        trigger=trigger,
        evidence=_evidence(doc, text, first.token),
        actor=actor_from.actor if actor_from else None,
        recipient=recipient_from.recipient if recipient_from else None,
        place=place,
        place_name=make_span(doc, *named) if named else None,
        time=where.finest_time([m.time for m in group if m.time is not None]),
        negated=all(m.negated for m in group),
        modality=min((m.modality for m in group), key=MODALITIES.index),
        factuality=min((m.factuality for m in group), key=FACTUALITIES.index),
        denied_by=tuple(dict.fromkeys(m.denied_by for m in group if m.denied_by)),
        casualties=tuple(_casualty(doc, f) for m in group for f in m.casualties),
        actor_span=make_span(doc, *actor_from.actor_span)
        if actor_from and actor_from.actor_span
        else None,
        recipient_span=make_span(doc, *recipient_from.recipient_span)
        if recipient_from and recipient_from.recipient_span
        else None,
        mentions=tuple(
            span for m in group for span in _trigger_spans(doc, m, trigger if m is first else None)
        ),
    )


def _casualty(doc: Doc, figure: Figure) -> Casualty:
    span = make_span(doc, figure.start, figure.end)
    return Casualty(figure.kind, figure.low, figure.high, span.text, span)


def _trigger_spans(doc: Doc, mention: Mention, main: Span | None) -> list[Span]:
    """The mention's trigger (``main`` when already made) and the triggers merged into it in
    its sentence, in text order ("agreed" and "withdraw" in "agreed to withdraw")."""
    main = main or _trigger_span(doc, mention)
    merged = [
        make_span(doc, doc[i].idx, doc[i].idx + len(doc[i]))
        for i in mention.tokens
        if i != mention.token.i
    ]
    return sorted([main, *merged], key=lambda span: span.start)


def _trigger_span(doc: Doc, mention: Mention) -> Span:
    """The trigger word, with the words of a multiword trigger right next to it ("taken
    hostage", "called for")."""
    token = mention.token
    words = [token, *(t for t in mention.extra if abs(t.i - token.i) == 1)]
    start = min(words, key=lambda t: t.i)
    end = max(words, key=lambda t: t.i)
    return make_span(doc, start.idx, end.idx + len(end.text))


def _evidence(doc: Doc, text: str, token: Token) -> Span:
    """The sentence of the trigger, cut to its line (a headline has no full stop)."""
    sent = token.sent
    start, end = sent.start_char, sent.end_char
    start = max(start, text.rfind("\n", start, token.idx) + 1)
    line_end = text.find("\n", token.idx, end)
    end = line_end if line_end != -1 else end
    line = text[start:end]
    start += len(line) - len(line.lstrip())
    return make_span(doc, start, start + len(line.strip()))
