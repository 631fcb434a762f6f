"""Vietnamese numbers and dates in one place (Babel's CLDR data for vi_VN, not string replacement).

240.000 · 72,2% · "ngày 04 tháng 3 năm 2022". Babel is imported on first use so that commands
which print no numbers start fast.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

LOCALE = "vi_VN"


@lru_cache(maxsize=1)
def _babel():
    from babel import numbers

    return numbers


@lru_cache(maxsize=65536)  # Babel parses its pattern on every call; a site prints the same numbers thousands of times
def fmt_number(value: float | int | None, decimals: int = 1) -> str:
    """240000 → '240.000'; 72.25 → '72,3' (one decimal unless the value is whole)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return _babel().format_decimal(int(value), locale=LOCALE)
    pattern = "#,##0." + "#" * decimals
    return _babel().format_decimal(round(float(value), decimals), format=pattern, locale=LOCALE)


def fmt_percent(value: float | None, decimals: int = 1) -> str:
    """A rate already in percent: 72.2 → '72,2%'."""
    if value is None:
        return ""
    return fmt_number(value, decimals) + "%"


def fmt_figure(value: float, rate: bool, pad: bool = False) -> str:
    """A target's figure as every document and table prints it: '240.000', '72,25%', padded '03'.

    Two decimals at most, so that a plan's "72,25%" is not rounded to "72,3%" in the report beside it.
    """
    whole = float(value).is_integer()
    text = f"{int(value):02d}" if pad and whole and 0 <= value < 10 else fmt_number(value, 2)
    return text + ("%" if rate else "")


def fmt_signed(value: float | None, decimals: int = 1) -> str:
    """A gap with its sign: '+3.300', '−0,8' (a true minus sign, as print uses), '0' for none."""
    if value is None:
        return ""
    text = fmt_number(abs(value), decimals)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def fmt_range(low: str, high: str) -> str:
    """'40 - 45%', '2.000 - 2.500': a range as the seed plans print it, from its two formatted bounds.

    The plan, the report, ``gdnn gaps``, ``gdnn diff`` and textconv all join bounds here, so that
    one document never prints "40 - 45%" and another "40–45%" for the same target.
    """
    return f"{low} - {high}"


def day_month(day: int | None, month: int | None) -> tuple[str, str]:
    """Nghị định 30: days under 10 and months 1 and 2 take a leading zero."""
    d = f"{day:02d}" if day else ""
    m = (f"{month:02d}" if month <= 2 else str(month)) if month else ""
    return d, m


def fmt_long_date(year: int, month: int | None = None, day: int | None = None, place: str | None = None) -> str:
    """'Hà Nội, ngày 04 tháng 3 năm 2022'; unknown parts stay blank as on a document awaiting its date."""
    d, m = day_month(day, month)
    blank = "\u00a0" * 6
    text = f"ngày {d or blank} tháng {m or blank} năm {year}"
    return f"{place}, {text}" if place else text


def fmt_short_date(when: dt.date) -> str:
    """04/3/2022, 25/5/2025, 05/01/2026: the Nghị định 30 form, as dates are written inside sentences.

    Days under 10 and the months 1 and 2 take a leading zero; other months do not (Phụ lục I, mục
    II.5 of Nghị định 30/2020/NĐ-CP). Every module formats dates through here so one document never
    mixes 04/03/2022 and 04/3/2022.
    """
    d, m = day_month(when.day, when.month)
    return f"{d}/{m}/{when.year}"


def fmt_partial_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """A date some of whose parts are unknown: 04/3/2022, 3/2022 or 2022 — never an invented day."""
    d, m = day_month(day, month)
    if day and month:
        return f"{d}/{m}/{year}"
    if month:
        return f"{m}/{year}"
    return str(year)
