"""Problems as data: every check returns Issues, and the CLI decides how to print them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One located problem. ``loc`` is the path inside the document, used to find line and column."""

    file: str
    code: str
    message: str
    severity: Severity = "error"
    line: int | None = None
    column: int | None = None
    where: str = ""
    hint: str | None = None
    loc: tuple = field(default=(), compare=False, repr=False)
    context: str | None = field(default=None, compare=False, repr=False)
    place: str = field(default="", compare=False)  # ``where`` in plan terms: "Chỉ tiêu «Cao đẳng» (mục II), dòng 61"

    def to_dict(self) -> dict:
        """The issue as ``--format json`` prints it: position, code, message, hint, place."""
        d = asdict(self)
        d.pop("loc")
        d.pop("context")
        d.pop("severity")
        return d

    def headline(self, verbose: bool = False) -> str:
        """file:line:column, where in the plan, message. The YAML path is shown when there is no
        plan-term place, or with ``verbose``."""
        pos = self.file
        if self.line is not None:
            pos += f":{self.line}:{self.column or 1}"
        where = self.place or self.where
        if verbose and self.place and self.where:
            where = f"{self.place} [{self.where}]"
        return f"{pos} {where}: {self.message}" if where else f"{pos} {self.message}"


class GdnnError(Exception):
    """An expected failure with a message for the user (exit code 1)."""

    def __init__(self, message: str, issues: list[Issue] | None = None):
        super().__init__(message)
        self.issues = issues or []


class UsageError(GdnnError):
    """The command was called wrongly (exit code 2)."""
