"""Commands of the core room: `gdnn validate` (is the data sound?) and `gdnn schema` (help editors
write it). They parse, call ``core`` and print; ``cli.app`` lists them in its table of contents.

No `from __future__ import annotations` here: typer reads the options' annotations as objects.
"""

from pathlib import Path
from typing import Annotated

import typer

from gdnn_cli.cli.options import DataOpt, Fmt, cache_for, data_dir, jobs_or_cores
from gdnn_cli.common.i18n import N_, _

commands = typer.Typer()


@commands.command("validate")
def validate_cmd(
    data: DataOpt = None,
    fmt: Annotated[Fmt, typer.Option(
        "--format", "-f", help=N_("text for people, json for editors and CI."))] = Fmt.text,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Warnings make the run fail too."))] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help=N_("Worker processes (0 = one per core)."))] = 0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=N_("Ignore and do not update the cache."))] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Show warnings with their source lines, and the YAML path of each problem.")] = False,
) -> None:
    """Check every plan, agency and result file: YAML, schema, references and domain rules."""
    from gdnn_cli.cli import output
    from gdnn_cli.core.dataset import load

    ds = load(data_dir(data), jobs=jobs_or_cores(jobs), cache=cache_for(not no_cache))
    if fmt is Fmt.json:
        output.print_json(output.validation_json(ds))
    else:
        output.print_issues(ds, verbose=verbose)
        output.print_summary(ds)
    if not ds.ok or (strict and ds.warnings):
        raise typer.Exit(1)


@commands.command("schema")
def schema_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", help=N_("Folder for the .schema.json files."))] = Path("schemas"),
) -> None:
    """Write the JSON Schema of each file kind (plan, agencies, results) for editor completion."""
    from gdnn_cli.cli import output
    from gdnn_cli.core.jsonschema import write_schemas

    for path in write_schemas(out):
        output.say(_("wrote {path}").format(path=path))
