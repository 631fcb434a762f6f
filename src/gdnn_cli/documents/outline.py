"""Walk a plan's outline into a flat list of numbered paragraphs, in document order.

The template only loops over these paragraphs and picks a style by ``kind``; all numbering
(I., 1., 1.1., a), the Vietnamese alphabet) is decided here, once, and tested without Word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gdnn_cli.core.bases import printed_bases
from gdnn_cli.core.funding import budget_sentence
from gdnn_cli.core.models import Assignment, Block, Plan, TaskGroup

# Nghị định 30: points follow the Vietnamese alphabet — no f, j, w, z.
VIETNAMESE_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
                      "u", "v", "x", "y"]
ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    """Section numbers (I., II., …) as Nghị định 30 numbers the parts of a document."""
    out = ""
    for value, sym in ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def letter(n: int) -> str:
    """1 → a, 5 → đ, 6 → e, 7 → g; past y, doubled (aa, bb …)."""
    k = len(VIETNAMESE_LETTERS)
    return VIETNAMESE_LETTERS[(n - 1) % k] * ((n - 1) // k + 1)


@dataclass(frozen=True)
class Para:
    """One paragraph of the body. kind: section, clause, point, body."""

    kind: str
    text: str


class Numberer:
    """Numbers for the children of one block: '1.', '2.' at top level, '2.1.' under 2., 'a)' if alpha."""

    def __init__(self, parent: str, alpha: bool = False):
        self.parent = parent  # "" at section level, "2" under clause 2.
        self.alpha = alpha
        self.n = 0

    def next(self) -> str:
        """The number of the next child, counted from this block's parent."""
        self.n += 1
        if self.alpha:
            return f"{letter(self.n)})"
        return f"{self.parent}.{self.n}." if self.parent else f"{self.n}."

    def label(self) -> str:
        """The bare label of the last number, used as a parent ('2.1.' → '2.1')."""
        if self.alpha:
            return ""
        return f"{self.parent}.{self.n}" if self.parent else str(self.n)


def _prefix(style: str, numberer: Numberer | None = None) -> str:
    if style == "dash":
        return "- "
    if style == "plus":
        return "+ "
    if style == "numbered" and numberer is not None:
        return numberer.next() + " "
    return ""


def body(plan: Plan, agency_name: Callable[[str], str]) -> list[Para]:
    """The whole body: preamble, Roman sections, closing. ``agency_name(id)`` names agencies."""
    out = [Para("body", t) for t in (*printed_bases(plan, agency_name), *plan.preamble)]
    for i, section in enumerate(plan.sections, 1):
        heading = (section.heading or "").upper()
        out.append(Para("section", f"{roman(i)}. {heading}".rstrip()))
        _block(plan, section, Numberer("", section.numbering == "alpha"), out, agency_name)
    out.extend(Para("body", t) for t in plan.closing)
    return out


def _block(plan: Plan, block: Block, numbers: Numberer, out: list[Para], agency_name: Callable[[str], str]) -> None:
    for t in block.text:
        out.append(Para("body", _prefix(block.style, numbers) + t))
    if block.include:
        _include(plan, block, numbers, out, agency_name)
    for child in block.blocks:
        label = numbers.next()
        kind = "point" if numbers.alpha else "clause"
        out.append(Para(kind, f"{label} {child.heading}" if child.heading else label))
        sub = Numberer(numbers.label(), child.numbering == "alpha")
        _block(plan, child, sub, out, agency_name)
    out.extend(Para("body", t) for t in block.after)


def _include(plan: Plan, block: Block, numbers: Numberer, out: list[Para],
             agency_name: Callable[[str], str]) -> None:
    wanted = set(block.only)
    style = block.item_style or block.style
    if block.include == "targets":
        for t in plan.targets:
            if (not wanted or t.id in wanted) and t.sentence:
                out.append(Para("body", _prefix(style, numbers) + t.sentence))
    elif block.include == "task_groups":
        for g in plan.task_groups:
            if not wanted or g.id in wanted:
                _task_group(g, numbers, out)
    elif block.include == "funding":
        inline = False
        if plan.budget is not None:
            out.append(Para("body", _prefix(block.style, numbers) + budget_sentence(plan)))
            inline = "{sources}" in plan.budget.sentence
        for f in [] if inline else plan.funding:
            out.append(Para("body", _prefix(style, numbers) + f.text))
    elif block.include == "assignments":
        for a in plan.assignments:
            _assignment(a, numbers, out, agency_name)
    elif block.include == "reporting":
        for r in plan.reporting:
            if r.text:
                out.append(Para("body", _prefix(style, numbers) + r.text))


def _task_group(g: TaskGroup, numbers: Numberer, out: list[Para]) -> None:
    label = numbers.next()
    out.append(Para("point" if numbers.alpha else "clause", f"{label} {g.title}"))
    out.extend(Para("body", _prefix(g.style) + t) for t in g.text)
    out.extend(Para("body", _prefix(g.style) + t.text) for t in g.tasks)
    sub = Numberer(numbers.label(), alpha=g.numbering == "alpha")
    for child in g.groups:
        _task_group(child, sub, out)
    out.extend(Para("body", t) for t in g.after)


def assignment_heading(a: Assignment, agency_name: Callable[[str], str]) -> str:
    """An assignment's heading: its own, else the agencies it names ('Đề nghị …' for those asked, not told)."""
    if a.heading:
        return a.heading
    names = "; ".join(agency_name(x) for x in a.agencies)
    return f"Đề nghị {names}" if a.role == "de-nghi" else names


def _assignment(a: Assignment, numbers: Numberer, out: list[Para], agency_name: Callable[[str], str]) -> None:
    label = numbers.next()
    out.append(Para("point" if numbers.alpha else "clause", f"{label} {assignment_heading(a, agency_name)}"))
    out.extend(Para("body", _prefix(a.style) + t) for t in a.text)
    out.extend(Para("body", _prefix(a.style) + d.text) for d in a.duties)
    sub = Numberer(numbers.label())
    for unit in a.units:
        _assignment(unit, sub, out, agency_name)
    out.extend(Para("body", t) for t in a.after)
