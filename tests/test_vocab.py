"""Vietnamese spellings of the fixed words are aliases of their codes: on load, and in the JSON Schemas."""

from __future__ import annotations

import json
import unicodedata

import pytest
from pydantic import TypeAdapter, ValidationError

from gdnn_cli.common import vocab
from gdnn_cli.core.dataset import load
from gdnn_cli.core.fields import AgencyKind, BlockKind, Frequency, Include, Qualifier, Role, Year
from gdnn_cli.core.models import Target
from gdnn_cli.core.results import Progress, Status
from tests.conftest import REPO, edit, plan_path

KINDS = {  # every coded field type → its table
    "Qualifier": (Qualifier, vocab.QUALIFIERS), "Year": (Year, vocab.EVERY_YEAR), "Role": (Role, vocab.ROLES),
    "Frequency": (Frequency, vocab.FREQUENCIES), "Include": (Include, vocab.INCLUDES),
    "BlockKind": (BlockKind, vocab.BLOCK_KINDS), "AgencyKind": (AgencyKind, vocab.AGENCY_KINDS),
    "Status": (Status, vocab.STATUSES), "Progress": (Progress, vocab.PROGRESS),
}
CASES = [(name, word, code) for name, (_t, table) in KINDS.items() for word, code in vocab.spellings(table).items()]


@pytest.mark.parametrize("name, word, code", CASES, ids=[f"{n}:{w}" for n, w, _ in CASES])
def test_every_spelling_reads_as_its_code(name, word, code):
    adapter = TypeAdapter(KINDS[name][0])
    for variant in (word, word.upper(), word.capitalize(), unicodedata.normalize("NFD", word), f"  {word}  "):
        assert adapter.validate_python(variant) == code, variant


def test_the_examples_of_the_issue():
    q = TypeAdapter(Qualifier)
    assert [q.validate_python(w) for w in ("khoảng", "Trên", "ÍT NHẤT", "phấn  đấu")] == \
        ["khoang", "tren", "it_nhat", "phan_dau"]
    assert TypeAdapter(Year).validate_python("Hàng năm") == "hang-nam"
    assert TypeAdapter(Year).validate_python(2030) == 2030
    assert [TypeAdapter(Role).validate_python(w) for w in ("Chủ trì", "phối hợp", "thường trực")] == \
        ["chu-tri", "phoi-hop", "thuong-truc"]


def test_an_unknown_word_is_still_an_error():
    with pytest.raises(ValidationError):
        TypeAdapter(Qualifier).validate_python("hơn")
    with pytest.raises(ValidationError):
        Target(id="t", name="T", unit="người", value=1, year="mỗi năm")


def test_a_plan_written_in_vietnamese_words_loads_as_codes(mini):
    edit(plan_path(mini), "role: thuong-truc", "role: Thường trực")
    edit(plan_path(mini), "    value: 70\n", "    value: 70\n    qualifier: Phấn đấu\n")
    edit(plan_path(mini), "    measure: rate\n    value: 70", "    measure: tỷ lệ\n    value: 70")
    ds = load(mini)
    assert ds.ok, [i.headline() for i in ds.errors]
    plan = ds.plans["tp-2025"]
    assert plan.assignments[0].role == "thuong-truc"
    assert (plan.targets[1].qualifier, plan.targets[1].measure) == ("phan_dau", "rate")


@pytest.mark.parametrize("schema, words", [
    ("plan", ["khoang", "khoảng", "phan_dau", "phấn đấu", "hang-nam", "hằng năm", "hàng năm", "chu-tri", "chủ trì",
              "phoi-hop", "phối hợp", "thuong-truc", "thường trực", "đột xuất", "nhiệm vụ trọng tâm"]),
    ("agencies", ["ubnd-xa", "UBND xã", "so", "sở"]),
    ("results", ["illustrative", "minh họa", "hoan-thanh", "hoàn thành"]),
])
def test_committed_schemas_list_both_spellings(schema, words):
    text = json.dumps(json.loads((REPO / "schemas" / f"{schema}.schema.json").read_text(encoding="utf-8")),
                      ensure_ascii=False)
    for w in words:
        assert f'"{w}"' in text, w
