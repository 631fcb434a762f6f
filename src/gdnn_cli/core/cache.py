"""A cache of parsed, schema-valid files keyed on their bytes, kept outside the data folder (as ruff does).

What is cached is each file's own result — its summary and its located problems; checks across
files run every time. The cache is dropped whole when any module of the package changes.

It is JSON, not pickle: loading it can only build the few classes named in ``_classes()``, never run
code, so a cache file planted by someone else is at worst wrong data, dropped on the next change.
Paths are stored relative to the data folder and problems without their file name, which is
filled in from the current working directory on each run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from gdnn_cli.core.models import SCHEMA_VERSION


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Changes whenever the schema version, pydantic, or any module of the package changes: every one
    of them (models, rules, messages, numbers, errors …) can change what a cached entry holds."""
    import pydantic

    h = hashlib.sha256(f"{SCHEMA_VERSION}|{pydantic.VERSION}".encode())
    here = Path(__file__).parents[1]
    for path in sorted(here.rglob("*.py")):
        h.update(path.relative_to(here).as_posix().encode())
        h.update(path.read_bytes())
    for catalog in sorted((here / "locale").glob("*/LC_MESSAGES/*.mo")):  # a new translation, new messages
        h.update(catalog.read_bytes())
    return h.hexdigest()[:16]


def _classes() -> dict[str, type]:
    from gdnn_cli.common.errors import Issue
    from gdnn_cli.core.agencies import AgencyFile
    from gdnn_cli.core.dataset import LoadedFile
    from gdnn_cli.core.index import PlanIndex, ResultIndex

    return {c.__name__: c for c in (LoadedFile, Issue, PlanIndex, ResultIndex, AgencyFile)}


_SKIPPED = {"LoadedFile": ("path", "display", "_model", "data", "source"), "Issue": ("file",)}


def encode(obj: object) -> object:
    """Plain JSON with tags for what JSON lacks: tuples, sets, dates, non-text keys, and the listed classes."""
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, list):
        return [encode(x) for x in obj]
    if isinstance(obj, tuple):
        return {"t": [encode(x) for x in obj]}
    if isinstance(obj, frozenset | set):
        return {"s": sorted(encode(x) for x in obj)}  # type: ignore[type-var]  # members are ids: str sorts
    if isinstance(obj, dt.date):
        return {"date": obj.isoformat()}
    if isinstance(obj, dict):
        return {"m": [[encode(k), encode(v)] for k, v in obj.items()]}
    name = type(obj).__name__
    if dataclasses.is_dataclass(obj) and name in _SKIPPED | {"PlanIndex": (), "ResultIndex": ()}:
        skip = _SKIPPED.get(name, ())
        return {"c": name, "f": {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                                 if f.name not in skip}}
    if name == "AgencyFile" and isinstance(obj, BaseModel):
        return {"c": name, "json": obj.model_dump(mode="json")}
    raise TypeError(f"the cache cannot store {name}")


def decode(obj: object, classes: dict[str, type], **extra) -> object:
    """The inverse of ``encode``; only the classes in ``classes`` can be built."""
    if isinstance(obj, list):
        return [decode(x, classes) for x in obj]
    if not isinstance(obj, dict):
        return obj
    if "t" in obj:
        return tuple(decode(x, classes) for x in obj["t"])
    if "s" in obj:
        return frozenset(decode(x, classes) for x in obj["s"])
    if "date" in obj:
        return dt.date.fromisoformat(obj["date"])
    if "m" in obj:
        return {decode(k, classes): decode(v, classes) for k, v in obj["m"]}
    cls = classes[obj["c"]]
    if "json" in obj and issubclass(cls, BaseModel):
        return cls.model_validate(obj["json"])
    fields = {k: decode(v, classes) for k, v in obj["f"].items()}
    fields.update({k: v for k, v in extra.items() if k in {f.name for f in dataclasses.fields(cls)}})
    return cls(**fields)


def cache_home() -> Path:
    """Where caches live: $GDNN_CACHE_DIR, else the XDG cache folder; never inside the data folder."""
    if os.environ.get("GDNN_CACHE_DIR"):
        return Path(os.environ["GDNN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gdnn"


class Cache:
    """One JSON file per data folder: {relative path: (sha1 of bytes, kind, summary, located issues)}."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._entries: dict[str, tuple] | None = None
        self._root: Path | None = None
        self._dirty = False
        self._seen: set[str] = set()
        self._positions: dict[str, tuple[str, object]] = {}  # path → (digest, encoded positions)

    @classmethod
    def default(cls) -> Cache:
        """The cache of this user (see ``cache_home``)."""
        return cls(cache_home())

    def _file(self, root: Path) -> Path:
        from gdnn_cli.common.i18n import current_language

        key = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
        return self.folder / f"{key}-{fingerprint()}-{current_language()}.json"  # messages are in one language

    def _key(self, path: Path) -> str:
        """The path relative to the data folder: the same entry from any working directory."""
        try:
            return Path(os.path.relpath(path, self._root)).as_posix()
        except ValueError:  # another drive on Windows
            return str(path)

    def open(self, root: Path) -> None:
        """Read the entries of data folder ``root``; an unreadable or foreign cache file counts as empty."""
        self._root = root
        self._entries, self._positions = {}, {}
        try:
            with open(self._file(root), "rb") as fh:
                stored = json.load(fh)
            self._entries = {k: tuple(v) for k, v in stored["entries"].items()}
            self._positions = {k: tuple(v) for k, v in stored["positions"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._entries, self._positions = {}, {}

    @staticmethod
    def digest(path: Path) -> str | None:
        """The key of a file's bytes, read as the loader reads them (no links, no devices)."""
        from gdnn_cli.core.loader import LoadError, read_bytes

        try:
            return hashlib.sha1(read_bytes(path, str(path))).hexdigest()
        except (LoadError, OSError):
            return None  # not a plain file any more: checked afresh, and refused there

    def get(self, path: Path, kind: str):
        """(LoadedFile, located issues) when the file's bytes are those cached, else None."""
        assert self._entries is not None, "call open() first"
        key = self._key(path)
        self._seen.add(key)
        entry = self._entries.get(key)
        if entry is None or entry[1] != kind or self.digest(path) != entry[0]:
            return None
        from gdnn_cli.core.dataset import display_path

        display = display_path(path)
        classes = _classes()
        try:
            lf = decode(entry[2], classes, path=path, display=display)
            issues = [decode(i, classes, file=display) for i in entry[3]]
        except (KeyError, TypeError, ValueError):
            return None
        return lf, issues

    def put(self, path: Path, kind: str, result: tuple) -> None:
        """Store one file's (LoadedFile, located issues); a file that could not be read is forgotten."""
        assert self._entries is not None, "call open() first"
        lf, issues = result
        key = self._key(path)
        if not lf.digest:
            self._entries.pop(key, None)
            return
        self._entries[key] = (lf.digest, kind, encode(lf), [encode(i) for i in issues])
        self._dirty = True

    def positions(self, path: Path, digest: str) -> dict:
        """loc → (line, column, where, context, place) found earlier in this file's current bytes."""
        entry = self._positions.get(self._key(path))
        if not entry or entry[0] != digest:
            return {}
        found = decode(entry[1], {})
        return found if isinstance(found, dict) else {}

    def add_positions(self, path: Path, digest: str, found: dict) -> None:
        """Remember where cross-file issues were found in these bytes, so the next run need not compose."""
        self._positions[self._key(path)] = (digest, encode({**self.positions(path, digest), **found}))
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
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"entries": self._entries, "positions": self._positions}, fh, ensure_ascii=False,
                          separators=(",", ":"))
            os.replace(tmp, self._file(self._root))
        except OSError:
            pass  # a cache that cannot be written is only slower, never wrong
