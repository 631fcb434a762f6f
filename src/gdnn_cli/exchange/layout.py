"""The form's layout, shared by the writer and the reader so that both agree on every cell.

Kept apart from ``forms`` and ``collect`` so that a change of column moves both sides at once.
"""

from __future__ import annotations

import hashlib
import json

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
STATUS_LABELS = {"chua-trien-khai": "Chưa triển khai", "dang-trien-khai": "Đang triển khai",
                 "hoan-thanh": "Hoàn thành"}

# guide sheet: where the filler writes who and when
FILLER_LABEL, FILLER_CELL = "Người lập biểu (họ và tên):", "C"
DATE_LABEL = "Ngày lập biểu (ngày/tháng/năm):"


def content_digest(rows: list[list]) -> str:
    """A digest of what the filler must not change: the locked cells, sheet by sheet, row by row."""
    raw = json.dumps(rows, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def locked_values(ws, columns: str, first: int, last: int) -> list[list]:
    """The locked cells' values of rows ``first``..``last`` (numbers as written, text stripped)."""
    out = []
    for r in range(first, last + 1):
        row = []
        for c in columns:
            v = ws[f"{c}{r}"].value
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            row.append(v.strip() if isinstance(v, str) else v)
        out.append(row)
    return out


TARGET_LOCKED = T_NO + T_NAME + T_UNIT + T_YEAR + T_PLANNED + T_PLAN + T_ID
TASK_LOCKED = K_NO + K_TEXT + K_PLAN + K_ID
