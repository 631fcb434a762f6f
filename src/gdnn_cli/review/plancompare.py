"""Compare two versions of one plan part by part: fields, targets, sections, tasks, assignments, reporting.

Both versions come with their figures filled in (``fill_plan``), so that a changed figure shows in the
sentences that print it too. Items that lost their ids or moved are paired by ``changes.match``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gdnn_cli.common.numbers import fmt_number, fmt_signed
from gdnn_cli.common.vocab import FREQUENCIES, ROLES, spoken
from gdnn_cli.core.models import Plan, ReportingRule, Signature, Target, Task
from gdnn_cli.core.rules import parts_off
from gdnn_cli.review.changes import ChangeLog, days_apart, match, short
from gdnn_cli.review.textconv import amount, date_vi, due_vi, pdate, year_label

PLAN_FIELDS = {"number": "Số hiệu", "type": "Loại văn bản", "place": "Địa danh", "issuer": "Cơ quan ban hành",
               "standing_agency": "Cơ quan thường trực"}
AGENCY_FIELDS = ("issuer", "standing_agency")


def compare_plans(d: ChangeLog, o: Plan, n: Plan) -> None:
    """Record in ``d`` every change from plan ``o`` to plan ``n``, the same plan at two revisions."""
    for f, label in PLAN_FIELDS.items():
        a, b = getattr(o, f), getattr(n, f)
        if a != b:
            shown = (d.name(a), d.name(b)) if f in AGENCY_FIELDS else (a or "—", b or "—")
            d.add("plan-field", f, f"{label}: {shown[0]} → {shown[1]}", a, b)
    if o.date != n.date:
        d.add("plan-field", "date", f"Ngày ban hành: {pdate(o.date)} → {pdate(n.date)}", pdate(o.date), pdate(n.date))
    if o.period != n.period:
        d.add("plan-field", "period", f"Giai đoạn: {o.period.start}–{o.period.end} → {n.period.start}–{n.period.end}",
              o.period.model_dump(), n.period.model_dump())
    d.text("title", "Trích yếu", o.title, n.title)
    for key, label in (("preamble", "Mở đầu"), ("closing", "Kết thúc"), ("recipients", "Nơi nhận")):
        d.paras(key, label, getattr(o, key), getattr(n, key))
    d.paras("funding", "Kinh phí", [f.text for f in o.funding], [f.text for f in n.funding])
    d.text("signature", "Người ký", _signer(o.signature), _signer(n.signature))
    _targets(d, o, n)
    _sections(d, o, n)
    _tasks(d, o, n)
    _assignments(d, o, n)
    _reporting(d, o, n)


def _signer(s: Signature) -> str:
    return " / ".join(x for x in (s.authority, s.acting, s.title, s.name) if x)


def _sum_off(t: Target) -> str | None:
    """Why the parts of ``t`` do not add up to it, or None when they do (or cannot be added)."""
    off = parts_off(t)
    if off is None:
        return None
    terms, total = " + ".join(fmt_number(v, 2) for v in off.values), fmt_number(off.total, 2)
    if off.outside_range:
        return f"{terms} = {total}, ngoài khoảng {amount(t)}"
    return f"{terms} = {total}, không phải {fmt_number(t.value, 2)} {t.unit}"


def _targets(d: ChangeLog, o: Plan, n: Plan) -> None:
    ot, nt = {t.id: t for t in o.all_targets()}, {t.id: t for t in n.all_targets()}
    for tid, b in nt.items():
        a, where = ot.get(tid), f"targets:{tid}"
        if a is None:
            d.add("target-added", where, f"Thêm chỉ tiêu {b.name}: {amount(b)} ({year_label(b.year)})", None, b.value)
            continue
        _target(d, where, a, b)
    for tid, a in ot.items():
        if tid not in nt:
            d.add("target-removed", f"targets:{tid}", f"Bỏ chỉ tiêu {a.name} ({amount(a)})", a.value, None)
    for tid, b in nt.items():
        why = _sum_off(b)
        if why and not (tid in ot and _sum_off(ot[tid])):
            d.add("breakdown-mismatch", f"targets:{tid}.parts", f"{b.name}: các phần không còn cộng đủ: {why}",
                  None, b.value)


def _target(d: ChangeLog, where: str, a: Target, b: Target) -> None:
    """The changes of one target present in both versions."""
    rate = b.unit.strip() == "%"
    if (a.value, a.min, a.max, a.qualifier) != (b.value, b.min, b.max, b.qualifier):
        same = a.unit == b.unit
        msg = f"{b.name}: {amount(a, not same)} → {amount(b, not same)}" + (f" {b.unit}" if same and not rate else "")
        delta = b.value - a.value if a.value is not None and b.value is not None and a.value != b.value else None
        msg += f" ({fmt_signed(delta, 2)}{' điểm %' if rate else ''})" if delta is not None else ""
        d.add("target-changed", where + ".value", msg, a.value if a.value is not None else [a.min, a.max],
              b.value if b.value is not None else [b.min, b.max], delta)
    elif a.unit != b.unit:
        d.add("target-changed", where + ".unit", f"{b.name}: đơn vị {a.unit} → {b.unit}", a.unit, b.unit)
    if a.year != b.year:
        d.add("target-changed", where + ".year", f"{b.name}: {year_label(a.year)} → {year_label(b.year)}",
              a.year, b.year)
    for f in ("measure", "direction", "cumulative", "baseline", "tolerance", "indicator"):
        if getattr(a, f) != getattr(b, f):
            d.add("target-changed", f"{where}.{f}", f"{b.name}: {f} {getattr(a, f)} → {getattr(b, f)}",
                  getattr(a, f), getattr(b, f))
    d.text(where + ".name", "Tên chỉ tiêu", a.name, b.name)
    d.text(where + ".sentence", f"Câu chỉ tiêu «{b.name}»", a.sentence, b.sentence)
    d.text(where + ".note", f"Ghi chú chỉ tiêu «{b.name}»", a.note, b.note)


Flat = tuple[tuple[int, ...], tuple[str, ...], Any]


def _flat(items: list[Any], children: str, path: tuple[int, ...] = (), chain: tuple[str, ...] = ()) -> Iterator[Flat]:
    """Nested blocks or assignments as (index path, heading chain, item)."""
    for i, x in enumerate(items):
        c = chain + (getattr(x, "heading", None) or "",)
        yield path + (i,), c, x
        yield from _flat(getattr(x, children), children, path + (i,), c)


def _section_at(path: tuple[int, ...]) -> str:
    return "sections[" + ".".join(str(i + 1) for i in path) + "]"


def _sections(d: ChangeLog, o: Plan, n: Plan) -> None:
    pairs, gone, added = match(list(_flat(o.sections, "blocks")), list(_flat(n.sections, "blocks")),
                               [lambda x: x[1], lambda x: x[0]])
    for (_, _, a), (q, _, b) in pairs:
        label = f"Mục «{short(b.heading or '(không tiêu đề)', 50)}»"
        d.text(_section_at(q) + ".heading", "Tiêu đề mục", a.heading, b.heading)
        d.paras(_section_at(q) + ".text", label, a.text, b.text)
        d.paras(_section_at(q) + ".after", label, a.after, b.after)
    for kind, items, verb in (("section-added", added, "Thêm"), ("section-removed", gone, "Bỏ")):
        for p, _, x in items:
            d.add(kind, _section_at(p), f"{verb} mục «{short(x.heading or '(không tiêu đề)', 60)}»")


def _task_label(t: Task) -> str:
    return f"«{t.id}»" if t.id else f"«{short(t.text, 50)}»"


def _tasks(d: ChangeLog, o: Plan, n: Plan) -> None:
    og, ng = {g.id: g for g in o.all_task_groups()}, {g.id: g for g in n.all_task_groups()}
    for gid, b in ng.items():
        if gid in og:
            a = og[gid]
            d.text(f"task_groups:{gid}.title", "Tên nhóm nhiệm vụ", a.title, b.title)
            d.paras(f"task_groups:{gid}.text", f"Nhóm nhiệm vụ «{short(b.title, 40)}»", a.text + a.after,
                    b.text + b.after)
        else:
            d.add("task-added", f"task_groups:{gid}",
                  f"Thêm nhóm nhiệm vụ «{short(b.title)}» ({len(b.tasks)} nhiệm vụ)")
    for gid, a in og.items():
        if gid not in ng:
            d.add("task-removed", f"task_groups:{gid}",
                  f"Bỏ nhóm nhiệm vụ «{short(a.title)}» ({len(a.tasks)} nhiệm vụ)")
    ot = [(g.id, t) for g in o.all_task_groups() for t in g.tasks]
    nt = [(g.id, t) for g in n.all_task_groups() for t in g.tasks]
    pairs, gone, added = match(ot, nt, [lambda x: x[1].id, lambda x: x[1].text], text=lambda x: x[1].text,
                               bonus=lambda x, y: -1 if x[1].id and y[1].id and x[1].id != y[1].id else 0)
    for (_, ta), (gid, tb) in pairs:
        _task(d, gid, ta, tb)
    for kind, items, groups, verb in (("task-added", added, og, "Thêm"), ("task-removed", gone, ng, "Bỏ")):
        for gid, t in items:
            if gid in groups:  # a whole new or dropped group is reported once, above
                d.add(kind, f"tasks:{t.id or gid}", f"{verb} nhiệm vụ {_task_label(t)}", *(
                    (None, t.text) if verb == "Thêm" else (t.text, None)))


def _task(d: ChangeLog, gid: str, a: Task, b: Task) -> None:
    """The changes of one task present in both versions (paired by id, text or likeness)."""
    lab, where = _task_label(b), f"tasks:{b.id or gid}"
    d.text(where + ".text", f"Nhiệm vụ {lab}" if b.id else "Nhiệm vụ", a.text, b.text)
    if a.lead != b.lead:
        msg = (f"{d.name(a.lead)} không còn chủ trì nhiệm vụ {lab}" + (f"; nay {d.name(b.lead)} chủ trì" if b.lead
               else "")) if a.lead else f"{d.name(b.lead)} chủ trì nhiệm vụ {lab}"
        d.add("task-lead", where + ".lead", msg, a.lead, b.lead)
    more, less = sorted(set(b.partners) - set(a.partners)), sorted(set(a.partners) - set(b.partners))
    if more or less:
        bits = ([f"thêm phối hợp {d.who(more)}"] if more else []) + ([f"bỏ phối hợp {d.who(less)}"] if less else [])
        d.add("task-partners", where + ".partners", f"Nhiệm vụ {lab}: {'; '.join(bits)}", a.partners, b.partners)
    if a.deadline != b.deadline:
        moved = (b.deadline - a.deadline).days if a.deadline and b.deadline else None
        d.add("deadline-moved", where + ".deadline", f"Hạn nhiệm vụ {lab}: {date_vi(a.deadline)} → "
              f"{date_vi(b.deadline)}{days_apart(a.deadline, b.deadline) if a.deadline and b.deadline else ''}",
              a.deadline, b.deadline, moved)
    if (a.timing or "") != (b.timing or ""):
        d.add("deadline-moved", where + ".timing", f"Thời gian nhiệm vụ {lab}: {a.timing or '—'} → {b.timing or '—'}",
              a.timing, b.timing)
    if a.key != b.key:
        d.add("task-lead", where + ".key", f"Nhiệm vụ {lab} {'trở thành' if b.key else 'không còn là'} nhiệm vụ "
              "trọng tâm (Phụ lục 2)", a.key, b.key)


def _assignment_at(agencies: list[str] | tuple[str, ...]) -> str:
    return "assignments:" + ",".join(agencies)


def _assignments(d: ChangeLog, o: Plan, n: Plan) -> None:
    oa, na = list(_flat(o.assignments, "units")), list(_flat(n.assignments, "units"))
    pairs, gone, added = match(oa, na, [lambda x: tuple(x[2].agencies), lambda x: x[2].heading])
    for (_, _, a), (_, _, b) in pairs:
        at = _assignment_at(b.agencies)
        if a.agencies != b.agencies:
            d.add("role-changed", at + ".agencies", f"Phần giao việc: {d.who(a.agencies)} → {d.who(b.agencies)}",
                  a.agencies, b.agencies)
        if a.role != b.role:
            d.add("role-changed", at + ".role", f"{d.who(b.agencies)}: vai trò {spoken(ROLES, a.role)} → "
                  f"{spoken(ROLES, b.role)}", a.role, b.role)
        d.text(at + ".heading", "Tiêu đề phần giao việc", a.heading, b.heading)
        d.paras(at + ".text", f"Phần giao việc cho {d.who(b.agencies)}", a.text + a.after, b.text + b.after)
    for kind, items, verb in (("assignment-added", added, "Giao việc cho"),
                              ("assignment-removed", gone, "Bỏ phần giao việc cho")):
        for _, _, x in items:
            d.add(kind, _assignment_at(x.agencies), f"{verb} {d.who(x.agencies)} ({spoken(ROLES, x.role)}, "
                  f"{len(x.duties)} nhiệm vụ)")
    skip = {tuple(x.agencies) for _, _, x in gone + added}
    od = [(tuple(a.agencies), x) for _, _, a in oa for x in a.duties]
    nd = [(tuple(a.agencies), x) for _, _, a in na for x in a.duties]
    pairs_d, gone_d, added_d = match(od, nd, [lambda x: (x[0], x[1].text), lambda x: x[1].text],
                                     text=lambda x: x[1].text, bonus=lambda x, y: 0.1 if x[0] == y[0] else 0)
    for (ka, da), (kb, db) in pairs_d:
        where = _assignment_at(kb) + ".duties"
        if ka != kb:
            d.add("duty-moved", where, f"Nhiệm vụ «{short(db.text, 90)}» chuyển từ {d.who(ka)} sang {d.who(kb)}",
                  list(ka), list(kb))
        d.text(where, f"Nhiệm vụ của {d.who(kb)}", da.text, db.text)
        if da.deadline != db.deadline:
            d.add("deadline-moved", where + ".deadline", f"Hạn nhiệm vụ của {d.who(kb)} «{short(db.text, 50)}»: "
                  f"{date_vi(da.deadline)} → {date_vi(db.deadline)}", da.deadline, db.deadline)
    for k, x in gone_d:
        if k not in skip:
            d.add("duty-removed", _assignment_at(k) + ".duties", f"{d.who(k)} không còn nhiệm vụ «{short(x.text, 90)}»",
                  x.text, None)
    for k, x in added_d:
        if k not in skip:
            d.add("duty-added", _assignment_at(k) + ".duties", f"Giao thêm cho {d.who(k)}: «{short(x.text, 90)}»",
                  None, x.text)


def _reporting(d: ChangeLog, o: Plan, n: Plan) -> None:
    pairs, gone, added = match(list(enumerate(o.reporting)), list(enumerate(n.reporting)),
                               [lambda x: (tuple(x[1].reporters), x[1].to), lambda x: x[1].text, lambda x: x[0]])
    for (_, a), (i, b) in pairs:
        _rule(d, f"reporting[{i}]", a, b)
    for kind, items, verb in (("reporting-added", added, "Thêm"), ("reporting-removed", gone, "Bỏ")):
        for i, r in items:
            d.add(kind, f"reporting[{i}]", f"{verb} quy định báo cáo: {d.who(r.reporters)} gửi {d.name(r.to)}, "
                  f"{spoken(FREQUENCIES, r.frequency)}, hạn {due_vi(r)}")


def _rule(d: ChangeLog, where: str, a: ReportingRule, b: ReportingRule) -> None:
    """The changes of one reporting rule present in both versions."""
    lab = f"gửi {d.name(b.to)}"
    if (a.due, a.due_day_month) != (b.due, b.due_day_month):
        moved = (b.due - a.due).days if a.due and b.due else None
        d.add("deadline-moved", where + ".due", f"Hạn báo cáo {lab}: {due_vi(a)} → {due_vi(b)}"
              f"{days_apart(a.due, b.due) if a.due and b.due else ''}", due_vi(a), due_vi(b), moved)
    if a.frequency != b.frequency:
        d.add("reporting-changed", where + ".frequency",
              f"Tần suất báo cáo {lab}: {spoken(FREQUENCIES, a.frequency)} → {spoken(FREQUENCIES, b.frequency)}",
              a.frequency, b.frequency)
    if a.to != b.to:
        d.add("reporting-changed", where + ".to", f"Báo cáo của {d.who(b.reporters)}: gửi {d.name(a.to)} → "
              f"{d.name(b.to)}", a.to, b.to)
    more, less = sorted(set(b.reporters) - set(a.reporters)), sorted(set(a.reporters) - set(b.reporters))
    if more or less:
        bits = ([f"thêm {d.who(more)}"] if more else []) + ([f"bỏ {d.who(less)}"] if less else [])
        d.add("reporting-changed", where + ".reporters", f"Cơ quan báo cáo {lab}: {'; '.join(bits)}",
              a.reporters, b.reporters)
    d.text(where + ".text", f"Câu về báo cáo {lab}", a.text, b.text)
