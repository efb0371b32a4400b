"""Paragraph breaks end sentences before the parser runs (sitrep_paragraphs)."""

from __future__ import annotations

from sitrep.nlp.attribution import attribution_frames

from .analyzed import analyzed

ARTICLE = (
    "Korvan officials said Veldan drones had flown over the dam.\n\n"
    "See the full briefing:\n\n\n"
    "The Veldan response\n\n"
    "The Veldan president Arno Tamm flatly denied the claims.\n"
)


def test_a_sentence_opens_after_a_blank_line(nlp):
    sentences = [s.text.strip() for s in nlp(ARTICLE).sents]
    assert sentences[0] == "Korvan officials said Veldan drones had flown over the dam."
    assert sentences[-1] == "The Veldan president Arno Tamm flatly denied the claims."


def test_a_paragraph_ending_in_a_colon_runs_on_into_the_next(nlp):
    doc = nlp("The general told reporters that:\n\n  • drones had flown over the dam.\n")
    assert len(list(doc.sents)) == 1


def test_a_heading_above_a_speaker_leaves_the_speaker_whole(nlp):
    doc = analyzed(nlp, ARTICLE)
    denial = next(f for f in attribution_frames(doc) if doc.text[f.cue[0] : f.cue[1]] == "denied")
    assert denial.source_text == "The Veldan president Arno Tamm"
    assert denial.stance == "denies"


def test_a_sentence_opens_after_a_line_that_ends_one(nlp):
    doc = nlp(
        "“Our teams have reached the crash site.”\n"
        "“We have no weapons that reach that height,” he told a news agency.\n"
        "Officials in the capital\nsaid the search would go on."
    )
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "“Our teams have reached the crash site.”"
    assert sentences[1].startswith("“We have no weapons")
    assert "Officials in the capital\nsaid the search would go on." in sentences


def test_a_quote_on_the_line_before_is_not_the_next_speakers_content(nlp):
    doc = analyzed(
        nlp,
        "Crash\n\n“Our teams have reached the crash site.”\n"
        "“We have no weapons that reach that height,” he told a news agency.",
    )
    told = next(f for f in attribution_frames(doc) if doc.text[f.cue[0] : f.cue[1]] == "told")
    content = " ".join(doc.text[start:end] for start, end in told.content)
    assert "no weapons" in content and "teams" not in content
