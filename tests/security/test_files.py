"""Files: `sitrep export --output` writes only the file it names (never through a link planted
there, never a half-written file), `sitrep batch --output` only a directory that is new, and
the web server serves no file outside its asset
folders, however the path is spelled."""

from __future__ import annotations

import os
import stat

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


def export_to(store, output: str):
    return CliRunner().invoke(
        main, ["export", "--format", "csv", "--db", store.url, "--output", output]
    )


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_output_that_is_a_fifo_or_a_device_is_refused_and_left_alone(
    kind, hostile_store, tmp_path
):
    # A copy of /dev/null (needs root, as replacing the real one would): with the real one
    # the test would destroy it were the refusal missing.
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / kind
    if kind == "fifo":
        os.mkfifo(target)
    else:
        try:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("creating a device node needs root")
    result = export_to(hostile_store, str(target))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert "E070" in result.stderr and "not a regular file" in result.stderr
    is_kind = stat.S_ISFIFO if kind == "fifo" else stat.S_ISCHR
    assert is_kind(target.lstat().st_mode)
    assert os.listdir(tmp_path / "out") == [kind]  # no temporary file left


def test_output_dash_is_standard_output(hostile_store, tmp_path, monkeypatch):
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    result = export_to(hostile_store, "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("article_id,event_id")
    assert os.listdir(".") == []


def test_an_output_folder_that_refuses_new_files_is_e070(hostile_store, tmp_path):
    # Permissions do not stop root; /proc refuses new files to everyone.
    if os.geteuid() == 0:
        folder = "/proc"
    else:
        folder = tmp_path / "locked"
        folder.mkdir(mode=0o500)
    result = export_to(hostile_store, f"{folder}/events.csv")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert "E070" in result.stderr and "Traceback" not in result.output


@pytest.fixture()
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("umask_022")
def test_an_export_keeps_an_existing_files_mode_and_a_new_file_gets_the_usual_one(tmp_path):
    new = tmp_path / "new.csv"
    export_to_path([hostile_report()], "csv", new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    for mode in (0o644, 0o640, 0o600):
        existing = tmp_path / f"existing-{mode:o}.csv"
        existing.write_text("previous export", "utf-8")
        existing.chmod(mode)
        export_to_path([hostile_report()], "csv", existing)
        assert stat.S_IMODE(existing.stat().st_mode) == mode
        assert existing.read_text("utf-8").startswith("article_id,")
    setuid = tmp_path / "setuid.csv"
    setuid.write_text("previous export", "utf-8")
    setuid.chmod(0o4755)
    export_to_path([hostile_report()], "csv", setuid)
    assert stat.S_IMODE(setuid.stat().st_mode) == 0o755


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
