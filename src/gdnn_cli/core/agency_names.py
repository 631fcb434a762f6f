"""From what a clerk typed where an agency id belongs to the id: names, short names, near misses.

Clerks know agencies by name — "Sở Tài chính", "sở tài chính", "So Tai chinh" — not by id. When
such a name stands where an id is expected, the hint must give the id (``hn-so-tai-chinh``), not
advise adding an agency that exists. Names are compared in NFC, case-folded, and, failing that,
without diacritics; among agencies of the same name (every province has a Sở Tài chính) the one of
the plan's own province wins, then one that has not ceased.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping

from gdnn_cli.common.i18n import _


def fold(text: str, diacritics: bool = True) -> str:
    """Comparable form of a name: NFC, case-folded, single spaces; optionally without diacritics."""
    text = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    if diacritics:
        return text
    text = text.replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _names(agency) -> list[str]:
    return [n for n in (agency.name, agency.short) if n]


def _province(agency_id: str, agencies: Mapping) -> str | None:
    a = agencies.get(agency_id)
    if a is not None and getattr(a, "province", None):
        return a.province
    return agency_id.split("-", 1)[0] if "-" in agency_id else None


def _rank(ids: list[str], agencies: Mapping, issuer: str | None) -> list[str]:
    home = _province(issuer, agencies) if issuer else None

    def key(agency_id: str) -> tuple:
        a = agencies[agency_id]
        return (_province(agency_id, agencies) != home, a.ceased is not None, agency_id)

    return sorted(ids, key=key)


def agencies_named(agencies: Mapping, text: str, issuer: str | None = None) -> list[str]:
    """Ids of the agencies whose name or short name is ``text`` (same diacritics first, then none)."""
    for diacritics in (True, False):
        wanted = fold(text, diacritics)
        found = [i for i, a in agencies.items() if any(fold(n, diacritics) == wanted for n in _names(a))]
        if found:
            return _rank(found, agencies, issuer)
    return []


def similar_names(agencies: Mapping, text: str, issuer: str | None = None) -> list[str]:
    """Ids of agencies whose name is close to ``text`` (a typo, a missing word), best first."""
    index: dict[str, set[str]] = {}
    for agency_id, a in agencies.items():
        for n in _names(a):
            index.setdefault(fold(n, False), set()).add(agency_id)
    close = difflib.get_close_matches(fold(text, False), list(index), n=3, cutoff=0.75)
    seen: list[str] = []
    for name in close:
        for agency_id in _rank(sorted(index[name]), agencies, issuer):
            if agency_id not in seen:
                seen.append(agency_id)
    return seen


def looks_like_name(text: str) -> bool:
    """Ids are lowercase ASCII without spaces; anything else was typed as a name."""
    return not text.isascii() or " " in text.strip() or text != text.lower()


def unknown_agency_hint(agencies: Mapping, wrong: str, issuer: str | None = None) -> str:
    """The hint for an unknown agency id: the id of the agency with that name, else the nearest id."""
    def label(agency_id: str) -> str:
        return f"'{agency_id}' ({agencies[agency_id].name})"

    if looks_like_name(wrong):
        named = agencies_named(agencies, wrong, issuer)
        if named:
            return _("'{text}' is the name of an agency; write its id: {id}").format(text=wrong, id=label(named[0]))
        similar = similar_names(agencies, wrong, issuer)
        if similar:
            return _("write the agency's id, not its name; did you mean {id}?").format(id=label(similar[0]))
    close = difflib.get_close_matches(wrong, list(agencies), n=1, cutoff=0.5)
    if close:
        return _("did you mean {id}?").format(id=label(close[0]))
    return _("no agency has a similar id or name; if it is a new agency, add it to data/agencies/ first")
