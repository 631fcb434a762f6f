"""`gdnn site`: the static progress site. Parses options, calls gdnn_cli.site, prints one summary."""

from pathlib import Path
from typing import Annotated

import typer

from gdnn_cli.cli.options import DataOpt, TemplatesOpt, YearOpt, load_or_exit, year_or_this

commands = typer.Typer()


@commands.command("site")
def site_cmd(
    data: DataOpt = None,
    year: YearOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (default: site/).")] = Path("site"),
    docx: Annotated[bool, typer.Option("--docx/--no-docx", help="Offer each plan's .docx for download.")] = True,
    pdf: Annotated[bool | None, typer.Option(
        "--pdf/--no-pdf", help="Also offer PDFs (default: when LibreOffice is installed).", show_default=False)] = None,
    history: Annotated[bool, typer.Option("--history/--no-history", help="A history page per plan from git.")] = True,
    templates: TemplatesOpt = None,
) -> None:
    """Build a static website of the year's progress: plans, targets, agencies, history, downloads."""
    from gdnn_cli.cli import output
    from gdnn_cli.common.i18n import _
    from gdnn_cli.site import build_site

    ds = load_or_exit(data)
    y = year_or_this(year)
    res = build_site(ds, y, out, templates=templates, docx=docx, pdf=pdf, history=history)
    for note in res.notes:
        output.err(note)
    output.say(_("Site for {year}: {pages} pages; {written} file(s) written, {unchanged} unchanged, {removed} removed. "
                 "Open {index}").format(year=y, pages=res.pages, written=len(res.written),
                                        unchanged=len(res.unchanged), removed=len(res.removed),
                                        index=out / "index.html"))
