"""Where a problem is in its file: line and column, and the YAML path named by its items' keys.

Only files that have problems get here: their text is composed again into a node tree with positions
(the fast path of loader.py keeps none), then walked along each issue's ``loc``.
"""

from __future__ import annotations

import yaml

from gdnn_cli.core.loader import DataLoader, Source


def compose(source: Source):
    """The file's node tree with positions: composed only for files that have issues to locate."""
    return yaml.compose(source.text, Loader=DataLoader)


def locate(root, loc: tuple) -> tuple[int, int] | None:
    """Walk the node tree along a pydantic-style ``loc``; a missing key points at its parent mapping."""
    node = root
    for part in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == part:
                    nxt = v
                    break
            if nxt is None and isinstance(part, str):
                for k, _value in node.value:  # an unknown key: point at the key itself
                    if k.value == part:
                        nxt = k
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            nxt = node.value[part]
        if nxt is None:
            break
        node = nxt
    if node is None:
        return None
    return node.start_mark.line + 1, node.start_mark.column + 1


def key_position(root, loc: tuple) -> tuple[int, int] | None:
    """Position of the *key* named by the last element of ``loc`` (for unknown keys)."""
    parent = root
    for part in loc[:-1]:
        found = None
        if isinstance(parent, yaml.MappingNode):
            found = next((v for k, v in parent.value if k.value == part), None)
        elif isinstance(parent, yaml.SequenceNode) and isinstance(part, int) and part < len(parent.value):
            found = parent.value[part]
        if found is None:
            return None
        parent = found
    if isinstance(parent, yaml.MappingNode):
        for k, _value in parent.value:
            if k.value == loc[-1]:
                return k.start_mark.line + 1, k.start_mark.column + 1
    return None


NAMING_KEYS = ("id", "target", "task", "agency", "agencies", "heading", "number", "title")


def describe(data: object, loc: tuple) -> str:
    """``targets[1] (id=cao-dang).value``: list items named by their key as well as their index."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            label = f"[{part}]"
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(item, dict):
                name = next((k for k in NAMING_KEYS if item.get(k)), None)
                key = item.get(name) if name else None
                if isinstance(key, list):
                    key = ",".join(map(str, key))
                if key is not None and isinstance(key, (str, int)):
                    short = str(key) if len(str(key)) <= 40 else str(key)[:37] + "…"
                    label += f" ({name}={short})"
            out += label
            node = item
        else:
            out += ("." if out else "") + str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out
