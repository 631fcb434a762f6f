"""The budget: its amount printed from the data as the plan words it, its sources checked against it."""

from __future__ import annotations

import docx
import pytest

from gdnn_cli.core.dataset import load
from gdnn_cli.core.funding import amount_text, joined
from gdnn_cli.core.models import Budget
from gdnn_cli.documents.docx import templates_dir
from gdnn_cli.documents.plan_doc import render_plan
from tests.conftest import beyond_plan, edit, issues
from tools.readback import docx_text

SENTENCE = ("Kinh phí thực hiện Kế hoạch giai đoạn 2024 - 2030 dự kiến vào khoảng 565 tỷ đồng, gồm: nguồn vốn "
            "ngân sách, vốn lồng ghép các chương trình mục tiêu quốc gia, vốn vay ưu đãi và các nguồn khác.")


def test_rendered_as_the_plan_prints_it(beyond, tmp_path):
    ds = load(beyond)
    out = render_plan(ds.plans["tt-2024-2030"], ds.registry, tmp_path / "tt.docx", templates_dir())
    paras = [p.text for p in docx.Document(str(out)).paragraphs if p.text.strip()]
    i = paras.index("II. KINH PHÍ THỰC HIỆN")
    assert paras[i + 1] == SENTENCE
    assert "- Tuyển sinh, đào tạo nghề bình quân hàng năm cho 28.000 người." in paras
    assert "- Tỷ lệ cơ sở GDNN ngoài công lập đạt 50% so với tổng số cơ sở GDNN công lập." in paras
    assert "vốn vay ưu đãi" in docx_text(out) and "ODA" not in docx_text(out)


def test_preferential_loans_are_their_own_kind(beyond):
    plan = load(beyond).plans["tt-2024-2030"]
    assert [f.kind for f in plan.funding] == ["ngan-sach", "long-ghep", "vay-uu-dai", "khac"]


@pytest.mark.parametrize("amount, unit, qualifier, text", [
    (565, "tỷ đồng", "khoang", "khoảng 565 tỷ đồng"), (1250.5, "triệu đồng", None, "1.250,5 triệu đồng"),
    (30, "tỷ đồng", "tren", "trên 30 tỷ đồng"), (12, "tỷ đồng", "phan_dau", "12 tỷ đồng"),
])
def test_amount_printed_with_its_qualifier_and_unit(amount, unit, qualifier, text):
    assert amount_text(Budget(sentence="{amount}", amount=amount, unit=unit, qualifier=qualifier)) == text


def test_joined_as_a_vietnamese_list():
    assert joined(["a", "b;", "c."]) == "a, b và c" and joined(["a"]) == "a" and joined([]) == ""


def test_sentence_must_place_the_amount(beyond):
    edit(beyond_plan(beyond), "dự kiến vào {amount}", "dự kiến vào khoảng 565 tỷ đồng")
    (issue,) = issues(beyond, "budget-amount-not-placed")
    assert issue.where == "budget.sentence" and "{amount}" in issue.message


def test_unknown_placeholder(beyond):
    edit(beyond_plan(beyond), "gồm: {sources}", "gồm: {nguon}")
    (issue,) = issues(beyond, "unknown-placeholder")
    assert "{nguon}" in issue.message


def test_sources_add_up_to_the_budget(beyond):
    path = beyond_plan(beyond)
    edit(path, "text: nguồn vốn ngân sách}", "text: nguồn vốn ngân sách, amount: 400}")
    edit(path, "text: vốn vay ưu đãi}", "text: vốn vay ưu đãi, amount: 100}")
    assert issues(beyond, "funding-sum") == []  # 500 of 565 named so far: fine
    edit(path, "amount: 100}", "amount: 200}")
    (issue,) = issues(beyond, "funding-sum")
    assert "600" in issue.message and "565" in issue.message


def test_gaps_on_the_fixture_from_its_result_files(beyond):
    """The whole path: result files (illustrative, 2023–2026) → gaps seen from 2026."""
    from gdnn_cli.tracking.status import gap_rows

    rows = {r.target: r for r in gap_rows(load(beyond), 2026)}
    assert rows["tuyen-sinh"].actual == pytest.approx(28300) and rows["tuyen-sinh"].status == "on_track"
    assert rows["ngoai-cong-lap"].actual == 52 and rows["ngoai-cong-lap"].status == "achieved"
    assert rows["qua-dao-tao"].status == "on_track"  # thanks to 2023, before the period
    assert rows["kinh-phi"].actual == 235 and rows["kinh-phi"].unit == "tỷ đồng"
    assert all(r.illustrative for r in rows.values())
