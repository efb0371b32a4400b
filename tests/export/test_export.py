"""Exports: every format on reports built by hand, formula injection, columns that round-trip,
and the `sitrep export` command over a store."""

import csv
import io
import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.errors import SitrepError
from sitrep.export import FORMATS, export, export_to_path
from sitrep.export.tables import ACLED_COLUMNS, EVENTS_CSV_COLUMNS, GDELT_COLUMNS, safe_cell
from sitrep.ingest.meta import make_article
from sitrep.model import (
    Actor,
    ArticleReport,
    Attribution,
    Casualty,
    Claim,
    Event,
    Place,
    Span,
    TimeRef,
)
from sitrep.store import Store

TEXT = "Rebels captured two soldiers near Goma late last month. The army denied it."


def make_report(actor_name="Rebel Front", evidence=None):
    article = make_article(
        TEXT, outlet="Test Wire", url="https://example.org/a", published="2024-03-05"
    )
    rebels = Actor("rebel_front", actor_name, "armed_group", None, (Span(0, 6, "Rebels"),))
    army = Actor(
        "cod_military", "Congolese military", "military", "COD", (Span(56, 64, "The army"),)
    )
    goma = Place(
        "geo:217831", "Goma", -1.679, 29.228, "CD", "city", 217831, (Span(34, 38, "Goma"),)
    )
    late = TimeRef("t1", "2024-02", Span(39, 54, "late last month"))
    capture = Event(
        "e1",
        "ASSAULT",
        Span(7, 15, "captured"),
        Span(0, 55, evidence or TEXT[:55]),
        mode="abduct",
        actor="rebel_front",
        place="geo:217831",
        time="t1",
        actor_span=Span(0, 6, "Rebels"),
        recipient_span=Span(16, 28, "two soldiers"),
        mentions=(Span(7, 15, "captured"),),
    )
    denial = Event(
        "e2", "REJECT", Span(65, 71, "denied"), Span(56, 75, TEXT[56:]), actor="cod_military"
    )
    hypothetical = Event(
        "e3",
        "ASSAULT",
        Span(7, 15, "captured"),
        Span(0, 55, TEXT[:55]),
        place="geo:217831",
        modality="hypothetical",
        factuality="hypothetical",
    )
    return ArticleReport(article, (rebels, army), (goma,), (late,), (capture, denial, hypothetical))


def exported(fmt, reports, everything=True):
    out = io.StringIO()
    done = export(reports, fmt, out, everything=everything)
    return done.written, out.getvalue()


def rows(text, delimiter=","):
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_jsonl_is_one_report_per_line_and_round_trips():
    report = make_report()
    count, text = exported("jsonl", [report, report])
    lines = text.splitlines()
    assert count == 2 and len(lines) == 2
    assert ArticleReport.from_dict(json.loads(lines[0])) == report


def test_events_csv_has_one_row_per_event_and_its_columns_round_trip():
    count, text = exported("csv", [make_report()])
    table = rows(text)
    assert count == 3 and len(table) == 3
    assert tuple(table[0]) == EVENTS_CSV_COLUMNS
    first = table[0]
    assert (first["event_id"], first["type"], first["mode"]) == ("e1", "ASSAULT", "abduct")
    assert (first["actor"], first["recipient"], first["place"]) == (
        "Rebel Front",
        "two soldiers",
        "Goma",
    )
    assert (float(first["latitude"]), float(first["longitude"])) == (-1.679, 29.228)
    assert (first["time"], first["negated"], first["modality"]) == ("2024-02", "False", "asserted")
    assert TEXT[int(first["trigger_start"]) : int(first["trigger_end"])] == first["trigger"]
    assert (table[2]["modality"], table[2]["factuality"]) == ("hypothetical", "hypothetical")


def test_by_default_only_what_the_article_asserts_is_written_and_the_rest_counted():
    out = io.StringIO()
    done = export([make_report()], "csv", out)
    assert [r["event_id"] for r in rows(out.getvalue())] == ["e1", "e2"]
    assert (done.written, done.left_out, done.left_out_total) == (2, (("hypothetical", 1),), 1)


def test_a_claim_corroborated_across_outlets_is_written_with_its_status_and_sources():
    report = make_report()
    army = Attribution(
        "cod_military", "the army", Span(56, 64, "The army"), "asserts", Span(0, 55, TEXT[:55]),
        id="a1",
    )  # fmt: skip
    claim = Claim("c1", "Rebels captured two soldiers", (army,), (), (), "asserted", "e1")
    reported = replace(report.events[0], factuality="reported", attribution="a1", claim="c1")
    report = replace(report, events=(reported,), claims=(claim,), attributions=(army,))
    out = io.StringIO()
    assert export([report], "acled", out).left_out == (("reported", 1),)
    out = io.StringIO()
    done = export(
        [report], "acled", out, story_statuses={(report.article.id, "c1"): "corroborated"}
    )
    (row,) = rows(out.getvalue())
    assert done.written == 1 and not done.left_out
    assert (row["factuality"], row["claim_status"], row["sources"]) == (
        "reported",
        "corroborated",
        "the army (asserts)",
    )


def test_acled_rows_are_factual_events_with_acled_types():
    count, text = exported("acled", [make_report()], everything=False)
    table = rows(text)
    assert tuple(table[0]) == ACLED_COLUMNS
    # The denial is a verbal event (not ACLED's) and the hypothetical capture did not happen.
    assert count == 1 and len(table) == 1
    row = table[0]
    assert (row["event_type"], row["sub_event_type"]) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )
    assert (row["actor1"], row["actor2"], row["location"]) == (
        "Rebel Front",
        "two soldiers",
        "Goma",
    )
    assert (row["geo_precision"], row["event_date"], row["time_precision"]) == (
        "1",
        "2024-02-01",
        "3",
    )
    assert (row["source"], row["notes"]) == ("Test Wire", TEXT[:55])


def test_gdelt_rows_carry_cameo_codes_and_action_geo():
    count, text = exported("gdelt", [make_report()], everything=False)
    table = rows(text, delimiter="\t")
    assert tuple(table[0]) == GDELT_COLUMNS and count == 2
    capture, denial = table
    assert (capture["EventCode"], capture["EventBaseCode"], capture["EventRootCode"]) == (
        "181",
        "181",
        "18",
    )
    assert capture["QuadClass"] == "4" and capture["SQLDATE"] == "20240201"
    assert (
        capture["ActionGeo_FullName"],
        capture["ActionGeo_CountryCode"],
        capture["ActionGeo_Type"],
    ) == ("Goma", "CD", "4")
    assert (capture["ActionGeo_Lat"], capture["ActionGeo_Long"]) == ("-1.679", "29.228")
    assert capture["SOURCEURL"] == "https://example.org/a"
    assert (denial["EventRootCode"], denial["Actor1CountryCode"], denial["QuadClass"]) == (
        "12",
        "COD",
        "3",
    )
    assert denial["SQLDATE"] == "20240305"  # no time of its own: the publication date


def test_geojson_has_a_point_per_event_with_a_place():
    count, text = exported("geojson", [make_report()])
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection" and count == 2
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [29.228, -1.679]}
    assert feature["properties"]["type"] == "ASSAULT" and feature["properties"]["place"] == "Goma"
    assert feature["properties"]["geo_precision"] == 1
    assert collection["features"][1]["properties"]["factuality"] == "hypothetical"
    count, text = exported("geojson", [make_report()], everything=False)
    assert count == 1 and json.loads(text)["features"][0]["properties"]["factuality"] == "asserted"


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t"])
def test_csv_cells_are_safe_against_formula_injection(prefix):
    payload = f'{prefix}HYPERLINK("http://evil.example","x")'
    report = make_report(actor_name=payload, evidence=payload)
    for fmt, delimiter in (("csv", ","), ("acled", ","), ("gdelt", "\t")):
        _, text = exported(fmt, [report])
        values = [value for row in rows(text, delimiter) for value in row.values()]
        assert all(not v.startswith(("=", "+", "-", "@", "\t")) or _is_number(v) for v in values), (
            fmt
        )
        assert "'" + payload in values, fmt


def _is_number(value):
    try:
        float(value)
    except ValueError:
        return False
    return True


def test_safe_cell_leaves_numbers_and_plain_text():
    assert safe_cell(-3.5) == -3.5 and safe_cell(None) is None
    assert safe_cell("Goma") == "Goma" and safe_cell("-1") == "'-1"


def test_unknown_format_is_refused():
    with pytest.raises(SitrepError) as err:
        export([], "xml", io.StringIO())
    assert err.value.code == "E010" and "geojson" in err.value.message
    assert set(FORMATS) == {"jsonl", "csv", "acled", "gdelt", "geojson"}


def test_export_to_path_refuses_a_directory_and_a_missing_folder(tmp_path):
    with pytest.raises(SitrepError) as err:
        export_to_path([make_report()], "csv", tmp_path)
    assert err.value.code == "E070" and "directory" in err.value.message
    nested = tmp_path / "a" / "b" / "events.csv"
    with pytest.raises(SitrepError) as err:
        export_to_path([make_report()], "csv", nested)
    assert "--parents" in err.value.message and not (tmp_path / "a").exists()
    assert export_to_path([make_report()], "csv", nested, parents=True).written == 2
    assert nested.read_text("utf-8").startswith("article_id,event_id")
    assert [p.name for p in nested.parent.iterdir()] == ["events.csv"]  # no temporary file left


def test_export_command_reads_the_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store(url) as store:
        store.add(make_report())
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--format", "acled", "--db", url])
    assert result.exit_code == 0, result.output
    assert rows(result.stdout)[0]["location"] == "Goma"
    assert "left out 1" in result.stderr and "hypothetical 1" in result.stderr
    result = runner.invoke(main, ["export", "--format", "acled", "--db", url, "--all"])
    assert [r["factuality"] for r in rows(result.stdout)] == ["asserted", "hypothetical"]
    assert "left out" not in result.stderr
    target = tmp_path / "out" / "events.geojson"
    result = runner.invoke(
        main, ["export", "--format", "geojson", "--db", url, "--output", str(target), "--parents"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text("utf-8"))["features"][0]["properties"]["event_id"] == "e1"
    result = runner.invoke(
        main, ["export", "--format", "csv", "--db", url, "--output", str(tmp_path)]
    )
    assert result.exit_code != 0


def test_export_command_takes_the_event_filters(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store(url) as store:
        store.add(make_report())
    runner = CliRunner()
    everything = rows(
        runner.invoke(main, ["export", "--format", "csv", "--db", url, "--all"]).stdout
    )
    kind = everything[1]["type"]
    result = runner.invoke(
        main, ["export", "--format", "csv", "--db", url, "--all", "--type", kind]
    )
    assert result.exit_code == 0, result.output
    assert [r["event_id"] for r in rows(result.stdout)] == [
        r["event_id"] for r in everything if r["type"] == kind
    ]
    result = runner.invoke(main, ["export", "--format", "acled", "--db", url, "--place", "Goma"])
    assert [r["location"] for r in rows(result.stdout)] == ["Goma"]
    result = runner.invoke(
        main, ["export", "--format", "csv", "--db", url, "--since", "2024-13-01"]
    )
    assert result.exit_code == 1 and "E022" in result.stderr
    result = runner.invoke(main, ["export", "--format", "jsonl", "--db", url, "--type", kind])
    assert result.exit_code != 0 and "jsonl" in result.output


def test_casualties_are_listed_by_source_and_acled_takes_the_most_conservative():
    report = make_report()
    figures = (
        Casualty("killed", 9, 9, "nine", Span(0, 4, "nine"), source="the army"),
        Casualty("killed", 5, None, "at least five", Span(0, 13, "at least five")),
        Casualty("killed", None, 3, "up to three", Span(0, 11, "up to three")),
        Casualty("wounded", 40, 40, "40", Span(0, 2, "40")),
    )
    capture = replace(report.events[0], casualties=figures)
    report = replace(report, events=(capture,))
    _, text = exported("acled", [report])
    assert rows(text)[0]["fatalities"] == "5"
    _, text = exported("csv", [report])
    assert rows(text)[0]["casualties"] == (
        "killed nine (the army); killed at least five; killed up to three; wounded 40"
    )


def test_dates_fall_back_to_publication_then_to_a_year_the_text_names():
    report = make_report()
    _, text = exported("csv", [report])
    capture, denial = rows(text)[:2]
    assert (capture["date"], capture["time_precision"], capture["geo_precision"]) == (
        "2024-02-01",
        "3",
        "1",
    )
    assert (denial["date"], denial["time_precision"], denial["geo_precision"]) == (
        "2024-03-05",
        "3",
        "",
    )
    undated = replace(
        report,
        article=replace(report.article, published=None),
        times=(TimeRef("t2", "2019", Span(0, 4, "2019")),),
    )
    _, text = exported("csv", [undated])
    assert [(r["date"], r["time_precision"]) for r in rows(text)][:2] == [("2019-01-01", "3")] * 2
    _, text = exported("geojson", [undated])
    properties = json.loads(text)["features"][0]["properties"]
    assert (properties["date"], properties["geo_precision"]) == ("2019-01-01", 1)
