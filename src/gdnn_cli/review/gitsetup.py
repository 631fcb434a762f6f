"""`gdnn git-setup`: make `git diff` and `git log -p` show data files as plan-level text.

Two edits, both idempotent: the diff=gdnn lines in the repository's .gitattributes, and the textconv
driver in its local git config. `gdnn init` runs it for a new data repository too.
"""

from __future__ import annotations

import re
from pathlib import Path

from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.i18n import _
from gdnn_cli.review.gitdiff import repo_of, run_git


def quote(pattern: str) -> str:
    """A .gitattributes pattern, C-quoted when it has spaces, quotes or backslashes (git reads it so)."""
    if not re.search(r'[\s"\\]', pattern):
        return pattern
    return '"' + pattern.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def git_setup(data: Path, command: str | None = None) -> list[str]:
    """Add the diff=gdnn lines to .gitattributes and the textconv driver to the repository's config; idempotent.

    Returns one line per step for the user to read. ``command`` replaces the configured textconv command;
    without it, a configured one is kept and 'gdnn textconv' is the default.
    """
    top, prefix = repo_of(data)
    folders = [prefix] if prefix else ["plans", "agencies", "results"]
    wanted = [f"{quote(f'{folder}/**/*.{ext}')} diff=gdnn" for folder in folders for ext in ("yaml", "yml")]
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
        current = run_git(["config", "--local", "--get", key], top).stdout.decode("utf-8", "replace").strip()
        value = value or current or "gdnn textconv"
        if current == value:
            said.append(_("git config {key} is already \"{value}\"").format(key=key, value=value))
            continue
        proc = run_git(["config", "--local", key, value], top)
        if proc.returncode:
            raise GdnnError(_("could not set git config {key}: {reason}").format(
                key=key, reason=proc.stderr.decode("utf-8", "replace").strip()))
        said.append(_("set git config {key} = \"{value}\"").format(key=key, value=value))
    said.append(_("From now on `git diff` and `git log -p` show data files as plan text."))
    return said
