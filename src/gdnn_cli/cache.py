"""A cache of parsed, schema-valid files keyed on their bytes, kept outside the data folder (as ruff does).

What is cached is each file's own result — its summary and its located problems; checks across
files run every time. The cache is dropped whole when the schema, the rules or the loader change.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from .models import SCHEMA_VERSION

_FINGERPRINTED = ("models.py", "results.py", "loader.py", "schema_errors.py", "dataset.py", "rules.py", "index.py", "bases.py")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Changes whenever the schema version, the schema code or pydantic changes."""
    import pydantic

    h = hashlib.sha256(f"{SCHEMA_VERSION}|{pydantic.VERSION}".encode())
    here = Path(__file__).parent
    for name in _FINGERPRINTED:
        h.update((here / name).read_bytes())
    for catalog in sorted((here / "locale").glob("*/LC_MESSAGES/*.mo")):  # a new translation, new messages
        h.update(catalog.read_bytes())
    return h.hexdigest()[:16]


def cache_home() -> Path:
    if os.environ.get("GDNN_CACHE_DIR"):
        return Path(os.environ["GDNN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gdnn"


class Cache:
    """One pickle per data folder: {path: (sha1 of bytes, kind, summary, located issues)}."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._entries: dict[str, tuple] | None = None
        self._root: Path | None = None
        self._dirty = False
        self._seen: set[str] = set()
        self._positions: dict[str, tuple[str, dict]] = {}

    @classmethod
    def default(cls) -> "Cache":
        return cls(cache_home())

    def _file(self, root: Path) -> Path:
        from .i18n import current_language

        key = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
        return self.folder / f"{key}-{fingerprint()}-{current_language()}.pickle"  # messages are in one language

    def open(self, root: Path) -> None:
        self._root = root
        self._entries, self._positions = {}, {}
        try:
            with open(self._file(root), "rb") as fh:
                self._entries, self._positions = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            self._entries, self._positions = {}, {}

    @staticmethod
    def digest(path: Path) -> str:
        return hashlib.sha1(path.read_bytes()).hexdigest()

    def get(self, path: Path, kind: str):
        """(LoadedFile, located issues) when the file's bytes are those cached, else None."""
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
        return entry[2], list(entry[3])

    def put(self, path: Path, kind: str, result: tuple) -> None:
        lf, issues = result
        if not lf.digest:
            self._entries.pop(str(path), None)  # type: ignore[union-attr]
            return
        self._entries[str(path)] = (lf.digest, kind, lf, tuple(issues))  # type: ignore[index]
        self._dirty = True

    def positions(self, path: Path, digest: str) -> dict:
        """loc → (line, column, where, context) found earlier in this file's current bytes."""
        entry = self._positions.get(str(path))
        return entry[1] if entry and entry[0] == digest else {}

    def add_positions(self, path: Path, digest: str, found: dict) -> None:
        self._positions[str(path)] = (digest, {**self.positions(path, digest), **found})
        self._dirty = True

    def close(self) -> None:
        """Write atomically; entries of deleted files are dropped."""
        if self._entries is None or self._root is None:
            return
        stale = set(self._entries) - self._seen
        for key in stale:
            del self._entries[key]
            self._positions.pop(key, None)
        if not (self._dirty or stale):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((self._entries, self._positions), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._file(self._root))
        except OSError:
            pass  # a cache that cannot be written is only slower, never wrong
