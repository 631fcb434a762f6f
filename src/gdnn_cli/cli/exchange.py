"""Commands of the December collection loop: gdnn forms, gdnn collect, gdnn remind.

Thin: parse, call ``exchange`` (and ``documents`` for the letter), print; ``cli.app`` lists them.
"""

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gdnn_cli.cli.options import DataOpt, PlanOpt, TemplatesOpt, load_for, load_or_exit, year_or_this
from gdnn_cli.common.i18n import _
from gdnn_cli.common.numbers import fmt_short_date

commands = typer.Typer()

AgencyOpt = Annotated[str | None, typer.Option("--agency", "-a", help="Only this body, or the members of this group.")]


class ResultStatus(str, Enum):
    """``gdnn collect --status``: what the collected figures are worth (the results file's ``status``)."""

    official = "official"
    provisional = "provisional"
    illustrative = "illustrative"


def _agency_or_exit(ds, agency: str | None) -> None:
    from gdnn_cli.common.errors import UsageError

    if agency and agency not in ds.registry.agencies:
        near = ds.registry.nearest_agency(agency)
        raise UsageError(_("no agency with id '{agency}'").format(agency=agency)
                         + (_("; did you mean '{near}'?").format(near=near) if near else ""))


@commands.command("forms")
def forms_cmd(
    year: Annotated[int | None, typer.Option("--year", "-y", help="Year reported on (default: this year).")] = None,
    data: DataOpt = None,
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder (default: out/forms/YEAR).")] = None,
) -> None:
    """Write one Excel form (.xlsx) per body that must report in YEAR: its targets, its tasks, the deadline."""
    from gdnn_cli.cli import output
    from gdnn_cli.common.errors import GdnnError
    from gdnn_cli.exchange.asks import asks_for
    from gdnn_cli.exchange.forms import write_forms

    ds = load_for(data, plan)
    _agency_or_exit(ds, agency)
    y = year_or_this(year)
    asks = asks_for(ds, y, plan, agency)
    if not asks:
        raise GdnnError(_("no body has to report in {year}{extra}: check the plans' reporting rules").format(
            year=y, extra=f" ({plan or ''}{' ' if plan and agency else ''}{agency or ''})" if plan or agency else ""))
    illustrative = any(p.plan.illustrative for a in asks for p in a.plans)
    folder = out or Path("out") / "forms" / str(y)
    written = write_forms(asks, folder, ds.registry, illustrative)
    lonely = sorted({a.body for a in asks if ds.registry.agencies[a.body].kind == "nhom"})
    for g in lonely:
        output.err(_("note: {name} is a group whose members the registry does not list; it gets one form. "
                     "List them with member_of in data/agencies/ to send one form each.").format(
                         name=ds.registry.short_name(g)))
    groups = sorted({a.group for a in asks if a.group})
    by_group = ", ".join(f"{ds.registry.short_name(g)}: {sum(1 for a in asks if a.group == g)}" for g in groups)
    output.say(_("wrote {n} form(s) for {year} into {folder}").format(n=len(written), year=y, folder=folder)
               + (f" ({by_group})" if by_group else ""))


@commands.command("collect")
def collect_cmd(
    files: Annotated[list[Path], typer.Argument(help="Filled forms (.xlsx).", show_default=False)],
    year: Annotated[int | None, typer.Option("--year", "-y", help="Refuse forms of another year.")] = None,
    data: DataOpt = None,
    status: Annotated[ResultStatus, typer.Option(
        "--status", help="Status of the collected figures.")] = ResultStatus.provisional,
    received: Annotated[str | None, typer.Option(
        "--received", help="Date the forms arrived, YYYY-MM-DD (default: today).")] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="These forms win over different answers already collected.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show, write nothing.")] = False,
) -> None:
    """Read filled forms into data/results/, with the provenance of every figure; safe to run again."""
    from gdnn_cli.cli.exchange_view import print_collect
    from gdnn_cli.common.errors import UsageError
    from gdnn_cli.exchange.collect import collect

    when = None
    if received:
        try:
            when = dt.date.fromisoformat(received)
        except ValueError:
            raise UsageError(_("--received {v}: write the date as YYYY-MM-DD").format(v=received)) from None
    ds = load_or_exit(data)
    res = collect(files, ds, year=year, status=status.value, received=when, replace=replace, write=not dry_run)
    print_collect(res, ds.registry, dry_run)
    if not res.ok:
        raise typer.Exit(1)


@commands.command("remind")
def remind_cmd(
    year: Annotated[int | None, typer.Option("--year", "-y", help="Year reported on (default: this year).")] = None,
    data: DataOpt = None,
    plan: PlanOpt = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Output .docx (default: out/YEAR/don-doc-COLLECTOR-YEAR.docx).")] = None,
    contact: Annotated[str | None, typer.Option(
        "--contact", help="Contact line: 'đồng chí …, phòng GDNN, điện thoại …'.")] = None,
    today: Annotated[str | None, typer.Option(
        "--date", help="Date of the letter, YYYY-MM-DD (default: today).")] = None,
    templates: TemplatesOpt = None,
) -> None:
    """Write the Công văn đôn đốc (.docx) to the bodies that have not sent their report for YEAR."""
    from gdnn_cli.cli import output
    from gdnn_cli.common.errors import GdnnError, UsageError
    from gdnn_cli.documents.docx import templates_dir
    from gdnn_cli.exchange.reminder import reminders, render_reminder

    ds = load_for(data, plan)
    y = year_or_this(year)
    try:
        on = dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError:
        raise UsageError(_("--date {v}: write the date as YYYY-MM-DD").format(v=today)) from None
    letters = reminders(ds, y, plan, on)
    if not letters:
        raise GdnnError(_("on {date} no body is overdue with its {year} report: no reminder to write").format(
            date=fmt_short_date(on), year=y))
    if out is not None and len(letters) > 1:
        raise UsageError(_("-o names one file but {n} collectors have bodies to remind ({who}); use --plan").format(
            n=len(letters), who=", ".join(letter.collector for letter in letters)))
    tdir = templates_dir(templates, data)
    for letter in letters:
        path = out or Path("out") / str(y) / f"don-doc-{letter.collector}-{y}.docx"
        render_reminder(letter, ds, path, tdir, contact)
        output.say(_("wrote {path}: {n} body(ies) not yet answered").format(
            path=path, n=len({o.body for o in letter.bodies})))
    sys.stdout.flush()
