"""Target-versus-actual tables as .xlsx (openpyxl): one sheet per plan, numbers as numbers.

Officials send the paper report together with an Excel file; the values here are the same rows
as `gdnn gaps --format json`, unformatted, so that a spreadsheet can compute with them.
"""

from __future__ import annotations

from pathlib import Path

from .atomic import write_with
from .gaps_view import STATUS_VI

HEADERS = ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm", "Kế hoạch", "Kế hoạch (tối thiểu)", "Kế hoạch (tối đa)",
           "Thực hiện", "Chênh lệch", "Tỷ lệ so với KH (%)", "Đánh giá", "Số liệu minh họa", "Nguồn"]


def write_xlsx(report_data, out: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.properties.creator = "gdnn"  # marks a file gdnn may overwrite (atomic.is_gdnn_output)
    wb.remove(wb.active)
    for part in report_data.parts:
        ws = wb.create_sheet(title=part.plan.id[:31])
        ws.append([f"{part.plan.type} {part.plan.number or ''}: {part.plan.title}".replace("  ", " ")])
        ws["A1"].font = Font(bold=True)
        ws.append(HEADERS)
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        n = 0
        for r in part.rows:
            n += 1
            ws.append([n, ("   " * r.level) + r.name, r.unit, r.year, r.target_value, r.target_min, r.target_max,
                       r.actual, r.gap, None if r.achievement is None else round(r.achievement, 2),
                       STATUS_VI.get(r.status, r.status), "x" if r.illustrative else "", r.source or ""])
        for row in ws.iter_rows(min_row=3, min_col=5, max_col=10):
            for cell in row:
                if isinstance(cell.value, (int, float)):
                    cell.number_format = "#,##0.##"
        for col, width in zip("ABCDEFGHIJKLM", (5, 50, 12, 8, 12, 12, 12, 12, 12, 12, 16, 10, 50)):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A3"
        if any(r.illustrative for r in part.rows):
            ws.append([])
            ws.append(["", "Số liệu đánh dấu x là số liệu minh họa, không phải số liệu chính thức."])
    if not wb.sheetnames:
        wb.create_sheet("Trống").append(["Không có kế hoạch nào trong năm báo cáo."])
    return write_with(out, lambda t: wb.save(str(t)))
