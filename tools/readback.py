"""Read a rendered .docx back as text in document order (paragraphs and table cells interleaved).

Used by tests and by the seed-coverage measurement; kept here in tools/ (not in the wheel) so that
both use one reading.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(path: Path) -> str:
    """The document's non-empty paragraphs, one a line, as a reader meets them (line breaks as spaces)."""
    import docx

    document = docx.Document(str(path))
    lines: list[str] = []
    for para in document.element.body.iter(f"{W}p"):
        # a line break (balanced titles) separates words as a space does
        text = "".join(" " if el.tag == f"{W}br" else el.text or "" for el in para.iter(f"{W}t", f"{W}br"))
        if text.strip():
            lines.append(text)
    return "\n".join(lines)


def words(text: str) -> list[str]:
    """Lower-cased NFC words, so that the PDF extraction of a seed and a .docx compare word for word."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def coverage(seed_text: str, rendered_text: str) -> float:
    """Share of the seed's words found, in order, in the rendered text (difflib matching blocks)."""
    a, b = words(seed_text), words(rendered_text)
    if not a:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(a)
