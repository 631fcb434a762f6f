"""Merge collected records into results files with ruamel.yaml round-trip, atomically.

Comments, key order and flow style of what is already there survive; new records follow the
bundled files' style (one block mapping per record, source and provenance inline). Every file is
checked against the results schema before it replaces the old one.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import partial
from pathlib import Path
from typing import Any

from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.i18n import _
from gdnn_cli.common.numbers import fmt_number
from gdnn_cli.exchange.records import CollectResult, Conflict, Record

SCHEMA_LINE = "# yaml-language-server: $schema=../../../../schemas/results.schema.json\n"  # results/ISSUER/YEAR/


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.representer.ignore_aliases = lambda *args: True  # one date shared by many records is no anchor
    return y


class ResultDoc:
    """One results file, loaded for round-trip editing (or new), with its records indexed by key."""

    def __init__(self, path: Path, year: int, plan: str | None, heading: str | None = None):
        from ruamel.yaml.comments import CommentedMap

        self.path = path
        self.changed = False
        self.new = not path.is_file()
        if not self.new:
            self.doc = _yaml().load(path.read_text(encoding="utf-8"))
        else:
            self.doc = CommentedMap()  # no file-level plan: a body's one form answers several plans
            self.doc["year"] = year
            if heading:
                self.doc.yaml_set_start_comment(heading)
        self._index: dict[tuple, object] = {}
        plan0, year0 = self.doc.get("plan"), self.doc.get("year")
        for section in ("figures", "progress", "reports"):
            for item in self.doc.get(section) or []:
                self._index[(section, record_key(section, item, plan0, year0))] = item

    def find(self, rec: Record) -> Any:
        """The record already in the file with ``rec``'s key (its ruamel mapping), or None."""
        return self._index.get((rec.section, rec.key))

    def add(self, rec: Record) -> None:
        """Append a new record in the bundled files' style; the file is written only if something changed."""
        from ruamel.yaml.comments import CommentedSeq

        if rec.section not in self.doc or self.doc[rec.section] is None:
            self.doc[rec.section] = CommentedSeq()
        item = self._map(rec)
        self.doc[rec.section].append(item)
        self._index[(rec.section, rec.key)] = item
        self.changed = True

    def replace(self, item: Any, rec: Record) -> None:
        """Overwrite an existing record in place (--replace), keeping its position and the comments around it."""
        new = self._map(rec)
        for k in list(item):
            del item[k]
        for k, v in new.items():
            item[k] = v
        self.changed = True

    def _map(self, rec: Record):
        from ruamel.yaml.comments import CommentedMap

        plan0 = self.doc.get("plan")
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
        """The file's new text, ruamel round-trip, to be schema-checked before it replaces the old one."""
        buf = io.StringIO()
        _yaml().dump(self.doc, buf)
        body = buf.getvalue()
        if self.new:
            body = SCHEMA_LINE + body
        return body


def record_key(section: str, item, plan0, year0) -> tuple:
    """The identity of a record: a body's figure for a target and year, its report on a task, its report."""
    plan = item.get("plan") or plan0
    if section == "figures":
        return (plan, item.get("target"), item.get("agency"), item.get("year") or year0)
    if section == "progress":
        return (plan, item.get("task"), item.get("agency"))
    return (plan, item.get("agency"))


def _where_now(ds) -> dict[tuple, Path]:
    """(section, key) → the results file that already holds such a record, from the loaded data."""
    out: dict[tuple, Path] = {}
    for lf in ds.files:
        if lf.kind != "results" or not lf.valid:
            continue
        rf = lf.model
        for section in ("figures", "progress", "reports"):
            for rec in getattr(rf, section):
                item = rec.model_dump(exclude_none=True)
                out.setdefault((section, record_key(section, item, rf.plan, rf.year)), lf.path)
    return out


def existing_shown(item, rec: Record, path: Path) -> tuple[str, str]:
    """The value already in the data and where it came from, for a conflict listing."""
    if rec.section == "figures":
        v = item.get("value")
        shown = f"{fmt_number(v, 2)}" + ("%" if "%" in rec.shown else " " + rec.shown.split(" ", 1)[-1])
    else:
        shown = str(item.get("status")) + (f": {item.get('account')}" if item.get("account") else "")
    col = item.get("collected")
    where = (f"{col.get('file')} {col.get('sheet')}!{col.get('cell')}" if col else _("typed in {file}").format(
        file=path.name))
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


def merge(result: CollectResult, ds, *, replace: bool, write: bool = True) -> CollectResult:
    """Apply every read form. A record already held anywhere in the data is compared with it there
    (same: skipped; different: a conflict, or replaced in that file with ``replace``); a new record
    goes to the body's own file. A form with a conflict contributes nothing unless ``replace``.
    Files are validated, then written atomically."""
    where = _where_now(ds)
    docs: dict[Path, ResultDoc] = {}

    def doc_for(path: Path, rec: Record) -> ResultDoc:
        if path not in docs:
            body = rec.data.get("agency")
            heading = (f"Báo cáo của {ds.registry.agency_name(body)}, thu thập bằng gdnn collect từ biểu mẫu "
                       "Excel của đơn vị.") if body else None
            docs[path] = ResultDoc(path, _year_of(path), rec.key[0], heading)
        return docs[path]

    for form in result.forms:
        actions = []
        conflicts = []
        for rec in form.records:
            held = where.get((rec.section, rec.key))
            doc = doc_for(held or rec.result_file, rec)
            item = doc.find(rec)
            if item is None:
                actions.append(("add", doc, None, rec))
            elif _same(item, rec):
                actions.append(("same", doc, item, rec))
            elif replace:
                actions.append(("replace", doc, item, rec))
            else:
                shown, whence = existing_shown(item, rec, doc.path)
                conflicts.append(Conflict(rec, shown, whence))
        if conflicts:
            result.conflicts.extend(conflicts)
            continue
        for what, doc, item, rec in actions:
            if what == "add":
                doc.add(rec)
                where[(rec.section, rec.key)] = doc.path
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
        from gdnn_cli.common.atomic import write_with

        for path, text in texts.items():
            write_with(path, partial(_write_text, text=text))
            result.written.append(path)
    return result


def _write_text(tmp: Path, text: str) -> None:
    tmp.write_text(text, encoding="utf-8")


def _year_of(path: Path) -> int:
    for part in (path.stem, path.parent.name):
        if part.isdigit():
            return int(part)
    return dt.date.today().year


def _check(path: Path, text: str) -> None:
    """The merged file must still be a valid results file; a bug here must not reach the data."""
    import yaml
    from pydantic import ValidationError

    from gdnn_cli.core.results import ResultFile

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
