"""The data model of the agency registry (data/agencies/): an agency, its place among others, its life in time.

The 2025 reorganisation ended many agencies and merged others; a plan issued after an agency ceased
must name its successor, so each agency records when it started and ceased, who took over, and where
that is published.
"""

from __future__ import annotations

from pydantic import Field

from gdnn_cli.core.fields import AgencyKind, Date, Slug, Strict, Text


class Successor(Strict):
    """An agency that took over a ceased one's work, and which part of it."""

    id: str
    scope: str | None = Field(default=None, description="What passed to it: 'quản lý nhà nước về GDNN'")


class SourceRef(Strict):
    """Where a fact about an agency (its cease date, a merger) is published."""

    title: Text
    url: str | None = None
    date: Date | None = None


class Agency(Strict):
    """An agency, with its life in time: the 2025 reorganisation ended many of them."""

    id: Slug
    name: Text
    short: str | None = None
    kind: AgencyKind
    parent: str | None = None
    member_of: list[str] = Field(
        default_factory=list, description="Groups (kind nhom) this body belongs to: a commune's UBND is one of "
        "'UBND các xã, phường'; a group's forms go to its members and its figure is their sum")
    province: str | None = Field(default=None, description="Province code, e.g. 'hn', 'hp'")
    started: Date | None = None
    ceased: Date | None = None
    successors: list[Successor] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    symbol: str | None = Field(default=None, description="Ký hiệu in document numbers: UBND, SGDĐT")
    letterhead: list[str] = Field(default_factory=list, description="Letterhead lines when not derived from the name")
    formed_from: list[str] = Field(default_factory=list, description="Units this one was formed from (2025 mergers)")
    note: str | None = None


class AgencyFile(Strict):
    """A file of data/agencies/: a list of agencies, so that one province's registry is one file."""

    agencies: list[Agency] = Field(min_length=1)
