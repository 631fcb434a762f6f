"""Write data/agencies/<province>-xa-phuong.yaml from the list of commune-level units of 01/7/2025.

The list (province, name, formed_from) comes from the MIT-licensed project
thanglequoc/vietnamese-provinces-database (copied in the project's shared reference folder as
communes-2025-hn-hp.csv); the units themselves were set by Nghị quyết 1656/NQ-UBTVQH15 (Hà Nội) and
1669/NQ-UBTVQH15 (Hải Phòng) of 16/6/2025. Run once when the list changes:

    python tools/communes.py communes-2025-hn-hp.csv data/agencies
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

PROVINCES = {
    "Hà Nội": ("hn", "ha-noi", "hn-ubnd", "hn-ubnd-xa",
               "Nghị quyết 1656/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp các đơn vị hành chính cấp xã "
               "của thành phố Hà Nội"),
    "Hải Phòng": ("hp", "hai-phong", "hp-ubnd", "hp-ubnd-xa",
                  "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp các đơn vị hành chính cấp xã "
                  "của thành phố Hải Phòng"),
}
LIST_SOURCE = ("Danh sách đơn vị hành chính cấp xã từ 01/7/2025, dự án vietnamese-provinces-database "
               "(giấy phép MIT)")
LIST_URL = "https://github.com/thanglequoc/vietnamese-provinces-database"


def slug(text: str) -> str:
    """'Phường Bồ Đề' → 'phuong-bo-de' (đ has no decomposition, so it is mapped by hand)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_).split())


def split_top(text: str) -> list[str]:
    """Split on commas outside parentheses: '(… phường Hồng Hà, phường Long Biên)' stays whole."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def q(text: str) -> str:
    """A double-quoted YAML scalar: names hold commas and colons that plain scalars would misread."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(csv_path: str, out_dir: str) -> int:
    """Write one registry file per province from the CSV, units in the order of their ids."""
    with open(csv_path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for province, (code, stem, parent, group, resolution) in PROVINCES.items():
        units = sorted((r for r in rows if r["province"] == province), key=lambda r: slug(r["name"]))
        lines = [
            "# yaml-language-server: $schema=../../schemas/agencies.schema.json",
            f"# Ủy ban nhân dân các xã, phường{', đặc khu' if code == 'hp' else ''} của thành phố {province} "
            f"từ 01/7/2025 ({len(units)} đơn vị).",
            f"# Nguồn: {resolution};",
            f"# danh sách (tên, đơn vị hình thành từ) lấy từ {LIST_URL} (giấy phép MIT).",
            "# Tệp do tools/communes.py sinh ra; sửa danh sách nguồn rồi chạy lại, đừng sửa tay.",
            "agencies:",
        ]
        seen: set[str] = set()
        for r in units:
            name = unicodedata.normalize("NFC", r["name"].strip())
            ident = f"{code}-{slug(name)}"
            if ident in seen:  # Cẩm Giang and Cẩm Giàng have one spelling without diacritics
                lines.append(f"  # {ident}-2: cùng cách viết không dấu với {ident}")
                ident += "-2"
            seen.add(ident)
            kind_word, _, place = name.partition(" ")
            if kind_word == "Đặc":
                kind_word, place = "Đặc khu", name[len("Đặc khu "):]
            local = f"{kind_word.lower()} {place}"
            formed = split_top(unicodedata.normalize("NFC", r["formed_from"]))
            lines += [
                f"  - id: {ident}",
                f"    name: {q('Ủy ban nhân dân ' + local)}",
                f"    short: {q('UBND ' + local)}",
                "    kind: ubnd-xa",
                f"    parent: {parent}",
                f"    member_of: [{group}]",
                f"    province: {code}",
                "    started: 2025-07-01",
                "    formed_from:",
                *[f"      - {q(f)}" for f in formed],
                "    sources:",
                f"      - {{title: {q(resolution)}, date: 2025-06-16}}",
                f"      - {{title: {q(LIST_SOURCE)}, url: {LIST_URL}}}",
            ]
        path = Path(out_dir) / f"{stem}-xa-phuong.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(units)} units)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
