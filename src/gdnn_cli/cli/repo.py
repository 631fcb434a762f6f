"""Commands that start things in a data repository: `gdnn init` (a new repository) and `gdnn new plan`
(next year's plan from this year's). They parse, call the library (scaffold, rollover) and print;
``cli.app`` lists them.

No `from __future__ import annotations` here: typer would have to eval every option's annotation
string to build `gdnn --help`; real annotations cost nothing at that point.
"""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gdnn_cli.cli.options import DataOpt, Fmt, load_or_exit
from gdnn_cli.common.i18n import _

commands = typer.Typer()
new_app = typer.Typer(help="Start a new document from an existing one.", no_args_is_help=True,
                      rich_markup_mode=None)


class Province(str, Enum):
    """``gdnn init --province``: the provinces whose registry and example plan ship in the wheel."""

    hn = "hn"
    hp = "hp"


@commands.command("init")
def init_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder of the new data repository (created if missing).")],
    province: Annotated[Province, typer.Option(
        "--province", help="Whose agency registry and example plan.")] = Province.hn,
    force: Annotated[bool, typer.Option(
        "--force", help="Write into a non-empty folder, keeping every existing file.")] = False,
    with_templates: Annotated[bool, typer.Option(
        "--with-templates", help="Also copy the Word templates, to edit.")] = False,
) -> None:
    """Start a data repository: data folders, agency registry, example plan and results, schemas, hooks, README."""
    from gdnn_cli.cli import output
    from gdnn_cli.repo.scaffold import init

    res = init(folder, province.value, force=force, with_templates=with_templates)
    for rel in res.written:
        output.say(_("wrote {file}").format(file=folder / rel))
    for rel in res.kept:
        output.say(_("kept {file} (already there)").format(file=folder / rel))
    for line in res.git:
        output.say(line)
    output.say(_("Next: cd {folder} && gdnn validate").format(folder=folder))


@new_app.command("plan")
def new_plan_cmd(
    new_id: Annotated[str, typer.Argument(help="Id of the new plan, e.g. hn-2026-gdnn.")],
    from_id: Annotated[str, typer.Option("--from", help="Id of the plan to start from, e.g. hn-2025-gdnn.")],
    year: Annotated[int | None, typer.Option(
        "--year", "-y", help="First year of the new plan (default: the year after the old one).")] = None,
    data: DataOpt = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text or json.")] = Fmt.text,
) -> None:
    """Start next year's plan from this year's: years and deadlines moved, ceased agencies replaced, and a list
    of what the drafter must still decide."""
    import sys

    from gdnn_cli.cli import output
    from gdnn_cli.repo.rollover import new_plan, to_text

    ds = load_or_exit(data)
    res = new_plan(ds, new_id, from_id, year)
    if fmt is Fmt.json:
        output.print_json(res.to_json())
    else:
        sys.stdout.write(to_text(res))
