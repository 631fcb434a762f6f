"""The sentences and cells of the progress table of milestones ahead (a 2030 target seen in 2025): a
trend judged by progress.assess from its baseline, an average on its mean so far (tracking/gaps.py).
Apart from report_text.py, which words the targets of the year, so that each stays a readable size."""

from __future__ import annotations

from gdnn_cli.common.numbers import fmt_number, fmt_percent
from gdnn_cli.common.vocab import VERDICTS, vi
from gdnn_cli.documents.report_data import Milestone, PlanPart
from gdnn_cli.documents.report_text import amount, is_rate, mean_years, target_label
from gdnn_cli.tracking.gaps import EPS, GapRow, MeanSoFar


def per_year(value: float, r: GapRow) -> str:
    """A yearly rate of change in the row's unit: '1,5 điểm phần trăm/năm', '2.000 người/năm'."""
    unit = "điểm phần trăm" if is_rate(r) else r.unit
    return f"{fmt_number(abs(value), 2)} {unit}/năm"


def milestone_sentence(m: Milestone, part: PlanPart) -> str:
    """A milestone ahead in prose: where it stands, the yearly change so far against the change needed,
    and the same verdict as the progress table's Đánh giá."""
    t, r = m.target, m.row
    if r is None:
        return ""
    if r.ahead is not None and r.mean is not None:
        return average_sentence(r, r.mean, part.plan.period.start)
    name, goal = t.name, f"{target_label(r)} vào năm {t.year}"
    a = r.ahead.assessment if r.ahead else None
    now = r.ahead.as_of_year if r.ahead else None
    star = " (số liệu minh họa)" if r.illustrative else ""
    current = amount(r.actual, r) if r.actual is not None else "—"
    so_far = f"lũy kế từ năm {part.plan.period.start} đến năm {now} đạt {current}" if t.cumulative else \
        f"năm {now} đạt {current}"
    if r.ahead is None or a is None or a.status == "too_few":
        return (f"{name}: {so_far}; mới có số liệu một năm nên chưa đủ căn cứ đánh giá tiến độ để đạt "
                f"{goal}{star}.")
    if a.status == "achieved":
        return f"{name}: {so_far}, đã đạt mốc {goal}{star}."
    assert a.actual_rate is not None and a.required_rate is not None  # progress.assess sets both past here
    base = "" if t.cumulative or r.ahead.baseline is None else \
        f" (năm {r.ahead.base_year}: {amount(r.ahead.baseline, r)})"
    move = "tăng" if a.actual_rate >= 0 else "giảm"
    return (f"{name}: {so_far}{base}, bình quân {move} {per_year(a.actual_rate, r)}; để đạt {goal} cần "
            f"bình quân {'tăng' if a.required_rate >= 0 else 'giảm'} {per_year(a.required_rate, r)}; "
            f"{vi(VERDICTS, a.status, lower=True)}{star}.")


def average_sentence(r: GapRow, mean: MeanSoFar, start: int) -> str:
    """An average target whose last year lies ahead ("bình quân hàng năm … đến năm 2030"): the mean of
    the years so far against the yearly value, and the verdict of the progress table (gaps.py: the mean
    reaching the value is on track, below it behind); never a trend from a baseline it does not have."""
    per = "" if is_rate(r) else "/năm"
    so_far = f"bình quân {mean_years(mean)} đạt {amount(r.actual or 0.0, r)}{per}" if mean.years > 1 else \
        f"{mean_years(mean)} đạt {amount(r.actual or 0.0, r)}"
    share = f"bằng {fmt_percent(r.achievement)} " if r.achievement is not None else ""
    goal = f"{share}mức bình quân {target_label(r)}{per} đề ra cho giai đoạn {start} - {r.year}"
    star = " (số liệu minh họa)" if r.illustrative else ""
    return f"{r.name}: {so_far}, {goal}; {vi(VERDICTS, r.status, lower=True)}{star}."


def figure_years(r: GapRow) -> str:
    """The year(s) of the figure a progress table shows for a milestone ahead: '2026' for the latest
    figure, 'bình quân 2024 - 2026' (with '2/3 năm' when a year is missing) for an average's mean."""
    if r.ahead is None:
        return ""
    mean = r.mean
    if mean is None or mean.years == 1:
        return str(r.ahead.as_of_year)
    missing = "" if mean.reported == mean.years else f", {mean.reported}/{mean.years} năm có số liệu"
    return f"bình quân {mean.first} - {mean.last}{missing}"


def remaining_text(m: Milestone) -> str:
    """'Còn phải đạt': what remains to the milestone, '0' once reached, '—' without a figure."""
    r = m.row
    if r is None or r.shortfall is None:
        return "—"
    if r.shortfall <= EPS:
        return "0"
    return fmt_number(r.shortfall, 2) + (" điểm %" if is_rate(r) else "")
