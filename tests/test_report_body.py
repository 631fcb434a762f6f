"""The report's body builder (documents.report_body): places to fill are highlighted and counted."""

from __future__ import annotations

from docx.enum.text import WD_COLOR_INDEX
from docxtpl import DocxTemplate

from gdnn_cli.common.resources import templates
from gdnn_cli.documents.report_body import Body
from gdnn_cli.documents.report_text import ToFill


def body() -> Body:
    return Body(DocxTemplate(str(templates() / "bao-cao.docx")))


def test_plain_sentences_stay_plain_paragraphs():
    b = body()
    b.items(["Một.", "Hai."])
    assert [(p["kind"], p["text"]) for p in b.paras] == [("body", "- Một."), ("body", "- Hai.")]
    assert b.to_fill == 0


def test_a_place_to_fill_is_highlighted_and_counted():
    b = body()
    b.text("Thực hiện ", ToFill("số, ngày văn bản"), ".")
    b.filled([], "Bổ sung kiến nghị")
    b.filled(["Kiến nghị có sẵn."], "không dùng")
    assert b.to_fill == 2
    assert [p["kind"] for p in b.paras] == ["subdoc", "subdoc", "body"]
    runs = b.paras[0]["obj"].subdocx.paragraphs[0].runs
    assert [r.text for r in runs] == ["Thực hiện ", "[số, ngày văn bản]", "."]
    assert [r.font.highlight_color for r in runs] == [None, WD_COLOR_INDEX.YELLOW, None]
