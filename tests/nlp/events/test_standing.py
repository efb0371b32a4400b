"""An event's standing: the attribution and claim that carry it, on records built by hand."""

from dataclasses import replace

from sitrep.model import Attribution, Claim, Event, Span
from sitrep.nlp.events.standing import carry

TEXT = (
    "Rebels shelled the base, the army said. The rebels denied it. "
    "Militias shelled a village. Officials asked whether drones struck."
)


def span(words: str, after: int = 0) -> Span:
    start = TEXT.index(words, after)
    return Span(start, start + len(words), words)


def event(event_id: str, trigger: Span, **fields) -> Event:
    return Event(event_id, "ASSAULT", trigger, trigger, mentions=(trigger,), **fields)


def attribution(aid: str, source: str, stance: str, content: str, kind="speech") -> Attribution:
    return Attribution(
        source=None,
        source_text=source,
        cue=span(source),
        stance=stance,
        content=span(content),
        id=aid,
        kind=kind,
    )


ARMY = attribution("a1", "the army", "asserts", "Rebels shelled the base")
REBELS = attribution("a2", "The rebels", "denies", "it")
OFFICIALS = attribution("a3", "Officials", "questions", "whether drones struck")


def test_an_event_in_a_reported_content_is_reported_and_follows_its_claims_status():
    shelled = event("e1", span("shelled"))
    claim = Claim("c1", "Rebels shelled the base", (ARMY, REBELS), (), (), "disputed", "e1")
    (carried,) = carry([shelled], [ARMY, REBELS], [claim])
    assert (carried.factuality, carried.attribution, carried.claim) == ("reported", "a1", "c1")
    assert carried.denied_by == ("The rebels",)


def test_the_claims_denial_makes_an_asserted_mention_denied():
    # A headline states the shelling; the only source in the article denies it.
    headline = event("e1", span("shelled", 60))
    claim = Claim("c1", "it", (REBELS,), (), (), "denied", "e1")
    (carried,) = carry([headline], [REBELS], [claim])
    assert (carried.factuality, carried.attribution, carried.denied_by) == (
        "denied",
        None,
        ("The rebels",),
    )


def test_an_event_the_article_states_itself_stays_asserted():
    village = event("e1", span("shelled", 60))
    (carried,) = carry([village], [ARMY, REBELS, OFFICIALS], [])
    assert (carried.factuality, carried.attribution, carried.claim) == ("asserted", None, None)


def test_a_question_makes_it_questioned_and_words_outrank_the_source():
    struck = event("e1", span("struck"))
    negated = event("e2", span("shelled"), factuality="negated", negated=True)
    questioned, still_negated = carry([struck, negated], [ARMY, OFFICIALS], [])
    assert (questioned.factuality, questioned.attribution) == ("questioned", "a3")
    assert (still_negated.factuality, still_negated.attribution) == ("negated", "a1")


def test_a_directive_does_not_report():
    order = attribution("a4", "the army", "asserts", "Rebels shelled the base", kind="directive")
    (carried,) = carry([event("e1", span("shelled"))], [order], [])
    assert (carried.factuality, carried.attribution) == ("asserted", None)


def test_a_claims_denial_is_about_its_own_event_only():
    shelled = event("e1", span("shelled"))
    base = event("e2", span("base"))
    claim = Claim("c1", "Rebels shelled the base", (ARMY, REBELS), (), (), "disputed", "e1")
    own, other = carry([shelled, base], [ARMY, REBELS], [claim])
    assert (own.factuality, own.denied_by) == ("reported", ("The rebels",))
    assert (other.factuality, other.claim, other.denied_by) == ("reported", "c1", ())


def test_one_denier_is_named_once_however_it_is_described():
    # "The rebels denied it ... the rebels again denied it, and their commander (the same actor)".
    shelled = event("e1", span("shelled"))
    again = replace(REBELS, id="a5", source_text="the rebels")
    commander = replace(REBELS, id="a6", source="rebels", source_text="their commander")
    rebels = replace(REBELS, source="rebels")
    claim = Claim(
        "c1", "Rebels shelled the base", (ARMY, rebels, again, commander), (), (), "disputed", "e1"
    )
    (carried,) = carry([shelled], [ARMY, rebels, again, commander], [claim])
    assert carried.denied_by == ("The rebels",)
