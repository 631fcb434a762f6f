"""A plan's history from git: each commit that changed its file, summarised in plan terms.

No peer system shows this: Open SDG dates its pages from git but shows raw values only. Each
commit is compared with its parent by ``gitdiff.diff`` — the machinery of ``gdnn diff`` — so the
history says "Cao đẳng: 26.500 → 27.000 lượt người (+500)", not "value: 27000". Comparisons are
memoised by commit pair (commits never change), in the build's manifest, so that a second build
costs one ``git log`` per plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.numbers import fmt_short_date

SEP = "\x1f"
MAX_COMMITS = 30  # per plan; older commits are counted, not compared
_MARKS = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")


@dataclass
class Commit:
    """One commit of a plan's history page: who, when, why, and what it changed in plan terms."""

    sha: str
    parent: str | None
    author: str
    date: str  # as Nghị định 30 writes it: 04/3/2025
    message: str
    changes: list[dict] = field(default_factory=list)  # {"kind", "label", "parts": [(text, "del"|"ins"|"")]}
    note: str | None = None


class History:
    """Git access for one data folder; ``available`` is False outside a repository (no pages then)."""

    def __init__(self, data_dir: Path, memo: dict | None = None):
        from gdnn_cli.review import gitdiff

        self.data_dir = data_dir
        self.memo: dict = memo if memo is not None else {}
        self.head: str | None = None  # the commit checked out: history pages change only when it does
        try:
            self.top, self.prefix = gitdiff.repo_of(data_dir)
            proc = gitdiff.run_git(["rev-parse", "--verify", "--quiet", "HEAD"], self.top)
            self.available = proc.returncode == 0
            self.head = proc.stdout.decode().strip() if self.available else None
        except GdnnError:
            self.available = False

    def covers(self, plan_file: Path | None) -> bool:
        """Whether the file lies inside the repository (a symbolic link may lead out of it)."""
        return plan_file is not None and Path(plan_file).resolve().is_relative_to(self.top)

    def commits(self, plan_file: Path) -> tuple[list[Commit], int]:
        """The newest commits that changed ``plan_file`` (at most MAX_COMMITS), and how many there are in all."""
        from gdnn_cli.review.gitdiff import run_git

        rel = Path(plan_file).resolve().relative_to(self.top).as_posix()
        proc = run_git(["log", "--first-parent", f"--format=%H{SEP}%P{SEP}%an{SEP}%ad{SEP}%s", "--date=short",
                        "--", rel], self.top)
        lines = [ln for ln in proc.stdout.decode("utf-8", "replace").splitlines() if ln.strip()]
        out = []
        for line in lines[:MAX_COMMITS]:
            sha, parents, author, date, message = line.split(SEP, 4)
            parent = parents.split()[0] if parents.split() else None
            out.append(Commit(sha, parent, author, fmt_short_date(dt.date.fromisoformat(date)), message))
        return out, len(lines)

    def explain(self, commit: Commit, plan_id: str) -> None:
        """Fill in what the commit changed in this plan, from the memo or by comparing with its parent."""
        if commit.parent is None:
            commit.note = "Phiên bản đầu tiên của tệp kế hoạch."
            return
        key = f"{commit.parent}..{commit.sha}"
        if key not in self.memo:
            self.memo[key] = self._compare(commit)
        got = self.memo[key]
        if isinstance(got, str):
            commit.note = got
            return
        commit.changes = [c for c in got if c["plan"] == plan_id]
        if not commit.changes:
            commit.note = "gdnn diff không thấy thay đổi nào về nội dung kế hoạch (có thể chỉ đổi cách viết tệp)."

    def _compare(self, commit: Commit) -> list[dict] | str:
        from gdnn_cli.review import gitdiff
        from gdnn_cli.review.changes import KINDS

        try:
            res = gitdiff.diff(self.data_dir, commit.parent, commit.sha)
        except GdnnError as exc:
            return f"Không so sánh được với phiên bản trước: {exc}"
        return [{"plan": c.plan, "kind": c.kind, "label": KINDS.get(c.kind, c.kind), "parts": word_parts(c.message)}
                for c in res.changes]


def word_parts(message: str) -> list[list[str]]:
    """'… [-cũ-] {+mới+} …' as (text, 'del' | 'ins' | '') pieces, for <del> and <ins> in HTML."""
    out, pos = [], 0
    for m in _MARKS.finditer(message):
        if m.start() > pos:
            out.append([message[pos:m.start()], ""])
        out.append([m.group(1), "del"] if m.group(1) is not None else [m.group(2), "ins"])
        pos = m.end()
    if pos < len(message):
        out.append([message[pos:], ""])
    return out
