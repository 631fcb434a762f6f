"""review.history: the commits that changed a file, and what each changed in plan terms."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from gdnn_cli.review import history
from tests.conftest import edit, plan_path


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Chuyên viên", "-c", "user.email=cv@example.org", *args], cwd=cwd,
                   check=True, capture_output=True)


@pytest.fixture
def repo(mini: Path) -> Path:
    """The mini data folder in a repository with two commits that change its plan, and one that does not."""
    top = mini.parent
    _git(top, "init", "-q")
    _git(top, "add", "data")
    _git(top, "commit", "-q", "-m", "Dự thảo lần 1")
    edit(plan_path(mini), "value: 200", "value: 250")
    edit(plan_path(mini), "value: 1000", "value: 1050")
    _git(top, "commit", "-q", "-am", "Tăng chỉ tiêu cao đẳng theo ý kiến Sở")
    (top / "ghi-chu.txt").write_text("không liên quan", encoding="utf-8")
    _git(top, "add", "ghi-chu.txt")
    _git(top, "commit", "-q", "-m", "Ghi chú")
    return top


def test_file_commits_newest_first_with_author_date_message(repo: Path, mini: Path):
    commits, total = history.file_commits(repo, plan_path(mini))
    assert total == 2 and [c.message for c in commits] == ["Tăng chỉ tiêu cao đẳng theo ý kiến Sở", "Dự thảo lần 1"]
    assert commits[0].author == "Chuyên viên" and commits[0].date == dt.date.today()
    assert commits[0].parent == commits[1].sha and commits[1].parent is None
    assert history.head(repo) not in {c.sha for c in commits}  # the last commit did not touch the plan
    few, total = history.file_commits(repo, plan_path(mini), limit=1)
    assert len(few) == 1 and total == 2


def test_commit_changes_in_plan_terms(repo: Path, mini: Path):
    newest, first = history.file_commits(repo, plan_path(mini))[0]
    changes = history.commit_changes(mini, newest)
    said = {(c.plan, history.kind_label(c.kind), c.message) for c in changes}
    assert ("tp-2025", "chỉ tiêu", "Cao đẳng: 200 → 250 người (+50)") in said
    assert history.commit_changes(mini, first) == []  # the file's first version: nothing to compare with


def test_no_commits_and_files_outside(tmp_path: Path):
    _git(tmp_path, "init", "-q")
    assert history.head(tmp_path) is None
    outside = tmp_path.parent / "ngoai.yaml"
    with pytest.raises(ValueError):
        history.file_commits(tmp_path, outside)
