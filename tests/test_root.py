"""The root group of `gdnn` (cli/root.py): commands converted on demand, and nothing else changed."""

from __future__ import annotations

import pytest
import typer.testing
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.cli.root import root_group

INVOCATIONS = [
    ["--help"], [], ["validate", "--help"], ["new", "--help"], ["new", "plan", "--help"], ["valdate"],
    ["gaps", "--year", "x"], ["gaps", "--fail-on", "xx"], ["--lang", "en", "plan"], ["report"],
]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("args", INVOCATIONS, ids=lambda a: " ".join(a) or "(none)")
def test_lazy_root_says_what_typers_group_says(args, lang, monkeypatch):
    """Help, usage errors and "did you mean" are word for word those of the group typer builds."""
    runner = CliRunner()
    eager = runner.invoke(app, args, prog_name="gdnn", env={"GDNN_LANG": lang, "COLUMNS": "100"})
    monkeypatch.setattr(typer.testing, "_get_command", root_group)  # the group main() runs
    lazy = runner.invoke(app, args, prog_name="gdnn", env={"GDNN_LANG": lang, "COLUMNS": "100"})
    assert (lazy.output, lazy.exit_code) == (eager.output, eager.exit_code)
    assert eager.output.strip()


def test_root_help_converts_no_command(monkeypatch):
    """`gdnn --help` lists the commands from their registration (only the sub-group `new` is converted,
    to read its help); `gdnn validate --help` converts validate alone."""
    groups = []

    def keep(a):
        groups.append(root_group(a))
        return groups[-1]

    monkeypatch.setattr(typer.testing, "_get_command", keep)
    listed = CliRunner().invoke(app, ["--help"], prog_name="gdnn")
    assert listed.exit_code == 0 and "validate" in listed.output and "new" in listed.output
    assert list(groups[-1].commands) == ["new"]
    CliRunner().invoke(app, ["validate", "--help"], prog_name="gdnn")
    assert list(groups[-1].commands) == ["validate"]


def test_main_runs_a_command_through_the_lazy_root(tmp_path, monkeypatch, capsys):
    """The entry point itself: a real command, its exit code, its output."""
    import sys

    from gdnn_cli.cli.app import main
    from tests.conftest import FIXTURES

    monkeypatch.setattr(sys, "argv", ["gdnn", "validate", "--data", str(FIXTURES / "mini"), "--no-cache"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    assert "valid, 0 errors" in capsys.readouterr().out
