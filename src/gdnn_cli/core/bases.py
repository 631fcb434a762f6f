"""The bases of a plan (căn cứ): printed from the data once, and checked for number, date and issuer.

A base with ``lead`` is printed as its own paragraph of the preamble ("Thực hiện Quyết định số
2239/QĐ-TTg ngày 30/12/2021 của Thủ tướng Chính phủ …;"). A base without it is cited inside a
preamble sentence the plan words itself; then the sentence must print the same number and date, so
that the two copies cannot drift apart unnoticed.

Document numbers take two forms: the state's "2239/QĐ-TTg", "02/2025/TT-BLĐTBXH", "18/TB-HĐND"
(number / type code - issuer's symbol) and the party's "178-KH/TU", "37-CT/TW" (number - type code /
committee). The type code must agree with the base's type; the symbol with the issuer's, when the
registry records one; the issuer must exist and be in office on the base's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import _
from gdnn_cli.common.numbers import fmt_short_date
from gdnn_cli.common.vocab import DOCUMENT_CODES
from gdnn_cli.core.models import DocumentRef, Plan

STATE = re.compile(r"(?P<n>\d+)/(?:\d{4}/)?(?P<code>[A-ZĐ][A-Za-zĐđ0-9]*)(?:-(?P<symbol>[A-Za-zĐđ0-9&.-]+))?")
PARTY = re.compile(r"(?P<n>\d+)-(?P<code>[A-ZĐ][A-Za-zĐđ]*)/(?P<symbol>[A-Za-zĐđ0-9&.-]+)")
SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class Number:
    """A parsed số, ký hiệu."""

    party: bool
    code: str
    symbol: str | None


def parse_number(number: str) -> Number | None:
    """The type code and issuer's symbol of a state or party document number; None if it is neither."""
    m = PARTY.fullmatch(number)
    if m:
        return Number(True, m["code"], m["symbol"])
    m = STATE.fullmatch(number)
    if m:
        if m["symbol"] is None:  # "202/2025/QH15": the issuer's code stands alone, the type is implied
            return Number(False, "", m["code"])
        return Number(False, m["code"], m["symbol"])
    return None


def short_date(ref: DocumentRef) -> str:
    """30/12/2021, 04/3/2022 — the leading zeros of Nghị định 30."""
    assert ref.date is not None
    return fmt_short_date(ref.date)


def base_text(ref: DocumentRef, agency_name: Callable[[str], str]) -> str:
    """The preamble paragraph of a base: 'Thực hiện Quyết định số … ngày … của … <trích yếu>;'."""
    issuer = ref.by or (agency_name(ref.issuer) if ref.issuer else None)
    parts = [ref.lead, ref.type, f"số {ref.number}" if ref.number else None,
             f"ngày {short_date(ref)}" if ref.date else None, f"của {issuer}" if issuer else None,
             ref.title, ref.after]
    return " ".join(p for p in parts if p).rstrip(";.,") + ";"


def printed_bases(plan: Plan, agency_name: Callable[[str], str]) -> list[str]:
    """The preamble paragraphs of the bases printed from the data (those with ``lead``), in order."""
    return [base_text(b, agency_name) for b in plan.bases if b.lead]


# --------------------------------------------------------------------------- checks within the plan


def base_rules(plan: Plan, file: str) -> Iterator[Issue]:
    """Number form and type code, date before the plan, and the citation of unprinted bases."""
    latest = plan.date.latest()
    cited = " ".join(plan.preamble)
    for i, ref in enumerate(plan.bases):
        loc = ("bases", i)
        if ref.number:
            yield from _number(ref, file, loc)
        if ref.date and ref.date > latest:
            yield Issue(file, "base-after-plan",
                        _("the base is dated {date}, after this plan was issued").format(date=short_date(ref)),
                        loc=loc + ("date",), hint=_("a plan can only implement documents issued before it"))
        if not ref.lead and ref.number:
            yield from _citation(ref, cited, file, loc)
    if plan.budget is not None and plan.budget.id in {t.id for t in plan.targets for t in t.walk()}:
        yield Issue(file, "duplicate-target-id",
                    _("the budget's id '{id}' is also a target id").format(id=plan.budget.id),
                    loc=("budget", "id"), hint=_("give the budget its own id"))


def _number(ref: DocumentRef, file: str, loc: tuple) -> Iterator[Issue]:
    parsed = parse_number(ref.number or "")
    if parsed is None:
        yield Issue(file, "base-number-format",
                    _("'{number}' is not a document number").format(number=ref.number), loc=loc + ("number",),
                    hint=_("write it as printed: 10/KH-UBND, 02/2025/TT-BLĐTBXH, or a party number 178-KH/TU"))
        return
    expected = DOCUMENT_CODES.get((ref.type or "").strip().lower())
    if expected and parsed.code and parsed.code != expected:
        yield Issue(file, "base-type-mismatch",
                    _("number {number} is of type {code}, but the base is a {type} ({expected})").format(
                        number=ref.number, code=parsed.code, type=ref.type, expected=expected),
                    loc=loc + ("number",), hint=_("correct the number or the type"))


DATE_AFTER = re.compile(r"[\s,]*ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def _citation(ref: DocumentRef, cited: str, file: str, loc: tuple) -> Iterator[Issue]:
    at = cited.find(ref.number or "")
    if at < 0:
        yield Issue(file, "base-not-cited", _("base {number} is neither printed nor cited in the preamble").format(
            number=ref.number), severity="warning", loc=loc,
            hint=_("give it 'lead: Căn cứ' (or 'Thực hiện') to print it, or cite it in the preamble"))
        return
    m = DATE_AFTER.match(cited, at + len(ref.number or ""))
    if m and ref.date:
        day, month, year = (int(g) for g in m.groups())
        if (day, month, year) != (ref.date.day, ref.date.month, ref.date.year):
            yield Issue(file, "base-date-mismatch",
                        _("the preamble dates {number} {printed}, the base says {date}").format(
                            number=ref.number, printed=f"{day}/{month}/{year}", date=short_date(ref)),
                        loc=loc + ("date",), hint=_("correct the preamble or the base: they must agree"))


# --------------------------------------------------------------------------- checks against the registry


def base_index(plan: Plan) -> tuple:
    """What the cross-file checks need: (index, issuer id, number, date) of bases naming a registry id."""
    return tuple((i, b.issuer, b.number, b.date) for i, b in enumerate(plan.bases)
                 if b.issuer and SLUG.fullmatch(b.issuer))


def issuer_rules(bases: tuple, file: str, reg) -> Iterator[Issue]:
    """The issuer exists, was in office on the base's date, and its symbol ends the number."""
    for i, issuer, number, date in bases:
        loc = ("bases", i, "issuer")
        agency = reg.agencies.get(issuer)
        if agency is None:
            near = reg.nearest_agency(issuer)
            yield Issue(file, "unknown-agency", _("agency '{id}' is not in data/agencies/").format(id=issuer), loc=loc,
                        hint=_("did you mean '{id}'?").format(id=near) if near else
                        _("add it to data/agencies/, or write the issuer's name"))
            continue
        if date and ((agency.started and date < agency.started) or (agency.ceased and date >= agency.ceased)):
            yield Issue(file, "base-issuer-not-in-office",
                        _("{name} did not exist on {date}, the date of {number}").format(
                            name=agency.name, date=fmt_short_date(date), number=number),
                        loc=loc, hint=_("check the issuer (before or after the 2025 reorganisation) or the date"))
        parsed = parse_number(number) if number else None
        if parsed and agency.symbol and parsed.symbol and parsed.symbol != agency.symbol:
            yield Issue(file, "base-symbol-mismatch",
                        _("number {number} ends in {symbol}, but {name} signs as {own}").format(
                            number=number, symbol=parsed.symbol, name=agency.name, own=agency.symbol),
                        loc=loc, hint=_("a party committee's standing board signs /TU, a council's standing "
                                        "board -HĐND: check the issuer"))
