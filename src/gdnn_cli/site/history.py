"""A plan's history page: each commit that changed its file, summarised in plan terms.

No peer system shows this: Open SDG dates its pages from git but shows raw values only. The review
room answers which commits changed the file and what each changed (``review.history``, the machinery
of ``gdnn diff``); this module only words it for the page. Comparisons are memoised by commit pair
(commits never change), in the build's manifest, so that a second build costs one ``git log`` per plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.numbers import fmt_short_date
from gdnn_cli.review import history as review

MAX_COMMITS = 30  # per plan; older commits are counted, not compared
_MARKS = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")


@dataclass
class Commit:
    """One line of the history page: a commit, its date as the page prints it, what it changed here."""

    of: review.FileCommit
    changes: list[dict] = field(default_factory=list)  # {"kind", "label", "parts": [(text, "del"|"ins"|"")]}
    note: str | None = None

    sha = property(lambda self: self.of.sha)
    author = property(lambda self: self.of.author)
    message = property(lambda self: self.of.message)
    date = property(lambda self: fmt_short_date(self.of.date))  # as Nghị định 30 writes it: 04/3/2025


class History:
    """Git access for one data folder; ``available`` is False outside a repository (no pages then)."""

    def __init__(self, data_dir: Path, memo: dict | None = None):
        from gdnn_cli.review import gitdiff

        self.data_dir = data_dir
        self.memo: dict = memo if memo is not None else {}
        self.head: str | None = None  # the commit checked out: history pages change only when it does
        try:
            self.top, self.prefix = gitdiff.repo_of(data_dir)
            self.head = review.head(self.top)
        except GdnnError:
            pass
        self.available = self.head is not None

    def covers(self, plan_file: Path | None) -> bool:
        """Whether the file lies inside the repository (a symbolic link may lead out of it)."""
        return plan_file is not None and Path(plan_file).resolve().is_relative_to(self.top)

    def commits(self, plan_file: Path) -> tuple[list[Commit], int]:
        """The newest commits that changed ``plan_file`` (at most MAX_COMMITS), and how many there are in all."""
        found, total = review.file_commits(self.top, plan_file, MAX_COMMITS)
        return [Commit(c) for c in found], total

    def explain(self, commit: Commit, plan_id: str) -> None:
        """Fill in what the commit changed in this plan, from the memo or by comparing with its parent."""
        if commit.of.parent is None:
            commit.note = "Phiên bản đầu tiên của tệp kế hoạch."
            return
        key = f"{commit.of.parent}..{commit.sha}"
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
        try:
            changes = review.commit_changes(self.data_dir, commit.of)
        except GdnnError as exc:
            return f"Không so sánh được với phiên bản trước: {exc}"
        return [{"plan": c.plan, "kind": c.kind, "label": review.kind_label(c.kind), "parts": word_parts(c.message)}
                for c in changes]


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
