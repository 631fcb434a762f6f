"""docs/huong-dan.md: every example in the Vietnamese guide runs as written, in order.

The guide marks what the test does with HTML comments (invisible when rendered):
``<!-- tệp: PATH -->`` before a yaml block — write that file; ``<!-- sửa: PATH -->`` before a diff
block — replace each ``-`` line by the ``+`` line after it; ``<!-- mẫu: số liệu -->`` before a yaml
block — a list of result figures the model must accept; ``<!-- kết quả có -->`` before a text block —
lines the previous command printed; ``<!-- điền biểu: FORM target=value … -->`` alone — fill a form as
the body would in Excel (tests/test_exchange.py's helper). Every ``sh`` line runs with the installed
``gdnn`` and must succeed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

GUIDE = REPO / "docs" / "huong-dan.md"
BLOCK = re.compile(r"(?:<!-- (?P<mark>[^>]*?) -->\n)?```(?P<lang>\w+)\n(?P<body>.*?)```"
                   r"|<!-- (?P<fill>điền biểu: [^>]*?) -->\n\n", re.S)


def blocks() -> list[tuple[str, str, str]]:
    """(marker, language, body) in document order; a form to fill is a marker alone ('', '')."""
    return [(m.group("fill"), "", "") if m.group("fill") else (m.group("mark") or "", m.group("lang"), m.group("body"))
            for m in BLOCK.finditer(GUIDE.read_text("utf-8"))]


def test_every_block_is_checked():
    for mark, lang, _body in blocks():
        assert lang == "sh" or mark, f"a {lang} block without a marker would not be checked"
        assert lang in ("sh", "yaml", "diff", "text", ""), lang


def _apply(path: Path, body: str) -> None:
    lines = body.splitlines()
    text = path.read_text(encoding="utf-8")
    for old, new in zip(lines[::2], lines[1::2], strict=True):
        assert old.startswith("-") and new.startswith("+"), (old, new)
        assert text.count(old[1:] + "\n") == 1, f"{old[1:]!r} is not exactly once in {path}"
        text = text.replace(old[1:] + "\n", new[1:] + "\n")
    path.write_text(text, encoding="utf-8")


@pytest.mark.skipif(not shutil.which("git"), reason="the guide's review section needs git")
def test_guide_runs_as_written(tmp_path):
    from gdnn_cli.core.results import ResultFile

    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               GIT_AUTHOR_NAME="Cán bộ", GIT_AUTHOR_EMAIL="cb@example.vn", GIT_COMMITTER_NAME="Cán bộ",
               GIT_COMMITTER_EMAIL="cb@example.vn")
    env.pop("GDNN_DATA", None)
    env.pop("GDNN_TEMPLATES", None)
    cwd = tmp_path
    last = ""
    ran = 0
    for mark, lang, body in blocks():
        if lang == "sh":
            for line in body.splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if line.startswith("cd "):
                    cwd = cwd / line[3:].strip()
                    continue
                proc = subprocess.run(line, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
                assert proc.returncode == 0, f"`{line}` failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
                last, ran = proc.stdout, ran + 1
        elif mark.startswith("tệp: "):
            path = cwd / mark[5:]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        elif mark.startswith("sửa: "):
            _apply(cwd / mark[5:], body)
        elif mark.startswith("điền biểu: "):  # as the body would in Excel: figures, who filled it, when
            import datetime as dt

            from test_exchange import fill

            form, *answers = mark[len("điền biểu: "):].split()
            fill(cwd / form, cwd / form, {k: float(v) for k, v in (a.split("=") for a in answers)},
                 when=dt.date(2026, 12, 2))
        elif mark == "mẫu: số liệu":
            ResultFile.model_validate({"plan": "vi-du-2026", "year": 2026, "figures": yaml.safe_load(body)})
        elif mark == "kết quả có":
            for expected in filter(None, body.splitlines()):
                assert expected in last, f"{expected!r} is not in the output:\n{last}"
        else:
            raise AssertionError(f"unknown marker {mark!r}")
    assert ran >= 12
    assert (cwd / "out" / "vi-du-2026.docx").is_file()
    assert (cwd / "out" / "2026" / "bao-cao-hn-ubnd-2026.xlsx").is_file()
    assert (cwd / "out" / "hn-2026-gdnn.docx").is_file()
    collected = [f for p in sorted((cwd / "data" / "results").rglob("*.yaml"))
                 for f in (yaml.safe_load(p.read_text(encoding="utf-8")).get("figures") or [])
                 if f["target"] == "lao-dong-nong-thon" and f.get("year", 2026) == 2026]
    assert [f["value"] for f in collected] == [19400]  # the form's figure, collected
