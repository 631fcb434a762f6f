"""What every command module shares: the options (``--data``, ``--year``, …) and the few helpers that
turn them into library objects or a clear exit (load the data or print its errors, find a plan by id).

Defined once here so that every command spells ``--data`` and its help the same way (style.md §8),
and so that command modules import this module, never ``cli.app``: the app imports them.
Nothing heavy at the top: ``gdnn --help`` imports this module.

No ``from __future__ import annotations``: the ``Annotated`` option types below are read by typer
as objects, and keeping annotations real here keeps them real wherever they are used.
"""

import datetime as dt
import os
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gdnn_cli.common.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from gdnn_cli.core.cache import Cache
    from gdnn_cli.core.dataset import Dataset
    from gdnn_cli.core.models import Plan

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", "-d", help=N_("Data folder (default: $GDNN_DATA or ./data)."), show_default=False),
]
TemplatesOpt = Annotated[
    Path | None, typer.Option(
        "--templates", show_default=False,
        help="Folder with the Word templates (default: $GDNN_TEMPLATES, else templates/ beside the data folder, "
             "else the packaged ones).")
]
YearOpt = Annotated[int | None, typer.Option("--year", "-y", help=N_("Year (default: this year)."))]
PlanOpt = Annotated[str | None, typer.Option("--plan", "-p", help=N_("Only this plan id."))]
IssuerOpt = Annotated[str | None, typer.Option("--issuer", help=N_("Only plans of this issuing agency id."))]


class Fmt(str, Enum):
    """``--format`` of the commands that print either for people or for machines."""

    text = "text"
    json = "json"


def data_dir(data: Path | None) -> Path:
    """The folder ``--data`` names, else the default one ($GDNN_DATA or ./data)."""
    from gdnn_cli.core.dataset import default_data_dir

    return data if data is not None else default_data_dir()


def cache_for(enabled: bool) -> "Cache | None":
    """The parse cache, unless ``--no-cache`` or $GDNN_NO_CACHE turns it off."""
    if not enabled or os.environ.get("GDNN_NO_CACHE"):
        return None
    from gdnn_cli.core.cache import Cache

    return Cache.default()


def jobs_or_cores(jobs: int) -> int:
    """``--jobs 0`` (the default) means one worker per core."""
    return jobs or (os.cpu_count() or 1)


def load_or_exit(data: Path | None, *, jobs: int = 0, cache: bool = True) -> "Dataset":
    """Load and validate the data; on errors print them like `gdnn validate` and exit 1, so that no
    command ever works from invalid data."""
    from gdnn_cli.cli import output
    from gdnn_cli.core.dataset import load

    ds = load(data_dir(data), jobs=jobs_or_cores(jobs), cache=cache_for(cache))
    if not ds.ok:
        output.print_issues(ds, stream=sys.stderr)
        output.err(ngettext("The data is invalid ({n} error); nothing was written. Run `gdnn validate` for details.",
                            "The data is invalid ({n} errors); nothing was written. Run `gdnn validate` for details.",
                            len(ds.errors)).format(n=len(ds.errors)))
        raise typer.Exit(1)
    return ds


def load_for(data: Path | None, plan: str | None = None, issuer: str | None = None) -> "Dataset":
    """The data, valid, and the ``--plan``/``--issuer`` it was asked about known to it: every command
    that narrows to a plan or an issuer refuses a wrong id before doing any work."""
    ds = load_or_exit(data)
    if plan:
        plan_or_exit(ds, plan)
    issuer_or_exit(ds, issuer)
    return ds


def plan_or_exit(ds: "Dataset", plan_id: str) -> "Plan":
    """The plan ``--plan``/PLAN_ID names, or a usage error with the nearest ids."""
    from gdnn_cli.common.errors import UsageError

    if plan_id not in ds.plans:
        raise UsageError(_("no plan with id '{id}'{near}").format(id=plan_id, near=did_you_mean(plan_id, ds.plans)))
    return ds.plans[plan_id]


def issuer_or_exit(ds: "Dataset", issuer: str | None) -> None:
    """Refuse an ``--issuer`` the registry does not know, naming the nearest ids (a typo must not give an
    empty table that reads as "no targets")."""
    from gdnn_cli.common.errors import UsageError

    if issuer and issuer not in ds.registry.agencies:
        raise UsageError(_("no agency with id '{id}'{near}").format(
            id=issuer, near=did_you_mean(issuer, ds.registry.agencies)))


def did_you_mean(wrong: str, pool: Iterable[str]) -> str:
    """The nearest ids only, never the whole list: a national folder has thousands."""
    import difflib

    close = difflib.get_close_matches(wrong, sorted(pool), n=3, cutoff=0.5)
    if close:
        return _("; did you mean {ids}?").format(ids=", ".join(f"'{c}'" for c in close))
    return _("; `gdnn validate --format json` lists the ids")


def year_or_this(year: int | None) -> int:
    """``--year`` when given, else this calendar year."""
    return year or dt.date.today().year
