"""Shared fixtures: a small valid data folder copied per test, and a helper to break one file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent

# CI runs the same examples every time (a red build must be reproducible); locally Hypothesis explores.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("GDNN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """Tests read messages by their English ids unless they ask for Vietnamese (the ``vi`` fixture);
    monkeypatch also undoes a ``--lang`` that a CLI test set."""
    monkeypatch.setenv("GDNN_LANG", "en")


@pytest.fixture
def vi(monkeypatch):
    """Messages in Vietnamese, as users see them by default."""
    monkeypatch.setenv("GDNN_LANG", "vi")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/mini: one plan, four agencies, valid."""
    dst = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", dst)
    (dst / "results").mkdir(exist_ok=True)  # git keeps no empty folders
    return dst


def plan_path(root: Path) -> Path:
    return root / "plans" / "tp-2025.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def beyond(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/beyond: a made-up 2024–2030 plan using every kind the seeds lack
    (averages, a ratio to a base, a budget with preferential loans, party and council bases, a
    baseline before the period), with results 2023–2026."""
    dst = tmp_path / "beyond"
    shutil.copytree(FIXTURES / "beyond", dst)
    return dst


def beyond_plan(root: Path) -> Path:
    return root / "plans" / "tt-2024-2030.yaml"


def issues(root: Path, code: str) -> list:
    """The problems of one code that validating ``root`` reports."""
    from gdnn_cli.core.dataset import load

    return [i for i in load(root).issues if i.code == code]


def run_gdnn(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed `gdnn` program as users start it (``python -m gdnn_cli`` when it is not on PATH):
    exit codes, stderr and tracebacks are only real in a separate process."""
    exe = shutil.which("gdnn") or None
    cmd = [exe, *args] if exe else [sys.executable, "-m", "gdnn_cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=120)


SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)")


def check_jsonschema(schema: Path, files: list[Path]) -> subprocess.CompletedProcess:
    """check-jsonschema, the validator editors' YAML servers agree with, over ``files``."""
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    assert exe, "check-jsonschema is a test dependency (pip install -e '.[test]')"
    return subprocess.run([exe, "--schemafile", str(schema), *map(str, files)], capture_output=True, text=True,
                          timeout=300)


def schema_of(path: Path) -> Path:
    """The JSON Schema a data file names on its first line (what an editor will check it against)."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = SCHEMA_LINE.match(first)
    assert m, f"{path.relative_to(REPO)} does not name its JSON Schema on its first line"
    return (path.parent / m.group(1)).resolve()


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file's bytes under ``folders``: equal before and after shows that nothing was written or changed."""
    return {str(p): p.read_bytes() for f in folders if f.exists() for p in sorted(f.rglob("*")) if p.is_file()}
