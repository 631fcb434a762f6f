"""Render a ReportData to a Báo cáo .docx (docxtpl) in the usual structure of a report on a plan.

I. Kết quả thực hiện (1. chỉ đạo, triển khai; 2. chỉ tiêu — the year's table, then the milestones
ahead in their own table; 3. nhiệm vụ, giải pháp), II. Đánh giá chung (ưu điểm; tồn tại, hạn chế;
nguyên nhân), III. Phương hướng, nhiệm vụ năm sau, IV. Kiến nghị, đề xuất; Nơi nhận, signature and
the Phụ lục on who reported. Tables, captions and highlighted places to fill are subdocuments, so
that the template stays one loop a clerk can restyle in Word.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from gdnn_cli.common.numbers import fmt_long_date, fmt_percent, fmt_short_date
from gdnn_cli.common.vocab import REPORT_STATES, TASK_STATES, VERDICT_CELLS, vi
from gdnn_cli.core.models import Target
from gdnn_cli.documents.charts import achievement_charts
from gdnn_cli.documents.milestone_text import figure_years, milestone_sentence, remaining_text
from gdnn_cli.documents.naming import plan_citation, plan_name, plan_short, self_name
from gdnn_cli.documents.plan_doc import letterhead, number_line, recipients_lines, sign_lines
from gdnn_cli.documents.report_body import Body
from gdnn_cli.documents.report_data import PlanPart, ReportData
from gdnn_cli.documents.report_text import (
    amount,
    count_sentence,
    coverage_sentence,
    focus_line,
    limitations,
    no_data_line,
    previous_text,
    reporting_lines,
    row_numbers,
    row_sentence,
    rule_note,
    strengths,
    table_numbers,
    target_label,
    task_line,
    task_tally,
)
from gdnn_cli.tracking.gaps import GapRow

if TYPE_CHECKING:
    from docxtpl import DocxTemplate
    from docxtpl.subdoc import Subdoc

    from gdnn_cli.core.dataset import Dataset

ILLUSTRATIVE_REPORT = ("LƯU Ý: Báo cáo này có sử dụng số liệu minh họa (đánh dấu *), không phải số liệu "
                       "chính thức; không dùng để báo cáo cấp trên.")
DRAFT_NOTICE = "DỰ THẢO — còn {n} nội dung cần bổ sung (tô vàng, trong ngoặc vuông) trước khi trình ký."


def _table(tpl, caption: str, columns: list[tuple[str, float, bool]], rows: list[tuple[list[str], bool]], note: str):
    """Caption kept with its table; header repeated on every page; rows never split; note below."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    from gdnn_cli.documents.ooxml import cant_split, fixed_widths, repeat_header, table_borders

    sd = tpl.new_subdoc()
    cap = sd.add_paragraph(caption, style="GDNN Annex")
    cap.paragraph_format.keep_with_next = True
    cap.paragraph_format.space_after = Pt(6)
    table = sd.add_table(rows=1, cols=len(columns))
    table_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    repeat_header(head)
    cant_split(head)
    for cell, (label, _, _) in zip(head.cells, columns, strict=True):
        cell.paragraphs[0].style = "GDNN TableHead"
        cell.paragraphs[0].add_run(label)
    for values, bold in rows:
        row = table.add_row()
        cant_split(row)
        for cell, value, (_, _, numeric) in zip(row.cells, values, columns, strict=True):
            p = cell.paragraphs[0]
            p.style = "GDNN TableNum" if numeric else "GDNN Table"
            p.add_run(value).bold = bold
    fixed_widths(table, [w for _, w, _ in columns])
    if note:
        p = sd.add_paragraph(style="GDNN Table")
        p.paragraph_format.space_before = Pt(3)
        p.paragraph_format.space_after = Pt(6)
        p.add_run(note).italic = True
    return sd


def _of(part: PlanPart, many: bool) -> str:
    """A caption's plan when the report covers several: two tables must not bear the same title."""
    return f" của {plan_short(part.plan)}" if many else ""


def year_table(tpl: DocxTemplate, part: PlanPart, year: int, no: int, of: str = "") -> Subdoc:
    """Bảng of the year's targets: plan, actual, achievement (and against last year, when known), verdict,
    with the note on how the verdicts were decided."""
    has_prev = any(r.target in part.previous for r in part.rows)
    w = (3.9, 1.8, 1.8, 1.8, 1.6) if has_prev else (4.9, 1.8, 2.1, 2.1, 1.8)
    columns = [("TT", 1.2, False), ("Chỉ tiêu", w[0], False), ("ĐVT", w[1], False),
               (f"Kế hoạch {year}", w[2], True), (f"Thực hiện {year}", w[3], True), ("So với KH", w[4], True)]
    if has_prev:
        columns.append((f"So với năm {year - 1}", 1.8, True))
    columns.append(("Đánh giá", 16.5 - sum(w for _, w, _ in columns), False))  # 2,2 cm or more
    rows: list[tuple[list[str], bool]] = []
    for n, r in zip(row_numbers(part.rows), part.rows, strict=True):
        actual = "—" if r.actual is None else _figure(r.actual, r)
        tag = {"provisional": " (tạm tính)" if part.as_of.get(r.target) else " (ước TH)"}.get(r.actual_status or "",
                                                                                            "")
        name = ("Trong đó: " if r.kind == "share" else "") + r.name
        cells = [n, name, r.unit, target_label(r, unit=False), actual + tag, _achievement(r)]
        if has_prev:
            cells.append(previous_text(r, part))
        cells.append(vi(VERDICT_CELLS, r.status))
        rows.append((cells, r.level == 0))
    return _table(tpl, f"Bảng {no}. Kết quả thực hiện các chỉ tiêu năm {year}{of}", columns, rows, rule_note(part))


def _figure(value: float, r: GapRow) -> str:
    """A figure in a table cell: the unit is in its own column; starred when illustrative."""
    return amount(value, r).removesuffix(" " + r.unit) + ("*" if r.illustrative else "")


def _achievement(r: GapRow) -> str:
    """'So với KH'; one more decimal where rounding would print 100% beside "Vượt" or "Không đạt"."""
    if r.achievement is None:
        return "—"
    text = fmt_percent(r.achievement)
    if text == "100%" and r.status in ("exceeded", "not_met"):
        text = fmt_percent(r.achievement, 2)
    return text


def milestone_table(tpl: DocxTemplate, part: PlanPart, year: int, no: int, target_year: int,
                    of: str = "") -> Subdoc:
    """Bảng of the milestones of ``target_year``: the figure so far and its year, what remains, the
    progress verdict, with the note on the UN/ESCAP method."""
    columns = [("TT", 1.2, False), ("Chỉ tiêu", 4.2, False), ("ĐVT", 1.8, False), (f"Mốc {target_year}", 2.0, True),
               ("Thực hiện đến nay", 2.4, True), ("Còn phải đạt", 2.1, True), ("Đánh giá", 2.8, False)]
    rows: list[tuple[list[str], bool]] = []
    ms = [m for m in part.milestones if m.year == target_year]
    for n, m in zip(row_numbers(ms), ms, strict=True):
        r = m.row
        fake = _label_row(m.target, part, target_year)
        if r is not None and r.actual is not None:
            years = figure_years(r)
            now = _figure(r.actual, r) + (f" ({years})" if years else "")
            verdict = vi(VERDICT_CELLS, r.status)
        else:
            now, verdict = "—", vi(VERDICT_CELLS, "no_data")
        rows.append(([n, ("Trong đó: " if m.kind == "share" else "") + m.target.name,
                      m.target.unit, target_label(fake, unit=False), now, remaining_text(m), verdict], m.level == 0))
    note = ("Ghi chú: đánh giá theo phương pháp đánh giá tiến độ các Mục tiêu phát triển bền vững của Liên Hợp Quốc "
            "(ESCAP): so sánh mức thay đổi bình quân hằng năm từ năm gốc đến nay với mức cần thiết để đạt mốc; "
            "“Đúng tiến độ”: từ 95% mức cần thiết trở lên; “Chậm tiến độ”: từ 10% đến dưới 95%; “Có nguy cơ "
            "không đạt”: dưới 10% hoặc giảm; “Chưa đủ số liệu”: mới có số liệu của một năm.")
    if any(m.row is not None and m.row.ahead is not None and m.row.mean is not None for m in ms):
        note += (" Chỉ tiêu bình quân hằng năm: so sánh số bình quân của các năm đã có số liệu với mức bình quân "
                 "kế hoạch; từ mức này trở lên là “Đúng tiến độ”, thấp hơn là “Chậm tiến độ”.")
    if any(m.row is not None and m.row.illustrative for m in ms):
        note += " (*) Số liệu minh họa, không phải số liệu chính thức."
    return _table(tpl, f"Bảng {no}. Tiến độ thực hiện các chỉ tiêu đến năm {target_year}{of}", columns, rows, note)


def _label_row(t: Target, part: PlanPart, year: int) -> GapRow:
    """A GapRow-shaped view of a target for its label (qualifier, range) when no row was computed."""
    return GapRow(part.plan.id, t.id, t.name, year, t.unit, t.value, t.min if t.value is None else None,
                  t.max if t.value is None else None, None, None, None, "no_data", None, qualifier=t.qualifier)


def report_context(data: ReportData, ds: Dataset, tpl: DocxTemplate, charts_dir: Path) -> dict:
    """Everything templates/bao-cao.docx prints, section by section; charts are drawn into ``charts_dir``."""
    reg = ds.registry
    writer = reg.agencies.get(data.reporter)
    me = self_name(reg.agency_name(data.reporter))
    issuer_short = reg.short_name(data.issuer)
    many = len(data.parts) > 1
    b = Body(tpl)
    cites = "; ".join(plan_citation(p.plan, issuer_short) for p in data.parts)
    b.text(f"Thực hiện {cites}, {me} báo cáo kết quả thực hiện năm {data.year} như sau:")

    b.add("section", "I. KẾT QUẢ THỰC HIỆN")
    b.add("clause", "1. Công tác chỉ đạo, triển khai")
    b.filled(data.directives, "Bổ sung các văn bản chỉ đạo, hướng dẫn đã ban hành và các hoạt động triển khai "
                              "kế hoạch trong năm (số, ngày, trích yếu)")
    lines = [x for p in data.parts for x in reporting_lines(p, reg.short_name)]
    if lines:
        b.text("Về thực hiện chế độ báo cáo (chi tiết tại Phụ lục):")
        b.items(lines)

    b.add("clause", "2. Kết quả thực hiện các chỉ tiêu")
    numbers = table_numbers(data)
    chart_no = 0
    for i, part in enumerate(data.parts):
        if many:
            b.add("point", f"{chr(ord('a') + i)}) {plan_name(part.plan)}")
        if not part.rows and not part.milestones:
            b.text(f"Kế hoạch không đặt chỉ tiêu định lượng cho năm {data.year}.")
            continue
        if not part.rows:
            years = ", ".join(str(y) for y in part.milestone_years)
            b.text(f"Kế hoạch không đặt chỉ tiêu riêng cho năm {data.year}; kết quả năm {data.year} được đánh giá "
                   f"theo tiến độ đạt các mốc năm {years}.")
        if part.rows:
            table_no = numbers[(part.plan.id, None)]
            b.text(count_sentence(part, table_no, data.year))
            if (covered := coverage_sentence(part)) is not None:
                b.text(covered)
            for r in part.rows:
                if r.actual is not None:
                    b.text(row_sentence(r, part), bullet="- " if r.level == 0 else "+ ")
            blank = [r.name for r in part.rows if r.actual is None]
            if blank:
                b.text(no_data_line(blank), bullet="- ")
            b.add("subdoc", obj=year_table(tpl, part, data.year, table_no, _of(part, many)))
            for path in achievement_charts(part.rows, charts_dir, f"{data.issuer}-{i}"):
                chart_no += 1
                b.caption(f"Biểu đồ {chart_no}. Tỷ lệ thực hiện so với kế hoạch năm {data.year} (%)"
                          + (f" — {plan_short(part.plan)}" if many else ""))
                from docx.shared import Mm
                from docxtpl import InlineImage

                b.add("image", obj=InlineImage(tpl, str(path), width=Mm(160)))
        for target_year in part.milestone_years:
            table_no = numbers[(part.plan.id, target_year)]
            b.text(f"Tiến độ thực hiện các chỉ tiêu đến năm {target_year} (Bảng {table_no}):")
            blank = []
            for m in part.milestones:
                if m.year == target_year and m.level == 0:
                    if m.row is not None and m.row.actual is not None:
                        b.text(milestone_sentence(m, part), bullet="- ")
                    else:
                        blank.append(m.target.name)
            if blank:
                b.text(no_data_line(blank), bullet="- ")
            b.add("subdoc", obj=milestone_table(tpl, part, data.year, table_no, target_year, _of(part, many)))

    b.add("clause", "3. Kết quả thực hiện các nhiệm vụ, giải pháp")
    for i, part in enumerate(data.parts):
        if many:
            b.add("point", f"{chr(ord('a') + i)}) {plan_name(part.plan)}")
        words = "nhiệm vụ trọng tâm" if any(k.group for k in part.key_tasks) else "nhóm nhiệm vụ"
        if part.key_tasks:
            b.text(task_tally(part.key_tasks, words))
        group = None
        for k in part.key_tasks:
            if k.group and k.group != group:
                group = k.group
                b.text(group + ":")
            b.text(task_line(k, reg.short_name, data.reporter), bullet="- ")
        for t in part.other_tasks:
            who = "" if t.agency == data.reporter else f"{reg.short_name(t.agency)}: "
            b.text(f"{t.task}: {who}{vi(TASK_STATES, t.status, lower=True)}", bullet="- ")

    b.add("section", "II. ĐÁNH GIÁ CHUNG")
    b.add("clause", "1. Ưu điểm")
    b.items(strengths(data))
    b.add("clause", "2. Tồn tại, hạn chế")
    b.filled(limitations(data), "Bổ sung tồn tại, hạn chế (nếu có)")
    b.add("clause", "3. Nguyên nhân")
    b.text("a) Nguyên nhân khách quan:")
    b.filled(data.causes_objective, "Bổ sung nguyên nhân khách quan của các tồn tại, hạn chế nêu trên")
    b.text("b) Nguyên nhân chủ quan:")
    b.filled(data.causes_subjective, "Bổ sung nguyên nhân chủ quan của các tồn tại, hạn chế nêu trên")

    b.add("section", f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {data.year + 1}")
    focus = focus_line(data)
    if focus:
        b.text(focus, bullet="- ")
    b.filled(data.directions, f"Bổ sung các nhiệm vụ, giải pháp trọng tâm năm {data.year + 1}")
    b.add("section", "IV. KIẾN NGHỊ, ĐỀ XUẤT")
    b.filled(data.proposals, "Bổ sung kiến nghị, đề xuất với cấp trên (nếu có)")
    b.text(f"Trên đây là báo cáo kết quả thực hiện năm {data.year} của {me}, kính báo cáo {issuer_short}./.", keep=True)

    sup, line1, line2 = letterhead(writer, reg)
    heading = data.heading
    number = heading.number if heading and heading.number else None
    date = heading.date if heading else None
    notices = [DRAFT_NOTICE.format(n=b.to_fill)] if b.to_fill else []
    if data.illustrative:
        notices.append(ILLUSTRATIVE_REPORT)
    issuer_name = reg.agency_name(data.issuer)
    place = data.parts[0].plan.place if data.parts else ""
    return {
        "letterhead_superior": sup, "letterhead_issuer": line1, "letterhead_issuer2": line2,
        "number_line": number_line("Báo cáo", number, writer),
        "place_date": fmt_long_date(date.year, date.month, date.day, place=place) if date
        else fmt_long_date(data.year, None, None, place=place),
        "doc_type": "BÁO CÁO",
        "title": f"Kết quả thực hiện kế hoạch giáo dục nghề nghiệp năm {data.year}",
        "illustrative_notice": "\n".join(notices),
        "addressee": f"Kính gửi: {issuer_name}",
        "body": b.paras,
        "recipients": recipients_lines((heading.recipients if heading and heading.recipients else None)
                                       or [f"{issuer_name} (để báo cáo)", "Lưu: VT"]),
        "sign_lines": sign_lines(heading.signature if heading else None, writer),
        "signer": heading.signature.name if heading and heading.signature else "",
        "annex_agencies": _annex(data, ds),
    }


def annex_note(data: ReportData, ds: Dataset) -> str:
    """'(Kèm theo Báo cáo số …/BC-SGDĐT ngày …/…/2025 của Sở …)': one line for the document's Phụ lục and
    the workbook's header, so that the two never cite the report differently."""
    reg = ds.registry
    heading = data.heading
    number = heading.number if heading and heading.number else None
    date = heading.date if heading else None
    no = number_line("Báo cáo", number, reg.agencies.get(data.reporter)).removeprefix("Số: ")
    when = fmt_short_date(date) if date else f"{chr(0xa0) * 5}/{chr(0xa0) * 5}/{data.year}"
    return f"(Kèm theo Báo cáo số {no} ngày {when} của {self_name(reg.agency_name(data.reporter))})"


def _annex(data: ReportData, ds: Dataset) -> dict | None:
    rows: list[dict[str, str]] = []
    for part in data.parts:
        first = True
        for r in part.reporters:
            rows.append({"no": str(len(rows) + 1), "agency": r.name + ("*" if r.illustrative else ""),
                         "plan": plan_short(part.plan) if first else "nt",
                         "due": fmt_short_date(r.due) if r.due else "Không quy định",
                         "reported": fmt_short_date(r.reported) if r.reported else "—",
                         "state": vi(REPORT_STATES, r.state),
                         "tasks": str(sum(1 for k in part.key_tasks for t in k.reports if t.agency == r.agency)
                                      + sum(1 for t in part.other_tasks if t.agency == r.agency))})
            first = False
    if not rows:
        return None
    return {"label": "Phụ lục", "title": "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ",
            "note": annex_note(data, ds), "rows": rows}


def render_report(data: ReportData, ds: Dataset, out: Path, templates: Path) -> Path:
    """Write the report's .docx to ``out`` (atomically) from the bao-cao.docx of ``templates``."""
    from gdnn_cli.documents.docx import render_docx

    author = ds.registry.agency_name(data.reporter)
    title = f"Báo cáo kết quả thực hiện kế hoạch giáo dục nghề nghiệp năm {data.year}"
    with tempfile.TemporaryDirectory() as charts:
        return render_docx(templates / "bao-cao.docx", lambda tpl: report_context(data, ds, tpl, Path(charts)), out,
                           properties={"author": author, "title": title, "created": dt.datetime.now()})
