"""What the pages of the site share, and the home and issuer pages: the year's picture (``SiteData``),
the address of each page, and the pieces every page prints (agency links, gap cells, counts).

The pages of one plan, of one target and of one agency are in ``plan_pages``, ``target_pages`` and
``agency_pages``. Nothing in any of them computes a gap or a status: rows come from
``tracking.gap_rows`` and are printed with ``tracking.view`` (the very cells of ``gdnn gaps``),
reporting states from ``tracking.year_status``, a target's yearly figures from
``tracking.actuals_index`` and ``gaps.actual_for``. The site only chooses what to show where.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gdnn_cli.common.numbers import fmt_long_date, fmt_short_date
from gdnn_cli.common.vocab import REPORTING_STATES, TASK_STATES, VERDICTS, vi
from gdnn_cli.core.figures import fill_plan
from gdnn_cli.core.models import Assignment, Plan
from gdnn_cli.documents.naming import plan_short as plan_label
from gdnn_cli.documents.report_data import task_title
from gdnn_cli.tracking import view as gaps_view
from gdnn_cli.tracking.gaps import ActualsIndex, GapRow
from gdnn_cli.tracking.status import ReporterStatus, TaskStatus, actuals_index, gap_rows, plans_for, year_status

if TYPE_CHECKING:
    from gdnn_cli.core.dataset import Dataset
    from gdnn_cli.core.results import Figure

MET = ("exceeded", "met")


@dataclass
class SiteData:
    """The year's picture, computed once and indexed by plan and agency, so that a national corpus
    costs one pass over its results, not one per page."""

    ds: Dataset
    year: int
    plans: list[Plan]
    rows: list[GapRow]
    reporters: list[ReporterStatus]
    tasks: list[TaskStatus]
    actuals: ActualsIndex = field(default_factory=dict)  # tracking.actuals_index of every plan in force
    agencies: list[str] = field(default_factory=list)
    by_plan: dict = field(default_factory=dict)  # plan id → {"rows", "reporters", "tasks", "figures"}
    plans_of: dict = field(default_factory=dict)  # agency id → plans that name it or its reports

    def rows_of(self, plan_id: str) -> list[GapRow]:
        """The plan's rows of `gdnn gaps` for the year."""
        return self.by_plan[plan_id]["rows"]

    def reporters_of(self, plan_id: str) -> list[ReporterStatus]:
        """Who owes the plan a report this year, and whether it came."""
        return self.by_plan[plan_id]["reporters"]

    def tasks_of(self, plan_id: str) -> list[TaskStatus]:
        """The progress reported on the plan's tasks."""
        return self.by_plan[plan_id]["tasks"]

    def figures_of(self, plan_id: str) -> list[tuple[int, Figure]]:
        """(year, figure) of every figure reported for the plan, any year: a target page lists them all."""
        return self.by_plan[plan_id]["figures"]

    @property
    def illustrative(self) -> bool:
        """Any illustrative figure, report or task state: the whole site then says so on every page."""
        return (any(r.illustrative for r in self.rows) or any(r.illustrative for r in self.reporters)
                or any(t.illustrative for t in self.tasks))


def collect(ds: Dataset, year: int, today: dt.date | None = None) -> SiteData:
    """The year's picture in one pass over the data; ``today`` decides which reports are late."""
    # plans as their documents print them: sentences and reporting texts with figures from the data
    plans = [fill_plan(p) for p in plans_for(ds, year)]
    ys = year_status(ds, year, today=today)
    sd = SiteData(ds, year, plans, gap_rows(ds, year), ys.reporters, ys.tasks, actuals_index(ds, plans))
    sd.by_plan = {p.id: {"rows": [], "reporters": [], "tasks": [], "figures": []} for p in plans}
    for key, items in (("rows", sd.rows), ("reporters", sd.reporters), ("tasks", sd.tasks)):
        for x in items:
            if x.plan in sd.by_plan:
                sd.by_plan[x.plan][key].append(x)
    for rf in ds.results_for(set(sd.by_plan)):
        for plan_id, y, fig in rf.figures_for():
            if plan_id in sd.by_plan:
                sd.by_plan[plan_id]["figures"].append((y, fig))
    plans_of: dict[str, dict[str, Plan]] = {}
    for plan in plans:
        named = plan_agencies(plan) + [a for r in sd.reporters_of(plan.id) for a in (r.agency, r.to)]
        named += [t.agency for t in sd.tasks_of(plan.id)]
        for aid in named:
            plans_of.setdefault(aid, {})[plan.id] = plan
    sd.plans_of = {a: list(ps.values()) for a, ps in plans_of.items()}
    sd.agencies = [a for a in plans_of if a in ds.registry.agencies]
    return sd


# --------------------------------------------------------------------------- paths


def plan_href(plan_id: str) -> str:
    """The address of a plan's page, relative to the site's root (as every href here)."""
    return f"ke-hoach/{plan_id}.html"


def target_href(plan_id: str, target_id: str) -> str:
    """The address of a target's page, in its plan's folder."""
    return f"ke-hoach/{plan_id}/{target_id}.html"


def history_href(plan_id: str) -> str:
    """The address of a plan's history page (its commits)."""
    return f"ke-hoach/{plan_id}/lich-su.html"


def agency_href(agency_id: str) -> str:
    """The address of an agency's page."""
    return f"co-quan/{agency_id}.html"


# --------------------------------------------------------------------------- shared pieces


def walk_assignments(items: list[Assignment]) -> Iterator[Assignment]:
    """Every assignment and, depth first, the units under it, in the plan's order."""
    for a in items:
        yield a
        yield from walk_assignments(a.units)


def plan_agencies(plan: Plan) -> list[str]:
    """Every agency a plan names: issuer, standing agency, assignments, task leads and partners, reporting."""
    ids = [plan.issuer] + ([plan.standing_agency] if plan.standing_agency else [])
    ids += [a for x in walk_assignments(plan.assignments) for a in x.agencies]
    for g in plan.all_task_groups():
        for t in g.tasks:
            ids += ([t.lead] if t.lead else []) + t.partners
    for r in plan.reporting:
        ids += [*r.reporters, r.to]
    return list(dict.fromkeys(ids))


def plan_date(plan: Plan) -> str:
    """'ngày 04 tháng 3 năm 2022', as the plan's own text dates it; for a plan whose published text leaves
    day and month blank, the year and that they are blank, so that no reader takes it for the period."""
    d = plan.date
    return fmt_long_date(d.year, d.month, d.day) if d.month else f"năm {d.year} (văn bản không ghi ngày, tháng)"


def agency_link(sd: SiteData, agency_id: str) -> dict:
    """Name, full name, page; and, for an agency that ceased before the year ended, who does its work now."""
    reg = sd.ds.registry
    now = reg.successor_at(agency_id, dt.date(sd.year, 12, 31))
    return {"name": reg.short_name(agency_id), "full": reg.agency_name(agency_id),
            "href": agency_href(agency_id) if agency_id in sd.agencies else None,
            "now": {"name": reg.short_name(now), "full": reg.agency_name(now),
                    "href": agency_href(now) if now in sd.agencies else None} if now != agency_id else None}


def gap_cells(r: GapRow) -> dict:
    """The cells of `gdnn gaps` for one row, with the status code kept for styling and tests."""
    c = gaps_view.cells(r, "vi")  # the site is a Vietnamese document, whatever --lang says
    return {"name": r.name, "level": r.level, "kind": r.kind, "year": c[2], "unit": c[3], "target": c[4],
            "actual": c[5], "gap": c[6], "achievement": c[7], "verdict": c[8], "source": c[9],
            "status": r.status, "href": target_href(r.plan, r.target), "target_id": r.target,
            "illustrative": r.illustrative}


def counts(rows: list[GapRow]) -> dict:
    """Targets of the year met, not met, without data; milestones ahead by their status."""
    now = [r for r in rows if not r.trend]
    ahead = Counter(r.status for r in rows if r.trend)
    return {"met": sum(r.status in MET for r in now), "not_met": sum(r.status == "not_met" for r in now),
            "no_data": sum(r.status == "no_data" for r in now), "total": len(now),
            "ahead": [{"status": s, "label": vi(VERDICTS, s), "n": n} for s, n in sorted(ahead.items())]}


def reporter_cells(sd: SiteData, r: ReporterStatus) -> dict:
    """One line of a reporting table: who, to whom, due and reported dates (ND30 form), the state in words."""
    reg = sd.ds.registry
    return {"agency": agency_link(sd, r.agency), "to": agency_link(sd, r.to),
            "replaces": reg.short_name(r.replaces) if r.replaces else None,
            "due": fmt_short_date(r.due) if r.due else "—",
            "due_phrase": f"hạn {fmt_short_date(r.due)}" if r.due else "kế hoạch không ghi hạn",
            "reported": fmt_short_date(r.reported) + ("*" if r.illustrative else "") if r.reported else "—",
            "state": r.state, "state_text": vi(REPORTING_STATES, r.state), "plan": r.plan}


def kicker(plan: Plan) -> str:
    """'Kế hoạch số 72/KH-UBND · ngày 04 tháng 3 năm 2022', or 'Kế hoạch ban hành năm 2022' for a plan
    published without number, day and month: what stands above a plan's title."""
    d = plan.date
    if not d.month:
        return f"{plan.type}{f' số {plan.number}' if plan.number else ''} ban hành năm {d.year}"
    return " · ".join(x for x in (plan.type + (f" số {plan.number}" if plan.number else ""), plan_date(plan)) if x)


def progress_rows(sd: SiteData, plan: Plan) -> list[dict]:
    """The progress reported on the plan's tasks, one row per task and agency (plan and agency pages)."""
    return [{"task": task_title(plan, t.task), "agency": agency_link(sd, t.agency),
             "status": vi(TASK_STATES, t.status, lower=True), "code": t.status, "account": t.account or "",
             "reported": (fmt_short_date(t.reported) + ("*" if t.illustrative else "")) if t.reported else "—"}
            for t in sd.tasks_of(plan.id)]


# --------------------------------------------------------------------------- home and issuers


HOME_CARDS = 30  # up to this many plans, home shows each one; beyond, one line per issuer
ISSUER_CARDS = 60  # beyond this many plans, an issuer's page lists them one row each
AGENCY_FULL = 12  # an agency named by more plans gets one row per plan, so that its page stays light
AGENCY_ROWS = 300  # and one named by more still, one row per issuer


def layout() -> tuple[int, ...]:
    """The thresholds above, part of every page's fingerprint (a page changes shape when they do)."""
    return HOME_CARDS, ISSUER_CARDS, AGENCY_FULL, AGENCY_ROWS


def plan_card(sd: SiteData, plan: Plan) -> dict:
    """A plan as home and its issuer's page show it: title, counts of targets met, who has not reported."""
    overdue = [reporter_cells(sd, r) for r in sd.reporters_of(plan.id) if r.state in ("missing", "late")]
    return {"label": plan_label(plan), "title": plan.title, "href": plan_href(plan.id), "id": plan.id,
            "kicker": kicker(plan), "counts": counts(sd.rows_of(plan.id)),
            "missing": [o for o in overdue if o["state"] == "missing"],
            "late": [o for o in overdue if o["state"] == "late"], "illustrative": plan.illustrative}


def issuers(sd: SiteData) -> dict[str, list[Plan]]:
    """The plans in force by issuing agency, in the order of the data: one issuer page each."""
    out: dict[str, list[Plan]] = {}
    for plan in sd.plans:
        out.setdefault(plan.issuer, []).append(plan)
    return out


def home(sd: SiteData) -> dict:
    """Each issuer with its plans as cards; for a national corpus, one summary line per issuer instead."""
    reg = sd.ds.registry
    out = []
    for issuer, plans in issuers(sd).items():
        rows = [r for p in plans for r in sd.rows_of(p.id)]
        late = [r for p in plans for r in sd.reporters_of(p.id) if r.state in ("missing", "late")]
        out.append({"name": reg.agency_name(issuer), "href": issuer_href(issuer), "n": len(plans),
                    "counts": counts(rows), "missing": sum(r.state == "missing" for r in late),
                    "late": sum(r.state == "late" for r in late),
                    "plans": [plan_card(sd, p) for p in plans] if len(sd.plans) <= HOME_CARDS else []})
    return {"issuers": out, "cards": len(sd.plans) <= HOME_CARDS}


def issuer_page(sd: SiteData, issuer: str, plans: list[Plan]) -> dict:
    """An issuer's plans as cards, or one row each when there are more than ISSUER_CARDS."""
    return {"name": sd.ds.registry.agency_name(issuer), "agency": agency_link(sd, issuer),
            "plans": [plan_card(sd, p) for p in plans], "compact": len(plans) > ISSUER_CARDS,
            "illustrative": any(r.illustrative for p in plans for r in sd.rows_of(p.id))
            or any(r.illustrative for p in plans for r in sd.reporters_of(p.id))}


def issuer_href(issuer: str) -> str:
    """The address of an issuing agency's page (its plans), apart from its agency page."""
    return f"ban-hanh/{issuer}.html"

