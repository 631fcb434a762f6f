"""Git commands: `gdnn diff` to review plan edits, `gdnn textconv` and `gdnn git-setup` for `git diff`.

Like every command module, the commands only parse, call the library (review: gitdiff, diffview, gitsetup,
textconv) and print; ``cli.app`` lists them; heavy imports stay inside the functions.
"""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gdnn_cli.cli.options import DataOpt

commands = typer.Typer()


class DiffFmt(str, Enum):
    """``gdnn diff --format``: text for a terminal, md for a merge-request comment, json for programs."""

    text = "text"
    md = "md"
    json = "json"


@commands.command("diff")
def diff_cmd(
    rev_a: Annotated[str | None, typer.Argument(
        metavar="[REV_A]", show_default=False, help="Old revision (default: HEAD).")] = None,
    rev_b: Annotated[str | None, typer.Argument(
        metavar="[REV_B]", show_default=False, help="New revision (default: the working tree).")] = None,
    data: DataOpt = None,
    fmt: Annotated[DiffFmt, typer.Option(
        "--format", "-f", help="text, md (merge-request comment) or json.")] = DiffFmt.text,
) -> None:
    """Compare the data at two git revisions as plans: targets, deadlines, duties, texts; and validate the new side.

    No revision: HEAD against the working tree. One: REV_A against the working tree. Two: REV_A against REV_B.
    """
    from gdnn_cli.cli import output
    from gdnn_cli.core.dataset import default_data_dir
    from gdnn_cli.review import diffview, gitdiff

    res = gitdiff.diff(data if data is not None else default_data_dir(), rev_a, rev_b)
    if fmt is DiffFmt.json:
        output.print_json(res.to_json())
    else:
        sys.stdout.write(diffview.to_markdown(res) if fmt is DiffFmt.md else diffview.to_text(res))


@commands.command("textconv")
def textconv_cmd(file: Annotated[Path, typer.Argument(help="A plan, agencies or results YAML file.")]) -> None:
    """Print a file as plan-level text, for git's textconv (set up by `gdnn git-setup`)."""
    from gdnn_cli.review.textconv import write

    write(file)


@commands.command("git-setup")
def git_setup_cmd(
    data: DataOpt = None,
    command: Annotated[str | None, typer.Option(
        "--command", help="The textconv command git runs (default: keep the configured one, else 'gdnn textconv').",
        show_default=False)] = None,
) -> None:
    """Make `git diff` and `git log -p` show data files as plan-level text (.gitattributes and git config)."""
    from gdnn_cli.cli import output
    from gdnn_cli.core.dataset import default_data_dir
    from gdnn_cli.review.gitsetup import git_setup

    for line in git_setup(data if data is not None else default_data_dir(), command):
        output.say(line)
