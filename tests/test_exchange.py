"""The December loop on the bundled data: forms out, filled as agencies would, collected back.

Mirrors the exchange/ room: asks.py, forms.py and layout.py (the forms), collect.py and store.py
(reading them back), reminder.py (the letter to those who have not answered)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.core.dataset import load
from gdnn_cli.exchange import layout as L
from gdnn_cli.exchange.asks import asks_for
from tests.conftest import REPO

runner = CliRunner()
BA_DINH, BACH_MAI = "hn-phuong-ba-dinh", "hn-phuong-bach-mai"


@pytest.fixture(scope="module")
def forms_dir(tmp_path_factory) -> Path:
    """Forms for 2025 written once from the bundled data (the data is not changed by writing forms)."""
    out = tmp_path_factory.mktemp("forms")
    res = runner.invoke(app, ["forms", "--data", str(REPO / "data"), "--year", "2025", "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture
def data(tmp_path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(REPO / "data", dst)
    return dst


def fill(src: Path, dst: Path, answers: dict[str, object], tasks: dict[str, tuple] | None = None,
         who="Nguyễn Thị Lan", when=dt.date(2025, 12, 3)) -> Path:
    """Fill a form as an agency would: by target id (value, or (numerator, denominator)), task id."""
    wb = load_workbook(src)
    ws = wb[L.TARGET_SHEET]
    for r in range(L.FIRST_ROW, ws.max_row + 1):
        tid = ws[f"{L.T_ID}{r}"].value
        if tid in answers:
            v = answers[tid]
            if isinstance(v, tuple):
                ws[f"{L.T_NUM}{r}"], ws[f"{L.T_DEN}{r}"] = v
            else:
                ws[f"{L.T_ACTUAL}{r}"] = v
    kt = wb[L.TASK_SHEET]
    for r in range(L.FIRST_ROW, kt.max_row + 1):
        tid = kt[f"{L.K_ID}{r}"].value
        if tasks and tid in tasks:
            kt[f"{L.K_STATUS}{r}"], kt[f"{L.K_RESULT}{r}"] = tasks[tid]
    meta = {row[0].value: row[1].value for row in wb[L.META_SHEET].iter_rows(max_col=2)}
    guide = wb[L.GUIDE_SHEET]
    guide[meta["filler_cell"]] = who
    guide[meta["date_cell"]] = when
    wb.save(dst)
    return dst


def collect(data: Path, *files: Path, extra=()):
    return runner.invoke(app, ["collect", "--data", str(data), "--year", "2025", "--received", "2025-12-04",
                               *extra, *map(str, files)])


def merged(ds):
    """Every 2025 result record of Hà Nội's plans, whatever file holds it."""
    from types import SimpleNamespace

    files = ds.results_for({"hn-2025-gdnn", "hn-2025-ct37"}, 2025)
    return SimpleNamespace(figures=[f for r in files for f in r.figures],
                           progress=[p for r in files for p in r.progress])


def digests(data: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((data / "results").rglob("*.yaml"))}


# --------------------------------------------------------------------------- who is asked


def test_every_commune_gets_a_form(forms_dir):
    ds = load(REPO / "data")
    asks = asks_for(ds, 2025)
    assert sum(1 for a in asks if a.group == "hn-ubnd-xa") == 126
    assert sum(1 for a in asks if a.group == "hp-ubnd-xa") == 114
    assert (forms_dir / f"{BA_DINH}-2025.xlsx").is_file()
    assert len(list(forms_dir.glob("*.xlsx"))) == len(asks)
    ba_dinh = next(a for a in asks if a.body == BA_DINH)
    # successor in place of the ceased district UBND: the commune carries its duty in hn-2025-gdnn
    gdnn = next(p for p in ba_dinh.plans if p.plan.id == "hn-2025-gdnn")
    assert gdnn.due == dt.date(2025, 12, 15) and gdnn.to == "hn-so-gddt"
    assert [t.target for t in gdnn.targets][:3] == ["dao-tao-cao-dang", "dao-tao-trung-cap", "dao-tao-so-cap"]
    assert "ke-hoach-so-cap" in [t.task for t in gdnn.tasks]


def test_form_is_protected_and_carries_its_identity(forms_dir):
    wb = load_workbook(forms_dir / f"{BA_DINH}-2025.xlsx")
    assert wb.sheetnames[0] == L.GUIDE_SHEET and wb.active.title == L.GUIDE_SHEET
    assert wb[L.META_SHEET].sheet_state == "veryHidden"
    assert wb.security.lockStructure
    ws = wb[L.TARGET_SHEET]
    assert ws.protection.sheet
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape"
    row = next(r for r in range(L.FIRST_ROW, ws.max_row + 1) if ws[f"{L.T_ID}{r}"].value == "dao-tao-so-cap")
    assert ws[f"{L.T_ACTUAL}{row}"].protection.locked is False
    assert ws[f"{L.T_NAME}{row}"].protection.locked is True
    assert ws[f"{L.T_NUM}{row}"].protection.locked is True  # numerator/denominator only for rates
    rules = {(dv.type, dv.operator, dv.formula1) for dv in ws.data_validations.dataValidation
             if f"{L.T_ACTUAL}{row}" in str(dv.sqref)}
    assert rules == {("whole", "greaterThanOrEqual", "0")}
    assert all(dv.showErrorMessage for dv in ws.data_validations.dataValidation)
    meta = {r[0].value: r[1].value for r in wb[L.META_SHEET].iter_rows(max_col=2)}
    assert meta["body"] == BA_DINH and meta["year"] == 2025
    assert meta["plans"] == "hn-2025-ct37,hn-2025-gdnn,hn-2025-tuyen-truyen"
    guide = " ".join(str(c.value) for row in wb[L.GUIDE_SHEET].iter_rows() for c in row if c.value)
    assert "15/12/2025" in guide and "Sở Giáo dục và Đào tạo" in guide


# --------------------------------------------------------------------------- the loop


def test_whole_loop(data, forms_dir, tmp_path):
    results = data / "results" / "hn-ubnd" / "2025.yaml"
    comment = "# Hà Nội, 2025. No published 2025 year-end GDNN figures were found"
    assert comment in results.read_text(encoding="utf-8")
    a = fill(forms_dir / f"{BA_DINH}-2025.xlsx", tmp_path / "a.xlsx",
             {"dao-tao-cao-dang": 310, "lao-dong-nong-thon-hoc-nghe": 150},
             {"ke-hoach-so-cap": ("Hoàn thành", "Đã ban hành kế hoạch đào tạo sơ cấp")})
    b = fill(forms_dir / f"{BACH_MAI}-2025.xlsx", tmp_path / "b.xlsx",
             {"dao-tao-cao-dang": 90})
    before = json.loads(runner.invoke(app, ["gaps", "--data", str(data), "--year", "2025", "--plan", "hn-2025-gdnn",
                                            "--format", "json"]).stdout)
    typed = results.read_bytes()
    res = collect(data, a, b)
    assert res.exit_code == 0, res.output
    assert results.read_bytes() == typed  # new records go to each body's own file
    mine = data / "results" / "hn-ubnd" / "2025" / f"{BA_DINH}.yaml"
    assert "Ủy ban nhân dân phường Ba Đình" in mine.read_text(encoding="utf-8").splitlines()[1]
    ds = load(data)
    assert ds.ok, [i.headline() for i in ds.errors]
    rf = merged(ds)
    fig = next(f for f in rf.figures if f.agency == BA_DINH and f.target == "dao-tao-cao-dang")
    assert fig.value == 310 and fig.status == "provisional"
    assert fig.collected.file == "a.xlsx" and fig.collected.sheet == L.TARGET_SHEET
    assert fig.collected.cell.startswith(L.T_ACTUAL)
    assert fig.collected.sha256 == hashlib.sha256(a.read_bytes()).hexdigest()
    assert fig.collected.filled_by == "Nguyễn Thị Lan" and fig.collected.filled_on == dt.date(2025, 12, 3)
    rural = next(f for f in rf.figures if f.agency == BA_DINH and f.target == "lao-dong-nong-thon-hoc-nghe")
    assert rural.plan == "hn-2025-ct37" and rural.value == 150
    assert any(p.agency == BA_DINH and p.task == "ke-hoach-so-cap" and p.status == "hoan-thanh" for p in rf.progress)
    after = json.loads(runner.invoke(app, ["gaps", "--data", str(data), "--year", "2025", "--plan", "hn-2025-gdnn",
                                           "--format", "json"]).stdout)
    row = lambda rows, t: next(r for r in rows if r["target"] == t)  # noqa: E731 - a one-line finder local to this test
    assert row(after, "dao-tao-cao-dang")["actual"] == row(before, "dao-tao-cao-dang")["actual"] + 400
    assert row(after, "dao-tao")["actual"] == row(before, "dao-tao")["actual"] + 400
    cov = row(after, "dao-tao")["coverage"][0]
    assert (cov["answered"], cov["expected"]) == (2, 126) and cov["text"] == "tổng hợp từ 2/126 xã, phường"
    # idempotent: the same forms again change nothing
    snap = digests(data)
    again = collect(data, a, b)
    assert again.exit_code == 0 and "0 record(s) added" in again.output
    assert digests(data) == snap
    # a second, different answer from the same body is a conflict, kept out until --replace
    c = fill(forms_dir / f"{BA_DINH}-2025.xlsx", tmp_path / "c.xlsx", {"dao-tao-cao-dang": 315})
    conflict = collect(data, c)
    assert conflict.exit_code == 1 and "310" in conflict.output and "315" in conflict.output
    assert digests(data) == snap
    noted = mine.read_text(encoding="utf-8").replace("figures:", "# số liệu đã đối chiếu với sổ theo dõi\nfigures:")
    mine.write_text(noted, encoding="utf-8")
    won = collect(data, c, extra=["--replace"])
    assert won.exit_code == 0, won.output
    text = mine.read_text(encoding="utf-8")
    assert "# số liệu đã đối chiếu với sổ theo dõi\nfigures:" in text  # a clerk's comment survives
    assert text.index("figures:") < text.index("progress:") < text.index("reports:")  # order kept
    ds = load(data)
    rf = merged(ds)
    assert [f.value for f in rf.figures if f.agency == BA_DINH and f.target == "dao-tao-cao-dang"] == [315]
    status = json.loads(runner.invoke(app, ["status", "--data", str(data), "--year", "2025", "--plan", "hn-2025-gdnn",
                                            "--format", "json"]).stdout)
    group = next(r for r in status["reporters"] if r["agency"] == "hn-ubnd-xa")
    assert group["answered"] == 2 and group["expected"] == 126
    member = next(m for m in group["members"] if m["agency"] == BA_DINH)
    assert member["state"] == "on_time" and member["reported"] == "2025-12-04"


def _bad_forms(forms_dir: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    src = forms_dir / f"{BA_DINH}-2025.xlsx"
    out: dict[str, tuple[Path, str]] = {}
    good = {"dao-tao-cao-dang": 10}
    # a form for another year
    p = fill(src, tmp / "year.xlsx", good)
    wb = load_workbook(p)
    meta = wb[L.META_SHEET]
    meta["B3"] = 2024
    wb.save(p)
    out["year"] = (p, "this form is for 2024, not 2025")
    # a form for another body
    p = fill(src, tmp / "body.xlsx", good)
    wb = load_workbook(p)
    wb[L.META_SHEET]["B4"] = BACH_MAI
    wb.save(p)
    out["body"] = (p, "form-outdated")
    # an altered form: the plan's figure changed
    p = fill(src, tmp / "altered.xlsx", good)
    wb = load_workbook(p)
    wb[L.TARGET_SHEET][f"{L.T_PLANNED}{L.FIRST_ROW}"] = "Khoảng 2.000"
    wb.save(p)
    out["altered"] = (p, f"{L.TARGET_SHEET}!{L.T_PLANNED}{L.FIRST_ROW}")
    # text in a number cell
    p = fill(src, tmp / "text.xlsx", {"dao-tao-cao-dang": "12.000"})
    out["text"] = (p, "text-in-number-cell")
    # a merged row
    p = fill(src, tmp / "merged.xlsx", good)
    wb = load_workbook(p)
    wb[L.TARGET_SHEET].merge_cells(f"{L.T_ACTUAL}{L.FIRST_ROW}:{L.T_NUM}{L.FIRST_ROW}")
    wb.save(p)
    out["merged"] = (p, f"{L.TARGET_SHEET}!{L.T_ACTUAL}{L.FIRST_ROW}:{L.T_NUM}{L.FIRST_ROW}")
    # a deleted row
    p = fill(src, tmp / "deleted.xlsx", good)
    wb = load_workbook(p)
    wb[L.TARGET_SHEET].delete_rows(L.FIRST_ROW + 1)
    wb.save(p)
    out["deleted"] = (p, f"{L.TARGET_SHEET}!A{L.FIRST_ROW + 1}")
    # a negative count and a rate over 100
    p = fill(src, tmp / "range.xlsx", {"dao-tao-cao-dang": -5})
    out["range"] = (p, "negative-value")
    # old and macro formats
    for suffix in ("xls", "xlsm"):
        p = tmp / f"form.{suffix}"
        shutil.copy(src, p)
        out[suffix] = (p, f"{suffix}-refused")
    return out


def test_each_bad_form_is_a_located_error_and_writes_nothing(data, forms_dir, tmp_path):
    snap = digests(data)
    for what, (path, expected) in _bad_forms(forms_dir, tmp_path).items():
        res = collect(data, path)
        assert res.exit_code == 1, (what, res.output)
        assert expected in res.output, (what, res.output)
        assert path.name in res.output, (what, res.output)
        assert "Traceback" not in res.output
        assert digests(data) == snap, what


def test_bad_form_does_not_stop_the_good_ones(data, forms_dir, tmp_path):
    good = fill(forms_dir / f"{BA_DINH}-2025.xlsx", tmp_path / "good.xlsx", {"dao-tao-cao-dang": 7})
    bad = fill(forms_dir / f"{BACH_MAI}-2025.xlsx", tmp_path / "bad.xlsx", {"dao-tao-cao-dang": "bảy"})
    res = collect(data, good, bad)
    assert res.exit_code == 1
    assert (data / "results" / "hn-ubnd" / "2025" / f"{BA_DINH}.yaml").is_file()
    assert not (data / "results" / "hn-ubnd" / "2025" / f"{BACH_MAI}.yaml").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_form_saved_by_libreoffice_is_collected(data, forms_dir, tmp_path):
    (tmp_path / "lo").mkdir()
    filled = fill(forms_dir / f"{BACH_MAI}-2025.xlsx", tmp_path / "lo" / "in.xlsx", {"dao-tao-so-cap": 1234},
                  {"ke-hoach-so-cap": ("Đang triển khai", "Mở 3 lớp sơ cấp")})
    outdir = tmp_path / "lo-out"
    proc = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                           "--convert-to", "xlsx", "--outdir", str(outdir), str(filled)],
                          capture_output=True, text=True, timeout=180)
    saved = outdir / "in.xlsx"
    assert saved.is_file(), proc.stderr
    assert hashlib.sha256(saved.read_bytes()).digest() != hashlib.sha256(filled.read_bytes()).digest()
    # what LibreOffice keeps: the hidden identity, the protection, the locked and unlocked cells
    wb = load_workbook(saved)
    # LibreOffice (7.x headless) saves veryHidden as plain hidden and drops the workbook structure lock,
    # so the identity sheet could be shown there: the import checks it against the data, not only itself
    assert wb[L.META_SHEET].sheet_state in ("veryHidden", "hidden") and wb.sheetnames[0] == L.GUIDE_SHEET
    ws = wb[L.TARGET_SHEET]
    assert ws.protection.sheet and wb[L.TASK_SHEET].protection.sheet
    row = next(r for r in range(L.FIRST_ROW, ws.max_row + 1) if ws[f"{L.T_ID}{r}"].value == "dao-tao-so-cap")
    assert ws[f"{L.T_ACTUAL}{row}"].protection.locked is False and ws[f"{L.T_NAME}{row}"].protection.locked is True
    assert any(dv.type == "whole" and f"{L.T_ACTUAL}{row}" in str(dv.sqref)
               for dv in ws.data_validations.dataValidation)
    res = collect(data, saved)
    assert res.exit_code == 0, res.output
    ds = load(data)
    rf = merged(ds)
    fig = next(f for f in rf.figures if f.agency == BACH_MAI)
    assert (fig.target, fig.value, fig.collected.filled_by) == ("dao-tao-so-cap", 1234, "Nguyễn Thị Lan")
    assert any(p.agency == BACH_MAI and p.status == "dang-trien-khai" for p in rf.progress)


# --------------------------------------------------------------------------- the reminder


def _docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_remind_lists_only_bodies_that_have_not_answered(data, forms_dir, tmp_path):
    a = fill(forms_dir / f"{BA_DINH}-2025.xlsx", tmp_path / "a.xlsx", {"dao-tao-cao-dang": 1})
    assert collect(data, a).exit_code == 0
    out = tmp_path / "cv.docx"
    res = runner.invoke(app, ["remind", "--data", str(data), "--year", "2025", "--plan", "hn-2025-gdnn",
                              "--date", "2025-12-20", "-o", str(out), "--contact", "đồng chí Lê Hoa, điện thoại 0243"])
    assert res.exit_code == 0, res.output
    text = _docx_text(out)
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "V/v đôn đốc gửi báo cáo kết quả thực hiện năm 2025" in text
    assert "Hà Nội, ngày 20 tháng 12 năm 2025" in text
    assert "còn 125/128 cơ quan, đơn vị chưa gửi báo cáo (trong đó: 125/126 xã, phường)" in text
    assert "15/12/2025" in text and "đồng chí Lê Hoa, điện thoại 0243" in text
    assert "UBND phường Bạch Mai" in text and f"{BACH_MAI}-2025.xlsx" in text
    assert "UBND phường Ba Đình" not in text  # it answered
    assert "MINH HỌA" in text  # the bundled 2025 results are illustrative


def test_remind_leaves_dotted_blanks_and_a_balanced_annex_title(data, tmp_path):
    """Without --contact the clerk fills a dotted blank (no-break spaces printed nothing and wrapped)."""
    from docx import Document

    from gdnn_cli.documents.lines import CM_PER_PT, text_width_em

    out = tmp_path / "cv.docx"
    res = runner.invoke(app, ["remind", "--data", str(data), "--year", "2025", "--plan", "hn-2025-gdnn",
                              "--date", "2025-12-20", "-o", str(out)])
    assert res.exit_code == 0, res.output
    paras = [p.text for p in Document(str(out)).paragraphs]
    contact = next(t for t in paras if t.startswith("Thông tin liên hệ:"))
    assert "đồng chí ……" in contact and "điện thoại ……" in contact and "\u00a0" not in contact
    assert "CÁC CƠ QUAN, ĐƠN VỊ CHƯA GỬI\nBÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2025" in paras
    table = Document(str(out)).tables[-1]
    numbers = [r.cells[0].text for r in table.rows[1:]]
    assert len(numbers) > 99  # three-digit numbers: the TT column must hold "126" on one line
    grid = table._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
    width_cm = int(grid[0].get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) / 567
    assert width_cm - 0.38 >= text_width_em(max(numbers, key=len)) * 12 * CM_PER_PT  # cell margins 0,19 cm each


def test_remind_before_the_deadline_has_nobody_to_remind(data):
    res = runner.invoke(app, ["remind", "--data", str(data), "--year", "2025", "--plan", "hn-2025-gdnn",
                              "--date", "2025-12-01", "-o", "x.docx"])
    assert res.exit_code == 1 and "on 01/12/2025 no body is overdue" in str(res.exception)
    assert not (Path.cwd() / "x.docx").exists()


def test_rates_are_asked_as_numerator_and_denominator(data, tmp_path):
    plan = data / "plans" / "ha-noi" / "hn-2025-gdnn.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("    name: Tỷ lệ lao động qua đào tạo\n",
                                 "    name: Tỷ lệ lao động qua đào tạo\n    sum_of_agencies: true\n", 1),
                    encoding="utf-8")
    out = tmp_path / "forms"
    res = runner.invoke(app, ["forms", "--data", str(data), "--year", "2025", "--agency", BA_DINH, "-o", str(out)])
    assert res.exit_code == 0, res.output
    src = out / f"{BA_DINH}-2025.xlsx"
    ws = load_workbook(src)[L.TARGET_SHEET]
    row = next(r for r in range(L.FIRST_ROW, ws.max_row + 1) if ws[f"{L.T_ID}{r}"].value == "ty-le-qua-dao-tao")
    assert ws[f"{L.T_NUM}{row}"].protection.locked is False and ws[f"{L.T_DEN}{row}"].protection.locked is False
    assert any(dv.type == "decimal" and dv.formula2 == "100" and f"{L.T_ACTUAL}{row}" in str(dv.sqref)
               for dv in ws.data_validations.dataValidation)
    snap = digests(data)
    for answers, code in (({"ty-le-qua-dao-tao": 120}, "rate-out-of-range"),
                          ({"ty-le-qua-dao-tao": (900, 800)}, "rate-out-of-range"),
                          ({"ty-le-qua-dao-tao": (1, 0)}, "zero-denominator")):
        bad = fill(src, tmp_path / "bad.xlsx", answers)
        res = collect(data, bad)
        assert res.exit_code == 1 and code in res.output, res.output
        assert digests(data) == snap
    good = fill(src, tmp_path / "good.xlsx", {"ty-le-qua-dao-tao": (723, 1000)})
    assert collect(data, good).exit_code == 0
    fig = next(f for f in merged(load(data)).figures if f.agency == BA_DINH and f.target == "ty-le-qua-dao-tao")
    assert (fig.value, fig.numerator, fig.denominator) == (72.3, 723, 1000)


def test_status_and_gaps_say_how_many_members_answered(data, forms_dir, tmp_path):
    a = fill(forms_dir / f"{BA_DINH}-2025.xlsx", tmp_path / "a.xlsx", {"lao-dong-nong-thon-hoc-nghe": 12})
    assert collect(data, a).exit_code == 0
    status = runner.invoke(app, ["status", "--data", str(data), "--year", "2025", "--plan", "hn-2025-ct37"],
                           env={"COLUMNS": "200"})
    assert status.exit_code == 0, status.output
    assert "UBND các xã, phường — 1/126" in status.output
    missing = next(line for line in status.output.splitlines() if "(125/126; hn-2025-ct37)" in line)
    assert missing.startswith("UBND các xã, phường — ")
    assert "(125/126; hn-2025-ct37)" in missing and "UBND phường Bạch Mai" in missing and "Ba Đình" not in missing
    gaps = runner.invoke(app, ["gaps", "--data", str(data), "--year", "2025", "--plan", "hn-2025-ct37"])
    assert "hn-2025-ct37: compiled from 1/126 xã, phường" in gaps.output  # tests run in English


def test_remind_counts_bodies_not_body_plan_pairs(data, tmp_path, monkeypatch):
    """A commune asked about two plans is one body to remind: the CLI said 252 where the letter said 126."""
    import re

    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["remind", "--data", str(data), "--year", "2025", "--date", "2026-01-10"])
    assert res.exit_code == 0, res.output
    said = re.search(r"don-doc-hn-so-gddt-2025\.docx: (\d+)", res.output)
    letter = _docx_text(tmp_path / "out" / "2025" / "don-doc-hn-so-gddt-2025.docx")
    assert said and f"còn {said.group(1)}/" in letter

def test_report_says_how_many_members_answered(data, forms_dir, tmp_path):
    def report_text(name: str) -> str:
        res = runner.invoke(app, ["report", "--data", str(data), "--year", "2025", "--issuer", "hn-ubnd",
                                  "--plan", "hn-2025-ct37", "-o", str(tmp_path / name)])
        assert res.exit_code == 0, res.output
        return _docx_text(next((tmp_path / name).glob("*.docx")))

    # before any form came back the figures were typed: no "0/126 xã, phường" beside them
    assert "tổng hợp từ báo cáo của" not in report_text("before")
    a = fill(forms_dir / f"{BA_DINH}-2025.xlsx", tmp_path / "a.xlsx", {"lao-dong-nong-thon-hoc-nghe": 12})
    assert collect(data, a).exit_code == 0
    assert "Số liệu được tổng hợp từ báo cáo của 1/126 xã, phường." in report_text("after")
