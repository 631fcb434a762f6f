"""Commands of the tracking room: `gdnn gaps` (targets against actuals) and `gdnn status` (who
reported, how far the tasks are). They parse, call ``tracking`` and print; ``cli.app`` lists them.

No `from __future__ import annotations` here: typer reads the options' annotations as objects.
"""

import sys
from enum import Enum
from typing import Annotated

import typer

from gdnn_cli.cli.options import (
    DataOpt,
    Fmt,
    IssuerOpt,
    PlanOpt,
    YearOpt,
    load_for,
    year_or_this,
)
from gdnn_cli.common.i18n import N_

commands = typer.Typer()

GAP_STATUSES = ("exceeded", "met", "not_met", "no_data", "achieved", "on_track", "behind", "at_risk", "too_few")


class GapFmt(str, Enum):
    """``gdnn gaps --format``: a table for people, json/csv for programs, md for a merge request."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


def _statuses(value: str | None) -> str | None:
    """--fail-on takes only statuses that rows can have: a typo must not make CI pass silently."""
    if value is None:
        return None
    wrong = [s.strip() for s in value.split(",") if s.strip() not in GAP_STATUSES]
    if wrong:
        from gdnn_cli.common.i18n import _

        raise typer.BadParameter(_("unknown status {wrong}; choose from {known}").format(
            wrong=", ".join(f"'{w}'" for w in wrong), known=", ".join(GAP_STATUSES)))
    return value


@commands.command("gaps")
def gaps_cmd(
    data: DataOpt = None,
    year: YearOpt = None,
    plan: PlanOpt = None,
    issuer: IssuerOpt = None,
    fmt: Annotated[GapFmt, typer.Option("--format", "-f", help=N_("table, json, csv or md."))] = GapFmt.table,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", callback=_statuses,
        help="Exit 1 if any row has this status (not_met, no_data, behind, at_risk; comma-separated).")] = None,
) -> None:
    """Target versus actual for every target in force in a year: gap, achievement, status."""
    from gdnn_cli.cli import output
    from gdnn_cli.tracking import view as gaps_view
    from gdnn_cli.tracking.status import coverage_by_plan, gap_rows

    ds = load_for(data, plan, issuer)
    y = year_or_this(year)
    rows = gap_rows(ds, y, plan, issuer)
    covered = coverage_by_plan(ds, y, plan, issuer)
    if fmt is GapFmt.json:
        output.print_json([{**r.to_json(), **({"coverage": [c.to_json() for c in covered[r.plan]]}
                                               if covered.get(r.plan) else {})} for r in rows])
    elif fmt is GapFmt.csv:
        sys.stdout.write(gaps_view.to_csv(rows))
    elif fmt is GapFmt.md:
        sys.stdout.write(gaps_view.to_markdown(rows))
    else:
        output.print_gap_tables(gaps_view.to_rich(rows, y), gaps_view.any_illustrative(rows), len(rows))
        for plan_id, items in covered.items():
            output.say(f"{plan_id}: " + "; ".join(c.phrase() for c in items))
    if fail_on:
        wanted = {s.strip() for s in fail_on.split(",")}
        if any(r.status in wanted for r in rows):
            raise typer.Exit(1)


@commands.command("status")
def status_cmd(
    data: DataOpt = None,
    year: YearOpt = None,
    plan: PlanOpt = None,
    issuer: IssuerOpt = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=N_("text or json."))] = Fmt.text,
) -> None:
    """Task progress per agency, and which agencies reported on time, late or not at all."""
    from gdnn_cli.cli import output
    from gdnn_cli.tracking.status import year_status

    ds = load_for(data, plan, issuer)
    ys = year_status(ds, year_or_this(year), plan, issuer)
    if fmt is Fmt.json:
        output.print_json({"handovers": [h.to_json() for h in ys.handovers],
                           "reporters": [r.to_json() for r in ys.reporters],
                           "tasks": [{**t.__dict__, "reported": t.reported.isoformat() if t.reported else None}
                                     for t in ys.tasks]})
    else:
        output.print_status(ys, ds.registry)
