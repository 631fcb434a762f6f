"""Places in plan terms, read from raw data (the file need not validate)."""

from __future__ import annotations

import pytest

from gdnn_cli.core.plan_terms import place

PLAN = {
    "sections": [
        {"heading": "Mục đích, yêu cầu"},
        {"heading": "Chỉ tiêu", "include": "targets"},
        {"heading": "Nhiệm vụ", "blocks": [{"heading": "Nhóm 1", "include": "task_groups"}]},
        {"heading": "Tổ chức thực hiện", "include": "assignments"},
        {"heading": "Chế độ báo cáo", "include": "reporting"},
    ],
    "targets": [{"id": "dao-tao", "name": "Đào tạo", "parts": [{"id": "cd", "name": "Cao đẳng"}]}],
    "task_groups": [{"id": "g", "title": "Tuyên truyền", "groups": [{"id": "g2", "title": "Tiểu nhóm",
                                                                     "tasks": [{"text": "Làm việc A."}]}]}],
    "assignments": [{"agencies": ["tp-so-gddt"], "units": [{"agencies": ["x"], "heading": "Ban Công tác",
                                                            "duties": [{"text": "…"}]}]}],
    "reporting": [{"to": "tp-so-ldtbxh"}],
}


@pytest.fixture(autouse=True)
def _vi(vi):
    """Places as users read them."""


@pytest.mark.parametrize("loc, expected", [
    (("targets", 0, "parts", 0, "value"), "Chỉ tiêu «Cao đẳng» (mục II), giá trị"),
    (("targets", 0, "parts"), "Chỉ tiêu «Đào tạo» (mục II), cơ cấu chi tiết"),
    (("targets", 5, "value"), "Chỉ tiêu (mục II) thứ 6, giá trị"),
    (("task_groups", 0, "groups", 0, "tasks", 0, "deadline"),
     "Nhiệm vụ thứ 1 thuộc nhóm «Tiểu nhóm» (mục III), thời hạn"),
    (("task_groups", 0, "title"), "Nhóm nhiệm vụ «Tuyên truyền» (mục III), trích yếu"),
    (("assignments", 0, "units", 0, "duties", 0, "deadline"), "Nhiệm vụ thứ 1 của «Ban Công tác» (mục IV), thời hạn"),
    (("assignments", 0, "agencies", 0), "Nhiệm vụ của «tp-so-gddt» (mục IV), cơ quan thứ 1"),
    (("reporting", 0, "to"), "Chế độ báo cáo, quy định thứ 1 (mục V), cơ quan nhận báo cáo"),
    (("sections", 2, "blocks", 0, "only", 1), "Mục III «Nhiệm vụ», tiểu mục thứ 1, chỉ gồm (only) thứ 2"),
    (("date",), "Kế hoạch: ngày ban hành"),
    (("signature", "name"), "Kế hoạch: phần ký, tên"),
])
def test_plan_places(loc, expected):
    assert place("plan", PLAN, loc) == expected


def test_line_is_added_and_an_empty_loc_names_only_the_line():
    assert place("plan", PLAN, ("targets", 0), 12) == "Chỉ tiêu «Đào tạo» (mục II), dòng 12"
    assert place("plan", PLAN, (), 3) == "dòng 3"
    assert place("plan", PLAN, ()) == ""


def test_a_collection_not_in_the_outline_has_no_section_number():
    assert place("plan", {"targets": [{"name": "A"}]}, ("targets", 0, "year")) == "Chỉ tiêu «A», năm"


def test_long_names_are_shortened():
    label = place("plan", {"targets": [{"name": "x" * 80}]}, ("targets", 0))
    assert label == "Chỉ tiêu «" + "x" * 47 + "…»"


def test_agency_and_result_places():
    agencies = {"agencies": [{"id": "a", "name": "Sở Tài chính thành phố", "short": "Sở Tài chính"}, {"id": "b"}]}
    assert place("agencies", agencies, ("agencies", 0, "ceased")) == "Cơ quan «Sở Tài chính», ngày chấm dứt hoạt động"
    assert place("agencies", agencies, ("agencies", 1, "name")) == "Cơ quan thứ 2, tên"
    results = {"figures": [{"target": "dao-tao"}], "progress": [{"task": "t"}], "reports": [{"agency": "s"}]}
    assert place("results", results, ("figures", 0, "value")) == "Số liệu thứ 1 (chỉ tiêu dao-tao), giá trị"
    assert place("results", results, ("progress", 0, "agency")) == "Tiến độ thứ 1 (nhiệm vụ t), cơ quan"
    assert place("results", results, ("reports", 0)) == "Báo cáo thứ 1 (s)"
    assert place("results", results, ("year",)) == "Tệp kết quả: năm"


def test_broken_data_never_raises():
    for data in (None, [], {"targets": "x"}, {"targets": [None]}, {"task_groups": [{"tasks": ["x"]}]}):
        for loc in (("targets", 0, "value"), ("task_groups", 0, "tasks", 0, "lead"), ("assignments", 3)):
            assert isinstance(place("plan", data, loc, 1), str)


def test_places_in_english_with_gdnn_lang_en(monkeypatch):
    monkeypatch.setenv("GDNN_LANG", "en")
    assert place("plan", PLAN, ("targets", 0, "parts", 0, "value"), 61) == (
        "Target «Cao đẳng» (section II), value, line 61")
