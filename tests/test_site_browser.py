"""The built site in a real browser: Debian's Chromium driven by Playwright (its own download is not used).

Follows the links home → plan → target → agency, visits every page for console errors and broken
links, compares the figures on the plan pages with `gdnn gaps --format json`, checks keyboard
access and the 375 px layout, and takes screenshots at 1280 and 375 px (kept in
$GDNN_SCREENSHOTS when it is set, else in the test's temp folder).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.common.vocab import VERDICTS, vi
from tests.conftest import REPO

CHROMIUM = next((p for p in (os.environ.get("GDNN_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium",
                             shutil.which("chromium-browser"), shutil.which("google-chrome"))
                 if p and Path(p).is_file()),
                None)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")
if CHROMIUM is None:
    pytest.skip("BROWSER TESTS SKIPPED: no Chromium found (Debian: apt-get install -y chromium; or set GDNN_CHROMIUM)",
                allow_module_level=True)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Phòng GDNN", "-c", "user.email=gdnn@example.org", *args], cwd=cwd,
                   check=True, capture_output=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[dict]]:
    """The bundled data in a git repository with one reviewed edit, and its site for 2025."""
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPO / "data", repo / "data")
    _git(repo, "init", "-q")
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "Dữ liệu kế hoạch năm 2025")
    plan = repo / "data/plans/ha-noi/hn-2025-gdnn.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("due: 2025-12-15", "due: 2025-12-10", 1)
    text = text.replace("\ntitle: Triển khai công tác", "\ntitle: Tổ chức triển khai công tác", 1)
    plan.write_text(text, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "Rút ngắn hạn báo cáo theo ý kiến Văn phòng UBND")
    site = tmp_path_factory.mktemp("out") / "site"
    runner = CliRunner()
    r = runner.invoke(app, ["site", "--data", str(repo / "data"), "--year", "2025", "-o", str(site), "--no-pdf"])
    assert r.exit_code == 0, r.output
    g = runner.invoke(app, ["gaps", "--data", str(repo / "data"), "--year", "2025", "--format", "json"])
    assert g.exit_code == 0, g.output
    return site, json.loads(g.output)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


def shots_dir(tmp_path: Path) -> Path:
    d = Path(os.environ.get("GDNN_SCREENSHOTS") or tmp_path)
    d.mkdir(parents=True, exist_ok=True)
    return d


def watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console",
            lambda m: errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    return errors


def number(text: str) -> float:
    """'243.300*' → 243300, '75,1%' → 75.1: read a figure back as the page prints it."""
    t = text.strip().rstrip("*").rstrip("%").replace(".", "").replace(",", ".")
    return float(t)


def test_follow_links_home_plan_target_agency(built, browser, tmp_path):
    site, _ = built
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = watch(page)
    page.goto((site / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == "vi"
    shots = shots_dir(tmp_path)
    page.screenshot(path=str(shots / "site-home-1280.png"), full_page=True)
    page.get_by_role("link", name="Tổ chức triển khai công tác giáo dục nghề nghiệp trên địa bàn thành phố Hà Nội "
                     "năm 2025").click()
    assert page.url.endswith("ke-hoach/hn-2025-gdnn.html")
    assert page.locator("h1").inner_text().startswith("Tổ chức triển khai công tác giáo dục nghề nghiệp")
    page.screenshot(path=str(shots / "site-plan-1280.png"), full_page=True)
    page.locator("#bang-chi-tieu").get_by_role("link", name="Cao đẳng").click()
    assert page.url.endswith("ke-hoach/hn-2025-gdnn/dao-tao-cao-dang.html")
    assert page.locator("h1").inner_text() == "Cao đẳng"
    page.locator(".crumbs a").nth(1).click()
    page.locator("#tinh-hinh-bao-cao").get_by_role("link", name="Sở GD&ĐT").first.click()
    assert page.url.endswith("co-quan/hn-so-gddt.html")
    assert page.locator("h1").inner_text() == "Sở Giáo dục và Đào tạo thành phố Hà Nội"
    page.get_by_role("link", name="Trang chủ").click()
    assert page.url.endswith("index.html")
    assert errors == []


def test_every_page_loads_without_errors_or_broken_links(built, browser):
    site, _ = built
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = watch(page)
    seen: set[Path] = set()
    todo = [site / "index.html"]
    broken = []
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        page.goto(path.as_uri())
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            url = urlparse(href)
            if url.scheme != "file":
                continue
            dest = Path(unquote(url.path))
            if not dest.is_file():
                broken.append(f"{path.relative_to(site)} → {href}")
            elif url.fragment and not page.evaluate(
                    "([u, f]) => u !== location.href.split('#')[0] || !!document.getElementById(f)",
                    [href.split("#")[0], url.fragment]):
                broken.append(f"{path.relative_to(site)} → #{url.fragment}")
            elif dest.suffix == ".html":
                todo.append(dest)
    assert broken == []
    assert errors == []
    assert len(seen) == len(list(site.rglob("*.html")))  # every page is reachable from home


def test_plan_figures_equal_gdnn_gaps(built, browser):
    site, rows = built
    page = browser.new_page()
    checked = 0
    for plan_id in sorted({r["plan"] for r in rows}):
        page.goto((site / f"ke-hoach/{plan_id}.html").as_uri())
        shown = page.eval_on_selector_all(
            "#bang-chi-tieu tbody tr",
            "trs => trs.map(tr => [tr.dataset.target, tr.querySelector('[data-col=actual]').innerText, "
            "tr.querySelector('[data-col=verdict]').innerText])")
        expected = [r for r in rows if r["plan"] == plan_id]
        assert [s[0] for s in shown] == [r["target"] for r in expected]
        for (target, actual, verdict), r in zip(shown, expected, strict=True):
            if r["actual"] is None:
                assert actual == "—", target
            else:
                assert number(actual) == pytest.approx(round(r["actual"], 2)), target
                assert actual.endswith("*") == r["illustrative"], target
            assert verdict.startswith(vi(VERDICTS, r["status"])), target
            checked += 1
    assert checked == len(rows) > 20
    # home counts equal the rows too
    page.goto((site / "index.html").as_uri())
    for plan_id in sorted({r["plan"] for r in rows}):
        card = page.locator(f"[data-plan='{plan_id}']")
        now = [r for r in rows if r["plan"] == plan_id and not r["trend"]]
        if now:
            assert int(card.locator("[data-count=not_met]").inner_text()) == sum(r["status"] == "not_met" for r in now)
            assert int(card.locator("[data-count=met]").inner_text()) == sum(
                r["status"] in ("met", "exceeded") for r in now)


def test_history_page_in_plan_terms(built, browser):
    site, _ = built
    page = browser.new_page()
    page.goto((site / "ke-hoach/hn-2025-gdnn/lich-su.html").as_uri())
    text = page.locator("main").inner_text()
    assert "Rút ngắn hạn báo cáo theo ý kiến Văn phòng UBND" in text
    assert "Hạn báo cáo gửi Sở LĐTBXH: 15/12/2025 → 10/12/2025 (sớm hơn 5 ngày)" in text
    assert page.locator("main ins").first.inner_text() == "Tổ chức triển"
    assert page.locator("main del").first.inner_text() == "Triển"


def test_keyboard_and_small_screens(built, browser, tmp_path):
    site, _ = built
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate("document.activeElement.innerText") == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page.keyboard.press("Tab")  # the next stop is a link inside the main content, with a visible focus ring
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert page.evaluate("document.activeElement.closest('main') !== null") and outline != "none"
    # tables that scroll sideways can be reached and scrolled with the keyboard
    page.goto((site / "ke-hoach/hp-2021-2030-chien-luoc.html").as_uri())
    assert page.locator(".scroll[tabindex='0']").count() >= 1


SHOWN = (("index.html", "home"), ("ke-hoach/hp-2021-2030-chien-luoc.html", "plan"),
         ("ke-hoach/hp-2021-2030-chien-luoc/bang-cap-chung-chi-2030.html", "target"),
         ("co-quan/hn-so-gddt.html", "agency"), ("ke-hoach/hn-2025-gdnn/lich-su.html", "history"))


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_without_overflow(built, browser, tmp_path, width):
    """Home, a plan, a target, an agency and a history page at a desk's and a phone's width: nothing
    is wider than the screen (wide tables scroll inside their own box) and no word is cut."""
    site, _ = built
    page = browser.new_page(viewport={"width": width, "height": 900})
    shots = shots_dir(tmp_path)
    for rel, name in SHOWN:
        page.goto((site / rel).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width, rel
        clipped = page.evaluate("""() => [...document.querySelectorAll('main *')].filter(e => {
            const s = getComputedStyle(e);
            return s.overflowX === 'hidden' && e.scrollWidth > e.clientWidth + 1 && !e.closest('.scroll');
        }).map(e => e.tagName + '.' + e.className)""")
        assert clipped == [], rel
        page.screenshot(path=str(shots / f"site-{name}-{width}.png"), full_page=True)


CONTRAST_JS = """
() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.skip')) continue;
    const fg = rgb(el instanceof SVGElement ? style.fill : style.color).slice(0, 3);
    const [a, b] = [lum(fg), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && style.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5))
      bad.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  return bad;
}
"""


def test_text_contrast_is_wcag_aa(built, browser):
    """Every piece of text against its background, as axe's colour-contrast rule measures it."""
    site, _ = built
    page = browser.new_page()
    for rel in ("index.html", "ke-hoach/hn-2025-gdnn.html", "ke-hoach/hp-2021-2030-chien-luoc.html",
                "ke-hoach/hp-2021-2030-chien-luoc/bang-cap-chung-chi-2030.html", "co-quan/hn-so-gddt.html",
                "ke-hoach/hn-2025-gdnn/lich-su.html", "ban-hanh/hn-ubnd.html"):
        page.goto((site / rel).as_uri())
        assert page.evaluate(CONTRAST_JS) == [], rel
