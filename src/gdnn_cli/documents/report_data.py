"""The year-end report (Báo cáo) as data: which reports to write, and what each one is built from.

Every figure comes from tracking.gap_rows — the same rows `gdnn gaps --format json` prints — so the
report and the gaps command can never disagree. This module decides *what* a report holds (the
year's targets apart from the milestones ahead, every key task with what came in on it, who had to
report to the writer of the report); report_text.py words it, report_doc.py lays it out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gdnn_cli.core.figures import fill
from gdnn_cli.core.models import Plan, Target
from gdnn_cli.core.results import ReportHeading
from gdnn_cli.tracking.gaps import GapRow, key_of
from gdnn_cli.tracking.status import (
    Coverage,
    ReporterStatus,
    TaskStatus,
    actuals_index,
    coverage,
    gap_rows,
    plans_for,
    year_status,
)

if TYPE_CHECKING:
    from gdnn_cli.core.dataset import Dataset

__all__ = ["task_title", "build", "issuers_for"]


@dataclass(frozen=True)
class KeyTask:
    """A key task of the plan (Phụ lục 2), or a task group when the plan marks none, with its reports."""

    group: str
    text: str
    reports: tuple[TaskStatus, ...] = ()

    @property
    def status(self) -> str:
        """The least advanced of the reports ('chua-co-bao-cao' when none came in)."""
        order = ("chua-trien-khai", "dang-trien-khai", "hoan-thanh")
        if not self.reports:
            return "chua-co-bao-cao"
        return min((r.status for r in self.reports), key=order.index)


@dataclass
class Milestone:
    """A target whose year lies ahead (2030 seen in 2025), with its judged row when figures exist."""

    target: Target
    row: GapRow | None
    year: int  # the milestone's year: its table (Bảng) in the report, parts and shares under their total
    level: int = 0
    kind: str = "total"  # total | part | share


@dataclass
class PlanPart:
    """One plan's share of a report: the year's rows, the milestones ahead, tasks, reporters and the
    figures beside them (last year's, dates of provisional ones, how many members answered)."""

    plan: Plan
    rows: list[GapRow]  # targets of the year, parts and shares under their total
    milestones: list[Milestone] = field(default_factory=list)
    key_tasks: list[KeyTask] = field(default_factory=list)
    other_tasks: list[TaskStatus] = field(default_factory=list)  # reports on tasks that are not key tasks
    reporters: list[ReporterStatus] = field(default_factory=list)  # agencies that report to the writer
    elsewhere: list[tuple[str, list[str]]] = field(default_factory=list)  # (receiving body, reporters) elsewhere
    previous: dict[str, float] = field(default_factory=dict)  # target id → last year's figure
    as_of: dict[str, dt.date | None] = field(default_factory=dict)  # target id → date of a provisional figure
    coverage: list[Coverage] = field(default_factory=list)  # groups whose members answer one by one

    @property
    def milestone_years(self) -> list[int]:
        """The years of the milestones ahead, in order: each has its own table of progress in the report."""
        return sorted({m.year for m in self.milestones})


@dataclass
class ReportData:
    """One Báo cáo: an issuer's plans in force in a year, with their results."""

    issuer: str
    year: int
    reporter: str  # the body that writes the report
    parts: list[PlanPart] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    limitations: list[str] = field(default_factory=list)
    causes_objective: list[str] = field(default_factory=list)
    causes_subjective: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    heading: ReportHeading | None = None  # number, date, signature, recipients, when a result file gives them
    writer_name: str = ""  # the writing body's full name, for headers
    number_text: str = ""  # "125/BC-SGDĐT", when the result file gives it

    @property
    def rows(self) -> list[GapRow]:
        """Every judged row of the report, the year's and the milestones', for checks over all of them."""
        return [r for p in self.parts for r in p.rows] + [m.row for p in self.parts for m in p.milestones if m.row]

    @property
    def illustrative(self) -> bool:
        """Whether anything the report prints is illustrative: then its first page says so."""
        return any(r.illustrative for r in self.rows) or any(
            t.illustrative for p in self.parts for k in p.key_tasks for t in k.reports) or any(
            t.illustrative for p in self.parts for t in p.other_tasks) or any(
            r.illustrative for p in self.parts for r in p.reporters)


def issuers_for(ds: Dataset, year: int, issuer: str | None = None, plan_id: str | None = None) -> list[str]:
    """The issuers that get a report for ``year``: one Báo cáo per issuer of the plans in force."""
    return sorted({p.issuer for p in plans_for(ds, year, plan_id, issuer)})


def writer_of(ds: Dataset, plans: list[Plan], year: int, issuer: str) -> str:
    """The standing agency most plans name, as it stands at the end of the year (after a merger)."""
    day = dt.date(year, 12, 31)
    standing = Counter(ds.registry.successor_at(p.standing_agency, day) for p in plans if p.standing_agency)
    return standing.most_common(1)[0][0] if standing else issuer


def build(ds: Dataset, year: int, issuer: str, plan_id: str | None = None,
          today: dt.date | None = None) -> ReportData:
    """The Báo cáo of ``issuer`` for ``year``: its plans' rows, milestones, tasks and reporters, and what
    the result files say in words (directives, causes, proposals), gathered once for the .docx and .xlsx."""
    plans = plans_for(ds, year, plan_id, issuer)
    ys = year_status(ds, year, plan_id, issuer, today=today)
    rows = gap_rows(ds, year, plan_id, issuer)
    index = actuals_index(ds, plans)
    writer = writer_of(ds, plans, year, issuer)
    data = ReportData(issuer, year, writer)
    covered_groups = coverage(ds, year, plan_id, issuer, status=ys)
    for plan in plans:
        mine = [r for r in rows if r.plan == plan.id]
        tasks = [t for t in ys.tasks if t.plan == plan.id]
        key = key_tasks(plan, tasks)
        covered = {id(t) for k in key for t in k.reports}
        reporters = [r for r in ys.reporters if r.plan == plan.id]
        part = PlanPart(
            plan, [r for r in mine if r.year <= year], milestones(plan, year, mine), key,
            [t for t in tasks if id(t) not in covered],
            [r for r in reporters if r.to == writer and r.agency != writer],
            elsewhere(ds, reporters, writer),
        )
        for t in plan.all_targets():
            prev = index.get((plan.id, key_of(t), year - 1))
            if prev is not None:
                part.previous[t.id] = prev.value
        part.as_of = provisional_dates(ds, plan, year)
        part.coverage = [c for c in covered_groups if c.plan == plan.id]
        for r in part.rows:  # a total summed from provisional parts runs to the earliest of their dates
            if r.actual_status == "provisional" and r.target not in part.as_of:
                dates = [d for c in part.rows if c.parent == r.target and (d := part.as_of.get(c.target))]
                part.as_of[r.target] = min(dates) if dates else None
        data.parts.append(part)
    for rf in ds.results_for({p.id for p in plans}, year=year):
        if rf.plan is None or rf.plan in {p.id for p in plans}:
            data.directives.extend(rf.directives)
            data.strengths.extend(rf.strengths)
            data.limitations.extend(rf.limitations)
            if rf.causes is not None:
                data.causes_objective.extend(rf.causes.objective)
                data.causes_subjective.extend(rf.causes.subjective)
            data.directions.extend(rf.directions)
            data.proposals.extend(rf.proposals)
            data.heading = data.heading or rf.report
    data.writer_name = ds.registry.agency_name(writer)
    data.number_text = (data.heading.number if data.heading else None) or ""
    return data


def milestones(plan: Plan, year: int, rows: list[GapRow]) -> list[Milestone]:
    """Every target of a later year, figures or not; its parts and shares below it, unjudged."""
    judged = {r.target: r for r in rows if r.year > year}
    out: list[Milestone] = []
    for t in plan.targets:
        if isinstance(t.year, int) and t.year > year and plan.period.start <= year:
            out.append(Milestone(t, judged.get(t.id), t.year))
            out.extend(Milestone(child, judged.get(child.id), t.year, 1, "part") for child in t.parts)
            out.extend(Milestone(child, judged.get(child.id), t.year, 1, "share") for child in t.shares)
    return out


def key_tasks(plan: Plan, reports: list[TaskStatus]) -> list[KeyTask]:
    """The key tasks of Phụ lục 2; a plan that marks none is reported on by its task groups."""
    out: list[KeyTask] = []
    for g in plan.all_task_groups():
        for t in g.tasks:
            if t.key:
                out.append(KeyTask(g.title, t.text, tuple(r for r in reports if t.id and r.task == t.id)))
    if out:
        return out
    return [KeyTask("", g.title, tuple(r for r in reports if r.task == g.id or r.group == g.id))
            for g in plan.task_groups]


def elsewhere(ds: Dataset, reporters: list[ReporterStatus], writer: str) -> list[tuple[str, list[str]]]:
    """Reports the plan sends to a body other than the writer: named, not counted against it."""
    out: dict[str, list[str]] = {}
    for r in reporters:
        if r.to != writer and r.agency != writer:
            names = out.setdefault(ds.registry.agency_name(r.to), [])
            if r.name not in names:
                names.append(r.name)
    return list(out.items())


def provisional_dates(ds: Dataset, plan: Plan, year: int) -> dict[str, dt.date | None]:
    """Target id → the date a provisional figure runs to (None: 'ước thực hiện')."""
    out: dict[str, dt.date | None] = {}
    for rf in ds.results_for({plan.id}, year=year):
        for plan_id, y, fig in rf.figures_for():
            if plan_id == plan.id and y == year and fig.status == "provisional":
                for t in plan.all_targets():
                    if fig.target in (t.id, key_of(t)):
                        out[t.id] = fig.as_of
    return out


def task_title(plan: Plan, task_id: str) -> str:
    """A task's whole text (figures filled), or a group's title, by id, for pages that list what agencies
    reported on; the id itself when the plan has no such task."""
    for g in plan.all_task_groups():
        if g.id == task_id:
            return g.title
        for t in g.tasks:
            if t.id == task_id:
                return fill(t.text, plan) or ""
    return task_id
