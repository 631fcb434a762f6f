"""Build the Word templates in templates/ (Jinja tags inside .docx, filled by docxtpl).

The committed .docx files are what clerks edit (letterhead, fonts, wording); this script is how
they were first made, and a test checks that the committed ones still match it. Layout follows
Nghị định 30/2020/NĐ-CP, Phụ lục I.
"""

from __future__ import annotations

import sys
from copy import deepcopy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from gdnn_cli.documents.ooxml import (
    bottom_border,
    cant_split,
    no_table_borders,
    page_field,
    repeat_header,
    set_fonts,
    table_borders,
)
from gdnn_cli.documents.ooxml import fixed_widths as _fixed_widths

BODY_PT = 14
FIXED_DATE = "2025-01-01T00:00:00"


def _styles(doc) -> None:
    styles = doc.styles
    # document defaults: all four font slots, no theme fonts, vi-VN
    rpr_default = doc.styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
    ).find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPrDefault").find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr"
    )
    set_fonts(rpr_default, size_pt=BODY_PT)
    normal = styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), size_pt=BODY_PT)
    normal.font.size = Pt(BODY_PT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15

    def para_style(name, *, bold=False, italic=False, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                   indent=True, after=6, keep=False):
        st = styles.add_style(name, 1)
        st.base_style = normal
        st.font.bold = bold
        st.font.italic = italic
        st.font.size = Pt(size)
        set_fonts(st.element.get_or_add_rPr(), size_pt=size)
        f = st.paragraph_format
        f.alignment = align
        f.first_line_indent = Cm(1.27) if indent else Cm(0)
        f.space_before = Pt(0)
        f.space_after = Pt(after)
        f.line_spacing = 1.15
        f.keep_with_next = keep
        return st

    para_style("GDNN Body")
    para_style("GDNN Body Last", keep=True)  # the last paragraph stays on the page of the signature
    para_style("GDNN Section", bold=True, keep=True)
    para_style("GDNN Clause", bold=True, keep=True)
    para_style("GDNN Point", bold=True, italic=True, keep=True)
    para_style("GDNN Head", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    para_style("GDNN HeadPlain", size=13, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    para_style("GDNN Type", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0, keep=True)
    para_style("GDNN Title", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0, keep=True)
    para_style("GDNN Date", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    para_style("GDNN Number", size=13, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    para_style("GDNN Notice", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para_style("GDNN Recipients Head", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT,
               indent=False, after=0)
    para_style("GDNN Recipient", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0)
    para_style("GDNN Sign", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    para_style("GDNN Table", size=12, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0)
    para_style("GDNN TableHead", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    para_style("GDNN TableNum", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, after=0)
    para_style("GDNN Annex", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0, keep=True)
    para_style("GDNN AnnexNote", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=6)


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    header = section.header
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(p)
    for run in p.runs:
        set_fonts(run._r.get_or_add_rPr(), size_pt=13)


def _p(container, text: str, style: str):
    p = container.add_paragraph(text, style=style)
    return p


def _cell_p(cell, text: str, style: str, first: bool = False):
    if first:
        p = cell.paragraphs[0]
        p.style = style
        if text:
            p.add_run(text)
        return p
    return cell.add_paragraph(text, style=style)


def _short_rule(container, width_cm: float, total_cm: float) -> None:
    """A short solid line under a centred heading: an empty, narrowed paragraph with a bottom border."""
    p = container.add_paragraph(style="GDNN HeadPlain")
    side = max(0.0, (total_cm - width_cm) / 2)
    p.paragraph_format.left_indent = Cm(side)
    p.paragraph_format.right_indent = Cm(side)
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.line_spacing = Pt(2)
    bottom_border(p)


def _header_block(doc, number_label: str) -> None:
    """Row 1: issuer | Quốc hiệu + Tiêu ngữ. Row 2: Số | place and date (Nghị định 30, Phụ lục I)."""
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_table_borders(table)
    _fixed_widths(table, [6.5, 10.0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _cell_p(left, "{%p if letterhead_superior %}", "GDNN HeadPlain", first=True)
    _cell_p(left, "{{ letterhead_superior }}", "GDNN HeadPlain")
    _cell_p(left, "{%p endif %}", "GDNN HeadPlain")
    p = _cell_p(left, "{{ letterhead_issuer }}", "GDNN Head")
    # a one-line issuer (a Sở under "UBND THÀNH PHỐ …") has no second line: no empty paragraph may stand
    # between its name and the rule, which Nghị định 30 puts directly beneath the name
    _cell_p(left, "{%p if letterhead_issuer2 %}", "GDNN Head")
    _cell_p(left, "{{ letterhead_issuer2 }}", "GDNN Head")
    _cell_p(left, "{%p endif %}", "GDNN Head")
    _short_rule(left, 2.0, 6.5)
    _cell_p(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GDNN Head", first=True)
    p = _cell_p(right, "", "GDNN Head")
    run = p.add_run("Độc lập - Tự do - Hạnh phúc")
    run.font.size = Pt(BODY_PT)
    set_fonts(run._r.get_or_add_rPr(), size_pt=BODY_PT)
    run.underline = True
    _cell_p(table.cell(1, 0), number_label, "GDNN Number", first=True)
    _cell_p(table.cell(1, 1), "{{ place_date }}", "GDNN Date", first=True)


BODY_KINDS = [  # paragraph kind → how the template shows it; the last one is the default
    ("section", "{{ para.text }}", "GDNN Section"),
    ("clause", "{{ para.text }}", "GDNN Clause"),
    ("point", "{{ para.text }}", "GDNN Point"),
    ("subdoc", "{{p para.obj }}", "GDNN Body"),
    ("image", "{{ para.obj }}", "GDNN HeadPlain"),
    ("caption", "{{ para.text }}", "GDNN AnnexNote"),
    ("last", "{{ para.text }}", "GDNN Body Last"),
    (None, "{{ para.text }}", "GDNN Body"),
]


def _body_loop(doc) -> None:
    """One loop over the body's paragraphs; each kind keeps its own paragraph style, editable in Word."""
    _p(doc, "{%p for para in body %}", "GDNN Body")
    for n, (kind, text, style) in enumerate(BODY_KINDS):
        test = "{%p else %}" if kind is None else ("{%p if" if n == 0 else "{%p elif") + f" para.kind == '{kind}' %}}"
        _p(doc, test, "GDNN Body")
        p = _p(doc, text, style)
        if kind == "image":
            p.paragraph_format.space_after = Pt(6)
    _p(doc, "{%p endif %}", "GDNN Body")
    _p(doc, "{%p endfor %}", "GDNN Body")


def _closing_block(doc) -> None:
    """Nơi nhận (left, 12 bold italic; list in 11) | signature block (right, bold, centred)."""
    table = doc.add_table(rows=1, cols=2)
    no_table_borders(table)
    _fixed_widths(table, [8.0, 8.5])
    cant_split(table.rows[0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _cell_p(left, "Nơi nhận:", "GDNN Recipients Head", first=True)
    _cell_p(left, "{%p for r in recipients %}", "GDNN Recipient")
    _cell_p(left, "{{ r }}", "GDNN Recipient")
    _cell_p(left, "{%p endfor %}", "GDNN Recipient")
    _cell_p(right, "{%p for line in sign_lines %}", "GDNN Sign", first=True)
    _cell_p(right, "{{ line }}", "GDNN Sign")
    _cell_p(right, "{%p endfor %}", "GDNN Sign")
    for _ in range(4):
        _cell_p(right, "", "GDNN Sign")
    _cell_p(right, "{{ signer }}", "GDNN Sign")


def _numbered_from_one(sect_pr) -> None:
    """Page numbers of this section start at 1 (Nghị định 30: an annex is numbered on its own)."""
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:start"), "1")
    # schema order: pgNumType comes after pgMar/paperSrc/pgBorders/lnNumType, before cols
    cols = sect_pr.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(num)
    else:
        sect_pr.append(num)


def _section_break(doc) -> None:
    """An empty, one-point paragraph that ends the section before it: the annex that follows opens a
    section of its own, on a new page, with its own page numbers."""
    p = _p(doc, "", "GDNN Body")
    f = p.paragraph_format
    f.space_before = f.space_after = Pt(0)
    f.line_spacing = Pt(1)
    body_sect = doc.element.body.find(qn("w:sectPr"))
    _numbered_from_one(body_sect)
    p._p.get_or_add_pPr().append(deepcopy(body_sect))


def _annex(doc, flag: str, title_var: str, columns: list[tuple[str, str, float, str]], rows_var: str) -> None:
    _p(doc, "{%p if " + flag + " %}", "GDNN Body")
    _section_break(doc)
    p = _p(doc, "", "GDNN Annex")
    p.add_run("{{ " + title_var + ".label }}")
    _p(doc, "{{ " + title_var + ".title }}", "GDNN Annex")
    _p(doc, "{{ " + title_var + ".note }}", "GDNN AnnexNote")
    table = doc.add_table(rows=4, cols=len(columns))
    table_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head, for_row, data_row, end_row = table.rows
    repeat_header(head)
    cant_split(head)
    cant_split(data_row)  # a row never breaks across pages
    _fixed_widths(table, [c[2] for c in columns])
    for j, (label, key, _width, style) in enumerate(columns):
        _cell_p(head.cells[j], label, "GDNN TableHead", first=True)
        _cell_p(data_row.cells[j], "{{ row." + key + " }}", style, first=True)
    _cell_p(for_row.cells[0], "{%tr for row in " + rows_var + " %}", "GDNN Table", first=True)
    _cell_p(end_row.cells[0], "{%tr endfor %}", "GDNN Table", first=True)
    _p(doc, "{%p endif %}", "GDNN Body")


def _core(doc, title: str) -> None:
    import datetime as dt

    cp = doc.core_properties
    cp.title = title
    cp.author = "gdnn"
    cp.last_modified_by = "gdnn"
    cp.revision = 1
    stamp = dt.datetime.fromisoformat(FIXED_DATE)
    cp.created = stamp
    cp.modified = stamp
    cp.language = "vi-VN"


PLAN_ANNEX_TARGETS = [
    ("TT", "no", 1.0, "GDNN Table"),
    ("Chỉ tiêu", "name", 6.5, "GDNN Table"),
    ("Đơn vị\ntính", "unit", 2.3, "GDNN Table"),
    ("Năm", "year", 1.7, "GDNN Table"),
    ("Kế hoạch", "value", 4.0, "GDNN TableNum"),
]
PLAN_ANNEX_TASKS = [  # 16 cm; the last column holds "Trước 20/11/2025" with the date on one line
    ("TT", "no", 1.0, "GDNN Table"),
    ("Nhiệm vụ trọng tâm", "text", 6.0, "GDNN Table"),
    ("Cơ quan\nchủ trì", "lead", 2.9, "GDNN Table"),
    ("Cơ quan\nphối hợp", "partners", 3.3, "GDNN Table"),
    ("Thời gian\nhoàn thành", "timing", 2.8, "GDNN Table"),
]


def _front(after_title: list[tuple[str, str]]):
    """Page, letterhead, document type and title, the illustrative notice: what every document opens with."""
    doc = Document()
    _styles(doc)
    _page(doc.sections[0])
    _header_block(doc, "{{ number_line }}")
    _p(doc, "", "GDNN Body")
    _p(doc, "{{ doc_type }}", "GDNN Type")
    _p(doc, "{{ title }}", "GDNN Title")
    _short_rule(doc, 4.0, 16.5)
    for text, style in [("", "GDNN Body")] + [("{%p if illustrative_notice %}", "GDNN Body"),
                                                ("{{ illustrative_notice }}", "GDNN Notice"),
                                                ("{%p endif %}", "GDNN Body")] + after_title:
        _p(doc, text, style)
    return doc


def build_plan_template(path: Path) -> None:
    """Kế hoạch: letterhead, type and title, the body loop, signature, and its two annexes (targets, tasks)."""
    doc = _front([])
    _body_loop(doc)
    _closing_block(doc)
    _annex(doc, "annex_targets", "annex_targets", PLAN_ANNEX_TARGETS, "annex_targets.rows")
    _annex(doc, "annex_tasks", "annex_tasks", PLAN_ANNEX_TASKS, "annex_tasks.rows")
    _core(doc, "Kế hoạch")
    doc.save(path)


def build_report_template(path: Path) -> None:
    """Báo cáo: same letterhead; 'Kính gửi'; body with tables (subdocs) and charts; appendix by agency."""
    doc = _front([("{{ addressee }}", "GDNN HeadPlain"), ("", "GDNN Body")])
    _body_loop(doc)
    _closing_block(doc)
    _annex(doc, "annex_agencies", "annex_agencies", REPORT_ANNEX_AGENCIES, "annex_agencies.rows")
    _core(doc, "Báo cáo")
    doc.save(path)


def build_letter_template(path: Path) -> None:
    """Công văn: the same letterhead; the subject (V/v …) under the number, no document type or title;
    'Kính gửi'; body; Nơi nhận and signature; a list of addressees as an annex when they are many."""
    doc = Document()
    _styles(doc)
    _page(doc.sections[0])
    _header_block(doc, "{{ number_line }}")
    _cell_p(doc.tables[-1].cell(1, 0), "{{ subject }}", "GDNN Number")
    _p(doc, "", "GDNN Body")
    for text, style in [("{%p if illustrative_notice %}", "GDNN Body"), ("{{ illustrative_notice }}", "GDNN Notice"),
                        ("{%p endif %}", "GDNN Body"), ("{%p for line in addressees %}", "GDNN HeadPlain"),
                        ("{{ line }}", "GDNN HeadPlain"), ("{%p endfor %}", "GDNN HeadPlain"), ("", "GDNN Body")]:
        _p(doc, text, style)
    _body_loop(doc)
    _closing_block(doc)
    _annex(doc, "annex_bodies", "annex_bodies", LETTER_ANNEX_BODIES, "annex_bodies.rows")
    _core(doc, "Công văn")
    doc.save(str(path))


LETTER_ANNEX_BODIES = [  # 16 cm; one row per body, since one form carries all its plans; TT holds "126"
    ("TT", "no", 1.2, "GDNN Table"),
    ("Cơ quan, đơn vị", "agency", 5.6, "GDNN Table"),
    ("Hạn gửi", "due", 2.5, "GDNN Table"),
    ("Biểu mẫu (tệp Excel)", "form", 6.7, "GDNN Table"),
]


REPORT_ANNEX_AGENCIES = [  # 16,5 cm; "TT" and "Nhiệm vụ" fit their columns at 12 pt without breaking
    ("TT", "no", 1.1, "GDNN Table"),
    ("Cơ quan, đơn vị", "agency", 3.6, "GDNN Table"),
    ("Kế hoạch", "plan", 3.2, "GDNN Table"),
    ("Hạn báo cáo", "due", 2.4, "GDNN Table"),
    ("Ngày gửi", "reported", 2.4, "GDNN Table"),
    ("Tình trạng", "state", 2.0, "GDNN Table"),
    ("Nhiệm vụ đã báo cáo", "tasks", 1.8, "GDNN TableNum"),
]


def main(argv: list[str] | None = None) -> int:
    """Write the three templates into the folder given (default templates/), as templates/build.py does."""
    out = Path((argv or sys.argv[1:] or ["templates"])[0])
    out.mkdir(parents=True, exist_ok=True)
    build_plan_template(out / "ke-hoach.docx")
    build_report_template(out / "bao-cao.docx")
    build_letter_template(out / "cong-van.docx")
    print(f"wrote {out / 'ke-hoach.docx'}, {out / 'bao-cao.docx'} and {out / 'cong-van.docx'}")
    return 0
