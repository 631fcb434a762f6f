"""The year-end report's tables as .xlsx (openpyxl), laid out as a clerk sends them with the Báo cáo.

One sheet per kind of table, named in Vietnamese: the year's targets, the milestones ahead, the key
tasks and who reported. A header block names the writing body and the report's number and date;
values are rounded to what is shown; Chênh lệch and Tỷ lệ are formulas, so that a corrected figure
recalculates; parts are numbered 1.1, 1.2 and grouped under their total (outline); every sheet
prints on A4 landscape, fitted to the width, with its header row repeated on each page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gdnn_cli.common.atomic import write_with
from gdnn_cli.common.vocab import PROVENANCE, REPORT_STATES, TASK_STATES, VERDICTS, vi

if TYPE_CHECKING:
    from openpyxl import Workbook

    from gdnn_cli.documents.report_data import PlanPart, ReportData
    from gdnn_cli.tracking.gaps import GapRow

TARGET_HEADERS = [("TT", 6), ("Chỉ tiêu", 48), ("ĐVT", 11), ("Kế hoạch (như văn bản)", 16), ("Kế hoạch", 12),
                  ("Thực hiện", 12), ("Chênh lệch", 12), ("Tỷ lệ so với KH (%)", 11), ("Đánh giá", 14),
                  ("Loại số liệu", 13), ("Nguồn", 40)]
AHEAD_HEADERS = [("TT", 6), ("Chỉ tiêu", 48), ("ĐVT", 11), ("Mốc (như văn bản)", 16), ("Kế hoạch", 12),
                 ("Thực hiện đến nay", 13), ("Năm số liệu", 9), ("Còn phải đạt", 12), ("Đánh giá", 22),
                 ("Loại số liệu", 13)]
TASK_HEADERS = [("TT", 6), ("Kế hoạch", 30), ("Nhóm nhiệm vụ", 30), ("Nhiệm vụ", 60), ("Cơ quan báo cáo", 22),
                ("Tình trạng", 16), ("Kết quả", 40)]
REPORTING_HEADERS = [("TT", 6), ("Kế hoạch", 34), ("Cơ quan, đơn vị", 30), ("Hạn báo cáo", 13), ("Ngày gửi", 13),
                     ("Tình trạng", 22)]
HEAD_ROW = 5


def _sheet(wb, title: str, headers, heading: list[str]):
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.properties import PageSetupProperties

    ws = wb.create_sheet(title=title[:31])
    ws.gdnn_width = len(headers)  # the table's width, for _row (max_column would scan every cell)
    for i, text in enumerate(heading[:4], 1):
        ws.cell(row=i, column=1, value=text).font = Font(bold=i == 3, italic=i == 2)
    thin = Side(style="thin")
    for j, (label, width) in enumerate(headers, 1):
        c = ws.cell(row=HEAD_ROW, column=j, value=label)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.column_dimensions[c.column_letter].width = width
    ws.freeze_panes = f"A{HEAD_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.sheet_properties.outlinePr.summaryBelow = False
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"
    return ws


def _last_row(ws) -> int:
    """The row the last ``append`` wrote. openpyxl's ``max_row`` scans every cell of the sheet, which made a
    national workbook quadratic (41 s of a 4-province site build); its append counter is read instead."""
    return int(ws._current_row)


def _row(ws, values, bold=False, level=0, wrap=(2,)):
    from openpyxl.styles import Alignment, Border, Font, Side

    ws.append(values)
    r = _last_row(ws)
    thin = Side(style="thin")
    width = max(len(values), getattr(ws, "gdnn_width", 0))  # a short row still gets the table's borders
    for c in (ws.cell(row=r, column=i + 1) for i in range(width)):
        c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        if bold:
            c.font = Font(bold=True)
        if c.column in wrap:
            c.alignment = Alignment(wrap_text=True, vertical="top", indent=level)
        else:
            c.alignment = Alignment(vertical="top", wrap_text=isinstance(c.value, str))
    if level:
        ws.row_dimensions[r].outlineLevel = level
    return r


def _plan_row(ws, text: str, width: int) -> None:
    from openpyxl.styles import Font

    ws.append([text])
    r = _last_row(ws)
    ws.cell(row=r, column=1).font = Font(bold=True, italic=True)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)


def _fmt(r: GapRow) -> str:
    return "0.0#" if r.unit.strip() == "%" else "#,##0"


def _figure_year(r: GapRow) -> int | str | None:
    """'Năm số liệu' of a milestone ahead: the latest figure's year as a number, an average's span as the
    report's table writes it ('bình quân 2024 - 2026'), since its figure is the mean of those years."""
    from gdnn_cli.documents.milestone_text import figure_years

    if r.ahead is None:
        return None
    return r.ahead.as_of_year if r.mean is None else figure_years(r)


def _plan_value(r: GapRow) -> float | None:
    if r.target_value is not None:
        return r.target_value
    return r.target_min if r.target_min is not None else r.target_max


def _gap_formula(r: GapRow, line: int) -> str:
    """Chênh lệch as `gdnn gaps` computes it (tracking.gaps.gap_of): actual − plan, but for a range
    ("40 - 45%") the distance to the nearest bound and 0 inside it, so the workbook never shows +1 where the
    report says the target is met."""
    if r.target_value is None and r.target_min is not None and r.target_max is not None:
        lo, hi = f"{r.target_min:g}", f"{r.target_max:g}"
        return (f'=IF(F{line}="","",IF(F{line}<{lo},F{line}-{lo},'
                f'IF(F{line}>{hi},F{line}-{hi},0)))')
    return f'=IF(OR(E{line}="",F{line}=""),"",F{line}-E{line})'


def write_xlsx(report_data: ReportData, out: Path, note: str = "") -> Path:
    """The workbook of one report; the writing body and the report's number head every sheet."""
    from openpyxl import Workbook

    from gdnn_cli.documents.naming import plan_short
    from gdnn_cli.documents.report_text import row_numbers, target_label

    year = report_data.year
    writer = report_data.writer_name
    number = report_data.number_text
    heading = [writer.upper(), note or (f"(Kèm theo Báo cáo số {number} của {writer})" if writer and number else "")]
    wb = Workbook()
    wb.remove(wb.active)
    ws = _sheet(wb, f"Chỉ tiêu năm {year}", TARGET_HEADERS,
                heading + [f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {year}", ""])
    ahead_rows: list[tuple[PlanPart, GapRow]] = []
    for part in report_data.parts:
        rows = [r for r in part.rows if r.year <= year]
        ahead_rows += [(part, r) for r in part.rows if r.year > year]
        ahead_rows += [(part, m.row) for m in part.milestones if m.row is not None]
        if not rows:
            continue
        _plan_row(ws, plan_short(part.plan), len(TARGET_HEADERS))
        for n, r in zip(row_numbers(rows), rows, strict=True):
            line = _last_row(ws) + 1
            actual = None if r.actual is None else round(r.actual, 2)
            plan_value = _plan_value(r)
            gap = _gap_formula(r, line)
            ratio = f"=IF(OR(E{line}=\"\",E{line}=0,F{line}=\"\"),\"\",ROUND(F{line}/E{line}*100,1))"
            name = ("Trong đó: " if r.kind == "share" else "") + r.name
            _row(ws, [n, name, r.unit, target_label(r, unit=False), plan_value, actual, gap, ratio,
                      vi(VERDICTS, r.status), vi(PROVENANCE, r.actual_status or "", lower=True), r.source or ""],
                 bold=r.level == 0, level=min(r.level, 7))
            for col in ("E", "F", "G"):
                ws[f"{col}{line}"].number_format = _fmt(r)
            ws[f"H{line}"].number_format = "0.0"
    if any(r.illustrative for p in report_data.parts for r in p.rows):
        ws.append([])
        ws.append(["", "Loại số liệu “minh họa”: số liệu minh họa, không phải số liệu chính thức."])
    if ahead_rows:
        _ahead_sheet(wb, ahead_rows, year, heading)
    _tasks_sheet(wb, report_data, heading)
    _reporting_sheet(wb, report_data, heading)
    return write_with(out, lambda t: wb.save(str(t)))


def _ahead_sheet(wb: Workbook, rows: list[tuple[PlanPart, GapRow]], year: int, heading: list[str]) -> None:
    from itertools import groupby

    from gdnn_cli.documents.naming import plan_short
    from gdnn_cli.documents.report_text import row_numbers, target_label

    ws = _sheet(wb, "Tiến độ đến mốc", AHEAD_HEADERS,
                heading + [f"TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU (SỐ LIỆU ĐẾN NĂM {year})", ""])
    unique: dict[tuple[str, str], tuple[PlanPart, GapRow]] = {}
    for part, r in rows:
        unique.setdefault((part.plan.id, r.target), (part, r))
    for _, run in groupby(unique.values(), key=lambda pr: pr[0].plan.id):
        group = list(run)
        _plan_row(ws, plan_short(group[0][0].plan), len(AHEAD_HEADERS))
        for n, (_, r) in zip(row_numbers([r for _, r in group]), group, strict=True):
            line = _last_row(ws) + 1
            remaining = f'=IF(F{line}="","",MAX(0,E{line}-F{line}))' if r.direction != "lower" else \
                f'=IF(F{line}="","",MAX(0,F{line}-E{line}))'
            _row(ws, [n, ("Trong đó: " if r.kind == "share" else "") + r.name, r.unit,
                      f"{target_label(r, unit=False)} ({r.year})", _plan_value(r),
                      None if r.actual is None else round(r.actual, 2), _figure_year(r),
                      remaining,
                      vi(VERDICTS, r.status), vi(PROVENANCE, r.actual_status or "", lower=True)],
                 bold=r.level == 0, level=min(r.level, 7))
            for col in ("E", "F", "H"):
                ws[f"{col}{line}"].number_format = _fmt(r)


def _tasks_sheet(wb: Workbook, data: ReportData, heading: list[str]) -> None:
    from gdnn_cli.documents.naming import plan_short

    ws = _sheet(wb, "Nhiệm vụ", TASK_HEADERS, heading + ["KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP", ""])
    n = 0
    for part in data.parts:
        for k in part.key_tasks:
            for rep in k.reports or [None]:
                n += 1
                _row(ws, [n, plan_short(part.plan), k.group, k.text, rep.name if rep else "",
                          vi(TASK_STATES, rep.status if rep else "chua-co-bao-cao", lower=True),
                          (rep.account or "") if rep else ""],
                     wrap=(2, 3, 4, 7))


def _reporting_sheet(wb: Workbook, data: ReportData, heading: list[str]) -> None:
    from gdnn_cli.documents.naming import plan_short

    ws = _sheet(wb, "Chế độ báo cáo", REPORTING_HEADERS,
                heading + ["TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ", ""])
    n = 0
    for part in data.parts:
        for r in part.reporters:
            n += 1
            line = _row(ws, [n, plan_short(part.plan), r.name, r.due or "Không quy định", r.reported,
                             vi(REPORT_STATES, r.state)], wrap=(2, 3))
            for col in ("D", "E"):
                ws[f"{col}{line}"].number_format = "dd/mm/yyyy"
