"""What each page of the site shows, assembled from the library's own answers.

Nothing here computes a gap or a status: rows come from ``tracking.gap_rows`` and are printed with
``gaps_view`` (the very cells of ``gdnn gaps``), reporting states from ``tracking.year_status``, a
target's yearly figures from ``tracking.actuals_index`` and ``gaps.actual_for``. The site only
chooses what to show where.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from gdnn_cli.tracking import view as gaps_view
from gdnn_cli.core.figures import due_figure, fill_plan
from gdnn_cli.tracking.gaps import GapRow, actual_for, key_of, reference_value
from gdnn_cli.core.models import Assignment, Plan, Target
from gdnn_cli.common.numbers import fmt_long_date, fmt_short_date
from gdnn_cli.documents.naming import plan_short as plan_label
from gdnn_cli.documents.report_data import task_title
from gdnn_cli.review.textconv import amount, year_label
from gdnn_cli.common.vocab import (FREQUENCIES, PROVENANCE, QUALIFIERS, REPORTING_STATES, ROLES, TASK_STATES,
                                   VERDICTS, spoken, vi)
from gdnn_cli.tracking.status import ReporterStatus, actuals_index, gap_rows, plans_for, source_text, year_status
from gdnn_cli.site.charts import Trajectory

MET = ("exceeded", "met")


@dataclass
class SiteData:
    """The year's picture, computed once and indexed by plan and agency, so that a national corpus
    costs one pass over its results, not one per page."""

    ds: object
    year: int
    plans: list[Plan]
    rows: list[GapRow]
    reporters: list[ReporterStatus]
    tasks: list
    actuals: dict = field(default_factory=dict)  # tracking.actuals_index of every plan in force
    agencies: list[str] = field(default_factory=list)
    by_plan: dict = field(default_factory=dict)  # plan id → {"rows", "reporters", "tasks", "figures"}
    plans_of: dict = field(default_factory=dict)  # agency id → plans that name it or its reports

    def rows_of(self, plan_id: str) -> list[GapRow]:
        return self.by_plan[plan_id]["rows"]

    def reporters_of(self, plan_id: str) -> list[ReporterStatus]:
        return self.by_plan[plan_id]["reporters"]

    def tasks_of(self, plan_id: str) -> list:
        return self.by_plan[plan_id]["tasks"]

    def figures_of(self, plan_id: str) -> list:
        return self.by_plan[plan_id]["figures"]

    @property
    def illustrative(self) -> bool:
        return (any(r.illustrative for r in self.rows) or any(r.illustrative for r in self.reporters)
                or any(t.illustrative for t in self.tasks))


def collect(ds, year: int, today: dt.date | None = None) -> SiteData:
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
    return f"ke-hoach/{plan_id}.html"


def target_href(plan_id: str, target_id: str) -> str:
    return f"ke-hoach/{plan_id}/{target_id}.html"


def history_href(plan_id: str) -> str:
    return f"ke-hoach/{plan_id}/lich-su.html"


def agency_href(agency_id: str) -> str:
    return f"co-quan/{agency_id}.html"


# --------------------------------------------------------------------------- shared pieces


def walk_assignments(items: list[Assignment]):
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
    d = plan.date
    return fmt_long_date(d.year, d.month, d.day) if d.month else f"năm {d.year}"


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
    reg = sd.ds.registry
    return {"agency": agency_link(sd, r.agency), "to": agency_link(sd, r.to),
            "replaces": reg.short_name(r.replaces) if r.replaces else None,
            "due": fmt_short_date(r.due) if r.due else "—",
            "due_phrase": f"hạn {fmt_short_date(r.due)}" if r.due else "kế hoạch không ghi hạn",
            "reported": fmt_short_date(r.reported) + ("*" if r.illustrative else "") if r.reported else "—",
            "state": r.state, "state_text": vi(REPORTING_STATES, r.state), "plan": r.plan}


# --------------------------------------------------------------------------- home


HOME_CARDS = 30  # up to this many plans, home shows each one; beyond, one line per issuer
ISSUER_CARDS = 60  # beyond this many plans, an issuer's page lists them one row each


def plan_card(sd: SiteData, plan: Plan) -> dict:
    overdue = [reporter_cells(sd, r) for r in sd.reporters_of(plan.id) if r.state in ("missing", "late")]
    return {"label": plan_label(plan), "title": plan.title, "href": plan_href(plan.id), "id": plan.id,
            "kicker": kicker(plan), "counts": counts(sd.rows_of(plan.id)),
            "missing": [o for o in overdue if o["state"] == "missing"],
            "late": [o for o in overdue if o["state"] == "late"], "illustrative": plan.illustrative}


def issuers(sd: SiteData) -> dict[str, list[Plan]]:
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
    return {"name": sd.ds.registry.agency_name(issuer), "agency": agency_link(sd, issuer),
            "plans": [plan_card(sd, p) for p in plans], "compact": len(plans) > ISSUER_CARDS,
            "illustrative": any(r.illustrative for p in plans for r in sd.rows_of(p.id))
            or any(r.illustrative for p in plans for r in sd.reporters_of(p.id))}


def issuer_href(issuer: str) -> str:
    return f"ban-hanh/{issuer}.html"


# --------------------------------------------------------------------------- a plan


def trajectory(sd: SiteData, plan: Plan, t: Target, idx, row: GapRow | None) -> Trajectory:
    """A target's figures year by year, and the straight path from its start to its milestone.

    The path starts at the baseline (the year before the period) when the plan gives one, at zero
    for a cumulative target, else at the first figure; it ends at the value the target must reach.
    """
    milestone = t.year if isinstance(t.year, int) else min(plan.period.end, max(sd.year, plan.period.start))
    first = plan.period.start - 1 if (t.baseline is not None or t.cumulative) else plan.period.start
    last = max(milestone, min(sd.year, plan.period.end))
    tr = Trajectory(list(range(first, last + 1)), percent=t.unit.strip() == "%")
    for y in range(plan.period.start, min(sd.year, last) + 1):
        a = actual_for(plan, t, y, idx)
        if a is not None:
            tr.actual[y] = a.value
            if a.illustrative:
                tr.illustrative.add(y)
    ref = reference_value(t)
    if ref is None:
        return tr
    if t.year == "hang-nam":
        tr.path = {y: ref for y in range(plan.period.start, last + 1)}
        return tr
    tr.target = (milestone, ref)
    start = ((first, t.baseline) if t.baseline is not None else (first, 0.0) if t.cumulative
             else next(iter(sorted(tr.actual.items())), None))
    if start and start[0] < milestone:
        (y0, v0), n = start, milestone - start[0]
        tr.path = {y: v0 + (ref - v0) * (y - y0) / n for y in range(y0, milestone + 1)}
    if row is not None and row.trend and row.projected is not None:
        tr.forecast = (milestone, row.projected)
    if tr.years[0] > min(tr.actual, default=tr.years[0]):
        tr.years = list(range(min(tr.actual), last + 1))
    return tr


def trajectory_rows(tr: Trajectory) -> list[dict]:
    """The chart's data as table rows, formatted as the gaps table formats numbers."""
    from gdnn_cli.site.charts import _fmt

    out = []
    for y in tr.years:
        a, p = tr.actual.get(y), tr.path.get(y)
        if a is None and p is None and not (tr.target and tr.target[0] == y):
            continue
        out.append({"year": y, "actual": _fmt(a, tr.percent) + ("*" if y in tr.illustrative else "") if a is not None
                    else "—", "path": _fmt(p, tr.percent) if p is not None else "—",
                    "target": _fmt(tr.target[1], tr.percent) if tr.target and tr.target[0] == y else "",
                    "forecast": _fmt(tr.forecast[1], tr.percent) if tr.forecast and tr.forecast[0] == y else ""})
    return out


def plan_page(sd: SiteData, plan: Plan, *, history: bool, downloads: dict) -> dict:
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


def kicker(plan: Plan) -> str:
    """'Kế hoạch số 72/KH-UBND · ngày 04 tháng 3 năm 2022': what stands above a plan's title."""
    return " · ".join(x for x in (plan.type + (f" số {plan.number}" if plan.number else ""), plan_date(plan)) if x)


def own_heading(sd: SiteData, a: Assignment) -> str | None:
    """The heading the plan prints for an assignment, when it says more than the agencies' names."""
    if not a.heading:
        return None
    names = " ".join(sd.ds.registry.agency_name(x) + " " + sd.ds.registry.short_name(x) for x in a.agencies).lower()
    return None if a.heading.lower() in names else a.heading


def period_text(plan: Plan) -> str:
    p = plan.period
    text = f"năm {p.start}" if p.start == p.end else f"giai đoạn {p.start}–{p.end}"
    if p.milestones:
        text += ", mốc " + ", ".join(str(m) for m in p.milestones)
    return text + (f", tầm nhìn {p.vision}" if p.vision else "")


def rule_due(rule) -> str:
    """A reporting deadline as the plan's sentences print it; a day and month without a year recur every year."""
    text = due_figure(rule)
    if text is None:
        return "—"
    return text if rule.due else f"{text} hằng năm"


def task_groups(sd: SiteData, plan: Plan) -> list[dict]:
    states: dict[str, list] = {}
    for t in sd.tasks_of(plan.id):
        states.setdefault(t.task, []).append(f"{sd.ds.registry.short_name(t.agency)}: {vi(TASK_STATES, t.status, lower=True)}")
    out = []
    for g in plan.all_task_groups():
        tasks = [{"text": t.text, "lead": agency_link(sd, t.lead) if t.lead else None,
                  "partners": [agency_link(sd, a) for a in t.partners],
                  "when": fmt_short_date(t.deadline) if t.deadline else t.timing,
                  "status": states.get(t.id or "", [])} for t in g.tasks]
        out.append({"title": g.title, "tasks": tasks, "status": states.get(g.id, [])})
    return out


def progress_rows(sd: SiteData, plan: Plan) -> list[dict]:
    return [{"task": task_title(plan, t.task), "agency": agency_link(sd, t.agency),
             "status": vi(TASK_STATES, t.status, lower=True), "code": t.status, "account": t.account or "",
             "reported": (fmt_short_date(t.reported) + ("*" if t.illustrative else "")) if t.reported else "—"}
            for t in sd.tasks_of(plan.id)]


# --------------------------------------------------------------------------- a target


def rule_text(t: Target, plan: Plan) -> list[str]:
    """How the target is judged, in the words of the gap rules (README, gaps.py)."""
    out = []
    lower = t.direction == "lower"
    out.append("Chỉ tiêu càng thấp càng tốt: thực hiện thấp hơn kế hoạch là vượt." if lower
               else "Chỉ tiêu càng cao càng tốt: thực hiện cao hơn kế hoạch là vượt.")
    if t.value is None and t.min is not None and t.max is not None:
        out.append("Chỉ tiêu là một khoảng: trong khoảng là đạt; chênh lệch tính đến cận gần nhất.")
    elif t.value is None:
        out.append("Chỉ tiêu một phía: giá trị cận được dùng làm chỉ tiêu.")
    if t.qualifier == "khoang":
        tol = f"± {amount(t.model_copy(update={'value': t.tolerance, 'qualifier': None}))}" if t.tolerance is not None \
            else "± 5% giá trị chỉ tiêu"
        out.append(f"“Khoảng”: đạt khi chênh lệch trong phạm vi {tol}.")
    elif t.qualifier in ("tren", "duoi"):
        word = spoken(QUALIFIERS, t.qualifier).capitalize()
        out.append(f"“{word}”: phải {'cao' if t.qualifier == 'tren' else 'thấp'} hơn hẳn "
                   "giá trị chỉ tiêu; bằng đúng chỉ tiêu là chưa đạt.")
    if t.cumulative:
        out.append("Chỉ tiêu lũy kế: cộng số liệu các năm từ đầu giai đoạn.")
    if t.measure == "rate":
        out.append("Tỷ lệ: chênh lệch tính bằng điểm phần trăm; gộp số liệu nhiều nguồn từ tử số và mẫu số.")
    if isinstance(t.year, int) and t.year > plan.period.start:
        out.append(f"Trước năm {t.year}, chỉ tiêu được đánh giá theo xu hướng: đường thẳng bình phương nhỏ nhất qua "
                   f"số liệu các năm, dự báo đến năm {t.year}.")
    return out


def figure_rows(sd: SiteData, plan: Plan, t: Target) -> list[dict]:
    """Every reported figure of the target (or its indicator) over the years, each with its source."""
    keys = {x.id: key_of(x) for x in plan.all_targets()}
    want = key_of(t)
    out = []
    for year, fig in sd.figures_of(plan.id):
        if keys.get(fig.target, fig.target) == want:
            s = fig.source
            out.append({"year": year, "value": gaps_view.actual_text(_as_row(fig.value, t, fig.status)),
                        "status": vi(PROVENANCE, fig.status, lower=True), "code": fig.status,
                        "source": source_text(fig), "url": s.url if s else None, "quote": s.quote if s else None,
                        "agency": agency_link(sd, fig.agency) if fig.agency else None, "note": fig.note})
    return sorted(out, key=lambda f: f["year"])


def _as_row(value: float, t: Target, status: str) -> GapRow:
    """A one-figure row, so that a raw figure is printed exactly as the gaps table prints actuals."""
    return GapRow("", t.id, t.name, 0, t.unit, t.value, t.min, t.max, value, None, None, "", None,
                  illustrative=status == "illustrative")


def target_page(sd: SiteData, plan: Plan, t: Target, parent: Target | None) -> dict:
    row = next((r for r in sd.rows_of(plan.id) if r.target == t.id), None)
    tr = trajectory(sd, plan, t, sd.actuals, row)
    figures = figure_rows(sd, plan, t)
    return {"plan": plan, "label": plan_label(plan), "t": t, "amount": amount(t), "when": year_label(t.year),
            "parent": {"name": parent.name, "href": target_href(plan.id, parent.id)} if parent else None,
            "children": [{"name": c.name, "href": target_href(plan.id, c.id), "kind": "phần" if c in t.parts
                          else "trong đó"} for c in (*t.parts, *t.shares)],
            "row": gap_cells(row) if row else None, "rules": rule_text(t, plan), "figures": figures,
            "derived": bool(row and row.actual is not None and not figures and t.parts),
            "chart": None if tr.empty else {"tr": tr, "rows": trajectory_rows(tr)},
            "illustrative": bool(row and row.illustrative) or any(f["code"] == "illustrative" for f in figures)}


def targets_with_chain(plan: Plan):
    """Every target with the chain of targets above it (itself last), in the plan's order."""
    def walk(t: Target, chain: tuple):
        yield t, chain + (t,)
        for c in (*t.parts, *t.shares):
            yield from walk(c, chain + (t,))

    for t in plan.targets:
        yield from walk(t, ())


def targets_with_parents(plan: Plan):
    for t, chain in targets_with_chain(plan):
        yield t, chain[-2] if len(chain) > 1 else None


# --------------------------------------------------------------------------- an agency


AGENCY_FULL = 12  # an agency named by more plans gets one row per plan, so that its page stays light
AGENCY_ROWS = 300  # and one named by more still, one row per issuer


def state_summary(cells: list[dict]) -> str:
    """'2 đúng hạn, 1 muộn' for a list of reporter cells; '—' when there are none."""
    n = Counter(c["state_text"] for c in cells)
    return ", ".join(f"{k}: {v}" for k, v in n.items()) or "—"


def agency_page(sd: SiteData, agency_id: str) -> dict:
    reg = sd.ds.registry
    a = reg.agencies[agency_id]
    plans = []
    for plan in sd.plans_of.get(agency_id, []):
        duties = [{"role": spoken(ROLES, x.role), "heading": x.heading, "duties": [d.text for d in x.duties] + x.text,
                   "with": [agency_link(sd, o) for o in x.agencies if o != agency_id]}
                  for x in walk_assignments(plan.assignments) if agency_id in x.agencies]
        tasks = [{"text": t.text, "role": "chủ trì" if t.lead == agency_id else "phối hợp", "group": g.title,
                  "when": fmt_short_date(t.deadline) if t.deadline else t.timing}
                 for g in plan.all_task_groups() for t in g.tasks if t.lead == agency_id or agency_id in t.partners]
        owes = [reporter_cells(sd, r) for r in sd.reporters_of(plan.id) if r.agency == agency_id]
        receives = [reporter_cells(sd, r) for r in sd.reporters_of(plan.id) if r.to == agency_id]
        progress = [p for p in progress_rows(sd, plan) if p["agency"]["href"] == agency_href(agency_id)]
        if duties or tasks or owes or receives or progress or plan.issuer == agency_id:
            plans.append({"id": plan.id, "issuer_id": plan.issuer, "label": plan_label(plan), "title": plan.title, "href": plan_href(plan.id), "kicker": kicker(plan),
                          "issuer": plan.issuer == agency_id, "duties": duties, "tasks": tasks, "owes": owes,
                          "receives": receives, "progress": progress})
    for p in plans:  # what a compact page (an agency named by many plans) shows in one row per plan
        p["roles"] = ", ".join(dict.fromkeys([d["role"] for d in p["duties"]] + [t["role"] for t in p["tasks"]]
                                             + (["ban hành"] if p["issuer"] else [])))
        p["n_duties"] = sum(len(d["duties"]) for d in p["duties"]) + len(p["tasks"])
        p["owes_text"], p["receives_text"] = state_summary(p["owes"]), state_summary(p["receives"])
    succ = [{"link": agency_link(sd, s.id), "scope": s.scope} for s in a.successors]
    by_issuer = []
    if len(plans) > AGENCY_ROWS:  # a ministry named by every province's plans: one row per issuer
        groups: dict[str, list] = {}
        for p in plans:
            groups.setdefault(p["issuer_id"], []).append(p)
        by_issuer = [{"name": reg.agency_name(i), "href": issuer_href(i), "n": len(ps),
                      "roles": ", ".join(dict.fromkeys(r for p in ps for r in p["roles"].split(", ") if r)),
                      "n_duties": sum(p["n_duties"] for p in ps),
                      "owes_text": state_summary([o for p in ps for o in p["owes"]]),
                      "receives_text": state_summary([o for p in ps for o in p["receives"]])}
                     for i, ps in groups.items()]
    return {"a": a, "ceased": fmt_short_date(a.ceased) if a.ceased else None, "successors": succ, "plans": plans,
            "compact": len(plans) > AGENCY_FULL, "by_issuer": by_issuer,
            "illustrative": any("*" in o["reported"] for p in plans for o in p["owes"] + p["receives"])
            or any("*" in x["reported"] for p in plans for x in p["progress"])}
