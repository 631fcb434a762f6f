"""Commands of the documents room: `gdnn plan` (a plan as the signed .docx) and `gdnn report` (the
year-end reports). They parse, call ``documents`` and print; ``cli.app`` lists them.

No `from __future__ import annotations` here: typer reads the options' annotations as objects.
"""

from pathlib import Path
from typing import Annotated

import typer

from gdnn_cli.cli.options import DataOpt, IssuerOpt, PlanOpt, TemplatesOpt, load_for, load_or_exit, plan_or_exit
from gdnn_cli.common.i18n import N_, _

commands = typer.Typer()


@commands.command("plan")
def plan_cmd(
    plan_id: Annotated[str, typer.Argument(help=N_("Plan id, e.g. hn-2025-gdnn."))],
    data: DataOpt = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help=N_("Output .docx (default: out/PLAN_ID.docx)."))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=N_("Also convert to PDF with LibreOffice (soffice)."))] = False,
    templates: TemplatesOpt = None,
) -> None:
    """Render a plan (Kế hoạch) as a .docx in the Nghị định 30 layout."""
    from gdnn_cli.cli import output
    from gdnn_cli.common.atomic import check_target
    from gdnn_cli.documents.docx import convert_pdf, templates_dir
    from gdnn_cli.documents.plan_doc import render_plan

    ds = load_or_exit(data)
    plan = plan_or_exit(ds, plan_id)
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
    from gdnn_cli.common.atomic import check_target
    from gdnn_cli.common.errors import GdnnError

    check_target(out, [data_root])
    if out.suffix.lower() == ".pdf":
        out = out.with_suffix(".docx")
    elif out.suffix.lower() != ".docx":
        raise GdnnError(_("-o {out}: the output is a Word file; give a name ending in .docx (or .pdf for both)")
                        .format(out=out))
    return check_target(out, [data_root])


@commands.command("report")
def report_cmd(
    year: Annotated[int, typer.Option("--year", "-y", help=N_("The year reported on."))],
    data: DataOpt = None,
    issuer: IssuerOpt = None,
    plan: PlanOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help=N_("Output folder (default: out/YEAR)."))] = None,
    xlsx: Annotated[bool, typer.Option("--xlsx", help=N_("Also write the target tables as .xlsx."))] = False,
    templates: TemplatesOpt = None,
) -> None:
    """Write the year-end report (Báo cáo) of each issuer with plans in force in YEAR."""
    from gdnn_cli.cli import output
    from gdnn_cli.common.atomic import check_folder, staged
    from gdnn_cli.common.errors import GdnnError
    from gdnn_cli.documents.docx import templates_dir
    from gdnn_cli.documents.report_data import ReportData, build, issuers_for
    from gdnn_cli.documents.report_doc import annex_note, render_report
    from gdnn_cli.documents.workbook import write_xlsx

    ds = load_for(data, plan, issuer)
    folder = out or Path("out") / str(year)
    tdir = templates_dir(templates, data)
    issuers = issuers_for(ds, year, issuer, plan)
    if not issuers:
        raise GdnnError(_("no plan of {issuer} is in force in {year}").format(issuer=issuer, year=year) if issuer
                        else _("no plan is in force in {year}").format(year=year))
    suffixes = (".docx", ".xlsx") if xlsx else (".docx",)
    check_folder(folder, [f"bao-cao-{iss}-{year}{sfx}" for iss in issuers for sfx in suffixes], [ds.root])
    written: list[tuple[str, Path, ReportData]] = []
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
                sheet = write_xlsx(rdata, stage / f"bao-cao-{iss}-{year}.xlsx", annex_note(rdata, ds))
                written.append((iss, folder / sheet.name, rdata))
                bar.advance(task)
    output.print_written(written, ds.registry)
