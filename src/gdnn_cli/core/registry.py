"""The registry: every id that files may refer to across file boundaries, and the agencies' life in time.

Built by dataset.py from the summaries of all valid files, then read by the checks across files
(references.py, result_rules.py) and by the documents, which print agencies by name.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from gdnn_cli.core.agencies import Agency
from gdnn_cli.core.index import PlanIndex
from gdnn_cli.core.models import Plan


@dataclass
class Registry:
    """Everything that files may refer to across file boundaries."""

    agencies: dict[str, Agency] = field(default_factory=dict)
    agency_files: dict[str, str] = field(default_factory=dict)
    plan_index: dict[str, PlanIndex] = field(default_factory=dict)
    plan_files: dict[str, str] = field(default_factory=dict)
    plans: Mapping[str, Plan] = field(default_factory=dict)  # full models, loaded on first use
    invalid_plans: set[str] = field(default_factory=set)  # ids of plan files with errors of their own

    def nearest_agency(self, wrong: str) -> str | None:
        """The registered agency id closest to a mistyped one, for a 'did you mean' hint."""
        close = difflib.get_close_matches(wrong, list(self.agencies), n=1, cutoff=0.5)
        return close[0] if close else None

    def agency_hint(self, wrong: str, issuer: str | None = None) -> str:
        """What to write instead of an unknown agency id: the id of the agency so named, or the
        nearest id; never 'add it' when the agency exists under another spelling."""
        from gdnn_cli.core.agency_names import unknown_agency_hint

        return unknown_agency_hint(self.agencies, wrong, issuer)

    def successor_at(self, agency_id: str, when: dt.date) -> str:
        """The agency that does this agency's work on ``when``: follow first successors past cease dates."""
        seen = set()
        current = agency_id
        while current not in seen:
            seen.add(current)
            a = self.agencies.get(current)
            if a is None or a.ceased is None or when < a.ceased or not a.successors:
                return current
            current = a.successors[0].id
        return current

    def members(self, group_id: str, when: dt.date | None = None) -> list[str]:
        """The bodies that list ``group_id`` in ``member_of`` (alive on ``when`` when given), by id.
        Empty for a group whose members the registry does not list: it is then asked as one body."""
        index = self.__dict__.get("_members")
        if index is None:
            index = {}
            for a in self.agencies.values():
                for g in a.member_of:
                    index.setdefault(g, []).append(a.id)
            for ids in index.values():
                ids.sort()
            self.__dict__["_members"] = index
        ids = index.get(group_id, [])
        if when is None:
            return list(ids)
        return [i for i in ids if _alive(self.agencies[i], when)]

    def short_name(self, agency_id: str) -> str:
        """The agency's short name for tables (else its name); the id itself when it is unknown."""
        a = self.agencies.get(agency_id)
        return (a.short or a.name) if a else agency_id

    def agency_name(self, agency_id: str) -> str:
        """The agency's full name for sentences; the id itself when it is unknown, so output never fails."""
        a = self.agencies.get(agency_id)
        return a.name if a else agency_id


def _alive(agency: Agency, when: dt.date) -> bool:
    return (agency.started is None or agency.started <= when) and (agency.ceased is None or when < agency.ceased)
