"""A checkout without ../shared (a stranger's clone): the tests that need its gold data skip on
one line that says where it goes; under CI a missing shared/ is an error instead."""

import os
import subprocess
import sys

from .conftest import ROOT

# one test of the sample, one gate on gold data, one that needs neither
SELECTION = (
    "tests/test_model.py::test_sample_report_is_valid_and_round_trips",
    "tests/evaluate/test_gate_times.py::test_gold_data_is_unchanged",
    "tests/test_model.py::test_article_id_ignores_whitespace_and_case_but_not_words",
)


def run_pytest(missing, ci: bool, *tests):
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"SITREP_SHARED": str(missing)}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_shared_the_gold_tests_skip_on_one_line(tmp_path):
    result = run_pytest(tmp_path / "shared", False, *SELECTION)
    assert result.returncode == 0, result.stdout + result.stderr
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped == [
        f"SKIPPED [2] tests/conftest.py:{skipped[0].split(':')[1]}: the gold data and sample of "
        f"shared/ are not at {tmp_path / 'shared'}: put shared/ beside the checkout or set "
        "SITREP_SHARED to its path"
    ]
    assert "1 passed, 2 skipped" in result.stdout


def test_under_ci_a_missing_shared_is_an_error(tmp_path):
    result = run_pytest(tmp_path / "shared", True, *SELECTION)
    assert result.returncode == 4  # pytest's usage error
    assert "2 selected tests need shared/, and under CI nothing skips" in result.stderr
    assert str(tmp_path / "shared") in result.stderr


def test_under_ci_tests_that_need_no_shared_data_run(tmp_path):
    result = run_pytest(tmp_path / "shared", True, SELECTION[2])
    assert result.returncode == 0 and "1 passed" in result.stdout
