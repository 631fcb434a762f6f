"""The fixed words users write and read: a code, its Vietnamese spellings, and the word printed for it.

Codes (``phan_dau``, ``chu-tri``, ``hang-nam``) keep files stable and greppable, but a clerk writes
what the plan says: "phấn đấu", "Chủ trì", "hằng năm". Both are accepted — NFC or NFD, any case, any
run of spaces — and normalised to the code on load, so that the rest of gdnn sees codes only. The
JSON Schemas list both spellings, so that editors complete either.

The other direction lives here too, so that a code prints the same word in the plan, the report,
``gdnn gaps``, ``gdnn diff``, textconv and the site (issue 16 found five tables of these words, two
of which disagreed). The words of the data (a role, a frequency, a qualifier) print as their first
Vietnamese spelling: ``spoken(ROLES, "chu-tri")`` is "chủ trì" — no second table to drift from it.
The words gdnn itself judges with (a gap's verdict, a report's state, a task's progress, where a
figure comes from) are gettext message ids marked ``N_``: the terminal shows them in the user's
language, documents pass ``lang="vi"``; a test holds the Vietnamese of those that are also data
words (progress, provenance) equal to their spelling here. This module imports nothing heavy: the
terminal's ``--help`` path reaches it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gdnn_cli.common.i18n import N_, gettext_in

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import CoreSchema


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class Coded:
    """Field metadata: the value is one of ``codes``, and each code's Vietnamese spellings read as it.

    ``Annotated[str, Coded(vocab.QUALIFIERS)]`` is a ``str`` to type checkers (a code is text) and a
    ``Literal`` of the codes to pydantic, so a wrong word is still a ``literal_error``. pydantic is
    imported only when a model is built: labels must stay cheap.
    """

    def __init__(self, codes: Mapping[str, tuple[str, ...]]):
        self.codes = codes
        self.lookup: dict[str, str] = {}
        for code, words in codes.items():
            for word in (code, *words):
                self.lookup.setdefault(_key(word), code)

    def to_code(self, value: object) -> object:
        """The code a spelling stands for; anything else unchanged, for the literal check to refuse."""
        return self.lookup.get(_key(value), value) if isinstance(value, str) else value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.to_code, core_schema.literal_schema(list(self.codes)))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "string", "enum": list(self.codes) + [w for words in self.codes.values() for w in words]}


def spellings(codes: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Every accepted spelling → its code (for tests and documentation)."""
    return {w: code for code, words in codes.items() for w in (code, *words)}


QUALIFIERS = {"khoang": ("khoảng",), "tren": ("trên",), "it_nhat": ("ít nhất",), "phan_dau": ("phấn đấu",),
              "duoi": ("dưới",), "toi_da": ("tối đa",), "dat": ("đạt",)}
# the qualifiers that read before an amount inside a sentence ("khoảng 565 tỷ đồng"); 'phấn đấu' and 'đạt' are verbs
IN_SENTENCE = ("khoang", "tren", "it_nhat", "duoi", "toi_da")
EVERY_YEAR = {"hang-nam": ("hằng năm", "hàng năm")}
# a document type → the code of its number (10/KH-UBND): Nghị định 30, Phụ lục III, and the party's
# Hướng dẫn 36-HD/VPTW for its own documents. Checked in the bases of a plan, printed in a blank number.
DOCUMENT_CODES = {
    "kế hoạch": "KH", "quyết định": "QĐ", "chỉ thị": "CT", "nghị quyết": "NQ", "thông báo": "TB",
    "thông tư": "TT", "nghị định": "NĐ", "chương trình": "CTr", "đề án": "ĐA", "hướng dẫn": "HD",
    "tờ trình": "TTr", "báo cáo": "BC", "kết luận": "KL", "quy định": "QyĐ", "công văn": "CV", "văn bản": "CV",
}
MEASURES = {"count": ("số lượng",), "rate": ("tỷ lệ", "tỉ lệ")}
DIRECTIONS = {"higher": ("càng cao càng tốt",), "lower": ("càng thấp càng tốt",)}
ROLES = {"thuong-truc": ("thường trực", "cơ quan thường trực"), "chu-tri": ("chủ trì",),
         "phoi-hop": ("phối hợp",), "thuc-hien": ("thực hiện",), "de-nghi": ("đề nghị",)}
FREQUENCIES = {"hang-nam": ("hằng năm", "hàng năm"), "6-thang": ("6 tháng", "sáu tháng"),
               "hang-quy": ("hằng quý", "hàng quý"), "hang-thang": ("hằng tháng", "hàng tháng"),
               "5-nam": ("5 năm", "năm năm"), "10-nam": ("10 năm", "mười năm"),
               "dot-xuat": ("đột xuất",), "mot-lan": ("một lần",)}
FUNDING = {"ngan-sach": ("ngân sách",), "ngan-sach-trung-uong": ("ngân sách trung ương",),
           "ngan-sach-dia-phuong": ("ngân sách địa phương",), "long-ghep": ("lồng ghép",),
           "vay-uu-dai": ("vay ưu đãi", "vốn vay ưu đãi"), "oda": ("vốn ODA",),
           "hoc-phi": ("học phí",), "xa-hoi-hoa": ("xã hội hóa", "xã hội hoá"), "khac": ("khác",)}
STYLES = {"dash": ("gạch đầu dòng", "-"), "plus": ("dấu cộng", "+"), "plain": ("không ký hiệu",),
          "numbered": ("đánh số",)}
NUMBERINGS = {"alpha": ("chữ cái", "a, b, c"), "decimal": ("chữ số", "1, 2, 3")}
INCLUDES = {"targets": ("chỉ tiêu",), "task_groups": ("nhiệm vụ", "nhiệm vụ, giải pháp"),
            "funding": ("kinh phí",), "assignments": ("tổ chức thực hiện", "giao việc"),
            "reporting": ("chế độ báo cáo", "báo cáo")}
BLOCK_KINDS = {"purposes": ("mục đích",), "requirements": ("yêu cầu",), "viewpoints": ("quan điểm",),
               "general_objectives": ("mục tiêu chung",), "specific_objectives": ("mục tiêu cụ thể",),
               "targets": ("chỉ tiêu",), "tasks": ("nhiệm vụ", "nhiệm vụ, giải pháp"), "funding": ("kinh phí",),
               "assignments": ("tổ chức thực hiện", "giao việc"), "reporting": ("chế độ báo cáo", "báo cáo"),
               "text": ("văn bản", "đoạn văn")}
APPENDICES = {"targets": ("chỉ tiêu", "phụ lục chỉ tiêu"), "key_tasks": ("nhiệm vụ trọng tâm",)}
AGENCY_KINDS = {"bo": ("bộ",), "ubnd-tinh": ("UBND tỉnh", "UBND thành phố", "ủy ban nhân dân tỉnh"),
                "ubnd-huyen": ("UBND huyện", "UBND quận", "ủy ban nhân dân huyện"),
                "ubnd-xa": ("UBND xã", "UBND phường", "ủy ban nhân dân xã"), "so": ("sở",), "ban": ("ban",),
                "doan-the": ("đoàn thể",), "mat-tran": ("mặt trận",), "hoi": ("hội",),
                "co-so-gdnn": ("cơ sở GDNN", "cơ sở giáo dục nghề nghiệp"), "ngan-hang": ("ngân hàng",),
                "bao-chi": ("báo chí",), "thanh-uy": ("thành ủy",), "tinh-uy": ("tỉnh ủy",),
                "ban-thuong-vu": ("ban thường vụ",), "hdnd": ("HĐND", "hội đồng nhân dân"),
                "thuong-truc-hdnd": ("thường trực HĐND", "thường trực hội đồng nhân dân"), "nhom": ("nhóm",),
                "khac": ("khác",)}
STATUSES = {"official": ("chính thức",), "provisional": ("tạm tính", "sơ bộ"),
            "illustrative": ("minh họa", "minh hoạ")}
PROGRESS = {"chua-trien-khai": ("chưa triển khai",), "dang-trien-khai": ("đang triển khai",),
            "hoan-thanh": ("hoàn thành",)}


# --------------------------------------------------------------------------- code → the word users read


def spoken(codes: Mapping[str, Sequence[str]], code: str | None, *, capital: bool = False) -> str:
    """The word a document prints for a code of the data: its first Vietnamese spelling ("chủ trì");
    ``capital`` where it opens a cell or a sentence ("Khoảng 20.000")."""
    words = codes.get(code or "")
    word = words[0] if words else code or ""
    return word[:1].upper() + word[1:] if capital else word


VERDICTS = {"exceeded": N_("Exceeded"), "met": N_("Met"), "not_met": N_("Not met"), "no_data": N_("No data yet"),
            "achieved": N_("Milestone reached"), "on_track": N_("On track"), "behind": N_("Behind schedule"),
            "at_risk": N_("At risk of missing the target"), "too_few": N_("Too few figures to assess")}
"""A gap row's status (tracking.gaps): the year's verdict, or how a later milestone progresses."""

VERDICT_CELLS = {**VERDICTS, "too_few": N_("Too few figures")}
"""The same verdicts in the report's Đánh giá column, 2,8 cm wide: its note under the table explains
"Chưa đủ số liệu" in full."""

REPORTING_STATES = {"on_time": N_("On time"), "late": N_("Late"), "missing": N_("Not reported"),
                    "not_due": N_("Not due yet"), "no_deadline": N_("Reported (no deadline set)")}
"""Whether an agency reported (tracking.status), as tables print it."""

REPORT_STATES = {**REPORTING_STATES, "no_deadline": N_("Reported"), "late": N_("Sent late")}
"""The same states in the year-end report's Phụ lục and workbook: the words of the text above them
("gửi chậm"), and no "(no deadline set)" where the table has no deadline column to explain."""

TASK_STATES = {"chua-trien-khai": N_("Not started"), "dang-trien-khai": N_("Under way"), "hoan-thanh": N_("Done"),
               "chua-co-bao-cao": N_("No report yet")}
"""A task's progress as its agency reported it (``PROGRESS``), and the state of a task nobody reported on."""

PROVENANCE = {"official": N_("Official"), "provisional": N_("Provisional"), "illustrative": N_("Illustrative"),
              "derived": N_("Sum of its parts")}
"""Where a figure comes from (``STATUSES``), plus a total gdnn adds up from its parts."""


def label(table: Mapping[str, str], code: str, lang: str | None = None) -> str:
    """The word for ``code`` in ``lang`` — None follows the user (terminal), documents pass "vi".

    An unknown code prints as itself, so that a newer data file never crashes an older view.
    """
    msgid = table.get(code)
    return gettext_in(msgid, lang) if msgid else code


def vi(table: Mapping[str, str], code: str, *, lower: bool = False) -> str:
    """The word a Vietnamese document prints for ``code``, whatever ``--lang`` says; ``lower`` for
    inside a sentence ("chưa triển khai", where a table cell says "Chưa triển khai")."""
    word = label(table, code, "vi")
    return word[:1].lower() + word[1:] if lower else word
