"""Compare two loaded revisions of the data as plans: the semantic half of `gdnn diff`.

Every change becomes a Change record with a message a reviewer reads in Vietnamese
("Cao đẳng: 26.500 → 27.000 lượt người (+500)"); gitdiff.py fetches the revisions from git, this module
walks the files, agencies and results, and plancompare.py compares each plan present on both sides.
"""

from __future__ import annotations

from gdnn_cli.common.numbers import fmt_signed
from gdnn_cli.common.vocab import PROVENANCE, TASK_STATES, vi
from gdnn_cli.core.agencies import Agency, AgencyFile
from gdnn_cli.core.dataset import LoadedFile
from gdnn_cli.core.figures import fill_plan
from gdnn_cli.core.models import Plan
from gdnn_cli.core.results import Figure, ResultFile, TaskProgress
from gdnn_cli.review.changes import Change, ChangeLog, Side, short
from gdnn_cli.review.plancompare import compare_plans
from gdnn_cli.review.textconv import date_vi, num

Files = dict[str, LoadedFile]


def compare(old: Side, new: Side) -> list[Change]:
    """Every change from ``old`` to ``new``: files added or removed, then each plan, the agencies, the results.

    A file that no longer validates is reported as such and its contents are not compared.
    """
    d = ChangeLog(old, new)
    ofiles = {lf.display: lf for lf in old.ds.files}
    nfiles = {lf.display: lf for lf in new.ds.files}
    for path in sorted(nfiles.keys() ^ ofiles.keys()):
        lf, added = nfiles.get(path) or ofiles[path], path in nfiles
        plan = _file_change(lf)
        d.add("file-added" if added else "file-removed", "", f"{'Thêm' if added else 'Bỏ'} tệp {path} "
              f"({plan[0]})", file=path, plan=plan[1])
    for path in sorted(ofiles.keys() & nfiles.keys()):
        if nfiles[path].model is None and ofiles[path].model is not None:
            d.add("file-invalid", "", f"Tệp {path} không còn đúng lược đồ ở bản mới nên không so sánh được",
                  file=path)
    skip = {p for p in nfiles if nfiles[p].model is None} | {p for p in ofiles if ofiles[p].model is None}
    oreg, nreg = old.ds.registry, new.ds.registry
    for pid in list(nreg.plans) + [p for p in oreg.plans if p not in nreg.plans]:
        d.file, d.plan = nreg.plan_files.get(pid) or oreg.plan_files[pid], pid
        if pid in nreg.plans and pid in oreg.plans:
            # compare the words the documents print: a changed figure shows in its sentences too
            compare_plans(d, fill_plan(oreg.plans[pid]), fill_plan(nreg.plans[pid]))
        elif d.file in ofiles and d.file in nfiles and d.file not in skip:
            added = pid in nreg.plans
            d.add("plan-added" if added else "plan-removed", "", f"{'Thêm' if added else 'Bỏ'} kế hoạch {pid}")
    d.plan = None
    _agencies(d, ofiles, nfiles, skip)
    _results(d, ofiles, nfiles)
    return d.out


def _file_change(lf: LoadedFile) -> tuple[str, str | None]:
    """What an added or removed file held, in words, and the plan it belongs to."""
    m = lf.model
    if isinstance(m, Plan):
        return f"kế hoạch {m.id} «{short(m.title, 60)}»", m.id
    if isinstance(m, AgencyFile):
        return f"danh mục {len(m.agencies)} cơ quan", None
    if isinstance(m, ResultFile):
        return f"kết quả năm {m.year}", m.plan
    return {"plan": "kế hoạch", "agencies": "danh mục cơ quan"}.get(lf.kind, "kết quả"), None


AGENCY_FIELDS = {"name": "tên", "short": "tên ngắn", "kind": "loại", "parent": "trực thuộc", "province": "tỉnh",
                 "symbol": "ký hiệu"}


def _successors(d: ChangeLog, agency: Agency) -> str:
    return ", ".join(d.name(s.id) + (f" ({s.scope})" if s.scope else "") for s in agency.successors) or "—"


def _agencies(d: ChangeLog, ofiles: Files, nfiles: Files, skip: set[str]) -> None:
    oreg, nreg = d.old.ds.registry, d.new.ds.registry
    for aid in list(nreg.agencies) + [x for x in oreg.agencies if x not in nreg.agencies]:
        a, b = oreg.agencies.get(aid), nreg.agencies.get(aid)
        d.file, where = nreg.agency_files.get(aid) or oreg.agency_files[aid], f"agencies:{aid}"
        if a is None or b is None:
            x = a or b
            if x is not None and d.file in ofiles and d.file in nfiles and d.file not in skip:
                d.add("agency-added" if b else "agency-removed", where,
                      f"{'Thêm' if b else 'Bỏ'} cơ quan {aid}: {x.name}")
            continue
        _agency(d, where, a, b)


def _agency(d: ChangeLog, where: str, a: Agency, b: Agency) -> None:
    """The changes of one agency present on both sides."""
    nm = b.short or b.name
    for f, kind, verb in (("ceased", "agency-ceased", "ngừng hoạt động"),
                          ("started", "agency-started", "bắt đầu hoạt động")):
        x, y = getattr(a, f), getattr(b, f)
        if x != y:
            msg = f"{nm} {verb} từ {date_vi(y)}" if y and not x else f"{nm}: ngày {verb} {date_vi(x)} → {date_vi(y)}"
            d.add(kind, f"{where}.{f}", msg, x, y)
    if a.successors != b.successors:
        d.add("agency-successors", where + ".successors",
              f"{nm}: cơ quan kế thừa {_successors(d, a)} → {_successors(d, b)}",
              [s.id for s in a.successors], [s.id for s in b.successors])
    for f, label in AGENCY_FIELDS.items():
        if getattr(a, f) != getattr(b, f):
            d.add("agency-changed", f"{where}.{f}", f"{nm}: {label} {getattr(a, f) or '—'} → {getattr(b, f) or '—'}",
                  getattr(a, f), getattr(b, f))


FigureKey = tuple[str | None, int, str]
ProgressKey = tuple[str | None, str, str]


def _facts(files: Files) -> tuple[dict[FigureKey, tuple[str, Figure]], dict[ProgressKey, tuple[str, TaskProgress]]]:
    """The figures and task progress of all result files, keyed so that the two sides can be paired."""
    figs: dict[FigureKey, tuple[str, Figure]] = {}
    prog: dict[ProgressKey, tuple[str, TaskProgress]] = {}
    for lf in files.values():
        m = lf.model
        if lf.kind == "results" and isinstance(m, ResultFile):
            for plan, year, f in m.figures_for():
                figs[(plan, year, f.target)] = (lf.display, f)
            for p in m.progress:
                prog[(p.plan or m.plan, p.task, p.agency)] = (lf.display, p)
    return figs, prog


def _with_unit(v: float | None, unit: str) -> str:
    """A result as a reviewer reads it: '27.000 người', '72,2%'."""
    return num(v, unit) + ("" if unit.strip() == "%" or not unit else f" {unit}")


def _results(d: ChangeLog, ofiles: Files, nfiles: Files) -> None:
    (ofig, oprog), (nfig, nprog) = _facts(ofiles), _facts(nfiles)
    for key in list(nfig) + [k for k in ofig if k not in nfig]:
        plan, year, tid = key
        fa, a = ofig.get(key, (None, None))
        fb, b = nfig.get(key, (None, None))
        t = next((t for p in (d.new.ds.plans.get(plan), d.old.ds.plans.get(plan)) if p
                  for t in p.all_targets() if t.id == tid), None) if plan else None
        unit, name = (t.unit, t.name) if t else ("", tid)
        rate, label = unit.strip() == "%", f"Kết quả {year} · {name}"
        if a and b:
            if a.value != b.value:
                delta = b.value - a.value
                d.add("result-changed", f"results:{tid}.value", f"{label}: {num(a.value, unit)} → "
                      f"{_with_unit(b.value, unit)} ({fmt_signed(delta, 2)}{' điểm %' if rate else ''})",
                      a.value, b.value, delta, fb, plan)
            if a.status != b.status:
                d.add("result-changed", f"results:{tid}.status", f"{label}: số liệu "
                      f"{vi(PROVENANCE, a.status, lower=True)} → {vi(PROVENANCE, b.status, lower=True)}",
                      a.status, b.status, None, fb, plan)
            continue
        x, file = (b, fb) if b else (a, fa)
        if x is not None and file in ofiles and file in nfiles:
            d.add("result-added" if b else "result-removed", f"results:{tid}",
                  f"{'Thêm' if b else 'Bỏ'} {label[0].lower()}{label[1:]}: {_with_unit(x.value, unit)} "
                  f"({vi(PROVENANCE, x.status, lower=True)})", a and a.value, b and b.value, None, file, plan)
    for pkey in nprog.keys() & oprog.keys():
        (fp, pb), (_, pa) = nprog[pkey], oprog[pkey]
        if pa.status != pb.status:
            d.add("result-changed", f"progress:{pkey[1]}", f"Tiến độ nhiệm vụ «{pkey[1]}» ({d.name(pkey[2])}): "
                  f"{vi(TASK_STATES, pa.status, lower=True)} → {vi(TASK_STATES, pb.status, lower=True)}",
                  pa.status, pb.status, None, fp, pkey[0])
