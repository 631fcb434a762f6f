"""A cache of parsed, schema-valid files keyed on their bytes, kept outside the data folder (as ruff does).

Only files without problems are cached: a file with problems is parsed again so that its errors
can be located. The cache is dropped whole when the schema or the loader changes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from .models import SCHEMA_VERSION

_FINGERPRINTED = ("models.py", "results.py", "loader.py", "schema_errors.py", "dataset.py")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Changes whenever the schema version, the schema code or pydantic changes."""
    import pydantic

    h = hashlib.sha256(f"{SCHEMA_VERSION}|{pydantic.VERSION}".encode())
    here = Path(__file__).parent
    for name in _FINGERPRINTED:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def cache_home() -> Path:
    if os.environ.get("GDNN_CACHE_DIR"):
        return Path(os.environ["GDNN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gdnn"


class Cache:
    """One pickle per data folder: {absolute path: (sha1 of bytes, kind, model)}."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._entries: dict[str, tuple] | None = None
        self._root: Path | None = None
        self._dirty = False
        self._seen: set[str] = set()

    @classmethod
    def default(cls) -> "Cache":
        return cls(cache_home())

    def _file(self, root: Path) -> Path:
        key = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
        return self.folder / f"{key}-{fingerprint()}.pickle"

    def open(self, root: Path) -> None:
        self._root = root
        self._entries = {}
        try:
            with open(self._file(root), "rb") as fh:
                self._entries = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
            self._entries = {}

    @staticmethod
    def digest(path: Path) -> str:
        return hashlib.sha1(path.read_bytes()).hexdigest()

    def get(self, path: Path, kind: str):
        assert self._entries is not None, "call open() first"
        key = str(path)
        self._seen.add(key)
        entry = self._entries.get(key)
        if entry is None:
            return None
        try:
            digest = self.digest(path)
        except OSError:
            return None
        if entry[0] != digest or entry[1] != kind:
            return None
        from .dataset import LoadedFile, display_path

        return LoadedFile(path, display_path(path), kind, model=entry[2]), []

    def put(self, path: Path, kind: str, result: tuple) -> None:
        lf, issues = result
        if issues or lf.model is None or lf.source is None:
            self._entries.pop(str(path), None)  # type: ignore[union-attr]
            return
        digest = hashlib.sha1(lf.source.path.read_bytes()).hexdigest()
        self._entries[str(path)] = (digest, kind, lf.model)  # type: ignore[index]
        self._dirty = True

    def close(self) -> None:
        """Write atomically; entries of deleted files are dropped."""
        if self._entries is None or self._root is None:
            return
        stale = set(self._entries) - self._seen
        for key in stale:
            del self._entries[key]
        if not (self._dirty or stale):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(self._entries, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._file(self._root))
        except OSError:
            pass  # a cache that cannot be written is only slower, never wrong
