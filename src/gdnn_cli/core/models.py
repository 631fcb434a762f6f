"""The data model of a plan: what a Kế hoạch *is*, as pydantic v2 models, field order following the document.

Every model forbids unknown keys so that a typo in a clerk's YAML is an error rather than a
silently ignored field. The types of single values (ids, figures, dates, coded words) are in
``fields.py``, agencies in ``agencies.py``, results in ``results.py``; arithmetic and cross-file rules
in ``rules.py`` and ``references.py``. This module only says what shape a plan has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from gdnn_cli.common.i18n import _
from gdnn_cli.core.fields import (
    Amount,
    Appendix,
    BlockKind,
    Date,
    Direction,
    Frequency,
    FundingKind,
    Include,
    IssueDate,
    ListStyle,
    Measure,
    MoneyUnit,
    Numbering,
    Qualifier,
    Role,
    Slug,
    Strict,
    Style,
    Text,
    Year,
)

SCHEMA_VERSION = "1"


# --------------------------------------------------------------------------- documents


class DocumentRef(Strict):
    """A document the plan implements or cites (căn cứ): Kế hoạch 10/KH-UBND ngày 14/01/2021 …

    With ``lead`` the base is printed as its own paragraph of the preamble ("Thực hiện Quyết định số
    2239/QĐ-TTg ngày 30/12/2021 của Thủ tướng Chính phủ …;"), so the number and date exist once.
    Without it the preamble cites the base in its own sentence, and validation checks that the
    sentence prints the same number and date.
    """

    lead: str | None = Field(default=None, description="'Căn cứ', 'Thực hiện': print this base as a preamble paragraph")
    type: str | None = Field(default=None, description="Loại văn bản: Kế hoạch, Quyết định, Chỉ thị …")
    number: str | None = Field(default=None, description="Số, ký hiệu: 10/KH-UBND, 178-KH/TU (party), 18/TB-HĐND")
    date: Date | None = None
    issuer: str | None = Field(default=None, description="Agency id when in the registry, else its name")
    by: str | None = Field(default=None, description="The issuer as the plan names it, when not the registry's name: "
                           "'Ban Thường vụ Tỉnh ủy'")
    title: str | None = Field(default=None, description="Trích yếu")
    after: str | None = Field(default=None, description="Printed after the title: '(sau đây gọi là Quyết định số "
                              "2239/QĐ-TTg)'")


class Period(Strict):
    """One year (start == end) or a range with milestones and a vision year (2021–2030, tầm nhìn 2045)."""

    start: int = Field(ge=1945, le=2100)
    end: int = Field(ge=1945, le=2100)
    milestones: list[int] = Field(default_factory=list)
    vision: int | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise PydanticCustomError("period-inverted", _("the period starts in {start}, after it ends in {end}"),
                                      {"start": self.start, "end": self.end, "hint": _("swap start and end")})
        return self

    @property
    def years(self) -> range:
        """The years of the period, both ends included: what a target's year must lie in."""
        return range(self.start, self.end + 1)


class Signature(Strict):
    """Signature block: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name."""

    authority: str | None = Field(default=None, description="TM. ỦY BAN NHÂN DÂN")
    acting: str | None = Field(default=None, description="KT. CHỦ TỊCH")
    title: Text = Field(description="PHÓ CHỦ TỊCH")
    name: Text


# --------------------------------------------------------------------------- targets

class Target(Strict):
    """A chỉ tiêu with real semantics: unit, point or range, qualifier, direction, year."""

    id: Slug
    name: Text = Field(description="Short name used in tables: 'Cao đẳng', 'Tỷ lệ lao động qua đào tạo'")
    sentence: str | None = Field(
        default=None,
        description="The plan's own sentence, quoted in documents. Null when the target is stated "
        "in the sentence of the target before it, or inside its parent's sentence.",
    )
    unit: Text = Field(description="người, lượt người, %, trường, nghề …")
    measure: Measure = "count"
    value: Amount | None = None
    min: Amount | None = None
    max: Amount | None = None
    qualifier: Qualifier | None = None
    tolerance: Amount | None = Field(default=None, description="For 'khoảng': ± in the target's unit")
    direction: Direction = "higher"
    cumulative: bool = Field(default=False, description="True when the value counts over the whole period")
    year: Year = Field(description="Milestone year (2025) or 'hang-nam' for every year of the period")
    average: bool = Field(default=False, description="'bình quân hàng năm': judged on the mean of the yearly "
                          "figures from the start of the period, not on each year")
    base: str | None = Field(default=None, description="A ratio to another base ('so với tổng số cơ sở GDNN công "
                             "lập'): the base's name; such a rate may exceed 100%")
    baseline: Amount | None = Field(default=None, description="The starting figure, usually from before the period")
    baseline_year: int | None = Field(default=None, ge=1945, le=2100,
                                      description="The year of the baseline figure; without 'baseline', the result "
                                      "reported for that year is the starting point")
    indicator: str | None = Field(
        default=None, description="Targets of one indicator at different milestones share their actuals")
    sum_of_agencies: bool = Field(
        default=False, description="True when the actual is the sum of several agencies' figures (each "
        "district's trainees); without it, two agencies' figures for this target in one year are an error")
    parts: list[Target] = Field(default_factory=list, description="Breakdown: must add up to this target")
    shares: list[Target] = Field(default_factory=list, description="'trong đó': each can never exceed this target")
    note: str | None = None

    @model_validator(mode="after")
    def _value_or_range(self) -> Target:
        if self.value is None and self.min is None and self.max is None:
            raise ValueError(_("a target needs a value, or a range with min and/or max"))
        if self.value is not None and (self.min is not None or self.max is not None):
            raise ValueError(_("give either value or min/max, not both"))
        if self.average and self.cumulative:
            raise ValueError(_("a target is either an average over the years or a total over them, not both"))
        return self

    def walk(self) -> Iterator[Target]:
        """This target, then its parts and shares, depth first: every figure the plan states."""
        yield self
        for child in (*self.parts, *self.shares):
            yield from child.walk()


# --------------------------------------------------------------------------- tasks, funding, work


class Task(Strict):
    """One item of a task group: what must be done, and (for Phụ lục 2) who leads it and by when."""

    id: Slug | None = None
    text: Text
    key: bool = Field(default=False, description="A key task (nhiệm vụ trọng tâm) listed in Phụ lục 2")
    lead: str | None = Field(default=None, description="Agency id that leads (chủ trì)")
    partners: list[str] = Field(default_factory=list, description="Agency ids that cooperate (phối hợp)")
    deadline: Date | None = None
    timing: str | None = Field(default=None, description="Thời gian as the plan says it: 'Quý II/2025', 'Hằng năm'")


class TaskGroup(Strict):
    """A numbered group of tasks and solutions (nhiệm vụ, giải pháp), possibly with lettered subgroups."""

    id: Slug
    title: Text
    text: list[str] = Field(default_factory=list, description="Paragraphs under the title, before the items")
    style: ListStyle = "dash"
    tasks: list[Task] = Field(default_factory=list)
    numbering: Numbering = Field(default="alpha", description="Subgroups: a), b) or 2.1., 2.2.")
    groups: list[TaskGroup] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)


class FundingSource(Strict):
    """One source of funds as the plan names it; ``kind`` classifies it (vay ưu đãi is not ODA)."""

    kind: FundingKind = "khac"
    text: Text
    amount: Amount | None = Field(default=None, description="Its share of the budget, in the budget's unit")


class Budget(Strict):
    """The plan's total funding: 'Kinh phí … dự kiến vào khoảng 565 tỷ đồng, gồm: …'.

    The sentence holds ``{amount}`` (printed from amount, unit and qualifier: 'khoảng 565 tỷ đồng')
    and may hold ``{sources}`` (the funding sources' texts, joined as a list), so the figure is
    written once. Results report what was mobilised under ``id``; gaps judge it as a total over the
    period.
    """

    id: Slug = "kinh-phi"
    name: Text = "Kinh phí thực hiện"
    sentence: Text = Field(description="With {amount}, and {sources} when the sources are listed inline")
    amount: Amount
    unit: MoneyUnit = "tỷ đồng"
    qualifier: Qualifier | None = None


class Duty(Strict):
    """One thing an assigned agency must do, possibly carrying out a task of the plan by a deadline."""

    text: Text
    task: str | None = Field(default=None, description="Task id this duty carries out")
    deadline: Date | None = None


class Assignment(Strict):
    """Tổ chức thực hiện: an agency (or several named together), its role and its duties."""

    agencies: list[str] = Field(min_length=1, description="Agency ids, as in data/agencies/")
    heading: str | None = Field(default=None, description="The heading as printed, when not the agency's name")
    role: Role = "thuc-hien"
    text: list[str] = Field(default_factory=list, description="Paragraphs before the duties")
    style: ListStyle = "dash"
    duties: list[Duty] = Field(default_factory=list)
    units: list[Assignment] = Field(default_factory=list, description="Nested sub-units (8.1. Ban Công tác …)")
    after: list[str] = Field(default_factory=list)


class ReportingRule(Strict):
    """Who reports to whom, by when, how often. Due is a date, or a day-month repeated every year."""

    id: Slug | None = Field(default=None, description="A name for placeholders: {id} in any text prints this deadline")
    text: str | None = Field(default=None, description="The plan's sentence; null when stated elsewhere. "
                             "{due} prints this rule's deadline")
    reporters: list[str] = Field(min_length=1, description="Agency ids that send the report")
    to: str = Field(description="Agency id that receives it")
    frequency: Frequency = "hang-nam"
    due: Date | None = None
    due_day_month: str | None = Field(default=None, pattern=r"^\d{1,2}/\d{1,2}$", description="'15/12' every year")

    @model_validator(mode="after")
    def _when(self) -> ReportingRule:
        if (yearly := self.yearly()) is not None:
            d, m = yearly
            if (d, m) == (29, 2):  # exists one year in four: a yearly deadline must exist every year
                raise PydanticCustomError(
                    "due-29-february", _("29/02 does not exist in most years, so it cannot be a yearly deadline"),
                    {"hint": _("write 28/02, or 01/3 (Nghị định 30: 01/3)")})
            try:
                dt.date(2023, m, d)
            except ValueError:
                raise ValueError(_("{day_month} is not a real day and month").format(
                    day_month=self.due_day_month)) from None
        return self

    def yearly(self) -> tuple[int, int] | None:
        """(day, month) of a deadline repeated every year ('15/12'); None when the rule has none."""
        if not self.due_day_month:
            return None
        d, m = (int(x) for x in self.due_day_month.split("/"))
        return d, m

    def due_in(self, year: int) -> dt.date | None:
        """The deadline that falls in ``year``: the fixed date, or the yearly day and month in that year."""
        if self.due is not None:
            return self.due
        if (yearly := self.yearly()) is not None:
            return dt.date(year, yearly[1], yearly[0])
        return None


# --------------------------------------------------------------------------- body outline


class Block(Strict):
    """A part of the document body in its order: heading, paragraphs, an included collection, sub-blocks.

    The outline keeps the document's own structure (seeds differ: reporting is section VI in one plan
    and clause 11 of section V in another) while the typed collections stay flat and checkable.
    """

    heading: str | None = None
    kind: BlockKind = "text"
    text: list[str] = Field(default_factory=list, description="Paragraphs, rendered with the block's style")
    style: Style = "dash"
    include: Include | None = Field(default=None, description="A typed collection rendered here")
    item_style: Style | None = Field(
        default=None, description="How the included items are marked when not like the text before them: "
        "'Kinh phí … bao gồm:' unmarked, then the sources numbered 1.–5.; a plain lead-in, then dash lines")
    only: list[str] = Field(default_factory=list, description="With include: only these ids (targets, task groups)")
    numbering: Numbering = Field(default="decimal", description="How sub-blocks are numbered")
    blocks: list[Block] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list, description="Paragraphs after everything else, e.g. '(Chi tiết "
                             "theo Phụ lục 1)'")


# --------------------------------------------------------------------------- the plan


class Plan(Strict):
    """A Kế hoạch as data. Field order follows the document."""

    id: Slug
    type: Text = "Kế hoạch"
    issuer: str = Field(description="Agency id of the issuing body")
    number: str | None = Field(default=None, description="Số, ký hiệu: 72/KH-UBND; null when unknown")
    place: Text
    date: IssueDate
    title: Text = Field(description="Trích yếu")
    bases: list[DocumentRef] = Field(default_factory=list, description="Căn cứ: the documents this plan implements")
    period: Period
    standing_agency: str | None = Field(default=None, description="Cơ quan thường trực that compiles reports")
    preamble: list[str] = Field(default_factory=list, description="Opening paragraphs ('Thực hiện …')")
    sections: list[Block] = Field(description="The body, Roman-numbered sections in order")
    targets: list[Target] = Field(default_factory=list)
    task_groups: list[TaskGroup] = Field(default_factory=list)
    funding: list[FundingSource] = Field(default_factory=list)
    budget: Budget | None = Field(default=None, description="The total amount, printed where funding is included")
    assignments: list[Assignment] = Field(default_factory=list)
    reporting: list[ReportingRule] = Field(default_factory=list)
    closing: list[str] = Field(default_factory=list, description="Closing paragraphs before Nơi nhận")
    recipients: list[str] = Field(default_factory=list, description="Nơi nhận, without '- ' and ';'")
    signature: Signature
    appendices: list[Appendix] = Field(
        default=[], description="Appendices generated from the data: Phụ lục 1 targets, Phụ lục 2 key tasks")
    source: str | None = Field(default=None, description="Where the text of this plan was taken from")
    illustrative: bool = Field(default=False, description="True for made-up plans (tests, benchmarks)")

    def all_targets(self) -> Iterator[Target]:
        """Every target with its parts and shares, and the budget as one: all that results can report on."""
        for t in self.targets:
            yield from t.walk()
        if self.budget is not None:
            yield self.budget_target()

    def budget_target(self) -> Target:
        """The budget as a target that results and gaps understand: a total over the whole period."""
        b = self.budget
        assert b is not None
        return Target(id=b.id, name=b.name, unit=b.unit, value=b.amount, qualifier=b.qualifier,
                      cumulative=True, year=self.period.end)

    def all_task_groups(self) -> Iterator[TaskGroup]:
        """Every task group and subgroup in document order: all that progress can be reported on."""
        stack = list(reversed(self.task_groups))
        while stack:
            g = stack.pop()
            yield g
            stack.extend(reversed(g.groups))


Target.model_rebuild()
TaskGroup.model_rebuild()
Assignment.model_rebuild()
Block.model_rebuild()
