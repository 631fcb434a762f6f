"""An agency's name where its id belongs leads to the id, in the plan's own province."""

from __future__ import annotations

from gdnn_cli.core.agencies import Agency
from gdnn_cli.core.agency_names import fold, looks_like_name, unknown_agency_hint
from gdnn_cli.core.dataset import load
from tests.conftest import REPO, edit, plan_path


def _agency(agency_id, name, short=None, province=None, ceased=None):
    return Agency(id=agency_id, name=name, short=short, kind="so", province=province, ceased=ceased)


AGENCIES = {a.id: a for a in [
    _agency("hn-so-tai-chinh", "Sở Tài chính thành phố Hà Nội", "Sở Tài chính", "hn"),
    _agency("hp-so-tai-chinh", "Sở Tài chính thành phố Hải Phòng", "Sở Tài chính", "hp"),
    _agency("hn-so-ldtbxh", "Sở Lao động - Thương binh và Xã hội thành phố Hà Nội", "Sở LĐTBXH", "hn",
            ceased="2025-03-01"),
    _agency("hn-ubnd", "Ủy ban nhân dân thành phố Hà Nội", "UBND Thành phố", "hn"),
    _agency("hp-ubnd", "Ủy ban nhân dân thành phố Hải Phòng", "UBND Thành phố", "hp"),
]}


def test_a_short_name_gives_the_id_of_the_plans_province():
    assert unknown_agency_hint(AGENCIES, "Sở Tài chính", "hn-ubnd") == \
        "'Sở Tài chính' is the name of an agency; write its id: 'hn-so-tai-chinh' (Sở Tài chính thành phố Hà Nội)"
    assert "'hp-so-tai-chinh'" in unknown_agency_hint(AGENCIES, "Sở Tài chính", "hp-ubnd")


def test_names_match_whatever_the_case_diacritics_and_normal_form():
    for typed in ("sở tài chính", "SỞ TÀI CHÍNH", "So Tai chinh", "So\u0309 Ta\u0300i chi\u0301nh", "Sở  Tài   chính"):
        assert "'hn-so-tai-chinh'" in unknown_agency_hint(AGENCIES, typed, "hn-ubnd"), typed


def test_a_misspelt_name_gives_the_nearest_name():
    hint = unknown_agency_hint(AGENCIES, "Sở Tài chánh thành phố Hà Nội", "hn-ubnd")
    assert hint == ("write the agency's id, not its name; "
                    "did you mean 'hn-so-tai-chinh' (Sở Tài chính thành phố Hà Nội)?")


def test_a_misspelt_id_gives_the_nearest_id():
    assert unknown_agency_hint(AGENCIES, "hn-so-tai-chin", "hn-ubnd").startswith("did you mean 'hn-so-tai-chinh'")


def test_only_when_nothing_is_close_does_the_hint_speak_of_adding_an_agency():
    assert "add it to data/agencies/" in unknown_agency_hint(AGENCIES, "xyz", "hn-ubnd")
    assert "add it" not in unknown_agency_hint(AGENCIES, "Sở Tài chính", "hn-ubnd")


def test_fold_and_looks_like_name():
    assert fold("Sở  Tài Chính") == "sở tài chính"
    assert fold("Đào tạo", diacritics=False) == "dao tao"
    assert looks_like_name("Sở Tài chính") and looks_like_name("SoTaiChinh") and not looks_like_name("hn-so-tai-chinh")


def test_validate_suggests_the_id_for_a_name_in_the_bundled_data(tmp_path, vi):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    path = data / "plans" / "ha-noi" / "hn-2025-gdnn.yaml"
    edit(path, "partners: [hn-so-khdt, hn-so-tai-chinh, hn-co-so-gdnn]",
         "partners: [hn-so-khdt, Sở Tài chính, hn-co-so-gdnn]")
    issue = next(i for i in load(data).issues if i.code == "unknown-agency")
    assert issue.message == "cơ quan 'Sở Tài chính' không có trong danh mục cơ quan (data/agencies/)"
    assert issue.hint == ("'Sở Tài chính' là tên cơ quan; hãy ghi mã của cơ quan: "
                          "'hn-so-tai-chinh' (Sở Tài chính thành phố Hà Nội)")


def test_a_short_name_in_the_fixture_gets_the_id_as_hint(mini):
    edit(plan_path(mini), "partners: [tp-so-gddt]", "partners: [Sở GD&ĐT]")
    issue = next(i for i in load(mini).issues if i.code == "unknown-agency")
    assert "'tp-so-gddt'" in issue.hint


def test_an_agency_file_prefers_its_own_province():
    parent_hint = unknown_agency_hint(AGENCIES, "UBND Thành phố", "hp-so-tai-chinh")
    assert "'hp-ubnd'" in parent_hint


def test_a_result_file_prefers_the_province_of_its_plan(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    edit(data / "results" / "hp-ubnd" / "2025.yaml", "value: 39.6, agency: hp-so-gddt", "value: 39.6, agency: Sở GD&ĐT")
    issue = next(i for i in load(data).issues if i.code == "unknown-agency")
    assert issue.hint.startswith("'Sở GD&ĐT' is the name of an agency; write its id: 'hp-so-gddt'")
