"""Rendered plans read back with python-docx: layout (Nghị định 30), content, escaping, appendices.

Mirrors documents/plan_doc.py, with outline.py (section numbers) and the Word template that
tools/template_builder.py builds."""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from gdnn_cli.core.dataset import load
from gdnn_cli.documents.docx import templates_dir
from gdnn_cli.documents.outline import letter, roman
from gdnn_cli.documents.plan_doc import plan_context, render_plan, target_value_text
from tests.conftest import REPO, edit, plan_path
from tools.readback import coverage, docx_text

SEEDS = {
    "hn-2025-gdnn": "000_8cfe8efbbc622903.txt",
    "hn-2022-khac-phuc": "001_9c928d17e2378e2d.txt",
    "hn-2025-ct37": "002_682f6d43783872ec.txt",
    "hp-2021-2030-chien-luoc": "003_6301843bf3136ffc.txt",
    "hn-2025-tuyen-truyen": "004_222c8c2a8ebe87f9.txt",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def bundled():
    ds = load(REPO / "data")
    assert ds.ok, [i.headline() for i in ds.errors[:5]]
    return ds


@pytest.fixture
def rendered_mini(mini, tmp_path) -> Path:
    ds = load(mini)
    return render_plan(ds.plans["tp-2025"], ds.registry, tmp_path / "tp.docx", templates_dir())


@pytest.fixture(scope="module")
def rendered_seeds(bundled, tmp_path_factory) -> dict[str, Path]:
    """The five seed plans rendered once for the module's read-back tests."""
    folder = tmp_path_factory.mktemp("seeds")
    return {pid: render_plan(bundled.plans[pid], bundled.registry, folder / f"{pid}.docx", templates_dir())
            for pid in SEEDS}


def _seed(plan_id: str) -> str:
    return (REPO / "tests" / "seeds" / SEEDS[plan_id]).read_text(encoding="utf-8")


def _flat(text: str) -> str:
    """Whitespace-insensitive form: the seeds are PDF extractions with lines broken anywhere."""
    return re.sub(r"\s+([;:,.])", r"\1", re.sub(r"\s+", " ", text)).strip()


def _body(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


@pytest.mark.parametrize("plan_id", sorted(SEEDS))
def test_seed_words_reproduced(rendered_seeds, plan_id):
    assert coverage(_seed(plan_id), docx_text(rendered_seeds[plan_id])) >= 0.99


@pytest.mark.parametrize("plan_id", sorted(SEEDS))
def test_seed_headings_in_the_documents_own_words(rendered_seeds, plan_id):
    """Every numbered heading the renderer prints is a heading of the seed, colons and names included."""
    seed = _flat(_seed(plan_id)).lower()
    headings = [t for style, t in _body(rendered_seeds[plan_id])
                if style in ("GDNN Section", "GDNN Clause", "GDNN Point")]
    assert headings
    assert [h for h in headings if _flat(h).lower() not in seed] == []


def test_seed_003_dash_lists_and_numbered_funding(rendered_seeds):
    texts = [t for _, t in _body(rendered_seeds["hp-2021-2030-chien-luoc"])]
    for lead in ("Một số chỉ tiêu chủ yếu:", "Một số chỉ tiêu chủ yếu"):
        i = texts.index(lead)
        assert texts[i + 1].startswith("- "), texts[i + 1]  # the dash lists of II.2.a and II.2.b
    assert "- Đào tạo lại, đào tạo thường xuyên cho khoảng 25% lực lượng lao động." in texts
    assert "- Tỷ lệ lao động có các kỹ năng công nghệ thông tin đạt 80%." in texts
    i = texts.index("IV. KINH PHÍ THỰC HIỆN")
    assert texts[i + 1] == "Kinh phí thực hiện Kế hoạch bao gồm:"  # the lead-in stays unnumbered
    assert [t.split(" ", 1)[0] for t in texts[i + 2:i + 7]] == ["1.", "2.", "3.", "4.", "5."]
    assert texts[i + 4] == "3. Nguồn vốn vay ưu đãi nước ngoài, vốn ODA."
    assert texts[i + 7].startswith("V. ")


def test_seed_004_colons_after_sub_headings(rendered_seeds):
    clauses = [t for style, t in _body(rendered_seeds["hn-2025-tuyen-truyen"]) if style == "GDNN Clause"]
    assert "3.1. Giai đoạn 2025 - 2026:" in clauses and "3.2. Giai đoạn 2027 - 2030:" in clauses


def test_seed_000_assignment_heading_as_the_plan_prints_it(rendered_seeds):
    clauses = [t for style, t in _body(rendered_seeds["hn-2025-gdnn"]) if style == "GDNN Clause"]
    assert "11. Thành Đoàn Hà Nội" in clauses
    assert not [c for c in clauses if "Đoàn Thanh niên Cộng sản" in c]


def test_page_and_margins(rendered_mini):
    section = docx.Document(str(rendered_mini)).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.2) and abs(section.page_height - Mm(297)) < Mm(0.2)
    assert Mm(19.9) <= section.top_margin <= Mm(25.1) and Mm(19.9) <= section.bottom_margin <= Mm(25.1)
    assert Mm(29.9) <= section.left_margin <= Mm(35.1) and Mm(14.9) <= section.right_margin <= Mm(20.1)
    assert section.different_first_page_header_footer


def test_fonts_all_slots_times_new_roman(rendered_mini):
    with zipfile.ZipFile(rendered_mini) as z:
        styles = z.read("word/styles.xml").decode()
    from lxml import etree

    root = etree.fromstring(styles.encode())
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert defaults.get(f"{W}{slot}") == "Times New Roman"
    assert not [a for a in defaults.attrib if a.endswith("Theme")]
    body = docx.Document(str(rendered_mini)).styles["GDNN Body"]
    assert 13 <= body.font.size.pt <= 14
    assert body.paragraph_format.alignment == 3  # justified
    assert body.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)


def test_header_block(rendered_mini):
    d = docx.Document(str(rendered_mini))
    head = d.tables[0]
    left, right = head.cell(0, 0).paragraphs, head.cell(0, 1).paragraphs
    issuer = [p for p in left if p.text.strip()]
    assert [p.text for p in issuer] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ THỬ"]
    assert all(p.style.font.bold for p in issuer)
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[0].style.font.bold
    motto = right[1].runs[0]
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.underline and right[1].style.font.bold
    assert head.cell(1, 0).text == "Số: 12/KH-UBND"
    date = head.cell(1, 1).paragraphs[0]
    assert date.text == "Thành phố Thử, ngày 10 tháng 01 năm 2025" and date.style.font.italic
    # borderless
    borders = head._tbl.tblPr.find(f"{W}tblBorders")
    assert all(el.get(f"{W}val") == "nil" for el in borders)


def test_type_title_sections_signature(rendered_mini):
    d = docx.Document(str(rendered_mini))
    texts = [(p.text, p.style) for p in d.paragraphs if p.text.strip()]
    kind = next(s for t, s in texts if t == "KẾ HOẠCH")
    assert kind.font.bold and kind.paragraph_format.alignment == 1
    sections = [t for t, s in texts if s.name == "GDNN Section"]
    assert sections == ["I. CHỈ TIÊU", "II. NHIỆM VỤ", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN", "V. CHẾ ĐỘ BÁO CÁO"]
    closing = d.tables[1]
    recipients = closing.cell(0, 0).paragraphs
    assert recipients[0].text == "Nơi nhận:" and recipients[0].style.font.bold and recipients[0].style.font.italic
    assert [p.text for p in recipients[1:] if p.text] == ["- Như mục V;", "- Lưu: VT."]
    assert recipients[1].style.font.size.pt == 11
    sign = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    assert sign == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]


def test_page_number_field_in_header_not_first_page(rendered_mini):
    d = docx.Document(str(rendered_mini))
    header = d.sections[0].header._element
    instr = "".join(t.text for t in header.iter(f"{W}instrText"))
    assert "PAGE" in instr
    first = d.sections[0].first_page_header._element
    assert "PAGE" not in "".join(t.text for t in first.iter(f"{W}instrText"))


def test_data_text_is_always_text(rendered_mini):
    text = docx_text(rendered_mini)
    assert "Thực hiện các văn bản & quy định <mới> của “Trung ương” {{ không phải mã }}, UBND" in text
    assert "Yêu cầu các đơn vị thực hiện./." in text  # nothing after the '&' was dropped


def test_illustrative_notice_only_for_illustrative_plans(mini, tmp_path):
    ds = load(mini)
    assert "MINH HỌA" in docx_text(render_plan(ds.plans["tp-2025"], ds.registry, tmp_path / "a.docx", templates_dir()))
    edit(plan_path(mini), "illustrative: true", "illustrative: false")
    ds = load(mini)
    real = render_plan(ds.plans["tp-2025"], ds.registry, tmp_path / "b.docx", templates_dir())
    assert "MINH HỌA" not in docx_text(real)


def test_appendix_tables(mini, tmp_path):
    edit(plan_path(mini), "illustrative: true", "illustrative: true\nappendices: [targets, key_tasks]")
    ds = load(mini)
    out = render_plan(ds.plans["tp-2025"], ds.registry, tmp_path / "a.docx", templates_dir())
    d = docx.Document(str(out))
    targets, tasks = d.tables[2], d.tables[3]
    assert [" ".join(c.text.split()) for c in targets.rows[0].cells] == [
        "TT", "Chỉ tiêu", "Đơn vị tính", "Năm", "Kế hoạch"]
    rows = [[c.text for c in r.cells] for r in targets.rows[1:]]
    assert rows[0] == ["1", "Đào tạo", "người", "2025", "1.000"]
    assert rows[1] == ["1.1", "- Cao đẳng", "người", "2025", "200"]
    assert ["", "Trong đó: Có bằng cấp", "%", "2025", "50%"] in rows
    assert ["3", "Tỷ lệ phân luồng", "%", "2025", "40 - 45%"] in rows
    assert targets.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    assert [c.text for c in tasks.rows[1].cells] == ["1", "Tổ chức ngày hội.", "Sở LĐTBXH", "Sở GD&ĐT", "01/10/2025"]
    text = docx_text(out)
    assert "Phụ lục 1" in text and "Phụ lục 2" in text
    assert "(Kèm theo Kế hoạch số 12/KH-UBND ngày 10/01/2025 của Ủy ban nhân dân Thành phố Thử)" in text


def test_unknown_number_and_blank_date(mini, tmp_path):
    edit(plan_path(mini), "number: 12/KH-UBND", "number: null")
    edit(plan_path(mini), "date: 2025-01-10", "date: {year: 2025}")
    ctx = plan_context(load(mini).plans["tp-2025"], load(mini).registry)
    assert ctx["number_line"].startswith("Số: ") and ctx["number_line"].endswith("/KH-UBND")
    assert ctx["place_date"].startswith("Thành phố Thử, ngày ") and ctx["place_date"].endswith("năm 2025")
    assert "tháng 01" not in ctx["place_date"]


def test_vietnamese_letters_and_roman():
    assert [letter(i) for i in range(1, 9)] == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    assert "f" not in [letter(i) for i in range(1, 24)]
    assert [roman(i) for i in (1, 4, 6, 9, 14)] == ["I", "IV", "VI", "IX", "XIV"]


def test_target_values_in_vietnamese_style(mini):
    plan = load(mini).plans["tp-2025"]
    assert target_value_text(plan.targets[0]) == "1.000"
    assert target_value_text(plan.targets[2]) == "40 - 45%"


def test_committed_template_is_up_to_date(tmp_path):
    from tools.template_builder import main

    main([str(tmp_path)])
    for name in ("ke-hoach.docx",):
        with zipfile.ZipFile(tmp_path / name) as fresh, zipfile.ZipFile(REPO / "templates" / name) as committed:
            for part in ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/settings.xml"):
                if part in fresh.namelist():
                    assert fresh.read(part) == committed.read(part), (
                        f"{name}:{part} differs: run python templates/build.py")


def test_no_partial_file_on_failure(mini, tmp_path, monkeypatch):
    ds = load(mini)
    out = tmp_path / "x.docx"
    out.write_bytes(b"old")
    import gdnn_cli.documents.plan_doc as pd

    def boom(*a, **k):
        raise RuntimeError("render failed")

    monkeypatch.setattr(pd, "body", boom)
    with pytest.raises(RuntimeError):
        render_plan(ds.plans["tp-2025"], ds.registry, out, templates_dir())
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".x.docx")] == []


def test_agency_headings_as_the_city_prints_them(bundled, tmp_path):
    out = render_plan(bundled.plans["hn-2025-ct37"], bundled.registry, tmp_path / "c.docx", templates_dir())
    clauses = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "GDNN Clause"]
    assert "1. Sở Giáo dục và Đào tạo" in clauses  # registry name ends "… thành phố Hà Nội"
    assert "8.1. Ban Công tác Đoàn và Thanh thiếu nhi" in clauses and "11. Chế độ thông tin, báo cáo" in clauses


def test_last_paragraph_keeps_with_the_signature(rendered_seeds):
    """Nothing but the closing table follows the last body paragraph, and it keeps with it."""
    for path in rendered_seeds.values():
        d = docx.Document(str(path))
        body = d.element.body
        closing = d.tables[1]._tbl
        before = closing.getprevious()
        while before is not None and not "".join(before.itertext()).strip():
            before = before.getprevious()
        para = docx.text.paragraph.Paragraph(before, d._body)
        assert para.style.name == "GDNN Body Last" and para.style.paragraph_format.keep_with_next, path.name
        assert body.index(closing) > body.index(before)


def test_title_in_balanced_lines(rendered_seeds):
    d = docx.Document(str(rendered_seeds["hn-2025-gdnn"]))
    title = next(p for p in d.paragraphs if p.style.name == "GDNN Title")
    assert title.text.split("\n") == ["Triển khai công tác giáo dục nghề nghiệp",
                                      "trên địa bàn thành phố Hà Nội năm 2025"]


def test_annexes_in_their_own_sections_numbered_from_one(rendered_seeds):
    d = docx.Document(str(rendered_seeds["hn-2025-gdnn"]))
    assert len(d.sections) == 3  # the plan, Phụ lục 1, Phụ lục 2
    for section in d.sections:
        num = section._sectPr.find(f"{W}pgNumType")
        assert num is not None and num.get(f"{W}start") == "1"
        assert section.different_first_page_header_footer
        assert abs(section.page_width - Mm(210)) < Mm(0.2) and abs(section.left_margin - Mm(30)) < Mm(0.2)
    body = d.element.body
    for label in ("Phụ lục 1", "Phụ lục 2"):
        p = next(p for p in d.paragraphs if p.text == label)._p
        prev = p.getprevious()  # the paragraph that closes the section before
        assert prev.find(f"{W}pPr/{W}sectPr") is not None
        assert body.index(prev) + 1 == body.index(p)


def test_annex_rows_never_split_headers_repeat_dates_fit(rendered_seeds):
    from gdnn_cli.documents.lines import CM_PER_PT, text_width_em

    d = docx.Document(str(rendered_seeds["hn-2025-gdnn"]))
    tasks = d.tables[3]
    assert tasks.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    assert all(r._tr.trPr is not None and r._tr.trPr.find(f"{W}cantSplit") is not None for r in tasks.rows)
    timing = [r.cells[4].text for r in tasks.rows[1:]]
    assert "Trước 20/11/2025" in timing
    width_cm = int(tasks._tbl.tblGrid.findall(f"{W}gridCol")[4].get(f"{W}w")) / 567
    date_cm = text_width_em("20/11/2025") * 12 * CM_PER_PT
    assert width_cm - 0.38 >= date_cm  # cell margins 0,19 cm each side


def test_titles_and_annex_notes_never_part_a_word_or_a_date(rendered_seeds):
    """The signer's test: 'thành / phố', 'chất / lượng', 'NGHỀ / NGHIỆP', 'ngày / …/…/2025' were sent back."""
    from gdnn_cli.documents.lines import BOUND, break_cost

    for pid, path in rendered_seeds.items():
        for p in docx.Document(str(path)).paragraphs:
            if p.style.name in ("GDNN Title", "GDNN Annex", "GDNN AnnexNote") and "\n" in p.text:
                lines = p.text.split("\n")
                for a, b in itertools.pairwise(lines):
                    assert break_cost(a.split(" ")[-1], b.split(" ")[0]) < BOUND, (pid, a, b)
    hp = docx.Document(str(rendered_seeds["hp-2021-2030-chien-luoc"]))
    title = next(p for p in hp.paragraphs if p.style.name == "GDNN Title")
    assert title.text.split("\n") == ["Thực hiện Chiến lược phát triển giáo dục nghề nghiệp",
                                      "thành phố Hải Phòng giai đoạn 2021 - 2030, tầm nhìn đến năm 2045"]


def test_letterhead_superior_too_wide_for_its_column_is_written_out_on_two_lines(bundled):
    """'UBND THÀNH PHỐ HẢI PHÒNG' does not fit 6,5 cm at 13 pt: LibreOffice printed 'HẢI / PHÒNG'."""
    from gdnn_cli.documents.plan_doc import fits_letterhead, letterhead

    reg = bundled.registry
    sup, issuer, _ = letterhead(reg.agencies["hp-so-gddt"], reg)
    assert sup == "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG" and issuer == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert all(fits_letterhead(line) for line in sup.split("\n"))
    sup, _, _ = letterhead(reg.agencies["hn-so-gddt"], reg)
    assert sup == "UBND THÀNH PHỐ HÀ NỘI"  # fits: one line, as the city prints it
