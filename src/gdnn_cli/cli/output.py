"""Printing for people (rich) and machines (JSON). The library never prints; the CLI calls these."""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import _, ngettext
from gdnn_cli.common.vocab import REPORTING_STATES, TASK_STATES, label


@lru_cache(maxsize=2)
def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def say(text: str) -> None:
    """A line for the user on stdout, printed as is (no rich markup: data may hold brackets)."""
    _console().print(text, markup=False)


def err(text: str) -> None:
    """A problem or a note on stderr, in red, so that stdout stays clean for pipes and JSON."""
    _console(True).print(text, markup=False, style="bold red")


def show(renderable: object, stderr: bool = False) -> None:
    """A rich table (or other renderable) on the shared console, for the views outside this module."""
    _console(stderr).print(renderable)


def print_json(obj: object) -> None:
    """``--format json``: UTF-8 as is (Vietnamese readable in the file), dates and paths as strings."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


WARNINGS_PER_CODE = 20
_COLORS = {"error": "\033[31m", "warning": "\033[33m", "dim": "\033[2m", "hint": "\033[36m", "end": "\033[0m"}


def _paint(stream, key: str, text: str) -> str:
    if getattr(stream, "isatty", lambda: False)() and not os.environ.get("NO_COLOR"):
        return f"{_COLORS[key]}{text}{_COLORS['end']}"
    return text


def print_issue(issue: Issue, stream=None, verbose: bool = True, paths: bool = False) -> None:
    """Plain writes, not rich: a national corpus can have thousands of issues. Without ``verbose`` a
    warning is one line (its hint after a dash), so that real errors do not drown in code frames;
    ``paths`` adds the YAML path beside the place in plan terms."""
    out = stream or sys.stdout
    severity = _("error") if issue.severity == "error" else _("warning")
    if not verbose and issue.severity == "warning":
        hint = f" — {issue.hint}" if issue.hint else ""
        out.write(f"{_paint(out, 'warning', severity)} [{issue.code}] {issue.headline(paths)}{hint}\n")
        return
    lines = [f"{_paint(out, issue.severity, severity)} [{issue.code}] {issue.headline(paths)}"]
    if issue.context:
        lines.append(_paint(out, "dim", issue.context))
    if issue.hint:
        lines.append(_paint(out, "hint", "  " + _("hint: {hint}").format(hint=issue.hint)))
    out.write("\n".join(lines) + "\n")


def print_issues(ds, stream=None, verbose: bool = False) -> None:
    """Every error with its code frame; each distinct warning once, in one line (code frames and YAML
    paths with ``verbose``), up to WARNINGS_PER_CODE of each kind, then a count (all are in --format json)."""
    shown: dict[str, int] = {}
    printed: set[tuple] = set()
    for issue in ds.issues:
        if issue.severity == "warning":
            if (issue.code, issue.message) in printed:
                continue
            printed.add((issue.code, issue.message))
            shown[issue.code] = shown.get(issue.code, 0) + 1
            if shown[issue.code] > WARNINGS_PER_CODE:
                continue
        print_issue(issue, stream, verbose, paths=verbose)
    out = stream or sys.stdout
    for code, n in shown.items():
        if n > WARNINGS_PER_CODE:
            more = n - WARNINGS_PER_CODE
            out.write(ngettext("… and {n} more warning [{code}] (gdnn validate --format json lists all)",
                               "… and {n} more warnings [{code}] (gdnn validate --format json lists all)",
                               more).format(n=more, code=code) + "\n")


def print_summary(ds) -> None:
    """The last line of `gdnn validate`: what was checked, where, and the verdict in colour."""
    n_agencies = len(ds.registry.agencies)
    plans, agency_files, results = ds.count("plan"), ds.count("agencies"), ds.count("results")
    parts = [
        ngettext("{n} plan file", "{n} plan files", plans).format(n=plans),
        ngettext("{n} agency file", "{n} agency files", agency_files).format(n=agency_files)
        + " " + ngettext("({n} agency)", "({n} agencies)", n_agencies).format(n=n_agencies),
        ngettext("{n} result file", "{n} result files", results).format(n=results),
    ]
    e, w = len(ds.errors), len(ds.warnings)
    style = "bold red" if e else "bold yellow" if w else "bold green"
    verdict = _("invalid") if e else _("valid")
    _console().print(_("Checked {files} in {folder}: {verdict}, {errors}, {warnings}.").format(
        files=", ".join(parts), folder=ds.root, verdict=verdict,
        errors=ngettext("{n} error", "{n} errors", e).format(n=e),
        warnings=ngettext("{n} warning", "{n} warnings", w).format(n=w)), style=style, markup=False)


def validation_json(ds) -> dict:
    """`gdnn validate --format json`, the shape editors and CI read (a test fixes its keys)."""
    return {
        "ok": ds.ok,
        "plans": sorted(ds.plans),
        "counts": {"plans": ds.count("plan"), "agency_files": ds.count("agencies"),
                   "agencies": len(ds.registry.agencies), "result_files": ds.count("results")},
        "errors": [i.to_dict() for i in ds.errors],
        "warnings": [i.to_dict() for i in ds.warnings],
    }


def print_gap_tables(tables, illustrative: bool, n: int) -> None:
    """`gdnn gaps` for people: one table per plan, a hint when nothing is in force, the illustrative note."""
    console = _console()
    if not n:
        console.print(_("No targets are in force for that year (check --year, --plan, --issuer)."), markup=False)
    for t in tables:
        console.print(t)
    if illustrative:
        from gdnn_cli.tracking.view import ILLUSTRATIVE_LINE

        console.print(_(ILLUSTRATIVE_LINE), style="bold yellow", markup=False)


def print_status(ys, registry) -> None:
    """`gdnn status` for people: handovers of ceased agencies, who reported when, how far each task is."""
    from rich.table import Table

    from gdnn_cli.common.numbers import fmt_short_date

    console = _console()
    for h in ys.handovers:
        console.print(_("The standing agency of plan {plan}, {name}, ceased on {ceased}; {successor} takes over "
                        "its duties.").format(plan=h.plan, name=h.name, ceased=fmt_short_date(h.ceased),
                                              successor=h.successor_name), markup=False)
    t = Table(title=_("Reporting"), title_justify="left")
    for col in (_("Plan"), _("Agency"), _("To"), _("Due"), _("Reported on"), _("State")):
        t.add_column(col)
    for r in ys.reporters:
        style = {"on_time": "green", "late": "yellow", "missing": "bold red"}.get(r.state, "dim")
        name = r.name + (" " + _("(in place of {name})").format(name=registry.short_name(r.replaces))
                         if r.replaces else "")
        if r.members:
            name += " — " + _("{answered}/{members} reported").format(answered=r.answered, members=len(r.members))
        t.add_row(r.plan, name + ("*" if r.illustrative else ""), registry.short_name(r.to),
                  fmt_short_date(r.due) if r.due else "—", fmt_short_date(r.reported) if r.reported else "—",
                  f"[{style}]{label(REPORTING_STATES, r.state)}[/]")
    if ys.reporters:
        console.print(t)
    else:  # an empty table reads as a fault; say what it means
        console.print(_("Reporting: no report is due under these plans in this year."), markup=False)
    _print_members(console, ys, registry)
    p = Table(title=_("Task progress"), title_justify="left")
    for col in (_("Plan"), _("Task"), _("Agency"), _("State"), _("Result")):
        p.add_column(col, overflow="fold")
    for r in ys.tasks:
        p.add_row(r.plan, r.task, r.name + ("*" if r.illustrative else ""), label(TASK_STATES, r.status),
                  r.account or "")
    if ys.tasks:
        console.print(p)
    else:
        console.print(_("Task progress: no agency has reported on a task for this year yet."), markup=False)
    if any(r.illustrative for r in ys.reporters) or any(r.illustrative for r in ys.tasks):
        from gdnn_cli.tracking.view import ILLUSTRATIVE_LINE

        console.print(_(ILLUSTRATIVE_LINE), style="bold yellow", markup=False)


def _print_members(console, ys, registry) -> None:
    """For each group whose members the registry lists: who answered late and who has not answered."""
    shown: set[tuple] = set()
    for r in ys.reporters:
        for state in ("late", "missing"):
            names = [registry.short_name(m.agency) for m in r.members if m.state == state]
            key = (r.agency, state, tuple(names))
            if not names or key in shown:
                continue
            shown.add(key)
            plans = ", ".join(x.plan for x in ys.reporters if x.agency == r.agency and tuple(
                registry.short_name(m.agency) for m in x.members if m.state == state) == tuple(names))
            word = label(REPORTING_STATES, state)
            console.print(f"{r.name} — {word} ({len(names)}/{len(r.members)}; {plans}): " + ", ".join(names),
                          markup=False)


def progress():
    """A progress bar on stderr that disappears when done, so that stdout keeps only the result."""
    from rich.progress import BarColumn, Progress, TextColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                    console=_console(True), transient=True)


def print_written(written, registry) -> None:
    """`gdnn report`'s closing table: each file written, for which issuer and plans, and whether illustrative."""
    from rich.table import Table

    table = Table(title=_("Written"), title_justify="left")
    for i, col in enumerate((_("Issuing agency"), _("File"), _("Plan"), _("Targets"), _("Illustrative"))):
        table.add_column(col, overflow="fold", no_wrap=i == 1)  # a file name is never cut in two
    for issuer, path, data in written:
        table.add_row(registry.agency_name(issuer), str(path), ", ".join(p.plan.id for p in data.parts),
                      str(len(data.rows)), _("yes") if data.illustrative else _("no"))
    _console().print(table)
