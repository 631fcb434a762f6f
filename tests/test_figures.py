"""Figures in text come from the data: placeholders, their filling, and the validate safety net.

The walk tests change every figure and deadline of every bundled plan, render the plan to .docx
(read back with python-docx) and through textconv, and check that each place printing the figure
now prints the new one and nothing else moved; the literal tests type every figure back into its
sentence and check that validate refuses each, located, quoting the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from gdnn_cli.common.numbers import fmt_figure
from gdnn_cli.core import figures
from gdnn_cli.core.dataset import load
from gdnn_cli.core.figures import Figures, due_figure, fill, fill_plan, target_figure
from gdnn_cli.core.models import Plan, ReportingRule, Target
from gdnn_cli.documents.docx import templates_dir
from gdnn_cli.documents.plan_doc import render_plan
from gdnn_cli.review.textconv import render as textconv_render
from tests.conftest import REPO, edit, plan_path
from tools.readback import docx_text

PLANS = sorted(p.relative_to(REPO / "data" / "plans") for p in (REPO / "data" / "plans").rglob("*.yaml"))


def target(**kw) -> Target:
    return Target(**{"id": "t", "name": "T", "unit": "người", "year": 2025, **kw})


def rate(**kw) -> Target:
    return target(unit="%", measure="rate", **kw)


# --------------------------------------------------------------------------- formatting


def test_figures_are_formatted_as_documents_print_them():
    assert target_figure(target(value=240000)) == "240.000"
    assert target_figure(rate(value=72.2)) == "72,2%"
    assert target_figure(rate(value=72.25)) == "72,25%"
    assert target_figure(rate(min=40, max=45)) == "40 - 45%"
    assert target_figure(rate(min=72.2)) == "72,2%"  # one bound: the sentence says "từ"
    assert target_figure(target(value=3), pad=True) == "03"
    assert target_figure(target(value=12), pad=True) == "12"
    assert target_figure(target(min=2, max=3), "max", pad=True) == "03"
    assert target_figure(rate(min=40, max=45), "min") == "40%"
    assert target_figure(target(value=5), "tolerance") is None
    assert target_figure(target(value=5, year="hang-nam"), "year") is None
    assert target_figure(target(value=5, year=2030), "year") == "2030"


@pytest.mark.parametrize("due, text", [
    ({"due": "2025-12-15"}, "15/12/2025"),
    ({"due": "2026-01-05"}, "05/01/2026"),  # Nghị định 30: day < 10 and months 1–2 padded
    ({"due": "2022-03-04"}, "04/3/2022"),
    ({"due_day_month": "25/5"}, "25/5"),
    ({"due_day_month": "5/12"}, "05/12"),
    ({}, None),
])
def test_deadlines_follow_nghi_dinh_30(due, text):
    assert due_figure(ReportingRule(reporters=["a"], to="b", **due)) == text


def test_number_text_never_prints_a_float_artifact():
    assert fmt_figure(0.1 + 0.2, rate=True) == "0,3%"
    assert fmt_figure(1234567.0, rate=False) == "1.234.567"


# --------------------------------------------------------------------------- filling


@pytest.fixture(scope="module")
def gdnn_plan() -> Plan:
    return load(REPO / "data").plans["hn-2025-gdnn"]


def test_fill_sentence(gdnn_plan):
    t = gdnn_plan.targets[0]
    assert fill(t.sentence, gdnn_plan).endswith(
        "đào tạo cho 240.000 lượt người (cao đẳng 26.500, trung cấp 31.000, sơ cấp và dưới 3 tháng 182.500).")


def test_due_in_a_rule_is_its_own_deadline(gdnn_plan):
    filled = fill_plan(gdnn_plan)
    assert filled.reporting[0].text.endswith("trước ngày 15/12/2025.")
    assert filled.reporting[1].text.endswith("trước ngày 31/12/2025.")
    assert "{due}" in gdnn_plan.reporting[0].text  # the data keeps the placeholder


def test_text_that_only_looks_like_code_is_left_alone(gdnn_plan):
    f = Figures(gdnn_plan)
    for text in ("{{ không phải mã }}", "{ghi chú}", "{Dao-tao}", "a { b } c", "{}"):
        assert f.fill(text) == text
    assert f.fill("{khong-co} và {dao-tao}") == "{khong-co} và 240.000"  # unknown stays as typed


def test_fill_plan_does_not_touch_the_original(gdnn_plan):
    before = gdnn_plan.model_dump()
    fill_plan(gdnn_plan)
    assert gdnn_plan.model_dump() == before


# --------------------------------------------------------------------------- the safety net


def issues_of(mini: Path) -> list:
    return [i for i in load(mini).errors]


def test_typed_figure_in_a_sentence_is_refused_located(mini):
    edit(plan_path(mini), "cao đẳng {cao-dang},", "cao đẳng 200,")
    (issue,) = issues_of(mini)
    assert issue.code == "figure-not-from-data"
    assert (issue.line, issue.where) == (25, "targets[0] (id=dao-tao).sentence")
    assert "200" in issue.message and "«Đào tạo cho {dao-tao} người (cao đẳng 200, trung cấp" in issue.message
    assert issue.hint == "write {cao-dang} instead, so that the sentence follows the data"


def test_stale_figure_contradicting_the_data_is_refused(mini):
    # the sentence still says 70% after the target became 72%: no figure of the data is 70
    edit(plan_path(mini), "đạt {ty-le};", "đạt 70%;")
    edit(plan_path(mini), "value: 70", "value: 72")
    (issue,) = issues_of(mini)
    assert issue.code == "figure-not-from-data" and "70%" in issue.message
    assert "which no target it states has" in issue.message
    assert "{ty-le}" in issue.hint


def test_typed_deadline_in_a_reporting_sentence_is_refused(mini):
    edit(plan_path(mini), "trước ngày {due}.", "trước ngày 15/12/2025.")
    (issue,) = issues_of(mini)
    assert issue.code == "deadline-not-from-data" and issue.where == "reporting[0].text"
    assert "«Các Sở báo cáo trước ngày 15/12/2025.»" in issue.message


def test_stale_deadline_in_a_reporting_sentence_is_refused(mini):
    edit(plan_path(mini), "trước ngày {due}.", "trước ngày 10/12/2025.")
    (issue,) = issues_of(mini)
    assert issue.code == "deadline-not-from-data" and "which no reporting rule has" in issue.message


def test_deadline_typed_in_another_paragraph_is_refused(mini):
    edit(plan_path(mini), 'closing: ["Yêu cầu các đơn vị thực hiện./."]',
         'closing: ["Yêu cầu các đơn vị báo cáo trước ngày 15/12/2025./."]')
    (issue,) = issues_of(mini)
    assert issue.code == "deadline-not-from-data" and issue.where == "closing[0]"


def test_unknown_placeholder_suggests_the_nearest_id(mini):
    edit(plan_path(mini), "cao đẳng {cao-dang},", "cao đẳng {cao-dag},")
    (issue,) = issues_of(mini)
    assert issue.code == "unknown-figure" and "{cao-dag}" in issue.message
    assert issue.hint == "did you mean {cao-dang}?"


def test_placeholder_field_that_the_target_lacks(mini):
    edit(plan_path(mini), "cao đẳng {cao-dang},", "cao đẳng {cao-dang.max},")
    (issue,) = issues_of(mini)
    assert issue.code == "unknown-figure" and "names a field that cao-dang does not have" in issue.message


def test_near_placeholder_is_reported(mini):
    edit(plan_path(mini), "cao đẳng {cao-dang},", "cao đẳng {Cao-dang},")
    (issue,) = issues_of(mini)
    assert issue.code == "unknown-figure" and "is not a placeholder" in issue.message


@pytest.mark.parametrize("sentence", [
    "Đào tạo {dao-tao} người, trong đó sơ cấp và dưới 3 tháng {so-cap}; cao đẳng {cao-dang}, trung cấp {trung-cap}.",
    "Đào tạo {dao-tao} người theo Quyết định số 46/2015/QĐ-TTg ngày 28/9/2015 đến năm 2030 "
    "({cao-dang}, {trung-cap}, {so-cap}).",
    "Đào tạo {dao-tao} người (ASEAN-4, nhóm G20, Covid-19, lần thứ 4, giai đoạn 2021 - 2030; "
    "{cao-dang}, {trung-cap}, {so-cap}).",
])
def test_numbers_that_are_not_figures_pass(mini, sentence):
    edit(plan_path(mini),
         '"Đào tạo cho {dao-tao} người (cao đẳng {cao-dang}, trung cấp {trung-cap}, sơ cấp {so-cap})."',
         f'"{sentence}"')
    assert issues_of(mini) == []


# --------------------------------------------------------------------------- every bundled figure, walked

NUM = re.compile(r"\d+(?:[.,/]\d+)*")


def fields_of(plan: Plan) -> list[tuple[str, object, str]]:
    """(label, owner, field) for every figure and deadline the plan holds; a label is a path into
    the YAML: 'dao-tao.value' or 'reporting[0].due'."""
    out = []
    for t in plan.all_targets():
        out += [(f"{t.id}.{f}", t, f) for f in figures.TARGET_FIELDS if getattr(t, f) is not None]
    for i, r in enumerate(plan.reporting):
        out += [(f"reporting[{i}].{f}", r, f) for f in ("due", "due_day_month") if getattr(r, f) is not None]
    return out


def new_value(owner, field: str):
    """A different figure in the same shape: counts stay whole, rates stay within 0–100."""
    old = getattr(owner, field)
    if field == "due":
        return old + dt.timedelta(days=-3)
    if field == "due_day_month":
        d, m = (int(x) for x in old.split("/"))
        return f"{d - 3 if d > 3 else d + 3}/{m}"
    if getattr(owner, "unit", "").strip() == "%":
        return round(old + 1.3, 1) if old + 1.3 <= 100 else round(old - 1.3, 1)
    return old + 3 if old < 10 else old + 1234


def forms(owner, field: str, value) -> set[str]:
    """Every way a document may print this figure."""
    if field == "due":
        probe = ReportingRule(reporters=["x"], to="y", due=value)
        return {due_figure(probe), f"{value:%d/%m/%Y}"}
    if field == "due_day_month":
        return {due_figure(ReportingRule(reporters=["x"], to="y", due_day_month=value)), value}
    return {fmt_figure(value, False), fmt_figure(value, False, pad=True)}


def changed(plan: Plan, label: str, value) -> Plan:
    copy = plan.model_copy(deep=True)
    owner, field = next((o, f) for lab, o, f in fields_of(copy) if lab == label)
    object.__setattr__(owner, field, value)
    return copy


def number_diffs(before: str, after: str) -> list[tuple[str, str]]:
    """Pairs of numbers that differ, line by line; the words around them must not change."""
    a_lines, b_lines = before.splitlines(), after.splitlines()
    assert len(a_lines) == len(b_lines)
    out = []
    for a, b in zip(a_lines, b_lines, strict=True):
        if a == b:
            continue
        assert NUM.sub("#", a) == NUM.sub("#", b), f"words changed, not only figures:\n{a}\n{b}"
        out += [(x, y) for x, y in zip(NUM.findall(a), NUM.findall(b), strict=True) if x != y]
    return out


def textconv_of(plan_file: Path, label: str, value, tmp_path: Path) -> str:
    """textconv of the plan file with one field changed in the YAML itself (None: unchanged)."""
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    if value is not None:
        key, field = label.rsplit(".", 1)
        if key.startswith("reporting["):
            data["reporting"][int(key[10:-1])][field] = value.isoformat() if field == "due" else value
        else:
            stack = list(data.get("targets", []))
            while stack:
                t = stack.pop()
                if t["id"] == key:
                    t[field] = value
                    break
                stack += t.get("parts", []) + t.get("shares", [])
    out = tmp_path / plan_file.name
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return textconv_render(out)


@pytest.fixture(scope="module")
def bundled():
    ds = load(REPO / "data")
    assert ds.ok
    return ds


@pytest.mark.parametrize("rel", PLANS, ids=str)
def test_every_figure_change_shows_in_every_mention(bundled, rel, tmp_path):
    """Change each figure and deadline alone: the .docx (read back) and textconv print the new one
    wherever they printed the old one, and nothing else moves."""
    plan_file = REPO / "data" / "plans" / rel
    plan = next(p for p in bundled.plans.values() if bundled.registry.plan_files[p.id].endswith(str(rel)))
    base_docx = docx_text(render_plan(plan, bundled.registry, tmp_path / "base.docx", templates_dir()))
    base_tc = textconv_of(plan_file, "", None, tmp_path)
    walked = fields_of(plan)
    assert walked, "every bundled plan holds figures or deadlines"
    for label, owner, field in walked:
        value = new_value(owner, field)
        old, new = forms(owner, field, getattr(owner, field)), forms(owner, field, value)
        doc = docx_text(render_plan(changed(plan, label, value), bundled.registry,
                                    tmp_path / "changed.docx", templates_dir()))
        for where, before, after in (("docx", base_docx, doc),
                                     ("textconv", base_tc, textconv_of(plan_file, label, value, tmp_path))):
            diffs = number_diffs(before, after)
            assert diffs, f"{rel} {label}: the {where} never prints this figure"
            wrong = [(a, b) for a, b in diffs if a not in old or b not in new]
            assert not wrong, f"{rel} {label}: the {where} changed {wrong}, expected {old} → {new}"


@pytest.mark.parametrize("rel", PLANS, ids=str)
def test_no_old_figure_survives_a_change_of_all(bundled, rel, tmp_path):
    """Change every figure at once: the body of the plan (its sentences) keeps none of the old ones
    — a figure typed by hand would survive here."""
    plan = next(p for p in bundled.plans.values() if bundled.registry.plan_files[p.id].endswith(str(rel)))
    copy = plan.model_copy(deep=True)
    olds: set[str] = set()
    for _label, owner, field in fields_of(copy):
        olds |= forms(owner, field, getattr(owner, field))
        object.__setattr__(owner, field, new_value(owner, field))
    news: set[str] = set()
    for _label, owner, field in fields_of(copy):
        news |= forms(owner, field, getattr(owner, field))
    before = fill_plan(plan)
    after = fill_plan(copy)
    for (loc, text_a, _own), (_loc, text_b, _own2) in zip(figures.texts(before), figures.texts(after),
                                                                       strict=True):
        if not figures._prose(loc) or text_a == text_b:
            continue
        for a, m in zip(NUM.findall(text_a), NUM.finditer(text_b), strict=True):
            if a == m.group(0) and not text_b[m.end():].startswith(" tháng"):  # "dưới 3 tháng" is no figure
                assert a not in olds or a in news, f"{rel} {loc}: {a} did not follow the data: «{text_b}»"


@pytest.mark.parametrize("rel", PLANS, ids=str)
def test_every_figure_typed_back_is_refused(rel, tmp_path):
    """Type each placeholder's figure back into the text: validate refuses every one, located,
    quoting the sentence."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    path = data / "plans" / rel
    src = path.read_text(encoding="utf-8")
    plan = load(REPO / "data").plans[yaml.safe_load(src)["id"]]
    f = Figures(plan)
    typed: list[tuple[str, str]] = []  # (placeholder, figure)
    lines = src.splitlines(keepends=True)
    changed_lines = []
    for n, line in enumerate(lines):
        own = next((r for r in plan.reporting if r.text and r.text in line), None)
        found = [r for r in figures.refs(line) if r.field != "year"]  # years are not checked: see README
        if not found:
            continue
        for ref in reversed(found):
            value = f.resolve(ref, own)
            assert value is not None, (rel, ref.raw)
            typed.append((ref.raw, value))
            line = line[:ref.start] + value + line[ref.end:]
        lines[n] = line
        changed_lines.append(n + 1)
    assert typed, f"{rel} has no placeholder"
    path.write_text("".join(lines), encoding="utf-8")
    errors = [i for i in load(data).errors if i.file.endswith(str(rel))]
    assert {i.code for i in errors} <= {"figure-not-from-data", "deadline-not-from-data"}
    assert sorted({i.line for i in errors}) == changed_lines, "every line with a typed figure is refused"
    # one error per typed number ("40 - 45%" types two), quoting the sentence around it
    assert len(errors) == sum(len(NUM.findall(v)) for _, v in typed), "\n".join(e.message[:120] for e in errors)
    for e in errors:
        assert "«" in e.message and "»" in e.message and e.hint and "{" in e.hint


def test_the_site_prints_figures_not_placeholders(bundled):
    """gdnn site shows reporting sentences and tasks: filled like the documents (no '{due}')."""
    from gdnn_cli.site.pages import collect

    plans = collect(bundled, 2025).plans
    texts = [text for p in plans for _loc, text, _own in figures.texts(p)]
    assert any("trước ngày 15/12/2025" in t for t in texts)
    assert not [t for t in texts if figures.refs(t)]
