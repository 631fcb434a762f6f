"""Domain rules that a schema cannot express: sums, shares, dates, references across files.

Each rule yields Issues with a ``loc`` (path inside the file); line and column are filled in later,
and only for files that have issues, so valid data is never slowed down by locating.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from gdnn_cli.core.bases import base_rules, issuer_rules
from gdnn_cli.core import figures
from gdnn_cli.common.errors import Issue
from gdnn_cli.core.funding import funding_rules
from gdnn_cli.common.i18n import _, ngettext
from gdnn_cli.core.models import Agency, Plan, Target
from gdnn_cli.common.numbers import fmt_number, fmt_partial_date, fmt_short_date

EPS = 1e-6


@dataclass
class Registry:
    """Everything that files may refer to across file boundaries."""

    agencies: dict[str, Agency] = field(default_factory=dict)
    agency_files: dict[str, str] = field(default_factory=dict)
    plan_index: dict = field(default_factory=dict)  # plan id → index.PlanIndex
    plan_files: dict[str, str] = field(default_factory=dict)
    plans: Mapping[str, Plan] = field(default_factory=dict)  # full models, loaded on first use
    invalid_plans: set[str] = field(default_factory=set)  # ids of plan files with errors of their own

    def nearest_agency(self, wrong: str) -> str | None:
        close = difflib.get_close_matches(wrong, list(self.agencies), n=1, cutoff=0.5)
        return close[0] if close else None

    def agency_hint(self, wrong: str, issuer: str | None = None) -> str:
        """What to write instead of an unknown agency id: the id of the agency so named, or the
        nearest id; never 'add it' when the agency exists under another spelling."""
        from gdnn_cli.core.agency_names import unknown_agency_hint

        return unknown_agency_hint(self.agencies, wrong, issuer)

    def successor_at(self, agency_id: str, when) -> str:
        """The agency that does this agency's work on ``when``: follow first successors past cease dates."""
        seen = set()
        current = agency_id
        while current not in seen:
            seen.add(current)
            a = self.agencies.get(current)
            if a is None or a.ceased is None or when < a.ceased or not a.successors:
                return current
            current = a.successors[0].id
        return current

    def members(self, group_id: str, when=None) -> list[str]:
        """The bodies that list ``group_id`` in ``member_of`` (alive on ``when`` when given), by id.
        Empty for a group whose members the registry does not list: it is then asked as one body."""
        index = self.__dict__.get("_members")
        if index is None:
            index = {}
            for a in self.agencies.values():
                for g in a.member_of:
                    index.setdefault(g, []).append(a.id)
            for ids in index.values():
                ids.sort()
            self.__dict__["_members"] = index
        ids = index.get(group_id, [])
        if when is None:
            return list(ids)
        return [i for i in ids if _alive(self.agencies[i], when)]

    def short_name(self, agency_id: str) -> str:
        a = self.agencies.get(agency_id)
        return (a.short or a.name) if a else agency_id

    def agency_name(self, agency_id: str) -> str:
        a = self.agencies.get(agency_id)
        return a.name if a else agency_id


def _alive(agency: Agency, when) -> bool:
    return (agency.started is None or agency.started <= when) and (agency.ceased is None or when < agency.ceased)


# --------------------------------------------------------------------------- targets


def target_rules(plan: Plan, file: str) -> Iterator[Issue]:
    seen: set[str] = set()
    for i, target in enumerate(plan.targets):
        yield from _target_tree(plan, file, target, ("targets", i), seen)


def _target_tree(plan: Plan, file: str, t: Target, loc: tuple, seen: set[str]) -> Iterator[Issue]:
    if t.id in seen:
        yield Issue(file, "duplicate-target-id", _("target id '{id}' is used twice in this plan").format(id=t.id),
                    loc=loc + ("id",), hint=_("give each target its own id"))
    seen.add(t.id)
    yield from _one_target(plan, file, t, loc)
    if t.parts:
        yield from _breakdown(file, t, loc)
    for j, share in enumerate(t.shares):
        yield from _share(file, t, share, loc + ("shares", j))
    for key in ("parts", "shares"):
        for j, child in enumerate(getattr(t, key)):
            yield from _target_tree(plan, file, child, loc + (key, j), seen)


def _one_target(plan: Plan, file: str, t: Target, loc: tuple) -> Iterator[Issue]:
    if (t.unit.strip() == "%") != (t.measure == "rate"):
        yield Issue(file, "unit-measure-mismatch",
                    _("unit '{unit}' does not fit measure '{measure}': a rate is in %, a count is not").format(
                        unit=t.unit, measure=t.measure),
                    loc=loc + ("measure",), hint=_("use measure: rate with unit: '%', or measure: count"))
    if t.min is not None and t.max is not None and t.min > t.max:
        yield Issue(file, "range-inverted", _("the range is inverted: min {min} > max {max}").format(min=fmt_number(t.min), max=fmt_number(t.max)),
                    loc=loc + ("min",), hint=_("swap min and max"))
    if t.measure == "rate":
        for key in ("value", "min", "max"):
            v = getattr(t, key)
            if v is not None and not 0 <= v <= (float("inf") if t.base else 100):  # a ratio to a base may pass 100
                yield Issue(file, "rate-out-of-range",
                            _("a rate must lie between 0 and 100%, not {value}%").format(value=fmt_number(v)),
                            loc=loc + (key,))
    if isinstance(t.year, int) and t.year not in plan.period.years and t.year != plan.period.vision:
        yield Issue(file, "year-outside-period",
                    _("target year {year} lies outside the plan's period {period}").format(
                        year=t.year, period=period_text(plan.period.start, plan.period.end)),
                    loc=loc + ("year",), hint=_("correct the year, or widen 'period'") if t.year > plan.period.end
                    else _("correct the year, or widen 'period'; a starting figure from before the period goes in "
                           "'baseline' and 'baseline_year'"))
    if t.baseline_year is not None and t.baseline_year > plan.period.start:
        yield Issue(file, "baseline-after-start",
                    _("baseline year {year} is after the start of the period ({start})").format(
                        year=t.baseline_year, start=plan.period.start),
                    loc=loc + ("baseline_year",), hint=_("a baseline is the figure the plan starts from"))


def amount(value: float, unit: str) -> str:
    """'80%', '1.000 người': a figure with its unit as Vietnamese text writes it."""
    unit = unit.strip()
    return fmt_number(value) + (unit if unit == "%" else f" {unit}")


def period_text(start: int, end: int) -> str:
    """'2025' for a one-year plan, '2021–2025' otherwise."""
    return str(start) if start == end else f"{start}–{end}"


@dataclass(frozen=True)
class PartsOff:
    """Parts of a target that do not add up to it: `gdnn validate` reports it, `gdnn diff` shows it appear."""

    values: list[float]
    total: float
    outside_range: bool  # True: the target is a range the sum falls outside; False: the sum is not its value


def parts_off(t: Target) -> PartsOff | None:
    """Whether the parts of ``t`` miss its value or range; None when they add up or cannot be added.

    A rate's parts are sub-rates of different populations, and a part without a value or in another unit
    adds nothing, so those are never off.
    """
    values = [p.value for p in t.parts]
    if not t.parts or t.measure == "rate" or any(p.unit != t.unit for p in t.parts):
        return None
    known = [v for v in values if v is not None]
    if len(known) < len(values):
        return None
    total = sum(known)
    if t.value is not None:
        return PartsOff(known, total, False) if abs(total - t.value) > EPS else None
    if (t.min is not None and total < t.min - EPS) or (t.max is not None and total > t.max + EPS):
        return PartsOff(known, total, True)
    return None


def _breakdown(file: str, t: Target, loc: tuple) -> Iterator[Issue]:
    if any(p.unit != t.unit for p in t.parts):
        yield Issue(file, "breakdown-unit", _("parts of '{id}' must be in its unit '{unit}'").format(id=t.id, unit=t.unit),
                    loc=loc + ("parts",))
        return
    off = parts_off(t)
    if off is None:
        return
    terms, total = " + ".join(fmt_number(v) for v in off.values), fmt_number(off.total)
    if not off.outside_range:
        yield Issue(file, "breakdown-sum", _("{terms} = {total}, not {value}").format(terms=terms, total=total, value=fmt_number(t.value)),
                    loc=loc + ("parts",), hint=_("correct a part or the total so that the parts add up"))
    else:
        yield Issue(file, "breakdown-sum", _("{terms} = {total}, outside the range of the total").format(terms=terms, total=total),
                    loc=loc + ("parts",))


def _share(file: str, parent: Target, share: Target, loc: tuple) -> Iterator[Issue]:
    top = parent.value if parent.value is not None else parent.max
    mine = share.value if share.value is not None else share.min
    if top is None or mine is None:
        return
    if share.unit == parent.unit and mine > top + EPS:
        yield Issue(file, "share-exceeds-total",
                    _("'trong đó' {share} is more than the {total} it belongs to").format(
                        share=amount(mine, share.unit), total=amount(top, parent.unit)),
                    loc=loc + ("value" if share.value is not None else "min",),
                    hint=_("a share can never exceed the figure it is part of"))


# --------------------------------------------------------------------------- dates and ids


def plan_rules(plan: Plan, file: str) -> Iterator[Issue]:
    yield from target_rules(plan, file)
    yield from base_rules(plan, file)
    yield from funding_rules(plan, file)
    earliest = plan.date.earliest()
    task_ids: set[str] = set()
    group_ids: set[str] = set()
    for path, group in _groups(plan):
        if group.id in group_ids:
            yield Issue(file, "duplicate-task-group-id", _("task group id '{id}' is used twice").format(id=group.id), loc=path + ("id",))
        group_ids.add(group.id)
        for k, task in enumerate(group.tasks):
            tloc = path + ("tasks", k)
            if task.id:
                if task.id in task_ids:
                    yield Issue(file, "duplicate-task-id", _("task id '{id}' is used twice").format(id=task.id), loc=tloc + ("id",))
                task_ids.add(task.id)
            if task.deadline and task.deadline < earliest:
                yield _early(file, task.deadline, plan, tloc + ("deadline",))
    for a_loc, a in _assignments(plan):
        for d, duty in enumerate(a.duties):
            if duty.task and duty.task not in task_ids:
                yield Issue(file, "unknown-task", _("duty refers to task '{task}', which this plan does not have").format(task=duty.task),
                            loc=a_loc + ("duties", d, "task"), hint=near_hint(duty.task, task_ids))
            if duty.deadline and duty.deadline < earliest:
                yield _early(file, duty.deadline, plan, a_loc + ("duties", d, "deadline"))
    for r, rule in enumerate(plan.reporting):
        if rule.due and rule.due < earliest:
            yield _early(file, rule.due, plan, ("reporting", r, "due"))
    target_ids = {t.id for t in plan.all_targets()}
    for b_loc, block in _blocks(plan):
        pool = target_ids if block.include == "targets" else group_ids if block.include == "task_groups" else None
        for j, ref in enumerate(block.only):
            if pool is None:
                yield Issue(file, "only-without-include", _("'only' needs include: targets or include: task_groups"),
                            loc=b_loc + ("only", j))
            elif ref not in pool:
                yield Issue(file, "unknown-id", (_("'{ref}' is not a target id of this plan") if block.include == "targets"
                             else _("'{ref}' is not a task group id of this plan")).format(ref=ref),
                            loc=b_loc + ("only", j), hint=near_hint(ref, pool))
    yield from _not_rendered(plan, file)
    yield from figures.check(plan, file)


def _early(file: str, when: dt.date, plan: Plan, loc: tuple) -> Issue:
    return Issue(file, "deadline-before-issue",
                 _("deadline {deadline} is before the plan was issued ({issued})").format(
                     deadline=fmt_short_date(when),
                     issued=fmt_partial_date(plan.date.year, plan.date.month, plan.date.day)),
                 loc=loc, hint=_("a deadline must fall on or after the issue date"))


def near_hint(wrong: str, pool) -> str | None:
    """The hint under an unknown id: the one nearest id of ``pool``, or None when none is close.

    Plans and result files name tasks, targets and plans by id; every such check offers the same hint.
    """
    close = difflib.get_close_matches(wrong, sorted(pool), n=1, cutoff=0.5)
    return _("did you mean '{name}'?").format(name=close[0]) if close else None


def _tree(plan: Plan, top: str, children: str):
    """Depth-first (path, item) over a nested collection: task groups, assignments, outline blocks."""
    stack = [((top, i), x) for i, x in reversed(list(enumerate(getattr(plan, top))))]
    while stack:
        path, item = stack.pop()
        yield path, item
        stack.extend((path + (children, j), c) for j, c in reversed(list(enumerate(getattr(item, children)))))


def _groups(plan: Plan):
    return _tree(plan, "task_groups", "groups")


def _assignments(plan: Plan):
    return _tree(plan, "assignments", "units")


def _blocks(plan: Plan):
    return _tree(plan, "sections", "blocks")


def _not_rendered(plan: Plan, file: str) -> Iterator[Issue]:
    included = {b.include for _path, b in _blocks(plan) if b.include}
    for key in ("targets", "task_groups", "funding", "assignments"):
        if getattr(plan, key) and key not in included:
            yield Issue(file, "not-rendered", _("'{key}' is never included in 'sections', so the document will not show it").format(key=key),
                        severity="warning", loc=("sections",), hint=_("add a block with 'include: {key}'").format(key=key))


# --------------------------------------------------------------------------- references across files


def agency_refs(plan: Plan) -> Iterator[tuple[tuple, str]]:
    """Every place in a plan that names an agency, with its loc."""
    yield ("issuer",), plan.issuer
    if plan.standing_agency:
        yield ("standing_agency",), plan.standing_agency
    for path, group in _groups(plan):
        for k, task in enumerate(group.tasks):
            if task.lead:
                yield path + ("tasks", k, "lead"), task.lead
            for p, partner in enumerate(task.partners):
                yield path + ("tasks", k, "partners", p), partner
    for path, a in _assignments(plan):
        for j, agency in enumerate(a.agencies):
            yield path + ("agencies", j), agency
    for r, rule in enumerate(plan.reporting):
        for j, agency in enumerate(rule.reporters):
            yield ("reporting", r, "reporters", j), agency
        yield ("reporting", r, "to"), rule.to


def reference_rules(plan, file: str, reg: Registry) -> Iterator[Issue]:
    """Agency references of one plan (given as its PlanIndex) against the registry."""
    issued = plan.earliest
    warned: set[str] = set()
    for loc, agency_id in plan.refs:
        agency = reg.agencies.get(agency_id)
        if agency is None:
            yield Issue(file, "unknown-agency", _("agency '{id}' is not in data/agencies/").format(id=agency_id),
                        loc=loc, hint=reg.agency_hint(agency_id, plan.issuer))
            continue
        if agency.ceased and agency.ceased <= issued and agency_id not in warned and loc[0] != "issuer":
            warned.add(agency_id)  # an error: the plan was written after the agency was gone
            yield Issue(file, "agency-ceased", _("{name} ceased on {ceased}, on or before the day this plan was issued "
                                                 "({issued}), but the plan still gives it work or reports").format(
                            name=agency.name, ceased=fmt_short_date(agency.ceased), issued=plan.date_text),
                        loc=loc, hint=_successors(agency, reg, fix=True))
    yield from issuer_rules(plan.bases, file, reg)
    for r, to, due, reporters in plan.reporting:
        target = reg.agencies.get(to)
        if target and target.ceased and due and due >= target.ceased and to not in warned:
            warned.add(to)
            yield Issue(file, "reports-to-ceased-agency",
                        _("reports are due to {name} on {due}, but it ceased on {ceased}").format(
                            name=target.name, due=fmt_short_date(due), ceased=fmt_short_date(target.ceased)),
                        severity="warning", loc=("reporting", r, "to"), hint=_successors(target, reg))
        for j, rid in enumerate(reporters):
            reporter = reg.agencies.get(rid)
            if reporter and reporter.ceased and due and due >= reporter.ceased and rid not in warned:
                warned.add(rid)
                yield Issue(file, "report-from-ceased-agency",
                            _("{name} must report by {due}, but it ceased on {ceased}").format(
                                name=reporter.name, due=fmt_short_date(due), ceased=fmt_short_date(reporter.ceased)),
                            severity="warning", loc=("reporting", r, "reporters", j), hint=_successors(reporter, reg))


def _successors(agency: Agency, reg: Registry, fix: bool = False) -> str:
    if not agency.successors:
        return _("no successor is recorded; check data/agencies/")
    names = "; ".join(reg.agency_name(s.id) + (f" ({s.scope})" if s.scope else "") for s in agency.successors)
    if fix:
        return _("name its successor instead ({ids}): {names}").format(
            ids=", ".join(s.id for s in agency.successors), names=names)
    return ngettext("successor: {names}", "successors: {names}", len(agency.successors)).format(names=names)


def agency_rules(agency: Agency, loc: tuple, file: str, reg: Registry) -> Iterator[Issue]:
    refs = [("parent", agency.parent)] + [(("successors", j, "id"), s.id) for j, s in enumerate(agency.successors)]
    refs += [(("member_of", j), g) for j, g in enumerate(agency.member_of)]
    for key, ref in refs:
        if ref and ref not in reg.agencies:
            yield Issue(file, "unknown-agency", _("agency '{id}' is not in data/agencies/").format(id=ref),
                        loc=loc + (key if isinstance(key, tuple) else (key,)), hint=reg.agency_hint(ref, agency.id))
    for j, g in enumerate(agency.member_of):
        group = reg.agencies.get(g)
        if group is not None and group.kind != "nhom":
            yield Issue(file, "member-of-non-group", _("'{id}' is not a group (kind nhom) but {kind}").format(
                id=g, kind=group.kind), loc=loc + ("member_of", j), hint=_("member_of names groups such as hn-ubnd-xa"))
    if agency.started and agency.ceased and agency.ceased < agency.started:
        yield Issue(file, "ceased-before-started", _("ceased {ceased} is before started {started}").format(ceased=agency.ceased, started=agency.started),
                    loc=loc + ("ceased",))
    if agency.ceased and not agency.sources:
        yield Issue(file, "unsourced-date", _("the date {name} ceased has no source").format(name=agency.name),
                    severity="warning", loc=loc + ("ceased",), hint=_("add sources: [{title: …, url: …}]"))
