"""Each domain rule, with a small edit of the valid fixture that breaks exactly that rule."""

from __future__ import annotations

import shutil

import pytest

from gdnn_cli.dataset import load
from tests.conftest import edit, plan_path


def only(ds, code):
    found = [i for i in ds.issues if i.code == code]
    assert found, [(i.code, i.message) for i in ds.issues]
    return found[0]


def test_breakdown_must_add_up(mini):
    edit(plan_path(mini), "value: 200", "value: 210")
    issue = only(load(mini), "breakdown-sum")
    assert issue.message == "210 + 300 + 500 = 1.010, not 1.000"
    assert issue.where == "targets[0] (id=dao-tao).parts"
    assert issue.line == 30


def test_share_cannot_exceed_total(mini):
    edit(plan_path(mini), "measure: rate, value: 50", "measure: rate, value: 80")
    issue = only(load(mini), "share-exceeds-total")
    assert "80%" in issue.message or "80 %" in issue.message


def test_rate_within_0_100(mini):
    edit(plan_path(mini), "value: 70\n", "value: 170\n")
    issue = only(load(mini), "rate-out-of-range")
    assert "170" in issue.message


def test_range_min_le_max(mini):
    edit(plan_path(mini), "min: 40\n    max: 45", "min: 46\n    max: 45")
    assert only(load(mini), "range-inverted").where == "targets[2] (id=phan-luong).min"


def test_unit_matches_measure(mini):
    edit(plan_path(mini), 'unit: "%"\n    measure: rate\n    value: 70', 'unit: người\n    measure: rate\n    value: 70')
    only(load(mini), "unit-measure-mismatch")


def test_target_year_inside_period(mini):
    edit(plan_path(mini), "value: 1000\n    year: 2025", "value: 1000\n    year: 2031")
    assert "2031" in only(load(mini), "year-outside-period").message


def test_target_ids_unique(mini):
    edit(plan_path(mini), "id: so-cap", "id: cao-dang")
    only(load(mini), "duplicate-target-id")


def test_deadline_not_before_issue(mini):
    edit(plan_path(mini), "deadline: 2025-10-01", "deadline: 2024-12-01")
    assert "01/12/2024" in only(load(mini), "deadline-before-issue").message


def test_unknown_agency_suggests_nearest(mini):
    edit(plan_path(mini), "lead: tp-so-ldtbxh", "lead: tp-so-ldtbx")
    issue = only(load(mini), "unknown-agency")
    assert "tp-so-ldtbxh" in issue.hint and issue.where.endswith(".lead")


@pytest.mark.parametrize("old,new", [
    ("reporters: [tp-so-gddt]", "reporters: [tp-so-gdd]"),
    ("to: tp-so-ldtbxh", "to: tp-so-khong-co"),
])
def test_reporting_sources_and_recipients_checked(mini, old, new):
    edit(plan_path(mini), old, new)
    assert only(load(mini), "unknown-agency").where.startswith("reporting[0]")


def test_plan_ids_unique(mini):
    shutil.copy(plan_path(mini), mini / "plans" / "copy.yaml")
    issue = only(load(mini), "duplicate-plan-id")
    assert {issue.file.rsplit("/", 1)[-1], issue.message.rsplit("/", 1)[-1]} == {"copy.yaml", "tp-2025.yaml"}


def test_duty_refers_to_existing_task(mini):
    edit(plan_path(mini), "task: ngay-hoi", "task: ngay-hoi-x")
    assert "ngay-hoi" in only(load(mini), "unknown-task").hint


def test_ceased_agency_warns_with_successor(mini):
    edit(plan_path(mini), "date: 2025-01-10", "date: 2025-04-01")
    ds = load(mini)
    assert ds.ok  # a warning, not an error
    issue = only(ds, "agency-ceased")
    assert issue.severity == "warning" and "Sở Giáo dục và Đào tạo" in issue.hint


def test_no_ceased_warning_for_plan_issued_before(mini):
    edit(plan_path(mini), "date: 2025-01-10", "date: 2025-01-10")
    assert not [i for i in load(mini).issues if i.code == "agency-ceased"]


def test_all_problems_in_one_pass(mini):
    edit(plan_path(mini), "value: 200", "value: 210")
    edit(plan_path(mini), "lead: tp-so-ldtbxh", "lead: tp-so-x")
    edit(plan_path(mini), "min: 40\n    max: 45", "min: 46\n    max: 45")
    codes = {i.code for i in load(mini).errors}
    assert {"breakdown-sum", "unknown-agency", "range-inverted"} <= codes


def test_ratio_to_a_base_may_pass_100(beyond):
    path = beyond / "plans" / "tt-2024-2030.yaml"
    edit(path, "value: 50\n", "value: 120\n")
    ds = load(beyond)
    assert ds.ok, [i.headline() for i in ds.errors]
    edit(path, "    base: tổng số cơ sở GDNN công lập\n", "")
    assert "120" in only(load(beyond), "rate-out-of-range").message


def test_baseline_before_the_period_is_accepted_after_its_start_is_not(beyond):
    path = beyond / "plans" / "tt-2024-2030.yaml"
    assert load(beyond).ok  # baseline_year 2023 for a 2024–2030 plan
    edit(path, "baseline_year: 2023", "baseline_year: 2026")
    assert only(load(beyond), "baseline-after-start").where.endswith("baseline_year")


def test_results_before_the_period_are_its_starting_series(beyond):
    assert load(beyond).ok  # results/tt-ubnd/2023.yaml reports on a 2024–2030 plan
    edit(beyond / "results" / "tt-ubnd" / "2023.yaml", "year: 2023", "year: 2031")
    assert only(load(beyond), "year-outside-period")
