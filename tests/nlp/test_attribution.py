"""Attribution frames on hand-written sentences, one test per news form."""

from __future__ import annotations

from sitrep.ingest.text import parse_text
from sitrep.nlp.attribution import find_quotes
from sitrep.nlp.doc import new_doc_state


def frames_of(nlp, text, outlet=None):
    article = parse_text(text, outlet=outlet)
    doc = nlp.make_doc(article.body)
    new_doc_state(doc, article)
    doc = nlp(doc)
    return doc, doc._.attributions


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
    spokesman = [f for f in frames if described(doc, f)[0] == "A spokesman for the group"]
    assert spokesman and spokesman[0].actor == "islamic_state"


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
