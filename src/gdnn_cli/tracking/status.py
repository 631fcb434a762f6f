"""From loaded data to the year's picture: gap rows, task progress, and who reported on time.

One place that `gdnn gaps`, `gdnn status` and `gdnn report` all read, so that every number in a
report equals what `gdnn gaps --format json` says for it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gdnn_cli.common.i18n import N_, gettext_in
from gdnn_cli.common.numbers import fmt_short_date
from gdnn_cli.core.models import Plan, ReportingRule
from gdnn_cli.tracking.gaps import Actual, ActualsIndex, GapRow, combine, key_of, rows_for_plan

if TYPE_CHECKING:
    from gdnn_cli.core.dataset import Dataset
    from gdnn_cli.core.results import Figure


def source_text(fig: Figure) -> str | None:
    """A figure's source as tables cite it ('Niên giám, số 12, Cục Thống kê, 04/3/2025'); None without one."""
    s = fig.source
    if s is None:
        return None
    bits = [s.title]
    if s.number:
        bits.append(f"số {s.number}")
    if s.publisher:
        bits.append(s.publisher)
    if s.date:
        bits.append(fmt_short_date(s.date))
    return ", ".join(bits)


def actuals_index(ds: Dataset, plans: list[Plan] | None = None) -> ActualsIndex:
    """Every reported figure of the plans, filed by (plan, indicator key, year) and combined per key: what
    gaps.rows_for_plan judges, so that two agencies' records of one target are one figure."""
    plans = list(ds.plans.values()) if plans is None else plans
    scope = {p.id for p in plans}
    grouped: dict[tuple[str, str, int], list[Actual]] = defaultdict(list)
    keys = {(p.id, t.id): key_of(t) for p in plans for t in p.all_targets()}
    for rf in ds.results_for(scope):
        for plan_id, year, fig in rf.figures_for():
            if plan_id not in scope:
                continue
            grouped[(plan_id, keys.get((plan_id, fig.target), fig.target), year)].append(
                Actual(fig.value, source_text(fig), fig.status, fig.numerator, fig.denominator))
    out: ActualsIndex = {}
    for key, figs in grouped.items():
        plan = ds.plans.get(key[0])
        rate = bool(plan and any(key_of(t) == key[1] and t.measure == "rate" for t in plan.all_targets()))
        combined = combine(figs, rate)
        if combined is not None:
            out[key] = combined
    return out


def plans_for(ds: Dataset, year: int, plan_id: str | None = None, issuer: str | None = None) -> list[Plan]:
    """Plans in force in ``year`` (chosen on their summaries; only those are parsed)."""
    ids = [i.id for i in ds.registry.plan_index.values()
           if (year in i.years or year == i.vision) and (not plan_id or i.id == plan_id)
           and (not issuer or i.issuer == issuer)]
    plans = [ds.plans[i] for i in ids]
    return sorted(plans, key=lambda p: (p.issuer, p.id))


def gap_rows(ds: Dataset, year: int, plan_id: str | None = None, issuer: str | None = None) -> list[GapRow]:
    """The year's gap rows of the plans in force, in issuer and plan order: `gdnn gaps`, the report, the
    workbook and the site all print these rows."""
    plans = plans_for(ds, year, plan_id, issuer)
    idx = actuals_index(ds, plans)
    rows: list[GapRow] = []
    for plan in plans:
        rows.extend(rows_for_plan(plan, year, idx))
    return rows


# --------------------------------------------------------------------------- reporting and tasks


@dataclass
class ReporterStatus:
    """One agency's duty to report under one rule of a plan, and whether it did, on time: `gdnn status`,
    the report's Phụ lục and the reminder letter are built from these."""

    plan: str
    agency: str
    name: str
    to: str
    due: dt.date | None
    reported: dt.date | None
    state: str  # on_time | late | missing | not_due | no_deadline (reported; the plan set no date)
    illustrative: bool = False
    replaces: str | None = None  # the ceased agency whose duty this successor carries
    rule: int = 0  # index of the plan's reporting rule: an agency appears once per rule
    members: list[ReporterStatus] = field(default_factory=list)  # a group's members, when the registry lists them

    @property
    def answered(self) -> int:
        """How many of a group's members have reported (0 for a body that answers alone)."""
        return sum(1 for m in self.members if m.reported is not None)

    def to_json(self) -> dict:
        """The row as `gdnn status --format json` prints it, with a group's members and count."""
        out: dict[str, object] = {"plan": self.plan, "agency": self.agency, "name": self.name, "to": self.to,
               "due": self.due.isoformat() if self.due else None,
               "reported": self.reported.isoformat() if self.reported else None,
               "state": self.state, "illustrative": self.illustrative, "replaces": self.replaces, "rule": self.rule}
        if self.members:
            out["answered"] = self.answered
            out["expected"] = len(self.members)
            out["members"] = [m.to_json() for m in self.members]
        return out


@dataclass
class TaskStatus:
    """What one agency reported on one task of a plan in the year (status, account, date)."""

    plan: str
    task: str
    group: str
    agency: str
    name: str
    status: str
    account: str | None
    reported: dt.date | None
    illustrative: bool = False


@dataclass
class YearStatus:
    """The year's picture of who reported and what came in on the tasks, for `gdnn status` and the report."""

    reporters: list[ReporterStatus] = field(default_factory=list)
    tasks: list[TaskStatus] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)


@dataclass
class Handover:
    """A plan's standing agency (cơ quan thường trực) that ceased during the plan's period, and the
    successor that took over its duties: the reader of `gdnn status` must know who compiles reports."""

    plan: str
    agency: str
    name: str
    ceased: dt.date
    successor: str
    successor_name: str

    def to_json(self) -> dict:
        """The handover as `gdnn status --format json` prints it."""
        return {**self.__dict__, "ceased": self.ceased.isoformat()}


def handovers(ds: Dataset, plan: Plan) -> list[Handover]:
    """The plan's standing agency, when it ceased within the plan's period, with its successor."""
    standing = plan.standing_agency
    if not standing:
        return []
    agency = ds.registry.agencies.get(standing)
    if agency is None or agency.ceased is None:
        return []
    if not dt.date(plan.period.start, 1, 1) <= agency.ceased <= dt.date(plan.period.end, 12, 31):
        return []
    successor = ds.registry.successor_at(standing, agency.ceased)
    return [Handover(plan.id, standing, ds.registry.short_name(standing), agency.ceased, successor,
                     ds.registry.short_name(successor))]


def reported_dates(ds: Dataset, year: int) -> dict[tuple[str, str], tuple[dt.date, bool]]:
    """(plan, agency) → (report date, illustrative): when each agency reported in ``year``, as the status
    table and the reminder letter judge it. The agency's own report record decides; the date of a
    task-progress entry stands in only for an agency that sent no report record."""
    reports: dict[tuple[str, str], tuple[dt.date, bool]] = {}
    progress: dict[tuple[str, str], tuple[dt.date, bool]] = {}
    for rf in ds.results_for(year=year):
        dated = [(progress, p.plan or rf.plan, p.agency, p.reported, p.illustrative) for p in rf.progress]
        dated += [(reports, r.plan or rf.plan, r.agency, r.reported, r.illustrative) for r in rf.reports]
        for into, plan_id, agency, when, illus in dated:
            if plan_id is None or when is None:  # no plan to file it under; an undated progress entry
                continue
            key = (plan_id, agency)
            if key not in into or when < into[key][0]:
                into[key] = (when, illus)
    return {**progress, **reports}


def year_status(ds: Dataset, year: int, plan_id: str | None = None, issuer: str | None = None,
                today: dt.date | None = None) -> YearStatus:
    """Who had to report in ``year`` under each rule of the plans in force (successors standing in for
    ceased agencies, groups with their members), whether they did and on time, and the tasks' progress."""
    today = today or dt.date.today()
    reported = reported_dates(ds, year)
    ys = YearStatus()
    for plan in plans_for(ds, year, plan_id, issuer):
        ys.handovers.extend(handovers(ds, plan))
        seen: set[tuple[int, str]] = set()
        for n, rule in enumerate(plan.reporting):
            if not expected_in(rule, plan, year):
                continue
            due = rule.due_in(year)
            when_due = due or dt.date(year, 12, 31)
            to = ds.registry.successor_at(rule.to, when_due)
            for named in rule.reporters:
                agency = ds.registry.successor_at(named, when_due)
                if (n, agency) in seen or agency == to:
                    continue
                seen.add((n, agency))
                got = reported.get((plan.id, agency))
                members = [_one(ds, plan.id, m, to, due, reported.get((plan.id, m)), today, None, n)
                           for m in ds.registry.members(agency, when_due)]
                answers = [m.reported for m in members if m.reported is not None]
                if got is None and members and len(answers) == len(members):
                    got = (max(answers), any(m.illustrative for m in members))  # a group answers when all have
                row = _one(ds, plan.id, agency, to, due, got, today, named if named != agency else None, n)
                row.members = members
                ys.reporters.append(row)
        ys.tasks.extend(_task_rows(ds, plan, year))
    return ys


def _one(ds: Dataset, plan_id: str, agency: str, to: str, due: dt.date | None, got: tuple[dt.date, bool] | None,
         today: dt.date, replaces: str | None, rule: int = 0) -> ReporterStatus:
    """One agency under one rule: with no deadline a report is 'no_deadline', never 'on time'."""
    when = got[0] if got else None
    if when is None:
        state = "missing" if due is None or due < today else "not_due"
    elif due is None:
        state = "no_deadline"
    elif when <= due:
        state = "on_time"
    else:
        state = "late"
    return ReporterStatus(plan_id, agency, ds.registry.short_name(agency), to, due, when, state,
                          bool(got and got[1]), replaces, rule)


@dataclass
class Coverage:
    """How many members of a group answered for a plan: 'tổng hợp từ 118/126 xã, phường'."""

    plan: str
    group: str
    label: str  # 'xã, phường'
    answered: int
    expected: int
    missing: list[str]

    @property
    def text(self) -> str:
        """The report's wording (a document: always Vietnamese)."""
        return self.phrase("vi")

    def phrase(self, lang: str | None = None) -> str:
        """'compiled from 118/126 xã, phường' in ``lang`` (default: the user's language, for the terminal)."""
        return gettext_in(N_("compiled from {answered}/{expected} {label}"), lang) \
            .format(answered=self.answered, expected=self.expected, label=self.label)

    def to_json(self) -> dict:
        """The coverage as `--format json` prints it, with the members still missing."""
        return {"plan": self.plan, "group": self.group, "answered": self.answered, "expected": self.expected,
                "missing": self.missing, "text": self.text}


def group_label(ds: Dataset, group: str) -> str:
    """'UBND các xã, phường' → 'xã, phường'; 'Các cơ sở GDNN' → 'cơ sở GDNN'."""
    name = ds.registry.short_name(group)
    for prefix in ("UBND các ", "Ủy ban nhân dân các ", "Các ", "các "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def coverage(ds: Dataset, year: int, plan_id: str | None = None, issuer: str | None = None,
             status: YearStatus | None = None) -> list[Coverage]:
    """Per plan and group with listed members: how many answered. The report and gaps print it."""
    ys = status or year_status(ds, year, plan_id, issuer)
    out: dict[tuple[str, str], Coverage] = {}
    for r in ys.reporters:
        if not r.members or (r.plan, r.agency) in out:
            continue
        out[(r.plan, r.agency)] = Coverage(r.plan, r.agency, group_label(ds, r.agency), r.answered, len(r.members),
                                           [m.agency for m in r.members if m.reported is None])
    return list(out.values())


def coverage_by_plan(ds: Dataset, year: int, plan_id: str | None = None,
                     issuer: str | None = None) -> dict[str, list[Coverage]]:
    """Coverage grouped by plan, for the outputs that print it under each plan's rows."""
    out: dict[str, list[Coverage]] = {}
    for c in coverage(ds, year, plan_id, issuer):
        out.setdefault(c.plan, []).append(c)
    return out


def expected_in(rule: ReportingRule, plan: Plan, year: int) -> bool:
    """Is a report under this rule expected in ``year``? Ad-hoc reports never are; five- and ten-year
    reviews fall in the last year of each five or ten years of the period; a fixed date in its year."""
    if rule.frequency == "dot-xuat":
        return False
    if rule.due is not None:
        return rule.due.year == year
    step = {"5-nam": 5, "10-nam": 10}.get(rule.frequency)
    if step:
        return (year - plan.period.start + 1) % step == 0
    if rule.frequency == "mot-lan":
        return year == plan.period.end
    return True


def _task_rows(ds: Dataset, plan: Plan, year: int) -> list[TaskStatus]:
    groups: dict[str, str] = {}
    for g in plan.all_task_groups():
        groups[g.id] = g.id
        for t in g.tasks:
            if t.id:
                groups[t.id] = g.id
    rows = []
    for rf in ds.results_for({plan.id}, year=year):
        for p in rf.progress:
            if (p.plan or rf.plan) != plan.id:
                continue
            rows.append(TaskStatus(plan.id, p.task, groups.get(p.task, ""), p.agency, ds.registry.agency_name(p.agency),
                                   p.status, p.account, p.reported, p.illustrative))
    return rows
