"""Bases (căn cứ): printed once from the data, checked for number, date and issuer."""

from __future__ import annotations

import pytest

from gdnn_cli.core.bases import base_text, parse_number
from gdnn_cli.core.dataset import load
from gdnn_cli.core.models import DocumentRef
from gdnn_cli.documents.plan_doc import plan_context
from tests.conftest import REPO, beyond_plan, edit, issues


def test_fixture_is_valid_and_prints_party_and_council_bases(beyond):
    ds = load(beyond)
    assert ds.ok and not ds.warnings, [i.headline() for i in ds.issues]
    texts = [p["text"] for p in plan_context(ds.plans["tt-2024-2030"], ds.registry)["body"]]
    assert texts[0] == ("Căn cứ Kế hoạch số 178-KH/TU ngày 20/11/2023 của Ban Thường vụ Tỉnh ủy về phát triển "
                        "giáo dục nghề nghiệp đến năm 2030, tầm nhìn đến năm 2045;")
    assert texts[1].startswith("Căn cứ Thông báo số 18/TB-HĐND ngày 05/02/2024 của Thường trực HĐND tỉnh về")
    assert texts[2].startswith("Ủy ban nhân dân tỉnh ban hành")


def test_registry_tells_the_standing_boards_apart(beyond):
    reg = load(beyond).registry
    assert reg.agencies["tt-btv-tinh-uy"].kind == "ban-thuong-vu" and reg.agencies["tt-tinh-uy"].kind == "tinh-uy"
    assert reg.agencies["tt-tt-hdnd"].kind == "thuong-truc-hdnd" and reg.agencies["tt-hdnd"].kind == "hdnd"


@pytest.mark.parametrize("number, party, code, symbol", [
    ("2239/QĐ-TTg", False, "QĐ", "TTg"), ("02/2025/TT-BLĐTBXH", False, "TT", "BLĐTBXH"),
    ("178-KH/TU", True, "KH", "TU"), ("18/TB-HĐND", False, "TB", "HĐND"), ("202/2025/QH15", False, "", "QH15"),
])
def test_numbers_of_state_and_party_documents(number, party, code, symbol):
    parsed = parse_number(number)
    assert parsed is not None and (parsed.party, parsed.code, parsed.symbol) == (party, code, symbol)


@pytest.mark.parametrize("number", ["178/KH/TU", "số 12", "KH-12", ""])
def test_a_malformed_document_number_parses_to_nothing(number):
    assert parse_number(number) is None


def test_base_text_uses_nd30_dates_and_the_plans_own_name():
    ref = DocumentRef(lead="Thực hiện", type="Quyết định", number="336/QĐ-LĐTBXH", date="2022-04-13",
                      issuer="bo-ldtbxh", title="ban hành Kế hoạch", after="(sau đây gọi là Quyết định số 336)")
    assert base_text(ref, lambda _id: "Bộ Lao động - Thương binh và Xã hội") == (
        "Thực hiện Quyết định số 336/QĐ-LĐTBXH ngày 13/4/2022 của Bộ Lao động - Thương binh và Xã hội "
        "ban hành Kế hoạch (sau đây gọi là Quyết định số 336);")
    assert base_text(ref.model_copy(update={"by": "Bộ LĐTBXH"}), lambda _id: "x").count("của Bộ LĐTBXH ") == 1


def test_number_must_be_a_number(beyond):
    edit(beyond_plan(beyond), "number: 178-KH/TU", "number: KH 178")
    (issue,) = issues(beyond, "base-number-format")
    assert issue.where == "bases[0] (number=KH 178).number" and "KH 178" in issue.message


def test_type_code_must_match_the_type(beyond):
    edit(beyond_plan(beyond), "number: 18/TB-HĐND", "number: 18/NQ-HĐND")
    (issue,) = issues(beyond, "base-type-mismatch")
    assert "NQ" in issue.message and "Thông báo" in issue.message


def test_base_cannot_postdate_the_plan(beyond):
    edit(beyond_plan(beyond), "date: 2024-02-05", "date: 2024-04-05")
    (issue,) = issues(beyond, "base-after-plan")
    assert "05/4/2024" in issue.message and issue.where == "bases[1] (number=18/TB-HĐND).date"


def test_issuer_symbol_must_end_the_number(beyond):
    """A council's notice filed under the party board is caught: the registry knows who signs /TU."""
    edit(beyond_plan(beyond), "issuer: tt-tt-hdnd", "issuer: tt-btv-tinh-uy")
    (issue,) = issues(beyond, "base-symbol-mismatch")
    assert "HĐND" in issue.message and "TU" in issue.message


def test_issuer_must_exist_and_be_in_office(beyond):
    edit(beyond_plan(beyond), "issuer: tt-tt-hdnd", "issuer: tt-tt-hdn")
    (issue,) = issues(beyond, "unknown-agency")
    assert issue.where == "bases[1] (number=18/TB-HĐND).issuer" and "tt-tt-hdnd" in issue.hint
    edit(beyond_plan(beyond), "issuer: tt-tt-hdn", "issuer: tt-tt-hdnd")
    agencies = beyond / "agencies" / "tinh-thu.yaml"
    edit(agencies, "kind: thuong-truc-hdnd\n", "kind: thuong-truc-hdnd\n    started: 2024-06-01\n")
    (issue,) = issues(beyond, "base-issuer-not-in-office")
    assert "05/02/2024" in issue.message


def test_cited_base_must_agree_with_its_sentence(beyond):
    """Without 'lead' the preamble cites the base itself; the two copies are checked against each other."""
    path = beyond_plan(beyond)
    edit(path, "  - lead: Căn cứ\n    type: Thông báo", "  - type: Thông báo")
    edit(path, 'preamble:\n  - "',
         'preamble:\n  - "Căn cứ Thông báo số 18/TB-HĐND ngày 06/02/2024 của Thường trực HĐND tỉnh; ')
    (issue,) = issues(beyond, "base-date-mismatch")
    assert "6/2/2024" in issue.message and "05/02/2024" in issue.message
    edit(path, "ngày 06/02/2024", "ngày 05/02/2024")
    assert issues(beyond, "base-date-mismatch") == []
    edit(path, "Căn cứ Thông báo số 18/TB-HĐND", "Căn cứ Thông báo")
    (warning,) = issues(beyond, "base-not-cited")
    assert warning.severity == "warning"


def test_seed_bases_agree_with_their_preambles():
    ds = load(REPO / "data")
    codes = {i.code for i in ds.issues}
    assert not codes & {"base-date-mismatch", "base-not-cited", "base-type-mismatch", "base-number-format",
                        "base-symbol-mismatch", "base-issuer-not-in-office", "base-after-plan"}
    hp = ds.plans["hp-2021-2030-chien-luoc"]
    assert [b.lead for b in hp.bases] == ["Thực hiện", "Thực hiện"]
    assert not any("2239/QĐ-TTg ngày" in t for t in hp.preamble)  # printed from the base only
