"""The JSON Schemas say what `gdnn validate` says: an editor must not mark a valid bundled file as wrong.

check-jsonschema (the tool editors' YAML servers agree with) runs over every file of data/ with the
schema its first line names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gdnn_cli.core.jsonschema import schemas
from tests.conftest import REPO, check_jsonschema, edit, schema_of

DATA_FILES = sorted((REPO / "data").rglob("*.yaml"))


def test_every_bundled_file_names_an_existing_schema_of_its_kind():
    assert DATA_FILES
    for path in DATA_FILES:
        schema = schema_of(path)
        assert schema.is_file(), f"{path.relative_to(REPO)} points at {schema}, which does not exist"
        kind = path.relative_to(REPO / "data").parts[0]
        assert schema.name == {"plans": "plan", "agencies": "agencies", "results": "results"}[kind] + ".schema.json"


def test_check_jsonschema_accepts_every_bundled_file():
    by_schema: dict[Path, list[Path]] = {}
    for path in DATA_FILES:
        by_schema.setdefault(schema_of(path), []).append(path)
    for schema, files in by_schema.items():
        proc = check_jsonschema(schema, files)
        assert proc.returncode == 0, (f"{schema.name} rejects files that gdnn validate accepts:\n"
                                      f"{proc.stdout}{proc.stderr}")


@pytest.mark.parametrize("date", ["2022-03-04", "{year: 2025, month: 3}", "2025"])
def test_every_issue_date_form_validate_accepts_is_in_the_schema(mini, date):
    plan = mini / "plans" / "tp-2025.yaml"
    text = plan.read_text(encoding="utf-8")
    old = re.search(r"^date: .*$", text, re.M).group(0)
    edit(plan, old, f"date: {date}")
    assert check_jsonschema(REPO / "schemas" / "plan.schema.json", [plan]).returncode == 0


def test_the_schema_still_rejects_what_validate_rejects(mini):
    plan = mini / "plans" / "tp-2025.yaml"
    text = plan.read_text(encoding="utf-8")
    old = re.search(r"^date: .*$", text, re.M).group(0)
    edit(plan, old, "date: ngày 4 tháng 3")
    proc = check_jsonschema(REPO / "schemas" / "plan.schema.json", [plan])
    assert proc.returncode == 1 and "date" in proc.stdout


def test_issue_date_schema_offers_the_three_forms():
    date = schemas()["plan"]["properties"]["date"]
    kinds = [alt.get("type") or alt.get("$ref") for alt in date["anyOf"]]
    assert kinds == ["#/$defs/PartialDate", "string", "integer"]
