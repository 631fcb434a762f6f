"""Gap rows as text for people: a rich table, CSV for spreadsheets, Markdown for merge requests.

The cell functions are shared by every tabular output of `gdnn gaps` (and the report's label of a
target), so that one row reads the same in the terminal, a spreadsheet and a merge request.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from gdnn_cli.common.i18n import N_, gettext_in
from gdnn_cli.common.numbers import fmt_figure, fmt_number, fmt_percent, fmt_range, fmt_signed
from gdnn_cli.common.vocab import VERDICTS, label
from gdnn_cli.tracking.gaps import SUM_OF_PARTS, GapRow

if TYPE_CHECKING:
    from rich.table import Table

# Column headers are message ids, and the status words come from common/vocab.py: the terminal shows
# them in the user's language, the documents (site, workbook) in Vietnamese — both from the catalog.
STATUS_STYLE = {"exceeded": "bold green", "met": "green", "not_met": "bold red", "no_data": "dim",
                "achieved": "green", "on_track": "cyan", "behind": "yellow", "at_risk": "bold red", "too_few": "dim"}
ILLUSTRATIVE_LINE = N_("* Illustrative figures, not official statistics.")
COLUMNS = [N_("Plan"), N_("Target"), N_("Year"), N_("Unit"), N_("Planned"), N_("Actual"), N_("Gap"),
           N_("Share of plan"), N_("Assessment"), N_("Source")]
NUMERIC = {4, 5, 6, 7}  # columns aligned right
WIDE = {1, 9}  # columns folded at 40 characters


def word(msgid: str, lang: str | None = None) -> str:
    """A word of these tables in ``lang`` (default: the user's language; documents pass "vi")."""
    return gettext_in(msgid, lang)


def target_text(r: GapRow) -> str:
    """The target as the plan's sentences print it ('72,25%', '40 - 45%'), never rounded further."""
    rate = r.unit.strip() == "%"
    if r.target_value is not None:
        return fmt_figure(r.target_value, rate)
    if r.target_min is not None and r.target_max is not None:
        return fmt_range(fmt_figure(r.target_min, False), fmt_figure(r.target_max, rate))
    bound = r.target_min if r.target_min is not None else r.target_max
    return "" if bound is None else fmt_figure(bound, rate)


def actual_text(r: GapRow) -> str:
    """The actual with two decimals, starred when illustrative; '—' without one."""
    if r.actual is None:
        return "—"
    text = fmt_percent(r.actual, 2) if r.unit.strip() == "%" else fmt_number(r.actual, 2)
    return text + ("*" if r.illustrative else "")


def gap_text(r: GapRow, lang: str | None = None) -> str:
    """The gap with its sign ('+3.300', '−0,8 điểm %' in Vietnamese); '—' without a figure."""
    if r.gap is None:
        return "—"
    gap = fmt_signed(r.gap, 2)
    return word(N_("{gap} pp"), lang).format(gap=gap) if r.unit.strip() == "%" else gap


def achievement_text(r: GapRow) -> str:
    """Actual as a share of the target ('101,4%'); '—' where there is none."""
    return "—" if r.achievement is None else fmt_percent(r.achievement)


def status_text(r: GapRow, lang: str | None = None) -> str:
    """The verdict alone: a milestone ahead says how it progresses, never a one-point 'forecast'."""
    return label(VERDICTS, r.status, lang)


def name_text(r: GapRow, lang: str | None = None) -> str:
    """The name indented under its total, parts with '- ' and shares with 'Trong đó: ' as plans print them."""
    indent = "  " * r.level
    prefix = word(N_("Of which: "), lang) if r.kind == "share" else "- " if r.kind == "part" else ""
    return indent + prefix + r.name


def source_text(r: GapRow, lang: str | None = None) -> str:
    """Where the figure comes from: the data's citation, or "sum of the parts" in ``lang``."""
    if r.source and r.source == word(SUM_OF_PARTS, "vi"):
        return word(SUM_OF_PARTS, lang)
    return r.source or ""


def cells(r: GapRow, lang: str | None = None) -> list[str]:
    """One row as text; ``lang`` None follows the user (terminal), "vi" for documents."""
    return [r.plan, name_text(r, lang), str(r.year), r.unit, target_text(r), actual_text(r), gap_text(r, lang),
            achievement_text(r), status_text(r, lang), source_text(r, lang)]


def any_illustrative(rows: list[GapRow]) -> bool:
    """Whether the output must carry the line saying its figures are illustrative."""
    return any(r.illustrative for r in rows)


def to_csv(rows: list[GapRow]) -> str:
    """Raw values with English headers, for spreadsheets and scripts: numbers unformatted, rounded."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["plan", "target", "name", "year", "unit", "target_value", "target_min", "target_max", "actual",
                "gap", "achievement", "status", "illustrative", "source"])
    for r in rows:
        w.writerow([r.plan, r.target, r.name, r.year, r.unit, r.target_value, r.target_min, r.target_max, r.actual,
                    None if r.gap is None else round(r.gap, 4),
                    None if r.achievement is None else round(r.achievement, 2), r.status, r.illustrative, r.source])
    return buf.getvalue()


def to_markdown(rows: list[GapRow]) -> str:
    """A Markdown table for merge requests and CI summaries, with the illustrative line when needed."""
    def esc(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(word(c) for c in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows:
        lines.append("| " + " | ".join(esc(c) for c in cells(r)) + " |")
    if any_illustrative(rows):
        lines += ["", word(ILLUSTRATIVE_LINE)]
    return "\n".join(lines) + "\n"


def to_rich(rows: list[GapRow], year: int) -> list[Table]:
    """One rich table per plan for the terminal, verdicts coloured (rich is imported only here)."""
    from rich.table import Table

    tables = []
    for plan in dict.fromkeys(r.plan for r in rows):
        table = Table(title=word(N_("{plan} — year {year}")).format(plan=plan, year=year), title_justify="left",
                      show_lines=False)
        for i, col in enumerate(COLUMNS[1:-1], start=1):
            table.add_column(word(col), justify="right" if i in NUMERIC else "left", overflow="fold",
                             max_width=40 if i in WIDE else None)
        for r in rows:
            if r.plan != plan:
                continue
            c = cells(r)[1:-1]
            c[7] = f"[{STATUS_STYLE.get(r.status, '')}]{c[7]}[/]"
            table.add_row(*c)
        tables.append(table)
    return tables
