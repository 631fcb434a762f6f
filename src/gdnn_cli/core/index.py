"""Small summaries of valid files: all that cross-file checks need, without keeping whole models.

Validating ten thousand plans must not hold ten thousand plan models in memory (or pickle them
between processes): each file is checked on its own, then reduced to one of these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gdnn_cli.common.numbers import fmt_partial_date
from gdnn_cli.core.bases import base_index
from gdnn_cli.core.models import Plan
from gdnn_cli.core.results import ResultFile
from gdnn_cli.core.rules import agency_refs


@dataclass(frozen=True)
class PlanIndex:
    """What other files may check against a plan: its ids, dates, agencies named, and reporting rules."""

    id: str
    issuer: str
    earliest: dt.date
    date_text: str
    start: int
    end: int
    vision: int | None
    refs: tuple[tuple[tuple, str], ...]  # (loc, agency id)
    reporting: tuple[tuple[int, str, dt.date | None, tuple[str, ...]], ...]  # (index, to, due in end year, reporters)
    targets: dict  # target id → measure
    keys: dict  # target id → the key its actuals are filed under (its indicator, else its id)
    summed: frozenset[str]  # keys of targets whose actual is a sum of agencies' figures
    tasks: frozenset[str]
    groups: frozenset[str]
    bases: tuple = ()  # (index, issuer id, number, date) of bases that name a registry id

    @property
    def years(self) -> range:
        """The years of the plan's period, both ends included."""
        return range(self.start, self.end + 1)

    @classmethod
    def of(cls, plan: Plan) -> PlanIndex:
        """The summary of a valid plan, small enough to cache and to pass between processes."""
        d = plan.date
        return cls(
            id=plan.id, issuer=plan.issuer, earliest=d.earliest(), date_text=fmt_partial_date(d.year, d.month, d.day),
            start=plan.period.start, end=plan.period.end, vision=plan.period.vision,
            refs=tuple(agency_refs(plan)),
            reporting=tuple((r, rule.to, rule.due_in(plan.period.end), tuple(rule.reporters))
                            for r, rule in enumerate(plan.reporting)),
            targets={t.id: "ratio" if t.base else t.measure for t in plan.all_targets()},
            keys={t.id: t.indicator or t.id for t in plan.all_targets()},
            summed=frozenset(t.indicator or t.id for t in plan.all_targets() if t.sum_of_agencies),
            tasks=frozenset(t.id for g in plan.all_task_groups() for t in g.tasks if t.id),
            groups=frozenset(g.id for g in plan.all_task_groups()),
            bases=base_index(plan),
        )


@dataclass(frozen=True)
class ResultIndex:
    """References a result file makes, for checks against the plans."""

    year: int
    plan: str | None
    figures: tuple  # (i, plan, plan_explicit, target, year, year_explicit, value, numerator, denominator, agency)
    progress: tuple  # (i, plan, plan_explicit, task, agency, reported)
    reports: tuple  # (i, plan, plan_explicit, agency)

    @classmethod
    def of(cls, rf: ResultFile) -> ResultIndex:
        """The summary of a valid result file: each record's references, with the file's defaults applied."""
        return cls(
            year=rf.year,
            plan=rf.plan,
            figures=tuple((i, f.plan or rf.plan, f.plan is not None, f.target, f.year or rf.year, f.year is not None,
                           f.value, f.numerator, f.denominator, f.agency) for i, f in enumerate(rf.figures)),
            progress=tuple((i, p.plan or rf.plan, p.plan is not None, p.task, p.agency, p.reported)
                           for i, p in enumerate(rf.progress)),
            reports=tuple((i, r.plan or rf.plan, r.plan is not None, r.agency) for i, r in enumerate(rf.reports)),
        )
