"""Exact messages, hints and places of the ten most common error codes, in Vietnamese and English.

The ten are those a clerk meets when editing a plan by hand: a key left out or misspelt, a figure
or a code written wrongly, an agency's name instead of its id, parts that no longer add up, a
"trong đó" above its whole, a deadline before the issue date, a year outside the period, a key
written twice. Each case breaks the valid fixture in one place. Mirrors core/schema_errors.py (the
schema's messages) and the commonest messages of core/rules.py.
"""

from __future__ import annotations

import pytest

from gdnn_cli.core.dataset import load
from tests.conftest import edit, plan_path

# code: (text in the fixture, replacement)
BREAKS = {
    "missing": ("    unit: người\n    value: 1000", "    value: 1000"),
    "extra_forbidden": ("place: Thành phố Thử", "plase: Thành phố Thử"),
    "float_parsing": ("value: 1000", "value: 1000 người"),
    "literal_error": ("measure: rate\n    value: 70", "measure: ratio\n    value: 70"),
    "unknown-agency": ("partners: [tp-so-gddt]", "partners: [Sở Tài chính]"),
    "breakdown-sum": ("value: 200", "value: 210"),
    "share-exceeds-total": ("measure: rate, value: 50", "measure: rate, value: 80"),
    "deadline-before-issue": ("deadline: 2025-10-01", "deadline: 2024-10-01"),
    "year-outside-period": ("    min: 40\n    max: 45\n    year: 2025", "    min: 40\n    max: 45\n    year: 2026"),
    "duplicate-key": ("title: Kế hoạch thử nghiệm", "number: 13/KH-UBND\ntitle: Kế hoạch thử nghiệm"),
}

# code: (message, hint, place) per language
EXPECTED = {
    "vi": {
        "missing": ("thiếu trường bắt buộc 'unit'", "thêm 'unit:' vào đây",
                    "Chỉ tiêu «Đào tạo» (mục I), đơn vị tính, dòng 23"),
        "extra_forbidden": ("trường 'plase' không có trong cấu trúc dữ liệu", "có phải là 'place'?",
                            "Kế hoạch: plase, dòng 4"),
        "float_parsing": ("phải là một số, không phải '1000 người' (ghi 240000 hoặc 72.2, không dùng dấu chấm phân "
                          "cách hàng nghìn, không ghi dấu '%')", None, "Chỉ tiêu «Đào tạo» (mục I), giá trị, dòng 27"),
        "literal_error": ("không được ghi 'ratio' ở đây; giá trị hợp lệ: 'count' hoặc 'rate'", None,
                          "Chỉ tiêu «Tỷ lệ lao động qua đào tạo» (mục I), loại chỉ tiêu, dòng 37"),
        "unknown-agency": ("cơ quan 'Sở Tài chính' không có trong danh mục cơ quan (data/agencies/)",
                           "'Sở Tài chính' là tên cơ quan; hãy ghi mã của cơ quan: 'tp-so-tai-chinh' (Sở Tài chính)",
                           "Nhiệm vụ «ngay-hoi» thuộc nhóm «Tuyên truyền» (mục II), cơ quan phối hợp thứ 1, dòng 54"),
        "breakdown-sum": ("210 + 300 + 500 = 1.010, không bằng 1.000",
                          "sửa số của một phần hoặc số tổng để các phần cộng lại bằng tổng",
                          "Chỉ tiêu «Đào tạo» (mục I), cơ cấu chi tiết, dòng 30"),
        "share-exceeds-total": ("số “trong đó” 80% lớn hơn tổng số 70% mà nó thuộc về",
                                "số “trong đó” không thể lớn hơn số tổng mà nó thuộc về",
                                "Chỉ tiêu «Có bằng cấp» (mục I), giá trị, dòng 41"),
        "deadline-before-issue": ("thời hạn 01/10/2024 trước ngày ban hành kế hoạch (10/01/2025)",
                                  "thời hạn phải từ ngày ban hành kế hoạch trở đi",
                                  "Nhiệm vụ «ngay-hoi» thuộc nhóm «Tuyên truyền» (mục II), thời hạn, dòng 54"),
        "year-outside-period": ("năm của chỉ tiêu (2026) nằm ngoài thời gian thực hiện kế hoạch (2025)",
                                "sửa lại năm, hoặc kéo dài thời gian thực hiện kế hoạch ('period')",
                                "Chỉ tiêu «Tỷ lệ phân luồng» (mục I), năm, dòng 49"),
        "duplicate-key": ("trường 'number' bị lặp (lần đầu ở dòng 3); YAML sẽ chỉ giữ giá trị cuối cùng mà không "
                          "báo: hãy xóa hoặc đổi tên một trong hai", None, ""),
    },
    "en": {
        "missing": ("required key 'unit' is missing", "add 'unit:' here",
                    "Target «Đào tạo» (section I), unit, line 23"),
        "extra_forbidden": ("unknown key 'plase'", "did you mean 'place'?", "Plan: plase, line 4"),
        "float_parsing": ("must be a number, not '1000 người' (write 240000 or 72.2, without dots or a '%' sign)", None,
                          "Target «Đào tạo» (section I), value, line 27"),
        "literal_error": ("'ratio' is not allowed here; expected 'count' or 'rate'", None,
                          "Target «Tỷ lệ lao động qua đào tạo» (section I), kind of target, line 37"),
        "unknown-agency": ("agency 'Sở Tài chính' is not in data/agencies/",
                           "'Sở Tài chính' is the name of an agency; write its id: 'tp-so-tai-chinh' (Sở Tài chính)",
                           "Task «ngay-hoi» in group «Tuyên truyền» (section II), partner agencies no. 1, line 54"),
        "breakdown-sum": ("210 + 300 + 500 = 1.010, not 1.000", "correct a part or the total so that the parts add up",
                          "Target «Đào tạo» (section I), breakdown, line 30"),
        "share-exceeds-total": ("'trong đó' 80% is more than the 70% it belongs to",
                                "a share can never exceed the figure it is part of",
                                "Target «Có bằng cấp» (section I), value, line 41"),
        "deadline-before-issue": ("deadline 01/10/2024 is before the plan was issued (10/01/2025)",
                                  "a deadline must fall on or after the issue date",
                                  "Task «ngay-hoi» in group «Tuyên truyền» (section II), deadline, line 54"),
        "year-outside-period": ("target year 2026 lies outside the plan's period 2025",
                                "correct the year, or widen 'period'",
                                "Target «Tỷ lệ phân luồng» (section I), year, line 49"),
        "duplicate-key": ("duplicate key 'number' (first at line 3); YAML would silently keep only the last one: "
                          "remove or rename one of them", None, ""),
    },
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("code", list(BREAKS))
def test_exact_message_hint_and_place(mini, monkeypatch, lang, code):
    monkeypatch.setenv("GDNN_LANG", lang)
    edit(plan_path(mini), *BREAKS[code])
    issues = [i for i in load(mini).issues if i.code == code]
    assert issues, code
    message, hint, place = EXPECTED[lang][code]
    assert (issues[0].message, issues[0].hint, issues[0].place) == (message, hint, place)


def test_the_yaml_path_stays_in_json(mini, monkeypatch):
    from typer.testing import CliRunner

    from gdnn_cli.cli.app import app

    monkeypatch.setenv("GDNN_LANG", "vi")
    edit(plan_path(mini), *BREAKS["breakdown-sum"])
    import json

    out = json.loads(CliRunner().invoke(app, ["validate", "--data", str(mini), "--format", "json"]).output)
    err = next(e for e in out["errors"] if e["code"] == "breakdown-sum")
    assert err["where"] == "targets[0] (id=dao-tao).parts"
    assert err["place"] == "Chỉ tiêu «Đào tạo» (mục I), cơ cấu chi tiết, dòng 30"
    assert err["message"] == "210 + 300 + 500 = 1.010, không bằng 1.000"


def test_text_shows_the_place_and_verbose_adds_the_yaml_path(mini, monkeypatch):
    from typer.testing import CliRunner

    from gdnn_cli.cli.app import app

    monkeypatch.setenv("GDNN_LANG", "vi")
    edit(plan_path(mini), *BREAKS["breakdown-sum"])
    plain = CliRunner().invoke(app, ["validate", "--data", str(mini)]).output
    verbose = CliRunner().invoke(app, ["validate", "--data", str(mini), "--verbose"]).output
    line = next(ln for ln in plain.splitlines() if "[breakdown-sum]" in ln)
    assert line.startswith("lỗi [breakdown-sum] ")
    assert line.endswith("tp-2025.yaml:30:7 Chỉ tiêu «Đào tạo» (mục I), cơ cấu chi tiết, dòng 30: "
                         "210 + 300 + 500 = 1.010, không bằng 1.000")
    assert "targets[0]" not in plain
    assert "dòng 30 [targets[0] (id=dao-tao).parts]: 210 + 300" in verbose
    assert "  gợi ý: sửa số của một phần hoặc số tổng để các phần cộng lại bằng tổng" in plain
