"""Each domain rule, with a small edit of the valid fixture that breaks exactly that rule."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdnn_cli.core.dataset import load
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
    edit(plan_path(mini), 'unit: "%"\n    measure: rate\n    value: 70',
         'unit: người\n    measure: rate\n    value: 70')
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


def test_ceased_agency_is_an_error_naming_successor(mini):
    edit(plan_path(mini), "date: 2025-01-10", "date: 2025-04-01")
    ds = load(mini)
    issue = only(ds, "agency-ceased")
    assert not ds.ok and issue.severity == "error"
    assert "Sở Giáo dục và Đào tạo" in issue.hint and "tp-so-gddt" in issue.hint


def test_ceased_on_the_issue_day_is_an_error(mini):
    edit(plan_path(mini), "date: 2025-01-10", "date: 2025-03-01")
    assert only(load(mini), "agency-ceased").severity == "error"


def test_ceased_the_day_after_issue_is_not(mini):
    edit(plan_path(mini), "date: 2025-01-10", "date: 2025-02-28")
    assert not [i for i in load(mini).issues if i.code == "agency-ceased"]


def test_no_ceased_warning_for_plan_issued_before(mini):
    assert not [i for i in load(mini).issues if i.code == "agency-ceased"]


def test_reports_due_on_the_ceasing_day_warn(mini):
    edit(plan_path(mini), "due: 2025-12-15", "due: 2025-03-01")
    assert only(load(mini), "reports-to-ceased-agency").severity == "warning"


def test_reports_due_before_the_ceasing_day_do_not_warn(mini):
    edit(plan_path(mini), "due: 2025-12-15", "due: 2025-02-28")
    assert not [i for i in load(mini).issues if "ceased" in i.code]


def test_reports_from_a_ceased_agency_warn(mini):
    edit(plan_path(mini), "reporters: [tp-so-gddt], to: tp-so-ldtbxh", "reporters: [tp-so-ldtbxh], to: tp-so-gddt")
    issue = only(load(mini), "report-from-ceased-agency")
    assert issue.severity == "warning" and issue.where == "reporting[0].reporters[0]"


# --------------------------------------------------------------------------- boundaries of each rule


def test_min_equal_max_is_a_range(mini):
    edit(plan_path(mini), "min: 40\n    max: 45", "min: 45\n    max: 45")
    assert load(mini).ok


def test_deadline_on_issue_day_is_fine(mini):
    edit(plan_path(mini), "deadline: 2025-10-01", "deadline: 2025-01-10")
    assert load(mini).ok


def test_deadline_a_day_before_issue_is_not(mini):
    edit(plan_path(mini), "deadline: 2025-10-01", "deadline: 2025-01-09")
    assert only(load(mini), "deadline-before-issue").severity == "error"


@pytest.mark.parametrize("where", ["duty", "reporting"])
def test_other_deadlines_before_issue(mini, where):
    if where == "duty":
        edit(plan_path(mini), "{text: Phối hợp.}", "{text: Phối hợp., deadline: 2025-01-09}")
    else:
        edit(plan_path(mini), "due: 2025-12-15", "due: 2025-01-09")
    assert only(load(mini), "deadline-before-issue").where.endswith(("deadline", "due"))


@pytest.mark.parametrize("part,ok", [("200.4", False), ("199.6", False), ("200", True)])
def test_sum_off_by_0_4(mini, part, ok):
    edit(plan_path(mini), "value: 200", f"value: {part}")
    assert load(mini).ok is ok


def test_parts_summing_inside_a_range_total(mini):
    edit(plan_path(mini), "    value: 1000\n", "    min: 1000\n    max: 1100\n")
    assert load(mini).ok
    edit(plan_path(mini), "value: 200", "value: 301")
    assert "outside the range" in only(load(mini), "breakdown-sum").message


def test_parts_below_a_range_minimum(mini):
    edit(plan_path(mini), "    value: 1000\n", "    min: 1001\n    max: 1100\n")
    only(load(mini), "breakdown-sum")


def test_parts_above_a_range_maximum(mini):
    edit(plan_path(mini), "    value: 1000\n", "    min: 900\n    max: 999\n")
    only(load(mini), "breakdown-sum")


def test_parts_in_another_unit(mini):
    edit(plan_path(mini), "{id: so-cap, name: Sơ cấp, unit: người", "{id: so-cap, name: Sơ cấp, unit: lượt người")
    only(load(mini), "breakdown-unit")


@pytest.mark.parametrize("share,ok", [("70", True), ("70.1", False)])
def test_share_equal_to_its_whole(mini, share, ok):
    edit(plan_path(mini), "measure: rate, value: 50", f"measure: rate, value: {share}")
    assert load(mini).ok is ok


@pytest.mark.parametrize("value,ok", [("100", True), ("0", True), ("100.01", False)])
def test_rate_bounds(mini, value, ok):
    edit(plan_path(mini), "value: 70\n", f"value: {value}\n")
    ds = load(mini)
    assert ds.ok is ok or [i.code for i in ds.errors] == ["share-exceeds-total"]
    assert bool([i for i in ds.errors if i.code == "rate-out-of-range"]) is not ok


def test_year_of_vision_is_inside(mini):
    edit(plan_path(mini), "period: {start: 2025, end: 2025}", "period: {start: 2025, end: 2025, vision: 2030}")
    edit(plan_path(mini), "value: 1000\n    year: 2025", "value: 1000\n    year: 2030")
    assert not [i for i in load(mini).issues if i.code == "year-outside-period"]


def test_year_before_period(mini):
    edit(plan_path(mini), "value: 1000\n    year: 2025", "value: 1000\n    year: 2024")
    only(load(mini), "year-outside-period")


def test_unit_measure_both_ways(mini):
    edit(plan_path(mini), "    unit: người\n    value: 1000", "    unit: \"%\"\n    value: 1000")
    only(load(mini), "unit-measure-mismatch")


def test_duplicate_task_and_group_ids(mini):
    edit(plan_path(mini), "  - id: tuyen-truyen\n    title: Tuyên truyền\n    tasks:\n",
         "  - id: tuyen-truyen\n    title: Tuyên truyền\n    groups: [{id: tuyen-truyen, title: Lại}]\n    tasks:\n"
         "      - {id: ngay-hoi, text: Lần hai.}\n")
    codes = {i.code for i in load(mini).errors}
    assert {"duplicate-task-group-id", "duplicate-task-id"} <= codes


def test_only_refers_to_included_ids(mini):
    edit(plan_path(mini), "    include: targets\n", "    include: targets\n    only: [dao-tao, dao-tao-x]\n")
    assert "dao-tao" in only(load(mini), "unknown-id").hint
    edit(plan_path(mini), "  - heading: Kinh phí\n    include: funding\n",
         "  - heading: Kinh phí\n    include: funding\n    only: [x]\n")
    only(load(mini), "only-without-include")


def test_collection_never_included_warns(mini):
    edit(plan_path(mini), "  - heading: Kinh phí\n    include: funding\n", "")
    assert only(load(mini), "not-rendered").severity == "warning"


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


def test_agency_named_by_its_name_gets_the_id_of_the_plans_own_province(tmp_path):
    from tests.conftest import REPO

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    plan = next((data / "plans" / "hai-phong").glob("*.yaml"))
    edit(plan, "lead: hp-so-khdt", "lead: Sở Tài chính")
    issue = only(load(data), "unknown-agency")
    assert "'hp-so-tai-chinh'" in issue.hint and "hn-so-tai-chinh" not in issue.hint


# --------------------------------------------------------------------------- the rules as functions (mutation testing)


def _plan_with(targets):
    from gdnn_cli.core.models import Plan

    return Plan.model_validate({"id": "p", "issuer": "x", "place": "P", "date": 2025, "title": "T",
                                "period": {"start": 2025, "end": 2025}, "sections": [], "targets": targets,
                                "signature": {"title": "T", "name": "N"}})


def _codes(targets):
    from gdnn_cli.core.rules import target_rules

    return [i.code for i in target_rules(_plan_with(targets), "f")]


def _t(id_, unit="người", parts=(), shares=(), **bounds):
    measure = "rate" if unit == "%" else "count"
    return {"id": id_, "name": id_, "unit": unit, "measure": measure, "year": 2025, **bounds,
            "parts": list(parts), "shares": list(shares)}


def test_sums_and_shares_at_the_rounding_allowance():
    eps = 1e-6  # rules.EPS
    assert _codes([_t("a", value=0, parts=[_t("b", value=eps)])]) == []
    assert _codes([_t("a", min=eps, max=1, parts=[_t("b", value=0)])]) == []
    assert _codes([_t("a", min=0, max=0, parts=[_t("b", value=eps)])]) == []
    assert _codes([_t("a", min=0, max=0, parts=[_t("b", value=3 * eps)])]) == ["breakdown-sum"]
    assert _codes([_t("a", value=0, shares=[_t("b", value=eps)])]) == []
    assert _codes([_t("a", value=0, shares=[_t("b", value=3 * eps)])]) == ["share-exceeds-total"]


def test_rates_do_not_add_up_but_their_shares_are_bounded():
    assert _codes([_t("r", "%", value=70, parts=[_t("a", "%", value=50), _t("b", "%", value=60)])]) == []
    assert _codes([_t("r", "%", min=40, max=45, shares=[_t("s", "%", value=46)])]) == ["share-exceeds-total"]
    assert _codes([_t("r", "%", min=40, max=45, shares=[_t("s", "%", value=45)])]) == []


def test_parts_without_a_point_value_are_not_summed():
    assert _codes([_t("a", value=10, parts=[_t("b", min=1, max=2)])]) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=5), st.integers(0, 5 * 10**6))
def test_parts_off_is_exactly_parts_not_adding_up(parts, total):
    """One arithmetic for `gdnn validate` and `gdnn diff` (rules.parts_off): off iff the sum differs."""
    from gdnn_cli.core.models import Target
    from gdnn_cli.core.rules import parts_off

    t = Target.model_validate(_t("a", value=total, parts=[_t(f"p{i}", value=v) for i, v in enumerate(parts)]))
    off = parts_off(t)
    assert (off is None) == (sum(parts) == total)
    if off is not None:
        assert off.values == parts and off.total == sum(parts) and not off.outside_range
    ranged = Target.model_validate(_t("a", min=total, max=total + 10, parts=[_t("p", value=v) for v in parts]))
    off = parts_off(ranged)
    assert (off is None) == (total <= sum(parts) <= total + 10)
    assert off is None or off.outside_range


def _registry(*agencies):
    from gdnn_cli.core.agencies import Agency
    from gdnn_cli.core.registry import Registry

    reg = Registry()
    for a in agencies:
        agency = Agency.model_validate({"kind": "so", "name": a["id"].upper(), **a})
        reg.agencies[agency.id] = agency
    return reg


def test_successor_at_follows_cease_dates_and_stops_on_a_cycle():
    import datetime as dt

    reg = _registry({"id": "a", "ceased": "2025-03-01", "successors": [{"id": "b"}]},
                    {"id": "b", "ceased": "2025-07-01", "successors": [{"id": "a"}]},
                    {"id": "c", "ceased": "2025-01-01"})
    assert reg.successor_at("a", dt.date(2025, 2, 28)) == "a"
    assert reg.successor_at("a", dt.date(2025, 3, 1)) == "b"
    assert reg.successor_at("a", dt.date(2025, 8, 1)) in {"a", "b"}  # a cycle in the registry ends, somewhere
    assert reg.successor_at("c", dt.date(2025, 8, 1)) == "c" and reg.successor_at("zz", dt.date(2025, 8, 1)) == "zz"
    assert (reg.short_name("zz"), reg.agency_name("zz"), reg.agency_name("a")) == ("zz", "zz", "A")


def test_members_of_a_group_alive_on_a_day():
    import datetime as dt

    reg = _registry({"id": "g", "kind": "nhom"}, {"id": "m1", "member_of": ["g"]},
                    {"id": "m3", "member_of": ["g"], "started": "2025-07-01"},
                    {"id": "m2", "member_of": ["g"], "ceased": "2025-03-01"}, {"id": "other", "member_of": ["h"]})
    assert reg.members("g") == ["m1", "m2", "m3"] and reg.members("nobody") == []
    assert reg.members("g", dt.date(2025, 2, 28)) == ["m1", "m2"]
    assert reg.members("g", dt.date(2025, 3, 1)) == ["m1"]
    assert reg.members("g", dt.date(2025, 7, 1)) == ["m1", "m3"]


@pytest.mark.parametrize("old,new", [
    ("{text: Phối hợp.}", "{text: Phối hợp., deadline: 2025-01-10}"),
    ("due: 2025-12-15", "due: 2025-01-10"),
])
def test_duty_and_report_deadlines_on_the_issue_day_are_fine(mini, old, new):
    edit(plan_path(mini), old, new)
    assert load(mini).ok


def test_agency_refs_name_every_place(mini):
    from gdnn_cli.core.dataset import load_file
    from gdnn_cli.core.rules import agency_refs

    lf, _ = load_file(plan_path(mini), "plan")
    refs = list(agency_refs(lf._model))
    assert refs[:2] == [(("issuer",), "tp-ubnd"), (("standing_agency",), "tp-so-ldtbxh")]
    assert (("task_groups", 0, "tasks", 0, "partners", 0), "tp-so-gddt") in refs
    assert (("task_groups", 0, "tasks", 0, "lead"), "tp-so-ldtbxh") in refs
    assert (("reporting", 0, "reporters", 0), "tp-so-gddt") in refs and (("reporting", 0, "to"), "tp-so-ldtbxh") in refs


def test_nearest_agency_id():
    reg = _registry({"id": "tp-so-gddt"}, {"id": "tp-so-tai-chinh"})
    assert reg.nearest_agency("tp-so-gdd") == "tp-so-gddt" and reg.nearest_agency("zzz") is None
