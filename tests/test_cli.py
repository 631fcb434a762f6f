"""The CLI through typer's CliRunner and as the installed `gdnn` program.

Mirrors cli/app.py (the contents, the error boundary, exit codes) and cli/core.py (validate, schema);
each room's commands are tested with the room."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gdnn_cli.cli import app as cli_app
from gdnn_cli.cli.app import app
from tests.conftest import REPO, edit, plan_path, run_gdnn

runner = CliRunner()


def test_validate_ok_exit_0(mini, vi):
    result = runner.invoke(app, ["validate", "--data", str(mini)])
    assert result.exit_code == 0, result.output
    assert "Đã kiểm tra 1 tệp kế hoạch" in result.output and ": hợp lệ, 0 lỗi, 1 cảnh báo." in result.output


def test_validate_json_shape(mini):
    edit(plan_path(mini), "value: 200", "value: 210")
    result = runner.invoke(app, ["validate", "--data", str(mini), "--format", "json"])
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["ok"] is False and out["plans"] == ["tp-2025"]
    err = next(e for e in out["errors"] if e["code"] == "breakdown-sum")
    assert set(err) >= {"file", "line", "column", "where", "code", "message"}
    assert err["line"] == 30 and err["where"] == "targets[0] (id=dao-tao).parts"
    assert out["warnings"] and out["warnings"][0]["code"] == "reports-to-ceased-agency"


def test_strict_makes_warnings_fail(mini):
    assert runner.invoke(app, ["validate", "--data", str(mini), "--strict"]).exit_code == 1


def test_gdnn_data_env(mini, monkeypatch):
    monkeypatch.setenv("GDNN_DATA", str(mini))
    result = runner.invoke(app, ["validate", "--format", "json"])
    assert json.loads(result.stdout)["plans"] == ["tp-2025"]


def test_missing_folder_is_an_error(tmp_path):
    result = runner.invoke(app, ["validate", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "does not exist" in result.output


def test_installed_program_usage_error_exit_2():
    proc = run_gdnn("validate", "--no-such-option")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_installed_program_bad_yaml_exit_1_no_traceback(mini):
    plan_path(mini).write_text("id: x\n  bad: [\n", encoding="utf-8")
    proc = run_gdnn("validate", "--data", str(mini))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "tp-2025.yaml:2:" in proc.stdout


def test_bundled_data_validates():
    proc = run_gdnn("validate", "--format", "json", cwd=REPO)
    out = json.loads(proc.stdout)
    assert proc.returncode == 0, out["errors"][:3]
    assert {"hn-2025-gdnn", "hn-2022-khac-phuc", "hn-2025-ct37", "hp-2021-2030-chien-luoc",
            "hn-2025-tuyen-truyen"} <= set(out["plans"])


def test_plan_command_writes_docx(mini, tmp_path):
    out = tmp_path / "k.docx"
    result = runner.invoke(app, ["plan", "tp-2025", "--data", str(mini), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "wrote" in result.output


def test_plan_unknown_id_suggests_the_nearest(mini, tmp_path):
    proc = run_gdnn("plan", "tp-2052", "--data", str(mini), "-o", str(tmp_path / "x.docx"))
    assert proc.returncode == 2 and "did you mean 'tp-2025'?" in proc.stderr and not (tmp_path / "x.docx").exists()
    far = run_gdnn("plan", "nope", "--data", str(mini), "-o", str(tmp_path / "x.docx"))
    assert far.returncode == 2 and "tp-2025" not in far.stderr and "gdnn validate" in far.stderr


def test_plan_invalid_data_writes_nothing(mini, tmp_path):
    edit(plan_path(mini), "value: 200", "value: 210")
    out = tmp_path / "x.docx"
    result = runner.invoke(app, ["plan", "tp-2025", "--data", str(mini), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "breakdown-sum" in result.output


def test_plan_pdf_without_soffice_says_so(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    result = runner.invoke(app, ["plan", "tp-2025", "--data", str(mini), "-o", str(tmp_path / "k.docx"), "--pdf"])
    assert result.exit_code == 1 and (tmp_path / "k.docx").is_file()
    assert "soffice" in str(result.exception or "") + result.output


def test_committed_schemas_are_current(tmp_path):
    result = runner.invoke(app, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0
    for name in ("plan", "agencies", "results"):
        fresh = json.loads((tmp_path / f"{name}.schema.json").read_text(encoding="utf-8"))
        committed = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert fresh == committed, f"schemas/{name}.schema.json is stale: run gdnn schema"
    plan = json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    assert plan["additionalProperties"] is False  # editors flag typo'd keys as gdnn does


def test_explicit_templates_folder_must_exist(mini, tmp_path):
    result = runner.invoke(app, ["plan", "tp-2025", "--data", str(mini), "-o", str(tmp_path / "k.docx"),
                                 "--templates", str(tmp_path / "none")])
    assert result.exit_code == 1 and "ke-hoach.docx" in str(result.exception)
    assert not (tmp_path / "k.docx").exists()


def test_warnings_are_one_line_unless_verbose(mini):
    short = runner.invoke(app, ["validate", "--data", str(mini)])
    (line,) = [ln for ln in short.output.splitlines() if "reports-to-ceased-agency" in ln]
    assert "successor: Sở Giáo dục" in line and "> 67 |" not in short.output
    assert sum("reports-to-ceased-agency" in ln for ln in short.output.splitlines()) == 1
    verbose = runner.invoke(app, ["validate", "--data", str(mini), "--verbose"])
    assert "> 67 |" in verbose.output and "  hint: successor: " in verbose.output


def _boom_program(tmp_path):
    """The real entry point with one extra command that has a bug."""
    return [sys.executable, "-c", "import sys; import gdnn_cli.cli.app as c; "
            "c.app.command('boom')(lambda: 1 / 0); sys.argv = ['gdnn', 'boom']; c.main()"]


def test_exit_codes_in_a_subprocess(mini, tmp_path):
    assert run_gdnn("validate", "--data", str(mini)).returncode == 0
    edit(plan_path(mini), "value: 200", "value: 12.000")
    bad = run_gdnn("validate", "--data", str(mini))
    assert bad.returncode == 1 and "number-separator" in bad.stdout and "Traceback" not in bad.stdout + bad.stderr
    assert run_gdnn("gaps", "--data", str(mini), "--fail-on", "nope").returncode == 2
    bug = subprocess.run(_boom_program(tmp_path), capture_output=True, text=True, timeout=60)
    assert bug.returncode == 3 and "internal error" in bug.stderr and "Traceback" not in bug.stderr
    log = bug.stderr.split("Details in ")[1].split(";")[0]
    assert "ZeroDivisionError" in Path(log).read_text(encoding="utf-8")


def test_help_lists_every_command_of_every_room_in_the_contents_order():
    listed = [ln.split()[0] for ln in runner.invoke(app, ["--help"]).output.split("Commands:")[1].splitlines()
              if ln.strip()]
    assert listed == ["validate", "schema", "plan", "gaps", "status", "report", "forms", "collect", "remind",
                      "diff", "textconv", "git-setup", "init", "site", "new"]
    assert {f.__module__ for f in cli_app.CONTENTS} == {room.__name__ for room in cli_app.ROOMS}


def test_a_command_missing_from_the_contents_is_refused():
    class Room:
        commands = typer.Typer()

    @Room.commands.command("orphan")
    def orphan_cmd() -> None:
        """Declared but not listed."""

    with pytest.raises(RuntimeError, match="orphan_cmd"):
        cli_app.contents([*cli_app.ROOMS, Room], cli_app.CONTENTS)
    assert [i.callback for i in cli_app.contents([Room], (orphan_cmd,))] == [orphan_cmd]
