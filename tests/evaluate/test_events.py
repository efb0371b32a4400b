"""The event scorers on tiny gold files written for these tests."""

import json

import pytest

from sitrep.errors import SitrepError
from sitrep.evaluate.events import (
    evaluate_event_locations,
    evaluate_event_typing,
    evaluate_events,
    read_location_gold,
    read_plover_gold,
    score_events,
)
from sitrep.ingest.meta import make_article
from sitrep.model import Actor, ArticleReport, Event, Span

RECORDS = [
    {
        "id": "t1",
        "event": "FIGHT",
        "text": "Rebels attacked an army base in the north on Monday.",
        "source": [{"actorText": "Rebels", "code": "XXX"}],
        "target": [{"actorText": "army base", "code": "XXX"}],
        "textInfo": {
            "markup": "(SRC: Rebels) (EVT: attacked) an (TAR: army base) in the north on Monday."
        },
    },
    {
        "id": "t2",
        "event": "DEMAND",
        "text": "The United Nations urged Israel to release the prisoners.",
        "source": [{"actorText": "United Nations", "code": "IGO"}],
        "target": [{"actorText": "Israel", "code": "ISR"}],
        "textInfo": {
            "markup": "The (SRC: United Nations) (EVT: urged) (TAR: Israel) to release the prisoners."
        },
    },
    {
        "id": "t3",
        "event": "AGREE",
        "text": "The weather was mild in the capital.",
        "source": [{"actorText": "capital", "code": "XXX"}],
        "target": "",
        "textInfo": {"markup": "The weather was mild in the (SRC: capital)."},
    },
]


def tokens(text):
    found, at = [], 0
    for n, word in enumerate(text.split()):
        at = text.index(word, at)
        found.append({"text": word, "start": at, "end": at + len(word), "id": n})
        at += len(word)
    return found


def location_record(text, verb, location=None):
    toks = tokens(text)
    index = {t["text"].strip(".,"): t["id"] for t in toks}
    spans = [
        {
            "label": "VERB",
            "token_start": index[verb],
            "token_end": index[verb],
            "start": 0,
            "end": 0,
        }
    ]
    if location:
        # Character offsets are deliberately wrong: the scorer must use the token offsets.
        spans.append(
            {
                "label": "LOCATION",
                "token_start": index[location],
                "token_end": index[location],
                "start": 0,
                "end": 0,
            }
        )
    return {"text": text, "tokens": toks, "spans": spans}


def test_plover_gold_maps_old_labels_and_finds_trigger_phrases(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(RECORDS), "utf-8")
    gold = read_plover_gold(path)
    assert [g.type for g in gold] == ["ASSAULT", "REQUEST", "AGREE"]
    first = gold[0]
    assert [first.text[s:e] for s, e in first.triggers] == ["attacked"]
    assert gold[2].targets == ()


def test_event_scores_on_a_tiny_gold_file(tmp_path, analyzer):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(RECORDS), "utf-8")
    scores = evaluate_events(path, analyzer.analyze_many)
    assert scores.sentences == 3 and scores.targets == 2
    assert scores.type_accuracy == round(2 / 3, 4)  # the weather sentence has no event
    assert scores.source_match == round(2 / 3, 4)
    assert scores.target_match == 1.0
    assert scores.confusion["AGREE"] == {"none": 1}
    assert scores.confusion["ASSAULT"] == {"ASSAULT": 1}


def test_typing_scores_set_rules_and_model_beside_the_combination(tmp_path, analyzer, nlp):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(RECORDS), "utf-8")
    scores = evaluate_events(path, analyzer.analyze_many)

    def no_events(articles):
        return [ArticleReport(article) for article in articles]

    typing = evaluate_event_typing(path, scores, no_events, nlp)
    assert (typing.sentences, typing.combined, typing.rules_only) == (3, scores.type_accuracy, 0.0)
    # The model alone reads "Rebels attacked an army base" as the ASSAULT it is.
    assert typing.model_only in (round(1 / 3, 4), round(2 / 3, 4), 1.0)


def test_actor_match_by_country_code_counts_as_resolved(tmp_path):
    text = "Moscow denied it."
    path = tmp_path / "gold.json"
    record = {
        "event": "REJECT",
        "text": text,
        "source": [{"actorText": "Russia", "code": "RUS"}],
        "target": "",
    }
    path.write_text(json.dumps([record]), "utf-8")
    gold = read_plover_gold(path)
    report = ArticleReport(
        article=make_article(text),
        actors=(
            Actor(
                "rus_government", "Russian government", "government", "RUS", (Span(0, 6, "Moscow"),)
            ),
        ),
        events=(
            Event("e1", "REJECT", Span(7, 13, "denied"), Span(0, 17, text), actor="rus_government"),
        ),
    )
    scores = score_events(gold, [report])
    assert scores.type_accuracy == 1.0
    assert scores.source_match == 1.0 and scores.source_resolved == 1.0


def test_bad_plover_gold_is_a_catalogue_error(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([{"event": "PARTY", "text": "x"}]), "utf-8")
    with pytest.raises(SitrepError) as err:
        read_plover_gold(path)
    assert err.value.code == "E040" and "PARTY" in err.value.message
    path.write_text("{not json", "utf-8")
    with pytest.raises(SitrepError):
        read_plover_gold(path)


def test_location_gold_uses_token_offsets(tmp_path):
    path = tmp_path / "loc.jsonl"
    record = location_record("Gunmen shot two officers in Kabul on Friday.", "shot", "Kabul")
    path.write_text(json.dumps(record) + "\n", "utf-8")
    (gold,) = read_location_gold(path)
    assert gold.text[slice(*gold.verb)] == "shot"
    assert [gold.text[s:e] for s, e in gold.locations] == ["Kabul"]


def test_location_gold_token_end_is_inclusive(tmp_path):
    path = tmp_path / "loc.jsonl"
    record = location_record("Gunmen shot two officers in Port Sudan on Friday.", "shot", "Port")
    record["spans"][1]["token_end"] += 1  # "Port Sudan": two tokens, the last one included
    path.write_text(json.dumps(record) + "\n", "utf-8")
    (gold,) = read_location_gold(path)
    assert [gold.text[s:e] for s, e in gold.locations] == ["Port Sudan"]


def test_location_scores_on_a_tiny_gold_file(tmp_path, analyzer):
    path = tmp_path / "loc.jsonl"
    lines = [
        location_record("Gunmen shot two officers in Kabul on Friday.", "shot", "Kabul"),
        location_record("Police from Berlin arrested three men on Friday.", "arrested"),
        location_record("The weather in Paris was mild.", "was"),
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    scores = evaluate_event_locations(path, analyzer.analyze_many)
    assert scores.sentences == 3 and scores.with_location == 1
    assert scores.with_location_accuracy == 1.0  # Kabul, not a place elsewhere in the sentence
    assert scores.without_location_accuracy == 1.0  # "Police from Berlin" is not where
    assert scores.event_found == 2 and scores.accuracy == 1.0


def test_location_gold_without_a_verb_is_refused(tmp_path):
    path = tmp_path / "loc.jsonl"
    path.write_text(json.dumps({"text": "x", "tokens": [], "spans": []}) + "\n", "utf-8")
    with pytest.raises(SitrepError) as err:
        read_location_gold(path)
    assert err.value.code == "E040"
