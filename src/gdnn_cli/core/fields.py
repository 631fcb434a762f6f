"""The field types the data model is built from: ids, texts, figures, dates and the fixed words.

What a single value may be, checked where it is read: a figure written with thousands separators
or a decimal comma, a 30 February, a qualifier spelt in Vietnamese. The models of models.py and
results.py are made of these, so that a plan and a result file refuse the same mistakes alike.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetJsonSchemaHandler, model_validator
from pydantic_core import PydanticCustomError, core_schema

from gdnn_cli.common import vocab
from gdnn_cli.common.i18n import _
from gdnn_cli.common.vocab import Coded
from gdnn_cli.core.loader import ThousandsFloat

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=120)]
"""An id: lowercase, digits and ``-._``, so that it is stable in file names, URLs and placeholders."""
Text = Annotated[str, Field(min_length=1)]
"""Text that must not be empty (a name, a title): an empty one is a mistake, not a blank."""

# --------------------------------------------------------------------------- numbers

MAX_AMOUNT = 1e15
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")


def _amount(value: object) -> object:
    """Refuse numbers that YAML or pydantic would misread: thousands separators, a decimal comma,
    NaN and infinities, negatives, and values too large to be a count of anything.

    The error's context carries a ``hint`` that schema_errors shows on its own line."""
    text = value.strip() if isinstance(value, str) else getattr(value, "text", "") or str(value)
    if isinstance(value, ThousandsFloat) or (isinstance(value, str) and (
            _THOUSANDS_DOT.fullmatch(text) or _THOUSANDS_COMMA.fullmatch(text))):
        plain = re.sub(r"[.,]", "", text)
        read = _("YAML reads it as {value}").format(value=value) if isinstance(value, float) else \
            _("YAML reads it as text")
        raise PydanticCustomError(
            "number-separator", _("'{text}' is written with thousands separators: {read}"),
            {"text": text, "read": read,
             "hint": _("viết {plain} (write {plain}); a decimal with three decimals needs a fourth: "
                       "12.0005").format(plain=plain)})
    if isinstance(value, str) and _DECIMAL_COMMA.fullmatch(text):
        dot = text.replace(",", ".")
        raise PydanticCustomError("number-decimal-comma", _("'{text}' is written with a decimal comma, which "
                                  "YAML reads as text"),
                                  {"text": text, "hint": _("viết {dot} (write {dot})").format(dot=dot)})
    number = value
    if isinstance(value, str):
        try:
            number = float(text)
        except ValueError:
            return value  # not a number at all: pydantic's float_parsing says so
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        if number != number or number in (float("inf"), float("-inf")):
            raise PydanticCustomError("number-not-finite", _("'{text}' is not a figure"),
                                      {"text": text, "hint": _("write the number, e.g. 240000 or 72.2")})
        if number < 0:
            raise PydanticCustomError("number-negative", _("{text} is negative; counts, rates and actuals never are"),
                                      {"text": text, "hint": _("write the figure without a minus sign; for a "
                                                               "target to lower, use direction: lower")})
        if number >= MAX_AMOUNT:
            raise PydanticCustomError("number-too-large", _("{text} is too large to be a figure"),
                                      {"text": text, "hint": _("figures must be below 10^15; check the digits")})
    return value


Amount = Annotated[float, BeforeValidator(_amount)]
"""A figure: refused when YAML would misread it (see ``_amount``)."""


class Strict(BaseModel):
    """The base of every model: an unknown key is an error, so a typo is never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


# --------------------------------------------------------------------------- dates


class PartialDate(Strict):
    """An issue date whose day or month the document leaves blank ("ngày … tháng … năm 2025")."""

    year: int = Field(ge=1945, le=2100)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _real(self) -> PartialDate:
        if self.day is not None and self.month is None:
            raise ValueError(_("a day without a month: give the month too, or leave both blank"))
        if self.day is not None and self.month is not None:
            dt.date(self.year, self.month, self.day)  # raises ValueError for 30/02
        return self

    def earliest(self) -> dt.date:
        """The first day the date can be: what a deadline must not fall before."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day the date can be: what a base the plan implements must not be dated after."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, self.month, self.day)


def _iso_date(text: str) -> dt.date:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if not m:
        raise ValueError(_("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2025-12-15").format(value=text))
    y, mo, d = (int(g) for g in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(_("{value} is not a real date (no day {day} in month {month} of {year})").format(
            value=text, day=d, month=mo, year=y)) from None


def parse_iso_date(value: object) -> object:
    """Dates are kept as strings by the loader so that 2025-02-30 is a located error, not a crash."""
    return _iso_date(value) if isinstance(value, str) else value


Date = Annotated[dt.date, BeforeValidator(parse_iso_date)]
"""A full date written YYYY-MM-DD."""


def _partial(value: object) -> object:
    """Accept 2022-03-04 (full) or 2025 (year only) besides the {year, month, day} mapping."""
    if isinstance(value, int) and not isinstance(value, bool):
        return {"year": value}
    if isinstance(value, str):
        d = _iso_date(value)
        return {"year": d.year, "month": d.month, "day": d.day}
    return value


class _IssueDateJsonSchema:
    """The JSON Schema says what validation accepts: the mapping, a full date or a bare year, so that an
    editor never marks `date: 2022-03-04` as wrong while `gdnn validate` accepts it."""

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"anyOf": [handler(schema), {"type": "string", "format": "date"},
                          {"type": "integer", "minimum": 1945, "maximum": 2100}]}


IssueDate = Annotated[PartialDate, BeforeValidator(_partial), _IssueDateJsonSchema()]
"""A plan's date: a mapping, a full date or a bare year, since a draft's day is often not yet known."""


# --------------------------------------------------------------------------- the fixed words

# A code each, and its Vietnamese spellings (vocab.py), normalised to the code on load; a str to mypy.
ListStyle = Annotated[str, Coded({k: v for k, v in vocab.STYLES.items() if k != "numbered"})]
Style = Annotated[str, Coded(vocab.STYLES)]
Numbering = Annotated[str, Coded(vocab.NUMBERINGS)]
Qualifier = Annotated[str, Coded(vocab.QUALIFIERS)]
Year = int | Annotated[str, Coded(vocab.EVERY_YEAR)]
Measure = Annotated[str, Coded(vocab.MEASURES)]
Direction = Annotated[str, Coded(vocab.DIRECTIONS)]
FundingKind = Annotated[str, Coded(vocab.FUNDING)]
Role = Annotated[str, Coded(vocab.ROLES)]
Frequency = Annotated[str, Coded(vocab.FREQUENCIES)]
Include = Annotated[str, Coded(vocab.INCLUDES)]
BlockKind = Annotated[str, Coded(vocab.BLOCK_KINDS)]
Appendix = Annotated[str, Coded(vocab.APPENDICES)]
AgencyKind = Annotated[str, Coded(vocab.AGENCY_KINDS)]
MoneyUnit = Literal["đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"]
