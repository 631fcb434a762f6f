"""The sentences of the year-end report, in the words a Sở writes them.

What the data can say (targets met or missed and by how much, who reported on time, which key
tasks are done) is written here; what only people know (causes, proposals, what was directed) comes
from the result file, and where it is missing the place is left as a ``ToFill`` — printed
highlighted, never filled with invented text. Counts in a sentence are computed from the same rows
the table beside it prints, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gdnn_cli.common.numbers import fmt_number, fmt_percent, fmt_short_date
from gdnn_cli.common.vocab import QUALIFIERS, REPORT_STATES, TASK_STATES, VERDICTS, spoken, vi
from gdnn_cli.documents.naming import mid, name_list, plan_short
from gdnn_cli.documents.report_data import KeyTask, Milestone, PlanPart, ReportData
from gdnn_cli.tracking import view as gaps_view
from gdnn_cli.tracking.gaps import DEFAULT_ABOUT_TOLERANCE, EPS, GapRow, MeanSoFar
from gdnn_cli.tracking.status import ReporterStatus

BOUNDS = ("khoang", "tren", "it_nhat", "duoi", "toi_da")
"""The qualifiers that are part of a target's figure ("khoảng 20.000"); "phấn đấu", "đạt" are the plan's verbs."""
TALLY_ORDER = ("exceeded", "met", "not_met", "no_data")


def verdict(status: str) -> str:
    """A year's verdict in prose — "đạt kế hoạch" where the table's Đánh giá column says "Đạt"."""
    word = vi(VERDICTS, status, lower=True)
    return word if status == "no_data" else f"{word} kế hoạch"


@dataclass(frozen=True)
class ToFill:
    """A place the writer of the report must fill in before signing; shown highlighted in the .docx."""

    what: str

    def __str__(self) -> str:
        return f"[{self.what}]"


Segment = str | ToFill


def table_numbers(data: ReportData) -> dict[tuple[str, int | None], int]:
    """Bảng numbers in document order — (plan id, None) for the year's table, (plan id, milestone
    year) for each table of progress — so that a sentence can say "chi tiết tại Bảng 2"."""
    out: dict[tuple[str, int | None], int] = {}
    for part in data.parts:
        if part.rows:
            out[(part.plan.id, None)] = len(out) + 1
        for target_year in part.milestone_years:
            out[(part.plan.id, target_year)] = len(out) + 1
    return out


# --------------------------------------------------------------------------- figures


def is_rate(r: GapRow) -> bool:
    """Whether the row is a percentage: its gaps are points ('điểm phần trăm'), its unit has no space."""
    return r.unit.strip() == "%"


def amount(value: float, r: GapRow) -> str:
    """A value with its unit: '243.300 lượt người', '75,1%'."""
    return fmt_percent(value, 2) if is_rate(r) else f"{fmt_number(value, 2)} {r.unit}".rstrip()


def target_label(r: GapRow, unit: bool = True) -> str:
    """The target as the plan states it, qualifier included: 'khoảng 20.000', 'trên 30%', '40 - 45%'."""
    text = gaps_view.target_text(r)
    if r.target_value is None and (r.target_min is None) != (r.target_max is None):
        text = ("từ " if r.target_min is not None else "tối đa ") + text  # one-sided: "đạt từ 72,2%"
    word = spoken(QUALIFIERS, r.qualifier) if r.target_value is not None and r.qualifier in BOUNDS else None
    text = f"{word} {text}" if word else text
    return f"{text} {r.unit}" if unit and not is_rate(r) else text


def provisional_tag(r: GapRow, part: PlanPart) -> str:
    """What a provisional figure is called in a sentence: 'tạm tính đến 30/9/2025', or 'ước thực hiện'."""
    if r.actual_status != "provisional":
        return ""
    when = part.as_of.get(r.target)
    return f"tạm tính đến {fmt_short_date(when)}" if when else "ước thực hiện"


def comparison(r: GapRow) -> str:
    """'bằng 101,4% kế hoạch (240.000 lượt người), vượt 3.300 lượt người' or, for a rate,
    'thấp hơn kế hoạch (55%) 0,8 điểm phần trăm'."""
    label = target_label(r)
    gap = r.gap or 0.0
    if is_rate(r):
        if r.target_value is None and abs(gap) <= EPS:
            return f"trong khoảng kế hoạch ({label})"
        if abs(gap) <= EPS:
            return f"bằng kế hoạch ({label})"
        word = "cao hơn" if gap > 0 else "thấp hơn"
        return f"{word} kế hoạch ({label}) {fmt_number(abs(gap), 2)} điểm phần trăm"
    ach = f"bằng {fmt_percent(r.achievement)} kế hoạch ({label})" if r.achievement is not None else f"kế hoạch {label}"
    if abs(gap) <= EPS:
        return ach
    word = "vượt" if gap > 0 else "thiếu"
    return f"{ach}, {word} {fmt_number(abs(gap), 2)} {r.unit}".rstrip()


def row_sentence(r: GapRow, part: PlanPart) -> str:
    """One target in prose, ending with the same verdict as the table's Đánh giá column."""
    if r.actual is None:
        return f"{r.name}: kế hoạch {target_label(r)}; chưa có số liệu."
    tag = provisional_tag(r, part)
    tag = f" ({tag})" if tag else ""
    star = " (số liệu minh họa)" if r.illustrative else ""
    done = f"thực hiện {amount(r.actual, r)}" if r.mean is None or r.mean.years == 1 else \
        f"bình quân {mean_years(r.mean)} đạt {amount(r.actual, r)}{'' if is_rate(r) else '/năm'}"
    return f"{r.name}: {done}{tag}, {comparison(r)}; {verdict(r.status)}{why_met(r)}{star}."


def why_met(r: GapRow) -> str:
    """A target met although below its figure ("khoảng 20.000", 19.600) says why in the same sentence,
    so that "thiếu 400 người; đạt kế hoạch" does not read as a contradiction."""
    if r.status == "met" and r.qualifier == "khoang" and (r.gap or 0.0) < -EPS:
        return " (trong phạm vi chênh lệch cho phép của chỉ tiêu “khoảng”)"
    return ""


def mean_years(mean: MeanSoFar) -> str:
    """The years a mean so far covers, as a report names them: 'năm 2024', '3 năm 2024 - 2026', or
    '2 năm có số liệu trong giai đoạn 2024 - 2026' when a year has no figure."""
    if mean.years == 1:
        return f"năm {mean.first}"
    span = f"{mean.first} - {mean.last}"
    return f"{mean.years} năm {span}" if mean.reported == mean.years else \
        f"{mean.reported} năm có số liệu trong giai đoạn {span}"


def no_data_line(names: list[str]) -> str:
    """The targets without a figure, said once instead of one bullet each."""
    return f"Chưa có số liệu: {name_list(names)}."


def row_numbers(rows: Sequence[GapRow | Milestone]) -> list[str]:
    """1, 1.1, 1.2, 2 …: parts and shares numbered under their total, alike in the document's tables and
    the workbook."""
    out, top, sub = [], 0, 0
    for r in rows:
        if r.level == 0:
            top, sub = top + 1, 0
            out.append(str(top))
        else:
            sub += 1
            out.append(f"{top}.{sub}")
    return out


def tally(rows: list[GapRow]) -> str:
    """'2 vượt kế hoạch, 1 không đạt kế hoạch': the verdicts of the rows counted, in the table's order."""
    counts = Counter(r.status for r in rows)
    return ", ".join(f"{counts[k]} {verdict(k)}" for k in TALLY_ORDER if counts[k])


def count_sentence(part: PlanPart, table_no: int, year: int) -> str:
    """'… có 2 chỉ tiêu chính và 4 chỉ tiêu thành phần (Bảng 2). Chỉ tiêu chính: 2 vượt kế hoạch; …'
    Every number is counted from the rows of that table."""
    main = [r for r in part.rows if r.level == 0]
    comps = [r for r in part.rows if r.level > 0]
    has = f"{len(main)} chỉ tiêu chính" + (f" và {len(comps)} chỉ tiêu thành phần" if comps else "")
    text = f"Năm {year}, {plan_short(part.plan)} có {has} (Bảng {table_no}). Chỉ tiêu chính: {tally(main)}"
    if comps:
        text += f"; chỉ tiêu thành phần: {tally(comps)}"
    return text + "."


def coverage_sentence(part: PlanPart) -> str | None:
    """'Số liệu tổng hợp từ 118/126 xã, phường đã gửi báo cáo.' — how complete the collected figures are,
    for each group whose members answer one by one (tracking.coverage); None when no group does."""
    answered = [c for c in part.coverage if c.answered]  # none answered: the figures came another way
    if not answered or not part.rows:
        return None
    bits = "; ".join(f"{c.answered}/{c.expected} {c.label}" for c in answered)
    return f"Số liệu được tổng hợp từ báo cáo của {bits}."


def rule_note(part: PlanPart) -> str:
    """How Đánh giá was decided, printed once under the table — only the rules its rows use."""
    targets = {t.id: t for t in part.plan.all_targets()}
    rows = part.rows
    bits = ["Đánh giá “Vượt”, “Đạt”, “Không đạt”: thực hiện cao hơn, bằng hoặc thấp hơn kế hoạch"]
    about = [targets[r.target] for r in rows if r.qualifier == "khoang" and r.target in targets]
    if about:
        own = [t for t in about if t.tolerance is not None]
        tol = f"±{fmt_number(DEFAULT_ABOUT_TOLERANCE * 100)}%" if not own else "; ".join(
            f"{t.name}: ± {fmt_number(t.tolerance or 0.0)} {t.unit}" for t in own)
        bits.append(f"chỉ tiêu “khoảng” đạt khi thực hiện chênh lệch không quá {tol} so với kế hoạch"
                    if not own else f"chỉ tiêu “khoảng” đạt khi thực hiện chênh lệch không quá ({tol})")
    if any(r.qualifier in ("tren", "duoi") for r in rows):
        bits.append("chỉ tiêu “trên” (“dưới”) chỉ đạt khi thực hiện cao hơn (thấp hơn) kế hoạch")
    if any(r.target_value is None and r.target_min is not None and r.target_max is not None for r in rows):
        bits.append("chỉ tiêu theo khoảng (như “40 - 45%”) đạt khi thực hiện nằm trong khoảng, "
                    "vượt khi cao hơn mức trên")
    note = "Ghi chú: " + "; ".join(bits) + "."
    dates = sorted({d for d in (part.as_of.get(r.target) for r in rows if r.actual_status == "provisional") if d})
    if any(r.actual_status == "provisional" for r in rows):
        note += (" Số liệu “tạm tính” là số lũy kế đến ngày " + ", ".join(fmt_short_date(d) for d in dates)
                 + ", chưa phải số liệu cả năm." if dates else " Số liệu “ước thực hiện” chưa phải số liệu chính thức.")
    if any(r.illustrative for r in rows):
        note += " (*) Số liệu minh họa, không phải số liệu chính thức."
    return note


def previous_text(r: GapRow, part: PlanPart) -> str:
    """'So với năm trước': a count as a percentage of last year's, a rate as the change in points."""
    prev = part.previous.get(r.target)
    if prev is None or r.actual is None:
        return "—"
    if is_rate(r):
        diff = r.actual - prev
        return "±0 điểm %" if abs(diff) <= EPS else f"{'+' if diff > 0 else '−'}{fmt_number(abs(diff), 2)} điểm %"
    return fmt_percent(r.actual / prev * 100) if abs(prev) > EPS else "—"


# --------------------------------------------------------------------------- tasks and reporting


def task_line(k: KeyTask, names: Callable[[str], str], writer: str | None = None) -> str:
    """A key task and what came in on it; the writer's own account is given without its name (a Sở
    does not write "Sở GD&ĐT: hoàn thành" in its own report)."""
    text = k.text.rstrip(" .;")
    if not k.reports:
        return f"{text}: chưa có báo cáo."
    bits = []
    for rep in k.reports:
        account = f" ({rep.account.rstrip('.')})" if rep.account else ""
        star = " (minh họa)" if rep.illustrative else ""
        who = "" if rep.agency == writer else f"{names(rep.agency)}: "
        bits.append(f"{who}{vi(TASK_STATES, rep.status, lower=True)}{account}{star}")
    return f"{text}: " + "; ".join(bits) + "."


def task_tally(tasks: list[KeyTask], words: str) -> str:
    """'Trong số 15 nhiệm vụ trọng tâm: 2 hoàn thành, …': the tasks counted by how far they got."""
    counts = Counter(k.status for k in tasks)
    order = ("hoan-thanh", "dang-trien-khai", "chua-trien-khai", "chua-co-bao-cao")
    states = ", ".join(f"{counts[s]} {vi(TASK_STATES, s, lower=True)}" for s in order if counts[s])
    return f"Trong số {len(tasks)} {words}: {states}."


def reporting_lines(part: PlanPart, names: Callable[[str], str]) -> list[str]:
    """Per deadline: the date (or that there is none), then each agency once with its date; two rules
    of one plan with the same deadline make one line, not two lines that read the same."""
    out = []
    by_due: dict[dt.date | None, list[ReporterStatus]] = {}
    for r in part.reporters:
        by_due.setdefault(r.due, []).append(r)
    for items in by_due.values():
        due = items[0].due
        head = f"hạn gửi báo cáo {fmt_short_date(due)}" if due else "không quy định thời hạn gửi báo cáo"
        groups = []
        for state in ("on_time", "no_deadline", "late", "missing", "not_due"):
            who = [mid(r.name) + (f" ({fmt_short_date(r.reported)})" if r.reported else "")
                   for r in items if r.state == state]
            if who:
                groups.append(f"{vi(REPORT_STATES, state, lower=True)}: {', '.join(dict.fromkeys(who))}")
        out.append(f"{plan_short(part.plan)} ({head}): " + "; ".join(groups) + ".")
    for body, who in part.elsewhere:
        out.append(f"{plan_short(part.plan)}: {', '.join(mid(w) for w in who)} báo cáo {body}; "
                   "không tổng hợp trong báo cáo này.")
    return out


# --------------------------------------------------------------------------- Đánh giá chung


def strengths(data: ReportData) -> list[Segment]:
    """What the figures show as strengths. Tasks done and reports on time count as a strength only when
    they are at least half: "2/15 nhiệm vụ đã hoàn thành" is a fact (I.3 states it), not an ưu điểm."""
    out: list[Segment] = []
    for part in data.parts:
        main = [r for r in part.rows if r.level == 0]
        done = [r for r in main if r.status in ("exceeded", "met")]
        if done:
            out.append(f"{plan_short(part.plan)}: {len(done)}/{len(main)} chỉ tiêu chính năm {data.year} đạt và "
                       f"vượt kế hoạch ({name_list(r.name for r in done)}).")
        finished = [k for k in part.key_tasks if k.status == "hoan-thanh"]
        if finished and 2 * len(finished) >= len(part.key_tasks):
            out.append(f"{plan_short(part.plan)}: {len(finished)}/{len(part.key_tasks)} nhiệm vụ, giải pháp "
                       "đã hoàn thành.")
    reps = [r for p in data.parts for r in p.reporters]
    timely = [r for r in reps if r.state in ("on_time", "no_deadline")]
    if timely and 2 * len(timely) >= len(reps):
        out.append(f"{len(timely)}/{len(reps)} lượt báo cáo của các cơ quan, đơn vị được gửi đúng hạn.")
    out.extend(data.strengths or [ToFill("Bổ sung ưu điểm trong chỉ đạo, tổ chức thực hiện (do đơn vị đánh giá)")])
    return out


def limitations(data: ReportData) -> list[str]:
    """What the figures show as shortcomings: targets missed, milestones behind, targets with no figure
    at all, tasks not done, reports late or missing — each citing the table or section it comes from."""
    out: list[str] = []
    many = len(data.parts) > 1
    numbers = table_numbers(data)
    for part in data.parts:
        where = f" ({plan_short(part.plan)})" if many else ""
        for r in part.rows:
            if r.status == "not_met" and r.actual is not None:  # not_met always has a figure
                out.append(f"{r.name}{where} không đạt kế hoạch: thực hiện {amount(r.actual, r)}, {comparison(r)}"
                           + (" (số liệu minh họa)." if r.illustrative else "."))
        for m in part.milestones:
            if m.row is not None and m.row.status in ("behind", "at_risk"):
                out.append(f"{m.target.name}{where}: {vi(VERDICTS, m.row.status, lower=True)} "
                           f"để đạt mốc năm {m.year} (chi tiết tại Bảng {numbers[(part.plan.id, m.year)]}).")
        main = [r for r in part.rows if r.level == 0]
        blank = [r for r in main if r.status == "no_data"]
        blank_parts = [r for r in part.rows if r.level > 0 and r.status == "no_data"]
        if blank or blank_parts:
            what = " và ".join(x for x in (f"{len(blank)}/{len(main)} chỉ tiêu chính" if blank else "",
                                            f"{len(blank_parts)} chỉ tiêu thành phần" if blank_parts else "") if x)
            out.append(f"Chưa có số liệu để đánh giá {what} năm {data.year}{where} "
                       f"(chi tiết tại Bảng {numbers[(part.plan.id, None)]}).")
        open_tasks = [k for k in part.key_tasks if k.status != "hoan-thanh"]
        if open_tasks:
            out.append(f"{plan_short(part.plan)}{' có' if not many else ':'} {len(open_tasks)}/{len(part.key_tasks)} "
                       "nhiệm vụ, giải pháp chưa hoàn thành hoặc chưa có báo cáo (chi tiết tại mục I.3).")
        late = [mid(r.name) for r in part.reporters if r.state == "late"]
        missing = [mid(r.name) for r in part.reporters if r.state == "missing"]
        if late:
            out.append(f"Gửi báo cáo chậm so với thời hạn{where}: {name_list(late)}.")
        if missing:
            out.append(f"Chưa gửi báo cáo{where}: {name_list(missing)}.")
    return out + data.limitations


def focus_line(data: ReportData) -> str | None:
    """Phương hướng the data itself implies: the targets missed and the milestones behind."""
    missed = [r.name for p in data.parts for r in p.rows if r.status == "not_met"]
    behind = [m.target.name for p in data.parts for m in p.milestones
              if m.row and m.row.status in ("behind", "at_risk")]
    bits = []
    if missed:
        bits.append(f"các chỉ tiêu chưa đạt năm {data.year} ({name_list(missed)})")
    if behind:
        bits.append(f"các chỉ tiêu chậm tiến độ ({name_list(behind)})")
    return f"Tập trung chỉ đạo thực hiện {' và '.join(bits)}." if bits else None
