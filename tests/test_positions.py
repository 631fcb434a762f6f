"""Where a problem is: line and column along an issue's path, and the path named by its items' keys."""

from __future__ import annotations

from pathlib import Path

from gdnn_cli.core.loader import Source, parse
from gdnn_cli.core.positions import compose, describe, key_position, locate

TEXT = """id: tp-2025
targets:
  - id: cao-dang
    value: 1000
  - id: trung-cap
    valeu: 2000
"""


def _source() -> Source:
    return Source(Path("plan.yaml"), "plan.yaml", TEXT)


def test_locate_follows_the_path_to_the_value():
    root = compose(_source())
    assert locate(root, ("targets", 0, "value")) == (4, 12)
    assert locate(root, ("targets", 1)) == (5, 5)


def test_a_missing_key_points_at_its_parent_mapping():
    root = compose(_source())
    assert locate(root, ("targets", 1, "value")) == (5, 5)  # 'value' is missing: the item is shown


def test_an_unknown_key_is_found_as_the_key_itself():
    root = compose(_source())
    assert key_position(root, ("targets", 1, "valeu")) == (6, 5)
    assert key_position(root, ("targets", 7, "valeu")) is None  # no such item: no position, never a crash


def test_describe_names_list_items_by_their_id():
    data = parse(_source())
    assert describe(data, ("targets", 1, "value")) == "targets[1] (id=trung-cap).value"
    assert describe(data, ("targets", 9)) == "targets[9]"  # past the end: the index alone
