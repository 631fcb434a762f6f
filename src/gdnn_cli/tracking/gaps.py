"""Target versus actual: the arithmetic of gaps and statuses, pure and testable.

Rules (stated once, used by `gdnn gaps`, the report and the spreadsheet alike):
- gap = actual − target, in the target's unit (percentage points for rates); for a range, the
  distance to the nearest bound, 0 inside it; a one-sided range ("đạt từ 72,2%") acts as its bound.
- achievement = actual ÷ target × 100 (for a range, against its minimum).
- status: exceeded / met / not_met / no_data, honouring direction, ranges, and qualifiers:
  'khoảng' (about) meets within a tolerance (the target's own, else 5% of the value);
  'trên' (above) and 'dưới' (below) are strict; 'ít nhất' (at least) and 'tối đa' (at most) are not.
- A milestone that lies ahead (2030 seen in 2025) is judged as the UN's SDG progress assessment
  does (progress.assess): the actual rate of change since the baseline against the rate required
  to reach the target — achieved, on_track, behind, at_risk, or too_few figures to say.
- Cumulative targets add up their yearly figures from the start of the period.
- Average targets ("bình quân hàng năm") are judged on the mean of the yearly figures from the start
  of the period: a year below the value does not fail the target while the mean reaches it. Before
  its last year, the mean so far says on_track (it reaches the value) or behind.
- A milestone's baseline is the target's ``baseline`` of ``baseline_year`` (usually before the
  period), else the result reported for ``baseline_year``, else the first figure of the period;
  totals and averages count from the start of the period only.
- The budget (``budget``) is a total over the period, in its money unit.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from gdnn_cli.common.i18n import N_, _, translations
from gdnn_cli.core.models import Plan, Target
from gdnn_cli.tracking.progress import Assessment, assess

DEFAULT_ABOUT_TOLERANCE = 0.05
# The source of a total computed from its parts: stored in the document's words (the report and the
# workbook print it); the terminal says it in the user's language (tracking/view.py).
SUM_OF_PARTS = N_("sum of the parts")
EPS = 1e-9


@dataclass(frozen=True)
class Actual:
    """One actual value with its provenance, already combined from the records of a year."""

    value: float
    source: str | None = None
    status: str = "official"  # official | provisional | illustrative | derived
    numerator: float | None = None
    denominator: float | None = None

    @property
    def illustrative(self) -> bool:
        """Whether every output showing this figure must mark it as not real (a star, a note)."""
        return self.status == "illustrative"


@dataclass(frozen=True)
class MeanSoFar:
    """The years an average's mean covers and how many have a figure: "bình quân 3 năm 2024 - 2026"."""

    first: int
    last: int
    reported: int

    @property
    def years(self) -> int:
        """How many years the span has, reported or not."""
        return self.last - self.first + 1


@dataclass(frozen=True)
class Ahead:
    """How a milestone ahead was judged, for the sentences and tables that explain the verdict: a trend
    (progress.assess) compares the latest figure with its baseline of ``base_year``; an average compares
    its mean so far (``GapRow.mean``) with the value and has no baseline."""

    assessment: Assessment
    as_of_year: int  # the year of the latest figure
    base_year: int | None = None
    baseline: float | None = None


@dataclass
class GapRow:
    """One target (or part, or share) judged in one year: the row `gdnn gaps` prints and every document
    reads, so that the report, the workbook and the site state the same figures and verdicts."""

    plan: str
    target: str
    name: str
    year: int
    unit: str
    target_value: float | None
    target_min: float | None
    target_max: float | None
    actual: float | None
    gap: float | None
    achievement: float | None
    status: str
    source: str | None
    direction: str = "higher"
    level: int = 0
    parent: str | None = None
    illustrative: bool = False
    actual_status: str | None = None
    trend: str | None = None
    projected: float | None = None
    shortfall: float | None = None
    note: str | None = None
    qualifier: str | None = None
    kind: str = "total"  # total | part | share
    ahead: Ahead | None = field(default=None, repr=False)  # set for a milestone ahead judged on progress
    mean: MeanSoFar | None = field(default=None, repr=False)  # set for an average: the years its actual covers

    def to_json(self) -> dict:
        """The row as `gdnn gaps --format json` prints it: the trend and projection, not how they were found
        (the note says which years an average's mean covers)."""
        d = asdict(self)
        d.pop("ahead")
        d.pop("mean")
        return d


# --------------------------------------------------------------------------- pure arithmetic


def about_tolerance(t: Target) -> float:
    """How far a 'khoảng' (about) figure may miss and still be met: the target's own, else 5% of it."""
    if t.tolerance is not None:
        return t.tolerance
    return abs(_bound(t)) * DEFAULT_ABOUT_TOLERANCE


def _bound(t: Target) -> float:
    """The figure a point or one-sided target names: its value, else its minimum, else its maximum
    (models.Target admits no target without one of them)."""
    bound = t.value if t.value is not None else t.min if t.min is not None else t.max
    assert bound is not None, f"target {t.id} has no value, min or max"
    return bound


def status_of(t: Target, actual: float | None) -> str:
    """The verdict of a year's figure (exceeded, met, not_met, no_data) by the rules of this module's
    docstring; the one function every table, sentence and chart takes its Đánh giá from."""
    if actual is None:
        return "no_data"
    lower = t.direction == "lower"
    if t.value is None and t.min is not None and t.max is not None:
        if actual < t.min - EPS:
            return "exceeded" if lower else "not_met"
        if actual > t.max + EPS:
            return "not_met" if lower else "exceeded"
        return "met"
    v = _bound(t)  # a one-sided range ("đạt từ 72,2%", "tối đa 5%") acts as its bound
    tol = about_tolerance(t) if t.qualifier == "khoang" else 0.0
    diff = v - actual if lower else actual - v
    if abs(diff) <= tol + EPS:
        if t.qualifier in ("tren", "duoi") and abs(actual - v) <= EPS:
            return "not_met"  # strictly above / below is required
        return "met"
    return "exceeded" if diff > 0 else "not_met"


def gap_of(t: Target, actual: float | None) -> float | None:
    """Actual − target in the target's unit (points for a rate); for a range, the distance to the nearest
    bound, 0 inside it. None without a figure, so that no table prints a gap for a missing one."""
    if actual is None:
        return None
    if t.value is not None or t.min is None or t.max is None:  # a point, or one-sided: signed distance to it
        return actual - _bound(t)
    if t.min is not None and actual < t.min - EPS:
        return actual - t.min
    if t.max is not None and actual > t.max + EPS:
        return actual - t.max
    return 0.0


def achievement_of(t: Target, actual: float | None) -> float | None:
    """Actual ÷ target × 100 (a range against its minimum); None where it would divide by zero."""
    base = t.value if t.value is not None else t.min if t.min is not None else t.max
    if actual is None or base is None or abs(base) < EPS:
        return None
    return actual / base * 100


def reference_value(t: Target) -> float | None:
    """The number a trend must reach: the value, or the bound that counts for the direction."""
    if t.value is not None:
        return t.value
    if t.direction == "lower":
        return t.max if t.max is not None else t.min
    return t.min if t.min is not None else t.max


PROVENANCE = ("official", "provisional", "derived", "illustrative")  # best first


def combine(figures: list[Actual], rate: bool) -> Actual | None:
    """Several records for one target and year: counts add up; rates re-aggregate from
    numerator ÷ denominator when every record has them, else the best-sourced record wins.
    A combination is only as good as its weakest record (official + illustrative is illustrative)."""
    if not figures:
        return None
    if len(figures) == 1:
        return figures[0]
    worst = max(figures, key=lambda f: PROVENANCE.index(f.status))
    sources = "; ".join(sorted({f.source for f in figures if f.source}))
    if not rate:
        return Actual(sum(f.value for f in figures), sources or None, worst.status)
    if all(f.numerator is not None and f.denominator for f in figures):
        num = sum(f.numerator or 0.0 for f in figures)  # all present: checked just above
        den = sum(f.denominator or 0.0 for f in figures)
        return Actual(num / den * 100, sources or None, worst.status, num, den)
    return min(figures, key=lambda f: PROVENANCE.index(f.status))


# --------------------------------------------------------------------------- rows for a year


def in_force(t: Target, plan: Plan, year: int) -> bool:
    """Whether ``year`` judges the target as met or not: a yearly target in the period, or its own year."""
    if year not in plan.period.years:
        return False
    return t.year == "hang-nam" or t.year == year


def ahead(t: Target, plan: Plan, year: int) -> bool:
    """Whether the target is a milestone still ahead in ``year`` (2030 seen in 2025): judged on progress."""
    return isinstance(t.year, int) and t.year > year and plan.period.start <= year


ActualsIndex = dict[tuple[str, str, int], Actual]


def key_of(t: Target) -> str:
    """The key results are filed under: the shared indicator when the target names one, else its id."""
    return t.indicator or t.id


def plan_targets(plan: Plan) -> list[Target]:
    """The top-level targets gaps are computed for: the plan's, and its budget as a total."""
    return [*plan.targets, plan.budget_target()] if plan.budget is not None else list(plan.targets)


def average_span(plan: Plan, t: Target, year: int) -> range:
    """The years an average target is averaged over when seen in ``year``."""
    last = year if t.year == "hang-nam" else min(year, int(t.year))
    return range(plan.period.start, last + 1)


def average_of(plan: Plan, t: Target, year: int, actuals: ActualsIndex) -> tuple[Actual | None, int]:
    """The mean of the yearly figures so far (of the years that have one), and how many years it has."""
    k = key_of(t)
    yearly = [actuals[(plan.id, k, y)] for y in average_span(plan, t, year) if (plan.id, k, y) in actuals]
    if not yearly:
        return None, 0
    total = combine(yearly, rate=False)  # provenance: the weakest status of the years
    assert total is not None
    value = sum(a.value for a in yearly) / len(yearly)
    return Actual(value, total.source, total.status), len(yearly)


def actual_for(plan: Plan, t: Target, year: int, actuals: ActualsIndex) -> Actual | None:
    """The figure the target is judged on in ``year``: the year's own, the mean so far for an average, the
    running total for a cumulative target."""
    k = key_of(t)
    if t.average:
        return average_of(plan, t, year, actuals)[0]
    if t.cumulative:
        parts = [actuals[(plan.id, k, y)] for y in range(plan.period.start, year + 1) if (plan.id, k, y) in actuals]
        return combine(parts, rate=False)
    return actuals.get((plan.id, k, year))


def rows_for_plan(plan: Plan, year: int, actuals: ActualsIndex) -> list[GapRow]:
    """Every target of the plan that ``year`` can judge, parts and shares under their total, in plan order."""
    out: list[GapRow] = []
    for t in plan_targets(plan):
        if in_force(t, plan, year):
            out.extend(_tree(plan, t, year, actuals, level=0, parent=None, kind="total"))
            if t.average:
                out[-1 - _descendants(t)].note = _average_note(plan, t, year, actuals)
        elif ahead(t, plan, year):
            out.extend(_ahead_tree(plan, t, year, actuals, int(t.year), 0, None, "total"))
    return out


def _ahead_tree(plan: Plan, t: Target, year: int, actuals: ActualsIndex, milestone: int, level: int,
                parent: str | None, kind: str) -> list[GapRow]:
    """A milestone ahead with its parts and "trong đó" shares: projected where there are actuals,
    ``no_data`` where there are none yet — every target in force is shown, none silently left out."""
    row = None
    if isinstance(t.year, int):
        row = (_average_ahead_row(plan, t, year, actuals, level, parent, kind) if t.average
               else _ahead_row(plan, t, year, actuals, level, parent, kind))
    if row is None:
        row = _row(plan, t, milestone, None, level, parent, kind)
        row.note = f"mốc {milestone}, nhìn từ năm {year}"
    rows = [row]
    for key, child_kind in (("parts", "part"), ("shares", "share")):
        for child in getattr(t, key):
            rows.extend(_ahead_tree(plan, child, year, actuals, milestone, level + 1, t.id, child_kind))
    return rows


def _descendants(t: Target) -> int:
    return sum(1 for _ in t.walk()) - 1


def mean_so_far(plan: Plan, t: Target, year: int, actuals: ActualsIndex) -> MeanSoFar | None:
    """The years an average's mean covers in ``year`` and how many have a figure; None without any."""
    span, n = average_span(plan, t, year), average_of(plan, t, year, actuals)[1]
    return MeanSoFar(span.start, span.stop - 1, n) if n else None


def _average_note(plan: Plan, t: Target, year: int, actuals: ActualsIndex) -> str | None:
    m = mean_so_far(plan, t, year, actuals)
    return None if m is None else _("yearly average {first}–{last} ({n} of {years} years reported)").format(
        first=m.first, last=m.last, n=m.reported, years=m.years)


def _average_ahead_row(plan: Plan, t: Target, year: int, actuals: ActualsIndex, level: int, parent: str | None,
                       kind: str) -> GapRow | None:
    """An average whose last year lies ahead: the mean so far is on track when it already reaches the value."""
    act = average_of(plan, t, year, actuals)[0]
    if act is None:
        return None
    row = _row(plan, t, int(t.year), act, level, parent, kind)
    reaches = row.status in ("met", "exceeded")
    row.trend = row.status = "on_track" if reaches else "behind"
    row.projected = act.value  # the mean, if the years to come keep it
    ref = reference_value(t)
    row.shortfall = 0.0 if reaches or ref is None else abs(ref - act.value)
    row.note = _average_note(plan, t, year, actuals)
    latest = max(y for y in average_span(plan, t, year) if (plan.id, key_of(t), y) in actuals)
    row.ahead = Ahead(Assessment(row.status, remaining=row.shortfall, projected=act.value), latest)
    row.mean = mean_so_far(plan, t, year, actuals)
    return row


def _tree(plan: Plan, t: Target, year: int, actuals: ActualsIndex, level: int, parent: str | None,
          kind: str) -> list[GapRow]:
    act = actual_for(plan, t, year, actuals)
    if act is None and t.parts and t.measure == "count":
        part_acts = [a for p in t.parts if (a := actual_for(plan, p, year, actuals)) is not None]
        if len(part_acts) == len(t.parts):
            statuses = {a.status for a in part_acts}
            # a total of provisional parts is itself provisional, and must say so
            status = next((s for s in ("illustrative", "provisional") if s in statuses), "derived")
            act = Actual(sum(a.value for a in part_acts), translations("vi").gettext(SUM_OF_PARTS), status)
    rows = [_row(plan, t, year, act, level, parent, kind)]
    if t.average:
        rows[0].mean = mean_so_far(plan, t, year, actuals)
    for p in t.parts:
        rows.extend(_tree(plan, p, year, actuals, level + 1, t.id, "part"))
    for s in t.shares:
        rows.extend(_tree(plan, s, year, actuals, level + 1, t.id, "share"))
    return rows


def _row(plan: Plan, t: Target, year: int, act: Actual | None, level: int, parent: str | None, kind: str) -> GapRow:
    value = act.value if act else None
    return GapRow(
        plan=plan.id, target=t.id, name=t.name, year=year, unit=t.unit,
        target_value=t.value, target_min=t.min, target_max=t.max,  # a point has neither (models.Target)
        actual=value, gap=gap_of(t, value), achievement=achievement_of(t, value),
        status=status_of(t, value), source=act.source if act else None, direction=t.direction,
        level=level, parent=parent, illustrative=bool(act and act.illustrative),
        actual_status=act.status if act else None, qualifier=t.qualifier, kind=kind,
    )


def _ahead_row(plan: Plan, t: Target, year: int, actuals: ActualsIndex, level: int, parent: str | None,
               kind: str) -> GapRow | None:
    """A milestone ahead: the latest figure so far, judged against the path from the baseline
    (progress.assess). The baseline is the target's own ``baseline`` (of ``baseline_year``, else the
    year before the period), else the result reported for its ``baseline_year`` (results may report
    years before the period), else its first figure in the period; a cumulative target starts from
    zero the year before. Other figures outside the period up to ``year`` never count."""
    found = {y: a for y in range(plan.period.start, year + 1) if (a := actual_for(plan, t, y, actuals)) is not None}
    if not found:
        return None
    series = {y: a.value for y, a in found.items()}
    milestone = int(t.year)
    if t.cumulative:
        base_year, baseline = plan.period.start - 1, 0.0
    elif t.baseline is not None:
        base_year, baseline = (t.baseline_year or plan.period.start - 1), t.baseline
    elif t.baseline_year is not None and (plan.id, key_of(t), t.baseline_year) in actuals:
        base_year, baseline = t.baseline_year, actuals[(plan.id, key_of(t), t.baseline_year)].value
    else:
        base_year = min(series)
        baseline = series[base_year]
    now = max(series)
    verdict = assess(base_year, baseline, now, series[now], milestone, reference_value(t), t.direction == "lower")
    row = _row(plan, t, milestone, found[now], level, parent, kind)  # cumulative: the running total
    row.illustrative = any(a.illustrative for a in found.values())
    row.trend = row.status = verdict.status
    row.projected = verdict.projected
    row.shortfall = verdict.remaining
    row.note = f"mốc {milestone}, số liệu năm {now}"
    row.ahead = Ahead(verdict, now, base_year, baseline)
    return row
