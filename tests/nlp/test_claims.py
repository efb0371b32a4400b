"""Claims: grouping of attributions, status, hedges, verification and event links."""

from __future__ import annotations

from sitrep.ingest.text import parse_text
from sitrep.model import Event, Span
from sitrep.nlp.doc import keep_records, make_span, new_doc_state, records


def doc_of(nlp, text, outlet=None):
    article = parse_text(text, outlet=outlet)
    doc = nlp.make_doc(article.body)
    new_doc_state(doc, article)
    return nlp(doc)


def the_claim(nlp, text):
    """The one claim of ``text`` and its attributions' stances."""
    [claim] = records(doc_of(nlp, text), "claims")
    return claim, [a.stance for a in claim.attributions]


def sources(claim):
    return {(a.source or a.source_text, a.stance) for a in claim.attributions}


def test_sample_capture_claim_is_one_disputed_claim(sample_report):
    capture = [
        c
        for c in sample_report.claims
        if any("captured two Russians" in a.content.text for a in c.attributions)
    ]
    [claim] = capture
    assert claim.status == "disputed"
    asserting = {a.source for a in claim.attributions if a.stance == "asserts"}
    assert asserting == {"islamic_state", "amaq"}  # the video (Islamic State's) and Amaq
    amaq = next(a for a in claim.attributions if a.source == "amaq")
    assert "captured two Russians" in amaq.content.text and amaq.cue.text == "said"
    denials = [a for a in claim.attributions if a.stance == "denies"]
    assert [a.source for a in denials] == ["rus_defence_ministry", "rus_defence_ministry"]
    assert any([v.source for v in a.via][:1] == ["interfax"] for a in denials)
    assert all(a.via[-1].source_text == "Mirror" for a in claim.attributions)  # the outlet
    assert {(v.status, v.by) for v in claim.verification} == {("unverified", "reuters")}
    assert "believed to be" in {h.text for h in claim.hedges}
    assert "‘Russian soldiers’" in {h.text for h in claim.hedges}


def test_sample_bearded_man_quote_is_his_assertion(sample_report):
    quoted = [
        (claim, a)
        for claim in sample_report.claims
        for a in claim.attributions
        if "I was taken prisoner during a counter-offensive by Islamic State" in a.content.text
    ]
    [(claim, attribution)] = quoted
    assert attribution.source_text == "The bearded man" and attribution.stance == "asserts"
    assert attribution.source == "person_bearded_man"
    [man] = [a for a in sample_report.actors if a.id == attribution.source]
    assert man.kind == "person" and man.mentions[0].text == "The bearded man"
    assert claim.text == "I was taken prisoner during a counter-offensive by Islamic State"
    assert not any(a.source == "amaq" for a in claim.attributions)


def test_spans_index_the_article_text(sample_report):
    text = sample_report.article.text
    spans = [s for c in sample_report.claims for a in c.attributions for s in (a.cue, a.content)]
    spans += [span for claim in sample_report.claims for span in claim.hedges]
    assert spans, "the sample has claims"
    assert [s for s in spans if text[s.start : s.end] != s.text] == []


def test_reports_of_one_proposition_in_different_words_group(nlp):
    text = (
        "The rebels said they had captured three soldiers near the dam. "
        "The army denied that any of its troops were taken prisoner. "
        "The rebels also said that the town's mayor had resigned."
    )
    doc = doc_of(nlp, text)
    assert [c.id for c in records(doc, "claims")] == ["c1", "c2"]
    capture, resigned = records(doc, "claims")
    assert {a.stance for a in capture.attributions} == {"asserts", "denies"}
    assert capture.status == "disputed"
    assert resigned.status == "asserted"
    assert [(a.source_text, a.stance) for a in resigned.attributions] == [("The rebels", "asserts")]


def test_different_agents_keep_claims_apart(nlp):
    text = (
        "The army said Islamic State fighters killed five villagers on Monday. "
        "Islamic State said Nigerian troops killed five villagers on Monday."
    )
    doc = doc_of(nlp, text)
    assert [
        (c.text, [(a.source_text, a.stance) for a in c.attributions])
        for c in records(doc, "claims")
    ] == [
        ("Islamic State fighters killed five villagers on Monday", [("The army", "asserts")]),
        ("Nigerian troops killed five villagers on Monday", [("Islamic State", "asserts")]),
    ]


def test_a_content_that_points_back_joins_the_last_claim(nlp):
    text = (
        "Islamic State said its fighters had seized the airport. "
        "The government rejected the claim on Tuesday."
    )
    doc = doc_of(nlp, text)
    [claim] = records(doc, "claims")
    assert claim.status == "disputed"
    assert [(a.source_text, a.stance) for a in claim.attributions] == [
        ("Islamic State", "asserts"),
        ("The government", "denies"),
    ]


def test_status_denied_unverified_and_asserted(nlp):
    denied = records(
        doc_of(nlp, "The ministry denied that its aircraft had bombed the hospital."), "claims"
    )
    assert [c.status for c in denied] == ["denied"]
    unverified = records(
        doc_of(
            nlp,
            "The rebels said they had shot down a helicopter. The claim could not be verified by Reuters.",
        ),
        "claims",
    )
    assert [c.status for c in unverified] == ["unverified"]
    assert unverified[0].verification[0].by == "reuters"
    asserted = records(doc_of(nlp, "The governor said the bridge had been destroyed."), "claims")
    assert [c.status for c in asserted] == ["asserted"]


def test_directives_are_attributions_but_no_claims(nlp):
    doc = doc_of(nlp, "The mayor urged residents to leave the city.")
    assert doc._.attributions and not records(doc, "claims")


def test_the_outlet_is_the_outermost_relay(nlp):
    doc = doc_of(
        nlp,
        "The governor told Interfax that the bridge had been destroyed.",
        outlet="The Continental",
    )
    (claim,) = records(doc, "claims")
    assert [v.source_text for v in claim.attributions[0].via] == ["Interfax", "The Continental"]


def test_claims_link_events_when_events_exist(nlp):
    doc = doc_of(nlp, "The rebels said they had captured three soldiers near the dam.")
    assert records(doc, "claims") and records(doc, "claims")[0].text.startswith("They had captured")
    start = doc.text.index("captured")
    trigger = make_span(doc, start, start + len("captured"))
    other = make_span(doc, 0, 3)
    keep_records(
        doc,
        "events",
        [
            Event("e1", "AGREE", other, other),
            Event("e2", "ASSAULT", trigger, Span(trigger.start, trigger.end, trigger.text)),
        ],
    )
    doc = nlp.get_pipe("sitrep_claims")(doc)
    assert records(doc, "claims")[0].event == "e2"
    assert [e.claim for e in records(doc, "events")] == [None, "c1"]


def test_claims_without_events(nlp):
    doc = doc_of(nlp, "The rebels said they had captured three soldiers near the dam.")
    doc._.events = None
    doc = nlp.get_pipe("sitrep_claims")(doc)
    assert records(doc, "claims")[0].event is None and doc._.events is None


def test_calling_a_reported_claim_false_denies_it(nlp):
    text = (
        "The rebel command said its divers had mined the Korvask dam last week. "
        '"This is utterly false and complete fiction," a spokeswoman for the water authority said. '
        'The energy ministry said: "Disinformation."'
    )
    doc = doc_of(nlp, text)
    [claim] = records(doc, "claims")
    assert claim.status == "disputed"
    assert [a.stance for a in claim.attributions] == ["asserts", "denies", "denies"]
    assert claim.text.startswith("Its divers had mined")


def test_calling_a_reported_claim_not_true_denies_it_and_not_false_does_not(nlp):
    claim = "The rebel command said its divers had mined the Korvask dam last week. "
    [denied] = records(doc_of(nlp, claim + 'The governor said: "This is not true."'), "claims")
    assert [a.stance for a in denied.attributions] == ["asserts", "denies"]
    dam = records(doc_of(nlp, claim + 'The governor said: "This is not false."'), "claims")[0]
    assert [a.stance for a in dam.attributions] == ["asserts"]


def test_a_falsity_word_said_of_someone_else_is_no_denial(nlp):
    # the subject is an actor, not a claim pointed at: a claim of its own
    text = (
        "The rebel command said its divers had mined the Korvask dam last week. "
        "The water authority said the rebel commander was a fantasist."
    )
    claims = records(doc_of(nlp, text), "claims")
    assert all(a.stance == "asserts" for c in claims for a in c.attributions)


def test_no_evidence_questions_a_claim_and_no_traces_denies_it(nlp):
    text = (
        "Officials in Varno said the Korvask dam had been mined by divers. "
        "Investigators said there was no evidence that the navy was involved."
    )
    stances = {
        a.source_text: a.stance
        for c in records(doc_of(nlp, text), "claims")
        for a in c.attributions
    }
    assert stances["Investigators"] == "questions"
    text = "Inspectors said there were no traces of explosives on the dam."
    stances = [a.stance for c in records(doc_of(nlp, text), "claims") for a in c.attributions]
    assert stances == ["denies"]


def test_a_verb_of_its_own_heads_the_proposition(nlp):
    text = (
        "The air force said the drone was warned five times about violating Korvan airspace. "
        "The Delmar defence ministry denied that its drone had violated Korvan airspace."
    )
    claims = records(doc_of(nlp, text), "claims")
    assert [[a.stance for a in c.attributions] for c in claims] == [["asserts"], ["denies"]]
    # a light verb passes the proposition on to what it governs
    text = (
        "The rebels said they had begun to shell the Korvan depot. "
        "The army said rebels shelled the Korvan depot at dawn."
    )
    [claim] = records(doc_of(nlp, text), "claims")
    assert len(claim.attributions) == 2


def test_a_negated_proposition_denies_it_past_framing_verbs(nlp):
    text = (
        "The rebels said the Federation gave them the Korvan missile system. "
        '"I would like to stress that the Federation did not give the rebels the Korvan '
        'missile system," the general said.'
    )
    [claim] = records(doc_of(nlp, text), "claims")
    assert [a.stance for a in claim.attributions] == ["asserts", "denies"]


def test_calling_a_reported_claim_unconfirmed_questions_it(nlp):
    claim = "The rebel command said its divers had mined the Korvask dam last week. "
    for judgement in (
        "The governor said the report was unverified.",
        'The governor said: "This has not been confirmed."',
    ):
        [dam] = records(doc_of(nlp, claim + judgement), "claims")
        assert [a.stance for a in dam.attributions] == ["asserts", "questions"], judgement


def test_labelling_a_report_false_denies_what_is_labelled(nlp):
    # the verb's own stance does not matter: "described" asserts, "dismissed" denies; the
    # label makes each a denial of the reports it labels
    for denial, labelled in (
        (
            "The interior ministry described the accounts of the refugees as lies.",
            "accounts of the refugees",
        ),
        ("The interior ministry dismissed that as fake news.", None),
        (
            "The army has called “propaganda” the reports that its soldiers looted the market.",
            "the reports that its soldiers looted the market",
        ),
    ):
        claims = records(doc_of(nlp, denial), "claims")
        [attribution] = [a for c in claims for a in c.attributions]
        assert attribution.stance == "denies", denial
        if labelled is not None:
            assert labelled in attribution.content.text, denial
            assert "lies" not in attribution.content.text


def test_evidence_called_false_denies_the_claim_it_was_shown_for(nlp):
    claims = records(
        doc_of(
            nlp,
            "Launcher\n\nThe militia leader said his men never had the launcher. Ivan Drozdov, "
            "the militia's prime minister, described the evidence pointing the other way as "
            "“fake”.",
        ),
        "claims",
    )
    [denial] = [a for c in claims for a in c.attributions if a.cue.text == "described"]
    assert denial.stance == "denies"
    assert denial.content.text == "the evidence pointing the other way"
    # evidence merely cited is no claim of its own
    assert not records(doc_of(nlp, "The bureau, citing evidence and data, spoke."), "claims")


def test_a_naming_verb_whose_label_the_parser_hangs_wrongly_still_denies(nlp):
    # the label as a second object, as the head of the report noun, or ending the clause that
    # spells out the report
    for denial, labelled in (
        ("The army branded the reports a lie.", "the reports"),
        ("The governor called the reports disinformation.", "the reports"),
        (
            "The governor called claims that his police shot protesters “baseless”.",
            "claims that his police shot protesters",
        ),
    ):
        claims = records(doc_of(nlp, denial), "claims")
        [attribution] = [a for c in claims for a in c.attributions]
        assert attribution.stance == "denies", denial
        assert attribution.content.text == labelled, denial
    # calling someone on the phone names nothing
    assert not records(doc_of(nlp, "The minister called the sports club."), "attributions")


def test_a_label_that_is_not_false_or_modifies_the_object_is_no_denial(nlp):
    for text in (
        "The interior ministry described the shelling of the market as a massacre.",
        "The army described the raid on the depot as a success.",
    ):
        claims = records(doc_of(nlp, text), "claims")
        assert claims, text
        assert all(a.stance == "asserts" for c in claims for a in c.attributions), text


def test_an_open_question_questions_the_proposition_and_a_condition_does_not(nlp):
    for text in (
        "Investigators said that finding out whether the blast was deliberate is their task.",
        "Investigators said it was not clear if the blast at the dam was deliberate.",
    ):
        claim, stances = the_claim(nlp, text)
        assert stances == ["questions"] and claim.text.startswith("The blast"), text
    condition = "The general said the army would strike back if the rebels attacked."
    assert the_claim(nlp, condition)[1] == ["asserts"]


def test_a_source_that_can_hardly_believe_a_claim_questions_it(nlp):
    text = (
        'The envoy said: "The governor announces 40 rebels killed and no civilians. '
        'I find it hard to believe."'
    )
    assert the_claim(nlp, text)[1] == ["questions"]
    believed = 'The envoy said: "The governor announces 40 rebels killed. I believe it."'
    assert the_claim(nlp, believed)[1] == ["asserts"]


def test_a_pointing_noun_spelled_out_by_an_apposition_gives_its_proposition(nlp):
    text = (
        "The Veldan president flatly denied Korvan claims, specifically the assertion that "
        "a military drone flew over the dam."
    )
    claim, stances = the_claim(nlp, text)
    assert claim.text == "A military drone flew over the dam" and stances == ["denies"]


def test_quotation_marks_left_out_of_a_claim_leave_their_spaces(nlp):
    text = "Korvask said only Larsk “instructors” and “trainers” were present in Veldia."
    assert (
        the_claim(nlp, text)[0].text == "Only Larsk instructors and trainers were present in Veldia"
    )


def test_a_denied_presence_is_a_claim(nlp):
    text = "Korvask denies the presence of mercenaries from the Larsk group in Veldia."
    claim, stances = the_claim(nlp, text)
    assert claim.text.startswith("The presence of mercenaries") and stances == ["denies"]


def test_a_so_called_event_is_denied_and_a_so_called_name_is_not(nlp):
    text = (
        "The envoy said Moscow was shocked by yet another provocation with the so-called gas "
        "attack in Korvask."
    )
    claim, stances = the_claim(nlp, text)
    assert claim.text == "Gas attack in Korvask" and stances == ["denies"]
    named = "The envoy said the so-called Islamic State had claimed the attack in Korvask."
    claims = records(doc_of(nlp, named), "claims")
    assert claims and all(a.stance == "asserts" for c in claims for a in c.attributions)


def test_a_modal_in_an_embedded_question_does_not_hedge_the_claim(nlp):
    # "might" asks who is responsible; the finding that an anchor caused the breaches is firm,
    # and not saying who is responsible is the same speakers going on, leaving that open
    text = (
        "Norway and Finland said that two breaches in the Vesta cable were caused by an "
        "anchor, but have not said who might be responsible."
    )
    finding, open_question = records(doc_of(nlp, text), "claims")
    assert "anchor" in finding.text and finding.status == "asserted"
    assert "might" not in {h.text for h in finding.hedges}
    assert [(a.source_text, a.stance) for a in open_question.attributions] == [
        ("Norway and Finland", "questions")
    ]
    # the same modal on the proposition itself, or in a relative clause of it, hedges it
    hedged, _ = the_claim(
        nlp,
        "Norway and Finland said that two breaches in the Vesta cable might have been caused by an anchor.",
    )
    assert "might" in {h.text for h in hedged.hedges}
    relative, _ = the_claim(
        nlp,
        "The coastguard said the freighter, which might have dragged its anchor, damaged the Vesta cable.",
    )
    assert "might" in {h.text for h in relative.hedges}


def test_a_label_before_its_shifted_object_denies_the_object(nlp):
    # heavy-NP shift: the quoted label comes right after "as", the long object after it
    claim, stances = the_claim(
        nlp,
        "The Vostrian foreign ministry dismissed as “disinformation” allegations that the "
        "operation led to a massacre of civilians in Tarsk.",
    )
    assert stances == ["denies"]
    assert claim.text == "The operation led to a massacre of civilians in Tarsk"
    described, stances = the_claim(
        nlp,
        'Vostria described as "lies" reports about the shelling of the Tarsk market.',
    )
    assert stances == ["denies"] and "shelling of the Tarsk market" in described.text
    # a bare label shifts before an object that states a clause
    bare, stances = the_claim(
        nlp,
        "The rebel command rejected as baseless claims that its artillery shelled the Tarsk market.",
    )
    assert stances == ["denies"] and bare.text == "Its artillery shelled the Tarsk market"
    # a label that is no falsity makes the shifted object a content asserted, not denied
    doc = doc_of(nlp, 'The minister described as "very productive" talks with the Tarsk council.')
    [(content, stance)] = [(a.content.text, a.stance) for a in records(doc, "attributions")]
    assert content == "talks with the Tarsk council" and stance == "asserts"


def test_a_quote_opened_by_an_adverbial_is_read_from_its_verb(nlp):
    # the parser hangs the quote's verb on the speech verb: the proposition is that verb's,
    # negated, not the opening phrase's
    text = (
        '"In all honesty, Kordavia was plainly not responsible for the fire at the port," '
        "Ivan Petrov said in a statement."
    )
    claim, stances = the_claim(nlp, text)
    assert stances == ["denies"]
    assert "Kordavia was plainly not responsible for the fire" in claim.text


def test_a_blaming_label_denies_a_report_but_not_an_event(nlp):
    shelling = "The army said rebels shelled the fuel depot at Korvask on Monday. "
    [report] = records(
        doc_of(nlp, shelling + "The rebel command called the reports a provocation."), "claims"
    )
    assert [a.stance for a in report.attributions] == ["asserts", "denies"]
    blamed = records(
        doc_of(
            nlp,
            shelling + 'The governor called the explosion at the depot a "provocation by the '
            'enemy".',
        ),
        "claims",
    )
    assert blamed and all(a.stance == "asserts" for c in blamed for a in c.attributions)


def test_rubbishing_allegations_denies_them(nlp):
    claim, stances = the_claim(
        nlp, "The ministry rubbished reports of shelling by government troops near Orsk."
    )
    assert stances == ["denies"] and "government troops" in claim.text


def test_an_accusation_states_the_deed_with_the_accused_as_its_agent(nlp):
    text = (
        "The Kordavian ministry accused the Veldan navy of blowing up the Orsk gas pipeline "
        "last month, a claim that Veldo said was false."
    )
    claim, stances = the_claim(nlp, text)
    assert stances == ["asserts", "denies"] and claim.status == "disputed"
    assert claim.text.startswith("The Veldan navy blowing up the Orsk gas pipeline")
    # the parser may hang "of" on the accused: the deed is still theirs
    text = (
        "Velna and Paris accuse the rebels of blowing the airliner out of the sky with a "
        "missile sent from Norland."
    )
    accused, _ = the_claim(nlp, text)
    assert accused.text.startswith("The rebels blowing the airliner out of the sky")
    blamed, _ = the_claim(nlp, "The governor blamed the rebels for the shelling of the market.")
    assert blamed.text == "The rebels for the shelling of the market"
    # a deed is said of the accused, not of a claim: accusing someone of lying denies nothing
    assert the_claim(nlp, "Veldo accused Kordavia of lying.")[1] == ["asserts"]


def test_reports_spelled_out_and_called_false_deny_the_claim_they_spell_out(nlp):
    shelling = "Rebels said Kordavian troops had shelled the village of Orsk on Monday. "
    for judgement, stance in (
        ("The ministry said reports that its troops had shelled the village were fake.", "denies"),
        (
            "The ministry said the reports that its troops had shelled the village were "
            "unconfirmed.",
            "questions",
        ),
        (
            "The ministry said it was absurd to suggest its troops had shelled the village.",
            "denies",
        ),
        (
            "The minister said it was important to say that the army had shelled the village.",
            "asserts",
        ),
    ):
        claim, stances = the_claim(nlp, shelling + judgement)
        assert stances == ["asserts", stance], judgement
        assert claim.text.startswith("Kordavian troops had shelled"), judgement


def test_labels_in_a_row_deny_the_report_they_label_and_relay_nothing(nlp):
    text = (
        'The government has condemned as "fictitious" and "biased" a UN report that says '
        "soldiers executed 40 villagers in Orsk."
    )
    claim, stances = the_claim(nlp, text)
    assert sorted(stances) == ["asserts", "denies"] and claim.status == "disputed"
    # the claim reads as its asserting report has it, not as the label's object
    assert claim.text == "Soldiers executed 40 villagers in Orsk"


def test_the_claim_of_a_misparsed_noun_complement_is_the_clause_after_that(nlp):
    # the small parser reads "claims ... had crossed" as subject and verb, "that" as a relative
    # pronoun; the proposition is still what follows "that", with its own subject
    text = "The ministry rubbished claims that hired gunmen had crossed the northern border."
    claim, stances = the_claim(nlp, text)
    assert stances == ["denies"]
    assert claim.text.startswith("Hired gunmen had crossed the northern border")


def test_no_evidence_that_a_proposition_holds_questions_that_proposition(nlp):
    for text in (
        "Investigators found no evidence that the militia had used chemical weapons in Sarovo.",
        "The minister said there is no evidence that foreign troops took part in the raid.",
        "The ministry said it had not seen any proof that its soldiers fired on the crowd.",
    ):
        claim, stances = the_claim(nlp, text)
        assert stances == ["questions"] and claim.status == "unverified", text
        # the claim is the proposition doubted, not the lack of evidence
        assert "evidence" not in claim.text and "proof" not in claim.text, text


def test_a_labelled_report_that_says_something_is_denied_by_its_labeller(nlp):
    text = (
        "The government has condemned as fabricated a report that says soldiers burned "
        "homes in Tarnik."
    )
    claim, _ = the_claim(nlp, text)
    assert claim.status == "disputed" and claim.text == "Soldiers burned homes in Tarnik"
    [denial] = [a for a in claim.attributions if a.stance == "denies"]
    # the one who condemns speaks for itself: it relays nothing
    assert denial.source_text == "The government" and not denial.relay


def test_who_rejects_or_questions_a_report_holding_a_claim_relays_nothing(nlp):
    text = (
        "The government rejected a report by the monitors that said troops had shelled the village."
    )
    claim, _ = the_claim(nlp, text)
    assert claim.status == "disputed" and claim.text == "Troops had shelled the village"
    assert sources(claim) == {("The government", "denies"), ("the monitors", "asserts")}
    assert not any(a.relay for a in claim.attributions)
    text = (
        "The French foreign minister questioned the version of the army, which claims to have "
        "killed 90 militants in Tessit."
    )
    claim, stances = the_claim(nlp, text)
    assert sorted(stances) == ["asserts", "questions"] and claim.status == "unverified"


def test_a_condition_on_confirmation_questions_what_is_to_be_confirmed(nlp):
    text = (
        "The State Department says it is following the accounts with concern, and if a "
        "massacre is confirmed, it would press for sanctions."
    )
    claims = records(doc_of(nlp, text), "claims")
    [massacre] = [c for c in claims if c.text == "A massacre"]
    # the one who sets the condition leaves the massacre open
    assert sources(massacre) == {("usa_foreign_ministry", "questions")}
    assert massacre.status == "unverified"


def test_a_source_unable_to_confirm_a_proposition_questions_it(nlp):
    for text in (
        "The police said they were unable to confirm that the suspect had been arrested.",
        "The army declined to confirm that its forces had entered the town.",
    ):
        claim, stances = the_claim(nlp, text)
        assert stances == ["questions"] and claim.status == "unverified", text
        assert "confirm" not in claim.text, text
    helicopters = "The rebels said they had shot down two helicopters. "
    claim, stances = the_claim(
        nlp, helicopters + "The ministry said it could not confirm the reports."
    )
    # not confirming the reports leaves them open: it does not deny them
    assert stances == ["asserts", "questions"] and claim.status == "unverified"


def test_the_claim_of_a_judgement_is_what_it_judges(nlp):
    for text in (
        "The ministry said it was not true that its troops had looted the village.",
        "The army said the claims that its troops had looted the village were groundless.",
    ):
        claim, stances = the_claim(nlp, text)
        assert stances == ["denies"], text
        assert claim.text == "Its troops had looted the village", text


def test_the_report_a_source_denies_is_not_its_own_assertion(nlp):
    claim, _ = the_claim(nlp, "White House denies report that US navy blew up the bridge")
    # one denial, neither an assertion nor a dispute of the White House with itself
    assert claim.status == "denied"
    assert [(a.source_text, a.stance) for a in claim.attributions] == [("White House", "denies")]


def test_a_search_that_found_no_evidence_of_a_thing_denies_it_was_there(nlp):
    for text in (
        "Chemists from the agency said they had found no evidence of a blister agent in Sarovo.",
        "The monitors said their patrol detected no sign of shelling near the Tarnik school.",
    ):
        claim, stances = the_claim(nlp, text)
        assert stances == ["denies"] and claim.status == "denied", text
        # the claim is the thing said to be there, not the search
        assert "found" not in claim.text and "detected" not in claim.text, text
    # evidence that a clause spells out is only doubted, whoever looked for it
    claim, stances = the_claim(
        nlp, "The chemists said they had found no evidence that the militia used gas."
    )
    assert stances == ["questions"]


def test_what_a_denier_says_instead_is_a_claim_of_its_own(nlp):
    text = (
        "Officials in Varno accused the militia of shelling the market in Tarnik. "
        "The militia denied the accusation, saying the market was hit by army artillery."
    )
    accused, instead = records(doc_of(nlp, text), "claims")
    assert [a.stance for a in accused.attributions] == ["asserts", "denies"]
    assert accused.status == "disputed"
    assert [a.stance for a in instead.attributions] == ["asserts"]
    assert instead.text.startswith("The market was hit by army artillery")
    # the denied claim keeps its own text, not the counter-assertion's
    denied, instead = records(
        doc_of(
            nlp, "The militia denied shelling the market in Tarnik, saying army gunners hit it."
        ),
        "claims",
    )
    assert denied.status == "denied" and "shelling the market" in denied.text.lower()
    assert instead.status == "asserted" and instead.text.startswith("Army gunners hit it")
