"""Who must report what in a year: bodies, the targets they report on, their tasks, the deadline.

Derived from the data only — the plans' reporting rules (which bodies report to the plan's standing
agency, by when), their assignments and key tasks (which tasks are each body's), and the registry
(successors in place of ceased agencies, members in place of a group that lists them). The same
derivation drives ``gdnn forms``, the import check in ``gdnn collect`` and ``gdnn remind``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from gdnn_cli.core.figures import fill
from gdnn_cli.core.models import Plan, Target
from gdnn_cli.tracking.gaps import ahead, in_force
from gdnn_cli.tracking.status import expected_in, plans_for

FORM_VERSION = "1"


@dataclass(frozen=True)
class TargetAsk:
    """One row of the targets sheet: a target the body reports its own figure for."""

    plan: str
    target: str
    name: str
    unit: str
    measure: str  # count | rate
    planned: str  # the plan's figure as the plan prints it
    year: int


@dataclass(frozen=True)
class TaskAsk:
    """One row of the tasks sheet: a task the body reports its progress on."""

    plan: str
    task: str
    text: str


@dataclass
class PlanAsk:
    """What one plan asks of one body: whom it reports to, by when, which targets and tasks."""

    plan: Plan
    to: str  # the body that collects (the plan's standing agency, or its successor)
    due: dt.date | None
    targets: list[TargetAsk] = field(default_factory=list)
    tasks: list[TaskAsk] = field(default_factory=list)


@dataclass
class BodyAsk:
    """Everything one body is asked for in ``year``: one form."""

    body: str
    name: str
    year: int
    group: str | None = None  # the group it was asked through (hn-ubnd-xa), when a member
    plans: list[PlanAsk] = field(default_factory=list)

    @property
    def checksum(self) -> str:
        """A digest of what the form asks: a form whose rows were altered no longer matches it."""
        asked = [[p.plan.id, p.to, p.due.isoformat() if p.due else None,
                  [[t.target, t.measure, t.unit] for t in p.targets], [t.task for t in p.tasks]] for p in self.plans]
        raw = json.dumps([FORM_VERSION, self.body, self.year, asked], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]

    @property
    def due(self) -> dt.date | None:
        """The earliest deadline of the body's plans: the form is late after it."""
        dues = [p.due for p in self.plans if p.due]
        return min(dues) if dues else None


def collector(plan: Plan, reg, when: dt.date) -> str | None:
    """The body that compiles the reports of a plan: its standing agency, or that agency's successor."""
    return reg.successor_at(plan.standing_agency, when) if plan.standing_agency else None


def asks_for(ds, year: int, plan_id: str | None = None, agency: str | None = None) -> list[BodyAsk]:
    """One BodyAsk per body that must report in ``year`` on a plan in force, sorted by body id.

    A rule counts when a report under it is expected in ``year`` and it goes to the plan's collector;
    among several such rules of one plan (a half-year and a year-end report) the latest date wins,
    since the December form is the year-end report. ``agency`` keeps one body, or a group's members."""
    reg = ds.registry
    bodies: dict[str, BodyAsk] = {}
    for plan in plans_for(ds, year, plan_id):
        for body, group, named, to, due in _reporters(plan, reg, year):
            ask = bodies.setdefault(body, BodyAsk(body, reg.agency_name(body), year, group))
            current = next((p for p in ask.plans if p.plan.id == plan.id), None)
            if current is None:
                current = PlanAsk(plan, to, due, _targets(plan, year), [])
                ask.plans.append(current)
            elif due and (current.due is None or due > current.due):
                current.due = due
            known = {t.task for t in current.tasks}
            current.tasks.extend(t for t in _tasks(plan, {body, group, named} - {None}) if t.task not in known)
    out = sorted(bodies.values(), key=lambda b: b.body)
    if agency:
        out = [b for b in out if b.body == agency or b.group == agency]
    for b in out:
        b.plans.sort(key=lambda p: p.plan.id)
    return out


YEAR_END = ("hang-nam", "5-nam", "10-nam", "mot-lan")


def _reporters(plan: Plan, reg, year: int):
    rules = [r for r in plan.reporting if expected_in(r, plan, year)]
    if any(r.frequency in YEAR_END for r in rules):
        rules = [r for r in rules if r.frequency in YEAR_END]  # a half-year or quarterly report is another form
    for rule in rules:
        due = rule.due_in(year)
        when = due or dt.date(year, 12, 31)
        to = reg.successor_at(rule.to, when)
        wanted = collector(plan, reg, when)
        if wanted is not None and to != wanted:
            continue  # reports to the issuer or a ministry: written with `gdnn report`, not a form
        for named in rule.reporters:
            agency = reg.successor_at(named, when)
            if agency == to:
                continue
            members = reg.members(agency, when)
            for body in members or [agency]:
                yield body, agency if members else None, named, to, due


def _asked(t: Target) -> list[Target]:
    """The targets a body reports its own figure for: those whose actual the plan says is the sum of
    agencies' figures (``sum_of_agencies``; a rate then re-aggregates from numerators and
    denominators). A city-wide figure — one rate from the statistics office — is not asked of every
    body. A count with a breakdown is asked by its parts, its whole being their sum."""
    if t.parts and t.measure == "count":
        rows = [x for p in t.parts for x in _asked(p)]
    else:
        rows = ([t] if t.sum_of_agencies else []) + [x for p in t.parts for x in _asked(p)]
    return rows + [x for s in t.shares for x in _asked(s)]


def _targets(plan: Plan, year: int) -> list[TargetAsk]:
    from gdnn_cli.documents.plan_doc import target_value_text
    from gdnn_cli.tracking.gaps import key_of

    out = []
    seen: set[str] = set()
    tops = [t for t in plan.targets if in_force(t, plan, year)] + [t for t in plan.targets if ahead(t, plan, year)]
    for top in tops:
        for t in _asked(top):
            if key_of(t) in seen:
                continue  # one indicator at two milestones (2025, 2030) is asked once
            seen.add(key_of(t))
            out.append(TargetAsk(plan.id, t.id, t.name, t.unit, t.measure, target_value_text(t),
                                 t.year if isinstance(t.year, int) else year))
    return out


def _tasks(plan: Plan, who: set[str]) -> list[TaskAsk]:
    """Tasks named in the duties of an assignment to one of ``who``, then key tasks they lead or join."""
    texts = {}
    for g in plan.all_task_groups():
        texts[g.id] = g.title
        texts.update({t.id: fill(t.text, plan) or t.text for t in g.tasks if t.id})
    ids: list[str] = []

    def walk(assignments):
        for a in assignments:
            if who & set(a.agencies):
                ids.extend(d.task for d in a.duties if d.task)
            walk(a.units)

    walk(plan.assignments)
    for g in plan.all_task_groups():
        ids.extend(t.id for t in g.tasks if t.id and (t.lead in who or who & set(t.partners)))
    return [TaskAsk(plan.id, i, texts[i]) for i in dict.fromkeys(ids) if i in texts]
