"""The validation cache: keyed on file bytes, outside the data folder, invalidated by schema changes."""

from __future__ import annotations

import pytest

import gdnn_cli.core.dataset as dataset
from gdnn_cli.core.cache import Cache
from tests.conftest import edit, plan_path


@pytest.fixture
def counted(monkeypatch):
    calls: list[str] = []
    real = dataset.check_file

    def spy(path, kind):
        calls.append(path.name)
        return real(path, kind)

    monkeypatch.setattr(dataset, "check_file", spy)
    return calls


def test_second_run_uses_cache(mini, tmp_path, counted):
    cache_dir = tmp_path / "cache"
    first = dataset.load(mini, cache=Cache(cache_dir))
    n = len(counted)
    second = dataset.load(mini, cache=Cache(cache_dir))
    assert n == 2 and len(counted) == n  # nothing parsed again
    assert [i.to_dict() for i in first.issues] == [i.to_dict() for i in second.issues]
    assert list(second.plans) == ["tp-2025"] and second.plans["tp-2025"].title == first.plans["tp-2025"].title
    assert not [p for p in mini.rglob("*") if "cache" in p.name or p.suffix == ".pickle"]


def test_changed_file_is_checked_again(mini, tmp_path, counted):
    cache = tmp_path / "cache"
    dataset.load(mini, cache=Cache(cache))
    counted.clear()
    edit(plan_path(mini), "value: 200", "value: 210")
    ds = dataset.load(mini, cache=Cache(cache))
    assert counted == ["tp-2025.yaml"]
    assert [i.code for i in ds.errors] == ["breakdown-sum"] and ds.errors[0].line == 30


def test_changed_schema_invalidates(mini, tmp_path, counted, monkeypatch):
    cache = tmp_path / "cache"
    dataset.load(mini, cache=Cache(cache))
    counted.clear()
    import gdnn_cli.core.cache as cache_mod

    monkeypatch.setattr(cache_mod, "fingerprint", lambda: "another-schema")
    dataset.load(mini, cache=Cache(cache))
    assert sorted(counted) == ["agencies.yaml", "tp-2025.yaml"]


def test_deleted_file_leaves_no_trace(mini, tmp_path, counted):
    cache = tmp_path / "cache"
    extra = mini / "plans" / "second.yaml"
    second = plan_path(mini).read_text(encoding="utf-8").replace("id: tp-2025", "id: tp-2025-b")
    extra.write_text(second, encoding="utf-8")
    assert set(dataset.load(mini, cache=Cache(cache)).plans) == {"tp-2025", "tp-2025-b"}
    extra.unlink()
    ds = dataset.load(mini, cache=Cache(cache))
    assert set(ds.plans) == {"tp-2025"} and ds.ok
    c = Cache(cache)
    c.open(mini)
    assert not [k for k in c._entries if k.endswith("second.yaml")]


def test_cached_warning_keeps_its_position(mini, tmp_path):
    cache = tmp_path / "cache"
    first = dataset.load(mini, cache=Cache(cache)).warnings
    second = dataset.load(mini, cache=Cache(cache)).warnings
    assert [(w.code, w.line, w.column, w.where) for w in first] == [(w.code, w.line, w.column, w.where) for w in second]
    assert first and first[0].line == 67


def test_parallel_and_serial_agree(mini, tmp_path):
    for k in range(70):  # enough files for the worker pool to be used
        (mini / "plans" / f"copy-{k}.yaml").write_text(
            plan_path(mini).read_text(encoding="utf-8").replace("id: tp-2025", f"id: tp-2025-{k}"), encoding="utf-8")
    edit(mini / "plans" / "copy-3.yaml", "value: 200", "value: 210")
    serial = dataset.load(mini, jobs=1)
    parallel = dataset.load(mini, jobs=2)
    assert [i.to_dict() for i in serial.issues] == [i.to_dict() for i in parallel.issues]
    assert any(i.code == "breakdown-sum" and i.file.endswith("copy-3.yaml") for i in parallel.errors)


def test_cache_is_json_and_never_runs_code(mini, tmp_path):
    import json

    cache = tmp_path / "cache"
    dataset.load(mini, cache=Cache(cache))
    (stored,) = cache.glob("*.json")
    assert set(json.loads(stored.read_text(encoding="utf-8"))) == {"entries", "positions"}
    assert not list(cache.glob("*.pickle"))
    # a planted entry naming a class outside the list is dropped, not built
    data = json.loads(stored.read_text(encoding="utf-8"))
    key = next(iter(data["entries"]))
    data["entries"][key][2] = {"c": "os.system", "f": {"command": "touch pwned"}}
    stored.write_text(json.dumps(data), encoding="utf-8")
    ds = dataset.load(mini, cache=Cache(cache))
    assert ds.ok and not (tmp_path / "pwned").exists()


def test_cached_paths_are_right_from_another_folder(mini, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    edit(plan_path(mini), "value: 200", "value: 210")
    monkeypatch.chdir(mini)
    first = dataset.load(mini, cache=Cache(cache))
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    cached = dataset.load(mini, cache=Cache(cache))
    fresh = dataset.load(mini)
    assert first.errors[0].file == "plans/tp-2025.yaml"
    assert cached.errors[0].file == fresh.errors[0].file == "../../data/plans/tp-2025.yaml"
    assert [w.file for w in cached.warnings] == [w.file for w in fresh.warnings]


@pytest.mark.parametrize("module", ["numbers.py", "errors.py", "i18n.py", "result_rules.py"])
def test_fingerprint_covers_every_module(monkeypatch, module):
    from pathlib import Path

    import gdnn_cli.core.cache as cache_mod

    cache_mod.fingerprint.cache_clear()
    before = cache_mod.fingerprint()
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: real(self) + (b"#" if self.name == module else b""))
    cache_mod.fingerprint.cache_clear()
    try:
        assert cache_mod.fingerprint() != before
    finally:
        monkeypatch.undo()
        cache_mod.fingerprint.cache_clear()
