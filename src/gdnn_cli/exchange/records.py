"""What a filled form contributes and what a collection run did, shared by collect.py and store.py.

collect.py reads forms into Records; store.py merges them into results files and counts the outcome.
Both use these types, so they live here and neither module imports the other's data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gdnn_cli.common.errors import Issue


@dataclass
class Record:
    """One record a form contributes to a results file."""

    result_file: Path
    section: str  # figures | progress | reports
    key: tuple
    data: dict
    compare: tuple  # what must be equal for the record to count as already there
    label: str  # for conflict listings: 'UBND phường Ba Đình · Cao đẳng'
    shown: str  # the value as a person reads it


@dataclass
class ReadForm:
    """One verified form: the body that filled it and the records it contributes."""

    path: Path
    body: str
    records: list[Record] = field(default_factory=list)


@dataclass
class Conflict:
    """A record whose answer differs from the one already in the data; kept out unless --replace."""

    record: Record
    existing: str  # the value already in the data, as shown
    where: str  # where the existing value came from


@dataclass
class CollectResult:
    """What `gdnn collect` did: forms read, located problems, counts, conflicts, files written."""

    forms: list[ReadForm] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every form was taken and nothing conflicted: the run's exit status."""
        return not self.issues and not self.conflicts
