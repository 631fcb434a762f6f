"""The body of the year-end report as its template's one loop reads it: paragraphs by kind, with
subdocuments for tables, captions and the places to fill.

A place to fill (report_text.ToFill) is printed highlighted and counted, so that the first page can
say how many remain before the report may be signed ("DỰ THẢO — còn 3 nội dung cần bổ sung").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from gdnn_cli.documents.report_text import Segment, ToFill

if TYPE_CHECKING:
    from docxtpl import DocxTemplate


class Body:
    """The body's paragraphs for the template loop; counts the places left to fill."""

    def __init__(self, tpl: DocxTemplate):
        self.tpl = tpl
        self.paras: list[dict] = []
        self.to_fill = 0

    def add(self, kind: str, text: str = "", obj: object = None) -> None:
        """A paragraph of ``kind`` (the template's style switch) with its text, or a subdocument or image."""
        self.paras.append({"kind": kind, "text": text, "obj": obj})

    def text(self, *segments: Segment, bullet: str = "", keep: bool = False) -> None:
        """A body paragraph; a ToFill segment is printed highlighted, in brackets."""
        if not any(isinstance(s, ToFill) for s in segments) and not keep:
            self.add("body", bullet + "".join(str(s) for s in segments))
            return
        from docx.enum.text import WD_COLOR_INDEX

        sd = self.tpl.new_subdoc()
        p = sd.add_paragraph(style="GDNN Body")
        p.paragraph_format.keep_with_next = keep
        if bullet:
            p.add_run(bullet)
        for s in segments:
            run = p.add_run(str(s))
            if isinstance(s, ToFill):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                self.to_fill += 1
        self.add("subdoc", obj=sd)

    def items(self, items: Iterable[Segment], bullet: str = "- ") -> None:
        """One bulleted paragraph per item."""
        for item in items:
            self.text(item, bullet=bullet)

    def filled(self, items: list[str], what: str, bullet: str = "- ") -> None:
        """People's sentences from the result file, or one highlighted place asking for them."""
        if items:
            self.items(items, bullet)
        else:
            self.text(ToFill(what), bullet=bullet)

    def caption(self, text: str) -> None:
        """A chart's title above it, kept on the same page as the picture."""
        from docx.shared import Pt

        sd = self.tpl.new_subdoc()
        p = sd.add_paragraph(text, style="GDNN Annex")
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_before = Pt(6)
        self.add("subdoc", obj=sd)
