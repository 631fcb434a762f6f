"""The signer's review of the year-end report: each defect a Giám đốc would correct before signing,
asserted on the sentences (pure functions) and on the bundled reports read back with python-docx."""

from __future__ import annotations

import re
from typing import ClassVar

import docx
import pytest
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.documents.naming import name_list
from gdnn_cli.documents.report_data import KeyTask
from gdnn_cli.documents.report_text import row_sentence, task_line
from gdnn_cli.tracking.gaps import GapRow
from gdnn_cli.tracking.status import TaskStatus
from tests.conftest import REPO
from tools.readback import docx_text

runner = CliRunner()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The bundled reports of 2025 and 2022, as the signer receives them."""
    out = tmp_path_factory.mktemp("signer")
    for year in (2025, 2022):
        result = runner.invoke(app, ["report", "--year", str(year), "--data", str(REPO / "data"), "-o", str(out)])
        assert result.exit_code == 0, result.output
    return out


def lines(path) -> list[str]:
    return docx_text(path).split("\n")


# --------------------------------------------------------------------------- sentences


def test_names_holding_commas_are_listed_with_semicolons():
    names = ["Tỷ lệ lao động có bằng cấp, chứng chỉ", "Trung cấp", "Trung cấp"]
    assert name_list(names) == "Tỷ lệ lao động có bằng cấp, chứng chỉ; Trung cấp"


def _row(**kw) -> GapRow:
    base = {"plan": "p", "target": "t", "name": "Lao động học nghề", "year": 2025, "unit": "người",
            "target_value": 20000, "target_min": None, "target_max": None, "actual": 19600, "gap": -400,
            "achievement": 98.0, "status": "met", "source": None, "qualifier": "khoang"}
    base.update(kw)
    return GapRow(**base)


def test_a_target_met_below_its_figure_says_why():
    class Part:
        as_of: ClassVar[dict] = {}

    met = row_sentence(_row(), Part())
    assert "thiếu 400 người; đạt kế hoạch (trong phạm vi chênh lệch cho phép của chỉ tiêu “khoảng”)" in met
    exact = row_sentence(_row(actual=20000, gap=0, achievement=100.0), Part())
    assert "phạm vi" not in exact


def test_the_writer_does_not_name_itself():
    rep = TaskStatus("p", "t", "g", "hn-so-gddt", "Sở GD&ĐT", "hoan-thanh", "Đã tổ chức.", None)
    other = TaskStatus("p", "t", "g", "hn-so-tc", "Sở Tài chính", "dang-trien-khai", None, None)
    task = KeyTask("g", "Tổ chức Ngày hội", (rep, other))
    names = {"hn-so-gddt": "Sở GD&ĐT", "hn-so-tc": "Sở Tài chính"}.get
    assert task_line(task, names, "hn-so-gddt") == (
        "Tổ chức Ngày hội: hoàn thành (Đã tổ chức); Sở Tài chính: đang triển khai.")
    assert task_line(task, names, "hn-so-tc").startswith("Tổ chức Ngày hội: Sở GD&ĐT: hoàn thành")


# --------------------------------------------------------------------------- the documents read back


def test_lists_of_target_names_are_unambiguous(reports):
    text = lines(reports / "bao-cao-hp-ubnd-2025.docx")
    focus = next(x for x in text if x.startswith("- Tập trung chỉ đạo thực hiện các chỉ tiêu chưa đạt"))
    assert "chứng chỉ từ 03 tháng trở lên; Đào tạo lại, đào tạo thường xuyên lực lượng lao động; Tỷ lệ" in focus


def test_progress_is_referred_to_its_numbered_table(reports):
    text = docx_text(reports / "bao-cao-hp-ubnd-2025.docx")
    assert "Bảng tiến độ" not in text
    caption = re.search(r"Bảng (\d+)\. Tiến độ thực hiện các chỉ tiêu đến năm 2030", text).group(1)
    assert f"chậm tiến độ để đạt mốc năm 2030 (chi tiết tại Bảng {caption})." in text


def test_targets_without_figures_said_once_and_counted_as_a_shortcoming(reports):
    path = reports / "bao-cao-hp-ubnd-2025.docx"
    text = lines(path)
    assert not [x for x in text if x.endswith("; chưa có số liệu.")]  # no bullet per blank target
    d = docx.Document(str(path))
    year_table = next(t for t in d.tables if len(t.columns) > 3 and t.rows[0].cells[3].text == "Kế hoạch 2025")
    rows = [[c.text for c in r.cells] for r in year_table.rows[1:]]
    blank_main = [r[1] for r in rows if "." not in r[0] and r[-1] == "Chưa có số liệu"]
    blank_parts = [r for r in rows if "." in r[0] and r[-1] == "Chưa có số liệu"]
    said = next(x for x in text if x.startswith("- Chưa có số liệu: "))
    assert said.count(";") == len(blank_main) + len(blank_parts) - 1
    main = [r for r in rows if "." not in r[0]]
    assert (f"- Chưa có số liệu để đánh giá {len(blank_main)}/{len(main)} chỉ tiêu chính và {len(blank_parts)} "
            "chỉ tiêu thành phần năm 2025 (chi tiết tại Bảng 1).") in text


def test_a_plan_without_targets_of_the_year_says_so(reports):
    text = docx_text(reports / "bao-cao-hp-ubnd-2022.docx")
    assert ("Kế hoạch không đặt chỉ tiêu riêng cho năm 2022; kết quả năm 2022 được đánh giá theo tiến độ đạt "
            "các mốc năm 2025, 2030.") in text
    assert "mốc năm 2025 3 trường" not in text


def test_one_reporting_line_per_plan_and_deadline(reports):
    text = lines(reports / "bao-cao-hp-ubnd-2025.docx")
    reporting = [x for x in text if "(không quy định thời hạn gửi báo cáo)" in x]
    assert len(reporting) == 1 and "Ban Quản lý Khu kinh tế" in reporting[0] and "đặc khu" in reporting[0]


def test_no_self_citation_and_no_weak_strengths(reports):
    text = lines(reports / "bao-cao-hn-ubnd-2025.docx")
    assert not [x for x in text if ": Sở GD&ĐT: " in x]  # the writer, Sở GD&ĐT, reports its own tasks plainly
    strengths = text[text.index("1. Ưu điểm") + 1:text.index("2. Tồn tại, hạn chế")]
    assert not [x for x in strengths if "2/15 nhiệm vụ" in x or "2/5 lượt báo cáo" in x]


def test_words_of_the_annex_match_the_text(reports):
    d = docx.Document(str(reports / "bao-cao-hn-ubnd-2025.docx"))
    states = {r.cells[5].text for r in d.tables[-1].rows[1:]}
    assert "Muộn" not in states and "Gửi chậm" in states


def test_rounding_never_prints_100_beside_a_verdict_other_than_met(reports):
    for name in ("bao-cao-hn-ubnd-2022.docx", "bao-cao-hn-ubnd-2025.docx", "bao-cao-hp-ubnd-2025.docx"):
        d = docx.Document(str(reports / name))
        for t in d.tables:
            if len(t.columns) > 5 and t.rows[0].cells[5].text == "So với KH":
                for r in t.rows[1:]:
                    cells = [c.text for c in r.cells]
                    assert not (cells[5] == "100%" and cells[-1] in ("Vượt", "Không đạt")), cells
    d = docx.Document(str(reports / "bao-cao-hn-ubnd-2022.docx"))
    assert "100,04%" in [c.text for t in d.tables for r in t.rows for c in r.cells]


def test_no_two_tables_bear_the_same_caption(reports):
    for name in ("bao-cao-hn-ubnd-2025.docx", "bao-cao-hp-ubnd-2025.docx", "bao-cao-hn-ubnd-2022.docx"):
        captions = [re.sub(r"^Bảng \d+\. ", "", x) for x in lines(reports / name) if re.match(r"Bảng \d+\. ", x)]
        assert captions and len(captions) == len(set(captions)), captions
    text = docx_text(reports / "bao-cao-hn-ubnd-2025.docx")
    assert ("Bảng 3. Kết quả thực hiện các chỉ tiêu năm 2025 của Kế hoạch triển khai công tác "
            "giáo dục nghề nghiệp") in text


def test_columns_hold_their_words(reports):
    """Widths (cm) that keep "12.1", "trường", "05/12/2025" and "Nhiệm vụ" on one line at 12 pt —
    the PNG review found "12.|1", "trườn|g", "T|T" and "Nhiệ|m vụ" broken inside the word."""
    from docx.shared import Cm

    d = docx.Document(str(reports / "bao-cao-hp-ubnd-2025.docx"))
    for t in d.tables:
        head = [c.text for c in t.rows[0].cells]
        if head[0] != "TT":
            continue
        widths = [col.width for col in t.columns]
        assert widths[0] >= Cm(1.05), head
        if head[2] == "ĐVT":
            assert widths[2] >= Cm(1.75), head
        for i, label in enumerate(head):
            if label in ("Hạn báo cáo", "Ngày gửi"):
                assert widths[i] >= Cm(2.35), head
            if label == "Nhiệm vụ đã báo cáo":
                assert widths[i] >= Cm(1.75), head


def test_workbook_says_what_the_document_says(tmp_path):
    from openpyxl import load_workbook

    result = runner.invoke(app, ["report", "--year", "2025", "--issuer", "hn-ubnd", "--xlsx",
                                 "--data", str(REPO / "data"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(tmp_path / "bao-cao-hn-ubnd-2025.xlsx")["Chế độ báo cáo"]
    states = {c.value for c in ws["F"]}
    assert "Gửi chậm" in states and "Muộn" not in states


def test_figures_are_never_said_to_come_from_no_report(reports):
    text = docx_text(reports / "bao-cao-hp-ubnd-2025.docx")
    assert "từ báo cáo của 0/" not in text
    assert "chưa báo cáo: UBND các xã, phường, đặc khu" in text  # who did not report is still said, in I.1
