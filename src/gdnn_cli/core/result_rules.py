"""Checks of result files against the plans they report on (cross-file, on summaries)."""

from __future__ import annotations

from collections.abc import Iterator

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import _
from gdnn_cli.common.numbers import fmt_number, fmt_short_date
from gdnn_cli.core.index import PlanIndex, ResultIndex
from gdnn_cli.core.registry import Registry
from gdnn_cli.core.rules import near_hint, period_text


def _plan(plan_id: str | None, explicit: bool, section: str, i: int, reg: Registry, file: str):
    loc = (section, i, "plan") if explicit else ("plan",)
    if plan_id is None:
        return None, Issue(file, "missing-plan", _("no plan is named for this record"), loc=loc,
                           hint=_("set 'plan:' at the top of the file or on the record"))
    plan = reg.plan_index.get(plan_id)
    if plan is None and plan_id in reg.invalid_plans:
        return None, None  # the plan's own errors are reported; one mistake, one message
    if plan is None:
        return None, Issue(file, "unknown-plan", _("plan '{plan}' does not exist").format(plan=plan_id), loc=loc,
                           hint=near_hint(plan_id, reg.plan_index) or _("check the plan ids in data/plans/"))
    return plan, None


def result_rules(ri: ResultIndex, file: str, reg: Registry) -> Iterator[Issue]:
    """One result file's records against the plans and agencies they name: ids exist, years and rates fit."""
    for i, plan_id, explicit, target, year, year_explicit, value, num, den, agency in ri.figures:
        loc = ("figures", i)
        plan, problem = _plan(plan_id, explicit, "figures", i, reg, file)
        if problem:
            yield problem
        if plan is None:
            continue
        yield from _figure(plan, loc, target, year, year_explicit, value, num, den, file)
        if agency:
            yield from _agency(agency, reg, file, loc + ("agency",), plan.issuer)
    for i, plan_id, explicit, task, agency, reported in ri.progress:
        loc = ("progress", i)
        plan, problem = _plan(plan_id, explicit, "progress", i, reg, file)
        if problem:
            yield problem
        if plan is None:
            continue
        ids = plan.tasks | plan.groups
        if task not in ids:
            yield Issue(file, "unknown-task", _("plan {plan} has no task '{task}'").format(plan=plan.id, task=task),
                        loc=loc + ("task",), hint=near_hint(task, ids))
        yield from _agency(agency, reg, file, loc + ("agency",), plan.issuer)
        if reported and reported < plan.earliest:
            yield Issue(file, "reported-before-issue",
                        _("reported {date} before the plan was issued").format(date=fmt_short_date(reported)),
                        loc=loc + ("reported",))
    for i, plan_id, explicit, agency in ri.reports:
        found, problem = _plan(plan_id, explicit, "reports", i, reg, file)
        if problem:
            yield problem
        yield from _agency(agency, reg, file, ("reports", i, "agency"), found.issuer if found else None)


def _figure(plan: PlanIndex, loc, target, year, year_explicit, value, num, den, file) -> Iterator[Issue]:
    measure = plan.targets.get(target)
    if measure is None:
        yield Issue(file, "unknown-target",
                    _("plan {plan} has no target '{target}'").format(plan=plan.id, target=target),
                    loc=loc + ("target",), hint=near_hint(target, plan.targets))
        return
    if year > plan.end:  # years before the period are the series a plan starts from
        yield Issue(file, "year-outside-period", _("{year} lies outside the period of plan {plan} ({period})").format(
                        year=year, plan=plan.id, period=period_text(plan.start, plan.end)),
                    loc=loc + ("year",) if year_explicit else ("year",))
    if measure == "rate" and not 0 <= value <= 100:
        yield Issue(file, "rate-out-of-range",
                    _("a rate must lie between 0 and 100%, not {value}%").format(value=fmt_number(value)),
                    loc=loc + ("value",))
    if num is not None and den:
        implied = num / den * (100 if measure in ("rate", "ratio") else 1)
        if abs(implied - value) > 0.05 + 1e-9:
            yield Issue(file, "rate-mismatch", _("{numerator} / {denominator} gives {implied}, not {value}").format(
                            numerator=fmt_number(num), denominator=fmt_number(den), implied=fmt_number(implied, 2),
                            value=fmt_number(value)), loc=loc + ("value",))


def _agency(agency_id: str, reg: Registry, file: str, loc: tuple, issuer: str | None = None) -> Iterator[Issue]:
    if agency_id not in reg.agencies:
        yield Issue(file, "unknown-agency", _("agency '{id}' is not in data/agencies/").format(id=agency_id),
                    loc=loc, hint=reg.agency_hint(agency_id, issuer))


def duplicate_figures(results: list[tuple[str, ResultIndex]], reg: Registry) -> Iterator[Issue]:
    """Across all result files: a target's figure for one year and one agency (or one scope, when no
    agency is named) is given once; figures of different agencies add up only for a target the plan
    marks ``sum_of_agencies``. Silently summing a figure entered twice turned 129,1% into "Vượt"."""
    first: dict[tuple, tuple[str, int, str | None]] = {}
    for file, ri in results:
        for i, plan_id, _explicit, target, year, _ye, _value, _num, _den, agency in ri.figures:
            plan = reg.plan_index.get(plan_id)
            if plan is None or target not in plan.targets:
                continue  # reported by result_rules
            key = plan.keys.get(target, target)
            here = (file, i, agency)
            same = first.setdefault((plan_id, key, year, agency), here)
            if same is not here:
                yield Issue(file, "duplicate-figure", _("a figure for '{target}' in {year}{by} is already given at "
                            "{place}; it would be counted twice").format(
                                target=key, year=year, by=_(" from {agency}").format(agency=agency) if agency else "",
                                place=f"{same[0]} figures[{same[1]}]"),
                            loc=("figures", i), hint=_("keep one of the two figures"))
                continue
            other = first.setdefault((plan_id, key, year, "*"), here)
            if other is not here and key not in plan.summed:
                yield Issue(file, "figures-not-summable", _("'{target}' in {year} already has a figure from {other} "
                            "at {place}; the plan does not say this target is a sum of agencies' figures").format(
                                target=key, year=year, other=other[2] or _("no named agency"),
                                place=f"{other[0]} figures[{other[1]}]"),
                            loc=("figures", i, "agency") if agency else ("figures", i),
                            hint=_("keep one figure, or set 'sum_of_agencies: true' on the target in plan {plan}")
                            .format(plan=plan_id))
