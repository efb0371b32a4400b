"""Files: `sitrep export --output` writes only the file it names (never through a link planted
there, never a half-written file), `sitrep batch --output` only a directory that is new, and
the web server serves no file outside its asset
folders, however the path is spelled."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.export import export_to_path

from ..api.conftest import client_for
from .conftest import hostile_report


def test_an_output_path_that_is_a_link_is_replaced_not_followed(hostile_store, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    target = tmp_path / "events.csv"
    target.symlink_to(victim)
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "--db", hostile_store.url, "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert victim.read_text("utf-8") == "keep me"
    assert not target.is_symlink() and target.read_text("utf-8").startswith("article_id,")


def test_a_failed_export_leaves_the_previous_file_and_no_temporary(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("previous export", "utf-8")

    def reports():
        yield hostile_report()
        raise OSError("the store went away")

    with pytest.raises(OSError):
        export_to_path(reports(), "csv", target)
    assert target.read_text("utf-8") == "previous export"
    assert os.listdir(tmp_path) == ["events.csv"]


def test_an_output_inside_a_missing_folder_is_refused_without_parents(hostile_store, tmp_path):
    target = tmp_path / "a" / ".." / "b" / "events.csv"
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "--db", hostile_store.url, "--output", str(target)]
    )
    assert result.exit_code != 0 and "E070" in result.output
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


@pytest.mark.parametrize("planted", ["folder", "link to a folder", "link to nowhere", "file"])
def test_a_batch_output_that_exists_in_any_form_is_refused_before_spark_starts(planted, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("Rebels shelled the town on Monday, officials said.", "utf-8")
    victim = tmp_path / "victim"
    output = tmp_path / "out"
    if planted == "folder":
        output.mkdir()
    elif planted == "link to a folder":
        victim.mkdir()
        output.symlink_to(victim)
    elif planted == "link to nowhere":
        output.symlink_to(victim)
    else:
        output.write_text("keep me", "utf-8")
    result = CliRunner().invoke(
        main, ["batch", "--input", str(source), "--output", str(output), "--master", "local[1]"]
    )
    assert result.exit_code != 0 and "E060" in result.output, result.output
    assert not victim.exists() or os.listdir(victim) == []
    if planted == "file":
        assert output.read_text("utf-8") == "keep me"


TRAVERSALS = [
    "/static/../../../pyproject.toml",
    "/static/..%2f..%2f..%2fpyproject.toml",
    "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/static/..%5c..%5c..%5cpyproject.toml",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/vendor/leaflet/../../../package.json",
    "/vendor/leaflet/..%2f..%2f..%2fpackage.json",
    "/vendor/world/%2e%2e%2f%2e%2e%2fleaflet%2fpackage.json",
    "/static/sitrep.css%00.html",
]


def test_static_paths_never_leave_the_asset_folders(hostile_store, blank_analyzer):
    client = client_for(hostile_store, blank_analyzer)
    assert client.get("/static/sitrep.css").status_code == 200
    for path in TRAVERSALS:
        response = client.get(path)
        assert response.status_code in (400, 404), (path, response.status_code)
        assert "[project]" not in response.text and "root:" not in response.text, path
        assert '"dependencies"' not in response.text, path
