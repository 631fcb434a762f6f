"""Compare two loaded revisions of the data as plans: the semantic half of `gdnn diff`.

Every change becomes a Change record with a message a reviewer reads in Vietnamese
("Cao đẳng: 26.500 → 27.000 lượt người (+500)"); gitdiff.py fetches the revisions from git.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from gdnn_cli.core import dataset
from gdnn_cli.common.numbers import fmt_number, fmt_signed
from gdnn_cli.core.figures import fill_plan
from gdnn_cli.core.rules import parts_off
from gdnn_cli.review.textconv import FREQ_VI, PROGRESS_VI, ROLE_VI, STATUS_VI, amount, date_vi, due_vi, num, pdate, year_label


@dataclass
class Change:
    """One semantic change; ``message`` is what a reviewer reads, the rest is for machines."""

    kind: str
    file: str
    message: str
    plan: str | None = None
    where: str = ""
    old: object = None
    new: object = None
    delta: float | None = None

    def to_dict(self) -> dict:
        def plain(v):
            return v.isoformat() if isinstance(v, dt.date) else v
        return {"kind": self.kind, "file": self.file, "plan": self.plan, "where": self.where,
                "old": plain(self.old), "new": plain(self.new), "delta": self.delta, "message": self.message}


@dataclass
class Side:
    label: str
    ds: dataset.Dataset


# --------------------------------------------------------------------------- helpers


def word_diff(a: str, b: str, context: int = 5, limit: int = 300) -> str:
    """'… giữ nguyên [-cũ-] {+mới+} giữ nguyên …' with a few words of context around each change."""
    wa, wb = a.split(), b.split()
    ops = difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
    parts: list[str] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "equal":
            parts += [f"[-{' '.join(wa[i1:i2])}-]"] if i2 > i1 else []
            parts += [f"{{+{' '.join(wb[j1:j2])}+}}"] if j2 > j1 else []
            continue
        words, first, last = wa[i1:i2], k == 0, k == len(ops) - 1
        keep = (0 if first else context) + (0 if last else context)
        parts += words if len(words) <= keep else (
            ([] if first else words[:context]) + ["…"] + ([] if last else words[-context:]))
    text = " ".join(parts)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rsplit(" ", 1)[0] + "…"


def match(old: list, new: list, keys: list, text=None, cutoff: float = 0.6, bonus=None):
    """Pair items by each key in turn, then by text similarity; returns (pairs, unmatched old, unmatched new)."""
    pairs, old, new = [], list(old), list(new)
    for key in keys:
        index: dict = {}
        for o in old:
            if key(o) is not None:
                index.setdefault(key(o), []).append(o)
        rest = []
        for n in new:
            bucket = index.get(key(n)) if key(n) is not None else None
            if bucket:
                o = bucket.pop(0)
                pairs.append((o, n))
                old = [x for x in old if x is not o]
            else:
                rest.append(n)
        new = rest
    if text and old and new:
        def score(o, n) -> float:
            sm, extra = difflib.SequenceMatcher(None, text(o), text(n)), bonus(o, n) if bonus else 0
            return sm.ratio() + extra if sm.quick_ratio() + extra >= cutoff else 0.0
        scored = sorted(((score(o, n), i, j) for i, o in enumerate(old) for j, n in enumerate(new)), reverse=True)
        used_o, used_n = set(), set()
        for score, i, j in scored:
            if score >= cutoff and i not in used_o and j not in used_n:
                used_o.add(i), used_n.add(j), pairs.append((old[i], new[j]))
        old = [o for i, o in enumerate(old) if i not in used_o]
        new = [n for j, n in enumerate(new) if j not in used_n]
    return pairs, old, new


def _days(a: dt.date, b: dt.date) -> str:
    d = (b - a).days
    return f" ({'muộn' if d > 0 else 'sớm'} hơn {abs(d)} ngày)" if d else ""


# --------------------------------------------------------------------------- comparing


class _Diff:
    """Collects the changes of one comparison; ``name`` prefers the new registry's short names."""

    def __init__(self, old: Side, new: Side):
        self.old, self.new, self.out = old, new, []
        self.file, self.plan = "", None

    def add(self, kind: str, where: str, message: str, old=None, new=None, delta=None, file=None, plan=None):
        self.out.append(Change(kind, file or self.file, message, plan if plan is not None else self.plan,
                               where, old, new, delta))

    def name(self, agency_id: str | None) -> str:
        reg = self.new.ds.registry if agency_id in self.new.ds.registry.agencies else self.old.ds.registry
        return reg.short_name(agency_id) if agency_id else "—"

    def who(self, ids) -> str:
        return ", ".join(self.name(a) for a in ids)

    def text(self, where: str, label: str, a: str | None, b: str | None) -> None:
        if (a or "").split() != (b or "").split():
            body = word_diff(a, b) if a and b else f"{short(a) if a else '—'} → {short(b) if b else '—'}"
            self.add("text-changed", where, f"{label}: {body}", a, b)

    def paras(self, where: str, label: str, a: list[str], b: list[str]) -> None:
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            for k in range(max(i2 - i1, j2 - j1) if tag != "equal" else 0):
                x = a[i1 + k] if i1 + k < i2 else None
                y = b[j1 + k] if j1 + k < j2 else None
                self.text(f"{where}[{(j1 if y else i1) + k}]", label if x and y else
                          f"{label} ({'thêm đoạn' if y else 'bỏ đoạn'})", x, y)


def compare(old: Side, new: Side) -> list[Change]:
    d = _Diff(old, new)
    ofiles = {lf.display: lf for lf in old.ds.files}
    nfiles = {lf.display: lf for lf in new.ds.files}
    for path in sorted(nfiles.keys() ^ ofiles.keys()):
        lf, added = nfiles.get(path) or ofiles[path], path in nfiles
        m = lf.model
        if lf.kind == "plan":
            what = f"kế hoạch {m.id} «{short(m.title, 60)}»" if m else "kế hoạch"
        elif lf.kind == "agencies":
            what = f"danh mục {len(m.agencies)} cơ quan" if m else "danh mục cơ quan"
        else:
            what = f"kết quả năm {m.year}" if m else "kết quả"
        d.add("file-added" if added else "file-removed", "", f"{'Thêm' if added else 'Bỏ'} tệp {path} ({what})",
              file=path, plan=getattr(m, "id", None) if lf.kind == "plan" else getattr(m, "plan", None))
    for path in sorted(ofiles.keys() & nfiles.keys()):
        if nfiles[path].model is None and ofiles[path].model is not None:
            d.add("file-invalid", "", f"Tệp {path} không còn đúng lược đồ ở bản mới nên không so sánh được",
                  file=path)
    skip = {p for p in nfiles if nfiles[p].model is None} | {p for p in ofiles if ofiles[p].model is None}
    oreg, nreg = old.ds.registry, new.ds.registry
    for pid in list(nreg.plans) + [p for p in oreg.plans if p not in nreg.plans]:
        d.file, d.plan = nreg.plan_files.get(pid) or oreg.plan_files[pid], pid
        if pid in nreg.plans and pid in oreg.plans:
            # compare the words the documents print: a changed figure shows in its sentences too
            _plan(d, fill_plan(oreg.plans[pid]), fill_plan(nreg.plans[pid]))
        elif d.file in ofiles and d.file in nfiles and d.file not in skip:
            added = pid in nreg.plans
            d.add("plan-added" if added else "plan-removed", "", f"{'Thêm' if added else 'Bỏ'} kế hoạch {pid}")
    d.plan = None
    _agencies(d, ofiles, nfiles, skip)
    _results(d, ofiles, nfiles)
    return d.out


PLAN_FIELDS = {"number": "Số hiệu", "type": "Loại văn bản", "place": "Địa danh", "issuer": "Cơ quan ban hành",
               "standing_agency": "Cơ quan thường trực"}


def _plan(d: _Diff, o, n) -> None:
    for f, label in PLAN_FIELDS.items():
        a, b = getattr(o, f), getattr(n, f)
        if a != b:
            show = d.name if f in ("issuer", "standing_agency") else (lambda x: x or "—")
            d.add("plan-field", f, f"{label}: {show(a)} → {show(b)}", a, b)
    if o.date != n.date:
        d.add("plan-field", "date", f"Ngày ban hành: {pdate(o.date)} → {pdate(n.date)}", pdate(o.date), pdate(n.date))
    if o.period != n.period:
        d.add("plan-field", "period", f"Giai đoạn: {o.period.start}–{o.period.end} → {n.period.start}–{n.period.end}",
              o.period.model_dump(), n.period.model_dump())
    d.text("title", "Trích yếu", o.title, n.title)
    for key, label in (("preamble", "Mở đầu"), ("closing", "Kết thúc"), ("recipients", "Nơi nhận")):
        d.paras(key, label, getattr(o, key), getattr(n, key))
    d.paras("funding", "Kinh phí", [f.text for f in o.funding], [f.text for f in n.funding])
    sig = lambda s: " / ".join(x for x in (s.authority, s.acting, s.title, s.name) if x)  # noqa: E731
    d.text("signature", "Người ký", sig(o.signature), sig(n.signature))
    _targets(d, o, n)
    _sections(d, o, n)
    _tasks(d, o, n)
    _assignments(d, o, n)
    _reporting(d, o, n)


def _sum_off(t) -> str | None:
    """Why the parts of ``t`` do not add up to it, or None when they do (or cannot be added)."""
    off = parts_off(t)
    if off is None:
        return None
    terms, total = " + ".join(fmt_number(v, 2) for v in off.values), fmt_number(off.total, 2)
    if off.outside_range:
        return f"{terms} = {total}, ngoài khoảng {amount(t)}"
    return f"{terms} = {total}, không phải {fmt_number(t.value, 2)} {t.unit}"


def _targets(d: _Diff, o, n) -> None:
    ot, nt = {t.id: t for t in o.all_targets()}, {t.id: t for t in n.all_targets()}
    for tid, b in nt.items():
        a, where = ot.get(tid), f"targets:{tid}"
        if a is None:
            d.add("target-added", where, f"Thêm chỉ tiêu {b.name}: {amount(b)} ({year_label(b.year)})", None, b.value)
            continue
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
    for tid, a in ot.items():
        if tid not in nt:
            d.add("target-removed", f"targets:{tid}", f"Bỏ chỉ tiêu {a.name} ({amount(a)})", a.value, None)
    for tid, b in nt.items():
        why = _sum_off(b)
        if why and not (tid in ot and _sum_off(ot[tid])):
            d.add("breakdown-mismatch", f"targets:{tid}.parts", f"{b.name}: các phần không còn cộng đủ: {why}",
                  None, b.value)


def _flat(items, children: str, path=(), chain=()):
    """Nested blocks or assignments as (index path, heading chain, item)."""
    for i, x in enumerate(items):
        c = chain + (getattr(x, "heading", None) or "",)
        yield path + (i,), c, x
        yield from _flat(getattr(x, children), children, path + (i,), c)


def _sections(d: _Diff, o, n) -> None:
    pairs, gone, added = match(list(_flat(o.sections, "blocks")), list(_flat(n.sections, "blocks")),
                               [lambda x: x[1], lambda x: x[0]])
    at = lambda p: "sections[" + ".".join(str(i + 1) for i in p) + "]"  # noqa: E731
    for (_, _, a), (q, _, b) in pairs:
        label = f"Mục «{short(b.heading or '(không tiêu đề)', 50)}»"
        d.text(at(q) + ".heading", "Tiêu đề mục", a.heading, b.heading)
        d.paras(at(q) + ".text", label, a.text, b.text)
        d.paras(at(q) + ".after", label, a.after, b.after)
    for kind, items, verb in (("section-added", added, "Thêm"), ("section-removed", gone, "Bỏ")):
        for p, _, x in items:
            d.add(kind, at(p), f"{verb} mục «{short(x.heading or '(không tiêu đề)', 60)}»")


def _task_label(t) -> str:
    return f"«{t.id}»" if t.id else f"«{short(t.text, 50)}»"


def _tasks(d: _Diff, o, n) -> None:
    og, ng = {g.id: g for g in o.all_task_groups()}, {g.id: g for g in n.all_task_groups()}
    for gid, b in ng.items():
        if gid in og:
            a = og[gid]
            d.text(f"task_groups:{gid}.title", "Tên nhóm nhiệm vụ", a.title, b.title)
            d.paras(f"task_groups:{gid}.text", f"Nhóm nhiệm vụ «{short(b.title, 40)}»", a.text + a.after,
                    b.text + b.after)
        else:
            d.add("task-added", f"task_groups:{gid}", f"Thêm nhóm nhiệm vụ «{short(b.title)}» ({len(b.tasks)} nhiệm vụ)")
    for gid, a in og.items():
        if gid not in ng:
            d.add("task-removed", f"task_groups:{gid}", f"Bỏ nhóm nhiệm vụ «{short(a.title)}» ({len(a.tasks)} nhiệm vụ)")
    ot = [(g.id, t) for g in o.all_task_groups() for t in g.tasks]
    nt = [(g.id, t) for g in n.all_task_groups() for t in g.tasks]
    pairs, gone, added = match(ot, nt, [lambda x: x[1].id, lambda x: x[1].text], text=lambda x: x[1].text,
                               bonus=lambda x, y: -1 if x[1].id and y[1].id and x[1].id != y[1].id else 0)
    for (_, a), (gid, b) in pairs:
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
            d.add("deadline-moved", where + ".deadline", f"Hạn nhiệm vụ {lab}: {date_vi(a.deadline)} → "
                  f"{date_vi(b.deadline)}{_days(a.deadline, b.deadline) if a.deadline and b.deadline else ''}",
                  a.deadline, b.deadline, (b.deadline - a.deadline).days if a.deadline and b.deadline else None)
        if (a.timing or "") != (b.timing or ""):
            d.add("deadline-moved", where + ".timing", f"Thời gian nhiệm vụ {lab}: {a.timing or '—'} → {b.timing or '—'}",
                  a.timing, b.timing)
        if a.key != b.key:
            d.add("task-lead", where + ".key", f"Nhiệm vụ {lab} {'trở thành' if b.key else 'không còn là'} nhiệm vụ "
                  "trọng tâm (Phụ lục 2)", a.key, b.key)
    for kind, items, groups, verb in (("task-added", added, og, "Thêm"), ("task-removed", gone, ng, "Bỏ")):
        for gid, t in items:
            if gid in groups:  # a whole new or dropped group is reported once, above
                d.add(kind, f"tasks:{t.id or gid}", f"{verb} nhiệm vụ {_task_label(t)}", *(
                    (None, t.text) if verb == "Thêm" else (t.text, None)))


def _assignments(d: _Diff, o, n) -> None:
    oa, na = list(_flat(o.assignments, "units")), list(_flat(n.assignments, "units"))
    pairs, gone, added = match(oa, na, [lambda x: tuple(x[2].agencies), lambda x: x[2].heading])
    at = lambda a: "assignments:" + ",".join(a.agencies)  # noqa: E731
    for (_, _, a), (_, _, b) in pairs:
        if a.agencies != b.agencies:
            d.add("role-changed", at(b) + ".agencies", f"Phần giao việc: {d.who(a.agencies)} → {d.who(b.agencies)}",
                  a.agencies, b.agencies)
        if a.role != b.role:
            d.add("role-changed", at(b) + ".role", f"{d.who(b.agencies)}: vai trò {ROLE_VI[a.role]} → "
                  f"{ROLE_VI[b.role]}", a.role, b.role)
        d.text(at(b) + ".heading", "Tiêu đề phần giao việc", a.heading, b.heading)
        d.paras(at(b) + ".text", f"Phần giao việc cho {d.who(b.agencies)}", a.text + a.after, b.text + b.after)
    for kind, items, verb in (("assignment-added", added, "Giao việc cho"), ("assignment-removed", gone, "Bỏ phần giao việc cho")):
        for _, _, x in items:
            d.add(kind, at(x), f"{verb} {d.who(x.agencies)} ({ROLE_VI[x.role]}, {len(x.duties)} nhiệm vụ)")
    skip = {tuple(x.agencies) for _, _, x in gone + added}
    od = [(tuple(a.agencies), x) for _, _, a in oa for x in a.duties]
    nd = [(tuple(a.agencies), x) for _, _, a in na for x in a.duties]
    pairs, gone_d, added_d = match(od, nd, [lambda x: (x[0], x[1].text), lambda x: x[1].text],
                                   text=lambda x: x[1].text, bonus=lambda x, y: 0.1 if x[0] == y[0] else 0)
    for (ka, a), (kb, b) in pairs:
        where = "assignments:" + ",".join(kb) + ".duties"
        if ka != kb:
            d.add("duty-moved", where, f"Nhiệm vụ «{short(b.text, 90)}» chuyển từ {d.who(ka)} sang {d.who(kb)}",
                  list(ka), list(kb))
        d.text(where, f"Nhiệm vụ của {d.who(kb)}", a.text, b.text)
        if a.deadline != b.deadline:
            d.add("deadline-moved", where + ".deadline", f"Hạn nhiệm vụ của {d.who(kb)} «{short(b.text, 50)}»: "
                  f"{date_vi(a.deadline)} → {date_vi(b.deadline)}", a.deadline, b.deadline)
    for k, x in gone_d:
        if k not in skip:
            d.add("duty-removed", "assignments:" + ",".join(k) + ".duties",
                  f"{d.who(k)} không còn nhiệm vụ «{short(x.text, 90)}»", x.text, None)
    for k, x in added_d:
        if k not in skip:
            d.add("duty-added", "assignments:" + ",".join(k) + ".duties",
                  f"Giao thêm cho {d.who(k)}: «{short(x.text, 90)}»", None, x.text)


def _reporting(d: _Diff, o, n) -> None:
    pairs, gone, added = match(list(enumerate(o.reporting)), list(enumerate(n.reporting)),
                               [lambda x: (tuple(x[1].reporters), x[1].to), lambda x: x[1].text, lambda x: x[0]])
    for (_, a), (i, b) in pairs:
        lab, where = f"gửi {d.name(b.to)}", f"reporting[{i}]"
        if (a.due, a.due_day_month) != (b.due, b.due_day_month):
            both = a.due and b.due
            d.add("deadline-moved", where + ".due", f"Hạn báo cáo {lab}: {due_vi(a)} → {due_vi(b)}"
                  f"{_days(a.due, b.due) if both else ''}", due_vi(a), due_vi(b), (b.due - a.due).days if both else None)
        if a.frequency != b.frequency:
            d.add("reporting-changed", where + ".frequency",
                  f"Tần suất báo cáo {lab}: {FREQ_VI[a.frequency]} → {FREQ_VI[b.frequency]}", a.frequency, b.frequency)
        if a.to != b.to:
            d.add("reporting-changed", where + ".to", f"Báo cáo của {d.who(b.reporters)}: gửi {d.name(a.to)} → "
                  f"{d.name(b.to)}", a.to, b.to)
        more, less = sorted(set(b.reporters) - set(a.reporters)), sorted(set(a.reporters) - set(b.reporters))
        if more or less:
            bits = ([f"thêm {d.who(more)}"] if more else []) + ([f"bỏ {d.who(less)}"] if less else [])
            d.add("reporting-changed", where + ".reporters", f"Cơ quan báo cáo {lab}: {'; '.join(bits)}",
                  a.reporters, b.reporters)
        d.text(where + ".text", f"Câu về báo cáo {lab}", a.text, b.text)
    for kind, items, verb in (("reporting-added", added, "Thêm"), ("reporting-removed", gone, "Bỏ")):
        for i, r in items:
            d.add(kind, f"reporting[{i}]", f"{verb} quy định báo cáo: {d.who(r.reporters)} gửi {d.name(r.to)}, "
                  f"{FREQ_VI[r.frequency]}, hạn {due_vi(r)}")


AGENCY_FIELDS = {"name": "tên", "short": "tên ngắn", "kind": "loại", "parent": "trực thuộc", "province": "tỉnh",
                 "symbol": "ký hiệu"}


def _agencies(d: _Diff, ofiles: dict, nfiles: dict, skip: set) -> None:
    oreg, nreg = d.old.ds.registry, d.new.ds.registry
    succ = lambda x: ", ".join(d.name(s.id) + (f" ({s.scope})" if s.scope else "") for s in x.successors) or "—"  # noqa: E731
    for aid in list(nreg.agencies) + [x for x in oreg.agencies if x not in nreg.agencies]:
        a, b = oreg.agencies.get(aid), nreg.agencies.get(aid)
        d.file, where = nreg.agency_files.get(aid) or oreg.agency_files[aid], f"agencies:{aid}"
        if a is None or b is None:
            if d.file in ofiles and d.file in nfiles and d.file not in skip:
                x = a or b
                d.add("agency-added" if b else "agency-removed", where,
                      f"{'Thêm' if b else 'Bỏ'} cơ quan {aid}: {x.name}")
            continue
        nm = b.short or b.name
        for f, kind, verb in (("ceased", "agency-ceased", "ngừng hoạt động"), ("started", "agency-started",
                                                                              "bắt đầu hoạt động")):
            x, y = getattr(a, f), getattr(b, f)
            if x != y:
                msg = f"{nm} {verb} từ {date_vi(y)}" if y and not x else f"{nm}: ngày {verb} {date_vi(x)} → {date_vi(y)}"
                d.add(kind, f"{where}.{f}", msg, x, y)
        if a.successors != b.successors:
            d.add("agency-successors", where + ".successors", f"{nm}: cơ quan kế thừa {succ(a)} → {succ(b)}",
                  [s.id for s in a.successors], [s.id for s in b.successors])
        for f, label in AGENCY_FIELDS.items():
            if getattr(a, f) != getattr(b, f):
                d.add("agency-changed", f"{where}.{f}", f"{nm}: {label} {getattr(a, f) or '—'} → {getattr(b, f) or '—'}",
                      getattr(a, f), getattr(b, f))


def _facts(files: dict) -> tuple[dict, dict]:
    figs, prog = {}, {}
    for lf in files.values():
        if lf.kind == "results" and lf.model is not None:
            for plan, year, f in lf.model.figures_for():
                figs[(plan, year, f.target)] = (lf.display, f)
            for p in lf.model.progress:
                prog[(p.plan or lf.model.plan, p.task, p.agency)] = (lf.display, p)
    return figs, prog


def _results(d: _Diff, ofiles: dict, nfiles: dict) -> None:
    (ofig, oprog), (nfig, nprog) = _facts(ofiles), _facts(nfiles)
    for key in list(nfig) + [k for k in ofig if k not in nfig]:
        (plan, year, tid), (fa, a), (fb, b) = key, ofig.get(key, (None, None)), nfig.get(key, (None, None))
        t = next((t for p in (d.new.ds.plans.get(plan), d.old.ds.plans.get(plan)) if p
                  for t in p.all_targets() if t.id == tid), None)
        unit, name = (t.unit, t.name) if t else ("", tid)
        rate, label = unit.strip() == "%", f"Kết quả {year} · {name}"
        show = lambda v: num(v, unit) + ("" if rate or not unit else f" {unit}")  # noqa: E731
        if a and b:
            if a.value != b.value:
                delta = b.value - a.value
                d.add("result-changed", f"results:{tid}.value", f"{label}: {num(a.value, unit)} → {show(b.value)} "
                      f"({fmt_signed(delta, 2)}{' điểm %' if rate else ''})", a.value, b.value, delta, fb, plan)
            if a.status != b.status:
                d.add("result-changed", f"results:{tid}.status", f"{label}: số liệu {STATUS_VI[a.status]} → "
                      f"{STATUS_VI[b.status]}", a.status, b.status, None, fb, plan)
        elif (fb or fa) in ofiles and (fb or fa) in nfiles:
            x = b or a
            d.add("result-added" if b else "result-removed", f"results:{tid}",
                  f"{'Thêm' if b else 'Bỏ'} {label[0].lower()}{label[1:]}: {show(x.value)} ({STATUS_VI[x.status]})",
                  a and a.value, b and b.value, None, fb or fa, plan)
    for key in nprog.keys() & oprog.keys():
        (fb, b), (_, a) = nprog[key], oprog[key]
        if a.status != b.status:
            d.add("result-changed", f"progress:{key[1]}", f"Tiến độ nhiệm vụ «{key[1]}» ({d.name(key[2])}): "
                  f"{PROGRESS_VI[a.status]} → {PROGRESS_VI[b.status]}", a.status, b.status, None, fb, key[0])
