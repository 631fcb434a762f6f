"""Issue 10, points 2–7: every bad input is refused with exit 1 and a located message, and no file
is written or changed — the data folder's and the output folder's bytes are compared before and after."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from tests.conftest import edit, plan_path, snapshot

runner = CliRunner()
TIMED = "MUTANT_UNDER_TEST" not in os.environ  # mutmut's instrumentation makes every call slower


def fast(seconds: float) -> bool:
    """The issue's budget: validate refuses bad input on the bundled data in under a second — of CPU
    time, which other processes on a shared machine do not inflate as they inflate wall time."""
    return seconds < 1.0 or not TIMED

FIGURES = """\
plan: tp-2025
year: 2025
figures:
  - {target: cao-dang, value: 250, agency: tp-so-gddt, status: illustrative}
  - {target: trung-cap, value: 300, status: illustrative}
"""


def refused(data: Path, tmp_path: Path, *expect: str, args: tuple = ()) -> str:
    """Run validate and plan on bad data: exit 1 both times, the expected text, nothing written."""
    out = tmp_path / "out"
    before = snapshot(data, out)
    start = time.process_time()
    result = runner.invoke(app, ["validate", "--data", str(data), "--no-cache", *args])
    elapsed = time.process_time() - start
    assert result.exit_code == 1, result.output
    for text in expect:
        assert text in result.output, result.output
    plan = runner.invoke(app, ["plan", "tp-2025", "--data", str(data), "-o", str(out / "k.docx")])
    assert plan.exit_code == 1, plan.output
    assert snapshot(data, out) == before
    assert fast(elapsed), elapsed
    return result.output


# --------------------------------------------------------------------------- point 2: numbers


@pytest.mark.parametrize("written,hint,line", [
    ("value: 12.000", "viết 12000", 30),
    ("value: 1.500.000", "viết 1500000", 30),
    ("value: 12,000", "viết 12000", 30),  # inside { }: the comma splits the mapping, the hint still says it
    ("value: .nan", "not a figure", 30),
    ("value: .inf", "not a figure", 30),
    ("value: 1e30", "too large", 30),
    ("value: -200", "negative", 30),
])
def test_misread_counts_are_refused(mini, tmp_path, written, hint, line):
    edit(plan_path(mini), "value: 200", written)
    output = refused(mini, tmp_path, hint, f"tp-2025.yaml:{line}:")
    assert "Traceback" not in output


def test_decimal_comma_rate_hint(mini, tmp_path):
    edit(plan_path(mini), "value: 70", "value: 72,2")
    refused(mini, tmp_path, "number-decimal-comma", "viết 72.2", "tp-2025.yaml:38:")


def test_block_style_comma_thousands(mini, tmp_path):
    edit(plan_path(mini), "value: 1000", "value: 1,000")
    refused(mini, tmp_path, "number-separator", "viết 1000", "tp-2025.yaml:27:")


def test_result_figure_written_with_thousands_dots(mini, tmp_path):
    (mini / "results" / "2025.yaml").write_text(FIGURES.replace("value: 300", "value: 12.000"), encoding="utf-8")
    refused(mini, tmp_path, "results/2025.yaml:5:", "number-separator", "viết 12000")


@pytest.mark.parametrize("value", ["-5", ".nan", "1.0e+16"])
def test_bad_actuals_are_refused_where_read(mini, tmp_path, value):
    (mini / "results" / "2025.yaml").write_text(FIGURES.replace("value: 300", f"value: {value}"), encoding="utf-8")
    refused(mini, tmp_path, "results/2025.yaml:5:")


def test_a_four_decimal_number_is_a_number(mini):
    edit(plan_path(mini), "value: 70", "value: 70.2500")
    assert runner.invoke(app, ["validate", "--data", str(mini)]).exit_code == 0


def test_yearly_deadline_29_february_is_refused(mini, tmp_path):
    edit(plan_path(mini), "due: 2025-12-15}", "due_day_month: 29/02}")
    refused(mini, tmp_path, "due-29-february", "28/02", "tp-2025.yaml:67:")


def test_period_start_after_end(mini, tmp_path):
    edit(plan_path(mini), "period: {start: 2025, end: 2025}", "period: {start: 2026, end: 2025}")
    refused(mini, tmp_path, "period-inverted", "tp-2025.yaml:7:")


# --------------------------------------------------------------------------- point 3: double counting


def test_same_figure_twice_names_both_places(mini, tmp_path):
    (mini / "results" / "2025.yaml").write_text(
        FIGURES + "  - {target: cao-dang, value: 250, agency: tp-so-gddt, status: illustrative}\n", encoding="utf-8")
    out = refused(mini, tmp_path, "duplicate-figure", "results/2025.yaml:6:", "figures[0]")
    assert "counted twice" in out


def test_same_figure_in_two_files_names_the_other_file(mini, tmp_path):
    (mini / "results" / "2025.yaml").write_text(FIGURES, encoding="utf-8")
    (mini / "results" / "again.yaml").write_text(FIGURES.replace("value: 250", "value: 260"), encoding="utf-8")
    refused(mini, tmp_path, "duplicate-figure", "2025.yaml figures[0]", "again.yaml:4:")


def test_two_agencies_add_up_only_when_the_plan_says_so(mini, tmp_path):
    (mini / "results" / "2025.yaml").write_text(
        FIGURES + "  - {target: cao-dang, value: 10, agency: tp-so-tai-chinh, status: illustrative}\n",
        encoding="utf-8")
    refused(mini, tmp_path, "figures-not-summable", "sum_of_agencies", "results/2025.yaml:6:")
    edit(plan_path(mini), "{id: cao-dang, name: Cao đẳng,", "{id: cao-dang, sum_of_agencies: true, name: Cao đẳng,")
    assert runner.invoke(app, ["validate", "--data", str(mini)]).exit_code == 0
    gaps = runner.invoke(app, ["gaps", "--data", str(mini), "--year", "2025", "--format", "json"])
    import json

    row = next(r for r in json.loads(gaps.stdout) if r["target"] == "cao-dang")
    assert row["actual"] == 260


# --------------------------------------------------------------------------- point 5: one mistake, one message


def test_invalid_plan_does_not_flood_its_results(mini, tmp_path):
    (mini / "results" / "2025.yaml").write_text(FIGURES, encoding="utf-8")
    edit(plan_path(mini), "place: Thành phố Thử", "plase: Thành phố Thử")
    out = refused(mini, tmp_path, "extra_forbidden", "did you mean 'place'?")
    assert "unknown-plan" not in out and "[missing]" not in out and ": invalid, 1 error, " in out


def test_unknown_plan_in_results_gets_nearest_id_only(mini, tmp_path):
    (mini / "results" / "2025.yaml").write_text(FIGURES.replace("plan: tp-2025", "plan: tp-2052"), encoding="utf-8")
    refused(mini, tmp_path, "unknown-plan", "did you mean 'tp-2025'?", "results/2025.yaml:1:")


def test_empty_data_folder_is_an_error(tmp_path):
    (tmp_path / "data" / "plans").mkdir(parents=True)
    result = runner.invoke(app, ["validate", "--data", str(tmp_path / "data")])
    assert result.exit_code == 1 and "không tìm thấy dữ liệu" in result.output and ": invalid" in result.output


@pytest.mark.parametrize("cmd", [["gaps"], ["status"], ["report", "--year", "2025"]])
def test_unknown_plan_or_issuer_on_the_command_line(mini, tmp_path, cmd):
    for opt, wrong, near in (("--plan", "tp-2024", "tp-2025"), ("--issuer", "tp-ubdn", "tp-ubnd")):
        result = runner.invoke(app, [*cmd, "--data", str(mini), opt, wrong, *(["-o", str(tmp_path / "o")]
                                                                             if cmd[0] == "report" else [])])
        assert result.exit_code != 0 and f"did you mean '{near}'" in str(result.exception), result.output
        assert "agencies" not in str(result.exception)
    assert not (tmp_path / "o").exists()


def test_fail_on_refuses_unknown_status(mini):
    result = runner.invoke(app, ["gaps", "--data", str(mini), "--year", "2025", "--fail-on", "not-met"])
    assert result.exit_code == 2 and "not_met" in result.output
    ok = runner.invoke(app, ["gaps", "--data", str(mini), "--year", "2025", "--fail-on", "no_data"])
    assert ok.exit_code == 1  # the fixture has no results: every row is no_data


# --------------------------------------------------------------------------- point 6: data files are only data


def test_symlinked_file_is_refused_not_followed(mini, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (mini / "results" / "link.yaml").symlink_to(secret)
    out = refused(mini, tmp_path, "symlink-refused", "link.yaml")
    assert "hunter2" not in out and "password" not in out


def test_symlinked_folder_is_refused(mini, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text("plan: tp-2025\nyear: 2025\n", encoding="utf-8")
    (mini / "results" / "more").symlink_to(elsewhere, target_is_directory=True)
    refused(mini, tmp_path, "symlink-refused", "results/more")


def test_fifo_is_refused_without_blocking(mini, tmp_path):
    import os

    os.mkfifo(mini / "results" / "pipe.yaml")
    refused(mini, tmp_path, "not-a-file", "pipe.yaml")


def test_size_is_checked_before_reading(mini, tmp_path, monkeypatch):
    from gdnn_cli.core import loader

    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    reads: list[int] = []
    real = loader.os.read
    monkeypatch.setattr(loader.os, "read", lambda fd, n: reads.append(n) or real(fd, n))
    result = runner.invoke(app, ["validate", "--data", str(mini), "--no-cache"])
    assert result.exit_code == 1 and "file-too-large" in result.output
    assert not reads  # refused on its size, not read


def test_a_failed_parse_shows_only_the_offending_line(mini, tmp_path):
    edit(plan_path(mini), "title: Kế hoạch thử", "title: [Kế hoạch thử")
    out = refused(mini, tmp_path, "yaml-syntax")
    assert "Nguyễn Văn A" not in out and "tp-ubnd" not in out


def test_control_characters_are_refused_by_validate(mini, tmp_path):
    edit(plan_path(mini), 'closing: ["Yêu cầu', 'closing: ["Yêu\\x07 cầu')
    refused(mini, tmp_path, "control-character", "U+0007", "tp-2025.yaml:68:", "Plan: closing no. 1, line 68")


# --------------------------------------------------------------------------- the bundled data: exit 1 within a second


BUNDLED_BAD = {
    "thousands": ("plans/ha-noi/hn-2025-gdnn.yaml", "value: 240000", "value: 240.000", "number-separator"),
    "nan": ("plans/ha-noi/hn-2025-gdnn.yaml", "value: 240000", "value: .nan", "number-not-finite"),
    "negative": ("results/hn-ubnd/2025.yaml", "value: 27100", "value: -27100", "number-negative"),
    "huge": ("results/hn-ubnd/2025.yaml", "value: 27100", "value: 1.0e+30", "number-too-large"),
    "twice": ("results/hn-ubnd/2025.yaml", "  - {target: dao-tao-trung-cap, value: 29800, agency: hn-so-gddt,",
              "  - {target: dao-tao-trung-cap, value: 29800, agency: hn-so-gddt, status: illustrative}\n"
              "  - {target: dao-tao-trung-cap, value: 29800, agency: hn-so-gddt,", "duplicate-figure"),
    "control": ("plans/ha-noi/hn-2025-gdnn.yaml", "title: ", 'title: "\\x07" # ', "control-character"),
}


@pytest.mark.parametrize("case", sorted(BUNDLED_BAD))
def test_bundled_data_bad_input_is_refused_within_a_second(tmp_path, case):
    import shutil

    from tests.conftest import REPO

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    file, old, new, code = BUNDLED_BAD[case]
    edit(data / file, old, new)
    before = snapshot(data)
    runner.invoke(app, ["validate", "--data", str(data), "--no-cache", "-j", "1"])  # imports warmed
    start = time.process_time()
    result = runner.invoke(app, ["validate", "--data", str(data), "--no-cache", "-j", "1"])
    elapsed = time.process_time() - start
    assert result.exit_code == 1 and f"[{code}]" in result.output and f"{file}:" in result.output, result.output
    assert fast(elapsed), elapsed
    assert snapshot(data) == before
    for cmd in (["gaps", "--year", "2025"], ["status", "--year", "2025"],
                ["report", "--year", "2025", "-o", str(tmp_path / "o")]):
        r = runner.invoke(app, [*cmd, "--data", str(data)])
        assert r.exit_code == 1 and not isinstance(r.exception, (KeyError, ValueError, TypeError)), r.output
    assert not (tmp_path / "o").exists() and snapshot(data) == before
