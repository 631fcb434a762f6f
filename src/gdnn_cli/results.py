"""Results: actual figures for targets and progress on tasks, as agencies report them.

A result file (data/results/<issuer>/<year>.yaml) holds what came in for one issuer and year.
Every figure carries its source and a status — official, provisional or illustrative — so that
no output can pass an illustrative figure off as real.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, model_validator

from .errors import Issue
from .models import Date, Plan, Slug, Strict, Text
from .numbers import fmt_number
from .rules import Registry, _groups

Status = Literal["official", "provisional", "illustrative"]
Progress = Literal["chua-trien-khai", "dang-trien-khai", "hoan-thanh"]


class ResultSource(Strict):
    """The document a figure comes from: a report's number and date, an article's title and address."""

    title: Text
    number: str | None = None
    date: Date | None = None
    publisher: str | None = None
    url: str | None = None
    quote: str | None = Field(default=None, description="The sentence that gives the figure, as published")


class Figure(Strict):
    """An actual value for one target (or one part of its breakdown) in one year."""

    target: str
    plan: Slug | None = Field(default=None, description="Defaults to the file's plan")
    year: int | None = Field(default=None, description="Defaults to the file's year")
    value: float
    numerator: float | None = Field(default=None, ge=0)
    denominator: float | None = Field(default=None, gt=0)
    agency: str | None = Field(default=None, description="Reporting agency id")
    source: ResultSource | None = None
    status: Status
    note: str | None = None

    @model_validator(mode="after")
    def _sourced(self) -> "Figure":
        if self.status != "illustrative" and self.source is None:
            raise ValueError("an official or provisional figure needs a source; mark made-up figures 'illustrative'")
        return self


class TaskProgress(Strict):
    """What an agency reported on an assigned task, and when it reported."""

    task: str = Field(description="Task id, or task group id")
    plan: Slug | None = None
    agency: str
    status: Progress
    account: str | None = Field(default=None, description="A short account of what was done")
    reported: Date | None = Field(default=None, description="The date the agency's report arrived")
    source: ResultSource | None = None
    illustrative: bool = False


class AgencyReport(Strict):
    """That an agency sent its report (even with no figures), for the timeliness table."""

    agency: str
    plan: Slug | None = None
    reported: Date
    number: str | None = None
    illustrative: bool = False


class ResultFile(Strict):
    plan: Slug | None = Field(default=None, description="The plan most records in this file belong to")
    year: int = Field(ge=1945, le=2100)
    figures: list[Figure] = []
    progress: list[TaskProgress] = []
    reports: list[AgencyReport] = []
    limitations: list[str] = Field(default=[], description="Tồn tại, hạn chế to add to the year-end report")
    directions: list[str] = Field(default=[], description="Phương hướng, kiến nghị for the year-end report")
    illustrative_note: str | None = None

    def figures_for(self) -> Iterator[tuple[str | None, int, Figure]]:
        for f in self.figures:
            yield f.plan or self.plan, f.year or self.year, f


def _near(wrong: str, pool) -> str | None:
    close = difflib.get_close_matches(wrong, sorted(pool), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else None


def _plan_or_issue(plan_id: str | None, reg: Registry, file: str, loc: tuple) -> tuple[Plan | None, Issue | None]:
    if plan_id is None:
        return None, Issue(file, "missing-plan", "no plan is named for this record", loc=loc,
                           hint="set 'plan:' at the top of the file or on the record")
    plan = reg.plans.get(plan_id)
    if plan is None:
        return None, Issue(file, "unknown-plan", f"plan '{plan_id}' does not exist", loc=loc,
                           hint=_near(plan_id, reg.plans) or "check data/plans/")
    return plan, None


def result_rules(rf: ResultFile, file: str, reg: Registry) -> Iterator[Issue]:
    for i, (plan_id, year, fig) in enumerate(rf.figures_for()):
        loc = ("figures", i)
        plan, problem = _plan_or_issue(plan_id, reg, file, loc + ("plan",) if fig.plan else ("plan",))
        if problem:
            yield problem
            continue
        assert plan is not None
        targets = {t.id: t for t in plan.all_targets()}
        target = targets.get(fig.target)
        if target is None:
            yield Issue(file, "unknown-target", f"plan {plan.id} has no target '{fig.target}'",
                        loc=loc + ("target",), hint=_near(fig.target, targets))
            continue
        if year not in plan.period.years:
            yield Issue(file, "year-outside-period",
                        f"{year} lies outside the period of plan {plan.id} ({plan.period.start}–{plan.period.end})",
                        loc=loc + ("year",) if fig.year else ("year",))
        if target.measure == "rate" and not 0 <= fig.value <= 100:
            yield Issue(file, "rate-out-of-range", f"a rate must lie between 0 and 100%, not {fmt_number(fig.value)}%",
                        loc=loc + ("value",))
        if fig.numerator is not None and fig.denominator:
            implied = fig.numerator / fig.denominator * (100 if target.measure == "rate" else 1)
            if abs(implied - fig.value) > 0.05 + 1e-9:
                yield Issue(file, "rate-mismatch",
                            f"{fmt_number(fig.numerator)} / {fmt_number(fig.denominator)} gives {fmt_number(implied, 2)}, "
                            f"not {fmt_number(fig.value)}", loc=loc + ("value",))
        if fig.agency:
            yield from _agency(fig.agency, reg, file, loc + ("agency",))
    for i, prog in enumerate(rf.progress):
        loc = ("progress", i)
        plan, problem = _plan_or_issue(prog.plan or rf.plan, reg, file, loc + ("plan",) if prog.plan else ("plan",))
        if problem:
            yield problem
            continue
        assert plan is not None
        ids = {t.id for _, g in _groups(plan) for t in g.tasks if t.id} | {g.id for _, g in _groups(plan)}
        if prog.task not in ids:
            yield Issue(file, "unknown-task", f"plan {plan.id} has no task '{prog.task}'", loc=loc + ("task",),
                        hint=_near(prog.task, ids))
        yield from _agency(prog.agency, reg, file, loc + ("agency",))
        if prog.reported and prog.reported < plan.date.earliest():
            yield Issue(file, "reported-before-issue", f"reported {prog.reported} before the plan was issued",
                        loc=loc + ("reported",))
    for i, rep in enumerate(rf.reports):
        plan, problem = _plan_or_issue(rep.plan or rf.plan, reg, file, ("reports", i, "plan") if rep.plan else ("plan",))
        if problem:
            yield problem
        yield from _agency(rep.agency, reg, file, ("reports", i, "agency"))


def _agency(agency_id: str, reg: Registry, file: str, loc: tuple) -> Iterator[Issue]:
    if agency_id not in reg.agencies:
        near = reg.nearest_agency(agency_id)
        yield Issue(file, "unknown-agency", f"agency '{agency_id}' is not in data/agencies/", loc=loc,
                    hint=f"did you mean '{near}'?" if near else None)


def is_illustrative(fig: Figure) -> bool:
    return fig.status == "illustrative"

