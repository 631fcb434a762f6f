"""`gdnn diff` as a reader sees it: plain text for a terminal, Markdown for a merge-request comment.

Changes are grouped per plan (then the agency list, then other files) and ordered by kind as KINDS lists
them, so that two runs over the same revisions read the same.
"""

from __future__ import annotations

import re

from gdnn_cli.review.changes import KINDS, Change
from gdnn_cli.review.gitdiff import DiffResult

AGENCIES = "Danh mục cơ quan"
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
MARKS = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")  # word_diff's [-removed-] and {+added+}


def summary(res: DiffResult) -> str:
    """One line: how many changes of each kind, e.g. '3 thay đổi — chỉ tiêu: 2 · thời hạn: 1'."""
    if not res.changes:
        return "Không có thay đổi nào trong dữ liệu."
    counts: dict[str, int] = {}
    for c in res.changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    order = list(KINDS)
    parts = [f"{KINDS.get(k, k)}: {n}" for k, n in sorted(counts.items(), key=lambda kv: order.index(kv[0])
                                                            if kv[0] in order else len(order))]
    return f"{len(res.changes)} thay đổi — " + " · ".join(parts)


def groups(res: DiffResult) -> list[tuple[str, list[Change]]]:
    """Changes grouped per plan (then agencies, then other files), each group in kind order."""
    out: dict[str, list[Change]] = {}
    for c in res.changes:
        key = c.plan or (AGENCIES if c.kind.startswith("agency") or "/agencies/" in f"/{c.file}" else c.file)
        out.setdefault(key, []).append(c)
    rank = {k: i for i, k in enumerate(KINDS)}
    return [(k, sorted(v, key=lambda c: rank.get(c.kind, len(rank)))) for k, v in out.items()]


def _heading(res: DiffResult, key: str, changes: list[Change], md: bool) -> str:
    if key in res.plan_titles:
        files = sorted({c.file for c in changes if c.plan == key and c.file.rsplit("/", 2)[-2:-1] != ["results"]})
        where = f" ({', '.join(files)})" if files else ""
        if md:
            return (f"### Kế hoạch `{key}`: {escape(res.plan_titles[key])}"
                    + (f"\n`{'`, `'.join(files)}`" if files else ""))
        return f"Kế hoạch {key}: {res.plan_titles[key]}{where}"
    return f"### {escape(key)}" if md else key


def to_text(res: DiffResult) -> str:
    """The terminal view: header, summary, a bullet per change under its plan, the validation verdict."""
    lines = [f"gdnn diff: {res.rev_from} → {res.rev_to} (dữ liệu: {res.data})", summary(res)]
    for key, changes in groups(res):
        lines += ["", _heading(res, key, changes, False)]
        lines += [f"  • [{KINDS.get(c.kind, c.kind)}] {c.message}" for c in changes]
    lines.append("")
    if res.valid:
        lines.append("Kiểm tra bản mới (gdnn validate): hợp lệ.")
    else:
        lines.append(f"Kiểm tra bản mới (gdnn validate): KHÔNG hợp lệ, {len(res.errors)} lỗi:")
        lines += [f"  {i.headline()}" for i in res.errors]
    return "\n".join(lines) + "\n"


def escape(text: str) -> str:
    """Text as Markdown shows it literally: plan titles and messages may hold *, _, # or |."""
    return MD_SPECIAL.sub(r"\\\1", text)


def _md_message(message: str) -> str:
    """Escape Markdown, and show word diffs as ~~removed~~ **added**."""
    out, pos = [], 0
    for m in MARKS.finditer(message):
        out.append(escape(message[pos:m.start()]))
        out.append(f"~~{escape(m.group(1))}~~" if m.group(1) is not None else f"**{escape(m.group(2))}**")
        pos = m.end()
    return "".join(out) + escape(message[pos:])


def to_markdown(res: DiffResult) -> str:
    """A merge-request comment: heading, summary, bullet lists per plan, validation verdict."""
    to = "cây làm việc (working tree)" if res.rev_to == "working tree" else f"`{res.rev_to}`"
    lines = [f"## Thay đổi dữ liệu kế hoạch: `{res.rev_from}` → {to}", "", f"**{summary(res)}**"]
    for key, changes in groups(res):
        lines += ["", _heading(res, key, changes, True), ""]
        lines += [f"- **{KINDS.get(c.kind, c.kind)}:** {_md_message(c.message)}" for c in changes]
    lines.append("")
    if res.valid:
        lines.append("**Kiểm tra bản mới (`gdnn validate`):** ✅ hợp lệ.")
    else:
        lines += [f"**Kiểm tra bản mới (`gdnn validate`):** ❌ không hợp lệ — {len(res.errors)} lỗi:", ""]
        lines += [f"- `{e.file}{f':{e.line}' if e.line else ''}` {escape(e.where + ': ' if e.where else '')}"
                  f"{escape(e.message)}" for e in res.errors]
    return "\n".join(lines) + "\n"
