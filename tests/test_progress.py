"""Progress to a milestone ahead (UN SDG / ESCAP method): the arithmetic and its thresholds."""

from __future__ import annotations

import math

from hypothesis import assume, given
from hypothesis import strategies as st

from gdnn_cli.tracking.progress import ON_TRACK, STAGNANT, STATUSES, assess

value = st.floats(0, 1000, allow_nan=False)
RANK = {"achieved": 0, "on_track": 1, "behind": 2, "at_risk": 3}


def test_thresholds_of_the_un_progress_chart():
    # baseline 20 in 2020, target 40 in 2030: 2 points a year are required
    def status(current_2025):
        return assess(2020, 20, 2025, current_2025, 2030, 40).status

    assert status(30) == "on_track"  # 2 a year: ratio 1
    assert status(20 + 5 * 2 * ON_TRACK) == "on_track"
    assert status(20 + 5 * 2 * 0.94) == "behind"
    assert status(20 + 5 * 2 * STAGNANT) == "behind"
    assert status(20 + 5 * 2 * 0.09) == "at_risk"
    assert status(18) == "at_risk"  # going backwards
    assert status(40) == "achieved" and status(41) == "achieved"


def test_figures_printed_beside_the_verdict():
    a = assess(2021, 36, 2025, 39.6, 2030, 45)
    assert math.isclose(a.actual_rate, 0.9) and math.isclose(a.required_rate, 1.0)
    assert math.isclose(a.ratio, 0.9) and a.status == "behind"
    assert math.isclose(a.expected_now, 40) and math.isclose(a.remaining, 5.4)
    assert math.isclose(a.projected, 39.6 + 0.9 * 5)


def test_one_figure_or_none_is_too_few():
    assert assess(2025, 31.5, 2025, 31.5, 2030, 40).status == "too_few"
    assert assess(None, None, 2025, 31.5, 2030, 40).status == "too_few"
    assert assess(2021, 10, 2025, None, 2030, 40).status == "too_few"


@given(value, value, value, st.integers(2015, 2024), st.integers(1, 10), st.integers(1, 10))
def test_ratio_is_actual_over_required_rate(base, current, target, base_year, elapsed, ahead):
    year, target_year = base_year + elapsed, base_year + elapsed + ahead
    a = assess(base_year, base, year, current, target_year, target)
    assert a.status in STATUSES
    if current >= target - 1e-9:
        assert a.status == "achieved" and a.remaining == 0
        return
    assert math.isclose(a.remaining, target - current)
    if target - base > 1e-6:
        expected = ((current - base) / elapsed) / ((target - base) / (target_year - base_year))
        assert math.isclose(a.ratio, expected, rel_tol=1e-9, abs_tol=1e-9)
        assert a.status == ("on_track" if a.ratio >= ON_TRACK - 1e-9 else "behind" if a.ratio >= STAGNANT - 1e-9
                            else "at_risk")


@given(value, value, value, value)
def test_more_progress_never_worsens_the_verdict(base, lower, higher, target):
    assume(lower <= higher)
    worse = assess(2021, base, 2025, lower, 2030, target).status
    better = assess(2021, base, 2025, higher, 2030, target).status
    assert RANK[better] <= RANK[worse]


@given(value, value, value)
def test_lower_is_better_mirrors(base, current, target):
    up = assess(2021, base, 2025, current, 2030, target)
    down = assess(2021, -base, 2025, -current, 2030, -target, lower=True)
    assert up.status == down.status
    assert (up.ratio is None) == (down.ratio is None)
    if up.ratio is not None:
        assert math.isclose(up.ratio, down.ratio, rel_tol=1e-9, abs_tol=1e-9)
