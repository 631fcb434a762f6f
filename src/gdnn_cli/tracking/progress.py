"""Progress towards a milestone that lies ahead, judged as the UN's SDG progress assessment does.

A 2030 target seen in 2025 cannot be "met" or "not met" yet; what a report can say is whether the
city is moving fast enough. The UN Statistics Division's SDG Progress Chart (technical note 2023)
and ESCAP's Asia-Pacific SDG Progress Report compare the *actual* rate of change since the
baseline with the rate *required* to go from the baseline to the target by the target year:

    ratio = actual rate ÷ required rate
          = (current − baseline) / (now − base year)  ÷  (target − baseline) / (target year − base year)

≥ 0.95: on track ("đúng tiến độ"); 0.10 to 0.95: progress, but acceleration needed ("chậm tiến
độ"); below 0.10, stagnation or regression ("có nguy cơ không đạt"). A value already at or past the
target counts as achieved. With no baseline before the current figure (one figure only), the UN
says "insufficient data"; so does this module (``too_few``), instead of extrapolating one point.

The rate here is the absolute yearly change (points per year for a rate, units per year for a
count), not the compound growth rate the UN chart uses: the targets of a GDNN plan are shares and
counts that often start from zero, where compound growth is undefined; over a few years both give
the same verdict to first order. Pure arithmetic, no I/O: tested with hypothesis.
"""

from __future__ import annotations

from dataclasses import dataclass

ON_TRACK = 0.95  # UN SDG Progress Chart: "on track or target met" from here
STAGNANT = 0.10  # below: "stagnation or regression"
EPS = 1e-9

STATUSES = ("achieved", "on_track", "behind", "at_risk", "too_few")


@dataclass(frozen=True)
class Assessment:
    """The verdict on one milestone, with the figures a report prints beside it."""

    status: str  # achieved | on_track | behind | at_risk | too_few
    ratio: float | None = None  # actual rate ÷ required rate
    actual_rate: float | None = None  # change per year since the baseline
    required_rate: float | None = None  # change per year needed from the baseline to the target
    expected_now: float | None = None  # where the straight path from baseline to target stands now
    remaining: float | None = None  # still to go to the target, in its unit (0 when achieved)
    projected: float | None = None  # the target year's value if the actual rate goes on


def assess(base_year: int | None, baseline: float | None, year: int, current: float | None,
           target_year: int, target: float | None, lower: bool = False) -> Assessment:
    """Judge ``current`` (in ``year``) against the path from ``baseline`` to ``target``.

    ``lower`` is for lower-is-better targets: everything is mirrored, so that the verdict of
    (baseline, current, target) with ``lower`` equals the verdict of their negatives without it.
    """
    if current is None or target is None:
        return Assessment("too_few")
    sign = -1.0 if lower else 1.0
    remaining = max(0.0, sign * (target - current))
    if remaining <= EPS:
        return Assessment("achieved", remaining=0.0)
    if baseline is None or base_year is None or year <= base_year or target_year <= base_year:
        return Assessment("too_few", remaining=remaining)
    actual_rate = (current - baseline) / (year - base_year)
    required_rate = (target - baseline) / (target_year - base_year)
    expected_now = baseline + required_rate * (year - base_year)
    projected = current + actual_rate * (target_year - year)
    common = dict(actual_rate=actual_rate, required_rate=required_rate, expected_now=expected_now,
                  remaining=remaining, projected=projected)
    if sign * required_rate <= EPS:
        # the baseline already met the target and the value has since slipped below it
        return Assessment("at_risk", **common)
    ratio = actual_rate / required_rate
    status = "on_track" if ratio >= ON_TRACK - EPS else "behind" if ratio >= STAGNANT - EPS else "at_risk"
    return Assessment(status, ratio=ratio, **common)
