"""Load a whole data folder: every file parsed, validated, cross-checked, and every problem located.

This is the library behind ``gdnn validate``; the other commands call it too, so that they refuse
exactly the data that ``validate`` refuses.

Each file is checked on its own (parse, schema, the plan's own rules, locating its problems) —
in worker processes with ``jobs > 1`` — and reduced to a small summary (index.py). Cross-file checks
run on the summaries. Whole models are loaded again only when a command asks for them
(``ds.plans``, ``ds.results_for()``, ``lf.model``), so validating a national corpus stays lean.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import _
from gdnn_cli.common.parallel import CheckCache
from gdnn_cli.core import loader, positions
from gdnn_cli.core.agencies import AgencyFile
from gdnn_cli.core.index import PlanIndex, ResultIndex
from gdnn_cli.core.models import Plan
from gdnn_cli.core.plan_terms import place
from gdnn_cli.core.references import agency_rules, reference_rules
from gdnn_cli.core.registry import Registry
from gdnn_cli.core.results import ResultFile
from gdnn_cli.core.rules import plan_rules
from gdnn_cli.core.schema_errors import issues_from_validation

FOLDERS = {"plans": "plan", "agencies": "agencies", "results": "results"}


def model_class(kind: str) -> type[BaseModel]:
    """The model a file of ``kind`` ('plan', 'agencies', 'results') is validated as: one table, so that
    every reader of a data file (validate, textconv) accepts exactly the same files."""
    models: dict[str, type[BaseModel]] = {"plan": Plan, "agencies": AgencyFile, "results": ResultFile}
    return models[kind]


@dataclass
class LoadedFile:
    """One data file: where it is, what kind, its summary; the whole model only on demand."""

    path: Path
    display: str
    kind: str
    index: PlanIndex | AgencyFile | ResultIndex | None = None  # the summary; None when the file is invalid
    digest: str = ""
    claimed_id: str | None = None  # the id an invalid plan gives itself, so that results naming it stay quiet
    _model: BaseModel | None = field(default=None, repr=False)
    data: object = field(default=None, repr=False)
    source: loader.Source | None = field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        """Whether the file passed its own checks (parse and schema), so it has a summary."""
        return self.index is not None

    @property
    def model(self) -> BaseModel | None:
        """The validated model, parsed again from the file the first time it is asked for."""
        if self._model is None and self.valid:
            if isinstance(self.index, AgencyFile):
                self._model = self.index
            else:
                src = loader.read_text(self.path, self.display)
                self._model = model_class(self.kind).model_validate(loader.parse(src))
        return self._model

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_model"] = state["data"] = state["source"] = None
        return state


class LazyPlans(Mapping):
    """plan id → Plan, each parsed on first access (most commands need a few, validate needs none)."""

    def __init__(self, files: dict[str, LoadedFile]):
        self._files = files

    def __getitem__(self, plan_id: str) -> Plan:
        model = self._files[plan_id].model
        assert isinstance(model, Plan), plan_id  # only valid plan files are listed
        return model

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


@dataclass
class Dataset:
    """A data folder as checked: its files' summaries, the registry of ids, and every issue found."""

    root: Path
    files: list[LoadedFile] = field(default_factory=list)
    registry: Registry = field(default_factory=Registry)
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        """The issues that make the data unusable: a command refuses data that has any."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """The issues shown but not refused (``--strict`` refuses them too)."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No errors: what ``gdnn validate`` exits 0 on."""
        return not self.errors

    @property
    def plans(self) -> Mapping[str, Plan]:
        """Plan id → plan, each parsed again on first use (validating needs none of them whole)."""
        return self.registry.plans

    def results_for(self, plan_ids: set[str] | None = None, year: int | None = None) -> list[ResultFile]:
        """Result files (models) that mention one of ``plan_ids`` / are of ``year``; summaries decide
        which files to parse, so a national corpus is not read whole for one province."""
        out = []
        for lf in self.files:
            ri = lf.index
            if lf.kind != "results" or not isinstance(ri, ResultIndex):
                continue
            if year is not None and ri.year != year:
                continue
            if plan_ids is not None and not _mentions(ri, plan_ids):
                continue
            model = lf.model
            assert isinstance(model, ResultFile), lf.display
            out.append(model)
        return out

    def count(self, kind: str) -> int:
        """How many files of ``kind`` the folder holds, valid or not (for the summary line)."""
        return sum(1 for f in self.files if f.kind == kind)

def _mentions(ri: ResultIndex, plan_ids: set[str]) -> bool:
    return ri.plan in plan_ids or any(rec[1] in plan_ids for recs in (ri.figures, ri.progress, ri.reports)
                                      for rec in recs)


def discover(root: Path) -> list[tuple[Path, str]]:
    """Data files by folder: plans/, agencies/, results/ (any depth), sorted for stable output."""
    found: list[tuple[Path, str]] = []
    for folder, kind in FOLDERS.items():
        base = root / folder
        if base.is_symlink():
            found.append((base, kind))  # refused when read: links are never followed
            continue
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            links = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in links)
            for name in sorted(filenames + links):
                if (name.endswith((".yaml", ".yml")) or name in links) and not name.startswith("."):
                    found.append((Path(dirpath) / name, kind))
    return found


def display_path(path: Path) -> str:
    """The path as issues print it: relative to the working directory, as the user typed it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def check_file(path: Path, kind: str) -> tuple[LoadedFile, list[Issue]]:
    """Everything about one file that needs no other file: parse, schema, own rules, summary.
    Its issues come back located. Pure, so it can run in a worker process or come from the cache."""
    lf, issues = load_file(path, kind)
    model = lf._model
    if isinstance(model, Plan):
        issues = list(plan_rules(model, lf.display))
        lf.index = PlanIndex.of(model)
    elif isinstance(model, AgencyFile):
        lf.index = model
    elif isinstance(model, ResultFile):
        lf.index = ResultIndex.of(model)
    located = _locate_file(lf, issues)
    lf._model = lf.data = lf.source = None  # summaries only: thousands of models must not pile up
    return lf, located


def load_file(path: Path, kind: str) -> tuple[LoadedFile, list[Issue]]:
    """Parse and schema-check one file (no summary, issues not yet located)."""
    lf = LoadedFile(path, display_path(path), kind)
    try:
        lf.source = loader.read_text(path, lf.display)
        lf.digest = lf.source.digest
        lf.data = loader.parse(lf.source)
    except loader.LoadError as exc:
        return lf, [exc.issue]
    except OSError as exc:
        return lf, [Issue(lf.display, "unreadable", _("cannot read the file: {reason}").format(reason=exc.strerror))]
    if isinstance(lf.data, dict) and isinstance(lf.data.get("id"), str):
        lf.claimed_id = lf.data["id"]
    unwritable = loader.control_characters(lf.source, lf.data)
    if unwritable:
        return lf, unwritable
    model_cls = model_class(kind)
    try:
        lf._model = model_cls.model_validate(lf.data)
    except ValidationError as exc:
        return lf, issues_from_validation(lf.display, lf.data, exc, model_cls)
    return lf, []


def load(root: Path | str, *, jobs: int = 1, cache: CheckCache | None = None) -> Dataset:
    """Check the whole data folder ``root``: what every command calls first, so that all of them refuse
    exactly what ``gdnn validate`` refuses. Never raises for bad data: the problems are in ``issues``.
    ``cache`` (a cache.Cache) skips the checks of files whose bytes it has seen."""
    root = Path(root)
    ds = Dataset(root)
    if not root.is_dir():
        ds.issues.append(Issue(display_path(root), "no-data-folder", _("the data folder does not exist"),
                               hint=_("pass --data DIR or set GDNN_DATA")))
        return ds
    from gdnn_cli.common.parallel import load_all

    found = discover(root)
    if not found:
        ds.issues.append(Issue(display_path(root), "no-data", _("không tìm thấy dữ liệu: the folder holds no plans, "
                               "agencies or results"), hint=_("data files go in plans/, agencies/ and results/ "
                               "(*.yaml); pass --data DIR for another folder")))
        return ds
    if cache is not None:
        cache.open(root)
    for lf, issues in load_all(found, jobs=jobs, cache=cache, load_file=check_file):
        lf._model = lf.data = lf.source = None  # keep summaries only; models come back on demand
        ds.files.append(lf)
        ds.issues.extend(issues)
    cross = _cross_check(ds)
    ds.issues.extend(_locate_cross(ds, cross, jobs, cache))
    if cache is not None:
        cache.close()
    ds.issues.sort(key=lambda i: (i.severity != "error", i.file, i.line or 0, i.column or 0))
    return ds


def _cross_check(ds: Dataset) -> list[Issue]:
    reg = ds.registry
    out: list[Issue] = []
    plan_files: dict[str, LoadedFile] = {}
    for lf in ds.files:
        if isinstance(lf.index, AgencyFile):
            for j, agency in enumerate(lf.index.agencies):
                if agency.id in reg.agencies:
                    out.append(Issue(lf.display, "duplicate-agency-id",
                                     _("agency id '{id}' is already defined in {file}").format(
                                         id=agency.id, file=reg.agency_files[agency.id]),
                                     loc=("agencies", j, "id")))
                    continue
                reg.agencies[agency.id] = agency
                reg.agency_files[agency.id] = lf.display
        elif lf.kind == "plan" and not lf.valid:
            reg.invalid_plans.add(lf.claimed_id or lf.path.stem)
        elif isinstance(lf.index, PlanIndex):
            pid = lf.index.id
            if pid in reg.plan_index:
                out.append(Issue(lf.display, "duplicate-plan-id",
                                 _("plan id '{id}' is already used by {file}").format(
                                     id=pid, file=reg.plan_files[pid]),
                                 loc=("id",), hint=_("plan ids must be unique across the data folder")))
                continue
            reg.plan_index[pid] = lf.index
            reg.plan_files[pid] = lf.display
            plan_files[pid] = lf
    reg.plans = LazyPlans(plan_files)
    from gdnn_cli.core.result_rules import duplicate_figures, result_rules

    for lf in ds.files:
        if isinstance(lf.index, AgencyFile):
            for j, agency in enumerate(lf.index.agencies):
                out.extend(agency_rules(agency, ("agencies", j), lf.display, reg))
        elif isinstance(lf.index, PlanIndex) and plan_files.get(lf.index.id) is lf:
            out.extend(reference_rules(lf.index, lf.display, reg))
        elif isinstance(lf.index, ResultIndex):
            out.extend(result_rules(lf.index, lf.display, reg))
    out.extend(duplicate_figures([(lf.display, lf.index) for lf in ds.files if isinstance(lf.index, ResultIndex)],
                                 reg))
    return out


def _locate_file(lf: LoadedFile, issues: list[Issue]) -> list[Issue]:
    """Fill in line and column for one file's issues, composing its node tree once, only if needed."""
    if all(i.line is not None for i in issues):
        return issues
    try:
        if lf.source is None:
            lf.source = loader.read_text(lf.path, lf.display)
        if lf.data is None:
            lf.data = loader.parse(lf.source)
        root = positions.compose(lf.source)
    except (loader.LoadError, OSError):
        return issues  # the file's own load error is already among the issues, located
    out = []
    for issue in issues:
        if issue.line is not None:
            out.append(issue)
            continue
        pos = positions.key_position(root, issue.loc) if issue.code == "extra_forbidden" else None
        pos = pos or positions.locate(root, issue.loc) or (1, 1)
        out.append(Issue(issue.file, issue.code, issue.message, issue.severity, pos[0], pos[1],
                         positions.describe(lf.data, issue.loc), issue.hint, issue.loc,
                         loader.snippet(lf.source.text, pos[0]), place(lf.kind, lf.data, issue.loc, pos[0])))
    return out


def _locate_cross(ds: Dataset, issues: list[Issue], jobs: int = 1,
                  cache: CheckCache | None = None) -> list[Issue]:
    """Locate cross-file issues: from positions cached for the file's bytes, else by composing the
    file (in worker processes when there are many)."""
    by_file: dict[str, list[Issue]] = {}
    for issue in issues:
        by_file.setdefault(issue.file, []).append(issue)
    files = {lf.display: lf for lf in ds.files}
    out: list[Issue] = []
    todo: list[tuple] = []
    for name, group in by_file.items():
        lf = files.get(name)
        if lf is None:
            out.extend(group)
            continue
        known = cache.positions(lf.path, lf.digest) if cache is not None else {}
        if all(i.loc in known for i in group):
            out.extend(_with_position(i, known[i.loc]) for i in group)
        else:
            todo.append((lf.path, lf.display, lf.kind, group))
    from gdnn_cli.common.parallel import map_jobs

    for (path, _display, _kind, group), located in zip(todo, map_jobs(_locate_job, todo, jobs), strict=True):
        out.extend(located)
        if cache is not None:
            lf = files[group[0].file]
            cache.add_positions(path, lf.digest,
                                {i.loc: (i.line, i.column, i.where, i.context, i.place) for i in located})
    return out


def _with_position(issue: Issue, pos: tuple) -> Issue:
    line, column, where, context, label = pos
    return Issue(issue.file, issue.code, issue.message, issue.severity, line, column, where, issue.hint,
                 issue.loc, context, label)


def _locate_job(args: tuple) -> list[Issue]:
    path, display, kind, group = args
    return _locate_file(LoadedFile(path, display, kind), group)


def default_data_dir() -> Path:
    """Where the data is when ``--data`` is not given: $GDNN_DATA, else ./data."""
    return Path(os.environ.get("GDNN_DATA") or "data")
