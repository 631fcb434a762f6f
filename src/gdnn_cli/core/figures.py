"""Figures in text: a plan's sentences name figures by placeholder, and every document fills them here.

A plan's sentence is what gets signed, so a figure typed into it would be a second, unchecked copy
of the data: change the target and the sentence would still state the old one. Sentences therefore
write ``{dao-tao}`` where the document prints "240.000", and every rendering path (the plan body,
its appendices, the report, ``gdnn diff``, ``gdnn textconv``) calls :func:`fill_plan` or :func:`fill`,
so that they all print the same Babel-formatted figure. :func:`check` is the safety net run by
``gdnn validate``: it refuses a placeholder that names nothing, and a figure or deadline still typed
as a literal where it should come from the data.

Syntax (braces never occur in Vietnamese administrative prose, and only a lowercase id inside
braces is a placeholder, so ``{{ … }}`` or ``{ghi chú}`` stay ordinary text):

- ``{id}`` — a target: its value ("240.000", "75%"), or its range ("40 - 45%"), or its one bound;
  a reporting rule (given an ``id``): its deadline ("15/12/2025", or "05/12" every year);
- ``{id.min}``, ``{id.max}``, ``{id.value}``, ``{id.tolerance}``, ``{id.baseline}``, ``{id.due}`` — one field;
  ``{id.year}`` — a target's milestone year ("2030");
- ``{due}`` inside a reporting rule's own ``text`` — that rule's deadline;
- ``:02`` after any of them pads whole numbers to two digits, as documents write small counts
  ("{truong-clc:02} trường" → "03 trường").

Rates carry "%", counts carry no unit (the sentence says "lượt người" itself).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import _
from gdnn_cli.common.numbers import day_month, fmt_figure, fmt_range, fmt_short_date
from gdnn_cli.core.models import Plan, ReportingRule, Target

TARGET_FIELDS = ("value", "min", "max", "tolerance", "baseline")
PLACEHOLDER = re.compile(r"\{([a-z0-9][a-z0-9._-]*?)(?:\.(value|min|max|tolerance|baseline|year|due))?(?::(02))?\}")
# Not a placeholder, but looks like one meant to be: '{Dao-tao}', '{dao tao}', '{dao-tao.gia-tri}'.
NEAR_PLACEHOLDER = re.compile(r"\{[^{}\s]{1,60}\}")


@dataclass(frozen=True)
class Ref:
    """One placeholder found in a text: what it names, which field, and how to pad it."""

    key: str
    field: str | None
    pad: bool
    start: int
    end: int

    @property
    def raw(self) -> str:
        """The placeholder as typed, to leave it in place when it names nothing."""
        return "{" + self.key + (f".{self.field}" if self.field else "") + (":02" if self.pad else "") + "}"


def refs(text: str) -> list[Ref]:
    """The placeholders of ``text``, in order."""
    if "{" not in text:
        return []
    return [Ref(m.group(1), m.group(2), bool(m.group(3)), m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]


# --------------------------------------------------------------------------- formatting


def target_figure(t: Target, field: str | None = None, pad: bool = False) -> str | None:
    """How a sentence states a target: '240.000', '75%', '40 - 45%'; None when the field is empty."""
    rate = t.unit.strip() == "%"
    if field == "year":
        return str(t.year) if isinstance(t.year, int) else None
    if field is not None:
        v = getattr(t, field, None)
        return None if v is None else fmt_figure(v, rate, pad)
    if t.value is not None:
        return fmt_figure(t.value, rate, pad)
    if t.min is not None and t.max is not None:
        return fmt_range(fmt_figure(t.min, False, pad), fmt_figure(t.max, rate, pad))
    bound = t.min if t.min is not None else t.max
    return None if bound is None else fmt_figure(bound, rate, pad)


def due_figure(rule: ReportingRule) -> str | None:
    """A deadline as sentences write it (Nghị định 30): '15/12/2025', '05/01/2026', '25/5' every year."""
    if rule.due is not None:
        return fmt_short_date(rule.due)
    if (yearly := rule.yearly()) is not None:
        d, m = day_month(*yearly)
        return f"{d}/{m}"
    return None


# --------------------------------------------------------------------------- lookup and filling


class Figures:
    """What placeholders of one plan can name: every target (parts and shares too) and reporting rule."""

    def __init__(self, plan: Plan):
        self.targets: dict[str, Target] = {}
        self.duplicated = False  # a target id used twice: rules report that, and a placeholder may name the lost id
        for t in plan.all_targets():
            self.duplicated |= t.id in self.targets
            self.targets.setdefault(t.id, t)
        self.rules: dict[str, ReportingRule] = {r.id: r for r in plan.reporting if r.id}

    def ids(self) -> list[str]:
        """Every name a placeholder may use, for 'did you mean' hints."""
        return sorted({*self.targets, *self.rules})

    def resolve(self, ref: Ref, own: ReportingRule | None = None) -> str | None:
        """The text for one placeholder, or None when it names nothing (or an empty field)."""
        if ref.key == "due" and ref.field is None and own is not None and "due" not in self.targets:
            return due_figure(own)
        if ref.key in self.targets and ref.field != "due":
            return target_figure(self.targets[ref.key], ref.field, ref.pad)
        if ref.key in self.rules and ref.field in (None, "due"):
            return due_figure(self.rules[ref.key])
        return None

    def fill(self, text: str, own: ReportingRule | None = None) -> str:
        """``text`` with every placeholder replaced; one that names nothing is left as typed
        (``gdnn validate`` reports it, and textconv must never fail)."""
        found = refs(text)
        if not found:
            return text
        out, last = [], 0
        for r in found:
            value = self.resolve(r, own)
            out += [text[last:r.start], value if value is not None else r.raw]
            last = r.end
        return "".join(out) + text[last:]


OWN_PLACEHOLDERS = {"budget"}  # the budget sentence's {amount} and {sources}: funding.py fills and checks them


def fill(text: str | None, plan: Plan) -> str | None:
    """One text of ``plan`` with its figures from the data. Prefer :func:`fill_plan` for many."""
    return None if text is None else Figures(plan).fill(text)


def texts(model: BaseModel, loc: tuple = (), own: ReportingRule | None = None,
          ) -> Iterator[tuple[tuple, str, ReportingRule | None]]:
    """Every string of a plan with its path and its owner (a reporting rule, for ``{due}``)."""
    if isinstance(model, ReportingRule):
        own = model
    for name in type(model).model_fields:
        if name in OWN_PLACEHOLDERS:
            continue
        value = getattr(model, name)
        if isinstance(value, str):
            yield loc + (name,), value, own
        elif isinstance(value, BaseModel):
            yield from texts(value, loc + (name,), own)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield loc + (name, i), item, own
                elif isinstance(item, BaseModel):
                    yield from texts(item, loc + (name, i), own)


def _replace(model: BaseModel, loc: tuple, text: str) -> None:
    """Put ``text`` at ``loc`` (a path from ``texts``) inside ``model``, in place."""
    node: Any = model
    for part in loc[:-1]:
        node = node[part] if isinstance(part, int) else getattr(node, part)
    if isinstance(loc[-1], int):
        node[loc[-1]] = text
    else:
        object.__setattr__(node, loc[-1], text)


def fill_plan(plan: Plan) -> Plan:
    """A copy of ``plan`` whose every text states its figures from the data: what documents print."""
    copy = plan.model_copy(deep=True)
    figures = Figures(plan)
    for loc, text, own in list(texts(copy)):
        if "{" in text:
            _replace(copy, loc, figures.fill(text, own))
    return copy


# --------------------------------------------------------------------------- the safety net

NUMBER = re.compile(r"(?<![\w.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/])(\s*%)?")
DATE = re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\w/])")
TIME_WORDS = ("tháng", "năm", "ngày", "tuần", "quý", "giờ", "phút")
NOT_FIGURE_BEFORE = ("năm", "số", "thứ", "lần", "khoản", "điều", "mục", "phần", "giai đoạn", "khóa", "kỳ")
DEADLINE_WORDS = ("trước ngày", "trước", "chậm nhất", "hạn", "ngày")


def _value(token: str) -> float:
    return float(token.replace(".", "").replace(",", "."))


def _blank(text: str) -> str:
    """``text`` with its placeholders replaced by spaces of the same length (positions stay)."""
    return PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)


def _quote(text: str, start: int, end: int, width: int = 60) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def literal_numbers(text: str) -> Iterator[tuple[int, int, float, bool]]:
    """Numbers typed in ``text`` that read as figures: (start, end, value, has %).

    Not figures: years (1945–2100), numbers glued to letters (ASEAN-4, G20, Covid-19), numbers after
    'năm', 'số', 'thứ', 'giai đoạn' …, before a unit of time ('dưới 3 tháng'), document numbers
    (46/2015/QĐ-TTg) and dates."""
    body = _blank(text)
    dates = [m.span() for m in DATE.finditer(body)]
    for m in NUMBER.finditer(body):
        s = m.start(1)
        if any(a <= s < b for a, b in dates):
            continue
        before, after = body[:s].rstrip(), body[m.end(1):].lstrip()
        if before.endswith("-") and re.search(r"[^\W\d]-$", before):
            continue
        if re.search(r"[^\W\d]$", body[:s]):
            continue
        low_before = before.lower()
        if any(low_before.endswith(w) for w in NOT_FIGURE_BEFORE):
            continue
        if after.lower().startswith(TIME_WORDS) and not m.group(2):
            continue
        v = _value(m.group(1))
        if "," not in m.group(1) and "." not in m.group(1) and 1945 <= v <= 2100 and not m.group(2):
            continue
        if after.startswith(("/", "-")) and re.match(r"[-/][A-ZĐ]", after):
            continue
        yield s, m.end(), v, bool(m.group(2))


def _tree_figures(targets: list[Target]) -> dict[float, list[tuple[str, bool]]]:
    """Each figure of these targets' trees → the placeholders that print it (and whether it is a rate)."""
    out: dict[float, list[tuple[str, bool]]] = {}
    for top in targets:
        for t in top.walk():
            for f in TARGET_FIELDS:
                v = getattr(t, f)
                if v is not None:
                    name = "{" + t.id + ("" if f == "value" else f".{f}") + "}"
                    out.setdefault(float(v), []).append((name, t.unit.strip() == "%"))
    return out


def _carried(plan: Plan) -> dict[int, list[Target]]:
    """Which targets each top-level sentence states: its own tree, and the following targets whose
    sentence is null ('stated in the sentence of the target before it')."""
    out: dict[int, list[Target]] = {}
    owner = None
    for i, t in enumerate(plan.targets):
        if t.sentence:
            owner = i
            out[i] = [t]
        elif owner is not None:
            out[owner].append(t)
    return out


def _deadlines(plan: Plan) -> dict[tuple[int, int, int | None], str]:
    """(day, month, year or None for every year) of each reporting deadline → its placeholder."""
    out: dict[tuple[int, int, int | None], str] = {}
    for i, r in enumerate(plan.reporting):
        name = "{" + r.id + "}" if r.id else _("{{due}} in the text of reporting[{i}]").format(i=i)
        if r.due is not None:
            out[(r.due.day, r.due.month, r.due.year)] = name
            out.setdefault((r.due.day, r.due.month, None), name)
        elif (yearly := r.yearly()) is not None:
            out.setdefault((*yearly, None), name)
    return out


PROSE = {"sentence", "text", "after", "preamble", "closing", "heading"}


def _prose(loc: tuple) -> bool:
    name = next((x for x in reversed(loc) if isinstance(x, str)), "")
    return name in PROSE


def check(plan: Plan, file: str) -> Iterator[Issue]:
    """Placeholders that name nothing, and figures or deadlines typed where the data holds them.

    Strict where a sentence states targets (a target's sentence: every number in it that reads as a
    figure must be a placeholder) and deadlines (a reporting rule's text); in every other paragraph,
    a typed figure is refused when it equals one the data holds (a rate with its %, a count from
    1.000 up), and a typed date when it equals a reporting deadline."""
    figures = Figures(plan)
    carried = _carried(plan)
    deadlines = _deadlines(plan)
    everything = _tree_figures(plan.targets)
    for loc, text, own in texts(plan):
        if "{" in text:
            yield from _unknown(figures, file, loc, text, own)
        if not _prose(loc):
            continue
        sentence_of = loc[1] if len(loc) == 3 and loc[0] == "targets" and loc[2] == "sentence" else None
        is_reporting = len(loc) == 3 and loc[0] == "reporting" and loc[2] == "text"
        if sentence_of is not None and sentence_of in carried:
            yield from _literal_figures(file, loc, text, _tree_figures(carried[sentence_of]), strict=True)
        else:
            yield from _literal_figures(file, loc, text, everything, strict=False)
        yield from _literal_dates(file, loc, text, deadlines, strict=is_reporting)


def _unknown(figures: Figures, file: str, loc: tuple, text: str, own) -> Iterator[Issue]:
    import difflib

    for r in refs(text):
        if figures.resolve(r, own) is not None or (figures.duplicated and r.key not in figures.targets):
            continue  # one mistake, one message: a duplicated id is reported as such
        near = difflib.get_close_matches(r.key, figures.ids(), n=1, cutoff=0.5)
        if r.key in figures.targets or r.key in figures.rules:
            msg = _("{ref} names a field that {key} does not have: «{quote}»")
            hint = _("a target has value, min, max, tolerance, baseline, year; a reporting rule has due")
        else:
            msg = _("{ref} names no target or reporting rule of this plan: «{quote}»")
            hint = (_("did you mean {{{near}}}?").format(near=near[0]) if near
                    else _("write the id of a target, or give the reporting rule an id"))
        yield Issue(file, "unknown-figure", msg.format(ref=r.raw, key=r.key, quote=_quote(text, r.start, r.end)),
                    loc=loc, hint=hint)
    for m in NEAR_PLACEHOLDER.finditer(text):
        if not PLACEHOLDER.fullmatch(m.group(0)) and re.fullmatch(r"\{[\w.:-]+\}", m.group(0)):
            yield Issue(file, "unknown-figure",
                        _("{raw} is not a placeholder: «{quote}»").format(raw=m.group(0),
                                                                        quote=_quote(text, *m.span())),
                        loc=loc, hint=_("a placeholder is a lowercase id in braces: {dao-tao}, {dao-tao.min}"))


def _literal_figures(file: str, loc: tuple, text: str, tree: dict, strict: bool) -> Iterator[Issue]:
    for s, e, v, pct in literal_numbers(text):
        # outside a target's sentence only a clear match counts: a rate with its %, a count in thousands
        names = [n for n, rate in tree.get(v, []) if strict or (pct if rate else v >= 1000)]
        if not names and not strict:
            continue
        typed = text[s:e].strip()
        if names:
            msg = _("the sentence types the figure {typed}, which the data holds: «{quote}»")
            hint = _("write {ref} instead, so that the sentence follows the data").format(
                ref=" or ".join(dict.fromkeys(names)))
        else:
            examples = sorted({n for pairs in tree.values() for n, _rate in pairs})[:3]
            msg = _("the sentence types the figure {typed}, which no target it states has: «{quote}»")
            hint = _("write the target's placeholder ({examples}) so that the figure comes from the data").format(
                examples=", ".join(examples) or "{id}")
        yield Issue(file, "figure-not-from-data", msg.format(typed=typed, quote=_quote(text, s, e)), loc=loc, hint=hint)


def _literal_dates(file: str, loc: tuple, text: str, deadlines: dict, strict: bool) -> Iterator[Issue]:
    body = _blank(text)
    for m in DATE.finditer(body):
        d, mo = int(m.group(1)), int(m.group(2))
        y = int(m.group(3)) if m.group(3) else None
        name = deadlines.get((d, mo, y)) or (deadlines.get((d, mo, None)) if y is None else None)
        before = body[:m.start()].rstrip().lower()
        is_deadline = strict and before.endswith(DEADLINE_WORDS)
        if not name and not is_deadline:
            continue
        typed = m.group(0)
        msg = _("the text types the deadline {typed}, which the data holds: «{quote}»") if name else \
            _("the reporting sentence types the deadline {typed}, which no reporting rule has: «{quote}»")
        hint = (_("write {ref} instead, so that the text follows the data").format(ref=name) if name
                else _("write {due} for this rule's deadline, and set due or due_day_month"))
        yield Issue(file, "deadline-not-from-data", msg.format(typed=typed, quote=_quote(text, *m.span())),
                    loc=loc, hint=hint)
