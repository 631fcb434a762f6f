"""Write one Excel form per body: instructions, its targets, its tasks, a hidden identity sheet.

The filler can type only in the answer cells (the sheets are protected, the workbook's structure
too); Excel and LibreOffice refuse text in number cells, negative counts and rates outside 0–100
while typing. The identity — plan(s), year, body, form version, a checksum of what was asked and a
digest of the locked cells — sits on a veryHidden sheet that ``collect`` reads back and verifies.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from gdnn_cli.common.numbers import fmt_short_date
from gdnn_cli.exchange import layout as L
from gdnn_cli.exchange.asks import FORM_VERSION, BodyAsk

if TYPE_CHECKING:  # openpyxl loads only when a form is built
    from openpyxl import Workbook

    from gdnn_cli.core.models import Plan
    from gdnn_cli.core.registry import Registry

ANSWER_FILL = "FFF2CC"  # light yellow: the cells to fill
HEAD_FILL = "D9E1F2"
PASSWORD = "gdnn"  # deters accidental edits; not security (the hash is a legacy 16-bit one)


def form_name(ask: BodyAsk) -> str:
    """The form's file name, <body>-<year>.xlsx: the reminder letter cites it, the clerk finds it by it."""
    return f"{ask.body}-{ask.year}.xlsx"


def plan_caption(plan: Plan) -> str:
    """The plan as a form's heading cites it: 'Kế hoạch số 12/KH-UBND về …'."""
    number = f"số {plan.number}" if plan.number else ""
    return " ".join(x for x in (plan.type, number, "về " + plan.title[0].lower() + plan.title[1:]) if x)


def write_forms(asks: list[BodyAsk], folder: Path, reg, illustrative: bool = False) -> list[Path]:
    """Write every form into ``folder``: all or none (built in a temporary folder, then moved)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".gdnn-forms-"))
    try:
        built = []
        for ask in asks:
            path = tmp / form_name(ask)
            build_workbook(ask, reg, illustrative).save(path)
            built.append(path)
        out = []
        for path in built:
            target = folder / path.name
            path.replace(target)
            out.append(target)
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def build_workbook(ask: BodyAsk, reg: Registry, illustrative: bool = False) -> Workbook:
    """One body's form in memory (guide, targets, tasks, the hidden identity sheet); ``write_forms`` saves it."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    wb = Workbook()
    guide = wb.active
    guide.title = L.GUIDE_SHEET
    filler_row, date_row = _guide(guide, ask, reg, illustrative)
    targets = wb.create_sheet(L.TARGET_SHEET)
    _targets(targets, ask)
    tasks = wb.create_sheet(L.TASK_SHEET)
    _tasks(tasks, ask)
    meta = wb.create_sheet(L.META_SHEET)
    rows = [("form", L.FORM_KIND), ("version", FORM_VERSION), ("year", ask.year), ("body", ask.body),
            ("plans", ",".join(p.plan.id for p in ask.plans)), ("checksum", ask.checksum),
            ("filler_cell", f"{L.FILLER_CELL}{filler_row}"), ("date_cell", f"{L.FILLER_CELL}{date_row}")]
    for r, (k, v) in enumerate(rows, 1):
        meta.cell(r, 1, k)
        meta.cell(r, 2, v)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    meta.protection.password = PASSWORD
    wb.active = 0
    wb.security = WorkbookProtection(workbookPassword=PASSWORD, lockStructure=True)
    wb.properties.creator = "gdnn"
    wb.properties.title = f"Biểu mẫu báo cáo năm {ask.year} — {ask.name}"
    return wb


def _style():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "bold": Font(name="Times New Roman", bold=True, size=12),
        "title": Font(name="Times New Roman", bold=True, size=14),
        "plain": Font(name="Times New Roman", size=12),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "answer": PatternFill("solid", fgColor=ANSWER_FILL),
        "head": PatternFill("solid", fgColor=HEAD_FILL),
    }


def _print_setup(ws, landscape: bool, title_rows: str | None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "Trang &P/&N"


def _fit_height(ws, row: int, texts: list[tuple[str, float]]) -> None:
    """Row height for wrapped text: neither Excel nor LibreOffice grows a row written by openpyxl."""
    import math

    lines = max([math.ceil(len(str(text)) / max(width * 1.5, 1)) for text, width in texts] + [1])
    ws.row_dimensions[row].height = 16 * lines + 2


def _protect(ws) -> None:
    ws.protection.sheet = True
    ws.protection.password = PASSWORD
    ws.protection.formatColumns = False  # widening a column stays allowed
    ws.protection.formatRows = False


def _answer(cell, s) -> None:
    from openpyxl.styles import Protection

    cell.protection = Protection(locked=False)
    cell.fill = s["answer"]
    cell.border = s["border"]
    cell.font = s["plain"]


def _locked(cell, value, s) -> None:
    """A cell the filler reads but cannot change (the sheet's protection locks it)."""
    cell.value = value
    cell.font = s["plain"]
    cell.border = s["border"]
    cell.alignment = s["wrap"]


def _guide(ws, ask: BodyAsk, reg, illustrative: bool) -> tuple[int, int]:
    from openpyxl.worksheet.datavalidation import DataValidation

    s = _style()
    ws.column_dimensions["A"].width = 4
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 30
    ws.column_dimensions["D"].width = 16
    ws["A1"] = f"BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM {ask.year}"
    ws["A1"].font = s["title"]
    lines: list[tuple[str, str]] = [("Đơn vị báo cáo:", ask.name), ("Mã đơn vị:", ask.body)]
    if illustrative:
        lines.append(("Lưu ý:", "Kế hoạch và số liệu kèm theo là dữ liệu minh họa, không phải số liệu chính thức."))
    r = 3
    for label, value in lines:
        ws.cell(r, 2, label).font = s["bold"]
        ws.cell(r, 3, value).font = s["plain"]
        r += 1
    r += 1
    ws.cell(r, 2, "Kế hoạch cần báo cáo").font = s["bold"]
    ws.cell(r, 3, "Gửi báo cáo đến").font = s["bold"]
    ws.cell(r, 4, "Hạn gửi").font = s["bold"]
    for c in (2, 3, 4):
        ws.cell(r, c).fill = s["head"]
        ws.cell(r, c).border = s["border"]
    for p in ask.plans:
        r += 1
        ws.cell(r, 2, plan_caption(p.plan))
        ws.cell(r, 3, reg.agency_name(p.to))
        ws.cell(r, 4, fmt_short_date(p.due) if p.due else "Theo Kế hoạch")
        for c in (2, 3, 4):
            ws.cell(r, c).alignment = s["wrap"]
            ws.cell(r, c).border = s["border"]
            ws.cell(r, c).font = s["plain"]
        _fit_height(ws, r, [(plan_caption(p.plan), 34), (reg.agency_name(p.to), 30)])
    r += 2
    ws.cell(r, 2, "Cách điền").font = s["bold"]
    steps = [
        f"1. Chỉ điền vào các ô màu vàng; các ô khác đã khóa. Trang “{L.TARGET_SHEET}”: ghi số thực hiện năm "
        f"{ask.year} của đơn vị mình vào cột “Thực hiện”.",
        "2. Chỉ tiêu tỷ lệ (%): ghi tử số và mẫu số (ví dụ: số lao động qua đào tạo và tổng số lao động); "
        "gdnn tự tính tỷ lệ. Nếu chỉ có tỷ lệ, ghi tỷ lệ vào cột “Thực hiện” (từ 0 đến 100).",
        "3. Ghi số không có dấu chấm ngăn cách hàng nghìn (12000, không phải 12.000); số thập phân dùng "
        "dấu phẩy hoặc dấu chấm theo cài đặt của máy.",
        f"4. Trang “{L.TASK_SHEET}”: chọn tình trạng trong danh sách và ghi ngắn gọn kết quả.",
        "5. Không thêm, xóa, gộp dòng và không đổi tên trang; để trống ô chưa có số liệu.",
        "6. Ghi họ tên người lập biểu và ngày lập ở cuối trang này, lưu tệp dạng .xlsx và gửi lại kèm văn bản.",
    ]
    for step in steps:
        r += 1
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
        cell = ws.cell(r, 2, step)
        cell.alignment = s["wrap"]
        cell.font = s["plain"]
        _fit_height(ws, r, [(step, 80)])
    r += 2
    ws.cell(r, 2, L.FILLER_LABEL).font = s["bold"]
    _answer(ws[f"{L.FILLER_CELL}{r}"], s)
    filler_row = r
    r += 1
    ws.cell(r, 2, L.DATE_LABEL).font = s["bold"]
    date_cell = ws[f"{L.FILLER_CELL}{r}"]
    _answer(date_cell, s)
    date_cell.number_format = "DD/MM/YYYY"
    dv = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                        showErrorMessage=True, errorTitle="Sai ngày",
                        error="Nhập ngày dạng ngày/tháng/năm, ví dụ 10/12/2025.")
    ws.add_data_validation(dv)
    dv.add(date_cell.coordinate)
    _protect(ws)
    _print_setup(ws, landscape=False, title_rows=None)
    return filler_row, r


def _headers(ws, columns, title: str, s) -> None:
    ws["A1"] = title
    ws["A1"].font = s["title"]
    for col, head, width in columns:
        ws.column_dimensions[col].width = width
        cell = ws[f"{col}{L.HEADER_ROW}"]
        cell.value = head
        cell.font = s["bold"]
        cell.alignment = s["center"]
        cell.fill = s["head"]
        cell.border = s["border"]
    ws.freeze_panes = f"A{L.FIRST_ROW}"


def _targets(ws, ask: BodyAsk) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    s = _style()
    _headers(ws, L.TARGET_COLUMNS, f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {ask.year} — {ask.name.upper()}", s)
    ws["A2"] = "Ghi số của đơn vị mình vào các ô màu vàng; chỉ tiêu tỷ lệ ghi tử số và mẫu số."
    ws["A2"].font = s["plain"]
    count = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", showErrorMessage=True,
                           errorTitle="Sai số liệu", error="Nhập số nguyên không âm, không có dấu chấm (ví dụ 12000).")
    rate = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", showErrorMessage=True,
                          errorTitle="Sai tỷ lệ", error="Tỷ lệ phải là số từ 0 đến 100.")
    part = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", showErrorMessage=True,
                          errorTitle="Sai số liệu", error="Nhập số không âm (ví dụ 12000).")
    for dv in (count, rate, part):
        ws.add_data_validation(dv)
    _lock_sheet(ws, ask, L.TARGET_SHEET, s)
    for r, _p, t in L.rows_of(ask, "targets"):
        _fit_height(ws, r, [(t.name, 38), (t.target, 22)])
        _answer(ws[f"{L.T_ACTUAL}{r}"], s)
        _answer(ws[f"{L.T_NOTE}{r}"], s)
        if t.measure == "rate":
            rate.add(f"{L.T_ACTUAL}{r}")
            for col in (L.T_NUM, L.T_DEN):
                _answer(ws[f"{col}{r}"], s)
                part.add(f"{col}{r}")
        else:
            count.add(f"{L.T_ACTUAL}{r}")
            for col in (L.T_NUM, L.T_DEN):
                ws[f"{col}{r}"].border = s["border"]
    _protect(ws)
    _print_setup(ws, landscape=True, title_rows=f"{L.HEADER_ROW}:{L.HEADER_ROW}")


def _lock_sheet(ws, ask: BodyAsk, sheet: str, s: dict) -> int:
    """Write the locked cells of one sheet exactly as ``layout.locked_cells`` says collect will verify them.

    Returns the last row written.
    """
    cells = L.locked_cells(ask)[sheet]
    for row, values in cells.items():
        for col, value in values.items():
            _locked(ws[f"{col}{row}"], value, s)
    return max(cells)


def _tasks(ws, ask: BodyAsk) -> None:
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    s = _style()
    _headers(ws, L.TASK_COLUMNS, f"TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM {ask.year} — {ask.name.upper()}", s)
    ws["A2"] = "Chọn tình trạng trong danh sách; ghi ngắn gọn kết quả đã đạt."
    ws["A2"].font = s["plain"]
    labels = list(L.STATUS_LABELS.values())
    for i, label in enumerate(labels, 1):  # the list lives on the sheet, beyond the printed area
        ws.cell(i, 26, label).font = s["plain"]
    ws.column_dimensions["Z"].hidden = True
    ws.parent.defined_names["TinhTrang"] = DefinedName("TinhTrang", attr_text=f"'{L.TASK_SHEET}'!$Z$1:$Z${len(labels)}")
    dv = DataValidation(type="list", formula1="=TinhTrang", allow_blank=True, showErrorMessage=True,
                        errorTitle="Sai tình trạng", error="Chọn một tình trạng trong danh sách.")
    ws.add_data_validation(dv)
    last = _lock_sheet(ws, ask, L.TASK_SHEET, s)
    for r, _p, t in L.rows_of(ask, "tasks"):
        _fit_height(ws, r, [(t.text, 55), (t.task, 24)])
        _answer(ws[f"{L.K_STATUS}{r}"], s)
        _answer(ws[f"{L.K_RESULT}{r}"], s)
        ws[f"{L.K_RESULT}{r}"].alignment = s["wrap"]
        dv.add(f"{L.K_STATUS}{r}")
    _protect(ws)
    _print_setup(ws, landscape=True, title_rows=f"{L.HEADER_ROW}:{L.HEADER_ROW}")
    ws.print_area = f"A1:{L.K_ID}{last}"
