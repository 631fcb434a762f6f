"""Git commands: `gdnn diff` to review plan edits, `gdnn textconv` and `gdnn git-setup` for `git diff`.

Like every command module, the commands only parse, call the library (gitdiff, textconv) and print;
``cli.app`` lists them; heavy imports stay inside the functions.
"""

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gdnn_cli.cli.options import DataOpt
from gdnn_cli.common.i18n import _

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
AGENCIES = "Danh mục cơ quan"

commands = typer.Typer()


class DiffFmt(str, Enum):
    """``gdnn diff --format``: text for a terminal, md for a merge-request comment, json for programs."""

    text = "text"
    md = "md"
    json = "json"


@commands.command("diff")
def diff_cmd(
    rev_a: Annotated[str | None, typer.Argument(
        metavar="[REV_A]", show_default=False, help="Old revision (default: HEAD).")] = None,
    rev_b: Annotated[str | None, typer.Argument(
        metavar="[REV_B]", show_default=False, help="New revision (default: the working tree).")] = None,
    data: DataOpt = None,
    fmt: Annotated[DiffFmt, typer.Option(
        "--format", "-f", help="text, md (merge-request comment) or json.")] = DiffFmt.text,
) -> None:
    """Compare the data at two git revisions as plans: targets, deadlines, duties, texts; and validate the new side.

    No revision: HEAD against the working tree. One: REV_A against the working tree. Two: REV_A against REV_B.
    """
    from gdnn_cli.cli import output
    from gdnn_cli.core.dataset import default_data_dir
    from gdnn_cli.review import gitdiff

    res = gitdiff.diff(data if data is not None else default_data_dir(), rev_a, rev_b)
    if fmt is DiffFmt.json:
        output.print_json(res.to_json())
    else:
        sys.stdout.write(to_markdown(res) if fmt is DiffFmt.md else to_text(res))


@commands.command("textconv")
def textconv_cmd(file: Annotated[Path, typer.Argument(help="A plan, agencies or results YAML file.")]) -> None:
    """Print a file as plan-level text, for git's textconv (set up by `gdnn git-setup`)."""
    from gdnn_cli.review.textconv import write

    write(file)


@commands.command("git-setup")
def git_setup_cmd(
    data: DataOpt = None,
    command: Annotated[str | None, typer.Option(
        "--command", help="The textconv command git runs (default: keep the configured one, else 'gdnn textconv').",
        show_default=False)] = None,
) -> None:
    """Make `git diff` and `git log -p` show data files as plan-level text (.gitattributes and git config)."""
    from gdnn_cli.cli import output
    from gdnn_cli.core.dataset import default_data_dir

    for line in git_setup(data if data is not None else default_data_dir(), command):
        output.say(line)


# --------------------------------------------------------------------------- git-setup


def _quote(pattern: str) -> str:
    """gitattributes patterns with spaces must be C-quoted."""
    if not re.search(r'[\s"\\]', pattern):
        return pattern
    return '"' + pattern.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def git_setup(data: Path, command: str | None = None) -> list[str]:
    """Add the diff=gdnn lines to .gitattributes and the textconv driver to the repository's config; idempotent."""
    from gdnn_cli.review.gitdiff import _git, repo_of

    top, prefix = repo_of(data)
    folders = [prefix] if prefix else ["plans", "agencies", "results"]
    wanted = [f"{_quote(f'{folder}/**/*.{ext}')} diff=gdnn" for folder in folders for ext in ("yaml", "yml")]
    attrs = top / ".gitattributes"
    text = attrs.read_text(encoding="utf-8") if attrs.exists() else ""
    have = {ln.strip() for ln in text.splitlines()}
    missing = [w for w in wanted if w not in have]
    said = []
    if missing:
        sep = "" if not text or text.endswith("\n") else "\n"
        attrs.write_text(text + sep + "\n".join(missing) + "\n", encoding="utf-8")
        said += [_("added to {file}: {line}").format(file=attrs, line=m) for m in missing]
    else:
        said.append(_("{file} already has the diff=gdnn lines").format(file=attrs))
    for key, value in (("diff.gdnn.textconv", command), ("diff.gdnn.cachetextconv", "false")):
        current = _git(["config", "--local", "--get", key], top).stdout.decode("utf-8", "replace").strip()
        value = value or current or "gdnn textconv"
        if current == value:
            said.append(_("git config {key} is already \"{value}\"").format(key=key, value=value))
            continue
        proc = _git(["config", "--local", key, value], top)
        if proc.returncode:
            from gdnn_cli.common.errors import GdnnError

            raise GdnnError(_("could not set git config {key}: {reason}").format(
                key=key, reason=proc.stderr.decode("utf-8", "replace").strip()))
        said.append(_("set git config {key} = \"{value}\"").format(key=key, value=value))
    said.append(_("From now on `git diff` and `git log -p` show data files as plan text."))
    return said


# --------------------------------------------------------------------------- rendering


def summary(res) -> str:
    if not res.changes:
        return "Không có thay đổi nào trong dữ liệu."
    counts: dict[str, int] = {}
    for c in res.changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    order = list(KINDS)
    parts = [f"{KINDS.get(k, k)}: {n}" for k, n in sorted(counts.items(), key=lambda kv: order.index(kv[0])
                                                            if kv[0] in order else len(order))]
    return f"{len(res.changes)} thay đổi — " + " · ".join(parts)


def groups(res) -> list[tuple[str, list]]:
    """Changes grouped per plan (then agencies, then other files), each group in kind order."""
    out: dict[str, list] = {}
    for c in res.changes:
        key = c.plan or (AGENCIES if c.kind.startswith("agency") or "/agencies/" in f"/{c.file}" else c.file)
        out.setdefault(key, []).append(c)
    order = list(KINDS)
    rank = {k: i for i, k in enumerate(order)}
    return [(k, sorted(v, key=lambda c: rank.get(c.kind, len(order)))) for k, v in out.items()]


def _heading(res, key: str, changes: list, md: bool) -> str:
    if key in res.plan_titles:
        files = sorted({c.file for c in changes if c.plan == key and c.file.rsplit("/", 2)[-2:-1] != ["results"]})
        where = f" ({', '.join(files)})" if files else ""
        if md:
            return f"### Kế hoạch `{key}`: {_esc(res.plan_titles[key])}" + (f"\n`{'`, `'.join(files)}`" if files else "")
        return f"Kế hoạch {key}: {res.plan_titles[key]}{where}"
    return f"### {_esc(key)}" if md else key


def _errors(res) -> list[str]:
    return [i.headline() for i in res.errors]


def to_text(res) -> str:
    lines = [f"gdnn diff: {res.rev_from} → {res.rev_to} (dữ liệu: {res.data})", summary(res)]
    for key, changes in groups(res):
        lines += ["", _heading(res, key, changes, False)]
        lines += [f"  • [{KINDS.get(c.kind, c.kind)}] {c.message}" for c in changes]
    lines.append("")
    if res.valid:
        lines.append("Kiểm tra bản mới (gdnn validate): hợp lệ.")
    else:
        lines.append(f"Kiểm tra bản mới (gdnn validate): KHÔNG hợp lệ, {len(res.errors)} lỗi:")
        lines += [f"  {e}" for e in _errors(res)]
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_MARKS = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")


def _esc(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_message(message: str) -> str:
    """Escape Markdown, and show word diffs as ~~removed~~ **added**."""
    out, pos = [], 0
    for m in _MARKS.finditer(message):
        out.append(_esc(message[pos:m.start()]))
        out.append(f"~~{_esc(m.group(1))}~~" if m.group(1) is not None else f"**{_esc(m.group(2))}**")
        pos = m.end()
    return "".join(out) + _esc(message[pos:])


def to_markdown(res) -> str:
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
        lines += [f"- `{e.file}{f':{e.line}' if e.line else ''}` {_esc(e.where + ': ' if e.where else '')}"
                  f"{_esc(e.message)}" for e in res.errors]
    return "\n".join(lines) + "\n"
