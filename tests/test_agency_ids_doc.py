"""docs/agency-ids.md: a code and a prefix for each of the 34 provinces of 01/7/2025, used by the registry."""

from __future__ import annotations

import re

from gdnn_cli.core.dataset import load
from tests.conftest import REPO

# Quyết định 19/2025/QĐ-TTg: the 34 provincial codes
CODES = {"01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40",
         "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"}


def _rows() -> list[list[str]]:
    text = (REPO / "docs" / "agency-ids.md").read_text(encoding="utf-8")
    return [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines()
            if re.match(r"\| \d\d \|", line)]


def test_34_provinces_with_unique_codes_and_prefixes():
    rows = _rows()
    current = [r for r in rows if r[0] in CODES]
    assert len(current) == 34 and {r[0] for r in current} == CODES
    prefixes = [r[2] for r in rows]
    assert len(set(prefixes)) == len(prefixes) and all(re.fullmatch(r"[a-z]+", p) for p in prefixes)
    named = {r[0]: (r[1], r[2]) for r in rows}
    assert named["01"] == ("Thành phố Hà Nội", "hn") and named["31"] == ("Thành phố Hải Phòng", "hp")
    assert named["30"][1] == "hd"  # Hải Dương, merged into Hải Phòng


def test_every_registry_province_has_a_row():
    prefixes = {r[2] for r in _rows()}
    used = {a.province for a in load(REPO / "data").registry.agencies.values() if a.province}
    assert used and used <= prefixes
