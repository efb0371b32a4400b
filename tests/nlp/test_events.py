"""The sitrep_events component on sentences written for these tests, and on the shared sample."""

from importlib import resources

import pytest
import yaml
from spacy.tokens import Doc

from sitrep.ingest.meta import make_article
from sitrep.model import Event, Place, Span
from sitrep.nlp.doc import keep_records, new_doc_state, records
from sitrep.nlp.events import MODALITIES, build_lexicon, load_lexicon
from sitrep.nlp.pipeline import COMPONENTS


def report_of(analyzer, text):
    return analyzer.analyze(make_article(text, published="2024-03-05"))


def only(report, plover_type):
    found = [e for e in report.events if e.type == plover_type]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in report.events]
    return found[0]


# -- roles: voice, nominalization, coordination, descriptions ------------------------------


def test_active_voice_subject_is_actor_object_is_recipient(analyzer):
    event = only(
        report_of(analyzer, "Islamic State militants captured two Russian soldiers."), "ASSAULT"
    )
    assert (event.mode, event.actor, event.recipient) == ("abduct", "islamic_state", "rus_military")
    assert event.trigger.text == "captured"
    assert event.recipient_span.text == "two Russian soldiers"


def test_passive_voice_agent_is_actor(analyzer):
    event = only(
        report_of(analyzer, "Two Russian soldiers were captured by Islamic State fighters."),
        "ASSAULT",
    )
    assert (event.mode, event.actor, event.recipient) == ("abduct", "islamic_state", "rus_military")
    assert event.actor_span.text == "Islamic State fighters"


def test_participle_modifying_a_noun_is_passive(analyzer):
    report = report_of(
        analyzer, "Analysts studied a video of Russian soldiers captured by Islamic State."
    )
    event = only(report, "ASSAULT")
    assert (event.actor, event.recipient) == ("islamic_state", "rus_military")


def test_nominalization_of_is_the_patient_by_the_actor(analyzer):
    report = report_of(
        analyzer, "The capture of two Russian soldiers by Islamic State was confirmed."
    )
    event = only(report, "ASSAULT")
    assert (event.mode, event.actor, event.recipient) == ("abduct", "islamic_state", "rus_military")
    assert event.trigger.text == "capture"


def test_light_verb_carries_the_nouns_roles(analyzer):
    event = only(
        report_of(analyzer, "Al-Shabaab launched an attack on a Kenyan army base."), "ASSAULT"
    )
    assert (event.actor, event.recipient) == ("al_shabaab", "ken_military")
    assert event.trigger.text == "attack"


def test_a_negative_quantifier_names_no_party(analyzer):
    report = report_of(
        analyzer, "No group has claimed the ambush. Nobody has claimed the bombing of the depot."
    )
    events = [e for e in report.events if e.type == "ASSAULT"]
    assert [e.trigger.text for e in events] == ["ambush", "bombing"]
    assert all(e.actor is None and e.actor_span is None for e in events)


def test_coordinated_recipients_resolve_to_the_first_actor_among_them(analyzer):
    report = report_of(
        analyzer, "Two journalists and three Russian soldiers were captured by Islamic State."
    )
    event = only(report, "ASSAULT")
    assert event.recipient == "rus_military"
    assert event.recipient_span.text == "Two journalists and three Russian soldiers"


def test_coordinated_verbs_share_their_subject(analyzer):
    report = report_of(analyzer, "Police stormed the camp and arrested ten protesters.")
    arrest = only(report, "COERCE")
    assert arrest.mode == "arrest"
    assert arrest.actor_span.text == "Police"
    assert arrest.recipient_span.text == "ten protesters"


def test_mutual_act_takes_the_second_party_as_recipient(analyzer):
    event = only(report_of(analyzer, "Russia and Turkey signed an agreement."), "SUPPORT")
    assert event.actor == "rus_government"
    assert event.recipient_span.text == "Turkey"


def test_description_resolves_to_the_actor_named_before(analyzer):
    text = "Islamic State is active in the region. The militants captured two Russian soldiers."
    event = only(report_of(analyzer, text), "ASSAULT")
    assert event.actor == "islamic_state"
    assert event.actor_span.text == "The militants"


def test_pronoun_subject_of_a_reported_clause_is_the_speaker(analyzer):
    event = only(
        report_of(analyzer, "Syria says it is willing to withdraw its troops from Lebanon."),
        "AGREE",
    )
    assert event.actor == "syr_government"
    assert event.recipient_span.text == "Lebanon"


# -- factuality and PLOVER's coding conventions ---------------------------------------------


def test_denied_event_is_negated_and_the_denial_is_a_reject(analyzer):
    text = "The Russian Defence Ministry denied that any military personnel were taken hostage."
    report = report_of(analyzer, text)
    denial = only(report, "REJECT")
    assert denial.actor == "rus_defence_ministry" and not denial.negated
    hostage = only(report, "ASSAULT")
    assert hostage.mode == "abduct" and hostage.negated
    assert hostage.trigger.text == "taken hostage"


def test_not_negates_and_a_noun_said_not_to_happen_is_negated(analyzer):
    assert only(
        report_of(analyzer, "Israeli troops did not fire on the protesters."), "ASSAULT"
    ).negated
    assert only(
        report_of(analyzer, "The ministry said the strike did not happen."), "ASSAULT"
    ).negated


def test_future_and_conditional_events_are_marked(analyzer):
    patrol = only(
        report_of(analyzer, "The Syrian army will patrol the border next week."), "MOBILIZE"
    )
    assert patrol.modality == "future" and patrol.actor == "syr_military"
    attack = only(
        report_of(analyzer, "If the rebels attack the city, the government will respond."),
        "ASSAULT",
    )
    assert attack.modality == "hypothetical" and not attack.negated
    assert set(MODALITIES) == {"asserted", "future", "hypothetical"}


def test_threatened_force_is_a_threaten_with_the_threatened_act_hypothetical(analyzer):
    report = report_of(analyzer, "Hamas threatened to attack Israel.")
    threat = only(report, "THREATEN")
    assert (threat.mode, threat.actor, threat.modality) == ("violence", "hamas", "asserted")
    assert threat.recipient_span.text == "Israel"
    assert only(report, "ASSAULT").modality == "hypothetical"


def test_promised_cooperation_is_one_agree(analyzer):
    report = report_of(analyzer, "Russia agreed to withdraw its troops from Syria.")
    assert [e.type for e in report.events] == ["AGREE"]
    assert report.events[0].actor == "rus_government"
    assert len(report.events[0].mentions) == 2  # "agreed" and "withdraw"


def test_demand_takes_its_mode_and_recipient_from_what_is_demanded(analyzer):
    report = report_of(analyzer, "The United Nations urged Israel to release the prisoners.")
    demand = only(report, "REQUEST")
    assert (demand.actor, demand.mode) == ("un", "yield")
    assert demand.recipient_span.text == "Israel"
    release = only(report, "RETREAT")
    assert release.mode == "release" and release.modality == "hypothetical"


def test_reported_obligation_is_the_speakers_request(analyzer):
    report = report_of(
        analyzer, "The European Union said Russia must withdraw its troops from Ukraine."
    )
    demand = only(report, "REQUEST")
    assert (demand.actor, demand.recipient) == ("eu", "rus_government")
    assert demand.trigger.text == "must"


def test_refused_cooperation_announced_for_the_future_is_a_reject(analyzer):
    event = only(report_of(analyzer, "Syria says it will not accept any more refugees."), "REJECT")
    assert event.actor == "syr_government" and not event.negated


# -- types and modes -------------------------------------------------------------------------


def test_several_plover_types_and_modes(analyzer):
    cases = {
        "Protesters rallied outside parliament.": ("PROTEST", "demo"),
        "Police arrested ten protesters on Monday.": ("COERCE", "arrest"),
        "The United States imposed sanctions on Iran.": ("SANCTION", None),
        "France sent humanitarian aid to Lebanon.": ("AID", None),
        "Turkish and Russian officials held talks.": ("CONSULT", None),
        "Israeli jets bombed a village.": ("ASSAULT", "aerial"),
        "A car bombing killed five people.": ("ASSAULT", "explosives"),
        "Gunmen opened fire on a bus.": ("ASSAULT", "firearms"),
        "The rebels released three hostages.": ("RETREAT", "release"),
        "The minister condemned the killings.": ("ACCUSE", None),
    }
    for text, (plover_type, mode) in cases.items():
        event = report_of(analyzer, text).events[0]
        assert (event.type, event.mode) == (plover_type, mode), text


def test_words_that_describe_rather_than_report_are_not_events(analyzer):
    report = report_of(analyzer, "Iran-backed militias and the alleged bombers met reporters.")
    assert [e.type for e in report.events] == ["CONSULT"]
    assert not report_of(analyzer, "The reporter asked for comment.").events


# -- where and when, merging, ids ------------------------------------------------------------


def with_places(doc, names: tuple[str, ...], feature: str = "city"):
    """Places as a geoparser would give them, so a test does not depend on its gazetteer."""
    keep_records(
        doc,
        "places",
        [
            Place(
                f"p_{name.lower()}",
                name,
                0.0,
                0.0,
                "CD",
                feature,
                None,
                (Span(doc.text.index(name), doc.text.index(name) + len(name), name),),
            )
            for name in names
        ],
    )
    return doc


def parsed_with_places(nlp, text: str, *names: str, feature: str = "city"):
    """The doc of every component before events, with the named places."""
    article = make_article(text, published="2024-03-05")
    doc = nlp.make_doc(article.body)
    new_doc_state(doc, article)
    for name, component in nlp.pipeline:
        if name != "sitrep_events":
            doc = component(doc)
    return with_places(doc, names, feature)


def place_of(nlp, text: str, *names: str, feature: str = "city") -> str | None:
    """The place of the sentence's one ASSAULT."""
    doc = parsed_with_places(nlp, text, *names, feature=feature)
    return only_event(records(nlp.get_pipe("sitrep_events")(doc), "events"), "ASSAULT").place


def test_place_and_time_attached_to_the_trigger_not_other_toponyms(nlp):
    doc = parsed_with_places(
        nlp, "Rebels from Goma attacked a checkpoint in Bukavu on Monday.", "Goma", "Bukavu"
    )
    event = only_event(records(nlp.get_pipe("sitrep_events")(doc), "events"), "ASSAULT")
    assert event.place == "p_bukavu"
    assert event.time is not None
    assert next(t for t in records(doc, "times") if t.id == event.time).span.text == "Monday"


def only_event(events: list[Event], plover_type: str) -> Event:
    found = [e for e in events if e.type == plover_type]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a clause describing a near participant says where it was
        ("A farmer was shot by gunmen who were hiding in an orchard near Kunduz.", "p_kunduz"),
        ("Militants detonated a bomb that had been planted at a market in Kunduz.", "p_kunduz"),
        # ... but not what was only intended there, nor another clause's happening
        ("Militants detonated a bomb that was going to be planted at a market in Kunduz.", None),
        ("A soldier was shot and later died in a hospital in Kunduz.", None),
        # ... nor a background ("who had worked there for years")
        ("Gunmen shot a doctor who had worked in Kunduz for years.", None),
        # a facility or feature named after a place stands where its name hangs
        ("Gunmen attacked shoppers at the Kunduz Mall.", "p_kunduz"),
        # where a statement was made is not where what it reports happened
        ("Officials said in Kunduz that rebels attacked a convoy.", None),
        ("Rebels attacked a convoy, a spokesman told reporters in Kunduz.", None),
    ],
)
def test_place_through_descriptions_and_names(nlp, text, place):
    assert place_of(nlp, text, "Kunduz") == place


@pytest.mark.parametrize(
    ("text", "name", "feature", "place"),
    [
        # a town or province naming an attack says where it was
        ("The Gulu bombing killed five people.", "Gulu", "city", "p_gulu"),
        # a country naming one says who carried it out
        ("A Uganda airstrike killed five people.", "Uganda", "country", None),
        # ... and naming a party to it, whose it is, wherever that party stands
        ("A roadside bomb exploded near a Uganda patrol.", "Uganda", "country", None),
    ],
)
def test_toponym_modifying_the_event_noun(nlp, text, name, feature, place):
    assert place_of(nlp, text, name, feature=feature) == place


@pytest.mark.parametrize(
    ("text", "plover_type", "place"),
    [
        # a country that is accused, urged or talked between is a party, not a place
        ("Kenya accused Uganda of arming the rebels.", "ACCUSE", None),
        ("Kenya urged Uganda to free the prisoners.", "REQUEST", None),
        ("Talks were mediated between Uganda and the rebels.", "CONSULT", None),
        # where a party of such an act was is not where the act happened
        ("Kenya accused rebels who were hiding in Uganda of the raid.", "ACCUSE", None),
        ("Kenya agreed to admit refugees who were waiting in Uganda.", "AGREE", None),
        # ... but force acts on the place itself
        ("Kenyan jets bombed Uganda on Tuesday.", "ASSAULT", "p_uganda"),
    ],
)
def test_places_of_parties_are_not_where_acts_between_them_happen(nlp, text, plover_type, place):
    doc = parsed_with_places(nlp, text, "Uganda")
    event = only_event(records(nlp.get_pipe("sitrep_events")(doc), "events"), plover_type)
    assert event.place == place


@pytest.mark.parametrize(
    "text",
    [
        "Three villagers were killed and two others wounded in Kandahar.",
        "Two soldiers were killed along with three rebels in clashes with police near Kandahar.",
    ],
)
def test_coordinated_and_setting_triggers_share_their_place(nlp, text):
    doc = parsed_with_places(nlp, text, "Kandahar")
    events = records(nlp.get_pipe("sitrep_events")(doc), "events")
    assert len(events) == 2
    assert {e.place for e in events} == {"p_kandahar"}


def test_locative_particle_before_a_bare_place(nlp):
    """The parse some sentences get: "off" as the verb's particle, the place a bare noun
    phrase modifying the verb."""
    words = ["Pirates", "captured", "two", "sailors", "off", "Aden", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 3, 1, 1, 1, 1],
        deps=["nsubj", "ROOT", "nummod", "dobj", "prt", "npadvmod", "punct"],
        tags=["NNS", "VBD", "CD", "NNS", "RP", "NNP", "."],
        pos=["NOUN", "VERB", "NUM", "NOUN", "ADP", "PROPN", "PUNCT"],
        lemmas=["pirate", "capture", "two", "sailor", "off", "Aden", "."],
        sent_starts=[True, False, False, False, False, False, False],
    )
    new_doc_state(doc, None)
    doc._.actors, doc._.actor_mentions, doc._.times = [], [], []
    event = only_event(
        records(nlp.get_pipe("sitrep_events")(with_places(doc, ("Aden",))), "events"), "ASSAULT"
    )
    assert event.place == "p_aden"


def test_events_need_no_places_or_times(nlp):
    article = make_article("Rebels attacked a checkpoint in Bukavu on Monday.")
    doc = nlp.make_doc(article.body)
    new_doc_state(doc, article)
    for name, component in nlp.pipeline:
        if name not in ("sitrep_places", "sitrep_times"):
            doc = component(doc)
    event = only_event(records(doc, "events"), "ASSAULT")
    assert event.place is None and event.time is None


def test_repeated_mentions_merge_into_one_event(analyzer):
    text = (
        "Islamic State fighters abducted two engineers on Monday. "
        "The abduction of the engineers was confirmed on Tuesday by the company."
    )
    report = report_of(analyzer, text)
    event = only(report, "ASSAULT")
    assert event.id == "e1" and event.actor == "islamic_state"
    assert [m.text for m in event.mentions] == ["abducted", "abduction"]


def test_different_happenings_stay_apart_and_ids_are_deterministic(analyzer):
    text = "Rebels attacked an army checkpoint. Separately, the army attacked the rebels' camp."
    first = report_of(analyzer, text)
    assert [e.id for e in first.events] == ["e1", "e2"]
    assert [e.actor_span.text for e in first.events] == ["Rebels", "the army"]
    assert report_of(analyzer, text).to_dict() == first.to_dict()


def test_spans_index_the_article_text(analyzer):
    text = "Title: Raid\n\nPolice arrested ten protesters in the capital."
    report = analyzer.analyze(make_article(text, body_start=len("Title: Raid\n\n")))
    event = only(report, "COERCE")
    for span in (event.trigger, event.evidence, event.recipient_span, *event.mentions):
        assert text[span.start : span.end] == span.text
    assert event.evidence.text == "Police arrested ten protesters in the capital."


def test_event_records_round_trip():
    event = Event(
        "e1",
        "ASSAULT",
        Span(0, 8, "captured"),
        Span(0, 20, "captured two men ..."),
        mode="abduct",
        modality="future",
        actor_span=Span(0, 2, "IS"),
        mentions=(Span(0, 8, "captured"),),
    )
    assert Event.from_dict(event.to_dict()) == event


# -- the lexicon -------------------------------------------------------------------------------


def test_packaged_lexicon_reads_as_with_the_pure_python_loader():
    # The packaged lexicon is read with libyaml's loader where there is one, for speed.
    root = resources.files("sitrep.resources")
    documents = [
        yaml.load(root.joinpath(name).read_text("utf-8"), yaml.SafeLoader)
        for name in ("plover_triggers.yaml", "event_factuality.yaml")
    ]
    assert load_lexicon() == build_lexicon(*documents)


def test_lexicon_refuses_words_yaml_turned_into_booleans():
    # Unquoted, YAML 1.1 reads "on" as True: "go ON strike" would silently never match.
    triggers = yaml.safe_load("triggers: {PROTEST: [{lemmas: [strike], pos: [NOUN], with: [on]}]}")
    with pytest.raises(ValueError, match="quote them"):
        build_lexicon(triggers, {})


# -- the shared sample ---------------------------------------------------------------------------


def test_sample_capture_denial_and_video_release(sample_report):
    places = {p.id: p for p in sample_report.places}
    times = {t.id: t for t in sample_report.times}
    capture = next(e for e in sample_report.events if e.type == "ASSAULT" and e.mode == "abduct")
    assert (capture.actor, capture.recipient) == ("islamic_state", "rus_military")
    assert not capture.negated and capture.modality == "asserted"
    assert len(capture.mentions) >= 5  # title, "taken prisoner", "had been captured", ...
    assert {"sitrep_places", "sitrep_times"} <= set(COMPONENTS)
    assert places[capture.place].name == "Deir ez-Zor"
    assert times[capture.time].span.text.lower() == "late last month"
    # Known through the video and Amaq, denied by the ministry: the claim's status is its own.
    claim = next(c for c in sample_report.claims if c.id == capture.claim)
    assert claim.status == "disputed" and capture.factuality == "reported"
    assert any("defence ministry" in who.lower() for who in capture.denied_by)
    denial = next(e for e in sample_report.events if e.type == "REJECT")
    assert denial.actor == "rus_defence_ministry"
    # Releasing a video is a statement, not an event; the video "released on" an agency is
    # no release of captives either.
    assert not [e for e in sample_report.events if e.trigger.text == "released"]
    assert [e.id for e in sample_report.events] == [
        f"e{n}" for n in range(1, len(sample_report.events) + 1)
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a village the gazetteer lacks is still where it happened, finer than its country
        ("Government troops shelled the village of Qarwatun on Monday.", "Qarwatun"),
        ("Two soldiers were killed in the town of Bir Zayzafun on Monday.", "Bir Zayzafun"),
        # a neighbourhood or district named before or after its word
        ("Police shot a man in the Qarwatun area on Sunday.", "Qarwatun"),
        # a day after the name is no part of it; a known name that only opens it ("Al") is no
        # reading of it
        ("Gunmen killed two men in the town of Qarwatun Tuesday.", "Qarwatun"),
        ("Rebels shelled the village of Al-Qarwatun on Monday.", "Al-Qarwatun"),
        ("A car bomb exploded in the Qarwatun neighbourhood near Fallujah.", "Qarwatun"),
        (
            "In the south Baghdad neighbourhood of Qarwat al-Nasr, a bomb killed a man.",
            "Qarwat al-Nasr",
        ),
    ],
)
def test_an_event_happens_at_a_name_the_gazetteer_could_not_place(analyzer, text, name):
    report = report_of(analyzer, text)
    assert name in [u.name for u in report.unplaced]
    [event] = [e for e in report.events if e.type == "ASSAULT"]
    assert event.place is None
    assert event.place_name.text == name
    assert text[event.place_name.start : event.place_name.end] == name


def test_an_adjective_before_a_part_of_town_word_is_no_place_name(analyzer):
    report = report_of(analyzer, "Four civilians were killed in the Kurdish neighbourhood.")
    assert report.unplaced == ()
    assert only(report, "ASSAULT").place_name is None


def test_a_name_written_two_ways_is_one_place(analyzer):
    # "Ras al-Ain/Serekaniye": the town, not the country the area lies in.
    report = report_of(
        analyzer, "Two fighters were killed in the area of Ras al-Ain/Serekaniye in northern Syria."
    )
    event = only(report, "ASSAULT")
    assert next(p.feature for p in report.places if p.id == event.place) == "locality"
