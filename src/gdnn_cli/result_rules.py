"""Checks of result files against the plans they report on (cross-file, on summaries)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from .errors import Issue
from .index import PlanIndex, ResultIndex
from .numbers import fmt_number
from .rules import Registry


def _near(wrong: str, pool) -> str | None:
    close = difflib.get_close_matches(wrong, sorted(pool), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else None


def _plan(plan_id: str | None, explicit: bool, section: str, i: int, reg: Registry, file: str):
    loc = (section, i, "plan") if explicit else ("plan",)
    if plan_id is None:
        return None, Issue(file, "missing-plan", "no plan is named for this record", loc=loc,
                           hint="set 'plan:' at the top of the file or on the record")
    plan = reg.plan_index.get(plan_id)
    if plan is None:
        return None, Issue(file, "unknown-plan", f"plan '{plan_id}' does not exist", loc=loc,
                           hint=_near(plan_id, reg.plan_index) or "check data/plans/")
    return plan, None


def result_rules(ri: ResultIndex, file: str, reg: Registry) -> Iterator[Issue]:
    for i, plan_id, explicit, target, year, year_explicit, value, num, den, agency in ri.figures:
        loc = ("figures", i)
        plan, problem = _plan(plan_id, explicit, "figures", i, reg, file)
        if problem:
            yield problem
            continue
        yield from _figure(plan, loc, target, year, year_explicit, value, num, den, file)
        if agency:
            yield from _agency(agency, reg, file, loc + ("agency",))
    for i, plan_id, explicit, task, agency, reported in ri.progress:
        loc = ("progress", i)
        plan, problem = _plan(plan_id, explicit, "progress", i, reg, file)
        if problem:
            yield problem
            continue
        ids = plan.tasks | plan.groups
        if task not in ids:
            yield Issue(file, "unknown-task", f"plan {plan.id} has no task '{task}'", loc=loc + ("task",),
                        hint=_near(task, ids))
        yield from _agency(agency, reg, file, loc + ("agency",))
        if reported and reported < plan.earliest:
            yield Issue(file, "reported-before-issue", f"reported {reported} before the plan was issued",
                        loc=loc + ("reported",))
    for i, plan_id, explicit, agency in ri.reports:
        _, problem = _plan(plan_id, explicit, "reports", i, reg, file)
        if problem:
            yield problem
        yield from _agency(agency, reg, file, ("reports", i, "agency"))


def _figure(plan: PlanIndex, loc, target, year, year_explicit, value, num, den, file) -> Iterator[Issue]:
    measure = plan.targets.get(target)
    if measure is None:
        yield Issue(file, "unknown-target", f"plan {plan.id} has no target '{target}'",
                    loc=loc + ("target",), hint=_near(target, plan.targets))
        return
    if year > plan.end:  # years before the period are the series a plan starts from
        yield Issue(file, "year-outside-period", f"{year} lies outside the period of plan {plan.id} "
                    f"({plan.start}–{plan.end})", loc=loc + ("year",) if year_explicit else ("year",))
    if measure == "rate" and not 0 <= value <= 100:
        yield Issue(file, "rate-out-of-range", f"a rate must lie between 0 and 100%, not {fmt_number(value)}%",
                    loc=loc + ("value",))
    if num is not None and den:
        implied = num / den * (100 if measure in ("rate", "ratio") else 1)
        if abs(implied - value) > 0.05 + 1e-9:
            yield Issue(file, "rate-mismatch", f"{fmt_number(num)} / {fmt_number(den)} gives "
                        f"{fmt_number(implied, 2)}, not {fmt_number(value)}", loc=loc + ("value",))


def _agency(agency_id: str, reg: Registry, file: str, loc: tuple) -> Iterator[Issue]:
    if agency_id not in reg.agencies:
        near = reg.nearest_agency(agency_id)
        yield Issue(file, "unknown-agency", f"agency '{agency_id}' is not in data/agencies/", loc=loc,
                    hint=f"did you mean '{near}'?" if near else None)
