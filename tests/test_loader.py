"""Bad input gets a located error, never a traceback; what real editors save is accepted."""

from __future__ import annotations

import time
import unicodedata

import pytest

from gdnn_cli.core.dataset import load
from tests.conftest import edit, plan_path


def codes(ds):
    return [(i.code, i.line) for i in ds.errors]


def test_valid_fixture_loads(mini):
    ds = load(mini)
    assert ds.ok, ds.errors
    assert set(ds.plans) == {"tp-2025"}
    assert ds.count("agencies") == 1


@pytest.mark.parametrize(
    "old,new,code,line",
    [
        ("title: Kế hoạch thử", "title: [Kế hoạch thử", "yaml-syntax", None),
        ("period: {start: 2025, end: 2025}", "period:\n\tstart: 2025", "tab-indent", 8),
        ("place: Thành phố Thử", "place: Thành phố Thử\nplace: Nơi khác", "duplicate-key", 5),
        ("place: Thành phố Thử", "plase: Thành phố Thử", "extra_forbidden", 4),
        ("period: {start: 2025, end: 2025}", "period: {start: hai nghìn, end: 2025}", "int_parsing", 7),
        ("place: Thành phố Thử\n", "", "missing", 1),
        ("period: {start: 2025, end: 2025}", "period: [2025, 2025]", "model_type", 7),
        ("date: 2025-01-10", "date: 2025-02-30", "value_error", 5),
        ("title: Kế hoạch", "title: !!python/object:os.system Kế hoạch", "unsafe-tag", 6),
    ],
)
def test_bad_plan_input_is_located(mini, old, new, code, line):
    edit(plan_path(mini), old, new)
    ds = load(mini)
    assert not ds.ok
    found = [i for i in ds.errors if i.code == code]
    assert found, codes(ds)
    if line is not None:
        assert found[0].line == line
    assert found[0].file.endswith("tp-2025.yaml")
    assert found[0].message


def test_missing_key_named_and_points_at_parent(mini):
    edit(plan_path(mini),
         "signature: {authority: TM. ỦY BAN NHÂN DÂN, acting: KT. CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Nguyễn Văn A}",
         "signature: {authority: TM. ỦY BAN NHÂN DÂN, title: PHÓ CHỦ TỊCH}")
    ds = load(mini)
    (issue,) = [i for i in ds.errors if i.code == "missing"]
    assert "'name'" in issue.message and issue.where == "signature.name"
    assert issue.line == 70


def test_unknown_key_suggests_spelling(mini):
    edit(plan_path(mini), "standing_agency:", "standing_agncy:")
    (issue,) = load(mini).errors
    assert issue.code == "extra_forbidden" and "standing_agency" in (issue.hint or "")


def test_list_items_named_by_key(mini):
    edit(plan_path(mini), "{id: trung-cap, name: Trung cấp, unit: người, value: 300",
         "{id: trung-cap, name: Trung cấp, unit: người, value: ba trăm")
    (issue,) = load(mini).errors
    assert issue.where == "targets[0] (id=dao-tao).parts[1] (id=trung-cap).value"


def test_empty_file(mini):
    plan_path(mini).write_text("# only a comment\n", encoding="utf-8")
    (issue,) = load(mini).errors
    assert issue.code == "empty-file"


def test_list_where_mapping_belongs(mini):
    plan_path(mini).write_text("- id: x\n- id: y\n", encoding="utf-8")
    (issue,) = load(mini).errors
    assert issue.code == "model_type" and issue.line == 1


def test_not_utf8_is_located(mini):
    raw = plan_path(mini).read_bytes().replace("Thành phố Thử".encode(), "Th\xe0nh ph\xf4".encode("latin-1"), 1)
    plan_path(mini).write_bytes(raw)
    (issue,) = load(mini).errors
    assert issue.code == "not-utf8" and issue.line == 4 and issue.column == 10


def test_alias_bomb_is_rejected_quickly(mini):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n"
        for i in range(9)
    )
    plan_path(mini).write_text(bomb, encoding="utf-8")
    started = time.perf_counter()
    (issue,) = load(mini).errors
    assert issue.code == "alias-not-allowed"
    assert time.perf_counter() - started < 5  # bounded: would take hours if expanded


@pytest.mark.parametrize("transform", ["bom", "crlf", "nfd"])
def test_what_editors_save_is_accepted(mini, transform):
    text = plan_path(mini).read_text(encoding="utf-8")
    if transform == "bom":
        data = b"\xef\xbb\xbf" + text.encode()
    elif transform == "crlf":
        data = text.replace("\n", "\r\n").encode()
    else:
        data = unicodedata.normalize("NFD", text).encode()
    plan_path(mini).write_bytes(data)
    ds = load(mini)
    assert ds.ok, ds.errors
    plan = ds.plans["tp-2025"]
    assert plan.place == "Thành phố Thử" and unicodedata.is_normalized("NFC", plan.title)


def test_validate_never_writes_to_data(mini):
    before = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()}
    load(mini)
    after = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()}
    assert before == after
