"""Checks across files, on summaries: what a plan and an agency name must exist in the registry and be
alive when named.

They run after every file was checked on its own (rules.py), on the small summaries of index.py, so
that a national corpus is cross-checked without holding its plans in memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import N_, _, ngettext
from gdnn_cli.common.numbers import fmt_short_date
from gdnn_cli.core.agencies import Agency
from gdnn_cli.core.bases import issuer_rules
from gdnn_cli.core.index import PlanIndex
from gdnn_cli.core.registry import Registry


def reference_rules(plan: PlanIndex, file: str, reg: Registry) -> Iterator[Issue]:
    """Agency references of one plan (given as its PlanIndex) against the registry."""
    issued = plan.earliest
    warned: set[str] = set()
    for loc, agency_id in plan.refs:
        agency = reg.agencies.get(agency_id)
        if agency is None:
            yield Issue(file, "unknown-agency", _("agency '{id}' is not in data/agencies/").format(id=agency_id),
                        loc=loc, hint=reg.agency_hint(agency_id, plan.issuer))
            continue
        if agency.ceased and agency.ceased <= issued and agency_id not in warned and loc[0] != "issuer":
            warned.add(agency_id)  # an error: the plan was written after the agency was gone
            yield Issue(file, "agency-ceased", _("{name} ceased on {ceased}, on or before the day this plan was issued "
                                                 "({issued}), but the plan still gives it work or reports").format(
                            name=agency.name, ceased=fmt_short_date(agency.ceased), issued=plan.date_text),
                        loc=loc, hint=_successors(agency, reg, fix=True))
    yield from issuer_rules(plan.bases, file, reg)
    for r, to, due, reporters in plan.reporting:
        parties: list[tuple[tuple, str, str, str]] = [  # (loc, agency id, code, message id)
            (("reporting", r, "to"), to, "reports-to-ceased-agency",
             N_("reports are due to {name} on {due}, but it ceased on {ceased}"))]
        parties += [(("reporting", r, "reporters", j), rid, "report-from-ceased-agency",
                     N_("{name} must report by {due}, but it ceased on {ceased}")) for j, rid in enumerate(reporters)]
        for loc, agency_id, code, message in parties:
            agency = reg.agencies.get(agency_id)
            if agency and agency.ceased and due and due >= agency.ceased and agency_id not in warned:
                warned.add(agency_id)
                yield Issue(file, code, _(message).format(name=agency.name, due=fmt_short_date(due),
                                                          ceased=fmt_short_date(agency.ceased)),
                            severity="warning", loc=loc, hint=_successors(agency, reg))


def _successors(agency: Agency, reg: Registry, fix: bool = False) -> str:
    if not agency.successors:
        return _("no successor is recorded; check data/agencies/")
    names = "; ".join(reg.agency_name(s.id) + (f" ({s.scope})" if s.scope else "") for s in agency.successors)
    if fix:
        return _("name its successor instead ({ids}): {names}").format(
            ids=", ".join(s.id for s in agency.successors), names=names)
    return ngettext("successor: {names}", "successors: {names}", len(agency.successors)).format(names=names)


def agency_rules(agency: Agency, loc: tuple, file: str, reg: Registry) -> Iterator[Issue]:
    """One agency against the registry: the agencies it names exist, its groups are groups, its dates agree."""
    refs: list[tuple[tuple, str | None]] = [(("parent",), agency.parent)]
    refs += [(("successors", j, "id"), s.id) for j, s in enumerate(agency.successors)]
    refs += [(("member_of", j), g) for j, g in enumerate(agency.member_of)]
    for key, ref in refs:
        if ref and ref not in reg.agencies:
            yield Issue(file, "unknown-agency", _("agency '{id}' is not in data/agencies/").format(id=ref),
                        loc=loc + key, hint=reg.agency_hint(ref, agency.id))
    for j, g in enumerate(agency.member_of):
        group = reg.agencies.get(g)
        if group is not None and group.kind != "nhom":
            yield Issue(file, "member-of-non-group", _("'{id}' is not a group (kind nhom) but {kind}").format(
                id=g, kind=group.kind), loc=loc + ("member_of", j), hint=_("member_of names groups such as hn-ubnd-xa"))
    if agency.started and agency.ceased and agency.ceased < agency.started:
        yield Issue(file, "ceased-before-started", _("ceased {ceased} is before started {started}").format(
                        ceased=fmt_short_date(agency.ceased), started=fmt_short_date(agency.started)),
                    loc=loc + ("ceased",))
    if agency.ceased and not agency.sources:
        yield Issue(file, "unsourced-date", _("the date {name} ceased has no source").format(name=agency.name),
                    severity="warning", loc=loc + ("ceased",), hint=_("add sources: [{title: …, url: …}]"))
