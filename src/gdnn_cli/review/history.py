"""A data file's history: the commits that changed it, and what each changed in plan terms.

``gdnn diff`` answers a reviewer at a terminal; the progress site answers a reader who never sees
one, with the same machinery: each commit that changed a plan's file is compared with its parent by
``gitdiff.diff``, so the history says "Cao đẳng: 26.500 → 27.000 lượt người (+500)", not
"value: 27000". The first-parent line is followed, as a department's main branch reads: a merged
review shows as the merge that brought it in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from gdnn_cli.review import gitdiff
from gdnn_cli.review.changes import KINDS, Change

SEP = "\x1f"


@dataclass(frozen=True)
class FileCommit:
    """One commit that changed a file: who, when, why, and the parent it is compared with."""

    sha: str
    parent: str | None  # the first parent; None for the repository's first commit
    author: str
    date: dt.date
    message: str  # the subject line


def head(top: Path) -> str | None:
    """The commit checked out, or None in a repository without commits yet."""
    proc = gitdiff.run_git(["rev-parse", "--verify", "--quiet", "HEAD"], top)
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def file_commits(top: Path, path: Path, limit: int | None = None) -> tuple[list[FileCommit], int]:
    """The commits that changed ``path`` (newest first, at most ``limit``), and how many there are in all.

    ``path`` must lie inside the repository ``top`` (ValueError otherwise: a symbolic link may lead out).
    """
    rel = Path(path).resolve().relative_to(top).as_posix()
    proc = gitdiff.run_git(["log", "--first-parent", f"--format=%H{SEP}%P{SEP}%an{SEP}%ad{SEP}%s", "--date=short",
                        "--", rel], top)
    lines = [ln for ln in proc.stdout.decode("utf-8", "replace").splitlines() if ln.strip()]
    out = []
    for line in lines[:limit]:
        sha, parents, author, date, message = line.split(SEP, 4)
        parent = parents.split()[0] if parents.split() else None  # the first commit has none
        out.append(FileCommit(sha, parent, author, dt.date.fromisoformat(date), message))
    return out, len(lines)


def commit_changes(data_dir: Path, commit: FileCommit) -> list[Change]:
    """What ``commit`` changed in the data folder against its parent, as ``gdnn diff`` reports it
    (every plan's changes: a caller showing several plans compares each commit once).

    Raises GdnnError when either side cannot be read (then there is nothing to say in plan terms).
    """
    if commit.parent is None:
        return []
    return gitdiff.diff(data_dir, commit.parent, commit.sha).changes


def kind_label(kind: str) -> str:
    """The Vietnamese label of a change's kind ('chỉ tiêu', 'thời hạn'), as `gdnn diff` prints it."""
    return KINDS.get(kind, kind)
