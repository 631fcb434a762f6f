"""Bar charts of achievement against plan for the year-end report (matplotlib, imported on use).

Made to be read on paper: drawn at the width they are printed (160 mm), so 9 pt in the figure is
9 pt on the page; labels wrapped, never cut; at most twelve bars a chart (more are split over
several charts); a legend for the colours and for the hatch that marks illustrative figures.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from gdnn_cli.common.numbers import fmt_percent
from gdnn_cli.tracking.gaps import GapRow

MAX_BARS = 12
WIDTH_IN = 160 / 25.4  # printed width
FONT_PT = 9.5
LABEL_CHARS = 42
MET, NOT_MET = "#2e7d32", "#c62828"


def chunks(rows: list[GapRow], size: int = MAX_BARS) -> list[list[GapRow]]:
    """Split into charts of at most ``size`` bars, as evenly as possible (13 → 7 + 6, not 12 + 1)."""
    if not rows:
        return []
    n = -(-len(rows) // size)
    per = -(-len(rows) // n)
    return [rows[i:i + per] for i in range(0, len(rows), per)]


def label(r: GapRow) -> str:
    """A bar's label: the name as the table prints it, wrapped to fit beside the bar, never cut."""
    name = ("Trong đó: " if r.kind == "share" else "") + r.name
    return "\n".join(textwrap.wrap(name, LABEL_CHARS)) or name


def achievement_charts(rows: list[GapRow], folder: Path, stem: str) -> list[Path]:
    """One PNG per chunk of the rows that have an achievement; none when no row has one."""
    shown = [r for r in rows if r.achievement is not None]
    return [_draw(part, folder / f"chart-{stem}-{n}.png") for n, part in enumerate(chunks(shown), 1)]


def _draw(rows: list[GapRow], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    plt.rcParams["font.family"] = serif()
    plt.rcParams["hatch.color"] = "white"
    labels = [label(r) for r in rows]
    lines = sum(max(1, x.count("\n") + 1) for x in labels)
    height = max(1.8, 1.1 + 0.22 * lines + 0.18 * len(rows))
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height), dpi=200)
    values = [r.achievement for r in rows if r.achievement is not None]  # all: achievement_charts keeps those
    colors = [MET if r.status in ("met", "exceeded") else NOT_MET for r in rows]
    ys = list(range(len(rows)))[::-1]
    bars = ax.barh(ys, values, color=colors, height=0.6)
    for bar, r in zip(bars, rows, strict=True):
        if r.illustrative:
            bar.set_hatch("///")
    ax.axvline(100, color="black", linewidth=1, linestyle="--")
    ax.set_yticks(ys, labels, fontsize=FONT_PT)
    ax.tick_params(axis="x", labelsize=FONT_PT)
    ax.set_xlabel("Thực hiện so với kế hoạch (%)", fontsize=FONT_PT)
    ax.set_xlim(0, max(120, max(values) * 1.15))
    for y, v in zip(ys, values, strict=True):
        ax.text(v + 1, y, fmt_percent(v), va="center", fontsize=FONT_PT)
    handles = [Patch(color=MET, label="Đạt, vượt kế hoạch"), Patch(color=NOT_MET, label="Không đạt kế hoạch"),
               plt.Line2D([], [], color="black", linestyle="--", label="Kế hoạch (100%)")]
    if any(r.illustrative for r in rows):
        handles.append(Patch(facecolor="#777777", hatch="///", label="Số liệu minh họa"))
    fig.legend(handles=handles, fontsize=FONT_PT, loc="lower center", ncol=len(handles), frameon=False)
    fig.tight_layout(rect=(0, 0.55 / height, 1, 1))  # room for the legend under the x axis
    ax.spines[["top", "right"]].set_visible(False)
    fig.savefig(path, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    return path


def serif() -> str:
    """Times New Roman where installed, else its metric twin Liberation Serif, else DejaVu Serif (has Vietnamese)."""
    import logging

    from matplotlib import font_manager

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in ("Times New Roman", "Liberation Serif") if n in names), "DejaVu Serif")
