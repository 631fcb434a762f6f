"""gdnn site: pages built from the library's answers, downloads equal to `gdnn gaps`, incremental writes.

Mirrors the site/ room (build.py, pages.py, charts.py, history.py); test_site_browser.py opens the
built pages in a browser."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.common.errors import GdnnError
from gdnn_cli.core.dataset import load
from gdnn_cli.site import build_site
from gdnn_cli.site.pages import collect
from gdnn_cli.site.target_pages import rule_text, trajectory
from gdnn_cli.tracking.status import actuals_index, gap_rows
from tests.conftest import REPO, edit, plan_path
from tests.test_tracking import RESULTS as TRACKING_RESULTS

# the tracking tests' results, with a link for the rate's source
RESULTS = TRACKING_RESULTS.replace("date: 2025-12-20}", 'date: 2025-12-20, url: "https://example.org/bc-1"}')
assert "example.org" in RESULTS


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if d.get("id"):
            self.ids.add(d["id"])
        for key in ("href", "src"):
            if d.get(key):
                self.hrefs.append(d[key])


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture
def mini_results(mini: Path) -> Path:
    (mini / "results" / "2025.yaml").write_text(RESULTS, encoding="utf-8")
    return mini


def build(data: Path, out: Path, **kw):
    ds = load(data)
    assert ds.ok, ds.errors
    return ds, build_site(ds, 2025, out, pdf=False, history=kw.pop("history", False), **kw)


def test_pages_downloads_and_figures(mini_results, tmp_path):
    ds, res = build(mini_results, tmp_path / "site")
    site = tmp_path / "site"
    for rel in ("index.html", "ke-hoach/tp-2025.html", "ke-hoach/tp-2025/cao-dang.html", "co-quan/tp-so-gddt.html",
                "tai-ve/tp-2025.docx", "tai-ve/chenh-lech-2025.csv", "style.css"):
        assert (site / rel).is_file(), rel
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in home
    # the JSON download is `gdnn gaps --format json`, byte for byte in content
    cli = CliRunner().invoke(app, ["gaps", "--year", "2025", "--format", "json", "--data", str(mini_results)])
    assert cli.exit_code == 0, cli.output
    assert json.loads((site / "tai-ve/chenh-lech-2025.json").read_text(encoding="utf-8")) == json.loads(cli.output)
    # the XLSX holds the same numbers
    from openpyxl import load_workbook

    ws = load_workbook(site / "tai-ve/chenh-lech-2025.xlsx")["Chỉ tiêu năm 2025"]
    actuals = {row[1].strip(): row[5] for row in ws.iter_rows(min_row=6, values_only=True) if row[1]}
    assert actuals["Cao đẳng"] == 250 and actuals["Đào tạo"] == 950 and actuals["Tỷ lệ lao động qua đào tạo"] == 71
    # the plan page prints each row as `gdnn gaps` does, with its status
    plan = (site / "ke-hoach/tp-2025.html").read_text(encoding="utf-8")
    assert re.search(r'data-target="dao-tao" data-status="not_met"', plan)
    assert re.search(r'data-target="dao-tao".*?data-col="actual">950\*<', plan, re.S)
    assert re.search(r'data-target="ty-le".*?data-col="actual">71%<', plan, re.S)
    # the home page counts what the rows say: cao đẳng, trung cấp, the rate and the range met or exceeded
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', home))
    rows = gap_rows(ds, 2025)
    assert int(counts["met"]) == sum(r.status in ("met", "exceeded") for r in rows) == 4
    assert int(counts["not_met"]) == sum(r.status == "not_met" for r in rows)
    assert int(counts["no_data"]) == sum(r.status == "no_data" for r in rows)
    assert res.pages == len(list(site.rglob("*.html")))


def test_target_page_sources_and_rule(mini_results, tmp_path):
    build(mini_results, tmp_path / "site")
    page = (tmp_path / "site/ke-hoach/tp-2025/ty-le.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/bc-1"' in page and "Báo cáo số 1/BC-SLĐTBXH, 20/12/2025" in page
    assert "chính thức" in page and "điểm phần trăm" in page
    assert "Số liệu minh họa." not in page  # an official figure only: no illustrative notice
    derived = (tmp_path / "site/ke-hoach/tp-2025/dao-tao.html").read_text(encoding="utf-8")
    assert "tổng số liệu của các chỉ tiêu thành phần" in derived and "Số liệu minh họa." in derived


def test_every_page_with_an_illustrative_figure_says_so(mini_results, tmp_path):
    build(mini_results, tmp_path / "site")
    starred = 0
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if re.search(r">[^<>]*\d\*<", text):
            starred += 1
            assert "Số liệu minh họa." in text, page
    assert starred >= 3


def test_links_resolve_and_pages_are_small(tmp_path):
    ds, _ = build(REPO / "data", tmp_path / "site", docx=False)
    site = tmp_path / "site"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        assert page.stat().st_size <= 300_000, page
        links = parse(page)
        for href in links.hrefs:
            if href.startswith(("https:", "http:", "data:", "mailto:")):
                continue
            target, _, anchor = href.partition("#")
            dest = (page.parent / target).resolve() if target else page
            assert dest.is_file(), f"{page.relative_to(site)} → {href}"
            if anchor:
                assert anchor in parse(dest).ids, f"{page.relative_to(site)} → {href}"
    assert not (site / "tai-ve" / "hn-2025-gdnn.docx").exists()  # --no-docx


def test_charts_are_svg_with_their_data(tmp_path):
    ds, _ = build(REPO / "data", tmp_path / "site", docx=False)
    page = (tmp_path / "site/ke-hoach/hp-2021-2030-chien-luoc.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) >= 5
    for svg in svgs:
        root = ET.fromstring(svg)  # well-formed
        described = root.get("aria-describedby")
        assert root.get("role") == "img" and f'id="{described}"' in page
    # the chart's table holds the yearly series: 2024 official 39%, the others illustrative
    table = re.search(r'<table id="bd-bang-cap-chung-chi-2025-data".*?</table>', page, re.S).group(0)
    assert re.search(r"2024</th><td class=\"num\">39%<", table)
    assert re.search(r"2023</th><td class=\"num\">38,1%\*<", table)
    # the y axis reads in round steps: 0%, 10% … 50%, never 12,5% or 37,5%
    labels = re.findall(r'text-anchor="end">([^<]*)<', svgs[0])
    assert labels == ["0%", "10%", "20%", "30%", "40%", "50%"]


@given(st.floats(min_value=0.01, max_value=1e9))
def test_chart_axis_labels_are_round(top):
    """Whatever the largest figure, the axis covers it and every label is a whole multiple of a
    1, 2 or 5 step (a 2,5 step only between 0 and 2,5 × 10ⁿ is allowed, as 0,5 steps)."""
    from gdnn_cli.site.charts import _divisions, _nice_max

    hi = _nice_max(top)
    n = _divisions(0.0, hi)
    step = hi / n
    assert hi >= top and n in (4, 5)
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
    assert any(math.isclose(mantissa, m, rel_tol=1e-9) for m in (1, 2, 5)), (top, hi, n)


def test_trajectory_path_runs_to_the_milestone():
    ds = load(REPO / "data")
    sd = collect(ds, 2025)
    plan = ds.plans["hp-2021-2030-chien-luoc"]
    t = next(x for x in plan.targets if x.id == "bang-cap-chung-chi-2030")
    row = next(r for r in sd.rows if r.target == t.id)
    tr = trajectory(sd, plan, t, actuals_index(ds, [plan]), row)
    assert tr.target == (2030, 45) and tr.path[2030] == pytest.approx(45)
    first = min(tr.actual)
    assert tr.path[first] == pytest.approx(tr.actual[first])  # starts at the first figure
    assert tr.forecast == (2030, pytest.approx(row.projected))
    assert tr.years[-1] == 2030 and 2026 not in tr.actual


def test_average_ahead_chart_and_rules_judge_the_mean(beyond):
    """An average to 2030 seen in 2026: each year's own figure against the flat yearly value, the mean so
    far as forecast (the row's actual), and rules that say so, not a trend from its first year."""
    ds = load(beyond)
    sd = collect(ds, 2026)
    plan = ds.plans["tt-2024-2030"]
    t = next(x for x in plan.targets if x.id == "tuyen-sinh")
    row = next(r for r in sd.rows if r.target == t.id)
    tr = trajectory(sd, plan, t, actuals_index(ds, [plan]), row)
    assert tr.actual == {2024: 28500, 2025: 27500, 2026: 28900}  # as reported, as the figures table lists them
    assert set(tr.path.values()) == {28000} and tr.target == (2030, 28000)
    assert tr.forecast == (2030, pytest.approx(row.actual)) and row.actual == pytest.approx(28300)
    rules = " ".join(rule_text(t, plan))
    assert "số bình quân của các năm đã có số liệu từ năm 2024" in rules and "đúng tiến độ" in rules
    assert "bình phương nhỏ nhất" not in rules and "ESCAP" not in rules


def test_rule_text_and_dates():
    ds = load(REPO / "data")
    plan = ds.plans["hn-2025-gdnn"]
    t = next(plan.all_targets())
    assert not any("bình phương nhỏ nhất" in r for r in rule_text(t, plan))  # a one-year plan has no trend


def test_second_build_rewrites_only_changed_pages(mini_results, tmp_path):
    site = tmp_path / "site"
    _, first = build(mini_results, site)
    assert first.written and not first.unchanged
    agency_page = site / "co-quan/tp-so-tai-chinh.html"
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    _, again = build(mini_results, site)
    assert again.written == [] and len(again.unchanged) == first.files
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == before
    edit(mini_results / "results" / "2025.yaml", "value: 250", "value: 260")
    _, third = build(mini_results, site)
    assert "ke-hoach/tp-2025/cao-dang.html" in third.written and "index.html" not in third.written
    assert "ke-hoach/tp-2025.html" in third.written and "tai-ve/chenh-lech-2025.json" in third.written
    assert "tai-ve/tp-2025.docx" not in third.written  # the plan itself did not change
    assert "ke-hoach/tp-2025/ty-le.html" not in third.written
    assert not agency_page.exists() or agency_page.stat().st_mtime_ns == before.get(agency_page)
    edit(plan_path(mini_results), "value: 200", "value: 250")
    edit(plan_path(mini_results), "value: 1000", "value: 1050")
    _, fourth = build(mini_results, site)
    assert "tai-ve/tp-2025.docx" in fourth.written


def _bundled(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    return data


def test_an_edited_plan_renders_its_pages_and_home_only(tmp_path, monkeypatch):
    """Inputs, not bytes, decide: a page whose plan, results and registry did not change is not rendered."""
    data, site = _bundled(tmp_path), tmp_path / "site"
    _, first = build(data, site, docx=False)
    assert len(first.rendered) == first.pages > 100
    hn = [p for p in site.rglob("*.html") if "hn-2025-gdnn" in p.as_posix()]
    before = {p: p.stat().st_mtime_ns for p in hn}
    edit(data / "plans/hai-phong/hp-2021-2030-chien-luoc.yaml", "title: Thực hiện Chiến lược",
         "title: Tổ chức thực hiện Chiến lược")
    _, second = build(data, site, docx=False)
    assert "ke-hoach/hp-2021-2030-chien-luoc.html" in second.written and "index.html" in second.rendered
    page = (site / "ke-hoach/hp-2021-2030-chien-luoc.html").read_text(encoding="utf-8")
    assert "Tổ chức thực hiện Chiến lược" in page
    assert any(r.startswith("ke-hoach/hp-2021-2030-chien-luoc/") for r in second.rendered)  # its target pages
    assert not [r for r in second.rendered if "hn-2025-gdnn" in r]  # another plan's pages: not even rendered
    assert {p: p.stat().st_mtime_ns for p in hn} == before
    sd = collect(load(data), 2025)
    named = {f"co-quan/{a}.html" for a, plans in sd.plans_of.items()
             if "hp-2021-2030-chien-luoc" in [p.id for p in plans]}
    assert set(second.rendered) - named == {"index.html", "ban-hanh/hp-ubnd.html"} | {
        r for r in second.rendered if r.startswith("ke-hoach/hp-2021-2030-chien-luoc")}
    assert "co-quan/hn-so-gddt.html" not in second.rendered and second.pages == first.pages
    assert json.loads((site / ".gdnn-site.json").read_text(encoding="utf-8"))["rendered"] == len(second.rendered)

    from gdnn_cli.site import pages

    def no_collect(*a, **k):
        raise AssertionError("nothing changed: the year's figures need not be computed")

    monkeypatch.setattr(pages, "collect", no_collect)
    _, third = build(data, site, docx=False)
    assert third.rendered == [] and third.written == [] and third.pages == first.pages
    assert len(third.unchanged) == len(json.loads((site / ".gdnn-site.json").read_text(encoding="utf-8"))["files"])


def test_a_passed_deadline_renders_the_pages_again(tmp_path):
    """A report not received is 'not due' before its deadline and 'missing' after: the pages that
    show it are rendered again on the day after it passes, not before."""
    import datetime as dt

    ds = load(_bundled(tmp_path))
    site = tmp_path / "site"
    due = min(r.due for r in collect(ds, 2025, today=dt.date(2025, 1, 1)).reporters_of("hn-2025-gdnn")
              if r.due and not r.reported)
    first = build_site(ds, 2025, site, docx=False, history=False, today=due - dt.timedelta(days=2))
    same = build_site(ds, 2025, site, docx=False, history=False, today=due)
    assert same.rendered == []  # on the deadline itself the report is not yet late
    after = build_site(ds, 2025, site, docx=False, history=False, today=due + dt.timedelta(days=1))
    assert "ke-hoach/hn-2025-gdnn.html" in after.written and "index.html" in after.rendered
    assert "ke-hoach/hp-2021-2030-chien-luoc.html" not in after.rendered
    assert first.pages == after.pages


def test_pages_of_a_removed_target_are_removed(mini_results, tmp_path):
    site = tmp_path / "site"
    build(mini_results, site)
    (site / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")  # a file of the user's, inside the site
    edit(plan_path(mini_results),
         "    shares:\n"
         "      - {id: ty-le-bang, name: Có bằng cấp, unit: \"%\", measure: rate, value: 50, year: 2025}\n",
         "")
    edit(plan_path(mini_results), "; trong đó có bằng cấp, chứng chỉ {ty-le-bang}.", ".")  # its sentence too
    _, res = build(mini_results, site)
    assert res.removed == ["ke-hoach/tp-2025/ty-le-bang.html"]
    assert not (site / "ke-hoach/tp-2025/ty-le-bang.html").exists()
    assert (site / "ghi-chu.txt").read_text(encoding="utf-8") == "của tôi"


def test_refuses_a_folder_it_did_not_write(mini_results, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "index.html").write_text("trang của tôi", encoding="utf-8")
    with pytest.raises(GdnnError, match="did not write"):
        build(mini_results, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "trang của tôi"
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Chuyên viên", "-c", "user.email=cv@example.org", *args], cwd=cwd,
                   check=True, capture_output=True)


def test_history_page_shows_changes_in_plan_terms(mini_results, tmp_path):
    repo = mini_results.parent
    _git(repo, "init", "-q")
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "Dự thảo lần 1")
    edit(plan_path(mini_results), "value: 200", "value: 250")
    edit(plan_path(mini_results), "value: 1000", "value: 1050")
    _git(repo, "commit", "-q", "-am", "Tăng chỉ tiêu cao đẳng theo ý kiến Sở")
    _, res = build(mini_results, tmp_path / "site", history=True)
    page = (tmp_path / "site/ke-hoach/tp-2025/lich-su.html").read_text(encoding="utf-8")
    assert "Tăng chỉ tiêu cao đẳng theo ý kiến Sở" in page and "Chuyên viên" in page
    assert "Cao đẳng: 200 → 250 người (+50)" in page
    assert "Phiên bản đầu tiên" in page
    plan = (tmp_path / "site/ke-hoach/tp-2025.html").read_text(encoding="utf-8")
    assert 'href="../ke-hoach/tp-2025/lich-su.html"' in plan
    _, again = build(mini_results, tmp_path / "site", history=True)
    assert again.written == []  # the comparison is remembered


def test_no_history_outside_git(mini_results, tmp_path):
    build(mini_results, tmp_path / "site", history=True)
    assert not list((tmp_path / "site").rglob("lich-su.html"))


def test_cli_site(mini_results, tmp_path):
    out = tmp_path / "site"
    r = CliRunner().invoke(app, ["site", "--data", str(mini_results), "--year", "2025", "-o", str(out), "--no-pdf"])
    assert r.exit_code == 0, r.output
    assert "index.html" in r.output and (out / "index.html").is_file()


def test_cli_site_refuses_invalid_data(mini_results, tmp_path):
    edit(plan_path(mini_results), "value: 200", "value: 210")  # the parts no longer add up
    out = tmp_path / "site"
    r = CliRunner().invoke(app, ["site", "--data", str(mini_results), "--year", "2025", "-o", str(out)])
    assert r.exit_code == 1
    assert not out.exists()


def test_large_folders_get_summary_pages(monkeypatch, tmp_path):
    """A national corpus: home lists issuers in one table and busy agencies one row per plan, so that
    no page grows with the number of plans."""
    from gdnn_cli.site import pages

    monkeypatch.setattr(pages, "HOME_CARDS", 2)
    monkeypatch.setattr(pages, "AGENCY_FULL", 1)
    ds, _ = build(REPO / "data", tmp_path / "site", docx=False)
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="co-quan-ban-hanh"' in home and 'class="card"' not in home
    assert re.search(r'href="ban-hanh/hn-ubnd.html">Ủy ban nhân dân thành phố Hà Nội</a></th><td class="num" '
                     r'data-label="Kế hoạch">3<', home)
    issuer = (site / "ban-hanh/hn-ubnd.html").read_text(encoding="utf-8")
    assert issuer.count('class="card"') == 3
    monkeypatch.setattr(pages, "ISSUER_CARDS", 2)
    build(REPO / "data", site, docx=False)
    issuer = (site / "ban-hanh/hn-ubnd.html").read_text(encoding="utf-8")
    assert 'class="card"' not in issuer and issuer.count("<tr data-plan=") == 3
    agency = (site / "co-quan/hn-so-gddt.html").read_text(encoding="utf-8")
    assert 'id="ke-hoach"' in agency and "Đúng hạn: 1" in agency
    monkeypatch.setattr(pages, "AGENCY_ROWS", 1)
    build(REPO / "data", site, docx=False)
    agency = (site / "co-quan/hn-so-gddt.html").read_text(encoding="utf-8")
    assert 'id="ban-hanh"' in agency and 'id="ke-hoach"' not in agency
    assert re.search(r'href="../ban-hanh/hn-ubnd.html">Ủy ban nhân dân thành phố Hà Nội</a></th><td class="num" '
                     r'data-label="Kế hoạch">3<', agency)


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_pdf_offered_when_libreoffice_is_present(mini_results, tmp_path):
    ds = load(mini_results)
    site = tmp_path / "site"
    first = build_site(ds, 2025, site, history=False)  # pdf=None: convert when soffice is on PATH
    assert (site / "tai-ve/tp-2025.pdf").read_bytes()[:5] == b"%PDF-"
    assert 'href="../tai-ve/tp-2025.pdf"' in (site / "ke-hoach/tp-2025.html").read_text(encoding="utf-8")
    assert "tai-ve/tp-2025.pdf" in first.written
    again = build_site(ds, 2025, site, history=False)
    assert again.written == []  # neither the .docx nor the .pdf is made again


def test_output_that_is_a_file_is_refused(mini_results, tmp_path):
    target = tmp_path / "site.html"
    target.write_text("x", encoding="utf-8")
    r = CliRunner().invoke(app, ["site", "--data", str(mini_results), "--year", "2025", "-o", str(target)])
    assert isinstance(r.exception, GdnnError) and "is not a folder" in str(r.exception)  # main() exits 1
    assert target.read_text(encoding="utf-8") == "x"
    with pytest.raises(GdnnError, match="inside the data folder"):
        build(mini_results, mini_results / "site")
    assert not (mini_results / "site").exists()


def test_a_failed_write_is_reported_and_the_next_build_completes(mini_results, tmp_path, monkeypatch):
    from gdnn_cli.common import atomic

    site = tmp_path / "site"
    real, calls = atomic.write_bytes, []

    def flaky(path, data):
        calls.append(path)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(atomic, "write_bytes", flaky)
    with pytest.raises(GdnnError, match="cannot write .*No space left on device"):
        build(mini_results, site)
    assert not site.exists() and not list(tmp_path.glob(".gdnn-stage-*"))  # a first build: all or nothing
    monkeypatch.setattr(atomic, "write_bytes", real)
    build(mini_results, site)
    monkeypatch.setattr(atomic, "write_bytes", flaky)
    edit(mini_results / "results" / "2025.yaml", "value: 250", "value: 260")
    calls[:] = [None] * 4  # the next write fails
    with pytest.raises(GdnnError, match="No space left on device"):
        build(mini_results, site)
    monkeypatch.setattr(atomic, "write_bytes", real)
    _, again = build(mini_results, site)  # the folder is still the site's: completed, not refused
    assert "ke-hoach/tp-2025/cao-dang.html" in again.written and again.unchanged
    assert not list(site.rglob("*.tmp"))


def test_a_plan_that_cannot_be_rendered_is_named(mini_results, tmp_path, monkeypatch):
    from gdnn_cli.documents import plan_doc

    def broken(*a, **k):
        raise KeyError("letterhead")

    monkeypatch.setattr(plan_doc, "render_plan", broken)
    with pytest.raises(GdnnError, match="the .docx of plan tp-2025 could not be rendered .*--no-docx"):
        build_site(load(mini_results), 2025, tmp_path / "site", pdf=False, history=False)
