"""Review plan edits in git: load the data folder at two revisions and compare them as plans.

A line diff says "value: 26500 → 27000"; a reviewer needs "Cao đẳng: 26.500 → 27.000 lượt người
(+500)", a duty moved between agencies, a deadline moved, a breakdown that no longer adds up. Each
revision is written to a temp folder and loaded with ``dataset.load``, so both sides are read and
validated exactly as ``gdnn validate`` reads them.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from gdnn_cli.common.errors import GdnnError, Issue
from gdnn_cli.common.i18n import _
from gdnn_cli.core import dataset, loader
from gdnn_cli.review.changes import Change, Side
from gdnn_cli.review.gitcompare import compare

WORKTREE = "working tree"


@dataclass
class DiffResult:
    """What `gdnn diff` found: the changes between two revisions and whether the new one validates."""

    rev_from: str
    rev_to: str
    data: str
    changes: list[Change] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    plan_titles: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """True when the new side passes `gdnn validate`; a diff is a review, and this is its verdict."""
        return not self.errors

    def to_json(self) -> dict:
        """The result for `gdnn diff --format json`, with the same keys a CI job reads."""
        return {"from": self.rev_from, "to": self.rev_to, "valid": self.valid,
                "errors": [i.to_dict() for i in self.errors], "changes": [c.to_dict() for c in self.changes]}


# --------------------------------------------------------------------------- git


def run_git(args: list[str], cwd: Path, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``cwd`` and capture its output; paths print unquoted, and a missing git is a GdnnError.

    Every git call of gdnn goes through here; the caller reads ``returncode``, nothing is raised on failure.
    """
    try:
        return subprocess.run(["git", "-c", "core.quotepath=false", *args], cwd=cwd, input=data,
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise GdnnError(_("the git program was not found: install git")) from None


def repo_of(data: Path) -> tuple[Path, str]:
    """The repository's top folder and the data folder's path inside it ('' when at the top)."""
    data = Path(os.path.abspath(data))
    start = data
    while not start.is_dir() and start != start.parent:
        start = start.parent
    proc = run_git(["rev-parse", "--show-toplevel"], start)
    if proc.returncode:
        raise GdnnError(_("{folder} is not inside a git repository: gdnn diff compares committed revisions; run it "
                          "inside the repository, or point --data at the data folder inside it").format(folder=start))
    top = Path(proc.stdout.decode("utf-8", "surrogateescape").strip()).resolve()
    try:
        rel = data.resolve().relative_to(top).as_posix()
    except ValueError:
        raise GdnnError(_("the data folder {data} is outside the git repository {top}").format(
            data=data, top=top)) from None
    return top, "" if rel == "." else rel


def commit_of(top: Path, rev: str) -> str:
    """The commit a revision name stands for; rejects names git would read as options."""
    if not rev or rev.startswith("-"):
        raise GdnnError(_("'{rev}' is not a revision name").format(rev=rev))
    proc = run_git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    if proc.returncode:
        raise GdnnError(_("revision '{rev}' is not in the git repository (check the branch, tag or commit)").format(
            rev=rev))
    return proc.stdout.decode().strip()


def read_revision(top: Path, sha: str, prefix: str, label: str) -> dict[str, bytes]:
    """Data files at a commit, by path inside the data folder, read with one ls-tree and one cat-file."""
    proc = run_git(["--literal-pathspecs", "ls-tree", "-r", "-z", sha, *(["--", prefix + "/"] if prefix else [])], top)
    if proc.returncode or not proc.stdout:
        raise GdnnError(_("the data folder '{folder}' does not exist in revision {rev}").format(
            folder=prefix or ".", rev=label))
    entries = []
    for rec in proc.stdout.split(b"\0"):
        meta, _tab, raw = rec.partition(b"\t")
        if not raw or meta.split()[1] != b"blob" or meta.startswith(b"120000"):
            continue
        rel = raw.decode("utf-8", "surrogateescape")[len(prefix) + 1 if prefix else 0:]
        if rel.split("/", 1)[0] in dataset.FOLDERS:
            entries.append((rel, meta.split()[2]))
    out = run_git(["cat-file", "--batch"], top, b"".join(obj + b"\n" for _rel, obj in entries)).stdout
    files, pos = {}, 0
    for rel, _obj in entries:
        nl = out.index(b"\n", pos)
        size = int(out[pos:nl].split()[2])
        files[rel] = out[nl + 1:nl + 1 + size]
        pos = nl + 2 + size
    return files


def load_files(files: dict[str, bytes], folder: Path, prefix: str = "") -> dataset.Dataset:
    """Load (path, bytes) pairs exactly as `gdnn validate` loads a folder, by writing them to ``folder``.

    Models are read back from there on demand, so ``folder`` must outlive the use of the Dataset.
    """
    for rel, data in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    folder.mkdir(parents=True, exist_ok=True)
    return _named(dataset.load(folder), folder, prefix)


def _named(ds: dataset.Dataset, root: Path, prefix: str) -> dataset.Dataset:
    """Name files by their path in the repository, not in a temp folder, in files, issues and registry."""
    names = {}
    for lf in ds.files:
        rel = lf.path.relative_to(root).as_posix()
        names[lf.display] = lf.display = f"{prefix}/{rel}" if prefix else rel
    ds.issues = [dataclasses.replace(i, file=names.get(i.file, i.file)) for i in ds.issues]
    reg = ds.registry
    reg.plan_files = {k: names.get(v, v) for k, v in reg.plan_files.items()}
    reg.agency_files = {k: names.get(v, v) for k, v in reg.agency_files.items()}
    return ds


def _side(top: Path, prefix: str, rev: str | None, data_dir: Path, folder: Path) -> Side:
    if rev is None:
        if not data_dir.is_dir():
            raise GdnnError(_("the data folder '{folder}' does not exist in the working tree").format(
                folder=prefix or "."))
        side = Side(WORKTREE, _named(dataset.load(data_dir), data_dir, prefix))
    else:
        side = Side(rev, load_files(read_revision(top, commit_of(top, rev), prefix, rev), folder, prefix))
    for lf in side.ds.files:
        if lf.model is None and _unparsable(lf.path):  # not even YAML: nothing to compare
            bad = [i for i in side.ds.issues if i.file == lf.display][:1]
            where = _(" (line {line}, column {column})").format(line=bad[0].line, column=bad[0].column) \
                if bad and bad[0].line else ""
            why = f": {bad[0].message}" if bad else ""
            raise GdnnError(_("the file {file} cannot be read in revision {rev}{where}{why}").format(
                file=lf.display, rev=side.label, where=where, why=why), issues=bad)
    return side


def _unparsable(path: Path) -> bool:
    try:
        loader.parse(loader.read_text(path, str(path)))
    except (loader.LoadError, OSError):
        return True
    return False


def diff(data_dir: Path, rev_a: str | None = None, rev_b: str | None = None) -> DiffResult:
    """No revision: HEAD vs working tree; one: REV vs working tree; two: A vs B."""
    top, prefix = repo_of(data_dir)
    rev_a = rev_a or "HEAD"
    with tempfile.TemporaryDirectory(prefix="gdnn-diff-") as tmp:
        old = _side(top, prefix, rev_a, data_dir, Path(tmp, "a"))
        new = _side(top, prefix, rev_b, data_dir, Path(tmp, "b"))
        res = DiffResult(rev_a, rev_b or WORKTREE, prefix or ".", errors=new.ds.errors)
        res.changes = compare(old, new)
        res.plan_titles = {pid: p.title for ds in (old.ds, new.ds) for pid, p in ds.plans.items()}
    return res


