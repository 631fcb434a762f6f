"""`gdnn init`: a new data repository that validates at once, with examples marked, and no clobbering."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from gdnn_cli.common.errors import GdnnError
from gdnn_cli.core.dataset import load
from gdnn_cli.repo.scaffold import files_for, init
from tests.conftest import REPO, check_jsonschema, run_gdnn, schema_of


@pytest.mark.parametrize("province,plan", [("hn", "hn-2025-gdnn"), ("hp", "hp-2021-2030-chien-luoc")])
def test_new_repository_validates_at_once(tmp_path, province, plan):
    res = init(tmp_path / "kho", province)
    ds = load(tmp_path / "kho" / "data")
    assert ds.ok, [i.headline() for i in ds.errors]
    assert plan in ds.plans and res.written and not res.kept


def test_files_of_a_data_repository(tmp_path):
    init(tmp_path / "kho", "hn")
    kho = tmp_path / "kho"
    for rel in ("data/agencies/ha-noi.yaml", "data/agencies/trung-uong.yaml", "schemas/plan.schema.json",
                "README.md", ".pre-commit-config.yaml", ".gitignore", "ci/github-actions.yml", "ci/gitlab-ci.yml"):
        assert (kho / rel).is_file(), rel
    assert not (kho / "data" / "agencies" / "hai-phong.yaml").exists()
    hook = yaml.safe_load((kho / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    assert hook["entry"] == "gdnn validate --data data" and hook["pass_filenames"] is False
    for ci in ("ci/github-actions.yml", "ci/gitlab-ci.yml"):
        text = (kho / ci).read_text(encoding="utf-8")
        assert "pip install ." not in text and 'pip install "gdnn==' in text
        yaml.safe_load(text)
    readme = (kho / "README.md").read_text(encoding="utf-8")
    assert "gdnn validate" in readme and "gdnn diff" in readme and "gdnn report --year" in readme
    assert "VÍ DỤ" in readme and "data/plans/ha-noi/hn-2025-gdnn.yaml" in readme


def test_examples_are_marked_and_point_at_the_repositorys_schemas(tmp_path):
    init(tmp_path / "kho", "hn")
    data = tmp_path / "kho" / "data"
    plan = (data / "plans" / "ha-noi" / "hn-2025-gdnn.yaml").read_text(encoding="utf-8").splitlines()
    assert plan[0].startswith("# yaml-language-server") and plan[1].startswith("# VÍ DỤ")
    results = (data / "results" / "hn-ubnd" / "2025.yaml").read_text(encoding="utf-8")
    assert "SỐ LIỆU MINH HỌA" in results.splitlines()[1]
    by_schema: dict = {}
    for path in sorted(data.rglob("*.yaml")):
        schema = schema_of(path)
        assert schema.parent == (tmp_path / "kho" / "schemas").resolve(), path
        by_schema.setdefault(schema, []).append(path)
    for schema, files in by_schema.items():
        proc = check_jsonschema(schema, files)
        assert proc.returncode == 0, proc.stdout


def test_refuses_a_non_empty_folder_and_force_keeps_what_is_there(tmp_path):
    kho = tmp_path / "kho"
    kho.mkdir()
    (kho / "README.md").write_text("của tôi\n", encoding="utf-8")
    with pytest.raises(GdnnError, match="not empty"):
        init(kho, "hn")
    assert sorted(p.name for p in kho.iterdir()) == ["README.md"]
    res = init(kho, "hn", force=True)
    assert (kho / "README.md").read_text(encoding="utf-8") == "của tôi\n"
    assert "README.md" in res.kept and "data/agencies/ha-noi.yaml" in res.written
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".kho.")]  # no staging left behind


def test_unknown_province_writes_nothing(tmp_path):
    with pytest.raises(GdnnError, match="unknown province"):
        init(tmp_path / "kho", "dn")
    assert not (tmp_path / "kho").exists()


def test_with_templates_copies_the_packaged_ones(tmp_path):
    init(tmp_path / "kho", "hp", with_templates=True)
    assert (tmp_path / "kho" / "templates" / "bao-cao.docx").read_bytes() == (
        REPO / "templates" / "bao-cao.docx").read_bytes()


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_git_repository_with_the_diff_driver(tmp_path):
    res = init(tmp_path / "kho", "hn")
    kho = tmp_path / "kho"
    assert (kho / ".git").is_dir() and any("git" in line for line in res.git)
    assert "data/**/*.yaml diff=gdnn" in (kho / ".gitattributes").read_text(encoding="utf-8")
    conf = subprocess.run(["git", "config", "--local", "--get", "diff.gdnn.textconv"], cwd=kho, capture_output=True,
                          text=True)
    assert conf.stdout.strip() == "gdnn textconv"


def test_every_file_is_utf8_nfc():
    import unicodedata

    for rel, data in files_for("hn").items():
        if rel.endswith((".yaml", ".yml", ".md", ".json")):
            text = data.decode("utf-8")
            assert unicodedata.normalize("NFC", text) == text, rel


def test_cli_init_then_validate(tmp_path):
    proc = run_gdnn("init", str(tmp_path / "kho"), "--province", "hp")
    assert proc.returncode == 0, proc.stderr
    assert "gdnn validate" in proc.stdout
    proc = run_gdnn("validate", "--format", "json", cwd=tmp_path / "kho")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["plans"] == ["hp-2021-2030-chien-luoc"]
    again = run_gdnn("init", str(tmp_path / "kho"))
    assert again.returncode == 1 and "not empty" in again.stderr and "Traceback" not in again.stderr
    assert re.search(r"--force", again.stderr)


def test_starter_carries_every_registry_file_of_its_province():
    """A registry file added to data/agencies/ (communes, say) must reach `gdnn init` too."""
    from gdnn_cli.common.resources import starter_tree
    from gdnn_cli.repo.scaffold import PROVINCES

    for path in sorted((REPO / "data" / "agencies").glob("*.yaml")):
        parts = [p for p in ("common", *PROVINCES) if starter_tree(p).joinpath("data", "agencies", path.name).is_file()]
        assert len(parts) == 1, f"{path.name} is in the starters {parts}: link it into exactly one of " \
                                f"src/gdnn_cli/starter/{{common,{','.join(PROVINCES)}}}/data/agencies/"


def test_readme_rollover_command_runs_as_written(tmp_path):
    """The clerks' README gives `gdnn new plan` with a real next id: copied as it stands, it writes
    next year's plan, and the repository still validates."""
    from gdnn_cli.repo.rollover import new_plan

    init(tmp_path / "kho", "hn")
    readme = (tmp_path / "kho" / "README.md").read_text(encoding="utf-8")
    (command,) = [line for line in readme.splitlines() if line.startswith("gdnn new plan ")]
    assert command == "gdnn new plan hn-2026-gdnn --from hn-2025-gdnn --year 2026"  # not hn-2025-ct37 (2025 - 2035)
    m = re.fullmatch(r"gdnn new plan (\S+) --from (\S+) --year (\d{4})", command)
    assert m, command
    res = new_plan(load(tmp_path / "kho" / "data"), m.group(1), m.group(2), int(m.group(3)))
    assert res.path.is_file() and load(tmp_path / "kho" / "data").ok
    init(tmp_path / "hp", "hp")  # a ten-year strategy rolls over to the next ten years
    hp = (tmp_path / "hp" / "README.md").read_text(encoding="utf-8")
    assert "gdnn new plan hp-2031-2040-chien-luoc --from hp-2021-2030-chien-luoc --year 2031" in hp
