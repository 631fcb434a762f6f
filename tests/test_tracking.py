"""The year's picture from data: gap rows from result files, reporting timeliness, successors.

Mirrors tracking/status.py (the file's name is older than the rooms) and the result rules of
core/result_rules.py that gap rows depend on."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.core.dataset import load
from gdnn_cli.tracking.status import gap_rows, year_status
from tests.conftest import REPO, edit, plan_path

RESULTS = """\
plan: tp-2025
year: 2025
figures:
  - {target: cao-dang, value: 250, status: illustrative}
  - {target: trung-cap, value: 300, status: illustrative}
  - {target: so-cap, value: 400, status: illustrative}
  - {target: ty-le, value: 71.0, status: official, source: {title: Báo cáo số 1/BC-SLĐTBXH, date: 2025-12-20}}
  - {target: phan-luong, value: 41, numerator: 41, denominator: 100, status: provisional, source: {title: Báo cáo}}
reports:
  - {agency: tp-so-gddt, reported: 2025-12-16}
"""


def test_gap_rows_from_results(mini):
    (mini / "results" / "2025.yaml").write_text(RESULTS, encoding="utf-8")
    ds = load(mini)
    assert ds.ok, ds.errors
    rows = {r.target: r for r in gap_rows(ds, 2025)}
    assert rows["dao-tao"].actual == 950 and rows["dao-tao"].status == "not_met" and rows["dao-tao"].illustrative
    assert rows["cao-dang"].status == "exceeded" and rows["cao-dang"].level == 1
    assert rows["ty-le"].status == "exceeded" and abs(rows["ty-le"].gap - 1.0) < 1e-9
    assert rows["ty-le"].source == "Báo cáo số 1/BC-SLĐTBXH, 20/12/2025"
    assert rows["ty-le-bang"].status == "no_data"
    assert rows["phan-luong"].status == "met" and rows["phan-luong"].gap == 0


def test_result_pointing_nowhere_is_located(mini):
    (mini / "results" / "2025.yaml").write_text(RESULTS.replace("target: so-cap", "target: so-cap-x")
                                                .replace("year: 2025\n", "year: 2031\n", 1), encoding="utf-8")
    ds = load(mini)
    codes = {(i.code, i.line) for i in ds.errors}
    assert ("unknown-target", 6) in codes
    assert any(c == "year-outside-period" for c, _ in codes)


def test_rate_numerator_denominator_must_agree(mini):
    (mini / "results" / "2025.yaml").write_text(RESULTS.replace("numerator: 41", "numerator: 45"), encoding="utf-8")
    assert [i.code for i in load(mini).errors] == ["rate-mismatch"]


def test_official_figure_needs_a_source(mini):
    (mini / "results" / "2025.yaml").write_text(
        RESULTS.replace(", source: {title: Báo cáo số 1/BC-SLĐTBXH, date: 2025-12-20}", ""), encoding="utf-8")
    (issue,) = load(mini).errors
    assert "source" in issue.message and issue.line == 7 and issue.where == "figures[3] (target=ty-le)"


def test_reporting_timeliness_with_successor(mini):
    edit(plan_path(mini), "reporters: [tp-so-gddt]", "reporters: [tp-so-gddt, tp-so-tai-chinh]")
    (mini / "results" / "2025.yaml").write_text(RESULTS.replace("agency: tp-so-gddt", "agency: tp-so-tai-chinh"),
                                                encoding="utf-8")
    ys = year_status(load(mini), 2025, today=dt.date(2026, 1, 10))
    # reports were due to Sở LĐTBXH, which ceased on 01/3/2025: its successor receives them,
    # and Sở GD&ĐT no longer reports to itself
    (r,) = ys.reporters
    assert (r.agency, r.to) == ("tp-so-tai-chinh", "tp-so-gddt")
    assert r.state == "late" and r.reported == dt.date(2025, 12, 16)


def test_missing_and_not_yet_due(mini):
    ds = load(mini)
    assert year_status(ds, 2025, today=dt.date(2025, 12, 1)).reporters == []  # gddt reports to itself
    edit(plan_path(mini), "reporters: [tp-so-gddt]", "reporters: [tp-so-tai-chinh]")
    ds = load(mini)
    assert [r.state for r in year_status(ds, 2025, today=dt.date(2025, 12, 1)).reporters] == ["not_due"]
    assert [r.state for r in year_status(ds, 2025, today=dt.date(2026, 1, 2)).reporters] == ["missing"]


def test_gaps_json_on_bundled_data_has_every_2025_target():
    ds = load(REPO / "data")
    result = CliRunner().invoke(app, ["gaps", "--year", "2025", "--format", "json", "--data", str(REPO / "data")])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    keys = {"plan", "target", "name", "year", "unit", "target_value", "target_min", "target_max", "actual", "gap",
            "achievement", "status", "source"}
    assert all(keys <= set(r) for r in rows)
    listed = {(r["plan"], r["target"]) for r in rows}
    for plan in ds.plans.values():
        for t in plan.targets:
            if t.year == 2025 or (t.year == "hang-nam" and 2025 in plan.period.years):
                assert (plan.id, t.id) in listed
    hn = [r for r in rows if r["plan"] == "hn-2025-gdnn"]
    assert len(hn) == 6 and all(r["actual"] is not None for r in hn)
    rng = next(r for r in rows if r["target"] == "thu-hut-hoc-sinh-2025")
    assert rng["target_value"] is None and rng["target_min"] == 40 and rng["target_max"] == 45


def test_fail_on_gives_nonzero_exit():
    args = ["gaps", "--year", "2025", "--data", str(REPO / "data"), "--format", "csv"]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert CliRunner().invoke(app, args + ["--fail-on", "not_met"]).exit_code == 1


def test_markdown_says_illustrative(vi):
    out = CliRunner().invoke(app, ["gaps", "--year", "2025", "--data", str(REPO / "data"), "--format", "md"]).stdout
    assert out.startswith("| Kế hoạch |") and "minh họa" in out


def test_which_reports_are_expected_in_a_year():
    from gdnn_cli.core.models import Period, ReportingRule
    from gdnn_cli.tracking.status import expected_in

    class P:  # the rule only needs the plan's period
        period = Period(start=2021, end=2030)

    def rule(**kw):
        return ReportingRule(reporters=["a"], to="b", **kw)

    assert [y for y in range(2021, 2031) if expected_in(rule(frequency="5-nam"), P, y)] == [2025, 2030]
    assert [y for y in range(2021, 2031) if expected_in(rule(frequency="10-nam"), P, y)] == [2030]
    assert not expected_in(rule(frequency="dot-xuat"), P, 2025)
    assert expected_in(rule(frequency="hang-nam", due_day_month="15/12"), P, 2024)
    assert [y for y in range(2021, 2031) if expected_in(rule(due="2025-12-31"), P, y)] == [2025]


def test_status_names_the_standing_agency_that_ceased_and_its_successor(mini, vi):
    result = CliRunner().invoke(app, ["status", "--data", str(mini), "--year", "2025", "--format", "json"])
    assert result.exit_code == 0, result.output
    (h,) = json.loads(result.stdout)["handovers"]
    assert (h["plan"], h["agency"], h["ceased"], h["successor"]) == (
        "tp-2025", "tp-so-ldtbxh", "2025-03-01", "tp-so-gddt")
    text = CliRunner().invoke(app, ["status", "--data", str(mini), "--year", "2025"]).output
    assert "Sở LĐTBXH chấm dứt hoạt động từ 01/3/2025; Sở GD&ĐT đảm nhận" in text


def test_no_handover_when_the_standing_agency_lives_on(mini):
    edit(plan_path(mini), "standing_agency: tp-so-ldtbxh", "standing_agency: tp-so-gddt")
    assert year_status(load(mini), 2025).handovers == []


STATUS_WORDS = {
    "en": ["Reporting", "Task progress", "Plan", "Agency", "Reported on", "State", "On time", "Late", "Not reported",
           "Done", "Under way", "Not started", "(in place of Sở LĐTBXH)", "0/126 reported",
           "The standing agency of plan hn-2025-gdnn, Sở LĐTBXH, ceased on 01/3/2025",
           "* Illustrative figures, not official statistics."],
    "vi": ["Chế độ báo cáo", "Tiến độ nhiệm vụ", "Kế hoạch", "Cơ quan", "Ngày báo cáo", "Tình trạng", "Đúng hạn",
           "Muộn", "Chưa báo cáo", "Hoàn thành", "Đang triển khai", "Chưa triển khai", "(thay Sở LĐTBXH)",
           "0/126 đã báo cáo",
           "Cơ quan thường trực của kế hoạch hn-2025-gdnn: Sở LĐTBXH chấm dứt hoạt động từ 01/3/2025",
           "* Số liệu minh họa (illustrative), không phải số liệu chính thức."],
}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_status_speaks_the_users_language(lang, monkeypatch):
    """Headers, reporting states and task states follow --lang; names and accounts are data."""
    monkeypatch.setenv("GDNN_LANG", lang)
    res = CliRunner().invoke(app, ["status", "--data", str(REPO / "data"), "--year", "2025", "--plan", "hn-2025-gdnn"],
                             env={"COLUMNS": "250"})
    assert res.exit_code == 0, res.output
    for words in STATUS_WORDS[lang]:
        assert words in res.output, words
    other = STATUS_WORDS["vi" if lang == "en" else "en"]
    for words in other:
        assert words not in res.output, words


@pytest.mark.parametrize("lang,said", [
    ("en", ["Reporting: no report is due under these plans in this year.",
            "Task progress: no agency has reported on a task for this year yet."]),
    ("vi", ["Chế độ báo cáo: trong năm này các kế hoạch không quy định báo cáo nào.",
            "Tiến độ nhiệm vụ: chưa cơ quan nào báo cáo tiến độ nhiệm vụ của năm này."]),
])
def test_status_says_so_instead_of_printing_empty_tables(mini, monkeypatch, lang, said):
    monkeypatch.setenv("GDNN_LANG", lang)
    res = CliRunner().invoke(app, ["status", "--data", str(mini), "--year", "2025"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert [line for line in res.output.splitlines()[1:]] == said  # after the handover line, nothing else
    assert "┏" not in res.output
