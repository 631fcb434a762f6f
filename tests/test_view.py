"""Gap tables for people: in the user's language on the terminal, in Vietnamese in documents."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.common.vocab import VERDICTS, vi
from gdnn_cli.tracking import view as gaps_view
from tests.conftest import REPO

runner = CliRunner()
WIDE = {"COLUMNS": "250"}
GAPS = ["gaps", "--data", str(REPO / "data"), "--year", "2025"]

# The words of `gdnn gaps`, English and Vietnamese, as a clerk reads them.
HEADERS = {"en": ["Target", "Year", "Unit", "Planned", "Actual", "Gap", "Share of plan", "Assessment"],
           "vi": ["Chỉ tiêu", "Năm", "Đơn vị", "Kế hoạch (chỉ tiêu)", "Thực hiện", "Chênh lệch", "Tỷ lệ so với KH",
                  "Đánh giá"]}
WORDS = {"en": {"exceeded": "Exceeded", "met": "Met", "not_met": "Not met", "no_data": "No data yet",
                "behind": "Behind schedule", "too_few": "Too few figures to assess"},
         "vi": {"exceeded": "Vượt", "met": "Đạt", "not_met": "Không đạt", "no_data": "Chưa có số liệu",
                "behind": "Chậm tiến độ", "too_few": "Chưa đủ số liệu để đánh giá"}}
LINES = {"en": ["hn-2025-gdnn — year 2025", "Of which: Tỷ lệ lao động có bằng cấp", "−0,8 pp",
                "* Illustrative figures, not official statistics.", "hn-2025-gdnn: compiled from 0/126 xã, phường"],
         "vi": ["hn-2025-gdnn — năm 2025", "Trong đó: Tỷ lệ lao động có bằng cấp", "−0,8 điểm %",
                "* Số liệu minh họa (illustrative), không phải số liệu chính thức.",
                "hn-2025-gdnn: tổng hợp từ 0/126 xã, phường"]}


def _cells(output: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("│┃").split("│" if "│" in line else "┃")]
            for line in output.splitlines() if line.startswith(("│", "┃"))]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_gaps_table_speaks_the_users_language(lang, monkeypatch):
    monkeypatch.setenv("GDNN_LANG", lang)
    res = runner.invoke(app, GAPS, env=WIDE)
    assert res.exit_code == 0, res.output
    table = _cells(res.output)
    assert table[0] == HEADERS[lang]
    rows = json.loads(runner.invoke(app, [*GAPS, "--format", "json"]).stdout)
    assert len(rows) == sum(1 for c in table if c[1].isdigit())  # every target row, none folded away
    shown = {c[-1] for c in table if c[1].isdigit()}
    assert shown == {WORDS[lang][r["status"]] for r in rows}
    for line in LINES[lang]:
        assert line in res.output
    other = "vi" if lang == "en" else "en"
    for word in [*HEADERS[other], *LINES[other]]:
        assert word not in res.output, word


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_gaps_markdown_speaks_the_users_language(lang, monkeypatch):
    monkeypatch.setenv("GDNN_LANG", lang)
    res = runner.invoke(app, [*GAPS, "--plan", "hn-2025-gdnn", "--format", "md"])
    assert res.exit_code == 0, res.output
    header = res.stdout.splitlines()[0]
    assert header == "| " + " | ".join([{"en": "Plan", "vi": "Kế hoạch"}[lang], *HEADERS[lang],
                                         {"en": "Source", "vi": "Nguồn"}[lang]]) + " |"
    assert res.stdout.rstrip().endswith(LINES[lang][3])
    total = next(line for line in res.stdout.splitlines() if "Đào tạo nghề (tuyển sinh, đào tạo)" in line)
    said, other = {"en": ("sum of the parts", "tổng các thành phần"),
                   "vi": ("tổng các thành phần", "sum of the parts")}[lang]
    assert total.endswith(f"| {said} |") and other not in res.stdout  # the total's source, computed from its parts


def test_documents_keep_the_vietnamese_words_whatever_the_language():
    """The site and the workbook take ``vocab.vi(VERDICTS, …)`` and ``cells(r, "vi")``: the same catalog entries."""
    assert {k: vi(VERDICTS, k) for k in WORDS["vi"]} == WORDS["vi"]
    assert {k: vi(VERDICTS, k) for k in WORDS["vi"]} == {k: gaps_view.status_text(_Row(k), "vi") for k in WORDS["vi"]}
    assert vi(VERDICTS, "at_risk") == "Có nguy cơ không đạt"
    assert vi(VERDICTS, "achieved") == "Đã đạt mốc"


class _Row:
    """Just enough of a GapRow for status_text."""

    def __init__(self, status: str) -> None:
        self.status = status
