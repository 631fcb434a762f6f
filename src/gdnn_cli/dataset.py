"""Load a whole data folder: every file parsed, validated, cross-checked, and every problem located.

This is the library behind ``gdnn validate``; the other commands call it too, so that they refuse
exactly the data that ``validate`` refuses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import loader
from .errors import Issue
from .models import Agency, AgencyFile, Plan
from .rules import Registry, agency_rules, plan_rules, reference_rules
from .schema_errors import issues_from_validation

FOLDERS = {"plans": "plan", "agencies": "agencies", "results": "results"}


def _models() -> dict[str, type[BaseModel]]:
    from .results import ResultFile

    return {"plan": Plan, "agencies": AgencyFile, "results": ResultFile}


@dataclass
class LoadedFile:
    path: Path
    display: str
    kind: str
    model: BaseModel | None = None
    data: object = None
    source: loader.Source | None = None


@dataclass
class Dataset:
    root: Path
    files: list[LoadedFile] = field(default_factory=list)
    registry: Registry = field(default_factory=Registry)
    issues: list[Issue] = field(default_factory=list)
    results: list = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def plans(self) -> dict[str, Plan]:
        return self.registry.plans

    def count(self, kind: str) -> int:
        return sum(1 for f in self.files if f.kind == kind)

    def plan_file(self, plan_id: str) -> str:
        return self.registry.plan_files[plan_id]


def discover(root: Path) -> list[tuple[Path, str]]:
    """Data files by folder: plans/, agencies/, results/ (any depth), sorted for stable output."""
    found: list[tuple[Path, str]] = []
    for folder, kind in FOLDERS.items():
        base = root / folder
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                    found.append((Path(dirpath) / name, kind))
    return found


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def load_file(path: Path, kind: str) -> tuple[LoadedFile, list[Issue]]:
    """Parse and schema-check one file; pure, so it can run in a worker process or come from a cache."""
    lf = LoadedFile(path, display_path(path), kind)
    try:
        lf.source = loader.read_text(path, lf.display)
        lf.data = loader.parse(lf.source)
    except loader.LoadError as exc:
        return lf, [exc.issue]
    except OSError as exc:
        return lf, [Issue(lf.display, "unreadable", f"cannot read the file: {exc.strerror}")]
    model_cls = _models()[kind]
    try:
        lf.model = model_cls.model_validate(lf.data)
    except ValidationError as exc:
        return lf, issues_from_validation(lf.display, lf.data, exc, model_cls)
    return lf, []


def load(root: Path | str, *, jobs: int = 1, cache=None) -> Dataset:
    root = Path(root)
    ds = Dataset(root)
    if not root.is_dir():
        ds.issues.append(Issue(display_path(root), "no-data-folder", "the data folder does not exist",
                               hint="pass --data DIR or set GDNN_DATA"))
        return ds
    from .parallel import load_all

    if cache is not None:
        cache.open(root)
    for lf, issues in load_all(discover(root), jobs=jobs, cache=cache, load_file=load_file):
        ds.files.append(lf)
        ds.issues.extend(issues)
    if cache is not None:
        cache.close()
    _cross_check(ds)
    _locate(ds)
    ds.issues.sort(key=lambda i: (i.severity != "error", i.file, i.line or 0, i.column or 0))
    return ds


def _cross_check(ds: Dataset) -> None:
    reg = ds.registry
    for lf in ds.files:
        if lf.kind == "agencies" and lf.model is not None:
            for j, agency in enumerate(lf.model.agencies):  # type: ignore[attr-defined]
                if agency.id in reg.agencies:
                    ds.issues.append(Issue(lf.display, "duplicate-agency-id",
                                           f"agency id '{agency.id}' is already defined in {reg.agency_files[agency.id]}",
                                           loc=("agencies", j, "id")))
                    continue
                reg.agencies[agency.id] = agency
                reg.agency_files[agency.id] = lf.display
    for lf in ds.files:
        if lf.kind == "agencies" and lf.model is not None:
            for j, agency in enumerate(lf.model.agencies):  # type: ignore[attr-defined]
                ds.issues.extend(agency_rules(agency, ("agencies", j), lf.display, reg))
        if lf.kind == "plan" and lf.model is not None:
            plan: Plan = lf.model  # type: ignore[assignment]
            if plan.id in reg.plans:
                ds.issues.append(Issue(lf.display, "duplicate-plan-id",
                                       f"plan id '{plan.id}' is already used by {reg.plan_files[plan.id]}",
                                       loc=("id",), hint="plan ids must be unique across the data folder"))
                continue
            reg.plans[plan.id] = plan
            reg.plan_files[plan.id] = lf.display
            ds.issues.extend(plan_rules(plan, lf.display))
            ds.issues.extend(reference_rules(plan, lf.display, reg))
    from .results import result_rules

    for lf in ds.files:
        if lf.kind == "results" and lf.model is not None:
            ds.issues.extend(result_rules(lf.model, lf.display, reg))  # type: ignore[arg-type]
            ds.results.append(lf.model)


def _locate(ds: Dataset) -> None:
    """Fill in line and column, composing each file with issues once (valid files are never composed)."""
    by_file = {lf.display: lf for lf in ds.files}
    roots: dict[str, object] = {}
    located = []
    for issue in ds.issues:
        lf = by_file.get(issue.file)
        if issue.line is not None or lf is None:
            located.append(issue)
            continue
        if lf.source is None:  # came from the cache: read it again, only because it has issues
            lf.source = loader.read_text(lf.path, lf.display)
            lf.data = loader.parse(lf.source)
        if issue.file not in roots:
            roots[issue.file] = loader.compose(lf.source)
        root = roots[issue.file]
        pos = None
        if issue.code == "extra_forbidden":
            pos = loader.key_position(root, issue.loc)
        pos = pos or loader.locate(root, issue.loc) or (1, 1)
        where = loader.describe(lf.data, issue.loc)
        located.append(Issue(issue.file, issue.code, issue.message, issue.severity, pos[0], pos[1], where,
                             issue.hint, issue.loc, loader.snippet(lf.source.text, pos[0])))
    ds.issues = located


def default_data_dir() -> Path:
    return Path(os.environ.get("GDNN_DATA") or "data")
