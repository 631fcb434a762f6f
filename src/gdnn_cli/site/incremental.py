"""What each page of the site was made from, and whether it must be made again.

A national site has some 77.000 pages and an edit touches a handful, so ``gdnn site`` keeps in the
output folder a manifest (``.gdnn-site.json``): for each file the hash of its bytes and, for each
page, a fingerprint of its inputs (``Inputs``). ``Writer`` keeps a page whose fingerprint did not
change without rendering it, writes a rendered page only when its bytes changed (so that its file
keeps its time and rsync or a web server sees no change), removes pages no build produces any more,
and refuses a folder that no build wrote.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from gdnn_cli.common import atomic
from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.i18n import _
from gdnn_cli.site import pages

MANIFEST = ".gdnn-site.json"
FORMAT = 2  # 2: page fingerprints (1 kept only page hashes)


@dataclass
class BuildResult:
    """What a build did, file by file, for the command's summary line and for tests."""

    out: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # pages rendered (the others' inputs did not change)
    pages: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        """Files the site holds after the build."""
        return len(self.written) + len(self.unchanged)


def version() -> str:
    """gdnn's version: part of every fingerprint, since a new gdnn may print a page differently."""
    try:
        from importlib.metadata import version

        return version("gdnn")
    except Exception:  # noqa: BLE001 - running from a checkout without metadata
        return "0"


class Writer:
    """Writes files under ``out`` only when their inputs (and then their bytes) changed, and remembers them."""

    def __init__(self, out: Path):
        self.out = out
        self.result = BuildResult(out)
        path = out / MANIFEST
        self.old: dict = {}
        if path.is_file():
            try:
                self.old = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.old = {}
            if self.old.get("format") != FORMAT:
                self.old = {"files": self.old.get("files", {})}  # keep the list, so old pages can be removed
        elif out.is_dir() and any(out.iterdir()):
            raise GdnnError(_("{out} already holds files that gdnn site did not write; choose an empty or new "
                              "folder with -o, so that nothing of yours is overwritten").format(out=out))
        self.files: dict[str, str] = {}
        self.inputs: dict[str, str] = {}  # page → fingerprint of what it was rendered from
        self.state: dict = {}  # whole-build fingerprint, the days it holds for, page count
        self.memo: dict = self.old.get("history", {}) if self.old.get("version") == version() else {}

    def _known(self, rel: str, digest: str) -> bool:
        return self.old.get("files", {}).get(rel) == digest and (self.out / rel).is_file()

    def fresh(self, rel: str, inputs: str) -> bool:
        """True, and the page is kept as it is, when it was last rendered from the same inputs."""
        digest = self.old.get("files", {}).get(rel)
        if self.old.get("inputs", {}).get(rel) != inputs or digest is None or not (self.out / rel).is_file():
            return False
        self.files[rel], self.inputs[rel] = digest, inputs
        self.result.unchanged.append(rel)
        return True

    def reuse(self, whole: str, today: dt.date) -> bool:
        """Keep the whole last build when it was complete, made from the same inputs, and still true today."""
        old = self.old
        lo, hi = old.get("stable") or (None, None)
        if (old.get("whole") != whole or not old.get("complete") or (lo and today.isoformat() < lo)
                or (hi and today.isoformat() > hi)):
            return False
        files = old.get("files", {})
        if not all((self.out / rel).is_file() for rel in files):
            return False
        self.files, self.inputs = dict(files), dict(old.get("inputs", {}))
        self.state = {k: old[k] for k in ("whole", "stable", "pages", "complete", "rendered") if k in old}
        self.result.unchanged, self.result.pages = sorted(files), old.get("pages", 0)
        return True

    def text(self, rel: str, content: str, inputs: str | None = None) -> None:
        """A page or text file, written when its bytes changed; ``inputs`` is the page's fingerprint."""
        data = content.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        self.files[rel] = digest
        if inputs is not None:
            self.inputs[rel] = inputs
        if self._known(rel, digest):
            self.result.unchanged.append(rel)
        else:
            self._write(rel, lambda path: atomic.write_bytes(path, data))
            self.result.written.append(rel)

    def derived(self, rel: str, inputs: str, make) -> bool:
        """A binary file made by ``make(path)`` when ``inputs`` (a hash of what it is made from) changed."""
        digest = "in:" + inputs
        if self._known(rel, digest):
            self.files[rel] = digest
            self.result.unchanged.append(rel)
            return False
        self._write(rel, make)
        self.files[rel] = digest
        self.result.written.append(rel)
        return True

    def _write(self, rel: str, make) -> None:
        try:
            make(self.out / rel)
        except OSError as exc:
            raise GdnnError(_("cannot write {path}: {reason}; the pages written so far are kept and the next "
                              "build completes them").format(path=self.out / rel, reason=exc.strerror or exc)) from exc

    def _manifest(self, files: dict, inputs: dict, state: dict) -> str:
        return json.dumps({"format": FORMAT, "version": version(), "files": files, "inputs": inputs,
                           "history": self.memo, **state}, ensure_ascii=False, indent=1, sort_keys=True)

    def keep(self) -> None:
        """After a failed build: remember what was written, so that the folder is still known as the site's."""
        files = {**self.old.get("files", {}), **self.files}
        with contextlib.suppress(OSError):  # no old fingerprints: a page not reached is rendered next time
            atomic.write_text(self.out / MANIFEST, self._manifest(files, self.inputs, {}))

    def finish(self) -> None:
        """Remove what no build produces any more, then write the manifest (last, so it never lies)."""
        for rel in sorted(set(self.old.get("files", {})) - set(self.files)):
            target = self.out / rel
            if target.is_file() and not target.is_symlink():
                target.unlink()
                self.result.removed.append(rel)
        text = self._manifest(self.files, self.inputs, self.state)
        if file_bytes(self.out / MANIFEST) != text.encode("utf-8"):
            atomic.write_text(self.out / MANIFEST, text)


def fingerprint(*parts: bytes | str) -> str:
    """One hash of several parts, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def file_bytes(path: Path) -> bytes:
    """A file's bytes, or none when it is missing (a template not there fingerprints as empty)."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


class Inputs:
    """Fingerprints of what each page is made from, so that a page whose inputs did not change is not rendered.

    ``base`` is what every page shows: gdnn's version, the templates, the year and options, the
    agency registry (names, successors). A plan's fingerprint adds its file, the result files that
    mention it and its reporting and task states (which also depend on today's date); an agency's or
    an issuer's page, the fingerprints of the plans it lists. ``whole`` covers every data file, so
    that a build with nothing changed stops before computing the year.
    """

    def __init__(self, ds, year: int, options: tuple, extra: bytes = b""):
        self.ds = ds
        templates = resources.files("gdnn_cli.site")
        parts = [templates.joinpath("static/site.css").read_bytes()]
        parts += [f.read_bytes() for f in sorted(templates.joinpath("templates").iterdir(), key=lambda f: f.name)
                  if f.name.endswith(".html")]
        self.base = fingerprint(str(FORMAT), version(), str(year), repr(options), repr(pages.layout()), extra, *parts,
                          *(lf.digest for lf in ds.files if lf.kind == "agencies"))
        self.plan_file = {lf.index.id: lf for lf in ds.files if lf.kind == "plan" and lf.valid}
        self.results_of: dict[str, list[str]] = {}  # plan id → digests of the result files that mention it
        for lf in ds.files:
            if lf.kind == "results" and lf.valid:
                ri = lf.index
                named = {ri.plan} | {rec[1] for recs in (ri.figures, ri.progress, ri.reports) for rec in recs}
                for plan_id in named - {None}:
                    self.results_of.setdefault(plan_id, []).append(lf.digest)
        self.common = self.base
        self.plan: dict[str, str] = {}

    def whole(self, head: str | None) -> str:
        """Every data file and the commit checked out: when this did not change, no page did."""
        files = sorted(f"{lf.display}\0{lf.kind}\0{lf.digest}" for lf in self.ds.files)
        return fingerprint(self.base, head or "", *files)

    def settle(self, sd, docs: dict, history: set) -> None:
        """The fingerprints that need the year's picture: which agencies have pages (every page links
        them), and each plan's reporting and task states."""
        self.common = fingerprint(self.base, *sd.agencies)
        for plan in sd.plans:
            lf = self.plan_file.get(plan.id)
            self.plan[plan.id] = fingerprint(
                self.common, plan.id, lf.digest if lf else "", *sorted(self.results_of.get(plan.id, [])),
                repr(sd.reporters_of(plan.id)), repr(sd.tasks_of(plan.id)), repr(docs.get(plan.id)),
                str(plan.id in history))

    def of_plans(self, plan_ids) -> str:
        """The fingerprint of a page listing these plans (home, an issuer's page, an agency's page)."""
        return fingerprint(self.common, *(self.plan[i] for i in plan_ids))


def stable_days(sd, today: dt.date) -> list[str | None]:
    """The days on which the reporting states computed today still hold: a report not received is
    'missing' once its deadline has passed, so they hold until the next unpassed deadline."""
    rows = [r for r in sd.reporters for r in (r, *r.members) if r.due and r.reported is None]
    passed = [r.due for r in rows if r.due < today]
    ahead = [r.due for r in rows if r.due >= today]
    return [(max(passed) + dt.timedelta(days=1)).isoformat() if passed else None,
            min(ahead).isoformat() if ahead else None]
