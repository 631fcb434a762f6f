"""Every YAML example in README.md and docs/*.md parses and validates, as `gdnn validate` would.

A clerk copies examples from the documentation; one that does not validate teaches the wrong thing.
Whole files are recognised by their keys and validated in a data folder with the bundled agencies
and plans (references resolve); a fragment says what it is on its first line, ``# gdnn: plan.targets``,
and is validated inside a minimal plan. A pre-commit configuration must name gdnn's hook.
docs/huong-dan.md is a walk-through whose examples build on each other: tests/test_guide.py runs it
as written, in order, with the installed gdnn (and `gdnn validate` among its steps).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from gdnn_cli.core.dataset import load
from tests.conftest import REPO

FENCE = re.compile(r"^```yaml\n(.*?)^```", re.DOTALL | re.MULTILINE)
GUIDE = REPO / "docs" / "huong-dan.md"  # checked by tests/test_guide.py
DOCS = [REPO / "README.md", *sorted(p for p in (REPO / "docs").glob("*.md") if p != GUIDE)]
MINIMAL_PLAN = {
    "id": "vi-du", "issuer": "hn-ubnd", "place": "Hà Nội", "date": 2025, "title": "Ví dụ",
    "period": {"start": 2025, "end": 2030},
    "sections": [{"include": k} for k in ("targets", "task_groups", "funding", "assignments", "reporting")],
    "signature": {"title": "CHỦ TỊCH", "name": "Nguyễn Văn A"}, "illustrative": True,
}


def examples() -> list[tuple[str, str]]:
    out = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            out.append((f"{doc.name}:{text[:m.start()].count(chr(10)) + 1}", m.group(1)))
    return out


EXAMPLES = examples()


def test_the_docs_have_yaml_examples():
    assert len([x for x in EXAMPLES if x[0].startswith("README.md")]) >= 3


def kind_of(data: object) -> str | None:
    if isinstance(data, dict):
        if "sections" in data:
            return "plans"
        if "agencies" in data:
            return "agencies"
        if "figures" in data or "progress" in data or "reports" in data:
            return "results"
    return None


def data_folder(tmp_path: Path, kind: str, data: dict, text: str) -> Path:
    """The bundled data with this example added (replacing a bundled file of the same id)."""
    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns("results"))
    if kind == "plans":
        for f in (root / "plans").rglob("*.yaml"):
            if yaml.safe_load(f.read_text(encoding="utf-8")).get("id") == data.get("id"):
                f.unlink()
    (root / kind / "vi-du").mkdir(parents=True, exist_ok=True)
    path = root / kind / "vi-du" / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("where, text", EXAMPLES, ids=[w for w, _ in EXAMPLES])
def test_example_validates(where, text, tmp_path):
    data = yaml.safe_load(text)  # parses at all (the loader's stricter checks run below)
    first = text.splitlines()[0]
    if first.startswith("# gdnn: plan."):
        field = first.split("plan.", 1)[1].strip()
        plan = dict(MINIMAL_PLAN, **{field: data})
        kind, text = "plans", yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
    elif isinstance(data, dict) and "repos" in data:
        hooks = {h["id"] for r in data["repos"] for h in r["hooks"]}
        published = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
        assert hooks <= published, f"{where}: pre-commit hooks {hooks - published} do not exist"
        return
    else:
        kind = kind_of(data)
        assert kind, f"{where}: neither a gdnn file nor a '# gdnn: plan.<field>' fragment"
    ds = load(data_folder(tmp_path, kind, data if isinstance(data, dict) else {}, text))
    mine = [i.headline() for i in ds.errors if "vi-du" in i.file]
    assert not mine, f"{where}: the example does not validate:\n" + "\n".join(mine)
    assert ds.ok, [i.headline() for i in ds.errors[:3]]
