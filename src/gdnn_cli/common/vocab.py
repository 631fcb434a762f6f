"""The fixed words of the data (qualifiers, roles, frequencies …): a code, and its Vietnamese spellings.

Codes (``phan_dau``, ``chu-tri``, ``hang-nam``) keep files stable and greppable, but a clerk writes
what the plan says: "phấn đấu", "Chủ trì", "hằng năm". Both are accepted — NFC or NFD, any case, any
run of spaces — and normalised to the code on load, so that the rest of gdnn sees codes only. The
JSON Schemas list both spellings, so that editors complete either.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class Coded:
    """Field metadata: the value is one of ``codes``, and each code's Vietnamese spellings read as it.

    ``Annotated[str, Coded(vocab.QUALIFIERS)]`` is a ``str`` to type checkers (a code is text) and a
    ``Literal`` of the codes to pydantic, so a wrong word is still a ``literal_error``.
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

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self.to_code, core_schema.literal_schema(list(self.codes)))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "string", "enum": list(self.codes) + [w for words in self.codes.values() for w in words]}


def spellings(codes: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Every accepted spelling → its code (for tests and documentation)."""
    return {w: code for code, words in codes.items() for w in (code, *words)}


QUALIFIERS = {"khoang": ("khoảng",), "tren": ("trên",), "it_nhat": ("ít nhất",), "phan_dau": ("phấn đấu",),
              "duoi": ("dưới",), "toi_da": ("tối đa",), "dat": ("đạt",)}
EVERY_YEAR = {"hang-nam": ("hằng năm", "hàng năm")}
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
