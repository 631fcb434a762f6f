"""Inline SVG line charts: every year's figure against the path to the milestone.

Hand-written SVG rather than a chart library: a few kilobytes per chart, no JavaScript, readable
with styles off, and text in the page's own font. A chart is never the only way to read its data:
the page prints the same numbers as a table and the SVG points screen readers to it
(``aria-describedby``), as Open SDG does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from gdnn_cli.common.numbers import fmt_number

WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 66, 18, 14, 56
ACTUAL, PATH, FORECAST, TARGET = "#14457a", "#6b4e00", "#5a5a5a", "#8a1538"  # ≥ 7:1 on white


@dataclass
class Trajectory:
    """What a chart of one target shows; the page's table prints the same numbers."""

    years: list[int]
    actual: dict[int, float] = field(default_factory=dict)
    path: dict[int, float] = field(default_factory=dict)  # the straight line to the milestone
    target: tuple[int, float] | None = None  # the milestone and the value to reach
    forecast: tuple[int, float] | None = None  # the projected value at the milestone
    illustrative: set[int] = field(default_factory=set)  # years whose figure is illustrative
    percent: bool = False

    @property
    def empty(self) -> bool:
        """No figure yet: the page shows no chart (a path alone would say nothing about progress)."""
        return not self.actual


def fmt_value(value: float, percent: bool) -> str:
    """A chart's number as its data table prints it: 37,5% or 26.500 (two decimals at most)."""
    return fmt_number(value, 2) + ("%" if percent else "")


def _nice_max(value: float) -> float:
    """A round upper bound for the y axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _divisions(lo: float, hi: float) -> int:
    """How many bands the y axis has, so that every label is a round number (0, 5, 10 … 25, not
    6,25 and 18,75): four for a top of 2 times a power of ten, else five."""
    if lo != 0:
        return 4
    mantissa = hi / 10 ** math.floor(math.log10(hi))
    return 4 if math.isclose(mantissa, 2) else 5


def line_chart(tr: Trajectory, title: str, table_id: str, chart_id: str) -> Markup:
    """The SVG markup, titled and described for screen readers, linked to the table ``table_id``."""
    values = [*tr.actual.values(), *tr.path.values()] + [v for _, v in filter(None, (tr.target, tr.forecast))]
    lo = min(0.0, *values) if values else 0.0
    hi = _nice_max(max(values) if values else 1.0)
    if tr.percent and hi > 100 >= max(values, default=0):
        hi = 100.0
    span = (hi - lo) or 1.0
    years = tr.years
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        if len(years) == 1:
            return LEFT + plot_w / 2
        return LEFT + (year - years[0]) / (years[-1] - years[0]) * plot_w

    def y(value: float) -> float:
        return TOP + plot_h - (value - lo) / span * plot_h

    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="{chart_id}-t" aria-describedby="{table_id}" focusable="false">',
           f'<title id="{chart_id}-t">{escape(title)}</title>']
    bands = _divisions(lo, hi)
    for k in range(bands + 1):  # gridlines and y labels
        v = lo + span * k / bands
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>')
        tick = escape(fmt_value(v, tr.percent))
        out.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{tick}</text>')
    step = max(1, -(-len(years) // 10))
    for yr in years[::step]:
        out.append(f'<text x="{x(yr):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{yr}</text>')
    if len(tr.path) > 1:
        pts = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in sorted(tr.path.items()))
        out.append(f'<polyline points="{pts}" fill="none" stroke="{PATH}" stroke-width="2" stroke-dasharray="7 5"/>')
    if tr.forecast and tr.actual:
        last = max(tr.actual)
        fy, fv = tr.forecast
        out.append(f'<line x1="{x(last):.1f}" y1="{y(tr.actual[last]):.1f}" x2="{x(fy):.1f}" y2="{y(fv):.1f}" '
                   f'stroke="{FORECAST}" stroke-width="2" stroke-dasharray="2 4"/>')
    if len(tr.actual) > 1:
        pts = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in sorted(tr.actual.items()))
        out.append(f'<polyline points="{pts}" fill="none" stroke="{ACTUAL}" stroke-width="3"/>')
    for k, v in sorted(tr.actual.items()):
        hollow = k in tr.illustrative  # an illustrative figure is drawn hollow, as the tables star it
        out.append(f'<circle cx="{x(k):.1f}" cy="{y(v):.1f}" r="5" stroke="{ACTUAL}" stroke-width="2" '
                   f'fill="{"#fff" if hollow else ACTUAL}"/>')
    if tr.target:
        ty, tv = tr.target
        cx, cy = x(ty), y(tv)
        out.append(f'<path d="M{cx:.1f},{cy - 8:.1f} L{cx + 8:.1f},{cy:.1f} L{cx:.1f},{cy + 8:.1f} '
                   f'L{cx - 8:.1f},{cy:.1f} Z" fill="{TARGET}"/>')
    legend = [("Thực hiện", ACTUAL, ""), ("Lộ trình đến mốc", PATH, "7 5")] if len(tr.path) > 1 else [
        ("Thực hiện", ACTUAL, "")]
    if tr.forecast and tr.actual:
        legend.append(("Dự báo", FORECAST, "2 4"))
    lx = 8
    for label, colour, dash in legend:
        out.append(f'<line x1="{lx}" x2="{lx + 24}" y1="{HEIGHT - 12}" y2="{HEIGHT - 12}" stroke="{colour}" '
                   f'stroke-width="3"{" stroke-dasharray=" + chr(34) + dash + chr(34) if dash else ""}/>')
        out.append(f'<text x="{lx + 30}" y="{HEIGHT - 8}">{escape(label)}</text>')
        lx += 40 + 8 * len(label)
    if tr.target:
        out.append(f'<path d="M{lx + 8},{HEIGHT - 20} l8,8 l-8,8 l-8,-8 Z" fill="{TARGET}"/>')
        out.append(f'<text x="{lx + 22}" y="{HEIGHT - 8}">Chỉ tiêu</text>')
    out.append("</svg>")
    return Markup("".join(out))
