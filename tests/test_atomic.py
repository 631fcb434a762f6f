"""Outputs never destroy anything: atomic files, all-or-none folders, stale temporaries, -o checks.

The first tests fail for a plain, non-atomic writer (one that writes into the target directly)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.common import atomic
from gdnn_cli.common.errors import GdnnError
from tests.conftest import snapshot

runner = CliRunner()
DEAD_PID = 4_194_400  # above Linux's largest pid_max: no process has it


def test_target_untouched_while_writing_and_after_a_failure(tmp_path):
    target = tmp_path / "k.docx"
    target.write_bytes(b"old")
    seen: list[bytes] = []

    def half_then_fail(tmp: Path) -> None:
        assert tmp != target
        tmp.write_bytes(b"ne")
        seen.append(target.read_bytes())
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic.write_with(target, half_then_fail)
    assert seen == [b"old"] and target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["k.docx"]


def test_success_replaces_whole(tmp_path):
    target = tmp_path / "sub" / "k.txt"
    atomic.write_text(target, "mới")
    assert target.read_text(encoding="utf-8") == "mới" and [p.name for p in target.parent.iterdir()] == ["k.txt"]


def test_staged_is_all_or_none(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError), atomic.staged(out) as stage:
        atomic.write_text(stage / "a.docx", "a")
        raise RuntimeError("the second report failed")
    assert not out.exists() and list(tmp_path.iterdir()) == []
    out.mkdir()
    (out / "a.docx").write_text("old a", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.staged(out) as stage:
        atomic.write_text(stage / "a.docx", "new a")
        atomic.write_text(stage / "b.docx", "new b")
        raise RuntimeError("failed at the end")
    assert snapshot(out) == {str(out / "a.docx"): b"old a"} and [p.name for p in tmp_path.iterdir()] == ["out"]
    with atomic.staged(out) as stage:
        atomic.write_text(stage / "a.docx", "new a")
        atomic.write_text(stage / "b.docx", "new b")
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "b.docx"]
    assert (out / "a.docx").read_text(encoding="utf-8") == "new a"


def test_new_folder_gets_usual_mode(tmp_path):
    with atomic.staged(tmp_path / "new") as stage:
        atomic.write_text(stage / "a.txt", "a")
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o777 & ~mask


def test_stale_temporaries_of_dead_runs_are_cleaned(tmp_path):
    (tmp_path / f".gdnn-stage-{DEAD_PID}-x1").mkdir()
    (tmp_path / f".gdnn-stage-{DEAD_PID}-x1" / "a.docx").write_text("half", encoding="utf-8")
    (tmp_path / f".k.docx.{DEAD_PID}.ab12.tmp").write_text("half", encoding="utf-8")
    (tmp_path / f".k.docx.{os.getpid()}.cd34.tmp").write_text("mine, running", encoding="utf-8")
    (tmp_path / ".hidden.tmp").write_text("not ours", encoding="utf-8")
    with atomic.staged(tmp_path / "out") as stage:
        atomic.write_text(stage / "a.txt", "a")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([f".k.docx.{os.getpid()}.cd34.tmp", ".hidden.tmp", "out"])


@pytest.mark.parametrize("case", ["folder", "data-file", "device", "under-a-file", "not-ours", "bad-suffix"])
def test_plan_output_that_would_destroy_something_is_refused(mini, tmp_path, case):
    target = {
        "folder": tmp_path,
        "data-file": mini / "plans" / "tp-2025.docx",
        "device": Path("/dev/null"),
        "under-a-file": mini / "plans" / "tp-2025.yaml" / "k.docx",
        "not-ours": tmp_path / "letter.docx",
        "bad-suffix": tmp_path / "k.yaml",
    }[case]
    if case == "not-ours":
        target.write_bytes(b"a letter the clerk wrote")
    before = snapshot(mini, tmp_path)
    result = runner.invoke(app, ["plan", "tp-2025", "--data", str(mini), "-o", str(target)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit) or isinstance(result.exception, GdnnError)
    assert isinstance(result.exception, GdnnError), result.output
    assert "cannot write" in str(result.exception) or ".docx" in str(result.exception)
    assert snapshot(mini, tmp_path) == before


def test_previous_output_is_overwritten(mini, tmp_path):
    out = tmp_path / "k.docx"
    assert runner.invoke(app, ["plan", "tp-2025", "--data", str(mini), "-o", str(out)]).exit_code == 0
    assert atomic.is_gdnn_output(out)
    again = runner.invoke(app, ["plan", "tp-2025", "--data", str(mini), "-o", str(out)])
    assert again.exit_code == 0, again.output


def test_pdf_output_keeps_both_files(mini, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"  # copies the .docx as the "pdf": enough to see which files are kept
    fake.write_text('#!/bin/sh\nfor a; do last=$a; done\nout=$5\ncp "$last" "$out/$(basename "$last" .docx).pdf"\n',
                    encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    result = runner.invoke(app, ["plan", "tp-2025", "--data", str(mini), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.docx").is_file() and (tmp_path / "x.pdf").is_file()
    assert (tmp_path / "x.pdf").read_bytes()[:2] == b"PK"  # the fake's copy, not the .docx overwritten by itself


def test_report_folder_checks(mini, tmp_path):
    file_there = tmp_path / "file"
    file_there.write_text("x", encoding="utf-8")
    for bad in (file_there, file_there / "sub", mini / "reports"):
        before = snapshot(mini, tmp_path)
        result = runner.invoke(app, ["report", "--year", "2025", "--data", str(mini), "-o", str(bad)])
        assert result.exit_code == 1 and isinstance(result.exception, GdnnError), result.output
        assert snapshot(mini, tmp_path) == before
    out = tmp_path / "o"
    out.mkdir()
    (out / "bao-cao-tp-ubnd-2025.docx").write_bytes(b"the clerk's own report")
    result = runner.invoke(app, ["report", "--year", "2025", "--data", str(mini), "-o", str(out)])
    assert result.exit_code == 1 and (out / "bao-cao-tp-ubnd-2025.docx").read_bytes() == b"the clerk's own report"
