"""The Công văn đôn đốc: a reminder to the bodies that have not sent their year-end report.

Same letterhead, number line, Nơi nhận and signature machinery as the plans and reports
(``plan_doc``, ``report_doc``); who is listed comes from what the forms asked (``exchange.asks``)
and what has come in (the results' report records), so the letter never names a body that answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gdnn_cli.common.numbers import fmt_long_date, fmt_short_date
from gdnn_cli.documents.plan_doc import (
    BLANK,
    ILLUSTRATIVE_NOTICE,
    centred,
    keep_with_signature,
    letterhead,
    recipients_lines,
    sign_lines,
    symbol,
)

if TYPE_CHECKING:
    from gdnn_cli.core.dataset import Dataset
    from gdnn_cli.core.models import Plan

MANY = 5  # more addressees than this go to an annex, the letter says "có danh sách kèm theo"
TO_FILL = "…" * 8  # a dotted blank the clerk fills by hand: no-break spaces print nothing and wrap badly


@dataclass
class Overdue:
    """A body whose deadline has passed without its report: one line (or annex row) of the letter."""

    body: str
    name: str
    plan: Plan
    due: dt.date | None
    form: str
    group: str | None


@dataclass
class Reminder:
    """One Công văn đôn đốc: from one collecting body, on one day, to the bodies still overdue."""

    collector: str
    year: int
    on: dt.date
    bodies: list[Overdue] = field(default_factory=list)
    expected: int = 0  # bodies asked by this collector
    illustrative: bool = False


def reminders(ds, year: int, plan_id: str | None, on: dt.date) -> list[Reminder]:
    """One letter per collecting body: who was asked, whose deadline has passed, who has not answered."""
    from gdnn_cli.exchange.asks import asks_for
    from gdnn_cli.exchange.forms import form_name
    from gdnn_cli.tracking.status import reported_dates

    got = reported_dates(ds, year)
    letters: dict[str, Reminder] = {}
    asked: dict[str, set[str]] = {}
    for ask in asks_for(ds, year, plan_id):
        for p in ask.plans:
            letter = letters.setdefault(p.to, Reminder(p.to, year, on))
            asked.setdefault(p.to, set()).add(ask.body)
            letter.illustrative = letter.illustrative or p.plan.illustrative
            if (p.plan.id, ask.body) in got:
                letter.illustrative = letter.illustrative or got[(p.plan.id, ask.body)][1]
                continue
            if p.due is not None and p.due >= on:
                continue  # not yet due
            letter.bodies.append(Overdue(ask.body, ds.registry.agency_name(ask.body), p.plan, p.due,
                                         form_name(ask), ask.group))
    for to, letter in letters.items():
        letter.expected = len(asked[to])
    return [r for r in sorted(letters.values(), key=lambda r: r.collector) if r.bodies]


def _plan_ref(plan, reg) -> str:
    from gdnn_cli.documents.naming import plan_citation

    return plan_citation(plan, reg.agency_name(plan.issuer))


def letter_context(letter: Reminder, ds: Dataset, contact: str | None) -> dict:
    """The letter's template context, every figure and name from the data; tests read it without Word."""
    reg = ds.registry
    collector = reg.agencies.get(letter.collector)
    me = reg.agency_name(letter.collector)
    plans = list(dict.fromkeys(o.plan.id for o in letter.bodies))
    plan_objs = [next(o.plan for o in letter.bodies if o.plan.id == pid) for pid in plans]
    bodies = list(dict.fromkeys(o.body for o in letter.bodies))
    y = letter.year
    refs = "; ".join(_plan_ref(p, reg) for p in plan_objs)
    body = [{"kind": "body", "text": f"Thực hiện {refs}; {me} đã gửi biểu mẫu báo cáo kết quả thực hiện năm {y} "
                                     f"đến các cơ quan, đơn vị có trách nhiệm báo cáo."}]
    counts = _group_counts(letter, ds)
    tail = f" (trong đó: {'; '.join(counts)})" if counts else ""
    body.append({"kind": "body", "text": f"Đến ngày {fmt_short_date(letter.on)}, còn {len(bodies)}/{letter.expected} "
                                         f"cơ quan, đơn vị chưa gửi báo cáo{tail}"
                                         + (", có danh sách kèm theo." if len(bodies) > MANY else ".")})
    dues = sorted({o.due for o in letter.bodies if o.due})
    due_text = (f" (thời hạn gửi báo cáo theo Kế hoạch: {', '.join(fmt_short_date(d) for d in dues)})" if dues else "")
    body.append({"kind": "body", "text": f"Để kịp thời tổng hợp, báo cáo kết quả thực hiện năm {y}, {me} đề nghị "
                                         f"các cơ quan, đơn vị chưa gửi báo cáo khẩn trương hoàn thành biểu mẫu đã "
                                         f"được gửi (tệp Excel mang tên của đơn vị, ghi rõ người lập biểu và ngày lập) "
                                         f"và gửi về {me} ngay khi nhận được văn bản này{due_text}."})
    rows = _rows(letter, reg)
    if len(rows) <= MANY:
        body.extend({"kind": "body", "text": f"- {r['agency']}: hạn gửi {r['due']}, biểu mẫu {r['form']}."}
                    for r in rows)
    body.append({"kind": "body", "text": "Thông tin liên hệ: " + (contact or f"{me}, đồng chí {TO_FILL}, "
                                                                              f"điện thoại {TO_FILL}") + "."})
    body.append({"kind": "body", "text": "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./."})
    if len(bodies) > MANY:
        addressees = ["Kính gửi: Các cơ quan, đơn vị có tên trong danh sách kèm theo."]
    elif len(bodies) == 1:
        addressees = [f"Kính gửi: {letter.bodies[0].name}."]
    else:
        addressees = ["Kính gửi:"] + [f"- {n};" for n in dict.fromkeys(o.name for o in letter.bodies)]
        addressees[-1] = addressees[-1][:-1] + "."
    sup, line1, line2 = letterhead(collector, reg)
    place = plan_objs[0].place if plan_objs else ""
    return {
        "letterhead_superior": sup, "letterhead_issuer": line1, "letterhead_issuer2": line2,
        "number_line": f"Số: {BLANK}/{symbol(collector)}",
        "subject": f"V/v đôn đốc gửi báo cáo kết quả thực hiện năm {y}",
        "place_date": fmt_long_date(letter.on.year, letter.on.month, letter.on.day, place=place),
        "illustrative_notice": ILLUSTRATIVE_NOTICE if letter.illustrative else "",
        "addressees": addressees,
        "body": keep_with_signature(body),
        "recipients": recipients_lines(["Như trên", f"{reg.agency_name(plan_objs[0].issuer)} (để báo cáo)",
                                        "Lưu: VT"] if plan_objs else ["Như trên", "Lưu: VT"]),
        "sign_lines": sign_lines(None, collector),
        "signer": "",
        "annex_bodies": {"label": "DANH SÁCH",
                         "title": centred(f"CÁC CƠ QUAN, ĐƠN VỊ CHƯA GỬI BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM {y}"),
                         "note": centred(f"(Kèm theo Công văn số {BLANK}/{symbol(collector)} ngày "
                                         f"{fmt_short_date(letter.on)} của {me})", bold=False),
                         "rows": rows} if len(bodies) > MANY else None,
    }


def _rows(letter: Reminder, reg) -> list[dict]:
    """One row per body (its one form carries all its plans), with the earliest deadline it missed."""
    by_body: dict[str, list[Overdue]] = {}
    for o in letter.bodies:
        by_body.setdefault(o.body, []).append(o)
    rows = []
    for i, (body, items) in enumerate(by_body.items(), 1):
        dues = [o.due for o in items if o.due]
        rows.append({"no": str(i), "agency": reg.short_name(body),
                     "due": fmt_short_date(min(dues)) if dues else "Theo Kế hoạch", "form": items[0].form})
    return rows


def _group_counts(letter: Reminder, ds) -> list[str]:
    """'98/126 xã, phường' for each group whose members were asked one by one."""
    from gdnn_cli.tracking.status import group_label

    out = []
    groups: dict[str, set[str]] = {}
    for o in letter.bodies:
        if o.group:
            groups.setdefault(o.group, set()).add(o.body)
    for g, missing in groups.items():
        total = len(ds.registry.members(g, dt.date(letter.year, 12, 31)))
        out.append(f"{len(missing)}/{total} {group_label(ds, g)}")
    return out


def render_reminder(letter: Reminder, ds: Dataset, out: Path, templates: Path, contact: str | None = None) -> Path:
    """Write the letter as .docx from the department's cong-van.docx, or the packaged one when it has none."""
    from gdnn_cli.common.resources import templates as packaged
    from gdnn_cli.documents.docx import render_docx

    template = templates / "cong-van.docx"
    if not template.is_file():  # a department's templates folder made before the letter existed
        template = packaged() / "cong-van.docx"
    return render_docx(template, letter_context(letter, ds, contact), out)
