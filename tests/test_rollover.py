"""`gdnn new plan`: next year's plan from this year's, what moved, and the drafter's list."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from gdnn_cli.common.errors import GdnnError
from gdnn_cli.core.dataset import load
from gdnn_cli.repo.rollover import _shift_date, _yaml, dump, new_plan, to_text
from tests.conftest import REPO, run_gdnn


@pytest.fixture
def bundled_copy(tmp_path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(REPO / "data", dst)
    return dst


@pytest.fixture
def rolled(bundled_copy):
    res = new_plan(load(bundled_copy), "hn-2026-gdnn", "hn-2025-gdnn", 2026)
    return bundled_copy, res


def _new(data: Path) -> dict:
    return yaml.safe_load((data / "plans" / "ha-noi" / "hn-2026-gdnn.yaml").read_text(encoding="utf-8"))


def test_round_trip_keeps_every_bundled_plan_byte_for_byte():
    for path in sorted((REPO / "data" / "plans").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert dump(_yaml().load(text)) == text, path


def test_years_deadlines_issue_date_and_number(rolled):
    data, res = rolled
    new = _new(data)
    assert new["id"] == "hn-2026-gdnn" and new["number"] is None and new["date"] == {"year": 2026}
    assert new["period"] == {"start": 2026, "end": 2026}
    assert "source" not in new  # the old plan's text source is not the new plan's
    assert {t["year"] for t in new["targets"]} == {2026}
    assert [p["year"] for p in new["targets"][0]["parts"]] == [2026, 2026, 2026]
    assert [str(r["due"]) for r in new["reporting"]] == ["2026-12-15", "2026-12-31"]
    tasks = [t for g in new["task_groups"] for t in g.get("tasks", [])]
    assert {t["timing"] for t in tasks if "timing" in t} == {"Năm 2026", "Trước 20/11/2026"}
    assert str(tasks[-1]["deadline"]) == "2026-11-20"
    assert res.shift == 1
    assert new["bases"][0]["date"].isoformat() == "2021-01-14"  # documents cited keep their dates


def test_figures_are_kept_and_marked_to_review(rolled):
    data, res = rolled
    new = _new(data)
    assert new["targets"][0]["value"] == 240000 and new["targets"][1]["value"] == 75
    assert [f.text for f in res.figures] == ["240000", "26500", "31000", "182500", "75", "55"]
    lines = (data / "plans" / "ha-noi" / "hn-2026-gdnn.yaml").read_text(encoding="utf-8").splitlines()
    for f in res.figures:
        assert "xem lại" in lines[f.line - 1] and f.text in lines[f.line - 1], f


def test_ceased_agencies_replaced_by_successors_and_listed(rolled):
    data, res = rolled
    new = _new(data)
    assert new["standing_agency"] == "hn-so-gddt" and new["reporting"][0]["to"] == "hn-so-gddt"
    from gdnn_cli.core.rules import agency_refs

    refs = {a for _, a in agency_refs(load(data).plans["hn-2026-gdnn"])}
    assert not refs & {"hn-so-ldtbxh", "hn-so-khdt", "hn-so-tttt", "hn-ubnd-huyen", "hn-so-nnptnt"}
    assert set(res.gone) >= {"hn-so-ldtbxh", "hn-so-khdt", "hn-so-tttt", "hn-ubnd-huyen", "hn-so-nnptnt"}
    ldtbxh = [f for f in res.replaced if f.text == "hn-so-ldtbxh"]
    assert len(ldtbxh) == 18 and "Sở Giáo dục và Đào tạo" in ldtbxh[0].what and "Sở Nội vụ" in ldtbxh[0].what
    # [hn-so-khdt, hn-so-tai-chinh, …] became [hn-so-tai-chinh, …], not a duplicate
    task = new["task_groups"][2]["tasks"][0]
    assert task["partners"] == ["hn-so-tai-chinh", "hn-co-so-gdnn"]


def test_drafters_list(rolled):
    data, res = rolled
    merge = {f.text for f in res.undecided}
    assert merge == {"hn-so-gddt", "hn-so-tai-chinh", "hn-so-khcn"}  # two duty blocks each after the mergers
    texts = {f.where: f.what for f in res.texts}
    assert texts["title"] == "year 2025"
    assert not any(w.endswith(".timing") for w in texts)  # timings moved with the plan
    for f in res.texts:  # a figure is listed only where the text really types it
        for label in re.findall(r"figure (\S+?)(?:,|$)", f.what):
            assert label.rstrip("%") in f.text
    assert "ceased agency «Sở Lao động - Thương binh và Xã hội»" in texts["reporting[1].text"]
    assert not any("Sở Giáo dục và Đào tạo»" in w for w in texts.values())  # a successor is not "ceased"
    assert not any(w.startswith("bases") for w in texts)
    lines = (data / "plans" / "ha-noi" / "hn-2026-gdnn.yaml").read_text(encoding="utf-8").splitlines()
    title = next(f for f in res.texts if f.where == "title")
    assert lines[title.line - 1].startswith("title:") and "2025" in lines[title.line - 1]
    out = to_text(res)
    assert "The drafter must decide (3)" in out and "hn-2026-gdnn.yaml:" in out


def test_new_plan_validates_and_renders(rolled, tmp_path):
    from gdnn_cli.documents.docx import templates_dir
    from gdnn_cli.documents.plan_doc import render_plan
    from tools.readback import docx_text

    data, _ = rolled
    ds = load(data)
    assert ds.ok, [i.headline() for i in ds.errors]
    assert not [w for w in ds.warnings if "hn-2026-gdnn" in w.file]
    text = docx_text(render_plan(ds.plans["hn-2026-gdnn"], ds.registry, tmp_path / "p.docx", templates_dir()))
    assert re.search(r"Hà Nội, ngày\s+tháng\s+năm 2026", text)  # the issue date: blank day and month, the new year
    assert "Sở GD&ĐT" in text and "LĐTBXH" not in text  # key tasks' leads come from the registry


def test_refusals_write_nothing(bundled_copy):
    ds = load(bundled_copy)
    before = sorted(p.name for p in (bundled_copy / "plans" / "ha-noi").iterdir())
    with pytest.raises(GdnnError, match="already exists"):
        new_plan(ds, "hn-2025-ct37", "hn-2025-gdnn", 2026)
    with pytest.raises(GdnnError, match="no plan with id 'hn-2024-gdnn'"):
        new_plan(ds, "hn-2026-gdnn", "hn-2024-gdnn")
    with pytest.raises(GdnnError, match="does not come after"):
        new_plan(ds, "hn-2026-gdnn", "hn-2025-gdnn", 2025)
    with pytest.raises(GdnnError, match="not a valid plan id"):
        new_plan(ds, "Kế hoạch 2026", "hn-2025-gdnn")
    assert sorted(p.name for p in (bundled_copy / "plans" / "ha-noi").iterdir()) == before


def test_default_year_is_the_one_after_the_period(bundled_copy):
    res = new_plan(load(bundled_copy), "hn-2026-gdnn", "hn-2025-gdnn")
    assert res.shift == 1 and _new(bundled_copy)["period"]["start"] == 2026


def test_shift_date_keeps_29_february_a_real_date():
    import datetime as dt

    assert _shift_date(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert _shift_date("2025-12-15", 2) == "2027-12-15"
    assert _shift_date("Quý II", 1) == "Quý II"


def test_cli_new_plan_json_then_validate_and_plan(bundled_copy, tmp_path):
    root = bundled_copy.parent
    proc = run_gdnn("new", "plan", "hn-2026-gdnn", "--from", "hn-2025-gdnn", "--year", "2026", "--format", "json",
                    cwd=root)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["id"] == "hn-2026-gdnn" and len(out["undecided"]) == 3 and out["texts"]
    assert run_gdnn("validate", cwd=root).returncode == 0
    plan = run_gdnn("plan", "hn-2026-gdnn", cwd=root)
    assert plan.returncode == 0, plan.stderr
    assert (root / "out" / "hn-2026-gdnn.docx").is_file()
    again = run_gdnn("new", "plan", "hn-2026-gdnn", "--from", "hn-2025-gdnn", cwd=root)
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr


PLAN_WITH_TYPED_FIGURES = """\
id: tp-2025
issuer: tp-ubnd
place: Thành phố Thử
date: {year: 2025}
title: Kế hoạch giáo dục nghề nghiệp năm 2025
period: {start: 2025, end: 2025}
sections: [{heading: Chỉ tiêu, include: targets}]
targets:
  - id: dao-tao
    name: Đào tạo
    sentence: "Đào tạo cho 1.000 người (cao đẳng 200, trung cấp 800)."
    unit: người
    value: 1000
    year: 2025
    parts:
      - {id: cao-dang, name: Cao đẳng, unit: người, value: 200, year: 2025}
      - {id: trung-cap, name: Trung cấp, unit: người, value: 800, year: 2025}
  - id: ty-le
    name: Tỷ lệ lao động qua đào tạo
    sentence: "Tỷ lệ lao động qua đào tạo đạt 70%; trong đó có bằng cấp, chứng chỉ 50%."
    unit: "%"
    measure: rate
    value: 70
    year: 2025
    shares:
      - {id: ty-le-bang, name: Có bằng cấp, unit: "%", measure: rate, value: 50, year: 2025}
  - id: phan-luong
    name: Tỷ lệ phân luồng
    sentence: "Phân luồng 40 - 45% học sinh."
    unit: "%"
    measure: rate
    min: 40
    max: 45
    year: 2025
assignments:
  - agencies: [tp-so-gddt]
    role: phoi-hop
    duties:
      - {text: Phối hợp với Sở Lao động - Thương binh và Xã hội năm 2025.}
signature: {title: CHỦ TỊCH, name: Nguyễn Văn A}
"""


def test_typed_figures_years_and_ceased_names_are_found():
    """On a plan whose sentences still type their figures (placeholders make them follow the data)."""
    from gdnn_cli.core.agencies import Agency
    from gdnn_cli.core.models import Plan
    from gdnn_cli.core.registry import Registry
    from gdnn_cli.repo.rollover import Rollover, _find_texts

    plan = Plan.model_validate(yaml.safe_load(PLAN_WITH_TYPED_FIGURES))
    doc = _yaml().load(PLAN_WITH_TYPED_FIGURES)
    reg = Registry(agencies={"tp-so-ldtbxh": Agency(id="tp-so-ldtbxh", name="Sở Lao động - Thương binh và Xã hội",
                                                   kind="so", ceased="2025-03-01")})
    out = Rollover(Path("x.yaml"), "tp-2025", "tp-2026", 1, gone=["tp-so-ldtbxh"])
    _find_texts(doc, plan, reg, out)
    found = {f.where: f.what for f in out.texts}
    assert found["targets[0] (id=dao-tao).sentence"] == "figure 1.000, figure 200, figure 800"
    assert found["targets[1] (id=ty-le).sentence"] == "figure 70%, figure 50%"
    assert found["targets[2] (id=phan-luong).sentence"] == "figure 45%"  # "40 - 45%": the bare 40 is not a rate
    assert found["title"] == "year 2025"
    assert found["assignments[0] (agencies=tp-so-gddt).duties[0].text"] == (
        "year 2025, ceased agency «Sở Lao động - Thương binh và Xã hội»")
    assert len(found) == 5


def test_drafters_text_speaks_plan_terms_and_nd30_dates(bundled_copy, vi):
    """What a clerk reads after `gdnn new plan`: places as the plan says them, dates as ND30 writes
    them, no YAML path (those stay in --format json), and each second duty block pointing at the first."""
    res = new_plan(load(bundled_copy), "hn-2026-gdnn", "hn-2025-gdnn", 2026)
    text = to_text(res)
    assert "  thời gian thực hiện: năm 2025 → năm 2026\n" in text
    assert ("  Nhiệm vụ «tuyen-duong-khen-thuong» thuộc nhóm «Tổ chức các hoạt động phong trào chuyên môn» "
            "(mục III), thời hạn: 20/11/2025 → 20/11/2026\n") in text
    assert "  Chế độ báo cáo, quy định thứ 1 (mục VI), thời hạn: 15/12/2025 → 15/12/2026\n" in text
    assert not re.search(r"\w\[\d+\]|\(id=|\d{4}-\d{2}-\d{2}", text), "a YAML path or an ISO date reached the clerk"
    lines = (bundled_copy / "plans" / "ha-noi" / "hn-2026-gdnn.yaml").read_text(encoding="utf-8").splitlines()
    for f in res.undecided:
        first = int(re.search(r"khối thứ nhất bắt đầu ở dòng (\d+)", f.what).group(1))
        assert first < f.line and f"- agencies: [{f.text}" in lines[first - 1] + lines[first], (first, f)


def test_json_keeps_the_yaml_path_of_each_moved_date(rolled):
    """The text says places in plan terms; --format json keeps the YAML path and line beside them."""
    data, res = rolled
    dates = {d["where"]: d for d in res.to_json()["dates"]}
    due = dates["reporting[0].due"]
    assert due["what"] == "15/12/2025 → 15/12/2026" and due["place"].startswith("Reporting rule 1")
    lines = (data / "plans" / "ha-noi" / "hn-2026-gdnn.yaml").read_text(encoding="utf-8").splitlines()
    assert "2026-12-15" in lines[due["line"] - 1]
    assert any(w.endswith("(id=tuyen-duong-khen-thuong).deadline") for w in dates)
