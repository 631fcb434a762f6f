"""A plan's budget: its sentence printed from the data, and its sources checked against it.

"Kinh phí thực hiện Kế hoạch dự kiến vào {amount}, gồm: {sources}." prints as "… vào khoảng 565 tỷ
đồng, gồm: nguồn vốn ngân sách, vốn lồng ghép …, vốn vay ưu đãi và các nguồn khác." — the amount
comes from ``amount``, ``unit`` and ``qualifier``, the list from the funding sources, so neither is
typed twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import _
from gdnn_cli.common.numbers import fmt_number
from gdnn_cli.common.vocab import IN_SENTENCE, QUALIFIERS, spoken
from gdnn_cli.core.models import Budget, Plan

PLACEHOLDERS = {"amount", "sources"}
ABOUT = 0.05  # 'khoảng': the sources may differ from the total by 5%


def amount_text(budget: Budget) -> str:
    """'khoảng 565 tỷ đồng', '1.250,5 triệu đồng'."""
    word = spoken(QUALIFIERS, budget.qualifier) if budget.qualifier in IN_SENTENCE else ""
    text = f"{fmt_number(budget.amount, 2)} {budget.unit}"
    return f"{word} {text}" if word else text


def joined(items: list[str]) -> str:
    """'a, b, c và d' — the way a Vietnamese sentence lists."""
    items = [x.rstrip(";.,") for x in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def budget_sentence(plan: Plan) -> str:
    """The budget sentence as printed: the amount and the sources filled in from the data."""
    b = plan.budget
    assert b is not None
    sources = joined([f.text for f in plan.funding])
    return b.sentence.replace("{amount}", amount_text(b)).replace("{sources}", sources)


def funding_rules(plan: Plan, file: str) -> Iterator[Issue]:
    """The budget sentence places its amount once and knows its placeholders; the sources add up to it."""
    b = plan.budget
    if b is None:
        return
    loc = ("budget", "sentence")
    names = set(re.findall(r"\{(\w+)\}", b.sentence))
    if "amount" not in names:
        yield Issue(file, "budget-amount-not-placed",
                    _("the budget sentence does not hold {{amount}}, so the amount would be printed twice or not at "
                      "all").format(),
                    loc=loc, hint=_("write the sentence with {{amount}} where the amount goes, without the "
                                    "figure").format())
    for name in sorted(names - PLACEHOLDERS):
        yield Issue(file, "unknown-placeholder",
                    _("unknown placeholder {{{name}}} in the budget sentence").format(name=name),
                    loc=loc, hint=_("the budget sentence knows {{amount}} and {{sources}}").format())
    if "sources" in names and not plan.funding:
        yield Issue(file, "budget-without-sources",
                    _("the budget sentence lists {{sources}}, but 'funding' is empty").format(),
                    loc=loc, hint=_("list the sources under 'funding'"))
    amounts = [f.amount for f in plan.funding if f.amount is not None]
    if not amounts:
        return
    total = sum(amounts)
    slack = b.amount * ABOUT if b.qualifier == "khoang" else 1e-6
    complete = len(amounts) == len(plan.funding)
    if total > b.amount + slack or (complete and abs(total - b.amount) > slack):
        yield Issue(file, "funding-sum",
                    _("the sources add up to {total} {unit}, the budget is {amount} {unit}").format(
                        total=fmt_number(total, 2), amount=fmt_number(b.amount, 2), unit=b.unit),
                    loc=("funding",), hint=_("correct a source's amount or the budget"))
