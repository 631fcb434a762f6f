"""Plan-level plain text for one data file, for git's textconv (`git diff`, `git log -p`).

YAML diffs show "value: 27000"; this shows "Chỉ tiêu dao-tao-cao-dang: Cao đẳng = 27.000 lượt người
(năm 2025)", one fact or paragraph per line so that line and word diffs stay readable. Output depends
only on the file's content (git hands the old side over as a temp file with another name), and never
fails: a file that does not validate is printed as is under a first line that says so.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gdnn_cli.common.numbers import fmt_number, fmt_partial_date, fmt_range, fmt_short_date
from gdnn_cli.common.vocab import FREQUENCIES, PROVENANCE, QUALIFIERS, ROLES, TASK_STATES, spoken, vi

if TYPE_CHECKING:  # the models import pydantic; git runs textconv once per file, so only when type-checking
    from gdnn_cli.core.fields import PartialDate
    from gdnn_cli.core.models import ReportingRule, Target


# --------------------------------------------------------------------------- shared formatting


def num(value: float | None, unit: str) -> str:
    """A number in a unit: '26.500' for counts (the unit is said once, later), '75%' for rates."""
    if value is None:
        return "—"
    return fmt_number(value, 2) + ("%" if unit.strip() == "%" else "")


def amount(t: Target, with_unit: bool = True) -> str:
    """A target's point or range: '26.500 lượt người', '40 - 45%', 'từ 40%', 'phấn đấu 75%'."""
    if t.value is not None:
        core = num(t.value, t.unit)
    elif t.min is not None and t.max is not None:
        core = fmt_range(fmt_number(t.min, 2), num(t.max, t.unit))
    else:
        core = f"từ {num(t.min, t.unit)}" if t.min is not None else f"đến {num(t.max, t.unit)}"
    if with_unit and t.unit.strip() != "%":
        core += f" {t.unit}"
    return (spoken(QUALIFIERS, t.qualifier) + " " + core) if t.qualifier else core


def year_label(year: int | str) -> str:
    """A target's year as the plan says it: 'năm 2025', or 'hằng năm' for a yearly target."""
    return "hằng năm" if year == "hang-nam" else f"năm {year}"


def pdate(d: PartialDate) -> str:
    """A partial issue date in the Nghị định 30 form: '10/01/2025', '3/2025', '2025'."""
    return fmt_partial_date(d.year, d.month, d.day)


def date_vi(d: dt.date | None) -> str:
    """A full date as 04/3/2022 (Nghị định 30), '—' when there is none."""
    return fmt_short_date(d) if d else "—"


def due_vi(rule: ReportingRule) -> str:
    """A reporting deadline as the plan's sentences print it ('05/01/2026', '25/5'), '—' when none."""
    from gdnn_cli.core.figures import due_figure

    return due_figure(rule) or "—"


# --------------------------------------------------------------------------- plans


def _plan(p) -> list[str]:
    from gdnn_cli.core.figures import fill_plan

    p = fill_plan(p)  # sentences as the document prints them: a changed figure changes its sentence too
    out = [f"{p.type} {p.id}: {p.title}", f"Số: {p.number or '—'}", f"Cơ quan ban hành: {p.issuer}",
           f"Ngày ban hành: {p.place}, {pdate(p.date)}"]
    per = p.period
    out.append(f"Giai đoạn: {per.start}–{per.end}" + (f"; mốc {', '.join(map(str, per.milestones))}" if per.milestones
                                                     else "") + (f"; tầm nhìn {per.vision}" if per.vision else ""))
    if p.standing_agency:
        out.append(f"Cơ quan thường trực: {p.standing_agency}")
    for b in p.bases:
        out.append("Căn cứ: " + " ".join(x for x in (b.type, b.number, date_vi(b.date) if b.date else None,
                                                      b.issuer, b.title) if x))
    out += [f"Mở đầu: {t}" for t in p.preamble]
    out.append("")
    for b in p.sections:
        out += _block(b, 0)
    for t in p.targets:
        out += _target(t, "Chỉ tiêu", 0)
    for g in p.task_groups:
        out += _group(g, 0)
    out += [f"Kinh phí ({f.kind}): {f.text}" for f in p.funding]
    for a in p.assignments:
        out += _assignment(a, 0)
    for r in p.reporting:
        out.append(f"Báo cáo: {', '.join(r.reporters)} → {r.to}; {spoken(FREQUENCIES, r.frequency)}; hạn {due_vi(r)}")
        if r.text:
            out.append(f"  {r.text}")
    out += [f"Kết thúc: {t}" for t in p.closing]
    out += [f"Nơi nhận: {r}" for r in p.recipients]
    s = p.signature
    out.append("Ký: " + " / ".join(x for x in (s.authority, s.acting, s.title, s.name) if x))
    if p.appendices:
        out.append("Phụ lục: " + ", ".join(p.appendices))
    if p.source:
        out.append(f"Nguồn: {p.source}")
    if p.illustrative:
        out.append("Minh họa: có")
    return out


def _block(b, depth: int) -> list[str]:
    pad = "  " * depth
    extra = f" [{b.include}{': ' + ', '.join(b.only) if b.only else ''}]" if b.include else ""
    out = [f"{pad}Mục: {b.heading or '(không tiêu đề)'}{extra}"]
    out += [f"{pad}  {t}" for t in b.text]
    for sub in b.blocks:
        out += _block(sub, depth + 1)
    out += [f"{pad}  {t}" for t in b.after]
    return out


def _target(t, label: str, depth: int) -> list[str]:
    pad = "  " * depth
    out = [f"{pad}{label} {t.id}: {t.name} = {amount(t)} ({year_label(t.year)})"]
    flags = [x for x in (t.measure == "rate" and "tỷ lệ", t.direction == "lower" and "càng thấp càng tốt",
                         t.cumulative and "cộng dồn cả giai đoạn",
                         t.tolerance is not None and f"± {fmt_number(t.tolerance, 2)}",
                         t.baseline is not None and f"gốc {num(t.baseline, t.unit)}",
                         t.indicator and f"chỉ số {t.indicator}") if x]
    if flags:
        out.append(f"{pad}  ({'; '.join(flags)})")
    if t.sentence:
        out.append(f"{pad}  Câu: {t.sentence}")
    if t.note:
        out.append(f"{pad}  Ghi chú: {t.note}")
    for part in t.parts:
        out += _target(part, "Phần", depth + 1)
    for share in t.shares:
        out += _target(share, "Trong đó", depth + 1)
    return out


def _group(g, depth: int) -> list[str]:
    pad = "  " * depth
    out = [f"{pad}Nhóm nhiệm vụ {g.id}: {g.title}"]
    out += [f"{pad}  {t}" for t in g.text]
    for t in g.tasks:
        out.append(f"{pad}  Nhiệm vụ {t.id or '-'}{' [trọng tâm]' if t.key else ''}: {t.text}")
        who = [x for x in (t.lead and f"chủ trì {t.lead}", t.partners and f"phối hợp {', '.join(t.partners)}",
                           t.deadline and f"hạn {date_vi(t.deadline)}", t.timing and f"thời gian {t.timing}") if x]
        if who:
            out.append(f"{pad}    {'; '.join(who)}")
    for sub in g.groups:
        out += _group(sub, depth + 1)
    out += [f"{pad}  {t}" for t in g.after]
    return out


def _assignment(a, depth: int) -> list[str]:
    pad = "  " * depth
    out = [f"{pad}Giao việc: {', '.join(a.agencies)} ({spoken(ROLES, a.role)})"]
    if a.heading:
        out.append(f"{pad}  Tiêu đề: {a.heading}")
    out += [f"{pad}  {t}" for t in a.text]
    for d in a.duties:
        tail = [x for x in (d.task and f"nhiệm vụ {d.task}", d.deadline and f"hạn {date_vi(d.deadline)}") if x]
        out.append(f"{pad}  - {d.text}" + (f" [{'; '.join(tail)}]" if tail else ""))
    for u in a.units:
        out += _assignment(u, depth + 1)
    out += [f"{pad}  {t}" for t in a.after]
    return out


# --------------------------------------------------------------------------- agencies, results


def _agencies(f) -> list[str]:
    out: list[str] = []
    for a in f.agencies:
        out.append(f"Cơ quan {a.id}: {a.name}" + (f" ({a.short})" if a.short else ""))
        facts = [f"loại {a.kind}", a.parent and f"trực thuộc {a.parent}", a.province and f"tỉnh {a.province}",
                 a.symbol and f"ký hiệu {a.symbol}", a.started and f"bắt đầu {date_vi(a.started)}",
                 a.ceased and f"ngừng {date_vi(a.ceased)}"]
        out.append("  " + "; ".join(x for x in facts if x))
        out += [f"  Kế thừa: {s.id}" + (f" ({s.scope})" if s.scope else "") for s in a.successors]
        out += [f"  Tiêu đề văn bản: {x}" for x in a.letterhead]
        out += [f"  Nguồn: {s.title}" + (f" {date_vi(s.date)}" if s.date else "") + (f" <{s.url}>" if s.url else "")
                for s in a.sources]
        if a.note:
            out.append(f"  Ghi chú: {a.note}")
        out.append("")
    return out


def _results(r) -> list[str]:
    out = [f"Kết quả năm {r.year}" + (f" · kế hoạch {r.plan}" if r.plan else "")]
    if r.illustrative_note:
        out.append(f"Ghi chú minh họa: {r.illustrative_note}")
    for plan, year, f in r.figures_for():
        extra = [vi(PROVENANCE, f.status, lower=True), f.agency, f.source and f"nguồn: {f.source.title}", f.note]
        ratio = f" = {fmt_number(f.numerator, 2)}/{fmt_number(f.denominator, 2)}" if f.numerator is not None else ""
        out.append(f"Số liệu {plan}/{f.target} năm {year}: {fmt_number(f.value, 2)}{ratio} ("
                   + "; ".join(x for x in extra if x) + ")")
    for p in r.progress:
        out.append(f"Tiến độ {p.plan or r.plan}/{p.task} · {p.agency}: {vi(TASK_STATES, p.status, lower=True)}"
                   + (f" (báo cáo {date_vi(p.reported)})" if p.reported else "")
                   + (f": {p.account}" if p.account else ""))
    for rep in r.reports:
        out.append(f"Đã báo cáo: {rep.agency} ngày {date_vi(rep.reported)}"
                   + (f" ({rep.number})" if rep.number else ""))
    out += [f"Hạn chế: {x}" for x in r.limitations]
    out += [f"Phương hướng: {x}" for x in r.directions]
    return out


def _kind(data: object, path: str) -> str | None:
    """Which kind of file this is, by its keys (git's temp file for the old side has another path)."""
    if not isinstance(data, dict):
        return None
    if "sections" in data or "issuer" in data:
        return "plan"
    if "agencies" in data and "year" not in data:
        return "agencies"
    if {"figures", "progress", "reports", "year"} & set(data):
        return "results"
    parts = Path(path).parts
    return next((k for folder, k in (("plans", "plan"), ("agencies", "agencies"), ("results", "results"))
                 if folder in parts), None)


def render(path: Path) -> str:
    """The plan-level text of a file; raises loader.LoadError or pydantic's ValidationError when invalid."""
    from pydantic import ValidationError

    from gdnn_cli.core import loader
    from gdnn_cli.core.dataset import model_class

    src = loader.read_text(path, str(path))
    data = loader.parse(src)
    kind = _kind(data, str(path))
    if kind is None:
        raise ValueError("không nhận ra loại tệp (kế hoạch, cơ quan hay kết quả)")
    try:
        model = model_class(kind).model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"{exc.error_count()} lỗi lược đồ ({kind})") from None
    lines = {"plan": _plan, "agencies": _agencies, "results": _results}[kind](model)
    return "\n".join(lines).rstrip("\n") + "\n"


def textconv(path: Path) -> bytes:
    """What git shows for ``path``: the rendering, or the raw bytes under a warning line."""
    try:
        return render(path).encode("utf-8")
    except Exception as exc:  # noqa: BLE001 - git must always get some text, never a traceback
        from gdnn_cli.core import loader

        reason = exc.issue.headline() if isinstance(exc, loader.LoadError) else str(exc)
        try:
            raw = path.read_bytes()
        except OSError as err:
            raw = f"(không đọc được tệp: {err.strerror})\n".encode()
        head = f"# gdnn: tệp này không hợp lệ, hiển thị nguyên văn ({reason.splitlines()[0] if reason else ''})\n"
        return head.encode("utf-8") + raw


def write(path: Path) -> None:
    """Print the file's text on stdout as bytes, for git to read; never fails (see ``textconv``)."""
    sys.stdout.buffer.write(textconv(path))
    sys.stdout.buffer.flush()
