"""Small OOXML helpers that python-docx lacks: all four font slots, borders, fields, header rows."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FONT = "Times New Roman"


def set_fonts(rpr, font: str = FONT, size_pt: float | None = None, lang: str | None = "vi-VN") -> None:
    """Set ascii, hAnsi, eastAsia and cs on w:rFonts and drop theme attributes (python-docx sets two)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), font)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size_pt * 2)))
    if lang:
        el = rpr.find(qn("w:lang"))
        if el is None:
            el = OxmlElement("w:lang")
            rpr.append(el)
        el.set(qn("w:val"), lang)
        el.set(qn("w:eastAsia"), lang)
        el.set(qn("w:bidi"), "ar-SA")


def bottom_border(paragraph, size: int = 6) -> None:
    """A rule under a paragraph (the line under the letterhead's issuer and its motto, Nghị định 30)."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{k}"), v)
    pbdr.append(bottom)
    ppr.append(pbdr)


def no_table_borders(table) -> None:
    """A table used for layout only (letterhead, signature block): no lines printed."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def table_borders(table, size: int = 4) -> None:
    """Single lines on every edge, set on the table itself so that the document needs no table style."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for k, v in (("val", "single"), ("sz", str(size)), ("space", "0"), ("color", "000000")):
            el.set(qn(f"w:{k}"), v)
        borders.append(el)
    tblpr.append(borders)


def fixed_widths(table, widths_cm: list[float]) -> None:
    """Fixed layout with a grid: LibreOffice reads w:tblGrid, Word reads w:tcW; set both."""
    from docx.shared import Cm

    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(w * 567)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)


def repeat_header(row) -> None:
    """Repeat the row at the top of every page the table runs onto (a long Phụ lục stays readable)."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def cant_split(row) -> None:
    """Keep the row on one page: a target's figures never break away from its name."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def page_field(paragraph) -> None:
    """A PAGE field (Word fills in the number)."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = text
            run._r.append(el)
