"""The vocabulary of `gdnn diff`: a Change, the kinds of change in reading order, and how to pair and show them.

gitcompare.py and plancompare.py find changes with these tools; diffview.py and the site's plan history
show them under the KINDS labels. Nothing here reads git or files.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from gdnn_cli.core import dataset

KINDS = {  # kind → Vietnamese label, in the order summaries and bullet lists use
    "file-added": "tệp thêm", "file-removed": "tệp bỏ", "file-invalid": "tệp không hợp lệ",
    "plan-added": "kế hoạch thêm", "plan-removed": "kế hoạch bỏ", "plan-field": "thông tin kế hoạch",
    "target-changed": "chỉ tiêu", "target-added": "chỉ tiêu thêm", "target-removed": "chỉ tiêu bỏ",
    "breakdown-mismatch": "cơ cấu không cộng đủ", "deadline-moved": "thời hạn", "task-added": "nhiệm vụ thêm",
    "task-removed": "nhiệm vụ bỏ", "task-lead": "chủ trì", "task-partners": "phối hợp",
    "assignment-added": "giao việc thêm", "assignment-removed": "giao việc bỏ", "role-changed": "vai trò",
    "duty-moved": "nhiệm vụ chuyển cơ quan", "duty-added": "nhiệm vụ giao thêm", "duty-removed": "nhiệm vụ giao bỏ",
    "reporting-changed": "chế độ báo cáo", "reporting-added": "báo cáo thêm", "reporting-removed": "báo cáo bỏ",
    "section-added": "mục thêm", "section-removed": "mục bỏ", "text-changed": "câu chữ",
    "agency-added": "cơ quan thêm", "agency-removed": "cơ quan bỏ", "agency-ceased": "ngừng hoạt động",
    "agency-started": "bắt đầu hoạt động", "agency-successors": "kế thừa", "agency-changed": "thông tin cơ quan",
    "result-changed": "kết quả", "result-added": "kết quả thêm", "result-removed": "kết quả bỏ",
}

T = TypeVar("T")


@dataclass
class Change:
    """One semantic change; ``message`` is what a reviewer reads, the rest is for machines."""

    kind: str
    file: str
    message: str
    plan: str | None = None
    where: str = ""
    old: object = None
    new: object = None
    delta: float | None = None

    def to_dict(self) -> dict:
        """The change for `gdnn diff --format json`: dates as ISO text so that the JSON stays plain."""
        def plain(v: object) -> object:
            return v.isoformat() if isinstance(v, dt.date) else v
        return {"kind": self.kind, "file": self.file, "plan": self.plan, "where": self.where,
                "old": plain(self.old), "new": plain(self.new), "delta": self.delta, "message": self.message}


@dataclass
class Side:
    """One revision of the data as loaded: its label ('HEAD', 'working tree') names it in messages."""

    label: str
    ds: dataset.Dataset


class ChangeLog:
    """Collects the changes of one comparison; ``name`` prefers the new registry's short names."""

    def __init__(self, old: Side, new: Side):
        self.old, self.new = old, new
        self.out: list[Change] = []
        self.file: str = ""
        self.plan: str | None = None

    def add(self, kind: str, where: str, message: str, old: object = None, new: object = None,
            delta: float | None = None, file: str | None = None, plan: str | None = None) -> None:
        """Record a change in the current file and plan unless ``file`` or ``plan`` say otherwise."""
        self.out.append(Change(kind, file or self.file, message, plan if plan is not None else self.plan,
                               where, old, new, delta))

    def name(self, agency_id: str | None) -> str:
        """An agency as a reviewer knows it: its short name, from the new side if it is still there."""
        reg = self.new.ds.registry if agency_id in self.new.ds.registry.agencies else self.old.ds.registry
        return reg.short_name(agency_id) if agency_id else "—"

    def who(self, ids: Iterable[str]) -> str:
        """Several agencies, by short name, comma-separated."""
        return ", ".join(self.name(a) for a in ids)

    def text(self, where: str, label: str, a: str | None, b: str | None) -> None:
        """A text-changed record with a word diff, unless only the spacing changed."""
        if (a or "").split() != (b or "").split():
            body = word_diff(a, b) if a and b else f"{short(a) if a else '—'} → {short(b) if b else '—'}"
            self.add("text-changed", where, f"{label}: {body}", a, b)

    def paras(self, where: str, label: str, a: list[str], b: list[str]) -> None:
        """Paragraph lists compared one paragraph at a time: an inserted one shows as added, not all as changed."""
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            for k in range(max(i2 - i1, j2 - j1) if tag != "equal" else 0):
                x = a[i1 + k] if i1 + k < i2 else None
                y = b[j1 + k] if j1 + k < j2 else None
                self.text(f"{where}[{(j1 if y else i1) + k}]", label if x and y else
                          f"{label} ({'thêm đoạn' if y else 'bỏ đoạn'})", x, y)


def word_diff(a: str, b: str, context: int = 5, limit: int = 300) -> str:
    """'… giữ nguyên [-cũ-] {+mới+} giữ nguyên …' with a few words of context around each change."""
    wa, wb = a.split(), b.split()
    ops = difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
    parts: list[str] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "equal":
            parts += [f"[-{' '.join(wa[i1:i2])}-]"] if i2 > i1 else []
            parts += [f"{{+{' '.join(wb[j1:j2])}+}}"] if j2 > j1 else []
            continue
        words, first, last = wa[i1:i2], k == 0, k == len(ops) - 1
        keep = (0 if first else context) + (0 if last else context)
        parts += words if len(words) <= keep else (
            ([] if first else words[:context]) + ["…"] + ([] if last else words[-context:]))
    text = " ".join(parts)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def short(text: str, n: int = 70) -> str:
    """A long text cut at a word boundary with '…', for quoting a heading or a task inside a message."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rsplit(" ", 1)[0] + "…"


def match(old: Sequence[T], new: Sequence[T], keys: Sequence[Callable[[T], Hashable | None]],
          text: Callable[[T], str] | None = None, cutoff: float = 0.6,
          bonus: Callable[[T, T], float] | None = None) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair items by each key in turn, then by text similarity; returns (pairs, unmatched old, unmatched new)."""
    pairs: list[tuple[T, T]] = []
    left, right = list(old), list(new)
    for key in keys:
        index: dict[Hashable, list[T]] = {}
        for o in left:
            k = key(o)
            if k is not None:
                index.setdefault(k, []).append(o)
        rest = []
        for n in right:
            k = key(n)
            bucket = index.get(k) if k is not None else None
            if bucket:
                o = bucket.pop(0)
                pairs.append((o, n))
                left = [x for x in left if x is not o]
            else:
                rest.append(n)
        right = rest
    if text and left and right:
        similar = text

        def score(o: T, n: T) -> float:
            sm, extra = difflib.SequenceMatcher(None, similar(o), similar(n)), bonus(o, n) if bonus else 0
            return sm.ratio() + extra if sm.quick_ratio() + extra >= cutoff else 0.0
        scored = sorted(((score(o, n), i, j) for i, o in enumerate(left) for j, n in enumerate(right)), reverse=True)
        used_o: set[int] = set()
        used_n: set[int] = set()
        for best, i, j in scored:
            if best >= cutoff and i not in used_o and j not in used_n:
                used_o.add(i)
                used_n.add(j)
                pairs.append((left[i], right[j]))
        left = [o for i, o in enumerate(left) if i not in used_o]
        right = [n for j, n in enumerate(right) if j not in used_n]
    return pairs, left, right


def days_apart(a: dt.date, b: dt.date) -> str:
    """' (muộn hơn 30 ngày)' after a moved deadline, '' when it did not move."""
    d = (b - a).days
    return f" ({'muộn' if d > 0 else 'sớm'} hơn {abs(d)} ngày)" if d else ""
