"""The JSON Schemas say what `gdnn validate` says: an editor must not mark a valid bundled file as wrong.

check-jsonschema (the tool editors' YAML servers agree with) runs over every file of data/ with the
schema its first line names.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, edit
from gdnn_cli.core.jsonschema import schemas

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)")
DATA_FILES = sorted((REPO / "data").rglob("*.yaml"))


def _check(schema: Path, files: list[Path]) -> subprocess.CompletedProcess:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    assert exe, "check-jsonschema is a test dependency (pip install -e '.[test]')"
    return subprocess.run([exe, "--schemafile", str(schema), *map(str, files)], capture_output=True, text=True,
                          timeout=300)


def _schema_of(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = SCHEMA_LINE.match(first)
    assert m, f"{path.relative_to(REPO)} does not name its JSON Schema on its first line"
    return (path.parent / m.group(1)).resolve()


def test_every_bundled_file_names_an_existing_schema_of_its_kind():
    assert DATA_FILES
    for path in DATA_FILES:
        schema = _schema_of(path)
        assert schema.is_file(), f"{path.relative_to(REPO)} points at {schema}, which does not exist"
        kind = path.relative_to(REPO / "data").parts[0]
        assert schema.name == {"plans": "plan", "agencies": "agencies", "results": "results"}[kind] + ".schema.json"


def test_check_jsonschema_accepts_every_bundled_file():
    by_schema: dict[Path, list[Path]] = {}
    for path in DATA_FILES:
        by_schema.setdefault(_schema_of(path), []).append(path)
    for schema, files in by_schema.items():
        proc = _check(schema, files)
        assert proc.returncode == 0, (f"{schema.name} rejects files that gdnn validate accepts:\n"
                                      f"{proc.stdout}{proc.stderr}")


@pytest.mark.parametrize("date", ["2022-03-04", "{year: 2025, month: 3}", "2025"])
def test_every_issue_date_form_validate_accepts_is_in_the_schema(mini, date):
    plan = mini / "plans" / "tp-2025.yaml"
    text = plan.read_text(encoding="utf-8")
    old = re.search(r"^date: .*$", text, re.M).group(0)
    edit(plan, old, f"date: {date}")
    assert _check(REPO / "schemas" / "plan.schema.json", [plan]).returncode == 0


def test_the_schema_still_rejects_what_validate_rejects(mini):
    plan = mini / "plans" / "tp-2025.yaml"
    text = plan.read_text(encoding="utf-8")
    old = re.search(r"^date: .*$", text, re.M).group(0)
    edit(plan, old, "date: ngày 4 tháng 3")
    proc = _check(REPO / "schemas" / "plan.schema.json", [plan])
    assert proc.returncode == 1 and "date" in proc.stdout


def test_issue_date_schema_offers_the_three_forms():
    date = schemas()["plan"]["properties"]["date"]
    kinds = [alt.get("type") or alt.get("$ref") for alt in date["anyOf"]]
    assert kinds == ["#/$defs/PartialDate", "string", "integer"]
