"""The typer layer: parse arguments, call the library, print. No domain logic lives here.

Heavy modules (pydantic models, docx, matplotlib, Babel) are imported inside the commands so that
``gdnn --help`` starts as fast as typer itself.
"""

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from gdnn_cli.cli.lang import LANG_HELP, Lang, TranslatedGroup, lang_callback, use_catalog_for_typer
from gdnn_cli.common.i18n import N_, _, ngettext

use_catalog_for_typer()

app = typer.Typer(
    name="gdnn",
    cls=TranslatedGroup,
    help=N_("Vocational-education (GDNN) plans as data: validate them, compute target gaps, render Vietnamese documents."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)

@app.callback()
def _global_options(
    lang: Annotated[Optional[Lang], typer.Option(
        "--lang", help=LANG_HELP, is_eager=True, callback=lang_callback, show_default=False)] = None,
) -> None:
    """Options that apply to every command."""


DataOpt = Annotated[
    Optional[Path],
    typer.Option("--data", "-d", help=N_("Data folder (default: $GDNN_DATA or ./data)."), show_default=False),
]


TemplatesOpt = Annotated[
    Optional[Path], typer.Option(
        "--templates", show_default=False,
        help="Folder with the Word templates (default: $GDNN_TEMPLATES, else templates/ beside the data folder, "
             "else the packaged ones).")
]


class Fmt(str, Enum):
    text = "text"
    json = "json"


def _data_dir(data: Path | None) -> Path:
    from gdnn_cli.core.dataset import default_data_dir

    return data if data is not None else default_data_dir()


def _load_or_exit(data: Path | None, *, jobs: int = 0, cache: bool = True):
    """Load and validate the data; on errors print them like `gdnn validate` and exit 1."""
    from gdnn_cli.cli import output
    from gdnn_cli.core.dataset import load

    ds = load(_data_dir(data), jobs=jobs or (os.cpu_count() or 1), cache=_cache(cache))
    if not ds.ok:
        output.print_issues(ds, stream=sys.stderr)
        output.err(ngettext("The data is invalid ({n} error); nothing was written. Run `gdnn validate` for details.",
                            "The data is invalid ({n} errors); nothing was written. Run `gdnn validate` for details.",
                            len(ds.errors)).format(n=len(ds.errors)))
        raise typer.Exit(1)
    return ds


def _cache(enabled: bool):
    if not enabled or os.environ.get("GDNN_NO_CACHE"):
        return None
    from gdnn_cli.core.cache import Cache

    return Cache.default()


@app.command("validate")
def validate_cmd(
    data: DataOpt = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=N_("text for people, json for editors and CI."))] = Fmt.text,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Warnings make the run fail too."))] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help=N_("Worker processes (0 = one per core)."))] = 0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=N_("Ignore and do not update the cache."))] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Show warnings with their source lines, and the YAML path of each problem.")] = False,
) -> None:
    """Check every plan, agency and result file: YAML, schema, references and domain rules."""
    from gdnn_cli.cli import output
    from gdnn_cli.core.dataset import load

    ds = load(_data_dir(data), jobs=jobs or (os.cpu_count() or 1), cache=_cache(not no_cache))
    if fmt is Fmt.json:
        output.print_json(output.validation_json(ds))
    else:
        output.print_issues(ds, verbose=verbose)
        output.print_summary(ds)
    if not ds.ok or (strict and ds.warnings):
        raise typer.Exit(1)


@app.command("schema")
def schema_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", help=N_("Folder for the .schema.json files."))] = Path("schemas"),
) -> None:
    """Write the JSON Schema of each file kind (plan, agencies, results) for editor completion."""
    from gdnn_cli.cli import output
    from gdnn_cli.core.jsonschema import write_schemas

    for path in write_schemas(out):
        output.say(_("wrote {path}").format(path=path))


def _plan_or_exit(ds, plan_id: str):
    from gdnn_cli.common.errors import UsageError
    from gdnn_cli.common.i18n import _

    if plan_id not in ds.plans:
        raise UsageError(_("no plan with id '{id}'{near}").format(id=plan_id, near=_did_you_mean(plan_id, ds.plans)))
    return ds.plans[plan_id]


def _issuer_or_exit(ds, issuer: str | None) -> None:
    from gdnn_cli.common.errors import UsageError
    from gdnn_cli.common.i18n import _

    if issuer and issuer not in ds.registry.agencies:
        raise UsageError(_("no agency with id '{id}'{near}").format(
            id=issuer, near=_did_you_mean(issuer, ds.registry.agencies)))


def _did_you_mean(wrong: str, pool) -> str:
    """The nearest ids only, never the whole list: a national folder has thousands."""
    import difflib

    from gdnn_cli.common.i18n import _

    close = difflib.get_close_matches(wrong, sorted(pool), n=3, cutoff=0.5)
    if close:
        return _("; did you mean {ids}?").format(ids=", ".join(f"'{c}'" for c in close))
    return _("; `gdnn validate --format json` lists the ids")


GAP_STATUSES = ("exceeded", "met", "not_met", "no_data", "achieved", "on_track", "behind", "at_risk", "too_few")


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


@app.command("plan")
def plan_cmd(
    plan_id: Annotated[str, typer.Argument(help=N_("Plan id, e.g. hn-2025-gdnn."))],
    data: DataOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help=N_("Output .docx (default: out/PLAN_ID.docx)."))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=N_("Also convert to PDF with LibreOffice (soffice)."))] = False,
    templates: TemplatesOpt = None,
) -> None:
    """Render a plan (Kế hoạch) as a .docx in the Nghị định 30 layout."""
    from gdnn_cli.cli import output
    from gdnn_cli.documents.docx import convert_pdf, templates_dir
    from gdnn_cli.documents.plan_doc import render_plan

    ds = _load_or_exit(data)
    plan = _plan_or_exit(ds, plan_id)
    target = _docx_target(out or Path("out") / f"{plan_id}.docx", ds.root)
    pdf = pdf or (out is not None and out.suffix.lower() == ".pdf")
    if pdf:
        check_target(target.with_suffix(".pdf"), [ds.root])
    written = render_plan(plan, ds.registry, target, templates_dir(templates, data))
    output.say(_("wrote {path}").format(path=written))
    if pdf:
        output.say(_("wrote {path}").format(path=convert_pdf(written)))


def _docx_target(out: Path, data_root: Path) -> Path:
    """-o names the .docx; ``-o x.pdf`` means x.docx and x.pdf, both kept. Anything that would be
    destroyed by the write (a folder, a device, a data file, a file gdnn did not write) is refused."""
    from gdnn_cli.common.errors import GdnnError
    from gdnn_cli.common.i18n import _

    check_target(out, [data_root])
    if out.suffix.lower() == ".pdf":
        out = out.with_suffix(".docx")
    elif out.suffix.lower() != ".docx":
        raise GdnnError(_("-o {out}: the output is a Word file; give a name ending in .docx (or .pdf for both)")
                        .format(out=out))
    return check_target(out, [data_root])


def check_target(path: Path, protect: list[Path]) -> Path:
    from gdnn_cli.common.atomic import check_target as check

    return check(path, protect)


class GapFmt(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


YearOpt = Annotated[Optional[int], typer.Option("--year", "-y", help=N_("Year (default: this year)."))]
PlanOpt = Annotated[Optional[str], typer.Option("--plan", "-p", help=N_("Only this plan id."))]
IssuerOpt = Annotated[Optional[str], typer.Option("--issuer", help=N_("Only plans of this issuing agency id."))]


def _year(year: int | None) -> int:
    import datetime as dt

    return year or dt.date.today().year


@app.command("gaps")
def gaps_cmd(
    data: DataOpt = None,
    year: YearOpt = None,
    plan: PlanOpt = None,
    issuer: IssuerOpt = None,
    fmt: Annotated[GapFmt, typer.Option("--format", "-f", help=N_("table, json, csv or md."))] = GapFmt.table,
    fail_on: Annotated[Optional[str], typer.Option(
        "--fail-on", callback=_statuses,
        help="Exit 1 if any row has this status (not_met, no_data, behind, at_risk; comma-separated).")] = None,
) -> None:
    """Target versus actual for every target in force in a year: gap, achievement, status."""
    from gdnn_cli.tracking import view as gaps_view
    from gdnn_cli.cli import output
    from gdnn_cli.tracking.status import coverage_by_plan, gap_rows

    ds = _load_or_exit(data)
    if plan:
        _plan_or_exit(ds, plan)
    _issuer_or_exit(ds, issuer)
    y = _year(year)
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


@app.command("status")
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

    ds = _load_or_exit(data)
    if plan:
        _plan_or_exit(ds, plan)
    _issuer_or_exit(ds, issuer)
    ys = year_status(ds, _year(year), plan, issuer)
    if fmt is Fmt.json:
        output.print_json({"handovers": [h.to_json() for h in ys.handovers],
                           "reporters": [r.to_json() for r in ys.reporters],
                           "tasks": [{**t.__dict__, "reported": t.reported.isoformat() if t.reported else None}
                                     for t in ys.tasks]})
    else:
        output.print_status(ys, ds.registry)


@app.command("report")
def report_cmd(
    year: Annotated[int, typer.Option("--year", "-y", help=N_("The year reported on."))],
    data: DataOpt = None,
    issuer: IssuerOpt = None,
    plan: PlanOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help=N_("Output folder (default: out/YEAR)."))] = None,
    xlsx: Annotated[bool, typer.Option("--xlsx", help=N_("Also write the target tables as .xlsx."))] = False,
    templates: TemplatesOpt = None,
) -> None:
    """Write the year-end report (Báo cáo) of each issuer with plans in force in YEAR."""
    from gdnn_cli.cli import output
    from gdnn_cli.common.errors import GdnnError
    from gdnn_cli.documents.docx import templates_dir
    from gdnn_cli.common.atomic import check_folder, staged
    from gdnn_cli.documents.report_doc import annex_note, render_report
    from gdnn_cli.documents.report_data import build, issuers_for
    from gdnn_cli.documents.workbook import write_xlsx

    ds = _load_or_exit(data)
    if plan:
        _plan_or_exit(ds, plan)
    _issuer_or_exit(ds, issuer)
    folder = out or Path("out") / str(year)
    tdir = templates_dir(templates, data)
    issuers = issuers_for(ds, year, issuer, plan)
    if not issuers:
        raise GdnnError(_("no plan of {issuer} is in force in {year}").format(issuer=issuer, year=year) if issuer
                        else _("no plan is in force in {year}").format(year=year))
    suffixes = (".docx", ".xlsx") if xlsx else (".docx",)
    check_folder(folder, [f"bao-cao-{iss}-{year}{sfx}" for iss in issuers for sfx in suffixes], [ds.root])
    written: list[tuple[str, Path, object]] = []
    with staged(folder) as stage, output.progress() as bar:  # all reports or none
        task = bar.add_task(_("Report"), total=len(issuers) * len(suffixes))
        for iss in issuers:
            bar.update(task, description=_("Report {issuer}").format(issuer=iss))
            try:
                rdata = build(ds, year, iss, plan)
                path = render_report(rdata, ds, stage / f"bao-cao-{iss}-{year}.docx", tdir)
            except Exception as exc:
                exc.add_note(f"while writing the report of {iss} for {year}")  # for the crash log
                raise
            written.append((iss, folder / path.name, rdata))
            bar.advance(task)
            if xlsx:
                written.append((iss, folder / write_xlsx(rdata, stage / f"bao-cao-{iss}-{year}.xlsx", annex_note(rdata, ds)).name, rdata))
                bar.advance(task)
    output.print_written(written, ds.registry)


def main() -> None:
    """Entry point with one exception boundary: expected errors exit 1, usage 2, bugs 3."""
    from gdnn_cli.cli.lang import click_exceptions, language_from_argv, show_click_error
    from gdnn_cli.common.errors import GdnnError, UsageError

    args = language_from_argv(sys.argv[1:])
    try:
        # not standalone, so that click's usage errors can be shown in the user's language
        code = app(args=args, prog_name="gdnn", standalone_mode=False)
    except click_exceptions.ClickException as exc:
        show_click_error(exc)
        sys.exit(exc.exit_code)
    except typer.Abort:
        print(_("Aborted!"), file=sys.stderr)
        sys.exit(1)
    except UsageError as exc:
        print(f"gdnn: {exc}", file=sys.stderr)
        sys.exit(2)
    except GdnnError as exc:
        from gdnn_cli.cli import output

        for issue in exc.issues:
            output.print_issue(issue, stream=sys.stderr)
        output.err(f"gdnn: {exc}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one boundary for bugs
        _bug(exc)
    sys.exit(code if isinstance(code, int) else 0)  # typer.Exit(n) comes back as n


def _bug(exc: Exception) -> None:
    import tempfile
    import traceback

    fd, log = tempfile.mkstemp(prefix="gdnn-crash-", suffix=".log")
    with os.fdopen(fd, "w") as fh:
        traceback.print_exc(file=fh)
    print("gdnn: " + _("internal error ({error}). Details in {log}; please report it.").format(
        error=f"{type(exc).__name__}: {exc}", log=log), file=sys.stderr)
    sys.exit(3)


from gdnn_cli.cli import exchange as cli_exchange, review as cli_git  # noqa: F401,E402  - register forms/collect/remind, diff/textconv/git-setup
from gdnn_cli.cli import repo as cli_repo  # noqa: F401,E402  - registers init and new plan on the app
from gdnn_cli.cli import site as cli_site  # noqa: F401,E402  - registers site on the app

if __name__ == "__main__":
    main()
