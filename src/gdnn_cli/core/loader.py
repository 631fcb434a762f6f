"""Reading YAML safely and fast: plain files only, UTF-8, no duplicate keys, no tags, no alias bombs.

Valid files take the fast path (libyaml's C parser, no position bookkeeping). Positions come from
composing the node tree again, and only for files that have problems (positions.py).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import N_, _

if TYPE_CHECKING:
    from yaml import SafeLoader as _BaseLoader
else:  # libyaml's C loader when it is installed: several times faster
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAX_BYTES = 20 * 1024 * 1024


class RefusedYAML(yaml.constructor.ConstructorError):
    """YAML that parses but that gdnn refuses (duplicate keys, merge keys, aliases), with its code:
    the code must not be read back from the message, which is translated."""

    def __init__(self, code: str, problem: str, mark):
        super().__init__(None, None, problem, mark)
        self.code = code


class LoadError(Exception):
    """A file that cannot be read as data at all, with the located issue that says why."""

    def __init__(self, issue: Issue):
        super().__init__(issue.message)
        self.issue = issue


class ThousandsFloat(float):
    """A float read from text like ``12.000``: a Vietnamese clerk writes twelve thousand that way and
    YAML silently reads twelve. The loader marks such floats; the schema refuses them (models.Amount)."""

    text: str = ""


_THOUSANDS_TEXT = re.compile(r"[+]?[1-9]\d{0,2}(?:\.\d{3})+")


class DataLoader(_BaseLoader):
    """Safe loader that keeps dates as text and rejects duplicate keys and merge keys.

    Duplicates are found cheaply: a mapping node with more keys than the dict built from it.
    """

    def construct_yaml_float(self, node):
        """A float, marked when written like 12.000 so that the schema can refuse it (see ThousandsFloat)."""
        value = super().construct_yaml_float(node)
        if _THOUSANDS_TEXT.fullmatch(node.value):
            marked = ThousandsFloat(value)
            marked.text = node.value
            return marked
        return value

    def flatten_mapping(self, node):
        """Refuse merge keys (<<): a plan must say each key where it applies."""
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise RefusedYAML("alias-not-allowed", _("merge keys (<<) are not allowed: write the keys out"),
                                  key_node.start_mark)

    def construct_mapping(self, node, deep=False):
        """A mapping, refused when a key occurs twice (YAML would silently keep the last)."""
        mapping = super().construct_mapping(node, deep=deep)
        if isinstance(node, yaml.MappingNode) and len(mapping) != len(node.value):
            _raise_duplicate(node)
        return mapping


def _raise_duplicate(node) -> None:
    seen: dict = {}
    for key_node, _value in node.value:
        key = key_node.value
        if key in seen:
            raise RefusedYAML(
                "duplicate-key",
                _("duplicate key '{key}' (first at line {line}); YAML would silently keep only the last one: "
                  "remove or rename one of them").format(key=key, line=seen[key].line + 1),
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark


class AnchoredLoader(DataLoader):
    """Used only for text that may hold anchors: refuses aliases of lists and mappings, so that
    a 'billion laughs' file cannot blow up memory or time downstream."""

    def construct_object(self, node, deep=False):
        """An object, refused when it is a list or mapping met again through an alias."""
        if node in self.constructed_objects and isinstance(node, yaml.CollectionNode):
            raise RefusedYAML("alias-not-allowed", _("an alias (*name) repeats a list or mapping: write the value out"),
                              node.start_mark)
        return super().construct_object(node, deep=deep)


ANCHOR = re.compile(r"(?:^|[\s\[,{:-])&[^\s]", re.M)


DataLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != TIMESTAMP]
    for ch, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
AnchoredLoader.yaml_implicit_resolvers = DataLoader.yaml_implicit_resolvers
DataLoader.add_constructor("tag:yaml.org,2002:float", DataLoader.construct_yaml_float)


@dataclass
class Source:
    """A data file's text, kept so that errors can be located and shown with context."""

    path: Path
    display: str
    text: str
    digest: str = ""  # sha1 of the bytes on disk, the cache key


def read_bytes(path: Path, display: str) -> bytes:
    """A data file's bytes, refusing what is not a plain file before reading anything.

    A symlink is never followed (it could point at any file of the user's), a FIFO or a device is
    never read (it could block or never end), and the size is checked on the open file."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    if os.path.islink(path):
        raise LoadError(Issue(display, "symlink-refused", _("this is a symbolic link; gdnn does not follow links "
                              "in the data folder"), hint=_("copy the file into the data folder instead")))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LoadError(Issue(display, "symlink-refused", _("this is a symbolic link; gdnn does not follow "
                                  "links in the data folder"),
                                  hint=_("copy the file into the data folder instead"))) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(Issue(display, "not-a-file", _("this is not a regular file (a folder, pipe or device); "
                                  "gdnn reads only plain files"), hint=_("remove it from the data folder")))
        if info.st_size > MAX_BYTES:
            raise LoadError(Issue(display, "file-too-large", _("the file is {size} bytes; the limit is {limit}").format(
                size=info.st_size, limit=MAX_BYTES), hint=_("split the data into several files")))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_BYTES:  # grew while being read
                raise LoadError(Issue(display, "file-too-large", _("the file is over {limit} bytes").format(
                    limit=MAX_BYTES), hint=_("split the data into several files")))
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: Path, display: str) -> Source:
    """A data file's text: UTF-8 (a BOM allowed), line ends unified, NFC, so that every later step sees
    one spelling of each Vietnamese word; a byte that is not UTF-8 is a located error."""
    raw = read_bytes(path, display)
    digest = hashlib.sha1(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            Issue(display, "not-utf8", _("byte {byte} is not UTF-8 text").format(byte=f"0x{raw[exc.start]:02x}"),
                  line=line, column=col,
                  hint=_("save the file as UTF-8 (in Word or Notepad: Save As → Encoding: UTF-8)"))
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
        raise LoadError(Issue(source.display, "empty-file", _("the file is empty"), line=1, column=1,
                              hint=_("write the data, or delete the file")))
    try:
        loader_cls = AnchoredLoader if ANCHOR.search(source.text) else DataLoader
        return yaml.load(source.text, Loader=loader_cls)  # noqa: S506 - both are SafeLoaders
    except yaml.MarkedYAMLError as exc:
        raise LoadError(_yaml_issue(source, exc)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml raises marked errors
        raise LoadError(Issue(source.display, "yaml-syntax", str(exc))) from None
    except RecursionError:
        raise LoadError(Issue(source.display, "too-deep", _("the data is nested too deeply"))) from None


_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def control_characters(source: Source, data: object) -> list[Issue]:
    """Text that Word and Excel cannot hold (control characters, written as escapes like "\\x07"):
    refused here, located, rather than crashing a writer later. Raw control characters never get this
    far (YAML refuses them), so only files with a backslash are walked."""
    if "\\" not in source.text:
        return []
    out: list[Issue] = []
    stack: list[tuple[tuple, object]] = [((), data)]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, dict):
            stack.extend((loc + (k,), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((loc + (i,), v) for i, v in enumerate(node))
        elif isinstance(node, str) and (m := _UNWRITABLE.search(node)):
            out.append(Issue(source.display, "control-character",
                             _("the text holds the control character U+{code:04X}, which Word and Excel cannot "
                               "hold").format(code=ord(m.group())), loc=loc,
                             hint=_("remove the escape (\\x.., \\u....) from the quoted text")))
    return out


def _yaml_issue(source: Source, exc: yaml.MarkedYAMLError) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = exc.problem or str(exc)
    code, hint = "yaml-syntax", None
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '")
        code = "unsafe-tag"
        problem = _("the tag {tag} is not allowed: gdnn data is plain text, numbers, lists and mappings").format(
            tag=tag)
        hint = _("remove the tag (the part starting with !)")
    elif "found character '\\t'" in problem or _leading_tab(source.text, line):
        code = "tab-indent"
        problem = _("a tab character is used for indentation; YAML allows only spaces")
        hint = _("replace the tab with spaces (most editors: Convert Indentation to Spaces)")
    elif isinstance(exc, RefusedYAML):
        code = exc.code
    elif "alias" in problem:
        code = "alias-not-allowed"
    elif "mapping values are not allowed" in problem:
        hint = _("a value that contains ': ' must be in quotes")
    elif "expected <block end>" in problem or "did not find expected key" in problem:
        hint = _("check the indentation of this line against the lines above it")
    if code in ("yaml-syntax", "alias-not-allowed") and not isinstance(exc, RefusedYAML):
        problem = _pyyaml_text(problem)
        if exc.context:
            problem = _("{context}, {problem}").format(context=_pyyaml_text(exc.context), problem=problem)
    return Issue(source.display, code, problem, line=line, column=col, hint=hint,
                 context=snippet(source.text, line, around=0))  # nothing beyond the line of a file that failed


# PyYAML's own wording (English, with the offending token after the fixed part) → message ids.
PYYAML_TEXTS = {
    "mapping values are not allowed here": N_("a ': ' is not allowed here"),
    "could not find expected ':'": N_("a ':' is missing after the key"),
    "did not find expected key": N_("a key was expected here"),
    "did not find expected '-' indicator": N_("a list item ('- ') was expected here"),
    "found unexpected end of stream": N_("the file ends before the value is closed"),
    "found unexpected ':'": N_("an unexpected ':'"),
    "found undefined alias": N_("an alias (*name) that no anchor (&name) defines"),
    "expected <block end>, but found": N_("the indentation does not match the lines above"),
    "expected ',' or ']', but got": N_("a list in [ ] is not closed with ']'"),
    "expected ',' or '}', but got": N_("a mapping in { } is not closed with '}'"),
    "while parsing a block mapping": N_("in a block of key: value lines"),
    "while parsing a block collection": N_("in a list"),
    "while parsing a flow sequence": N_("in a list written in [ ]"),
    "while parsing a flow mapping": N_("in a mapping written in { }"),
    "while scanning a simple key": N_("in a key"),
    "while scanning a quoted scalar": N_("in a quoted text"),
    "while scanning an alias": N_("in an alias (*name)"),
    "while scanning for the next token": N_("while reading the file"),
}


def _pyyaml_text(text: str) -> str:
    """PyYAML's message in the user's language when it is a known one (a name it quotes is kept,
    its internal token names such as '<block mapping start>' are not)."""
    for english, msgid in PYYAML_TEXTS.items():
        if text.startswith(english):
            rest = text[len(english):].strip()
            return _(msgid) + (f" ({rest})" if rest and not rest.startswith(("'<", "'?")) else "")
    return text


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
