"""Read filled forms back into data/results/: verified, located, idempotent, conflicts kept out.

Each form is checked whole before anything is taken from it — its identity against what the data
asks of that body now, every locked cell against a freshly built form, every answer cell for type
and range — so a bad form is a list of located errors (file, sheet, cell) and contributes nothing.
Good forms become records with their provenance (file, sheet, cell, SHA-256, who filled it, when);
YAML is written by ruamel.yaml round-trip, so the comments and order of a hand-kept results file
survive. A record that is already there unchanged is skipped; a different answer from the same
body for the same target is a conflict, shown side by side and kept out unless ``replace``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from functools import partial
from pathlib import Path

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import _
from gdnn_cli.common.numbers import fmt_number
from gdnn_cli.exchange import layout as L
from gdnn_cli.exchange.asks import FORM_VERSION, BodyAsk
from gdnn_cli.exchange.records import CollectResult, ReadForm, Record

STATUS_CODES = {v.casefold(): k for k, v in L.STATUS_LABELS.items()}


class FormError(Exception):
    """A form that cannot be taken: every located problem found in it, so that one fix round is enough."""

    def __init__(self, issues: list[Issue]):
        super().__init__(issues[0].message if issues else "")
        self.issues = issues


def result_path(ds, plan, year: int, body: str) -> Path:
    """data/results/<issuer>/<year>/<body>.yaml: one small file per body and year. A body's answer is
    one file in git's history, round-trip editing stays fast at 240 bodies, and the issuer's own
    <year>.yaml (typed by hand) is only touched when --replace overrides a record in it."""
    return Path(ds.root) / "results" / plan.issuer / str(year) / f"{body}.yaml"


# --------------------------------------------------------------------------- reading one form


def read_form(path: Path, ds, asks_of, *, year: int | None, status: str, received: dt.date) -> ReadForm:
    """Verify and read one filled form; raise FormError with every located problem found."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise FormError([Issue(name, "xls-refused", _("an old-format .xls workbook cannot be read"),
                               hint=_("open it in Excel or LibreOffice, save it as .xlsx (Excel Workbook), "
                                      "and collect the .xlsx"))])
    if suffix == ".xlsm":
        raise FormError([Issue(name, "xlsm-refused", _("a macro-enabled .xlsm workbook is refused"),
                               hint=_("save it as .xlsx (Excel Workbook, without macros) and collect that"))])
    if suffix != ".xlsx":
        raise FormError([Issue(name, "not-a-form", _("not an .xlsx form"),
                               hint=_("give the .xlsx files written by `gdnn forms` and filled in"))])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FormError([Issue(name, "unreadable",
                               _("cannot read the file: {why}").format(why=exc.strerror))]) from None
    sha = hashlib.sha256(raw).hexdigest()
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise FormError([Issue(name, "not-xlsx", _("the file is not a readable .xlsx workbook ({why})").format(
            why=type(exc).__name__), hint=_("save it again as .xlsx in Excel or LibreOffice"))]) from None
    meta = _meta(wb, name)
    ask = _identity(meta, name, ds, asks_of, year)
    issues = _locked(wb, ask, ds, name)
    if issues:
        raise FormError(issues)
    form = ReadForm(path, ask.body)
    filler, filled_on, issues = _filler(wb, meta, name)
    prov = {"file": path.name, "sheet": None, "cell": None, "sha256": sha, "filled_by": filler, "filled_on": filled_on,
            "form": f"{FORM_VERSION}/{ask.checksum}"}
    issues += _target_answers(wb, ask, ds, name, prov, status, received, form)
    issues += _task_answers(wb, ask, ds, name, prov, status, received, form)
    if issues:
        raise FormError(issues)
    illus = status == "illustrative"
    for p in ask.plans:
        data = {"agency": ask.body, "plan": p.plan.id, "reported": received}
        if illus:
            data["illustrative"] = True
        data["collected"] = {**prov, "sheet": L.GUIDE_SHEET}
        form.records.append(Record(result_path(ds, p.plan, ask.year, ask.body), "reports", (p.plan.id, ask.body),
                                   data, (), ask.name, ""))
    return form


def _meta(wb, name: str) -> dict:
    if L.META_SHEET not in wb.sheetnames:
        raise FormError([Issue(name, "not-a-form", _("this workbook is not a gdnn form (it has no identity sheet)"),
                               hint=_("fill in the form that `gdnn forms` wrote for this body"))])
    ws = wb[L.META_SHEET]
    meta = {str(ws.cell(r, 1).value): ws.cell(r, 2).value for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    if meta.get("form") != L.FORM_KIND:
        raise FormError([Issue(name, "not-a-form", _("the identity sheet is not that of a gdnn form"),
                               where=L.META_SHEET)])
    return meta


def _identity(meta: dict, name: str, ds, asks_of, year: int | None) -> BodyAsk:
    where = L.META_SHEET
    if str(meta.get("version")) != FORM_VERSION:
        raise FormError([Issue(name, "form-version", _("form version {v} is not the current version {cur}").format(
            v=meta.get("version"), cur=FORM_VERSION), where=where, hint=_("send the body a new form (gdnn forms)"))])
    try:
        form_year = int(meta["year"])
    except (KeyError, TypeError, ValueError):
        raise FormError([Issue(name, "altered-form", _("the form's year is unreadable"), where=where)]) from None
    if year is not None and form_year != year:
        raise FormError([Issue(name, "wrong-year", _("this form is for {y}, not {year}").format(y=form_year, year=year),
                               where=where, hint=_("collect it with --year {y}, or ask for the {year} form").format(
                                   y=form_year, year=year))])
    body = str(meta.get("body"))
    if body not in ds.registry.agencies:
        raise FormError([Issue(name, "unknown-agency", _(
            "the form is for '{body}', which is not in data/agencies/").format(body=body), where=where)])
    ask = asks_of(form_year).get(body)
    if ask is None:
        raise FormError([Issue(name, "not-asked", _("the data asks no report of {name} in {y}").format(
            name=ds.registry.agency_name(body), y=form_year), where=where,
            hint=_("check the plans' reporting rules, or the --plan given"))])
    plans = str(meta.get("plans") or "")
    if plans != ",".join(p.plan.id for p in ask.plans) or meta.get("checksum") != ask.checksum:
        raise FormError([Issue(name, "form-outdated", _("the form does not match what the plans ask of {name} now "
                               "(checksum {got}, expected {want})").format(name=ask.name, got=meta.get("checksum"),
                                                                            want=ask.checksum), where=where,
                               hint=_("the form was altered, or a plan changed after it was sent: send a new form "
                                      "(gdnn forms --agency {body})").format(body=body))])
    return ask


def _locked(wb, ask: BodyAsk, ds, name: str) -> list[Issue]:
    """Every locked cell as the form was written; no merged cells; no extra rows."""
    issues: list[Issue] = []
    expected = L.locked_cells(ask)
    for sheet, cols in ((L.TARGET_SHEET, L.TARGET_LOCKED), (L.TASK_SHEET, L.TASK_LOCKED)):
        if sheet not in wb.sheetnames:
            issues.append(Issue(name, "altered-form", _("the sheet '{sheet}' is missing").format(sheet=sheet),
                                hint=_("do not rename or delete sheets; fill in a new copy of the form")))
            continue
        got, want = wb[sheet], expected[sheet]
        for merged in got.merged_cells.ranges:
            issues.append(Issue(name, "merged-cells", _("cells {range} were merged").format(range=merged.coord),
                                where=f"{sheet}!{merged.coord}",
                                hint=_("unmerge them; the form's rows must stay as written")))
        for r in range(L.FIRST_ROW, max(got.max_row, max(want)) + 1):
            for c in cols:
                a = _norm(got[f"{c}{r}"].value)
                b = _norm(want.get(r, {}).get(c))
                if a != b:
                    issues.append(Issue(name, "altered-form", _("cell holds {got}, the form had {want}").format(
                        got=repr(a) if a is not None else _("nothing"),
                        want=repr(b) if b is not None else _("nothing")),
                        where=f"{sheet}!{c}{r}", hint=_("a row was deleted, inserted or moved, or a locked cell "
                                                          "changed: fill in a new copy of the form")))
                    break  # one problem per row is enough to find it
            if len(issues) >= 10:
                return issues
    return issues


def _norm(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def _filler(wb, meta: dict, name: str) -> tuple[str | None, dt.date | None, list[Issue]]:
    ws = wb[L.GUIDE_SHEET] if L.GUIDE_SHEET in wb.sheetnames else None
    issues = []
    if ws is None:
        return None, None, [Issue(name, "altered-form",
                                  _("the sheet '{sheet}' is missing").format(sheet=L.GUIDE_SHEET))]
    fc, dc = str(meta.get("filler_cell")), str(meta.get("date_cell"))
    who = _norm(ws[fc].value)
    if who is not None and not isinstance(who, str):
        who = str(who)
    if not who:
        issues.append(Issue(name, "missing-filler", _("the name of the person who filled in the form is missing"),
                            where=f"{L.GUIDE_SHEET}!{fc}", hint=_("ask the body to write it and send the form again")))
    when = _as_date(ws[dc].value)
    if when is None:
        issues.append(Issue(name, "missing-date", _(
            "the date the form was filled in is missing or unreadable ({v})").format(v=repr(ws[dc].value)),
            where=f"{L.GUIDE_SHEET}!{dc}", hint=_("write it as day/month/year, e.g. 10/12/2025")))
    return who, when, issues


def _as_date(v) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        m = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", v)
        if m:
            try:
                return dt.date(int(m[3]), int(m[2]), int(m[1]))
            except ValueError:
                return None
    return None


def _number(v, where: str, name: str, issues: list[Issue]) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        issues.append(Issue(name, "text-in-number-cell", _("{v} is not a number").format(v=repr(v)), where=where,
                            hint=_("type digits only: 12000 (no thousands dots or spaces); decimals as 72,5")))
        return None
    if v != v or v in (float("inf"), float("-inf")):
        issues.append(Issue(name, "not-a-number", _("the cell holds no finite number"), where=where))
        return None
    return float(v)


def _cell_at(sheet: str, col: str, row: int) -> str:
    """A cell as an Issue's ``where`` names it: 'Chỉ tiêu!D7'."""
    return f"{sheet}!{col}{row}"


def _target_answers(wb, ask, ds, name, prov, status, received, form: ReadForm) -> list[Issue]:
    ws = wb[L.TARGET_SHEET]
    issues: list[Issue] = []
    for r, p, t in L.rows_of(ask, "targets"):
        at = partial(_cell_at, L.TARGET_SHEET, row=r)
        value = _number(ws[f"{L.T_ACTUAL}{r}"].value, at(L.T_ACTUAL), name, issues)
        num = den = None
        if t.measure == "rate":
            num = _number(ws[f"{L.T_NUM}{r}"].value, at(L.T_NUM), name, issues)
            den = _number(ws[f"{L.T_DEN}{r}"].value, at(L.T_DEN), name, issues)
        for v, col in ((value, L.T_ACTUAL), (num, L.T_NUM), (den, L.T_DEN)):
            if v is not None and v < 0:
                issues.append(Issue(name, "negative-value", _("{v} is negative").format(v=fmt_number(v)),
                                    where=at(col), hint=_("figures cannot be negative")))
        if t.measure == "count" and value is not None and value >= 0 and not value.is_integer():
            issues.append(Issue(name, "not-whole", _("{v} {unit}: a count is a whole number").format(
                v=fmt_number(value, 2), unit=t.unit), where=at(L.T_ACTUAL)))
        if t.measure == "rate":
            if (num is None) != (den is None):
                issues.append(Issue(name, "rate-half", _("give both numerator and denominator, or neither"),
                                    where=at(L.T_NUM if num is None else L.T_DEN)))
                continue
            if den is not None and den == 0:
                issues.append(Issue(name, "zero-denominator", _("the denominator is 0"), where=at(L.T_DEN)))
                continue
            if num is not None and den is not None and num > den:
                issues.append(Issue(name, "rate-out-of-range", _("numerator {n} exceeds denominator {d}").format(
                    n=fmt_number(num), d=fmt_number(den)), where=at(L.T_NUM)))
                continue
            if num is not None and den is not None:
                implied = round(num / den * 100, 2)
                if value is not None and abs(value - implied) > 0.05:
                    issues.append(Issue(name, "rate-mismatch", _("{n} / {d} gives {r}%, not {v}%").format(
                        n=fmt_number(num), d=fmt_number(den), r=fmt_number(implied, 2), v=fmt_number(value, 2)),
                        where=at(L.T_ACTUAL), hint=_("correct the rate, or leave it blank: gdnn computes it")))
                    continue
                value = implied
            if value is not None and not 0 <= value <= 100:
                issues.append(Issue(name, "rate-out-of-range", _("a rate must lie between 0 and 100%, not {v}%").format(
                    v=fmt_number(value, 2)), where=at(L.T_ACTUAL)))
                continue
        if value is None or issues:
            continue
        note = _norm(ws[f"{L.T_NOTE}{r}"].value)
        data: dict = {"target": t.target, "plan": t.plan, "value": _plain(value)}
        if num is not None:
            data["numerator"], data["denominator"] = _plain(num), _plain(den)
        data["agency"] = ask.body
        data["status"] = status
        data["source"] = {"title": f"Biểu mẫu báo cáo năm {ask.year} của các cơ quan, đơn vị (gdnn collect)",
                          **({"date": prov["filled_on"]} if prov["filled_on"] else {})}
        if note:
            data["note"] = str(note)
        data["collected"] = {**prov, "sheet": L.TARGET_SHEET, "cell": f"{L.T_ACTUAL}{r}"}
        shown = (f"{fmt_number(value, 2)}%" if t.measure == "rate" else f"{fmt_number(value)} {t.unit}")
        form.records.append(Record(result_path(ds, p.plan, ask.year, ask.body), "figures",
                                   (t.plan, t.target, ask.body, ask.year), data,
                                   (data["value"], data.get("numerator"), data.get("denominator")),
                                   f"{ds.registry.short_name(ask.body)} · {t.name}", shown))
    return issues


def _task_answers(wb, ask, ds, name, prov, status, received, form: ReadForm) -> list[Issue]:
    ws = wb[L.TASK_SHEET]
    issues: list[Issue] = []
    for r, p, t in L.rows_of(ask, "tasks"):
        label = _norm(ws[f"{L.K_STATUS}{r}"].value)
        account = _norm(ws[f"{L.K_RESULT}{r}"].value)
        if label is None:
            if account is not None:
                issues.append(Issue(name, "missing-status", _("a result is written but no status chosen"),
                                    where=f"{L.TASK_SHEET}!{L.K_STATUS}{r}", hint=_("choose a status in the list")))
            continue
        code = STATUS_CODES.get(str(label).casefold())
        if code is None:
            issues.append(Issue(name, "unknown-status", _("{v} is not one of the statuses").format(v=repr(label)),
                                where=f"{L.TASK_SHEET}!{L.K_STATUS}{r}",
                                hint=", ".join(L.STATUS_LABELS.values())))
            continue
        data: dict = {"task": t.task, "plan": t.plan, "agency": ask.body, "status": code}
        if account is not None:
            data["account"] = str(account)
        data["reported"] = received
        if status == "illustrative":
            data["illustrative"] = True
        data["collected"] = {**prov, "sheet": L.TASK_SHEET, "cell": f"{L.K_STATUS}{r}"}
        form.records.append(Record(result_path(ds, p.plan, ask.year, ask.body), "progress", (t.plan, t.task, ask.body),
                                   data, (code, data.get("account")),
                                   f"{ds.registry.short_name(ask.body)} · {t.text[:60]}",
                                   L.STATUS_LABELS[code] + (f": {account}" if account else "")))
    return issues


def _plain(v: float | None):
    if v is None:
        return None
    return int(v) if float(v).is_integer() else round(float(v), 4)


# --------------------------------------------------------------------------- the whole run


def collect(paths: list[Path], ds, *, year: int | None = None, status: str = "provisional",
            received: dt.date | None = None, replace: bool = False, write: bool = True) -> CollectResult:
    """Read every form, then merge the good ones into data/results/ (see module docstring)."""
    from gdnn_cli.exchange.asks import asks_for
    from gdnn_cli.exchange.store import merge

    received = received or dt.date.today()
    cache: dict[int, dict[str, BodyAsk]] = {}

    def asks_of(y: int) -> dict[str, BodyAsk]:
        if y not in cache:
            cache[y] = {a.body: a for a in asks_for(ds, y)}
        return cache[y]

    result = CollectResult()
    for path in paths:
        try:
            result.forms.append(read_form(Path(path), ds, asks_of, year=year, status=status, received=received))
        except FormError as exc:
            result.issues.extend(exc.issues)
    return merge(result, ds, replace=replace, write=write)
