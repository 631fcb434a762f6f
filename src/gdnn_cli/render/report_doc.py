"""Render a ReportData to a Báo cáo .docx (docxtpl) with its tables, charts and appendix."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from .. import gaps_view
from ..numbers import fmt_long_date, fmt_short_date
from ..report import (STATE_VI, PROGRESS_VI, ReportData, group_of, limitation_sentences, plan_label, plan_reference,
                      reporter_listing,
                      summary_sentence, target_sentence, task_title)
from .outline import roman
from .plan_doc import letterhead, number_line, recipients_lines

TABLE_COLUMNS = [("Chỉ tiêu", 6.2), ("Kế hoạch", 2.6), ("Thực hiện", 2.6), ("Tỷ lệ so với KH", 2.3),
                 ("Đánh giá", 2.8)]
ILLUSTRATIVE_REPORT = ("LƯU Ý: Báo cáo này có sử dụng số liệu minh họa (đánh dấu *), không phải số liệu "
                       "chính thức; không dùng để báo cáo cấp trên.")


def _para(kind: str, text: str = "", obj=None) -> dict:
    return {"kind": kind, "text": text, "obj": obj}


def _gap_table(tpl, rows):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from .ooxml import fixed_widths, repeat_header, table_borders

    sd = tpl.new_subdoc()
    table = sd.add_table(rows=1, cols=len(TABLE_COLUMNS))
    table_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    repeat_header(head)
    for cell, (label, width) in zip(head.cells, TABLE_COLUMNS):
        cell.paragraphs[0].style = "GDNN TableHead"
        cell.paragraphs[0].add_run(label)
    for r in rows:
        cells = table.add_row().cells
        values = [gaps_view.name_text(r).strip(), gaps_view.target_text(r), gaps_view.actual_text(r),
                  gaps_view.achievement_text(r), gaps_view.status_text(r)]
        for j, (cell, value) in enumerate(zip(cells, values)):
            p = cell.paragraphs[0]
            p.style = "GDNN TableNum" if j in (1, 2, 3) else "GDNN Table"
            run = p.add_run(value)
            if r.level == 0 and j == 0:
                run.bold = True
    fixed_widths(table, [w for _, w in TABLE_COLUMNS])
    return sd


def _chart(rows, title: str, folder: Path, n: int) -> Path | None:
    """Achievement against plan (plan = 100%) for each target with data; illustrative bars hatched."""
    shown = [r for r in rows if r.achievement is not None]
    if not shown:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = _serif()
    height = 0.5 + 0.45 * len(shown)
    fig, ax = plt.subplots(figsize=(7.0, max(2.2, height)), dpi=150)
    labels = [("   " * r.level) + (r.name if len(r.name) <= 45 else r.name[:42] + "…") for r in shown]
    values = [r.achievement for r in shown]
    colors = ["#2e7d32" if r.status in ("met", "exceeded", "on_track") else "#c62828" for r in shown]
    ys = list(range(len(shown)))[::-1]
    bars = ax.barh(ys, values, color=colors, height=0.6)
    for bar, r in zip(bars, shown):
        if r.illustrative:
            bar.set_hatch("///")
            bar.set_edgecolor("white")
    ax.axvline(100, color="black", linewidth=1, linestyle="--")
    ax.set_yticks(ys, labels, fontsize=8)
    ax.set_xlabel("Thực hiện so với kế hoạch (%) — đường đứt nét: kế hoạch = 100%", fontsize=8)
    ax.set_xlim(0, max(110, max(values) * 1.1))
    for y, v in zip(ys, values):
        ax.text(v + 1, y, gaps_view.fmt_percent(v), va="center", fontsize=7)
    ax.set_title(title, fontsize=9)
    if any(r.illustrative for r in shown):
        ax.text(0.99, 0.01, "/// số liệu minh họa", transform=ax.transAxes, ha="right", va="bottom", fontsize=7)
    fig.tight_layout()
    path = folder / f"chart-{n}.png"
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return path


def _serif() -> str:
    """Times New Roman where installed, else its metric twin Liberation Serif, else DejaVu Serif (has Vietnamese)."""
    import logging

    from matplotlib import font_manager

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in ("Times New Roman", "Liberation Serif") if n in names), "DejaVu Serif")


def report_context(data: ReportData, ds, tpl, charts_dir: Path) -> dict:
    reg = ds.registry
    body: list[dict] = []
    reporter = reg.agencies.get(data.reporter)
    refs = "; ".join(plan_reference(p.plan, reg.agency_name(p.plan.issuer)) for p in data.parts)
    body.append(_para("body", f"Thực hiện {refs}; {reg.agency_name(data.reporter)} báo cáo kết quả thực hiện "
                               f"năm {data.year} như sau:"))
    # I. targets
    body.append(_para("section", f"{roman(1)}. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"))
    n_chart = 0
    with_targets = [p for p in data.parts if p.rows]
    for i, part in enumerate(with_targets, 1):
        body.append(_para("clause", f"{i}. {part.plan.type} {part.plan.number or ''} {part.plan.title}".replace("  ", " ")))
        body.append(_para("body", summary_sentence(part.rows)))
        body.extend(_para("body", "- " + target_sentence(r)) for r in part.rows if r.level == 0)
        body.append(_para("caption", f"Bảng {i}. Kết quả thực hiện các chỉ tiêu năm {data.year}"))
        body.append(_para("subdoc", obj=_gap_table(tpl, part.rows)))
        n_chart += 1
        chart = _chart(part.rows, f"{plan_label(part.plan)}: thực hiện so với kế hoạch năm {data.year}",
                       charts_dir, n_chart)
        if chart is not None:
            from docx.shared import Mm
            from docxtpl import InlineImage

            body.append(_para("image", obj=InlineImage(tpl, str(chart), width=Mm(160))))
            body.append(_para("caption", f"Biểu đồ {n_chart}. Thực hiện so với kế hoạch (%)"))
    if not with_targets:
        body.append(_para("body", "Các kế hoạch trong kỳ báo cáo không có chỉ tiêu định lượng."))
    # II. tasks
    body.append(_para("section", f"{roman(2)}. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP"))
    for i, part in enumerate(data.parts, 1):
        body.append(_para("clause", f"{i}. {part.plan.type} {part.plan.number or ''} {part.plan.title}".replace("  ", " ")))
        if not part.tasks:
            body.append(_para("body", "Chưa có cơ quan, đơn vị báo cáo kết quả thực hiện nhiệm vụ."))
            continue
        by_group: dict[str, list] = {}
        for t in part.tasks:
            by_group.setdefault(group_of(part.plan, t.task) or "", []).append(t)
        titles = {g.id: g.title for g in part.plan.all_task_groups()}
        for gid, items in by_group.items():
            body.append(_para("point", titles.get(gid, "Nhiệm vụ khác")))
            for t in items:
                star = " (minh họa)" if t.illustrative else ""
                account = f" {t.account}" if t.account else ""
                body.append(_para("body", f"- {t.name}: “{task_title(part.plan, t.task)}” — "
                                          f"{PROGRESS_VI[t.status]}.{account}{star}"))
        reported = len(part.tasks)
        body.append(_para("body", f"Tổng số báo cáo tiến độ nhiệm vụ nhận được: {reported}."))
    # III. reporting regime
    body.append(_para("section", f"{roman(3)}. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO"))
    for part in data.parts:
        if not part.reporters:
            continue
        for state in ("on_time", "late", "missing", "not_due"):
            names = [r for r in part.reporters if r.state == state]
            if names:
                listing = reporter_listing(names)
                body.append(_para("body", f"- {plan_label(part.plan)} — {STATE_VI[state]}: {listing}."))
    body.append(_para("body", "(Chi tiết theo Phụ lục)"))
    # IV, V
    body.append(_para("section", f"{roman(4)}. TỒN TẠI, HẠN CHẾ"))
    lims = limitation_sentences(data, reg.agency_name)
    body.extend(_para("body", "- " + s) for s in lims) if lims else body.append(
        _para("body", "Không có chỉ tiêu, nhiệm vụ chưa đạt theo số liệu đã nhận."))
    body.append(_para("section", f"{roman(5)}. PHƯƠNG HƯỚNG, KIẾN NGHỊ"))
    directions = list(data.directions) or ["Tiếp tục triển khai các nhiệm vụ, giải pháp của kế hoạch; tập trung "
                                           "các chỉ tiêu chưa đạt nêu tại mục IV."]
    body.extend(_para("body", "- " + s) for s in directions)
    body.append(_para("body", f"Trên đây là báo cáo kết quả thực hiện năm {data.year} của "
                              f"{reg.agency_name(data.reporter)}./."))

    sup, line1, line2 = letterhead(reporter, reg)
    annex_rows = []
    for part in data.parts:
        for r in part.reporters:
            annex_rows.append({"no": str(len(annex_rows) + 1), "agency": r.name + ("*" if r.illustrative else ""),
                               "plan": plan_label(part.plan), "due": fmt_short_date(r.due) if r.due else "—",
                               "reported": fmt_short_date(r.reported) if r.reported else "—",
                               "state": STATE_VI[r.state],
                               "tasks": str(sum(1 for t in part.tasks if t.agency == r.agency))})
    issuer_name = reg.agency_name(data.issuer)
    heading = data.heading
    today = dt.date(data.year, 12, 31)
    return {
        "letterhead_superior": sup, "letterhead_issuer": line1, "letterhead_issuer2": line2,
        "number_line": number_line("Báo cáo", heading.number if heading else None, reporter),
        "place_date": fmt_long_date(data.year, None, None, place=data.parts[0].plan.place if data.parts else ""),
        "doc_type": "BÁO CÁO",
        "title": f"Kết quả thực hiện kế hoạch giáo dục nghề nghiệp năm {data.year}",
        "illustrative_notice": ILLUSTRATIVE_REPORT if data.illustrative else "",
        "addressee": f"Kính gửi: {issuer_name}",
        "body": body,
        "recipients": recipients_lines((heading.recipients if heading and heading.recipients else None)
                                       or [f"{issuer_name} (để báo cáo)", "Lưu: VT"]),
        "sign_lines": _sign_lines(heading.signature if heading else None, reporter),
        "signer": heading.signature.name if heading and heading.signature else "",
        "annex_agencies": {"label": "Phụ lục", "title": "TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ",
                           "note": f"(Kèm theo Báo cáo năm {data.year}, số liệu đến ngày {fmt_short_date(today)})",
                           "rows": annex_rows} if annex_rows else None,
    }


def _sign_lines(signature, reporter) -> list[str]:
    """From the data when given; else the usual block of the reporting body, name left to the signer."""
    if signature is not None:
        return [x for x in (signature.authority, signature.acting, signature.title) if x]
    return ["GIÁM ĐỐC"] if (reporter and reporter.kind == "so") else ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def render_report(data: ReportData, ds, out: Path, templates: Path) -> Path:
    from .docx import render_docx

    with tempfile.TemporaryDirectory() as charts:
        return render_docx(templates / "bao-cao.docx", lambda tpl: report_context(data, ds, tpl, Path(charts)), out)



