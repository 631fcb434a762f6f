"""How a document names plans and agencies inside its sentences: in full at first citation, short after.

The report, its workbook, the reminder letter and the site all cite plans with these functions, so a
plan is never called one thing in the text and another in a table. Kept apart from the report's
sentences (report_text) because report_data and the letters need the names without the sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from gdnn_cli.common.numbers import fmt_short_date
from gdnn_cli.core.models import Plan


def lower_first(title: str) -> str:
    """'Triển khai công tác …' → 'triển khai công tác …' after 'Kế hoạch'; 'UBND …', 'GDNN …' stay."""
    first = title.split(" ", 1)[0]
    if len(first) > 1 and (first[1:].lower() != first[1:]):
        return title
    return title[:1].lower() + title[1:]


def plan_name(plan: Plan) -> str:
    """'Kế hoạch số 72/KH-UBND ngày 04/3/2022', or, with no number, the type and the whole title."""
    if plan.number:
        d = plan.date
        when = f" ngày {fmt_short_date(dt.date(d.year, d.month, d.day))}" if d.day and d.month else ""
        return f"{plan.type} số {plan.number}{when}"
    return f"{plan.type} {lower_first(plan.title)}"


def plan_short(plan: Plan) -> str:
    """The name a plan goes by after the opening has cited it in full: 'Kế hoạch số 72/KH-UBND'; a plan
    whose title starts by citing another document by number stops after that number ('Kế hoạch triển
    khai thực hiện Kế hoạch số 316-KH/TU'); any other keeps its whole title — never cut with '…'."""
    if plan.number:
        return f"{plan.type} số {plan.number}"
    m = re.match(r"^(.{0,80}?\bsố [\w/.\-Đđ]+)[,; ]", plan.title)
    return f"{plan.type} {lower_first(m.group(1))}" if m else plan_name(plan)


def plan_citation(plan: Plan, issuer: str) -> str:
    """How the opening cites a plan: number and date, issuer, and what it is about, never cut."""
    if plan.number:
        return f"{plan_name(plan)} của {issuer} về {lower_first(plan.title)}"
    year = "" if str(plan.date.year) in plan.title else f" (ban hành năm {plan.date.year})"
    return f"{plan.type} của {issuer}{year} về {lower_first(plan.title)}"


def self_name(agency_name: str) -> str:
    """A Sở names itself without its city: 'Sở Giáo dục và Đào tạo thành phố Hà Nội' → 'Sở Giáo dục và Đào tạo'."""
    return agency_name.split(" thành phố ")[0].split(" tỉnh ")[0]


def name_list(names: Iterable[str]) -> str:
    """Names in a sentence, once each, separated by semicolons: the names themselves hold commas
    ('Tỷ lệ lao động có bằng cấp, chứng chỉ'), so a comma between them would leave the reader unable
    to tell how many there are."""
    return "; ".join(dict.fromkeys(names))


def mid(name: str) -> str:
    """An agency name inside a sentence: 'Các Sở, ban, ngành' → 'các Sở, ban, ngành' ('Sở GD&ĐT' stays)."""
    return "các " + name[4:] if name.startswith("Các ") else name
