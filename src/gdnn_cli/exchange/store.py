"""Merge collected records into results files with ruamel.yaml round-trip, atomically.

Comments, key order and flow style of what is already there survive; new records follow the
bundled files' style (one block mapping per record, source and provenance inline). Every file is
checked against the results schema before it replaces the old one.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from ..atomic import write_text
from ..errors import GdnnError
from ..i18n import _
from ..numbers import fmt_number
from .collect import CollectResult, Conflict, Record

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/results.schema.json\n"


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.representer.ignore_aliases = lambda *args: True  # one date shared by many records is no anchor
    return y


class ResultDoc:
    """One results file, loaded for round-trip editing (or new)."""

    def __init__(self, path: Path, year: int, plan: str):
        from ruamel.yaml.comments import CommentedMap

        self.path = path
        self.changed = False
        if path.is_file():
            self.doc = _yaml().load(path.read_text(encoding="utf-8"))
        else:
            self.doc = CommentedMap()
            self.doc["plan"] = plan
            self.doc["year"] = year
            self.doc.yaml_set_start_comment("Số liệu thu thập bằng gdnn collect từ biểu mẫu của các cơ quan, đơn vị.")
            self.new = True

    def _defaults(self) -> tuple[str | None, int | None]:
        return self.doc.get("plan"), self.doc.get("year")

    def find(self, rec: Record):
        plan0, year0 = self._defaults()
        for item in self.doc.get(rec.section) or []:
            plan = item.get("plan") or plan0
            if rec.section == "figures":
                key = (plan, item.get("target"), item.get("agency"), item.get("year") or year0)
            elif rec.section == "progress":
                key = (plan, item.get("task"), item.get("agency"))
            else:
                key = (plan, item.get("agency"))
            if key == rec.key:
                return item
        return None

    def add(self, rec: Record) -> None:
        from ruamel.yaml.comments import CommentedSeq

        if rec.section not in self.doc or self.doc[rec.section] is None:
            self.doc[rec.section] = CommentedSeq()
        self.doc[rec.section].append(self._map(rec))
        self.changed = True

    def replace(self, item, rec: Record) -> None:
        new = self._map(rec)
        for k in list(item):
            del item[k]
        for k, v in new.items():
            item[k] = v
        self.changed = True

    def _map(self, rec: Record):
        from ruamel.yaml.comments import CommentedMap

        plan0, _year0 = self._defaults()
        out = CommentedMap()
        for k, v in rec.data.items():
            if k == "plan" and v == plan0:
                continue
            if v is None:
                continue
            if isinstance(v, dict):
                inner = CommentedMap((ik, iv) for ik, iv in v.items() if iv is not None)
                inner.fa.set_flow_style()
                v = inner
            out[k] = v
        return out

    def text(self) -> str:
        buf = io.StringIO()
        _yaml().dump(self.doc, buf)
        body = buf.getvalue()
        if getattr(self, "new", False):
            body = SCHEMA_LINE + body
        return body


def existing_shown(item, rec: Record) -> tuple[str, str]:
    """The value already in the data and where it came from, for a conflict listing."""
    if rec.section == "figures":
        v = item.get("value")
        shown = f"{fmt_number(v, 2)}" + ("%" if "%" in rec.shown else " " + rec.shown.split(" ", 1)[-1])
    else:
        shown = str(item.get("status")) + (f": {item.get('account')}" if item.get("account") else "")
    col = item.get("collected")
    where = (f"{col.get('file')} {col.get('sheet')}!{col.get('cell')}" if col else _("typed in {file}").format(
        file=rec.result_file.name))
    return shown, where


def _same(item, rec: Record) -> bool:
    if rec.section == "figures":
        def n(x):
            return None if x is None else round(float(x), 6)
        return (n(item.get("value")), n(item.get("numerator")), n(item.get("denominator"))) == tuple(
            n(x) for x in rec.compare)
    if rec.section == "progress":
        return (item.get("status"), item.get("account")) == rec.compare
    return True  # a report record: the first one stays


def merge(result: CollectResult, *, replace: bool, write: bool = True) -> CollectResult:
    """Apply every read form to its results files. A form with a conflict contributes nothing unless
    ``replace``; files are validated, then written atomically (all of them, or none on failure)."""
    docs: dict[Path, ResultDoc] = {}
    for form in result.forms:
        plan_of = {r.result_file: r.key[0] for r in form.records}
        for path, plan in plan_of.items():
            if path not in docs:
                year = next(r for r in form.records if r.result_file == path).data.get("reported")
                docs[path] = ResultDoc(path, _year_of(form, path), plan)
        actions = []
        conflicts = []
        for rec in form.records:
            doc = docs[rec.result_file]
            item = doc.find(rec)
            if item is None:
                actions.append(("add", doc, None, rec))
            elif _same(item, rec):
                actions.append(("same", doc, item, rec))
            elif replace:
                actions.append(("replace", doc, item, rec))
            else:
                shown, where = existing_shown(item, rec)
                conflicts.append(Conflict(rec, shown, where))
        if conflicts:
            result.conflicts.extend(conflicts)
            continue
        for what, doc, item, rec in actions:
            if what == "add":
                doc.add(rec)
                result.added += 1
            elif what == "replace":
                doc.replace(item, rec)
                result.replaced += 1
            else:
                result.unchanged += 1
    texts = {p: d.text() for p, d in docs.items() if d.changed}
    for path, text in texts.items():
        _check(path, text)
    if write:
        for path, text in texts.items():
            write_text(path, text)
            result.written.append(path)
    return result


def _year_of(form, path: Path) -> int:
    try:
        return int(path.stem)
    except ValueError:
        return dt.date.today().year


def _check(path: Path, text: str) -> None:
    """The merged file must still be a valid results file; a bug here must not reach the data."""
    import yaml
    from pydantic import ValidationError

    from ..results import ResultFile

    try:
        ResultFile.model_validate(_strings(yaml.safe_load(text)))
    except (ValidationError, yaml.YAMLError) as exc:
        raise GdnnError(_("the merged {file} would not be valid, nothing was written: {why}").format(
            file=path, why=str(exc).splitlines()[0])) from exc


def _strings(value):
    """Dates as the loader keeps them (strings), so the model checks them the same way."""
    if isinstance(value, dict):
        return {k: _strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strings(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
