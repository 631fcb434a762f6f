"""Reading YAML safely and fast, and finding line:column for a path only when something is wrong.

Valid files take the fast path (libyaml's C parser, no position bookkeeping). Positions come from
composing the node tree again, and only for files that have problems.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Issue

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAX_BYTES = 20 * 1024 * 1024


class LoadError(Exception):
    def __init__(self, issue: Issue):
        super().__init__(issue.message)
        self.issue = issue


class DataLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that keeps dates as text and rejects duplicate keys and merge keys.

    Duplicates are found cheaply: a mapping node with more keys than the dict built from it.
    """

    def flatten_mapping(self, node):  # type: ignore[no-untyped-def]
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not allowed: write the keys out", key_node.start_mark
                )

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        mapping = super().construct_mapping(node, deep=deep)
        if isinstance(node, yaml.MappingNode) and len(mapping) != len(node.value):
            _raise_duplicate(node)
        return mapping


def _raise_duplicate(node) -> None:
    seen: dict = {}
    for key_node, _ in node.value:
        key = key_node.value
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None,
                f"duplicate key '{key}' (first at line {seen[key].line + 1}); YAML would silently keep "
                "only the last one: remove or rename one of them",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark


class AnchoredLoader(DataLoader):
    """Used only for text that may hold anchors: refuses aliases of lists and mappings, so that
    a 'billion laughs' file cannot blow up memory or time downstream."""

    def construct_object(self, node, deep=False):  # type: ignore[no-untyped-def]
        if node in self.constructed_objects and isinstance(node, yaml.CollectionNode):
            raise yaml.constructor.ConstructorError(
                None, None, "an alias (*name) repeats a list or mapping: write the value out", node.start_mark
            )
        return super().construct_object(node, deep=deep)


ANCHOR = re.compile(r"(?:^|[\s\[,{:-])&[^\s]", re.M)


DataLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != TIMESTAMP]
    for ch, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
AnchoredLoader.yaml_implicit_resolvers = DataLoader.yaml_implicit_resolvers


@dataclass
class Source:
    """A data file's text, kept so that errors can be located and shown with context."""

    path: Path
    display: str
    text: str
    digest: str = ""  # sha1 of the bytes on disk, the cache key


def read_text(path: Path, display: str) -> Source:
    raw = path.read_bytes()
    digest = hashlib.sha1(raw).hexdigest()
    if len(raw) > MAX_BYTES:
        raise LoadError(Issue(display, "file-too-large", f"the file is {len(raw)} bytes; the limit is {MAX_BYTES}"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            Issue(display, "not-utf8", f"byte 0x{raw[exc.start]:02x} is not UTF-8 text", line=line, column=col,
                  hint="save the file as UTF-8 (in Word or Notepad: Save As → Encoding: UTF-8)")
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return Source(path, display, text, digest)


def parse(source: Source) -> object:
    """Parse one file's text; raise LoadError with a located, explained issue."""
    if not source.text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in source.text.splitlines()
    ):
        raise LoadError(Issue(source.display, "empty-file", "the file is empty", line=1, column=1,
                              hint="write the data, or delete the file"))
    try:
        loader_cls = AnchoredLoader if ANCHOR.search(source.text) else DataLoader
        return yaml.load(source.text, Loader=loader_cls)  # noqa: S506 - both are SafeLoaders
    except yaml.MarkedYAMLError as exc:
        raise LoadError(_yaml_issue(source, exc)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml raises marked errors
        raise LoadError(Issue(source.display, "yaml-syntax", str(exc))) from None
    except RecursionError:
        raise LoadError(Issue(source.display, "too-deep", "the data is nested too deeply")) from None


def _yaml_issue(source: Source, exc: yaml.MarkedYAMLError) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = exc.problem or str(exc)
    code, hint = "yaml-syntax", None
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '")
        code = "unsafe-tag"
        problem = f"the tag {tag} is not allowed: gdnn data is plain text, numbers, lists and mappings"
        hint = "remove the tag (the part starting with !)"
    elif "found character '\\t'" in problem or _leading_tab(source.text, line):
        code = "tab-indent"
        problem = "a tab character is used for indentation; YAML allows only spaces"
        hint = "replace the tab with spaces (most editors: Convert Indentation to Spaces)"
    elif "duplicate key" in problem:
        code = "duplicate-key"
    elif "alias" in problem or "merge keys" in problem:
        code = "alias-not-allowed"
    elif "mapping values are not allowed" in problem:
        hint = "a value that contains ': ' must be in quotes"
    elif "expected <block end>" in problem or "did not find expected key" in problem:
        hint = "check the indentation of this line against the lines above it"
    if exc.context and code == "yaml-syntax":
        problem = f"{exc.context}, {problem}"
    return Issue(source.display, code, problem, line=line, column=col, hint=hint,
                 context=snippet(source.text, line))


def _leading_tab(text: str, line: int | None) -> bool:
    if line is None:
        return False
    lines = text.split("\n")
    for n in (line, line - 1):
        if 1 <= n <= len(lines):
            body = lines[n - 1]
            if "\t" in body[: len(body) - len(body.lstrip())]:
                return True
    return False


def snippet(text: str, line: int | None, around: int = 2, width: int = 100) -> str | None:
    """Numbered source lines around ``line``, as dbt shows them (long lines cut to ``width``)."""
    if line is None:
        return None
    lines = text.split("\n")
    lo, hi = max(1, line - around), min(len(lines), line + around)
    digits = len(str(hi))

    def cut(s: str) -> str:
        return s if len(s) <= width else s[: width - 1] + "…"

    return "\n".join(
        f"{'>' if n == line else ' '} {n:>{digits}} | {cut(lines[n - 1])}" for n in range(lo, hi + 1)
    )


# --------------------------------------------------------------------------- positions


def compose(source: Source):
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
                for k, _ in node.value:  # an unknown key: point at the key itself
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
        for k, _ in parent.value:
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
