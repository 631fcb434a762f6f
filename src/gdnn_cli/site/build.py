"""Build the site: render pages with Jinja (autoescape on), only those whose inputs changed.

What each page shows comes from ``pages``; whether it must be rendered again, from ``incremental``
(each page's fingerprint of inputs, kept in the folder's manifest). When no data file changed, the
build stops before it computes the year's figures. Binary downloads (.docx, .pdf, .xlsx) are keyed on
their inputs too, since they embed times. Every file is written atomically, the manifest last; a
first build appears all at once or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from gdnn_cli.common import atomic
from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.i18n import _
from gdnn_cli.documents.naming import plan_short as plan_label
from gdnn_cli.site import agency_pages, pages, plan_pages, target_pages
from gdnn_cli.site.charts import line_chart
from gdnn_cli.site.incremental import BuildResult, Inputs, Writer, file_bytes, fingerprint, stable_days, version
from gdnn_cli.tracking import view as gaps_view


def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("gdnn_cli.site", "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["svg_chart"] = line_chart
    return env


def build_site(ds, year: int, out: Path, *, templates: Path | None = None, docx: bool = True, pdf: bool | None = None,
               history: bool = True, today: dt.date | None = None) -> BuildResult:
    """Build the site of ``year`` into ``out``. ``pdf=None`` converts when LibreOffice is on PATH.

    A first build goes to a temporary folder that becomes ``out`` only when every file was written
    (all or none); a rebuild replaces changed files one by one, atomically, and on failure records
    what it wrote so that the next build completes the folder instead of refusing it.
    """
    out = Path(out)
    atomic.check_folder(out, (), [ds.root])
    args = (ds, year, templates, docx, pdf, history, today or dt.date.today())
    if not out.exists():
        with atomic.staged(out) as stage:
            res = _run(Writer(stage), *args)
        res.out = out
        return res
    return _run(Writer(out), *args)


def _run(w: Writer, *args) -> BuildResult:
    try:
        _build(w, *args)
    except BaseException:
        if w.files:
            w.keep()
        raise
    w.finish()
    return w.result


def _build(w: Writer, ds, year: int, templates, docx: bool, pdf: bool | None, history: bool, today: dt.date) -> None:
    if pdf is None:
        pdf = docx and bool(shutil.which("soffice") or shutil.which("libreoffice"))
    hist = _history(ds, w, history)
    tdir = _templates(ds, templates) if docx else None
    inputs = Inputs(ds, year, (docx, pdf, hist is not None), file_bytes(tdir / "ke-hoach.docx") if tdir else b"")
    whole = inputs.whole(hist.head if hist else None)
    if w.reuse(whole, today):
        return
    sd = pages.collect(ds, year, today=today)
    env = _env()
    base = {"year": year, "site_illustrative": sd.illustrative, "generated_by": f"gdnn {version()}"}
    plan_files = {pid: lf.path for pid, lf in inputs.plan_file.items()}

    def page(rel: str, template: str, crumbs: Sequence[tuple[str, str | None]], made_from: str, make) -> None:
        """Render ``template`` with ``make()`` unless the page was rendered from the same inputs before."""
        w.result.pages += 1
        if w.fresh(rel, made_from):
            return
        root = "../" * rel.count("/")
        w.text(rel, env.get_template(template).render(**base, **make(), root=root, crumbs=crumbs, self_href=rel),
               made_from)
        w.result.rendered.append(rel)

    w.text("style.css", resources.files("gdnn_cli.site").joinpath("static/site.css").read_text(encoding="utf-8"))
    downloads = _downloads(sd, w, year)
    docs = _plan_documents(ds, sd, w, plan_files, tdir, pdf)
    with_history = {p.id for p in sd.plans if hist and hist.covers(plan_files.get(p.id))}
    inputs.settle(sd, docs, with_history)
    all_plans = [p.id for p in sd.plans]
    page("index.html", "home.html", [], inputs.of_plans(all_plans),
         lambda: dict(title=f"Tiến độ thực hiện các kế hoạch giáo dục nghề nghiệp năm {year}",
                      illustrative=sd.illustrative, downloads=downloads, **pages.home(sd)))
    for issuer, plans in pages.issuers(sd).items():
        page(pages.issuer_href(issuer), "issuer.html", [("Trang chủ", "index.html")],
             inputs.of_plans(p.id for p in plans), lambda issuer=issuer, plans=plans: _titled(
                 pages.issuer_page(sd, issuer, plans), lambda c: f"Kế hoạch của {c['name']} có hiệu lực năm {year}"))
    home = ("Trang chủ", "index.html")
    for plan in sd.plans:
        label, fp, has_history = plan_label(plan), inputs.plan[plan.id], plan.id in with_history
        page(pages.plan_href(plan.id), "plan.html", [home], fp, lambda plan=plan, label=label, has=has_history: dict(
            plan_pages.plan_page(sd, plan, history=has, downloads=docs.get(plan.id, {})), title=label))
        crumbs = [home, (label, pages.plan_href(plan.id))]
        for t, parent in target_pages.targets_with_parents(plan):
            page(pages.target_href(plan.id, t.id), "target.html", crumbs, fp,
                 lambda plan=plan, t=t, parent=parent, label=label: dict(
                     target_pages.target_page(sd, plan, t, parent), title=f"{t.name} — {label}", crumb=t.name))
        if has_history:
            page(pages.history_href(plan.id), "history.html", crumbs, fingerprint(fp, hist.head or ""),
                 lambda plan=plan, label=label: dict(
                     _plan_history(hist, plan, plan_files[plan.id]), title=f"Lịch sử sửa đổi — {label}",
                     crumb="Lịch sử sửa đổi", plan=plan, label=label, illustrative=False))
    for aid in sd.agencies:
        page(pages.agency_href(aid), "agency.html", [home], inputs.of_plans(p.id for p in sd.plans_of.get(aid, [])),
             lambda aid=aid: _titled(agency_pages.agency_page(sd, aid), lambda c: c["a"].name))
    w.state = {"whole": whole, "stable": stable_days(sd, today), "pages": w.result.pages,
               "rendered": len(w.result.rendered), "complete": not w.result.notes}


def _titled(ctx: dict, title) -> dict:
    return {**ctx, "title": title(ctx)}


def _history(ds, w: Writer, wanted: bool):
    if not wanted:
        return None
    from gdnn_cli.site.history import History

    h = History(ds.root, w.memo)
    return h if h.available else None


def _plan_history(hist, plan, path: Path) -> dict:
    commits, total = hist.commits(path)
    for c in commits:
        hist.explain(c, plan.id)
    return {"commits": commits, "total": total}


def _templates(ds, templates: Path | None) -> Path:
    from gdnn_cli.documents.docx import templates_dir

    return templates_dir(templates, ds.root)


def _downloads(sd, w: Writer, year: int) -> dict:
    """The year's gaps as CSV, JSON (exactly `gdnn gaps --format json`) and XLSX."""
    rows = sd.rows
    as_json = json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2, default=str) + "\n"
    names = {k: f"tai-ve/chenh-lech-{year}.{k}" for k in ("csv", "json", "xlsx")}
    w.text(names["csv"], gaps_view.to_csv(rows))
    w.text(names["json"], as_json)

    def xlsx(path: Path) -> None:
        from gdnn_cli.documents.report_data import PlanPart, ReportData
        from gdnn_cli.documents.workbook import write_xlsx

        data = ReportData("", year, "", [PlanPart(p, sd.rows_of(p.id), [], []) for p in sd.plans])
        write_xlsx(data, path)

    w.derived(names["xlsx"], fingerprint(as_json, version()), xlsx)
    return names


def _plan_documents(ds, sd, w: Writer, plan_files: dict, tdir: Path | None, pdf: bool) -> dict:
    """Each plan's .docx through the plan renderer (and .pdf), rebuilt only when its inputs changed."""
    if tdir is None or not sd.plans:
        return {}
    from gdnn_cli.documents.docx import convert_pdf
    from gdnn_cli.documents.plan_doc import render_plan

    shared = fingerprint(file_bytes(tdir / "ke-hoach.docx"), version(),
                   *(lf.digest for lf in ds.files if lf.kind == "agencies"))
    out: dict[str, dict] = {}
    for plan in sd.plans:
        rel = f"tai-ve/{plan.id}.docx"
        inputs = fingerprint(shared, file_bytes(plan_files.get(plan.id, Path("/nonexistent"))))
        w.derived(rel, inputs, lambda p, plan=plan: _render_plan(render_plan, plan, ds.registry, p, tdir))
        out[plan.id] = {"docx": rel}
        if pdf:
            prel = f"tai-ve/{plan.id}.pdf"
            try:
                w.derived(prel, inputs, lambda p, rel=rel: convert_pdf(w.out / rel))
                out[plan.id]["pdf"] = prel
            except GdnnError as exc:
                w.result.notes.append(str(exc))
    return out


def _render_plan(render_plan, plan, registry, path: Path, tdir: Path) -> None:
    """The plan renderer, with a failure named by its plan (as `gdnn report` names the issuer)."""
    try:
        render_plan(plan, registry, path, tdir)
    except (GdnnError, OSError):
        raise
    except Exception as exc:  # noqa: BLE001 - say which plan failed and how to build without documents
        raise GdnnError(_("the .docx of plan {plan} could not be rendered ({error}); the pages written so far are "
                          "kept; --no-docx builds the site without documents").format(
                              plan=plan.id, error=f"{type(exc).__name__}: {exc}")) from exc
