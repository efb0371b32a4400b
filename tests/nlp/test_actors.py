import pytest
from spacy.tokens import Doc, DocBin

from sitrep.ingest.meta import make_article
from sitrep.ingest.text import parse_text
from sitrep.nlp.actors import (
    ActorMention,
    ActorRecognizer,
    actor_mentions,
    build_gazetteer,
    keep_actor_mentions,
)
from sitrep.nlp.doc import new_doc_state, records, register_extensions


def actors_of(analyzer, text):
    report = analyzer.analyze(parse_text(text))
    return {a.name: a for a in report.actors}


def test_sample_islamic_state_is_one_actor_with_its_descriptions(sample_report):
    actors = {a.id: a for a in sample_report.actors}
    isis = actors["islamic_state"]
    assert isis.name == "Islamic State" and isis.kind == "armed_group"
    mentions = {m.text for m in isis.mentions}
    assert {
        "ISIS",
        "Islamic State",
        "the terror group",
        "the militants",
        "the jihadist group",
    } <= mentions


def test_sample_ministry_media_and_no_demonym_actors(sample_report):
    actors = {a.id: a for a in sample_report.actors}
    ministry = actors["rus_defence_ministry"]
    assert ministry.name == "Russian Defence Ministry"
    assert ministry.kind in ("government", "military") and ministry.country == "RUS"
    assert len(ministry.mentions) >= 3  # incl. "The defence ministry" resolved in context
    for media in ("interfax", "reuters", "amaq"):
        assert actors[media].kind == "media"
    assert actors["amaq"].parent == "islamic_state"
    all_mentions = {m.text for a in sample_report.actors for m in a.mentions}
    assert not all_mentions & {"Russian", "Syrian", "Arabic", "Russians"}


def test_institutions_by_demonym_possessive_and_generic_reference(analyzer):
    actors = actors_of(
        analyzer,
        "Fighting near Mosul\nIraq's defence ministry said its troops repelled the attack. "
        "Later the ministry said two soldiers were wounded. The Turkish army did not comment.",
    )
    iraq = actors["Iraqi Defence Ministry"]
    assert {m.text for m in iraq.mentions} == {"Iraq's defence ministry", "the ministry"}
    assert actors["Turkish military"].country == "TUR"


def test_description_resolves_to_the_group_named_before(analyzer):
    actors = actors_of(
        analyzer,
        "Attack in Mogadishu\nAl-Shabaab fighters stormed a hotel in Mogadishu on Sunday. "
        "The militants held the building for six hours, police said.",
    )
    assert "The militants" in {m.text for m in actors["al-Shabaab"].mentions}


def test_a_watchdog_or_rights_group_described_is_the_organization_named_before(analyzer):
    report = analyzer.analyze(
        parse_text(
            "Report on Tarsk\nInspectors of the International Atomic Monitoring Board visited "
            "the plant in Tarsk last week. The watchdog said two cooling pumps had been damaged."
        )
    )
    [said] = [a for a in report.attributions if a.source_text == "The watchdog"]
    [board] = [a for a in report.actors if a.id == said.source]
    assert board.kind == "organization" and "Monitoring Board" in board.name


def test_a_body_named_again_by_its_head_noun_is_the_same_actor(analyzer):
    actors = actors_of(
        analyzer,
        "Survey in Tarsk\nOfficers of the Kordavian Reconciliation Centre surveyed the town on "
        "Monday. The centre said no traces of chlorine were found. Shops in the centre of the "
        "town were closed.",
    )
    centre = actors["Kordavian Reconciliation Centre"]
    # the body that speaks, not the middle of the town
    assert [m.text for m in centre.mentions] == ["Kordavian Reconciliation Centre", "The centre"]


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty International's investigators published their report on Monday. The report "
        "said no traces of sarin were found near the village.",
        "The report by Amnesty International was based on interviews with residents. The "
        "report said no traces of sarin were found near the village.",
    ],
)
def test_a_document_named_again_speaks_for_whoever_issued_it(analyzer, text):
    report = analyzer.analyze(parse_text("Sarin inquiry\n" + text))
    [said] = [a for a in report.attributions if a.cue.text == "said"]
    assert (said.source, said.stance) == ("amnesty", "denies")


def test_a_document_with_no_named_issuer_stays_a_document(analyzer):
    report = analyzer.analyze(
        parse_text("Sarin inquiry\nThe report said no traces of sarin were found near the village.")
    )
    [said] = [a for a in report.attributions if a.cue.text == "said"]
    assert (said.source, said.source_kind) == (None, "document")


def test_capital_is_the_state_only_when_it_acts(analyzer):
    actors = actors_of(
        analyzer,
        "Diplomatic row\nMoscow denied the report on Monday. Flights from Moscow resumed later.",
    )
    government = actors["Russian government"]
    assert [m.text for m in government.mentions] == ["Moscow"]


def test_people_with_titles_and_surname_coreference(analyzer):
    actors = actors_of(
        analyzer,
        "Kremlin responds\nDmitry Peskov, the Kremlin spokesman, told reporters the claim was false. "
        "Peskov said the matter was closed.",
    )
    peskov = actors["Dmitry Peskov"]
    assert peskov.kind == "person"
    assert peskov.title == "the Kremlin spokesman"
    assert [m.text for m in peskov.mentions] == ["Dmitry Peskov", "Peskov"]


def test_a_surname_the_model_takes_for_an_organization_is_the_person_named(analyzer):
    actors = actors_of(
        analyzer,
        "Bridge down\nRegional leader Arno Tamm has rejected any role by the militia. "
        '"We confirm that the bridge collapsed near Veldar," Tamm said.',
    )
    assert [m.text for m in actors["Arno Tamm"].mentions] == ["Arno Tamm", "Tamm"]
    assert "Tamm" not in actors


def test_a_title_before_a_name_belongs_to_no_name(analyzer):
    actors = actors_of(
        analyzer,
        "Rebels deny\nKordavian Republic PM Ivan Drozdov said the rebels had no anti-aircraft "
        "weapons. Drozdov said the jet was shot down by the army.",
    )
    drozdov = actors["Ivan Drozdov"]
    assert drozdov.kind == "person"
    assert [m.text for m in drozdov.mentions] == ["Ivan Drozdov", "Drozdov"]


def test_a_name_the_model_misses_is_a_person_when_an_appositive_role_introduces_it(analyzer):
    report = analyzer.analyze(
        parse_text("Talks\nAna Torres, the Chilean president, said the talks had failed.")
    )
    [torres] = [a for a in report.actors if a.name == "Ana Torres"]
    assert torres.kind == "person" and torres.title == "the Chilean president"
    assert [a.source for a in report.attributions] == [torres.id]


def test_a_full_name_the_model_misses_after_a_title_is_a_person(analyzer):
    report = analyzer.analyze(
        parse_text(
            "Jet lost\nSeparatist Region PM Oleksandr Varenko rejected any role of his fighters. "
            "“We have no such weapons,” Varenko said. “Our men were far from the crash.”\n"
            "“We could not reach that height,” he told a news agency."
        )
    )
    [varenko] = [a for a in report.actors if a.name == "Oleksandr Varenko"]
    assert varenko.kind == "person"
    assert {a.source for a in report.attributions} == {varenko.id}


def test_a_title_case_headline_after_a_title_is_no_name(analyzer):
    actors = actors_of(
        analyzer, "President Tamm Says Kordavia Will Rebuild\nThe president spoke on Monday."
    )
    assert "Tamm Says Kordavia Will" not in actors


def test_news_magazines_are_media(analyzer):
    actors = actors_of(analyzer, "Convoy\nNewsweek reported that the convoy had turned back.")
    assert actors["Newsweek"].kind == "media"


def test_lone_capitalised_word_is_not_taken_for_a_person(analyzer):
    actors = actors_of(analyzer, "Clashes\nResidents of Kukawa said fighting lasted all night.")
    assert not [a for a in actors.values() if a.kind == "person"]


@pytest.fixture()
def tiny_recognizer(nlp):
    gazetteer = build_gazetteer(
        countries=[
            {
                "iso3": "RUR",
                "name": "Ruritania",
                "aliases": "",
                "demonyms": "Ruritanian",
                "capital": "Strelsau",
            }
        ],
        institutions={
            "military": {
                "name": "{label} military",
                "kind": "military",
                "phrases": ["army"],
                "generic": ["army"],
            }
        },
        named=[
            {
                "id": "red_hand",
                "name": "Red Hand",
                "kind": "armed_group",
                "country": None,
                "aliases": ["Red Hand", "RH"],
            }
        ],
        descriptions=[{"kinds": ["armed_group"], "phrases": ["the rebels"]}],
    )
    return ActorRecognizer(nlp, gazetteer)


def test_gazetteer_seam_with_hand_made_entries(nlp, tiny_recognizer):
    register_extensions()
    doc = nlp.make_doc(
        "The Ruritanian army fought RH near the border. The rebels withdrew, and the army advanced."
    )
    new_doc_state(doc, None)
    for _name, proc in nlp.pipeline:
        if _name != "sitrep_actors":
            doc = proc(doc)
    doc = tiny_recognizer(doc)
    by_id = {a.id: [m.text for m in a.mentions] for a in records(doc, "actors")}
    assert by_id == {
        "rur_military": ["Ruritanian army", "the army"],
        "red_hand": ["RH", "The rebels"],
    }


def test_actor_mentions_are_kept_article_relative_and_serialize(nlp):
    register_extensions()
    article = make_article("Raid\n\nRebels attacked.", body_start=len("Raid\n\n"))
    doc = Doc(nlp.vocab, words=["Rebels", "attacked", "."], spaces=[True, False, False])
    new_doc_state(doc, article)
    mention = ActorMention(0, 6, "red_hand", "description")  # doc-relative: "Rebels"
    keep_actor_mentions(doc, [mention])
    # Stored as plain data indexing article.text; read back doc-relative, as the parse is.
    assert doc._.actor_mentions == [[6, 12, "red_hand", "description"]]
    assert article.text[6:12] == "Rebels"
    docs = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    [restored] = DocBin(store_user_data=True).from_bytes(docs).get_docs(nlp.vocab)
    assert actor_mentions(restored) == [mention]
