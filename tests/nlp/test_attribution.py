"""Attribution frames on hand-written sentences, one test per news form."""

from __future__ import annotations

import srsly

from sitrep.nlp.attribution import attribution_frames, find_quotes
from sitrep.nlp.doc import records

from .analyzed import analyzed


def frames_of(nlp, text, outlet=None):
    doc = analyzed(nlp, text, outlet=outlet)
    return doc, attribution_frames(doc)


def described(doc, frame):
    """(source words, cue words, content pieces) as written."""
    source = doc.text[frame.source[0] : frame.source[1]] if frame.source else None
    return source, doc.text[frame.cue[0] : frame.cue[1]], [doc.text[s:e] for s, e in frame.content]


def only(doc, frames, cue):
    found = [f for f in frames if doc.text[f.cue[0] : f.cue[1]] == cue]
    assert len(found) == 1, [described(doc, f) for f in frames]
    return found[0]


def test_said_that(nlp):
    doc, frames = frames_of(
        nlp, "Colonel Ahmed Saleh said that the convoy was ambushed near the border."
    )
    frame = only(doc, frames, "said")
    assert described(doc, frame) == (
        "Colonel Ahmed Saleh",
        "said",
        ["that the convoy was ambushed near the border"],
    )
    assert frame.stance == "asserts" and frame.actor is not None


def test_said_after_the_content(nlp):
    doc, frames = frames_of(
        nlp, "The convoy was ambushed near the border, the army said on Monday."
    )
    source, _, content = described(doc, only(doc, frames, "said"))
    assert source == "the army" and content == ["The convoy was ambushed near the border"]


def test_a_bare_copula_and_the_clause_of_its_adjective_are_one_content(nlp):
    # the parser leaves "was" bare and hangs "aware ... had the launcher" on "said"
    doc, frames = frames_of(
        nlp,
        "Launcher\n\nIn a later interview a militia commander said he was aware militia "
        "fighters had the launcher.",
    )
    _, _, content = described(doc, only(doc, frames, "said"))
    assert content == ["he was aware militia fighters had the launcher"]


def test_told_a_news_agency_is_a_relay(nlp):
    doc, frames = frames_of(
        nlp, "A local official told Reuters that 12 civilians were killed in the strike."
    )
    frame = only(doc, frames, "told")
    assert described(doc, frame)[0] == "A local official"
    assert [(v.source_text, v.source) for v in frame.via] == [("Reuters", "reuters")]


def test_verbs_of_claiming_announcing_confirming_insisting_warning(nlp):
    text = (
        "The rebels claimed they had shot down a helicopter. "
        "The government announced that the ceasefire would begin at midnight. "
        "The ministry confirmed that two soldiers were wounded. "
        "The commander insisted his troops were still in the town. "
        "The United Nations warned that fighting could displace thousands more people."
    )
    doc, frames = frames_of(nlp, text)
    cues = {doc.text[f.cue[0] : f.cue[1]]: f for f in frames}
    assert {"claimed", "announced", "confirmed", "insisted", "warned"} <= set(cues)
    assert all(
        cues[c].stance == "asserts" for c in ("claimed", "announced", "confirmed", "insisted")
    )
    assert described(doc, cues["warned"])[2] == [
        "that fighting could displace thousands more people"
    ]


def test_according_to_makes_the_outer_layer_of_a_chain(nlp):
    doc, frames = frames_of(
        nlp,
        "The Russian Defence Ministry denied that its soldiers had been captured, according to Interfax.",
    )
    denied = only(doc, frames, "denied")
    according = only(doc, frames, "according to")
    assert denied.stance == "denies" and denied.actor == "rus_defence_ministry"
    assert [(v.source_text, v.source) for v in denied.via] == [("Interfax", "interfax")]
    assert according.relay and not denied.relay


def test_according_to_alone(nlp):
    doc, frames = frames_of(
        nlp,
        "Twelve civilians were killed in the strike, according to the Syrian Observatory for Human Rights.",
    )
    source, _, content = described(doc, only(doc, frames, "according to"))
    assert source == "the Syrian Observatory for Human Rights"
    assert content == ["Twelve civilians were killed in the strike"]


def test_said_in_a_statement(nlp):
    doc, frames = frames_of(
        nlp, "The Interior Ministry said in a statement that the attackers had been arrested."
    )
    assert described(doc, only(doc, frames, "said")) == (
        "The Interior Ministry",
        "said",
        ["that the attackers had been arrested"],
    )


def test_citing_names_the_original_source_and_the_relay(nlp):
    doc, frames = frames_of(
        nlp,
        "Interfax reported, citing a source in the defence ministry, that the pilots had ejected.",
    )
    citing = only(doc, frames, "citing")
    assert described(doc, citing) == (
        "a source in the defence ministry",
        "citing",
        ["that the pilots had ejected"],
    )
    assert [v.source for v in citing.via] == ["interfax"]
    assert only(doc, frames, "reported").relay


def test_direct_quote_after_a_colon_over_two_sentences(nlp):
    doc, frames = frames_of(
        nlp,
        "The soldier spoke to the camera. He then said: “We were ambushed at dawn. Nobody came to help us.”",
    )
    frame = only(doc, frames, "said")
    assert frame.source_text == "The soldier"
    assert described(doc, frame)[2] == ["“We were ambushed at dawn. Nobody came to help us.”"]


def test_quote_split_around_the_speaker(nlp):
    doc, frames = frames_of(
        nlp, "“We were ambushed at dawn,” the soldier said. “Nobody came to help us.”"
    )
    assert described(doc, only(doc, frames, "said")) == (
        "the soldier",
        "said",
        ["“We were ambushed at dawn,”", "“Nobody came to help us.”"],
    )


def test_quote_running_over_paragraphs(nlp):
    text = (
        "The governor spoke to reporters on Monday.\n"
        "“The road is closed and the bridge is gone.\n"
        "“We have asked the army for boats,” he said."
    )
    doc, frames = frames_of(nlp, text)
    frame = only(doc, frames, "said")
    assert described(doc, frame)[2] == [
        "“The road is closed and the bridge is gone.",
        "“We have asked the army for boats,”",
    ]
    assert frame.source_text == "The governor"


def test_passive_reported_by(nlp):
    doc, frames = frames_of(
        nlp, "It was reported by the state news agency that three ministers had resigned."
    )
    assert described(doc, only(doc, frames, "was reported")) == (
        "the state news agency",
        "was reported",
        ["that three ministers had resigned"],
    )


def test_in_a_video_released_by(nlp):
    doc, frames = frames_of(
        nlp,
        "In a video released by Islamic State, two men in uniform are seen kneeling in front of a flag.",
    )
    frame = only(doc, frames, "In a video")
    assert frame.actor == "islamic_state" and frame.form == "artefact"
    assert described(doc, frame)[2] == ["two men in uniform are seen kneeling in front of a flag"]


def test_an_artefact_speaks_for_whoever_released_it(nlp):
    doc, frames = frames_of(
        nlp,
        "Islamic State released a video on Monday. The video said that two soldiers had been captured.",
    )
    frame = only(doc, frames, "said")
    assert frame.source_text == "The video" and frame.actor == "islamic_state"


def test_an_outlet_speaks_for_its_parent(nlp):
    doc, frames = frames_of(
        nlp, "Amaq said late last month the militants captured two Russians near the town."
    )
    frame = only(doc, frames, "said")
    assert frame.actor == "amaq"
    assert described(doc, frame)[2] == ["the militants captured two Russians near the town"]


def test_pronouns_and_descriptions_resolve_to_the_speaker(nlp):
    text = (
        "The bearded man gave his name and his home village. "
        "He said that he had been captured near the river. "
        "Islamic State fighters attacked the town on Sunday. "
        "A spokesman for the group said the fighters had withdrawn."
    )
    doc, frames = frames_of(nlp, text)
    he = [f for f in frames if described(doc, f)[0] == "He"]
    assert he and he[0].source_text == "The bearded man"
    # a person described, not named, is an actor of the article once a source resolves to him
    assert he[0].actor == "person_bearded_man"
    [man] = [a for a in records(doc, "actors") if a.id == "person_bearded_man"]
    assert man.kind == "person" and man.name == "The bearded man"
    spokesman = [f for f in frames if described(doc, f)[0] == "A spokesman for the group"]
    assert spokesman and spokesman[0].actor == "islamic_state"


def test_only_a_description_that_tells_one_person_apart_becomes_an_actor(nlp):
    doc, frames = frames_of(
        nlp,
        "The man said the road was closed. The two wounded men said they had walked all night. "
        "The older woman said her son was missing.",
    )
    assert {f.actor for f in frames} == {None, "person_older_woman"}
    assert [a.id for a in records(doc, "actors") if a.kind == "person"] == ["person_older_woman"]


def test_it_refers_back_to_a_body(nlp):
    doc, frames = frames_of(
        nlp,
        "The defence ministry said no soldiers were hurt. It added that the convoy had reached the base.",
    )
    assert only(doc, frames, "added").source_text == "The defence ministry"


def test_attributions_inside_a_quote_belong_to_the_quote(nlp):
    doc, frames = frames_of(nlp, "“I think they said the road was open,” the driver said.")
    assert [doc.text[f.cue[0] : f.cue[1]] for f in frames] == ["said"]
    assert frames[0].source_text == "the driver"


def test_find_quotes_pairs_marks_and_chains_paragraphs():
    text = "He said: \"a b” and ''c d,'' then «e».\n“First part\n“second part,” she said."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [
        '"a b”',
        "''c d,''",
        "«e»",
        "“First part",
        "“second part,”",
    ]
    assert quotes[3].chain == quotes[4].chain != quotes[2].chain


def test_a_dash_signature_after_a_closing_mark_typed_as_opening(nlp):
    # A paragraph opened with a closing mark, the dash glued to the quote, a no-break space.
    text = (
        "Readers wrote in.\n”The ceasefire will not hold.”―\u00a0Maria Lopez\u00a0\nMore follows."
    )
    doc, frames = frames_of(nlp, text)
    frame = only(doc, frames, "―")
    source, _, content = described(doc, frame)
    assert source.strip() == "Maria Lopez" and content == ["”The ceasefire will not hold.”"]


def test_an_artefact_may_label_a_headline(nlp):
    doc, frames = frames_of(nlp, "Poll: Most voters back the truce\n\nThe survey was published.")
    frame = only(doc, frames, ":")
    assert described(doc, frame)[:2] == ("Poll", ":")


def test_calling_names_with_the_object_under_the_name(nlp):
    doc, frames = frames_of(nlp, "The senator called the general a dangerous liar on Monday.")
    _, _, content = described(doc, only(doc, frames, "called"))
    assert "a dangerous liar" in content[0]
    doc, frames = frames_of(nlp, "The operation, called Desert Shield, began in May.")
    assert not [f for f in frames if doc.text[f.cue[0] : f.cue[1]] == "called"]


def test_embedded_questions_and_that_less_clauses_hung_as_adverbials(nlp):
    doc, frames = frames_of(nlp, "Officials have not said when the border would reopen.")
    assert "the border would reopen" in described(doc, only(doc, frames, "have not said"))[2][0]
    doc, frames = frames_of(nlp, "The mayor said after the meeting he would not resign.")
    assert "he would not resign" in described(doc, only(doc, frames, "said"))[2][0]


def test_a_speech_verb_without_a_clause_reports_its_topic(nlp):
    doc, frames = frames_of(
        nlp, "The governor spoke out on Tuesday about the shelling of the port."
    )
    frame = only(doc, frames, "spoke out")
    assert described(doc, frame)[2] == ["the shelling of the port"]


def test_receiving_criticism_is_a_cue_with_the_target_as_content(nlp):
    doc, frames = frames_of(nlp, "The interior minister has faced criticism from rights groups.")
    frame = only(doc, frames, "has faced criticism")
    source, _, content = described(doc, frame)
    assert source == "rights groups" and content == ["The interior minister"]
    doc, frames = frames_of(nlp, "The convoy came under fire near the bridge.")
    assert frames == []


def test_seeing_something_as_something_is_an_opinion(nlp):
    doc, frames = frames_of(nlp, "Many residents saw the decree as a provocation.")
    frame = only(doc, frames, "saw")
    assert frame.kind == "belief" and "a provocation" in described(doc, frame)[2][0]
    _, frames = frames_of(nlp, "The region saw heavy rain last week.")
    assert frames == []


def test_cognitive_verbs_take_a_noun_phrase_as_content(nlp):
    doc, frames = frames_of(nlp, "A 2019 study found dozens of unreported strikes.")
    assert described(doc, only(doc, frames, "found"))[2] == ["dozens of unreported strikes"]


def test_a_passive_participle_of_feeling_is_an_adjective_cue(nlp):
    doc, frames = frames_of(nlp, "Farmers were frustrated with the new quotas.")
    frame = only(doc, frames, "were frustrated")
    assert described(doc, frame)[0] == "Farmers" and frame.kind == "attitude"


def test_according_to_split_from_its_clause(nlp):
    doc, frames = frames_of(nlp, "According to local officials, the dam was damaged overnight.")
    frame = only(doc, frames, "According to")
    source, _, content = described(doc, frame)
    assert source == "local officials" and "the dam was damaged overnight" in content[0]


def test_judging_verbs_but_not_physical_attacks(nlp):
    doc, frames = frames_of(nlp, "The opposition leader chastised the cabinet for its silence.")
    assert described(doc, only(doc, frames, "chastised"))[0] == "The opposition leader"
    _, frames = frames_of(nlp, "Gunmen attacked the checkpoint at dawn.")
    assert frames == []


def test_frames_are_kept_as_plain_data_indexing_the_article_text(nlp):
    # Leading blank lines: the body, and so the doc, starts two characters into the article.
    doc, frames = frames_of(
        nlp, "\n\nThe ministry said the road was open. It added that trucks passed."
    )
    assert doc._.offset == 2
    kept = doc._.attribution_frames
    for data in (kept, doc._.attributions):
        assert srsly.msgpack_loads(srsly.msgpack_dumps(data)) == data
    article = doc._.article["text"]
    said = next(data for data in kept if data["rule"] == "cues.verb")
    assert article[said["cue"][0] : said["cue"][1]] == "said"
    record = next(data for data in doc._.attributions if data["rule"] == "cues.verb")
    assert article[record["cue"]["start"] : record["cue"]["end"]] == "said"
    assert only(doc, frames, "added").source_text == "The ministry"


def test_citing_a_reason_is_the_subject_speaking(nlp):
    doc, frames = frames_of(nlp, "The court blocked the sale, citing a threat to public health.")
    frame = only(doc, frames, "citing")
    assert described(doc, frame) == ("The court", "citing", ["a threat to public health"])


def test_seeming_is_the_authors_impression_without_a_source(nlp):
    doc, frames = frames_of(nlp, "The envoy seems to have left the capital.")
    frame = only(doc, frames, "seems")
    assert frame.source is None and "The envoy" in described(doc, frame)[2][0]
    doc, frames = frames_of(nlp, "The envoy appeared to suggest that talks had failed.")
    # a cue verb under it reports, its cue from the verb of impression on, as PolNeAR marks it
    assert [doc.text[f.cue[0] : f.cue[1]] for f in frames] == ["appeared to suggest"]


def test_a_light_verb_makes_its_subject_the_holder_of_a_cue_noun(nlp):
    doc, frames = frames_of(nlp, "The envoy made a brief comment about the ceasefire.")
    frame = only(doc, frames, "made a brief comment")
    source, _, content = described(doc, frame)
    assert source == "The envoy" and content == ["the ceasefire"]


def test_a_cue_verb_the_lemmatizer_gets_wrong(nlp):
    # The rule lemmatizer reads "hoped" as a form of "hop".
    doc, frames = frames_of(nlp, "Mr. Clarke hoped the regulators would approve the plan.")
    frame = only(doc, frames, "hoped")
    assert described(doc, frame)[2] == ["the regulators would approve the plan"]


def test_a_physical_verb_of_criticism_needs_its_reason(nlp):
    doc, frames = frames_of(
        nlp, "The governor blasted the minister for ignoring the flood warnings."
    )
    source, _, content = described(doc, only(doc, frames, "blasted"))
    assert source == "The governor" and "for ignoring the flood warnings" in content[0]
    doc, frames = frames_of(nlp, "Rebels attacked the convoy with rockets near the bridge.")
    assert not frames


def test_a_parenthetical_as_clause_reports_its_host(nlp):
    doc, frames = frames_of(
        nlp, "The port, as one analyst put it, has become a bargaining chip in the talks."
    )
    source, _, content = described(doc, only(doc, frames, "put it"))
    assert source == "one analyst" and "has become a bargaining chip" in " ".join(content)
    doc, frames = frames_of(nlp, "The streets stayed empty as many residents continued to hide.")
    assert not frames


def test_said_as_much_has_the_pro_form_as_content(nlp):
    doc, frames = frames_of(nlp, "The mayor said as much in a radio interview on Friday.")
    assert described(doc, only(doc, frames, "said"))[2] == ["as much"]


def test_a_colon_opens_a_quotation_no_verb_introduces(nlp):
    doc, frames = frames_of(
        nlp, 'The general had one message for his troops: "Hold the line at all costs."'
    )
    assert described(doc, only(doc, frames, ":"))[2] == ['"Hold the line at all costs."']
    doc, frames = frames_of(
        nlp, 'The report was blunt. Said Okafor: "The dam will not survive another storm."'
    )
    source, _, content = described(doc, only(doc, frames, "Said"))
    assert source == "Okafor" and content == ['"The dam will not survive another storm."']


def test_a_headline_quotes_in_single_marks(nlp):
    text = "Mayor Chides Water Board: ‘Fix The Pipes Now’\n\nThe mayor spoke at noon."
    doc, frames = frames_of(nlp, text)
    assert described(doc, only(doc, frames, ":"))[2] == ["‘Fix The Pipes Now’"]


def test_a_headline_verb_read_as_a_name(nlp):
    text = "Black Farmers Rip Minister As A ‘Disgrace’\n\nThe farmers met on Monday in the capital."
    doc, frames = frames_of(nlp, text)
    source, _, content = described(doc, only(doc, frames, "Rip"))
    assert source == "Black Farmers" and content[0].startswith("Minister")


def test_a_headline_label_named_again_in_the_article(nlp):
    text = (
        "Okonkwo: the dam will not hold\n\nEngineer Ada Okonkwo warned the council on Monday "
        "that the dam was failing."
    )
    doc, frames = frames_of(nlp, text)
    assert described(doc, only(doc, frames, ":"))[0] == "Okonkwo"
    doc, frames = frames_of(nlp, "Correction: An earlier version misspelled a name.")
    assert not frames


def test_according_to_with_the_clause_hung_on_the_source(nlp):
    doc, frames = frames_of(
        nlp, "According to local radio host Sam Reyes, the ceasefire smacks of desperation."
    )
    source, _, content = described(doc, only(doc, frames, "According to"))
    assert source.endswith("Sam Reyes") and "the ceasefire smacks of desperation" in content[0]


def test_a_name_right_after_its_title_is_part_of_the_source(nlp):
    doc, frames = frames_of(
        nlp, "The Veldan president Arno Tamm denied that rebels shelled the dam."
    )
    frame = only(doc, frames, "denied")
    assert frame.source_text == "The Veldan president Arno Tamm"
    # a comma-set apposition describes the source and stays out
    doc, frames = frames_of(
        nlp, "Arno Tamm, a lawyer from Korvask, denied that rebels shelled the dam."
    )
    assert only(doc, frames, "denied").source_text == "Arno Tamm"


def test_a_role_with_a_name_in_apposition_is_the_person_named(nlp):
    # the office ("Chilean president") is an actor too, but the speaker is the person
    doc, frames = frames_of(
        nlp,
        "Fighting went on near the border on Monday. The Chilean president, Ana Torres, said "
        "her troops had no part in the blast. The ministry, the main military body, said the "
        "convoy had been hit.",
    )
    president, ministry = (f for f in frames if described(doc, f)[1] == "said")
    assert president.actor == "person_ana_torres"
    assert ministry.actor != "person_ana_torres"
