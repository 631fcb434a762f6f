"""One plan's own rules, beyond what a schema can express: sums, shares, dates, ids, the outline.

They need no other file, so they run once per file (in worker processes, or from the cache); checks
across files are in references.py and result_rules.py. Each rule yields Issues with a ``loc`` (path
inside the file); line and column are filled in later, and only for files that have issues, so valid
data is never slowed down by locating.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import _
from gdnn_cli.common.numbers import fmt_number, fmt_partial_date, fmt_short_date
from gdnn_cli.core import figures
from gdnn_cli.core.bases import base_rules
from gdnn_cli.core.funding import funding_rules
from gdnn_cli.core.models import Assignment, Block, Plan, Target, TaskGroup

EPS = 1e-6


# --------------------------------------------------------------------------- targets


def target_rules(plan: Plan, file: str) -> Iterator[Issue]:
    """The arithmetic of a plan's targets: units, ranges, rates, years, and breakdowns that add up."""
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
        yield Issue(file, "range-inverted", _("the range is inverted: min {min} > max {max}").format(
                        min=fmt_number(t.min), max=fmt_number(t.max)),
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
        yield Issue(file, "breakdown-unit",
                    _("parts of '{id}' must be in its unit '{unit}'").format(id=t.id, unit=t.unit),
                    loc=loc + ("parts",))
        return
    off = parts_off(t)
    if off is None:
        return
    terms, total = " + ".join(fmt_number(v) for v in off.values), fmt_number(off.total)
    if not off.outside_range:
        yield Issue(file, "breakdown-sum", _("{terms} = {total}, not {value}").format(
                        terms=terms, total=total, value=fmt_number(t.value)),
                    loc=loc + ("parts",), hint=_("correct a part or the total so that the parts add up"))
    else:
        yield Issue(file, "breakdown-sum", _("{terms} = {total}, outside the range of the total").format(
                        terms=terms, total=total),
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
    """Everything one plan file must satisfy on its own, before any other file is read: its targets,
    bases, budget, ids, deadlines, outline and the figures its sentences type."""
    yield from target_rules(plan, file)
    yield from base_rules(plan, file)
    yield from funding_rules(plan, file)
    earliest = plan.date.earliest()
    task_ids: set[str] = set()
    group_ids: set[str] = set()
    for path, group in _groups(plan):
        if group.id in group_ids:
            yield Issue(file, "duplicate-task-group-id", _("task group id '{id}' is used twice").format(id=group.id),
                        loc=path + ("id",))
        group_ids.add(group.id)
        for k, task in enumerate(group.tasks):
            tloc = path + ("tasks", k)
            if task.id:
                if task.id in task_ids:
                    yield Issue(file, "duplicate-task-id", _("task id '{id}' is used twice").format(id=task.id),
                                loc=tloc + ("id",))
                task_ids.add(task.id)
            if task.deadline and task.deadline < earliest:
                yield _early(file, task.deadline, plan, tloc + ("deadline",))
    for a_loc, a in _assignments(plan):
        for d, duty in enumerate(a.duties):
            if duty.task and duty.task not in task_ids:
                yield Issue(file, "unknown-task",
                            _("duty refers to task '{task}', which this plan does not have").format(task=duty.task),
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
                unknown = (_("'{ref}' is not a target id of this plan") if block.include == "targets"
                           else _("'{ref}' is not a task group id of this plan"))
                yield Issue(file, "unknown-id", unknown.format(ref=ref),
                            loc=b_loc + ("only", j), hint=near_hint(ref, pool))
    yield from _not_rendered(plan, file)
    yield from figures.check(plan, file)


def _early(file: str, when: dt.date, plan: Plan, loc: tuple) -> Issue:
    d = plan.date
    return Issue(file, "deadline-before-issue",
                 _("deadline {deadline} is before the plan was issued ({issued})").format(
                     deadline=fmt_short_date(when), issued=fmt_partial_date(d.year, d.month, d.day)),
                 loc=loc, hint=_("a deadline must fall on or after the issue date"))


def near_hint(wrong: str, pool: Iterable[str]) -> str | None:
    """The hint under an unknown id: the one nearest id of ``pool``, or None when none is close.

    Plans and result files name tasks, targets and plans by id; every such check offers the same hint.
    """
    close = difflib.get_close_matches(wrong, sorted(pool), n=1, cutoff=0.5)
    return _("did you mean '{name}'?").format(name=close[0]) if close else None


def _tree(plan: Plan, top: str, children: str) -> Iterator[tuple[tuple, Any]]:
    """Depth-first (path, item) over a nested collection: task groups, assignments, outline blocks."""
    stack: list[tuple[tuple, Any]] = [((top, i), x) for i, x in reversed(list(enumerate(getattr(plan, top))))]
    while stack:
        path, item = stack.pop()
        yield path, item
        stack.extend((path + (children, j), c) for j, c in reversed(list(enumerate(getattr(item, children)))))


def _groups(plan: Plan) -> Iterator[tuple[tuple, TaskGroup]]:
    return _tree(plan, "task_groups", "groups")


def _assignments(plan: Plan) -> Iterator[tuple[tuple, Assignment]]:
    return _tree(plan, "assignments", "units")


def _blocks(plan: Plan) -> Iterator[tuple[tuple, Block]]:
    return _tree(plan, "sections", "blocks")


def _not_rendered(plan: Plan, file: str) -> Iterator[Issue]:
    included = {b.include for _path, b in _blocks(plan) if b.include}
    for key in ("targets", "task_groups", "funding", "assignments"):
        if getattr(plan, key) and key not in included:
            yield Issue(file, "not-rendered",
                        _("'{key}' is never included in 'sections', so the document will not show it").format(key=key),
                        severity="warning", loc=("sections",),
                        hint=_("add a block with 'include: {key}'").format(key=key))


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
