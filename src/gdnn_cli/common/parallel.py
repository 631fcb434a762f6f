"""Load many files: from the cache when their bytes are unchanged, on both cores when asked."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

LoadFile = Callable[[Path, str], tuple]


class ResultCache(Protocol):
    """What ``load_all`` needs of a cache (core.cache.Cache is one): results kept for files' bytes."""

    def get(self, path: Path, kind: str) -> tuple | None:
        """The result stored for the file's current bytes; None when they are not the bytes stored."""

    def put(self, path: Path, kind: str, result: tuple) -> None:
        """Keep the result computed for the file's current bytes."""


class CheckCache(ResultCache, Protocol):
    """What ``dataset.load`` needs of a cache: results per file, and positions of cross-file issues."""

    def open(self, root: Path) -> None:
        """Read what is kept for the data folder ``root``."""

    def close(self) -> None:
        """Write what changed."""

    def positions(self, path: Path, digest: str) -> dict:
        """Positions of issues found earlier in these bytes of the file."""

    def add_positions(self, path: Path, digest: str, found: dict) -> None:
        """Keep positions found in these bytes of the file."""


def load_all(files: list[tuple[Path, str]], *, jobs: int, cache: ResultCache | None,
             load_file: LoadFile) -> Iterator[tuple]:
    """``load_file(path, kind)`` for each file, in order: from ``cache`` when its bytes are known, else
    computed (in ``jobs`` processes for many files) and stored in it."""
    todo: list[tuple[int, Path, str]] = []
    done: dict[int, tuple] = {}
    for n, (path, kind) in enumerate(files):
        hit = cache.get(path, kind) if cache is not None else None
        if hit is not None:
            done[n] = hit
        else:
            todo.append((n, path, kind))
    for n, result in _run(todo, jobs, load_file):
        done[n] = result
        if cache is not None:
            cache.put(files[n][0], files[n][1], result)
    for n in range(len(files)):
        yield done[n]


def _run(todo: list[tuple[int, Path, str]], jobs: int, load_file: LoadFile) -> Iterable[tuple[int, tuple]]:
    if jobs <= 1 or len(todo) < 64:
        for n, path, kind in todo:
            yield n, load_file(path, kind)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(16, len(todo) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = pool.map(_load_one, [(load_file, path, kind) for _, path, kind in todo], chunksize=chunk)
        for (n, _, _), result in zip(todo, results, strict=True):
            yield n, result


def _load_one(args: tuple) -> tuple:
    load_file, path, kind = args
    return load_file(path, kind)


def map_jobs(fn: Callable, items: list, jobs: int) -> Iterable:
    """fn over items, in worker processes when there are enough items to pay for them."""
    if jobs <= 1 or len(items) < 64:
        return [fn(x) for x in items]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(fn, items, chunksize=max(8, len(items) // (jobs * 8))))
