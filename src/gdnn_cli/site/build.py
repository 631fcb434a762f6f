"""Build the site: render pages with Jinja (autoescape on), only those whose inputs changed.

Incremental, because a national site has some 77.000 pages and an edit touches a handful. Each page
has a fingerprint of what it is made from (``Inputs``): gdnn's version, the templates, the agency
registry, and the plan and result files it shows; the folder's manifest (``.gdnn-site.json``) keeps
the fingerprint each page was last rendered from. A page whose fingerprint is unchanged is not
rendered at all; one that is rendered is written only when its bytes changed, so its file keeps its
time and a web server or rsync sees no change. When no input changed at all, the build stops before
it computes the year's figures. Binary downloads (.docx, .pdf, .xlsx) are keyed on their inputs too,
since they embed times. Every file is written atomically, the manifest last; pages that a previous
build wrote and this one does not are removed, and nothing else in the folder is touched. A folder
with files that no build wrote is refused.
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
from gdnn_cli.documents.report_data import plan_label
from gdnn_cli.site import pages
from gdnn_cli.site.charts import line_chart

MANIFEST = ".gdnn-site.json"
FORMAT = 2  # 2: page fingerprints (1 kept only page hashes)


@dataclass
class BuildResult:
    out: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # pages rendered (the others' inputs did not change)
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
    """Writes files under ``out`` only when their inputs (and then their bytes) changed, and remembers them."""

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
        self.inputs: dict[str, str] = {}  # page → fingerprint of what it was rendered from
        self.state: dict = {}  # whole-build fingerprint, the days it holds for, page count
        self.memo: dict = self.old.get("history", {}) if self.old.get("version") == _version() else {}

    def _known(self, rel: str, digest: str) -> bool:
        return self.old.get("files", {}).get(rel) == digest and (self.out / rel).is_file()

    def fresh(self, rel: str, inputs: str) -> bool:
        """True, and the page is kept as it is, when it was last rendered from the same inputs."""
        digest = self.old.get("files", {}).get(rel)
        if self.old.get("inputs", {}).get(rel) != inputs or digest is None or not (self.out / rel).is_file():
            return False
        self.files[rel], self.inputs[rel] = digest, inputs
        self.result.unchanged.append(rel)
        return True

    def reuse(self, whole: str, today: dt.date) -> bool:
        """Keep the whole last build when it was complete, made from the same inputs, and still true today."""
        old = self.old
        lo, hi = old.get("stable") or (None, None)
        if (old.get("whole") != whole or not old.get("complete") or (lo and today.isoformat() < lo)
                or (hi and today.isoformat() > hi)):
            return False
        files = old.get("files", {})
        if not all((self.out / rel).is_file() for rel in files):
            return False
        self.files, self.inputs, self.state = dict(files), dict(old.get("inputs", {})), {
            k: old[k] for k in ("whole", "stable", "pages", "complete")}
        self.result.unchanged, self.result.pages = sorted(files), old.get("pages", 0)
        return True

    def text(self, rel: str, content: str, inputs: str | None = None) -> None:
        data = content.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        self.files[rel] = digest
        if inputs is not None:
            self.inputs[rel] = inputs
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

    def _manifest(self, files: dict, inputs: dict, state: dict) -> str:
        return json.dumps({"format": FORMAT, "version": _version(), "files": files, "inputs": inputs,
                           "history": self.memo, **state}, ensure_ascii=False, indent=1, sort_keys=True)

    def keep(self) -> None:
        """After a failed build: remember what was written, so that the folder is still known as the site's."""
        files = {**self.old.get("files", {}), **self.files}
        try:  # no old fingerprints: a page the failed build did not reach is rendered again next time
            atomic.write_text(self.out / MANIFEST, self._manifest(files, self.inputs, {}))
        except OSError:
            pass

    def finish(self) -> None:
        for rel in sorted(set(self.old.get("files", {})) - set(self.files)):
            target = self.out / rel
            if target.is_file() and not target.is_symlink():
                target.unlink()
                self.result.removed.append(rel)
        text = self._manifest(self.files, self.inputs, self.state)
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


class Inputs:
    """Fingerprints of what each page is made from, so that a page whose inputs did not change is not rendered.

    ``base`` is what every page shows: gdnn's version, the templates, the year and options, the
    agency registry (names, successors). A plan's fingerprint adds its file, the result files that
    mention it and its reporting and task states (which also depend on today's date); an agency's or
    an issuer's page, the fingerprints of the plans it lists. ``whole`` covers every data file, so
    that a build with nothing changed stops before computing the year.
    """

    def __init__(self, ds, year: int, options: tuple, extra: bytes = b""):
        self.ds = ds
        templates = resources.files("gdnn_cli.site")
        parts = [templates.joinpath("static/site.css").read_bytes()]
        parts += [f.read_bytes() for f in sorted(templates.joinpath("templates").iterdir(), key=lambda f: f.name)
                  if f.name.endswith(".html")]
        self.base = _hash(str(FORMAT), _version(), str(year), repr(options), repr(pages.layout()), extra, *parts,
                          *(lf.digest for lf in ds.files if lf.kind == "agencies"))
        self.plan_file = {lf.index.id: lf for lf in ds.files if lf.kind == "plan" and lf.valid}
        self.results_of: dict[str, list[str]] = {}  # plan id → digests of the result files that mention it
        for lf in ds.files:
            if lf.kind == "results" and lf.valid:
                ri = lf.index
                named = {ri.plan} | {rec[1] for recs in (ri.figures, ri.progress, ri.reports) for rec in recs}
                for plan_id in named - {None}:
                    self.results_of.setdefault(plan_id, []).append(lf.digest)
        self.common = self.base
        self.plan: dict[str, str] = {}

    def whole(self, head: str | None) -> str:
        return _hash(self.base, head or "", *sorted(f"{lf.display}\0{lf.kind}\0{lf.digest}" for lf in self.ds.files))

    def settle(self, sd, docs: dict, history: set) -> None:
        """The fingerprints that need the year's picture: which agencies have pages (every page links
        them), and each plan's reporting and task states."""
        self.common = _hash(self.base, *sd.agencies)
        for plan in sd.plans:
            lf = self.plan_file.get(plan.id)
            self.plan[plan.id] = _hash(self.common, plan.id, lf.digest if lf else "",
                                       *sorted(self.results_of.get(plan.id, [])), repr(sd.reporters_of(plan.id)),
                                       repr(sd.tasks_of(plan.id)), repr(docs.get(plan.id)), str(plan.id in history))

    def of_plans(self, plan_ids) -> str:
        return _hash(self.common, *(self.plan[i] for i in plan_ids))


def stable_days(sd, today: dt.date) -> list[str | None]:
    """The days on which the reporting states computed today still hold: a report not received is
    'missing' once its deadline has passed, so they hold until the next unpassed deadline."""
    rows = [r for r in sd.reporters for r in (r, *r.members) if r.due and r.reported is None]
    passed = [r.due for r in rows if r.due < today]
    ahead = [r.due for r in rows if r.due >= today]
    return [(max(passed) + dt.timedelta(days=1)).isoformat() if passed else None,
            min(ahead).isoformat() if ahead else None]


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


def _run(w: "Writer", *args) -> BuildResult:
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
    inputs = Inputs(ds, year, (docx, pdf, hist is not None), _file_bytes(tdir / "ke-hoach.docx") if tdir else b"")
    whole = inputs.whole(hist.head if hist else None)
    if w.reuse(whole, today):
        return
    sd = pages.collect(ds, year, today=today)
    env = _env()
    base = {"year": year, "site_illustrative": sd.illustrative, "generated_by": f"gdnn {_version()}"}
    plan_files = {pid: lf.path for pid, lf in inputs.plan_file.items()}

    def page(rel: str, template: str, crumbs: list[tuple[str, str | None]], fingerprint: str, make) -> None:
        """Render ``template`` with ``make()`` unless the page was rendered from the same inputs before."""
        w.result.pages += 1
        if w.fresh(rel, fingerprint):
            return
        root = "../" * rel.count("/")
        w.text(rel, env.get_template(template).render(**base, **make(), root=root, crumbs=crumbs, self_href=rel),
               fingerprint)
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
            pages.plan_page(sd, plan, history=has, downloads=docs.get(plan.id, {})), title=label))
        crumbs = [home, (label, pages.plan_href(plan.id))]
        for t, parent in pages.targets_with_parents(plan):
            page(pages.target_href(plan.id, t.id), "target.html", crumbs, fp,
                 lambda plan=plan, t=t, parent=parent, label=label: dict(
                     pages.target_page(sd, plan, t, parent), title=f"{t.name} — {label}", crumb=t.name))
        if has_history:
            page(pages.history_href(plan.id), "history.html", crumbs, _hash(fp, hist.head or ""),
                 lambda plan=plan, label=label: dict(
                     title=f"Lịch sử sửa đổi — {label}", crumb="Lịch sử sửa đổi", plan=plan, label=label, illustrative=False,
                     **dict(zip(("commits", "total"), _plan_history(hist, plan, plan_files[plan.id])))))
    for aid in sd.agencies:
        page(pages.agency_href(aid), "agency.html", [home], inputs.of_plans(p.id for p in sd.plans_of.get(aid, [])),
             lambda aid=aid: _titled(pages.agency_page(sd, aid), lambda c: c["a"].name))
    w.state = {"whole": whole, "stable": stable_days(sd, today), "pages": w.result.pages,
               "complete": not w.result.notes}


def _titled(ctx: dict, title) -> dict:
    return {**ctx, "title": title(ctx)}


def _history(ds, w: Writer, wanted: bool):
    if not wanted:
        return None
    from gdnn_cli.site.history import History

    h = History(ds.root, w.memo)
    return h if h.available else None


def _plan_history(hist, plan, path: Path) -> tuple[list, int]:
    commits, total = hist.commits(path)
    for c in commits:
        hist.explain(c, plan.id)
    return commits, total


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

    w.derived(names["xlsx"], _hash(as_json, _version()), xlsx)
    return names


def _plan_documents(ds, sd, w: Writer, plan_files: dict, tdir: Path | None, pdf: bool) -> dict:
    """Each plan's .docx through the plan renderer (and .pdf), rebuilt only when its inputs changed."""
    if tdir is None or not sd.plans:
        return {}
    from gdnn_cli.documents.docx import convert_pdf
    from gdnn_cli.documents.plan_doc import render_plan

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
