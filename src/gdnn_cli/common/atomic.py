"""Safe outputs: atomic single files, all-or-none folders of files, and refusing to overwrite what
gdnn did not write.

- ``write_with``: a temp file in the target folder, then rename. A failed run leaves nothing behind.
- ``staged``: a command that writes several files builds them all in a temporary folder beside the
  output folder and moves them in only when every one was written — all or none.
- ``check_target`` / ``check_folder``: ``-o`` onto a folder, a device, a path under a file, a file in
  the data folder, or a file gdnn did not write is an error, never an overwrite.
- ``clean_stale``: temporary files and folders of an interrupted run (their process is gone) are
  removed the next time gdnn writes there.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.i18n import _

STAGE_PREFIX = ".gdnn-stage-"
_STALE = re.compile(r"^(?:\.gdnn-stage-(\d+)-.*|\..+\.(\d+)\.[^.]*\.tmp)$")


def write_with(path: Path, writer: Callable[[Path], object]) -> Path:
    """Call ``writer(tmp_path)``, then move the result over ``path``; on any failure remove the temp file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    os.close(fd)
    try:
        writer(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the user's usual mode
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8, atomically: a reader sees the old file or the new one, never half."""
    return write_with(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` atomically (the site's pages and images)."""
    return write_with(path, lambda tmp: tmp.write_bytes(data))


# --------------------------------------------------------------------------- several files: all or none


@contextmanager
def staged(folder: Path) -> Iterator[Path]:
    """Yield a temporary folder to write into; on success its files move into ``folder`` (a new
    ``folder`` is the temporary folder renamed, in one step); on any failure nothing moves and the
    temporary folder is removed. Use it for every command that writes more than one file."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(folder.parent)
    if folder.is_dir():
        clean_stale(folder)
    stage = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f"{STAGE_PREFIX}{os.getpid()}-"))
    try:
        yield stage
        os.chmod(stage, 0o777 & ~_umask())
        if not folder.exists():
            os.rename(stage, folder)
            return
        for item in sorted(stage.iterdir()):
            os.replace(item, folder / item.name)
        stage.rmdir()
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def clean_stale(folder: Path) -> list[Path]:
    """Remove temporary files and stage folders left by a gdnn process that no longer runs."""
    removed: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = _STALE.match(entry.name)
        if not m or _alive(int(m.group(1) or m.group(2))):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


# --------------------------------------------------------------------------- never overwrite what is not ours


def is_gdnn_output(path: Path) -> bool:
    """A file gdnn wrote: an Office file whose author is gdnn, or a PDF beside such a .docx."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        return is_gdnn_output(path.with_suffix(".docx"))
    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return bool(re.search(r"<dc:creator>gdnn</dc:creator>|<cp:lastModifiedBy>gdnn</cp:lastModifiedBy>", core))


def _under_a_file(path: Path) -> Path | None:
    for parent in path.absolute().parents:
        if parent.exists() or parent.is_symlink():
            return None if parent.is_dir() else parent
    return None


def _inside(path: Path, roots: Iterable[Path]) -> Path | None:
    real = path.resolve()
    for root in roots:
        r = Path(root).resolve()
        if real == r or r in real.parents:
            return Path(root)
    return None


def check_target(path: Path, protect: Iterable[Path] = ()) -> Path:
    """Refuse an output file that would destroy something: raise GdnnError (exit 1) saying why."""
    path = Path(path)
    blocker = _under_a_file(path)
    if blocker is not None:
        raise GdnnError(_("cannot write {path}: {file} is a file, not a folder").format(path=path, file=blocker))
    root = _inside(path, protect)
    if root is not None:
        raise GdnnError(_("cannot write {path}: it is inside the data folder {root}; choose an output outside "
                          "it").format(path=path, root=root))
    if path.is_symlink() or path.exists():
        mode = os.lstat(path).st_mode
        if stat.S_ISDIR(mode):
            raise GdnnError(_("cannot write {path}: it is a folder; give a file name, e.g. {example}").format(
                path=path, example=path / "ke-hoach.docx"))
        if not stat.S_ISREG(mode):
            raise GdnnError(_("cannot write {path}: it is not a plain file (a link, device or pipe)").format(path=path))
        if not is_gdnn_output(path):
            raise GdnnError(_("cannot write {path}: the file exists and gdnn did not write it; choose another name "
                              "or move it away first").format(path=path))
    return path


def check_folder(folder: Path, names: Iterable[str] = (), protect: Iterable[Path] = ()) -> Path:
    """Refuse an output folder that is a file, lies under a file or in the data folder, or holds a file
    of the same name as one to be written that gdnn did not write."""
    folder = Path(folder)
    blocker = _under_a_file(folder)
    if blocker is not None or (folder.exists() and not folder.is_dir()) or folder.is_symlink():
        raise GdnnError(_("cannot write into {folder}: {file} is not a folder").format(
            folder=folder, file=blocker or folder))
    root = _inside(folder, protect)
    if root is not None:
        raise GdnnError(_("cannot write into {folder}: it is inside the data folder {root}").format(
            folder=folder, root=root))
    for name in names:
        check_target(folder / name, protect)
    return folder
