"""Gap and status arithmetic: property tests for points, ranges, both directions and rates."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gdnn_cli.core.models import Plan, Target
from gdnn_cli.tracking.gaps import (
    Actual,
    MeanSoFar,
    achievement_of,
    combine,
    gap_of,
    in_force,
    rows_for_plan,
    status_of,
)

finite = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
rate = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


def point(value, direction="higher", qualifier=None, unit="người", tolerance=None):
    return Target(id="t", name="t", unit=unit, measure="rate" if unit == "%" else "count", value=value,
                  direction=direction, qualifier=qualifier, tolerance=tolerance, year=2025)


def rng(lo, hi, direction="higher"):
    return Target(id="r", name="r", unit="%", measure="rate", min=lo, max=hi, direction=direction, year=2025)


@given(finite, finite)
def test_point_higher_status_matches_sign_of_gap(target, actual):
    t = point(target)
    g = gap_of(t, actual)
    assert math.isclose(g, actual - target, abs_tol=1e-6)
    expected = "exceeded" if g > 1e-9 else "not_met" if g < -1e-9 else "met"
    assert status_of(t, actual) == expected


@given(finite, finite)
def test_lower_is_better_mirrors(target, actual):
    hi, lo = status_of(point(target), actual), status_of(point(target, "lower"), actual)
    mirror = {"exceeded": "not_met", "not_met": "exceeded", "met": "met"}
    assert lo == mirror[hi]


@given(rate, rate, rate)
def test_range_status_and_gap(a, b, actual):
    lo, hi = min(a, b), max(a, b)
    t = rng(lo, hi)
    s, g = status_of(t, actual), gap_of(t, actual)
    if actual < lo - 1e-9:
        assert s == "not_met" and g < 0 and math.isclose(g, actual - lo)
    elif actual > hi + 1e-9:
        assert s == "exceeded" and g > 0 and math.isclose(g, actual - hi)
    else:
        assert s == "met" and g == 0
    assert status_of(rng(lo, hi, "lower"), actual) == {"not_met": "exceeded", "exceeded": "not_met", "met": "met"}[s]


@given(st.floats(min_value=1, max_value=1e6), st.floats(min_value=-0.2, max_value=0.2))
def test_about_meets_within_tolerance(target, rel):
    t = point(target, qualifier="khoang")
    actual = target * (1 + rel)
    s = status_of(t, actual)
    if abs(rel) <= 0.049:
        assert s == "met"
    elif abs(rel) >= 0.051:
        assert s == ("exceeded" if rel > 0 else "not_met")


def test_about_tolerance_can_be_set():
    assert status_of(point(100, qualifier="khoang", tolerance=1), 98) == "not_met"
    assert status_of(point(100, qualifier="khoang", tolerance=3), 98) == "met"


def test_strict_above_and_below():
    assert status_of(point(30, qualifier="tren", unit="%"), 30) == "not_met"
    assert status_of(point(30, qualifier="tren", unit="%"), 30.5) == "exceeded"
    assert status_of(point(5, "lower", qualifier="duoi"), 5) == "not_met"
    assert status_of(point(30, qualifier="it_nhat", unit="%"), 30) == "met"


@given(finite.filter(lambda v: v > 1e-6), finite)
def test_achievement_is_actual_over_target(target, actual):
    assert math.isclose(achievement_of(point(target), actual), actual / target * 100, rel_tol=1e-9)


@given(rate.filter(lambda v: v > 1e-6), rate, rate)
def test_range_achievement_against_minimum(lo, extra, actual):
    t = rng(lo, min(100, lo + extra))
    assert math.isclose(achievement_of(t, actual), actual / lo * 100, rel_tol=1e-9)


def test_no_figure_is_no_data_and_no_gap():
    assert status_of(point(10), None) == "no_data" and gap_of(point(10), None) is None


@given(st.lists(st.tuples(st.integers(1, 10_000), st.integers(1, 10_000)), min_size=2, max_size=20))
def test_rates_reaggregate_from_numerator_and_denominator(pairs):
    pairs = [(min(n, d), max(n, d)) for n, d in pairs]
    figs = [Actual(n / d * 100, numerator=n, denominator=d) for n, d in pairs]
    combined = combine(figs, rate=True)
    num, den = sum(n for n, _ in pairs), sum(d for _, d in pairs)
    assert math.isclose(combined.value, num / den * 100, rel_tol=1e-9)
    assume(len({round(f.value, 6) for f in figs}) > 1)
    assert min(f.value for f in figs) - 1e-9 <= combined.value <= max(f.value for f in figs) + 1e-9


@given(st.lists(finite, min_size=1, max_size=10))
def test_counts_of_several_records_add_up(values):
    combined = combine([Actual(v) for v in values], rate=False)
    assert math.isclose(combined.value, sum(values), rel_tol=1e-9, abs_tol=1e-6)


def _plan(targets, start=2021, end=2030):
    return Plan.model_validate({
        "id": "p", "issuer": "x", "place": "X", "date": 2021, "title": "t", "period": {"start": start, "end": end},
        "sections": [], "targets": targets, "signature": {"title": "T", "name": "N"},
    })


def test_hang_nam_in_every_year_milestone_only_in_its_year():
    plan = _plan([
        {"id": "yearly", "name": "y", "unit": "người", "value": 10, "year": "hang-nam"},
        {"id": "m2025", "name": "m", "unit": "người", "value": 10, "year": 2025},
    ])
    yearly, m2025 = plan.targets
    assert all(in_force(yearly, plan, y) for y in range(2021, 2031))
    assert not in_force(yearly, plan, 2031)
    assert [y for y in range(2021, 2031) if in_force(m2025, plan, y)] == [2025]


def test_breakdown_rows_under_total_and_derived_total():
    plan = _plan([{"id": "tot", "name": "Tổng", "unit": "người", "value": 100, "year": 2025, "parts": [
        {"id": "a", "name": "A", "unit": "người", "value": 40, "year": 2025},
        {"id": "b", "name": "B", "unit": "người", "value": 60, "year": 2025}]}])
    rows = rows_for_plan(plan, 2025, {("p", "a", 2025): Actual(50), ("p", "b", 2025): Actual(40)})
    assert [(r.target, r.level, r.status) for r in rows] == [("tot", 0, "not_met"), ("a", 1, "exceeded"),
                                                             ("b", 1, "not_met")]
    assert rows[0].actual == 90 and rows[0].gap == -10


def test_milestone_ahead_judged_against_the_path_from_the_baseline():
    plan = _plan([{"id": "r", "name": "R", "unit": "%", "measure": "rate", "value": 50, "year": 2030}])
    # 20 → 44 in four years: 6 points a year against 30/9 = 3,33 needed
    on = rows_for_plan(plan, 2025, {("p", "r", y): Actual(20 + 6 * (y - 2021)) for y in range(2021, 2026)})
    assert on[0].trend == "on_track" and on[0].year == 2030 and math.isclose(on[0].shortfall, 50 - 44)
    # 1 point a year against 3,33: ratio 0,3, progress but too slow
    slow = rows_for_plan(plan, 2025, {("p", "r", y): Actual(20 + 1 * (y - 2021)) for y in range(2021, 2026)})
    assert slow[0].trend == "behind" and math.isclose(slow[0].shortfall, 50 - 24, abs_tol=1e-6)
    flat = rows_for_plan(plan, 2025, {("p", "r", y): Actual(20) for y in (2021, 2025)})
    assert flat[0].trend == "at_risk"


def test_one_figure_is_too_few_to_judge():
    plan = _plan([{"id": "r", "name": "R", "unit": "%", "measure": "rate", "value": 50, "year": 2030}])
    (row,) = rows_for_plan(plan, 2025, {("p", "r", 2025): Actual(31.5)})
    assert row.trend == "too_few" and row.actual == 31.5


def test_baseline_of_the_target_counts_from_the_year_before_the_period():
    plan = _plan([{"id": "r", "name": "R", "unit": "%", "measure": "rate", "value": 50, "year": 2030, "baseline": 30}])
    (row,) = rows_for_plan(plan, 2025, {("p", "r", 2025): Actual(40)})
    # 10 points in 5 years (2020 → 2025) against 20 in 10: exactly on the path
    assert row.trend == "on_track" and row.ahead.base_year == 2020


def test_cumulative_target_adds_years():
    plan = _plan([{"id": "c", "name": "C", "unit": "trường", "value": 10, "year": 2025, "cumulative": True}])
    rows = rows_for_plan(plan, 2025, {("p", "c", y): Actual(3) for y in (2021, 2022, 2023)})
    assert rows[0].actual == 9 and rows[0].status == "not_met"


def test_cumulative_milestone_ahead_uses_running_total_from_zero():
    plan = _plan([{"id": "c", "name": "C", "unit": "trường", "value": 5, "year": 2030, "cumulative": True}])
    (row,) = rows_for_plan(plan, 2025, {("p", "c", 2023): Actual(1), ("p", "c", 2025): Actual(1)})
    assert row.actual == 2  # 1 + 1 so far, not a sum of running totals
    # 2 schools in 5 years (0,4 a year) against 5 in 10 (0,5 a year): ratio 0,8
    assert row.trend == "behind" and math.isclose(row.ahead.assessment.ratio, 0.8)


@given(rate, rate)
def test_one_sided_range_acts_as_its_bound(bound, actual):
    at_least = Target(id="a", name="a", unit="%", measure="rate", min=bound, year=2025)
    assert math.isclose(gap_of(at_least, actual), actual - bound, abs_tol=1e-9)
    assert status_of(at_least, actual) == status_of(point(bound, unit="%"), actual)


# --------------------------------------------------------------------------- issue 15: averages, baselines, budgets

years7 = st.lists(st.floats(min_value=0, max_value=1e5, allow_nan=False), min_size=7, max_size=7)


@given(years7, st.floats(min_value=1, max_value=1e5))
def test_average_over_the_period_judges_the_mean_not_each_year(values, target):
    """'bình quân hàng năm': at the end of the period the mean decides, whatever a single year did."""
    plan = _plan([{"id": "bq", "name": "B", "unit": "người", "value": target, "year": 2030, "average": True}],
                 start=2024)
    actuals = {("p", "bq", 2024 + i): Actual(v) for i, v in enumerate(values)}
    (row,) = rows_for_plan(plan, 2030, actuals)
    mean = sum(values) / 7
    assert math.isclose(row.actual, mean, rel_tol=1e-9, abs_tol=1e-9)
    assert row.status == status_of(point(target), mean)
    assert math.isclose(row.gap, mean - target, rel_tol=1e-9, abs_tol=1e-6)


@given(st.integers(2024, 2029), years7, st.floats(min_value=1, max_value=1e5))
def test_average_mid_period_is_the_mean_of_the_years_so_far(year, values, target):
    plan = _plan([{"id": "bq", "name": "B", "unit": "người", "value": target, "year": 2030, "average": True}],
                 start=2024)
    actuals = {("p", "bq", 2024 + i): Actual(v) for i, v in enumerate(values)}
    (row,) = rows_for_plan(plan, year, actuals)
    so_far = values[: year - 2024 + 1]
    mean = sum(so_far) / len(so_far)
    assert math.isclose(row.actual, mean, rel_tol=1e-9, abs_tol=1e-9)
    assert row.trend == ("on_track" if mean >= target - 1e-9 else "behind") == row.status
    assert row.year == 2030 and str(len(so_far)) in row.note


@given(st.integers(2024, 2029), st.lists(st.one_of(st.none(), st.floats(min_value=0, max_value=1e5)),
                                         min_size=6, max_size=6))
def test_average_ahead_says_which_years_its_mean_covers(year, values):
    """The report and the workbook print the mean's years and count from ``ahead``: never None for an average."""
    plan = _plan([{"id": "bq", "name": "B", "unit": "người", "value": 28000, "year": 2030, "average": True}],
                 start=2024)
    actuals = {("p", "bq", 2024 + i): Actual(v) for i, v in enumerate(values) if v is not None}
    reported = [2024 + i for i, v in enumerate(values[: year - 2024 + 1]) if v is not None]
    (row,) = rows_for_plan(plan, year, actuals)
    if not reported:
        assert row.ahead is None and row.status == "no_data"
        return
    assert row.ahead is not None and row.mean == MeanSoFar(2024, year, len(reported))
    assert row.ahead.as_of_year == max(reported) and row.ahead.baseline is None
    assert row.ahead.assessment.status == row.status and row.ahead.assessment.remaining == row.shortfall


def test_average_passes_while_one_year_falls_short():
    plan = _plan([{"id": "bq", "name": "B", "unit": "người", "value": 28000, "year": 2030, "average": True}],
                 start=2024)
    yearly_actuals = (28500, 27500, 28900, 28000, 28100, 28200, 28900)
    actuals = {("p", "bq", y): Actual(v) for y, v in zip(range(2024, 2031), yearly_actuals, strict=True)}
    (row,) = rows_for_plan(plan, 2030, actuals)
    assert row.status == "exceeded" and row.actual == pytest.approx(28300)
    yearly = _plan([{"id": "bq", "name": "B", "unit": "người", "value": 28000, "year": "hang-nam"}], start=2024)
    assert rows_for_plan(yearly, 2025, actuals)[0].status == "not_met"  # judged each year, 2025 fails


def test_average_and_cumulative_exclude_each_other():
    with pytest.raises(ValueError, match="average"):
        Target(id="x", name="x", unit="người", value=1, year=2030, average=True, cumulative=True)


def test_baseline_year_and_pre_period_results_set_the_starting_point():
    """68 (2023) → 71 (2026) is 1 point a year, as 75 by 2030 needs: on track. Judged from the first
    figure of the period instead (69,5 in 2024) the same 71 is behind; from 68 in 2021, behind too."""
    spec = {"id": "q", "name": "Q", "unit": "%", "measure": "rate", "value": 75, "year": 2030}
    actuals = {("p", "q", 2024): Actual(69.5), ("p", "q", 2025): Actual(70.5), ("p", "q", 2026): Actual(71)}
    with_base = _plan([{**spec, "baseline": 68, "baseline_year": 2023}], start=2024)
    (row,) = rows_for_plan(with_base, 2026, actuals)
    assert row.status == "on_track" and row.ahead.base_year == 2023 and row.projected == pytest.approx(75)
    assert rows_for_plan(_plan([spec], start=2024), 2026, actuals)[0].status == "behind"
    earlier = _plan([{**spec, "baseline": 68, "baseline_year": 2021}], start=2024)
    (row,) = rows_for_plan(earlier, 2026, actuals)
    assert row.status == "behind" and row.ahead.base_year == 2021
    # no baseline figure in the plan, but its year, and a result for 2023: that is where the plan starts
    from_results = _plan([{**spec, "baseline_year": 2023}], start=2024)
    (row,) = rows_for_plan(from_results, 2026, {**actuals, ("p", "q", 2023): Actual(68)})
    assert row.status == "on_track" and (row.ahead.base_year, row.ahead.baseline) == (2023, 68)
    # a pre-period result the target does not name as its starting point changes nothing
    (unnamed,) = rows_for_plan(_plan([spec], start=2024), 2026, {**actuals, ("p", "q", 2023): Actual(68)})
    assert unnamed.status == "behind"


def test_budget_is_a_total_over_the_period():
    plan = Plan.model_validate({
        "id": "p", "issuer": "x", "place": "X", "date": 2024, "title": "t", "period": {"start": 2024, "end": 2030},
        "sections": [], "signature": {"title": "T", "name": "N"},
        "budget": {"sentence": "Kinh phí dự kiến vào {amount}.", "amount": 565, "unit": "tỷ đồng",
                   "qualifier": "khoang"},
    })
    actuals = {("p", "kinh-phi", y): Actual(90) for y in range(2024, 2031)}
    (row,) = rows_for_plan(plan, 2030, actuals)
    assert (row.target, row.unit, row.actual, row.status) == ("kinh-phi", "tỷ đồng", 630, "exceeded")
    (row,) = rows_for_plan(plan, 2026, actuals)
    assert row.actual == 270 and row.trend == "on_track"  # 90 a year reaches 630 by 2030


def test_milestone_ahead_without_data_is_shown_with_its_shares():
    plan = _plan([{"id": "m", "name": "M", "unit": "trường", "value": 5, "year": 2030, "parts": [
        {"id": "m-a", "name": "A", "unit": "trường", "value": 5, "year": 2030}], "shares": [
        {"id": "m-s", "name": "S", "unit": "trường", "value": 2, "year": 2030}]}])
    rows = rows_for_plan(plan, 2025, {})
    assert [(r.target, r.year, r.status, r.level, r.kind, r.parent) for r in rows] == [
        ("m", 2030, "no_data", 0, "total", None), ("m-a", 2030, "no_data", 1, "part", "m"),
        ("m-s", 2030, "no_data", 1, "share", "m")]
    assert rows[0].note == "mốc 2030, nhìn từ năm 2025"


def test_share_of_a_milestone_ahead_is_projected_when_it_has_data():
    plan = _plan([{"id": "m", "name": "M", "unit": "trường", "value": 5, "year": 2030, "shares": [
        {"id": "m-s", "name": "S", "unit": "trường", "value": 2, "year": 2030}]}])
    rows = rows_for_plan(plan, 2025, {("p", "m-s", 2025): Actual(3)})
    assert [(r.target, r.status, r.level, r.kind) for r in rows] == [
        ("m", "no_data", 0, "total"), ("m-s", "achieved", 1, "share")]  # 3 schools against 2: reached


def test_every_target_of_the_bundled_strategy_is_shown():
    from gdnn_cli.core.dataset import load
    from gdnn_cli.tracking.status import gap_rows
    from tests.conftest import REPO

    ds = load(REPO / "data")
    rows = gap_rows(ds, 2025, "hp-2021-2030-chien-luoc")
    plan = ds.plans["hp-2021-2030-chien-luoc"]
    assert sorted(r.target for r in rows) == sorted(t.id for t in plan.all_targets())


# --------------------------------------------------------------------------- boundaries (mutation testing)


def test_about_tolerance_is_five_percent_of_the_value_or_the_bound():
    from gdnn_cli.tracking.gaps import about_tolerance

    assert about_tolerance(point(200, qualifier="khoang")) == 10
    assert about_tolerance(point(200, qualifier="khoang", tolerance=3)) == 3
    assert about_tolerance(point(200, qualifier="khoang", tolerance=0)) == 0
    assert about_tolerance(rng(40, 50)) == 2
    at_most = Target(id="m", name="m", unit="%", measure="rate", max=50, qualifier="khoang", year=2025)
    assert about_tolerance(at_most) == 2.5
    assert status_of(at_most, 52.5) == "met" and status_of(at_most, 52.6) == "exceeded"
    assert status_of(point(100, qualifier="khoang"), 95) == "met"
    assert status_of(point(100, qualifier="khoang"), 105) == "met"
    assert status_of(point(100, qualifier="khoang"), 94.9) == "not_met"
    assert status_of(point(100, qualifier="khoang"), 105.1) == "exceeded"
    assert status_of(point(100), 100) == "met" and status_of(point(100), 100.01) == "exceeded"


def test_strict_qualifiers_only_at_equality():
    assert status_of(point(30, qualifier="tren", unit="%"), 30.01) == "exceeded"
    assert status_of(point(5, "lower", qualifier="duoi"), 4.99) == "exceeded"
    assert status_of(point(5, "lower", qualifier="duoi"), 5.01) == "not_met"
    assert status_of(point(30, qualifier="toi_da", unit="%"), 30) == "met"


def test_one_sided_bounds_in_both_directions():
    at_most = Target(id="m", name="m", unit="%", measure="rate", max=5, direction="lower", year=2025)
    assert (status_of(at_most, 5), status_of(at_most, 4), status_of(at_most, 6)) == ("met", "exceeded", "not_met")
    assert (gap_of(at_most, 4), gap_of(at_most, 6)) == (-1, 1)
    assert achievement_of(at_most, 4) == 80
    at_least = Target(id="n", name="n", unit="%", measure="rate", min=72.2, year=2025)
    assert (status_of(at_least, 72.2), status_of(at_least, 72.1)) == ("met", "not_met")


def test_range_edges_are_inside():
    t = rng(40, 45)
    assert [status_of(t, v) for v in (40, 45, 39.99, 45.01)] == ["met", "met", "not_met", "exceeded"]
    assert [gap_of(t, v) for v in (40, 42, 45)] == [0, 0, 0]
    assert math.isclose(gap_of(t, 39), -1) and math.isclose(gap_of(t, 46), 1)
    low = rng(40, 45, "lower")
    assert [status_of(low, v) for v in (39, 46, 42)] == ["exceeded", "not_met", "met"]


def test_achievement_without_a_base():
    assert achievement_of(point(0), 5) is None and achievement_of(point(10), None) is None
    assert achievement_of(point(10), 5) == 50


def test_reference_value_follows_direction():
    from gdnn_cli.tracking.gaps import reference_value

    assert reference_value(point(7)) == 7
    assert reference_value(rng(40, 45)) == 40 and reference_value(rng(40, 45, "lower")) == 45
    only_max = Target(id="m", name="m", unit="%", measure="rate", max=5, year=2025)
    only_min = Target(id="n", name="n", unit="%", measure="rate", min=5, direction="lower", year=2025)
    assert reference_value(only_max) == 5 and reference_value(only_min) == 5


def test_combined_figures_keep_the_weakest_provenance():
    official, provisional = Actual(10, "A", "official"), Actual(5, "B", "provisional")
    illustrative = Actual(1, None, "illustrative")
    both = combine([official, illustrative], rate=False)
    assert (both.value, both.status, both.source) == (11, "illustrative", "A")
    assert combine([official, provisional], rate=False).status == "provisional"
    assert combine([official, Actual(2, "A", "official")], rate=False).source == "A"
    assert combine([provisional, official], rate=False).source == "A; B"
    assert combine([Actual(1, None, "derived"), official], rate=False).status == "derived"
    assert combine([], rate=False) is None and combine([official], rate=True) is official


def test_rates_without_numerators_take_the_best_sourced_record():
    best = combine([Actual(70, "B", "provisional"), Actual(72, "A", "official")], rate=True)
    assert (best.value, best.status) == (72, "official")
    mixed = combine([Actual(40, "A", "official", 40, 100), Actual(50, "B", "illustrative", 50, 100)], rate=True)
    assert (mixed.value, mixed.status, mixed.numerator, mixed.denominator, mixed.source) == (
        45, "illustrative", 90, 200, "A; B")
    half = combine([Actual(40, "A", "provisional", 40, 100), Actual(50, "B", "official")], rate=True)
    assert half.value == 50


def test_in_force_and_ahead_edges():
    from gdnn_cli.tracking.gaps import ahead

    plan = _plan([{"id": "m", "name": "m", "unit": "người", "value": 1, "year": 2030}], start=2021, end=2030)
    (m,) = plan.targets
    assert in_force(m, plan, 2030) and not in_force(m, plan, 2029) and not in_force(m, plan, 2031)
    assert ahead(m, plan, 2025) and ahead(m, plan, 2021) and not ahead(m, plan, 2030) and not ahead(m, plan, 2020)


def test_cumulative_sum_starts_with_the_period():
    from gdnn_cli.tracking.gaps import actual_for

    plan = _plan([{"id": "c", "name": "C", "unit": "trường", "value": 10, "year": 2025, "cumulative": True}])
    (c,) = plan.targets
    idx = {("p", "c", 2020): Actual(100), ("p", "c", 2021): Actual(2), ("p", "c", 2025): Actual(3),
           ("p", "c", 2026): Actual(50)}
    assert actual_for(plan, c, 2025, idx).value == 5
    assert actual_for(plan, c, 2021, idx).value == 2 and actual_for(plan, c, 2021, {}) is None


def test_derived_total_only_from_every_part_and_labelled():
    plan = _plan([{"id": "tot", "name": "Tổng", "unit": "người", "value": 100, "year": 2025, "parts": [
        {"id": "a", "name": "A", "unit": "người", "value": 40, "year": 2025},
        {"id": "b", "name": "B", "unit": "người", "value": 60, "year": 2025}]}])
    rows = rows_for_plan(plan, 2025, {("p", "a", 2025): Actual(50),
                                      ("p", "b", 2025): Actual(40, status="illustrative")})
    assert (rows[0].actual_status, rows[0].illustrative, rows[0].source) == (
        "illustrative", True, "tổng các thành phần")
    rows = rows_for_plan(plan, 2025, {("p", "a", 2025): Actual(50), ("p", "b", 2025): Actual(40)})
    assert (rows[0].actual_status, rows[0].illustrative) == ("derived", False)
    assert rows_for_plan(plan, 2025, {("p", "a", 2025): Actual(50)})[0].status == "no_data"
    assert rows_for_plan(plan, 2025, {("p", "tot", 2025): Actual(99)})[0].actual == 99


def test_row_carries_range_bounds_only_for_ranges():
    plan = _plan([{"id": "r", "name": "R", "unit": "%", "measure": "rate", "min": 40, "max": 45, "year": 2025},
                  {"id": "v", "name": "V", "unit": "%", "measure": "rate", "value": 70, "year": 2025,
                   "qualifier": "phan_dau", "direction": "lower"}])
    r, v = rows_for_plan(plan, 2025, {("p", "r", 2025): Actual(41, "S", "provisional")})
    assert (r.target_value, r.target_min, r.target_max, r.actual, r.source, r.actual_status) == (
        None, 40, 45, 41, "S", "provisional")
    assert (v.target_value, v.target_min, v.target_max, v.qualifier, v.direction, v.kind, v.level) == (
        70, None, None, "phan_dau", "lower", "total", 0)
    assert (r.plan, r.name, r.unit, r.year, r.parent) == ("p", "R", "%", 2025, None)


def test_share_of_a_milestone_ahead_stated_every_year_shows_at_the_milestone():
    plan = _plan([{"id": "m", "name": "M", "unit": "trường", "value": 5, "year": 2030, "shares": [
        {"id": "m-s", "name": "S", "unit": "trường", "value": 2, "year": "hang-nam"}]}])
    rows = rows_for_plan(plan, 2025, {("p", "m-s", 2025): Actual(1)})
    assert [(r.target, r.year, r.status, r.level, r.kind, r.parent) for r in rows] == [
        ("m", 2030, "no_data", 0, "total", None), ("m-s", 2030, "no_data", 1, "share", "m")]


def test_projection_reads_only_the_period_up_to_the_year():
    plan = _plan([{"id": "r", "name": "R", "unit": "%", "measure": "rate", "value": 50, "year": 2030}])
    base = {("p", "r", 2024): Actual(40), ("p", "r", 2025): Actual(45)}
    (row,) = rows_for_plan(plan, 2025, base)
    assert row.projected == 70 and row.actual == 45 and row.illustrative is False and row.status == "on_track"
    noisy = {**base, ("p", "r", 2019): Actual(0), ("p", "r", 2020): Actual(0), ("p", "r", 2026): Actual(0)}
    (same,) = rows_for_plan(plan, 2025, noisy)
    assert same.projected == 70 and same.actual == 45


def test_projection_is_illustrative_when_any_figure_is():
    plan = _plan([{"id": "r", "name": "R", "unit": "%", "measure": "rate", "value": 50, "year": 2030}])
    mixed = {("p", "r", 2024): Actual(40, status="illustrative"), ("p", "r", 2025): Actual(45)}
    (row,) = rows_for_plan(plan, 2025, mixed)
    assert row.illustrative is True
    last = {("p", "r", 2024): Actual(40), ("p", "r", 2025): Actual(45, status="illustrative")}
    assert rows_for_plan(plan, 2025, last)[0].illustrative is True



EPS = 1e-9  # gaps.EPS: the rounding allowance at every boundary


def test_boundaries_sit_exactly_at_the_rounding_allowance():
    t = rng(40, 45)
    assert status_of(t, 40 - EPS) == "met" and status_of(t, 45 + EPS) == "met"
    assert gap_of(t, 40 - EPS) == 0 and gap_of(t, 45 + EPS) == 0
    assert status_of(point(0), EPS) == "met" and status_of(point(0, qualifier="tren"), EPS) == "not_met"
    assert achievement_of(point(EPS), EPS) == 100


def test_tree_rows_name_their_parent_kind_and_level():
    plan = _plan([{"id": "tot", "name": "Tổng", "unit": "người", "value": 100, "year": 2025, "parts": [
        {"id": "a", "name": "A", "unit": "người", "value": 100, "year": 2025, "shares": [
            {"id": "a-s", "name": "AS", "unit": "người", "value": 10, "year": 2025}]}], "shares": [
        {"id": "s", "name": "S", "unit": "người", "value": 20, "year": 2025}]}])
    rows = rows_for_plan(plan, 2025, {("p", "a", 2025): Actual(50)})
    assert [(r.target, r.level, r.kind, r.parent) for r in rows] == [
        ("tot", 0, "total", None), ("a", 1, "part", "tot"), ("a-s", 2, "share", "a"), ("s", 1, "share", "tot")]
    assert rows[1].achievement == 50 and rows[0].achievement == 50


def test_cumulative_milestone_is_judged_from_zero_before_the_period():
    plan = _plan([{"id": "c", "name": "C", "unit": "trường", "value": 20, "year": 2025, "cumulative": True}])
    (row,) = rows_for_plan(plan, 2022, {("p", "c", 2021): Actual(4), ("p", "c", 2022): Actual(2)})
    # 6 schools in two years (3 a year, from zero in 2020) against 20 in five (4 a year): ratio 0,75
    assert row.actual == 6 and row.projected == 6 + 3 * 3
    assert row.status == "behind" and row.shortfall == 14


def test_rates_with_a_missing_denominator_take_the_best_record():
    best = combine([Actual(40, "A", "official", 40, None), Actual(50, "B", "provisional", 50, 100)], rate=True)
    assert best.value == 40 and best.status == "official"


def test_milestone_ahead_reached_exactly_and_in_both_directions():
    up = _plan([{"id": "r", "name": "R", "unit": "%", "measure": "rate", "value": 70, "year": 2030}])
    line = {("p", "r", 2024): Actual(40), ("p", "r", 2025): Actual(45)}  # reaches 70 in 2030, exactly
    (row,) = rows_for_plan(up, 2025, line)
    assert (row.projected, row.status, row.year) == (70, "on_track", 2030)
    # statuses in the other direction follow the progress method (tests/test_progress.py)


def test_projected_share_names_its_parent():
    plan = _plan([{"id": "m", "name": "M", "unit": "trường", "value": 5, "year": 2030, "shares": [
        {"id": "m-s", "name": "S", "unit": "trường", "value": 2, "year": 2030}]}])
    rows = rows_for_plan(plan, 2025, {("p", "m-s", 2025): Actual(3)})
    assert [(r.target, r.parent, r.level, r.kind) for r in rows] == [("m", None, 0, "total"), ("m-s", "m", 1, "share")]
