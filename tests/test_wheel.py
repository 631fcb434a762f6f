"""Installed, not cloned: build the wheel, install it into a fresh venv, run gdnn outside the repository.

The fresh venv gets the wheel *with its declared dependencies*, resolved by pip from wherever this
machine's pip installs packages (the same package index that installed the test venv; CI's own
`pip install -e '.[test]'` needs it too), and nothing else: no --system-site-packages, no path
borrowed from the test venv. So a runtime import of a package that pyproject.toml does not declare
fails here, as it would for a clerk who runs `pipx install gdnn`. The install takes about 45 s of
the suite's time (matplotlib and its companions), once per run: every test below shares the venv.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

SKIP = {".git", ".venv", ".venv-ci", "out", "build", "dist", "corpus", "__pycache__", ".pytest_cache",
        ".hypothesis", "node_modules"}


def _run(args, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kw)
    assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build from a copy of the tree, so that the build leaves nothing (build/, egg-info) in the checkout."""
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src-copy"
    shutil.copytree(REPO, src, symlinks=True, ignore=lambda d, names: [n for n in names if n in SKIP
                                                                       or n.endswith(".egg-info")])
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", root / "dist", src])
    (found,) = (root / "dist").glob("gdnn-*.whl")
    return found


def test_wheel_carries_templates_schemas_and_starter_files(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        shipped = {
            "gdnn_cli/templates/ke-hoach.docx": REPO / "templates" / "ke-hoach.docx",
            "gdnn_cli/templates/bao-cao.docx": REPO / "templates" / "bao-cao.docx",
            **{f"gdnn_cli/schemas/{k}.schema.json": REPO / "schemas" / f"{k}.schema.json"
               for k in ("plan", "agencies", "results")},
            "gdnn_cli/starter/hn/data/agencies/ha-noi.yaml": REPO / "data" / "agencies" / "ha-noi.yaml",
            "gdnn_cli/starter/common/ci/gitlab-ci.yml": REPO / "docs" / "ci" / "gitlab-ci.yml",
            "gdnn_cli/starter/hn/data/plans/ha-noi/hn-2025-gdnn.yaml":
                REPO / "data" / "plans" / "ha-noi" / "hn-2025-gdnn.yaml",
        }
        for name, original in shipped.items():
            assert name in names, f"{name} is not in the wheel"
            assert zf.read(name) == original.read_bytes(), f"{name} in the wheel differs from {original}"
        assert "gdnn_cli/locale/vi/LC_MESSAGES/gdnn.mo" in names  # the Vietnamese messages
        for path in (REPO / "templates").glob("*.docx"):  # a new template is carried without a packaging edit
            assert f"gdnn_cli/templates/{path.name}" in names
        assert not any(n.startswith(("gdnn_cli/templates/build", "tests/", "data/")) for n in names)
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        requires = [ln for ln in zf.read(meta).decode().splitlines() if ln.startswith("Requires-Dist:")]
    runtime = [r for r in requires if "extra ==" not in r]
    # docxtpl's subdocuments (the report's tables) import docxcompose, which docxtpl does not declare
    assert any("docxcompose" in r for r in runtime)
    assert any("ruamel.yaml" in r for r in runtime)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding the wheel and what it declares, and nothing borrowed from this one."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    env = _env(venv)
    _run([sys.executable, "-m", "pip", "--python", python, "install", "-q", wheel], env=env)
    _run([sys.executable, "-m", "pip", "--python", python, "check"], env=env)  # every declared requirement met
    where = _run([python, "-c", "import gdnn_cli; print(gdnn_cli.__file__)"], env=env).stdout
    assert where.startswith(str(venv)), f"gdnn_cli imported from {where}, not from the fresh venv"
    return venv / "bin" / "gdnn"


def test_fresh_venv_borrows_nothing_from_the_test_venv(installed):
    """The test's own packages are out of reach: only what the wheel declares was installed."""
    python = installed.parent / "python"
    probe = subprocess.run([python, "-c", "import pytest"], capture_output=True, text=True, env=_env(installed.parent))
    assert probe.returncode != 0 and "No module named 'pytest'" in probe.stderr


def test_every_module_of_the_installed_package_imports(installed):
    """An undeclared runtime dependency fails here, not at a clerk's desk (commands import lazily, so
    running a few commands would not reach every import)."""
    script = ("import importlib, pkgutil, gdnn_cli\n"
              "names = [m.name for m in pkgutil.walk_packages(gdnn_cli.__path__, 'gdnn_cli.')\n"
              "         if not m.name.endswith('__main__')]  # that one runs gdnn\n"
              "for n in names:\n"
              "    importlib.import_module(n)\n"
              "print(len(names))")
    done = _run([installed.parent / "python", "-c", script], env=_env(installed.parent), cwd=installed.parent)
    assert int(done.stdout) > 40


def _env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GDNN_", "PYTHON", "VIRTUAL_ENV"))}
    env["GDNN_CACHE_DIR"] = str(tmp / "cache")
    return env


def test_installed_gdnn_runs_outside_the_repository(installed, tmp_path):
    from docx import Document

    work = tmp_path / "so-gddt"
    shutil.copytree(REPO / "data", work / "data")
    env = _env(tmp_path)
    checked = _run([installed, "validate"], cwd=work, env=env)
    assert "hợp lệ" in checked.stdout  # Vietnamese by default, from the wheel's catalog
    _run([installed, "plan", "hn-2025-gdnn"], cwd=work, env=env)
    gaps = _run([installed, "gaps", "--year", "2025", "--plan", "hn-2025-gdnn", "--format", "csv"], cwd=work, env=env)
    assert "dao-tao-cao-dang" in gaps.stdout or "Cao đẳng" in gaps.stdout
    _run([installed, "report", "--year", "2025", "--issuer", "hn-ubnd"], cwd=work, env=env)
    plan = Document(str(work / "out" / "hn-2025-gdnn.docx"))
    assert any("giáo dục nghề nghiệp" in p.text for p in plan.paragraphs)
    report = Document(str(work / "out" / "2025" / "bao-cao-hn-ubnd-2025.docx"))
    assert any("BÁO CÁO" in p.text.upper() for p in report.paragraphs)
    _run([installed, "site", "--year", "2025", "--no-pdf", "--no-history"], cwd=work, env=env)
    assert '<html lang="vi">' in (work / "site" / "index.html").read_text(encoding="utf-8")
    assert (work / "site" / "style.css").stat().st_size > 1000  # the packaged stylesheet, not an empty file
    assert (work / "site" / "tai-ve" / "hn-2025-gdnn.docx").is_file()
    assert not (work / "templates").exists()  # the packaged templates served, nothing was copied here


def test_installed_gdnn_prefers_the_data_repositorys_templates(installed, tmp_path):
    from docx import Document

    work = tmp_path / "so"
    shutil.copytree(REPO / "data", work / "data")
    (work / "templates").mkdir()
    own = Document(str(REPO / "templates" / "ke-hoach.docx"))
    own.paragraphs[0].insert_paragraph_before("MẪU RIÊNG CỦA SỞ")
    own.save(str(work / "templates" / "ke-hoach.docx"))
    _run([installed, "plan", "hn-2025-gdnn"], cwd=work, env=_env(tmp_path))
    rendered = Document(str(work / "out" / "hn-2025-gdnn.docx"))
    assert any(p.text == "MẪU RIÊNG CỦA SỞ" for p in rendered.paragraphs)


def test_installed_gdnn_init_new_plan_validate(installed, tmp_path):
    """The issue's "Done when", as a clerk runs it from the installed program, in Vietnamese (the
    default): init, validate, next year's plan and what the drafter must decide, validate, the plan
    as .docx, the year's report."""
    from docx import Document

    env = _env(tmp_path)
    _run([installed, "init", tmp_path / "kho", "--province", "hn"], cwd=tmp_path, env=env)
    kho = tmp_path / "kho"
    assert "hợp lệ, 0 lỗi" in _run([installed, "validate"], cwd=kho, env=env).stdout
    rolled = _run([installed, "new", "plan", "hn-2026-gdnn", "--from", "hn-2025-gdnn", "--year", "2026"],
                  cwd=kho, env=env).stdout
    decide = rolled.split("Người soạn cần quyết định (3):\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line for line in decide if line.startswith("  hn-2026-gdnn.yaml:")] == [
        f"  hn-2026-gdnn.yaml:{at} Nhiệm vụ của «{aid}» (mục V): {name} thành phố Hà Nội nay có hai khối nhiệm vụ "
        f"(khối thứ nhất bắt đầu ở dòng {first}): cần gộp lại"
        for at, aid, name, first in ((234, "hn-so-gddt", "Sở Giáo dục và Đào tạo", 214),
                                     (248, "hn-so-tai-chinh", "Sở Tài chính", 242),
                                     (271, "hn-so-khcn", "Sở Khoa học và Công nghệ", 265))], rolled
    assert "  thời gian thực hiện: năm 2025 → năm 2026\n" in rolled
    assert "[" not in rolled.split("\n\n", 1)[0], "a YAML path in the summary of what moved"
    new = (kho / "data" / "plans" / "ha-noi" / "hn-2026-gdnn.yaml").read_text(encoding="utf-8")
    old = (kho / "data" / "plans" / "ha-noi" / "hn-2025-gdnn.yaml").read_text(encoding="utf-8")
    assert "VÍ DỤ do `gdnn init`" in old and "VÍ DỤ do `gdnn init`" not in new  # the draft is the department's
    assert "hợp lệ, 0 lỗi" in _run([installed, "validate"], cwd=kho, env=env).stdout
    _run([installed, "plan", "hn-2026-gdnn"], cwd=kho, env=env)
    plan = "".join(Document(str(kho / "out" / "hn-2026-gdnn.docx")).element.body.itertext())
    assert re.search(r"Hà Nội, ngày\s+tháng\s+năm 2026", plan) and "KẾ HOẠCH" in plan  # day, month to fill
    _run([installed, "report", "--year", "2025"], cwd=kho, env=env)
    assert (kho / "out" / "2025" / "bao-cao-hn-ubnd-2025.docx").is_file()
