"""The year-end report (Báo cáo) as data: which reports to write, and what each one says.

Every figure comes from tracking.gap_rows — the same rows `gdnn gaps --format json` prints — and
is formatted by gaps_view, so the report and the gaps command can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from . import gaps_view
from .figures import fill
from .gaps import GapRow
from .models import Plan
from .numbers import fmt_number, fmt_percent, fmt_short_date
from .tracking import ReporterStatus, TaskStatus, gap_rows, plans_for, year_status

STATE_VI = {"on_time": "Đúng hạn", "late": "Muộn", "missing": "Chưa báo cáo", "not_due": "Chưa đến hạn"}
PROGRESS_VI = {"chua-trien-khai": "chưa triển khai", "dang-trien-khai": "đang triển khai", "hoan-thanh": "hoàn thành"}


@dataclass
class PlanPart:
    plan: Plan
    rows: list[GapRow]
    tasks: list[TaskStatus]
    reporters: list[ReporterStatus]


@dataclass
class ReportData:
    """One Báo cáo: an issuer's plans in force in a year, with their results."""

    issuer: str
    year: int
    reporter: str  # the body that writes the report
    parts: list[PlanPart] = field(default_factory=list)
    limitations: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    heading: object = None  # results.ReportHeading from the data, when a result file gives one

    @property
    def rows(self) -> list[GapRow]:
        return [r for p in self.parts for r in p.rows]

    @property
    def illustrative(self) -> bool:
        return any(r.illustrative for r in self.rows) or any(
            t.illustrative for p in self.parts for t in p.tasks) or any(
            r.illustrative for p in self.parts for r in p.reporters)


def issuers_for(ds, year: int, issuer: str | None = None, plan_id: str | None = None) -> list[str]:
    return sorted({p.issuer for p in plans_for(ds, year, plan_id, issuer)})


def build(ds, year: int, issuer: str, plan_id: str | None = None, today: dt.date | None = None) -> ReportData:
    plans = plans_for(ds, year, plan_id, issuer)
    ys = year_status(ds, year, plan_id, issuer, today=today)
    rows = gap_rows(ds, year, plan_id, issuer)
    report_day = dt.date(year, 12, 31)
    standing = Counter(ds.registry.successor_at(p.standing_agency, report_day) for p in plans if p.standing_agency)
    reporter = standing.most_common(1)[0][0] if standing else issuer
    data = ReportData(issuer, year, reporter)
    for plan in plans:
        data.parts.append(PlanPart(plan, [r for r in rows if r.plan == plan.id],
                                   [t for t in ys.tasks if t.plan == plan.id],
                                   [r for r in ys.reporters if r.plan == plan.id]))
    for rf in ds.results_for({p.id for p in plans}, year=year):
        if rf.plan is None or rf.plan in {p.id for p in plans}:
            data.limitations.extend(rf.limitations)
            data.directions.extend(rf.directions)
            data.heading = data.heading or rf.report
    return data


# --------------------------------------------------------------------------- sentences


def plan_label(plan: Plan) -> str:
    """How a report names a plan in a sentence: 'Kế hoạch số 72/KH-UBND', else its type and short title."""
    if plan.number:
        return f"{plan.type} số {plan.number}"
    words = plan.title.split()
    title = " ".join(words[:9]) + ("…" if len(words) > 9 else "")
    return f"{plan.type} “{title}”"


def plan_reference(plan: Plan, issuer_name: str) -> str:
    number = f"số {plan.number}" if plan.number else ""
    d = plan.date
    when = f"ngày {fmt_short_date(dt.date(d.year, d.month, d.day))}" if d.day and d.month else f"năm {d.year}"
    return " ".join(x for x in (plan.type, number, when, f"của {issuer_name}", f"về {plan.title[0].lower() + plan.title[1:]}") if x)


def value_text(r: GapRow) -> str:
    return gaps_view.actual_text(r).rstrip("*")


def target_sentence(r: GapRow) -> str:
    """'Tỷ lệ lao động qua đào tạo: thực hiện 75,1%, so với kế hoạch 75% (100,1%), vượt kế hoạch.'"""
    if r.actual is None:
        return f"{r.name}: kế hoạch {gaps_view.target_text(r)}; chưa có số liệu."
    unit = "" if r.unit.strip() == "%" else f" {r.unit}"
    ach = f" ({fmt_percent(r.achievement)} kế hoạch)" if r.achievement is not None else ""
    verdict = {"exceeded": "vượt kế hoạch", "met": "đạt kế hoạch", "not_met": "không đạt kế hoạch",
               "on_track": "đúng hướng để đạt mốc", "off_track": "chưa đúng hướng để đạt mốc"}.get(r.status, "")
    star = " (số liệu minh họa)" if r.illustrative else ""
    return (f"{r.name}: thực hiện {value_text(r)}{unit}, so với kế hoạch {gaps_view.target_text(r)}{unit}"
            f"{ach}, {verdict}{star}.")


def summary_sentence(rows: list[GapRow]) -> str:
    top = [r for r in rows if r.level == 0 and not r.trend]
    counts = Counter(r.status for r in top)
    done = counts["exceeded"] + counts["met"]
    parts = [f"{done}/{len(top)} chỉ tiêu đạt và vượt kế hoạch"]
    if counts["not_met"]:
        parts.append(f"{counts['not_met']} chỉ tiêu không đạt")
    if counts["no_data"]:
        parts.append(f"{counts['no_data']} chỉ tiêu chưa có số liệu")
    return "Kết quả: " + "; ".join(parts) + "."


def limitation_sentences(data: ReportData, agency_name) -> list[str]:
    out = []
    for part in data.parts:
        for r in part.rows:
            if r.status == "not_met":
                out.append(f"{r.name} ({plan_label(part.plan)}) chưa đạt kế hoạch: thực hiện {value_text(r)} so với "
                           f"kế hoạch {gaps_view.target_text(r)}, chênh lệch {gaps_view.gap_text(r)}"
                           + (" (số liệu minh họa)." if r.illustrative else "."))
            elif r.status == "off_track":
                out.append(f"{r.name} ({plan_label(part.plan)}) chưa đúng hướng để đạt mốc năm {r.year}"
                           + (f", dự báo thiếu {fmt_number(r.shortfall)}" if r.shortfall else "") + ".")
        for t in part.tasks:
            if t.status != "hoan-thanh":
                out.append(f"Nhiệm vụ “{task_title(part.plan, t.task)}” ({t.name}) {PROGRESS_VI[t.status]}.")
        late = list(dict.fromkeys(r.name for r in part.reporters if r.state == "late"))
        missing = list(dict.fromkeys(r.name for r in part.reporters if r.state == "missing"))
        if late:
            out.append(f"Đơn vị gửi báo cáo chậm so với thời hạn ({plan_label(part.plan)}): {', '.join(late)}.")
        if missing:
            out.append(f"Chưa nhận được báo cáo của {', '.join(missing)} ({plan_label(part.plan)}).")
    return out + data.limitations


def reporter_listing(reporters) -> str:
    """'Sở GD&ĐT (22/12/2025), UBND các xã, phường': each agency once, with the date it reported."""
    seen: dict[str, str] = {}
    for r in reporters:
        date = f" ({fmt_short_date(r.reported)})" if r.reported else ""
        seen.setdefault(r.name, r.name + date)
    return ", ".join(seen.values())


def task_title(plan: Plan, task_id: str) -> str:
    for g in plan.all_task_groups():
        if g.id == task_id:
            return g.title
        for t in g.tasks:
            if t.id == task_id:
                text = fill(t.text, plan) or ""
                return text if len(text) <= 90 else text[:87].rsplit(" ", 1)[0] + "…"
    return task_id


def group_of(plan: Plan, task_id: str) -> str | None:
    for g in plan.all_task_groups():
        if g.id == task_id or any(t.id == task_id for t in g.tasks):
            return g.id
    return None
