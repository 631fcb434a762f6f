"""Issue 16, point 1: one plan's date, range and status words print the same way everywhere.

One small plan (issued 04/3/2025, a range target of 40 - 45%, a provisional figure that meets it, a
key task under way) goes through the plan .docx, the report .docx and its workbook, ``gdnn gaps``
(table and JSON), ``gdnn status``, the site and textconv; each output is read back, and each must print the
words and formats of common/vocab.py and common/numbers.py. A module that formatted its own date
("04/03/2025"), its own range ("40–45%") or kept its own word for a status fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.common.numbers import fmt_long_date, fmt_number, fmt_percent, fmt_range, fmt_short_date
from gdnn_cli.common.vocab import PROGRESS, PROVENANCE, STATUSES, TASK_STATES, VERDICTS, label, spoken, vi
from gdnn_cli.core.figures import target_figure
from gdnn_cli.core.models import Target
from gdnn_cli.review.textconv import render
from gdnn_cli.site.history import History
from gdnn_cli.tracking import view as gaps_view
from gdnn_cli.tracking.gaps import GapRow
from tests.conftest import FIXTURES, REPO, edit
from tools.readback import docx_text

runner = CliRunner()
ISSUED = dt.date(2025, 3, 4)  # a day under 10 in a month over 2: Nghị định 30 pads the one, not the other
RESULTS = """\
plan: tp-2025
year: 2025
figures:
  - {target: phan-luong, value: 42, status: provisional, source: {title: Báo cáo 5/BC-SGDĐT}}
progress:
  - {task: ngay-hoi, agency: tp-so-ldtbxh, status: dang-trien-khai}
"""


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"GDNN_LANG": "vi", "COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    """Every output of the one plan, as text read back from what gdnn wrote or printed."""
    root = tmp_path_factory.mktemp("one")
    data, out = root / "data", root / "out"
    shutil.copytree(FIXTURES / "mini", data)
    out.mkdir()
    edit(data / "plans" / "tp-2025.yaml", "date: 2025-01-10", f"date: {ISSUED.isoformat()}")
    edit(data / "agencies" / "agencies.yaml", "ceased: 2025-03-01", "ceased: 2025-07-01")  # still in office then
    (data / "results").mkdir()
    (data / "results" / "2025.yaml").write_text(RESULTS, encoding="utf-8")
    run("plan", "tp-2025", "--data", str(data), "-o", str(out / "plan.docx"))
    run("report", "--year", "2025", "--data", str(data), "-o", str(out), "--xlsx")
    run("site", "--year", "2025", "--data", str(data), "-o", str(out / "site"), "--no-docx", "--no-pdf", "--no-history")
    book = load_workbook(out / "bao-cao-tp-ubnd-2025.xlsx")
    cells = [" | ".join("" if c is None else str(c) for c in row)
             for ws in book for row in ws.iter_rows(values_only=True)]
    return {
        "plan.docx": docx_text(out / "plan.docx"),
        "report.docx": docx_text(out / "bao-cao-tp-ubnd-2025.docx"),
        "report.xlsx": "\n".join(cells),
        "gaps": run("gaps", "--year", "2025", "--data", str(data)),
        "gaps.json": run("gaps", "--year", "2025", "--data", str(data), "--format", "json"),
        "status": run("status", "--year", "2025", "--data", str(data)),
        "textconv plan": render(data / "plans" / "tp-2025.yaml"),
        "textconv results": render(data / "results" / "2025.yaml"),
        "site": "\n".join(rows_of(out / "site" / "ke-hoach" / page)
                          for page in ("tp-2025.html", "tp-2025/phan-luong.html")),
    }


def rows_of(page: Path) -> str:
    """A site page as text, one line per table row (cells joined by " | ") or block of text."""
    html = re.sub(r"\s+", " ", page.read_text(encoding="utf-8"))
    html = re.sub(r"</t[dh]>", " | ", re.sub(r"</(tr|p|h[1-6]|li|div)>", "\n", html))
    return "\n".join(" ".join(line.split()) for line in unescape(re.sub(r"<[^>]+>", "", html)).splitlines())


def line_of(text: str, needle: str) -> str:
    """The one line of ``text`` that names ``needle`` (a target, a task)."""
    found = [line for line in text.splitlines() if needle in line]
    assert found, f"{needle!r} not found"
    return found[0]


def test_the_forms_are_those_of_the_seed_plans_and_of_nghi_dinh_30():
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "tests" / "seeds").glob("*.txt"))
    assert fmt_range(fmt_number(40), fmt_percent(45)) == "40 - 45%"
    assert "40 - 45%" in seeds and "40–45%" not in seeds
    assert fmt_short_date(ISSUED) == "04/3/2025"
    assert fmt_short_date(dt.date(2025, 5, 25)) == "25/5/2025"
    assert fmt_short_date(dt.date(2026, 1, 5)) == "05/01/2026"
    assert fmt_long_date(2025, 3, 4) == "ngày 04 tháng 3 năm 2025"


def test_the_date_prints_one_way(outputs):
    short = fmt_short_date(ISSUED)
    day, month, year = short.split("/")
    assert f"ngày {day} tháng {month} năm {year}" in outputs["plan.docx"]  # the place-and-date line
    assert f"Kế hoạch số 12/KH-UBND ngày {short}" in outputs["report.docx"]  # the report cites the plan
    assert f"Ngày ban hành: Thành phố Thử, {short}" in outputs["textconv plan"]
    assert f"ngày {day} tháng {month} năm {year}" in outputs["site"]
    for name, text in outputs.items():
        assert not re.search(r"\b04/03/2025\b|(?<![\d/])4/3/2025", text), name


def test_the_range_prints_one_way(outputs):
    text = fmt_range(fmt_number(40), fmt_percent(45))
    assert f"Phân luồng {text} học sinh." in outputs["plan.docx"]
    assert f"trong khoảng kế hoạch ({text})" in outputs["report.docx"]
    assert f"\n{text}\n" in outputs["report.docx"]  # the cell of Bảng 1
    assert text in line_of(outputs["report.xlsx"], "Tỷ lệ phân luồng")
    assert text in line_of(outputs["gaps"], "Tỷ lệ phân luồng")
    row = next(r for r in json.loads(outputs["gaps.json"]) if r["target"] == "phan-luong")
    assert fmt_range(fmt_number(row["target_min"]), fmt_percent(row["target_max"])) == text
    assert f"Tỷ lệ phân luồng = {text} (năm 2025)" in outputs["textconv plan"]
    assert f" | {text} | " in line_of(outputs["site"], "Tỷ lệ phân luồng | 2025")
    for name, out in outputs.items():
        assert not re.search(r"40 ?[–—-]45%|40 [–—] 45%", out), name


def test_the_verdict_prints_one_way(outputs):
    row = next(r for r in json.loads(outputs["gaps.json"]) if r["target"] == "phan-luong")
    assert row["status"] == "met"
    word = vi(VERDICTS, row["status"])
    assert word == "Đạt"
    assert re.search(rf"│ {word}\s+│", line_of(outputs["gaps"], "Tỷ lệ phân luồng"))
    assert f"\n{word}\n" in outputs["report.docx"]  # Đánh giá column of Bảng 1
    assert f"; {vi(VERDICTS, 'met', lower=True)} kế hoạch." in line_of(outputs["report.docx"], "Tỷ lệ phân luồng:")
    assert f" | {word} | " in line_of(outputs["report.xlsx"], "Tỷ lệ phân luồng")
    assert f" | {word} | " in line_of(outputs["site"], "Tỷ lệ phân luồng | 2025")


def test_the_task_state_and_provenance_print_one_way(outputs):
    state = vi(TASK_STATES, "dang-trien-khai")
    assert state.lower() == spoken(PROGRESS, "dang-trien-khai")  # the word the clerk writes in the file
    assert f"Sở LĐTBXH: {state.lower()}." in outputs["report.docx"]
    assert f"tp-so-ldtbxh: {state.lower()}" in outputs["textconv results"]
    assert state in line_of(outputs["status"], "ngay-hoi")
    assert state.lower() in line_of(outputs["report.xlsx"], "Tổ chức ngày hội")
    assert f"Sở LĐTBXH: {state.lower()}." in line_of(outputs["site"], "Tổ chức ngày hội")
    kind = vi(PROVENANCE, "provisional", lower=True)
    assert kind == spoken(STATUSES, "provisional")
    assert f"phan-luong năm 2025: 42 ({kind};" in outputs["textconv results"]
    assert f" | {kind} | " in line_of(outputs["report.xlsx"], "Tỷ lệ phân luồng")


@pytest.mark.parametrize("table, codes", [(TASK_STATES, PROGRESS), (PROVENANCE, STATUSES)])
def test_words_of_the_data_read_as_the_clerk_writes_them(table, codes):
    """Progress and provenance are both data (the clerk's spelling) and gdnn's labels (the catalog): one word."""
    for code in codes:
        assert vi(table, code, lower=True) == spoken(codes, code)


def test_the_terminal_follows_the_language_and_documents_stay_vietnamese(monkeypatch):
    monkeypatch.setenv("GDNN_LANG", "en")
    assert label(VERDICTS, "met") == "Met"
    assert vi(VERDICTS, "met") == "Đạt"
    assert label(VERDICTS, "a-newer-code") == "a-newer-code"  # an unknown code prints as itself


def test_the_site_history_dates_commits_as_documents_do(tmp_path):
    """git's own date formats pad every month ("04/03/2025"); the history page prints Nghị định 30's."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", data)
    when = "2025-03-04T09:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for args in (["init", "-q"], ["add", "data"], ["commit", "-q", "-m", "Dự thảo"]):
        subprocess.run(["git", "-c", "user.name=Chuyên viên", "-c", "user.email=cv@example.org", *args],
                       cwd=tmp_path, env=env, check=True, capture_output=True)
    commits, total = History(data).commits(data / "plans" / "tp-2025.yaml")
    assert total == 1 and commits[0].date == fmt_short_date(ISSUED) == "04/3/2025"


hundredths = st.integers(min_value=0, max_value=10_000_000).map(lambda n: n / 100)


@given(low=hundredths, width=hundredths, rate=st.booleans(), ranged=st.booleans())
def test_gaps_and_report_print_a_target_as_the_plan_does(low, width, rate, ranged):
    """The plan's sentences (core.figures.target_figure) and the gaps table, the report and the workbook
    (tracking.view.target_text) print one target alike: '72,25%' in the plan is never '72,3%' beside it."""
    unit = "%" if rate else "người"
    bounds = {"min": low, "max": low + width} if ranged else {"value": low}
    t = Target.model_validate({"id": "t", "name": "T", "unit": unit, "year": 2025, **bounds})
    row = GapRow("p", "t", "T", 2025, unit, t.value, t.min, t.max, None, None, None, "no_data", None)
    assert gaps_view.target_text(row) == target_figure(t)
