"""The form's layout, shared by the writer and the reader so that both agree on every cell.

Kept apart from ``forms`` and ``collect`` so that a change of column moves both sides at once.
"""

from __future__ import annotations

from gdnn_cli.common.vocab import PROGRESS, TASK_STATES, vi

META_SHEET = "_gdnn"
GUIDE_SHEET = "Hướng dẫn"
TARGET_SHEET = "Chỉ tiêu"
TASK_SHEET = "Nhiệm vụ"
FORM_KIND = "gdnn-bieu-mau-bao-cao"

HEADER_ROW = 4  # column headings; data rows start below
FIRST_ROW = HEADER_ROW + 1

# targets sheet: (column, heading, width)
T_NO, T_NAME, T_UNIT, T_YEAR, T_PLANNED, T_ACTUAL, T_NUM, T_DEN, T_NOTE, T_PLAN, T_ID = "ABCDEFGHIJK"
TARGET_COLUMNS = [
    (T_NO, "TT", 5), (T_NAME, "Chỉ tiêu", 38), (T_UNIT, "ĐVT", 10), (T_YEAR, "Năm", 7),
    (T_PLANNED, "Kế hoạch giao", 13), (T_ACTUAL, "Thực hiện", 13), (T_NUM, "Tử số (tỷ lệ)", 12),
    (T_DEN, "Mẫu số (tỷ lệ)", 12), (T_NOTE, "Ghi chú", 22), (T_PLAN, "Mã kế hoạch", 18), (T_ID, "Mã chỉ tiêu", 22),
]
# tasks sheet
K_NO, K_TEXT, K_STATUS, K_RESULT, K_PLAN, K_ID = "ABCDEF"
TASK_COLUMNS = [
    (K_NO, "TT", 5), (K_TEXT, "Nhiệm vụ được giao", 55), (K_STATUS, "Tình trạng", 18),
    (K_RESULT, "Kết quả (ngắn gọn)", 45), (K_PLAN, "Mã kế hoạch", 18), (K_ID, "Mã nhiệm vụ", 24),
]
STATUS_LABELS = {code: vi(TASK_STATES, code) for code in PROGRESS}  # the form's list, read back by collect

# guide sheet: where the filler writes who and when
FILLER_LABEL, FILLER_CELL = "Người lập biểu (họ và tên):", "C"
DATE_LABEL = "Ngày lập biểu (ngày/tháng/năm):"


TARGET_LOCKED = T_NO + T_NAME + T_UNIT + T_YEAR + T_PLANNED + T_PLAN + T_ID
TASK_LOCKED = K_NO + K_TEXT + K_PLAN + K_ID


NO_TARGETS = "(Đơn vị không phải báo cáo chỉ tiêu nào trong năm.)"
NO_TASKS = "(Đơn vị không được giao nhiệm vụ cụ thể trong năm.)"


def rows_of(ask, kind: str):
    """(row, plan ask, item) of the targets or tasks sheet, in the order the form has them."""
    r = FIRST_ROW - 1
    for p in ask.plans:
        for item in getattr(p, kind):
            r += 1
            yield r, p, item


def locked_cells(ask) -> dict[str, dict[int, dict[str, object]]]:
    """sheet → row → column → the value of every locked cell below the headings: what the writer
    puts there and what the reader expects to find (a deleted, inserted or moved row, an edited plan
    figure shows up as a difference)."""
    targets = {r: {T_NO: r - FIRST_ROW + 1, T_NAME: t.name, T_UNIT: t.unit, T_YEAR: t.year, T_PLANNED: t.planned,
                   T_PLAN: t.plan, T_ID: t.target} for r, _, t in rows_of(ask, "targets")}
    tasks = {r: {K_NO: r - FIRST_ROW + 1, K_TEXT: t.text, K_PLAN: t.plan, K_ID: t.task}
             for r, _, t in rows_of(ask, "tasks")}
    return {TARGET_SHEET: targets or {FIRST_ROW: {T_NAME: NO_TARGETS}},
            TASK_SHEET: tasks or {FIRST_ROW: {K_TEXT: NO_TASKS}}}
