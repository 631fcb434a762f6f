"""Build the site: render every page with Jinja (autoescape on) and write only what changed.

Incremental: each page is rendered to bytes and compared with the hash recorded for it in the
folder's manifest (``.gdnn-site.json``); an unchanged page is not rewritten, so its file keeps its
time and a web server or rsync sees no change. Binary downloads (.docx, .pdf, .xlsx) are keyed on
the hash of their inputs instead, since they embed times: a plan's .docx is rendered again only
when its file, the agency registry or the template changed. Every file is written atomically, the
manifest last; pages that a previous build wrote and this one does not are removed, and nothing
else in the folder is touched. A folder with files that no build wrote is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from gdnn_cli.common import atomic
from gdnn_cli.tracking import view as gaps_view
from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.i18n import _
from gdnn_cli.site import agency_pages, pages, plan_pages, target_pages
from gdnn_cli.site.charts import line_chart

MANIFEST = ".gdnn-site.json"
FORMAT = 1


@dataclass
class BuildResult:
    out: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pages: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.written) + len(self.unchanged)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("gdnn")
    except Exception:  # noqa: BLE001 - running from a checkout without metadata
        return "0"


def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("gdnn_cli.site", "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["svg_chart"] = line_chart
    return env


class Writer:
    """Writes files under ``out`` only when their content (or inputs) changed, and remembers what it wrote."""

    def __init__(self, out: Path):
        self.out = out
        self.result = BuildResult(out)
        path = out / MANIFEST
        self.old: dict = {}
        if path.is_file():
            try:
                self.old = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.old = {}
            if self.old.get("format") != FORMAT:
                self.old = {"files": self.old.get("files", {})}  # keep the list, so old pages can be removed
        elif out.is_dir() and any(out.iterdir()):
            raise GdnnError(_("{out} already holds files that gdnn site did not write; choose an empty or new "
                              "folder with -o, so that nothing of yours is overwritten").format(out=out))
        self.files: dict[str, str] = {}
        self.memo: dict = self.old.get("history", {}) if self.old.get("version") == _version() else {}

    def _known(self, rel: str, digest: str) -> bool:
        return self.old.get("files", {}).get(rel) == digest and (self.out / rel).is_file()

    def text(self, rel: str, content: str) -> None:
        data = content.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        self.files[rel] = digest
        if self._known(rel, digest):
            self.result.unchanged.append(rel)
        else:
            self._write(rel, lambda path: atomic.write_bytes(path, data))
            self.result.written.append(rel)

    def derived(self, rel: str, inputs: str, make) -> bool:
        """A binary file made by ``make(path)`` when ``inputs`` (a hash of what it is made from) changed."""
        digest = "in:" + inputs
        if self._known(rel, digest):
            self.files[rel] = digest
            self.result.unchanged.append(rel)
            return False
        self._write(rel, make)
        self.files[rel] = digest
        self.result.written.append(rel)
        return True

    def _write(self, rel: str, make) -> None:
        try:
            make(self.out / rel)
        except OSError as exc:
            raise GdnnError(_("cannot write {path}: {reason}; the pages written so far are kept and the next "
                              "build completes them").format(path=self.out / rel, reason=exc.strerror or exc)) from exc

    def keep(self) -> None:
        """After a failed build: remember what was written, so that the folder is still known as the site's."""
        files = {**self.old.get("files", {}), **self.files}
        try:
            atomic.write_text(self.out / MANIFEST, json.dumps({"format": FORMAT, "version": _version(),
                                                               "files": files, "history": self.memo},
                                                              ensure_ascii=False, indent=1, sort_keys=True))
        except OSError:
            pass

    def finish(self) -> None:
        for rel in sorted(set(self.old.get("files", {})) - set(self.files)):
            target = self.out / rel
            if target.is_file() and not target.is_symlink():
                target.unlink()
                self.result.removed.append(rel)
        manifest = {"format": FORMAT, "version": _version(), "files": self.files, "history": self.memo}
        text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
        if _file_bytes(self.out / MANIFEST) != text.encode("utf-8"):
            atomic.write_text(self.out / MANIFEST, text)


def _hash(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def build_site(ds, year: int, out: Path, *, templates: Path | None = None, docx: bool = True, pdf: bool | None = None,
               history: bool = True, today: dt.date | None = None) -> BuildResult:
    """Build the site of ``year`` into ``out``. ``pdf=None`` converts when LibreOffice is on PATH.

    A first build goes to a temporary folder that becomes ``out`` only when every file was written
    (all or none); a rebuild replaces changed files one by one, atomically, and on failure records
    what it wrote so that the next build completes the folder instead of refusing it.
    """
    out = Path(out)
    atomic.check_folder(out, (), [ds.root])
    args = (ds, year, templates, docx, pdf, history, today)
    if not out.exists():
        with atomic.staged(out) as stage:
            res = _run(Writer(stage), *args)
        res.out = out
        return res
    return _run(Writer(out), *args)


def _run(w: "Writer", *args) -> BuildResult:
    try:
        _build(w, *args)
    except BaseException:
        if w.files:
            w.keep()
        raise
    w.finish()
    return w.result


def _build(w: Writer, ds, year: int, templates, docx: bool, pdf: bool | None, history: bool, today) -> None:
    sd = pages.collect(ds, year, today=today)
    env = _env()
    hist = _history(ds, w, history)
    if pdf is None:
        pdf = docx and bool(shutil.which("soffice") or shutil.which("libreoffice"))
    base = {"year": year, "site_illustrative": sd.illustrative, "generated_by": f"gdnn {_version()}"}
    plan_files = {lf.index.id: lf.path for lf in ds.files if lf.kind == "plan" and lf.valid}

    def page(rel: str, template: str, crumbs: list[tuple[str, str | None]], **ctx) -> None:
        root = "../" * rel.count("/")
        w.text(rel, env.get_template(template).render(**base, **ctx, root=root, crumbs=crumbs, self_href=rel))
        w.result.pages += 1

    w.text("style.css", resources.files("gdnn_cli.site").joinpath("static/site.css").read_text(encoding="utf-8"))
    downloads = _downloads(sd, w, year)
    page("index.html", "home.html", [], title=f"Tiến độ thực hiện các kế hoạch giáo dục nghề nghiệp năm {year}",
         illustrative=sd.illustrative, downloads=downloads, **pages.home(sd))
    for issuer, plans in pages.issuers(sd).items():
        ictx = pages.issuer_page(sd, issuer, plans)
        page(pages.issuer_href(issuer), "issuer.html", [("Trang chủ", "index.html")],
             title=f"Kế hoạch của {ictx['name']} có hiệu lực năm {year}", **ictx)
    docs = _plan_documents(ds, sd, w, plan_files, templates, docx, pdf)
    for plan in sd.plans:
        home = ("Trang chủ", "index.html")
        commits = _plan_history(hist, plan, plan_files.get(plan.id)) if hist else None
        ctx = plan_pages.plan_page(sd, plan, history=commits is not None, downloads=docs.get(plan.id, {}))
        page(pages.plan_href(plan.id), "plan.html", [home], title=ctx["label"], **ctx)
        crumbs = [home, (ctx["label"], pages.plan_href(plan.id))]
        for t, parent in target_pages.targets_with_parents(plan):
            tctx = target_pages.target_page(sd, plan, t, parent)
            page(pages.target_href(plan.id, t.id), "target.html", crumbs, title=f"{t.name} — {ctx['label']}", **tctx)
        if commits is not None:
            page(pages.history_href(plan.id), "history.html", crumbs, title=f"Lịch sử sửa đổi — {ctx['label']}",
                 plan=plan, label=ctx["label"], commits=commits[0], total=commits[1], illustrative=False)
    for aid in sd.agencies:
        actx = agency_pages.agency_page(sd, aid)
        page(pages.agency_href(aid), "agency.html", [("Trang chủ", "index.html")], title=actx["a"].name, **actx)


def _history(ds, w: Writer, wanted: bool):
    if not wanted:
        return None
    from gdnn_cli.site.history import History

    h = History(ds.root, w.memo)
    return h if h.available else None


def _plan_history(hist, plan, path: Path | None):
    if path is None:
        return None
    try:
        commits, total = hist.commits(path)
    except ValueError:  # the file lies outside the repository (a symlink)
        return None
    for c in commits:
        hist.explain(c, plan.id)
    return commits, total


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

    w.derived(names["xlsx"], _hash(as_json, _version()), xlsx)
    return names


def _plan_documents(ds, sd, w: Writer, plan_files: dict, templates: Path | None, docx: bool, pdf: bool) -> dict:
    """Each plan's .docx through the plan renderer (and .pdf), rebuilt only when its inputs changed."""
    if not docx or not sd.plans:
        return {}
    from gdnn_cli.documents.docx import convert_pdf, templates_dir
    from gdnn_cli.documents.plan_doc import render_plan

    tdir = templates_dir(templates, ds.root)
    shared = _hash(_file_bytes(tdir / "ke-hoach.docx"), _version(),
                   *(lf.digest for lf in ds.files if lf.kind == "agencies"))
    out: dict[str, dict] = {}
    for plan in sd.plans:
        rel = f"tai-ve/{plan.id}.docx"
        inputs = _hash(shared, _file_bytes(plan_files.get(plan.id, Path("/nonexistent"))))
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
