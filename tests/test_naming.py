"""How documents name plans and agencies (documents.naming), on the bundled plans whose wording the seeds fix."""

from __future__ import annotations

import pytest

from gdnn_cli.core.dataset import load
from gdnn_cli.documents.naming import lower_first, mid, name_list, plan_citation, plan_name, plan_short, self_name
from tests.conftest import REPO


@pytest.fixture(scope="module")
def plans():
    return load(REPO / "data").plans


def test_a_numbered_plan_is_cited_by_number_and_date(plans):
    plan = plans["hn-2022-khac-phuc"]
    assert plan_name(plan) == "Kế hoạch số 72/KH-UBND ngày 04/3/2022"
    assert plan_short(plan) == "Kế hoạch số 72/KH-UBND"
    assert plan_citation(plan, "UBND Thành phố") == (
        "Kế hoạch số 72/KH-UBND ngày 04/3/2022 của UBND Thành phố về khắc phục hạn chế, khuyết điểm "
        "trong công tác giáo dục nghề nghiệp năm 2021")


def test_a_plan_without_number_keeps_its_whole_title(plans):
    plan = plans["hn-2025-gdnn"]
    assert plan_short(plan) == plan_name(plan) == (
        "Kế hoạch triển khai công tác giáo dục nghề nghiệp trên địa bàn thành phố Hà Nội năm 2025")
    # the year is in the title, so the citation does not repeat it
    assert plan_citation(plan, "UBND Thành phố").startswith("Kế hoạch của UBND Thành phố về triển khai")


def test_a_title_citing_another_document_stops_after_its_number(plans):
    assert plan_short(plans["hn-2025-ct37"]) == "Kế hoạch triển khai thực hiện Kế hoạch số 316-KH/TU"


def test_a_citation_gives_the_year_when_the_title_does_not(plans):
    plan = plans["hp-2021-2030-chien-luoc"]
    assert plan_citation(plan, "UBND thành phố").startswith("Kế hoạch của UBND thành phố (ban hành năm 2022) về ")


def test_words_inside_sentences():
    assert lower_first("Triển khai công tác") == "triển khai công tác"
    assert lower_first("UBND Thành phố") == "UBND Thành phố"
    assert self_name("Sở Giáo dục và Đào tạo thành phố Hà Nội") == "Sở Giáo dục và Đào tạo"
    assert mid("Các Sở, ban, ngành") == "các Sở, ban, ngành" and mid("Sở GD&ĐT") == "Sở GD&ĐT"
    assert name_list(["A, b", "C", "A, b"]) == "A, b; C"
