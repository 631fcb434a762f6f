"""Packaged files and the order in which gdnn looks for Word templates."""

from __future__ import annotations

import shutil

import pytest

from gdnn_cli.common import resources
from gdnn_cli.common.errors import GdnnError
from gdnn_cli.documents.docx import templates_dir
from tests.conftest import REPO


def test_packaged_files_are_the_top_level_ones():
    assert (resources.templates() / "ke-hoach.docx").read_bytes() == (
        REPO / "templates" / "ke-hoach.docx").read_bytes()
    assert (resources.schemas() / "plan.schema.json").read_bytes() == (
        REPO / "schemas" / "plan.schema.json").read_bytes()
    starter = resources.starter_tree("hp").joinpath("data", "agencies", "hai-phong.yaml")
    assert starter.read_bytes() == (REPO / "data" / "agencies" / "hai-phong.yaml").read_bytes()


def _folder(path):
    path.mkdir(parents=True)
    shutil.copyfile(resources.templates() / "ke-hoach.docx", path / "ke-hoach.docx")
    return path


@pytest.fixture
def places(tmp_path, monkeypatch):
    monkeypatch.delenv("GDNN_TEMPLATES", raising=False)
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    return repo, _folder(tmp_path / "explicit"), _folder(tmp_path / "env")


def test_lookup_order_explicit_env_data_repository_package(places, monkeypatch):
    repo, explicit, env = places
    data = repo / "data"
    assert templates_dir(None, data) == resources.templates()
    own = _folder(repo / "templates")
    assert templates_dir(None, data) == own
    monkeypatch.setenv("GDNN_TEMPLATES", str(env))
    assert templates_dir(None, data) == env
    assert templates_dir(explicit, data) == explicit


def test_a_templates_folder_without_ke_hoach_is_skipped(places):
    repo, _, _ = places
    (repo / "templates").mkdir()
    assert templates_dir(None, repo / "data") == resources.templates()


def test_explicit_folder_without_templates_is_a_clear_error(places, tmp_path):
    with pytest.raises(GdnnError, match="no ke-hoach.docx there"):
        templates_dir(tmp_path / "none", places[0] / "data")
