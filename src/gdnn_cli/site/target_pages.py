"""What a target's page shows: its gap, how it is judged, every figure reported with its source, and
its trajectory (the chart, and the same numbers as a table)."""

from __future__ import annotations

from collections.abc import Iterator

from gdnn_cli.common.vocab import PROVENANCE, QUALIFIERS, spoken, vi
from gdnn_cli.core.models import Plan, Target
from gdnn_cli.review.textconv import amount, year_label
from gdnn_cli.site.charts import Trajectory, fmt_value
from gdnn_cli.site.pages import SiteData, agency_link, gap_cells, plan_label, target_href
from gdnn_cli.tracking import view as gaps_view
from gdnn_cli.tracking.gaps import ActualsIndex, GapRow, actual_for, key_of, reference_value
from gdnn_cli.tracking.status import source_text


def trajectory(sd: SiteData, plan: Plan, t: Target, idx: ActualsIndex, row: GapRow | None) -> Trajectory:
    """A target's figures year by year, and the straight path from its start to its milestone.

    The path starts at the baseline (the year before the period) when the plan gives one, at zero
    for a cumulative target, else at the first figure; it ends at the value the target must reach.
    An average ("bình quân hàng năm") shows each year's own figure against the value every year's
    mean must keep, and as forecast the mean so far (gaps.py judges it so), not a path from its first year.
    """
    milestone = t.year if isinstance(t.year, int) else min(plan.period.end, max(sd.year, plan.period.start))
    first = plan.period.start - 1 if (t.baseline is not None or t.cumulative) else plan.period.start
    last = max(milestone, min(sd.year, plan.period.end))
    tr = Trajectory(list(range(first, last + 1)), percent=t.unit.strip() == "%")
    for y in range(plan.period.start, min(sd.year, last) + 1):
        a = idx.get((plan.id, key_of(t), y)) if t.average else actual_for(plan, t, y, idx)
        if a is not None:
            tr.actual[y] = a.value
            if a.illustrative:
                tr.illustrative.add(y)
    ref = reference_value(t)
    if ref is None:
        return tr
    if t.year == "hang-nam":
        tr.path = {y: ref for y in range(plan.period.start, last + 1)}
        return tr
    tr.target = (milestone, ref)
    if t.average:
        tr.path = {y: ref for y in range(plan.period.start, milestone + 1)}
        if row is not None and row.projected is not None:
            tr.forecast = (milestone, row.projected)
        return tr
    start = ((first, t.baseline) if t.baseline is not None else (first, 0.0) if t.cumulative
             else next(iter(sorted(tr.actual.items())), None))
    if start and start[0] < milestone:
        (y0, v0), n = start, milestone - start[0]
        tr.path = {y: v0 + (ref - v0) * (y - y0) / n for y in range(y0, milestone + 1)}
    if row is not None and row.trend and row.projected is not None:
        tr.forecast = (milestone, row.projected)
    if tr.years[0] > min(tr.actual, default=tr.years[0]):
        tr.years = list(range(min(tr.actual), last + 1))
    return tr


def trajectory_rows(tr: Trajectory) -> list[dict]:
    """The chart's data as table rows, formatted as the gaps table formats numbers."""
    def cell(year: int, point: tuple[int, float] | None) -> str:
        return fmt_value(point[1], tr.percent) if point and point[0] == year else ""

    out = []
    for y in tr.years:
        a, p = tr.actual.get(y), tr.path.get(y)
        if a is None and p is None and not (tr.target and tr.target[0] == y):
            continue
        actual = fmt_value(a, tr.percent) + ("*" if y in tr.illustrative else "") if a is not None else "—"
        out.append({"year": y, "actual": actual, "path": fmt_value(p, tr.percent) if p is not None else "—",
                    "target": cell(y, tr.target), "forecast": cell(y, tr.forecast)})
    return out


def target_page(sd: SiteData, plan: Plan, t: Target, parent: Target | None) -> dict:
    """A target's page: its row of `gdnn gaps`, the rules that judge it, its figures, its chart; the
    targets above and below it linked."""
    row = next((r for r in sd.rows_of(plan.id) if r.target == t.id), None)
    tr = trajectory(sd, plan, t, sd.actuals, row)
    figures = figure_rows(sd, plan, t)
    return {"plan": plan, "label": plan_label(plan), "t": t, "amount": amount(t), "when": year_label(t.year),
            "parent": {"name": parent.name, "href": target_href(plan.id, parent.id)} if parent else None,
            "children": [{"name": c.name, "href": target_href(plan.id, c.id), "kind": "phần" if c in t.parts
                          else "trong đó"} for c in (*t.parts, *t.shares)],
            "row": gap_cells(row) if row else None, "rules": rule_text(t, plan), "figures": figures,
            "derived": bool(row and row.actual is not None and not figures and t.parts),
            "chart": None if tr.empty else {"tr": tr, "rows": trajectory_rows(tr)},
            "illustrative": bool(row and row.illustrative) or any(f["code"] == "illustrative" for f in figures)}


def rule_text(t: Target, plan: Plan) -> list[str]:
    """How the target is judged, in the words of the gap rules (README, gaps.py)."""
    out = []
    lower = t.direction == "lower"
    out.append("Chỉ tiêu càng thấp càng tốt: thực hiện thấp hơn kế hoạch là vượt." if lower
               else "Chỉ tiêu càng cao càng tốt: thực hiện cao hơn kế hoạch là vượt.")
    if t.value is None and t.min is not None and t.max is not None:
        out.append("Chỉ tiêu là một khoảng: trong khoảng là đạt; chênh lệch tính đến cận gần nhất.")
    elif t.value is None:
        out.append("Chỉ tiêu một phía: giá trị cận được dùng làm chỉ tiêu.")
    if t.qualifier == "khoang":
        tol = f"± {amount(t.model_copy(update={'value': t.tolerance, 'qualifier': None}))}" if t.tolerance is not None \
            else "± 5% giá trị chỉ tiêu"
        out.append(f"“Khoảng”: đạt khi chênh lệch trong phạm vi {tol}.")
    elif t.qualifier in ("tren", "duoi"):
        word = spoken(QUALIFIERS, t.qualifier).capitalize()
        out.append(f"“{word}”: phải {'cao' if t.qualifier == 'tren' else 'thấp'} hơn hẳn "
                   "giá trị chỉ tiêu; bằng đúng chỉ tiêu là chưa đạt.")
    if t.cumulative:
        out.append("Chỉ tiêu lũy kế: cộng số liệu các năm từ đầu giai đoạn.")
    if t.measure == "rate":
        out.append("Tỷ lệ: chênh lệch tính bằng điểm phần trăm; gộp số liệu nhiều nguồn từ tử số và mẫu số.")
    if t.average:
        out.append(f"Chỉ tiêu bình quân hằng năm: đánh giá theo số bình quân của các năm đã có số liệu từ năm "
                   f"{plan.period.start}, không theo từng năm.")
    if isinstance(t.year, int) and t.year > plan.period.start:
        out.append(f"Trước năm {t.year}, số bình quân từ mức kế hoạch trở lên là đúng tiến độ, thấp hơn là chậm "
                   "tiến độ." if t.average else
                   f"Trước năm {t.year}, chỉ tiêu được đánh giá theo tiến độ (phương pháp của ESCAP): so sánh mức "
                   "thay đổi bình quân hằng năm từ năm gốc đến nay với mức cần thiết để đạt mốc.")
    return out


def figure_rows(sd: SiteData, plan: Plan, t: Target) -> list[dict]:
    """Every reported figure of the target (or its indicator) over the years, each with its source."""
    keys = {x.id: key_of(x) for x in plan.all_targets()}
    want = key_of(t)
    out = []
    for year, fig in sd.figures_of(plan.id):
        if keys.get(fig.target, fig.target) == want:
            s = fig.source
            out.append({"year": year, "value": gaps_view.actual_text(_as_row(fig.value, t, fig.status)),
                        "status": vi(PROVENANCE, fig.status, lower=True), "code": fig.status,
                        "source": source_text(fig), "url": s.url if s else None, "quote": s.quote if s else None,
                        "agency": agency_link(sd, fig.agency) if fig.agency else None, "note": fig.note})
    return sorted(out, key=lambda f: f["year"])


def _as_row(value: float, t: Target, status: str) -> GapRow:
    """A one-figure row, so that a raw figure is printed exactly as the gaps table prints actuals."""
    return GapRow("", t.id, t.name, 0, t.unit, t.value, t.min, t.max, value, None, None, "", None,
                  illustrative=status == "illustrative")


def targets_with_chain(plan: Plan) -> Iterator[tuple[Target, tuple[Target, ...]]]:
    """Every target with the chain of targets above it (itself last), in the plan's order."""
    def walk(t: Target, chain: tuple[Target, ...]) -> Iterator[tuple[Target, tuple[Target, ...]]]:
        yield t, chain + (t,)
        for c in (*t.parts, *t.shares):
            yield from walk(c, chain + (t,))

    for t in plan.targets:
        yield from walk(t, ())


def targets_with_parents(plan: Plan) -> Iterator[tuple[Target, Target | None]]:
    """Every target with the one directly above it (None at the top): one page each, linked upwards."""
    for t, chain in targets_with_chain(plan):
        yield t, chain[-2] if len(chain) > 1 else None
