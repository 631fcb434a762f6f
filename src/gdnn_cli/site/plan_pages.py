"""What a plan's page shows: its targets with their gaps and charts, the other targets, the tasks and
their progress, the assignments and the reporting rules, each agency linked to its page."""

from __future__ import annotations

from gdnn_cli.common.numbers import fmt_short_date
from gdnn_cli.common.vocab import FREQUENCIES, ROLES, TASK_STATES, spoken, vi
from gdnn_cli.core.figures import due_figure
from gdnn_cli.core.models import Assignment, Plan, ReportingRule
from gdnn_cli.review.textconv import amount, year_label
from gdnn_cli.site.pages import (
    SiteData,
    agency_link,
    counts,
    gap_cells,
    history_href,
    kicker,
    plan_date,
    plan_label,
    progress_rows,
    reporter_cells,
    target_href,
    walk_assignments,
)
from gdnn_cli.site.target_pages import targets_with_chain, trajectory, trajectory_rows


def plan_page(sd: SiteData, plan: Plan, *, history: bool, downloads: dict) -> dict:
    """A plan's page: the year's gaps and a chart per target with a trajectory, the rest of the plan as
    it reads (targets, tasks, assignments, reporting), links to its history and downloads."""
    rows = sd.rows_of(plan.id)
    idx = sd.actuals
    by_target = {r.target: r for r in rows}
    charts = []
    if plan.period.end > plan.period.start:
        for t in plan.targets:
            if not isinstance(t.year, int) and t.year != "hang-nam":
                continue
            tr = trajectory(sd, plan, t, idx, by_target.get(t.id))
            if not tr.empty:
                charts.append({"id": t.id, "name": t.name, "year": year_label(t.year), "tr": tr,
                               "rows": trajectory_rows(tr), "href": target_href(plan.id, t.id),
                               "verdict": gap_cells(by_target[t.id])["verdict"] if t.id in by_target else ""})
    return {
        "plan": plan, "label": plan_label(plan), "date": plan_date(plan), "kicker": kicker(plan),
        "issuer": agency_link(sd, plan.issuer), "period": period_text(plan),
        "rows": [gap_cells(r) for r in rows], "counts": counts(rows), "charts": charts,
        "others": [{"name": t.name, "amount": amount(t), "when": year_label(t.year), "href": target_href(plan.id, t.id),
                    "level": len(chain) - 1} for t, chain in targets_with_chain(plan) if t.id not in by_target],
        "groups": task_groups(sd, plan), "progress": progress_rows(sd, plan),
        "assignments": [{"agencies": [agency_link(sd, a) for a in x.agencies], "heading": own_heading(sd, x),
                         "role": spoken(ROLES, x.role), "duties": len(x.duties)}
                        for x in walk_assignments(plan.assignments)],
        "rules": [{"reporters": [agency_link(sd, a) for a in r.reporters], "to": agency_link(sd, r.to),
                   "frequency": spoken(FREQUENCIES, r.frequency), "due": rule_due(r), "text": r.text}
                  for r in plan.reporting],
        "reporters": [reporter_cells(sd, r) for r in sd.reporters_of(plan.id)],
        "history": history_href(plan.id) if history else None, "downloads": downloads,
        "illustrative": any(r.illustrative for r in rows) or any(r.illustrative for r in sd.reporters_of(plan.id))
        or any(t.illustrative for t in sd.tasks_of(plan.id)),
    }


def own_heading(sd: SiteData, a: Assignment) -> str | None:
    """The heading the plan prints for an assignment, when it says more than the agencies' names."""
    if not a.heading:
        return None
    names = " ".join(sd.ds.registry.agency_name(x) + " " + sd.ds.registry.short_name(x) for x in a.agencies).lower()
    return None if a.heading.lower() in names else a.heading


def period_text(plan: Plan) -> str:
    """'giai đoạn 2021–2025, mốc 2023, tầm nhìn 2030': the plan's period as a sentence says it."""
    p = plan.period
    text = f"năm {p.start}" if p.start == p.end else f"giai đoạn {p.start}–{p.end}"
    if p.milestones:
        text += ", mốc " + ", ".join(str(m) for m in p.milestones)
    return text + (f", tầm nhìn {p.vision}" if p.vision else "")


def rule_due(rule: ReportingRule) -> str:
    """A reporting deadline as the plan's sentences print it; a day and month without a year recur every year."""
    text = due_figure(rule)
    if text is None:
        return "—"
    return text if rule.due else f"{text} hằng năm"


def task_groups(sd: SiteData, plan: Plan) -> list[dict]:
    """The plan's task groups and tasks as it lists them, each with who leads, when, and the states reported."""
    states: dict[str, list[str]] = {}
    for t in sd.tasks_of(plan.id):
        state = vi(TASK_STATES, t.status, lower=True)
        states.setdefault(t.task, []).append(f"{sd.ds.registry.short_name(t.agency)}: {state}")
    out = []
    for g in plan.all_task_groups():
        tasks = [{"text": t.text, "lead": agency_link(sd, t.lead) if t.lead else None,
                  "partners": [agency_link(sd, a) for a in t.partners],
                  "when": fmt_short_date(t.deadline) if t.deadline else t.timing,
                  "status": states.get(t.id or "", [])} for t in g.tasks]
        out.append({"title": g.title, "tasks": tasks, "status": states.get(g.id, [])})
    return out
