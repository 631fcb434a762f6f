"""Results: actual figures for targets and progress on tasks, as agencies report them.

A result file (data/results/<issuer>/<year>.yaml) holds what came in for one issuer and year.
Every figure carries its source and a status — official, provisional or illustrative — so that
no output can pass an illustrative figure off as real.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field, model_validator

from gdnn_cli.common import vocab
from gdnn_cli.common.i18n import _
from gdnn_cli.common.vocab import Coded
from gdnn_cli.core.fields import Amount, Date, Slug, Strict, Text
from gdnn_cli.core.models import Signature

Status = Annotated[str, Coded(vocab.STATUSES)]
Progress = Annotated[str, Coded(vocab.PROGRESS)]


class ResultSource(Strict):
    """The document a figure comes from: a report's number and date, an article's title and address."""

    title: Text
    number: str | None = None
    date: Date | None = None
    publisher: str | None = None
    url: str | None = None
    quote: str | None = Field(default=None, description="The sentence that gives the figure, as published")


class Collected(Strict):
    """Where a record came from when `gdnn collect` read it from a filled Excel form."""

    file: Text = Field(description="The form's file name as received")
    sheet: Text
    cell: str | None = Field(default=None, description="A1 reference of the answer cell")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the form file")
    filled_by: str | None = Field(default=None, description="Người lập biểu, as written in the form")
    filled_on: Date | None = Field(default=None, description="Ngày lập biểu, as written in the form")
    form: str | None = Field(default=None, description="Form version and checksum: '1/bba66f364fe91e03'")


class Figure(Strict):
    """An actual value for one target (or one part of its breakdown) in one year."""

    target: str
    plan: Slug | None = Field(default=None, description="Defaults to the file's plan")
    year: int | None = Field(default=None, description="Defaults to the file's year")
    value: Amount
    numerator: Amount | None = None
    denominator: Amount | None = Field(default=None, gt=0)
    agency: str | None = Field(default=None, description="Reporting agency id")
    source: ResultSource | None = None
    status: Status
    as_of: Date | None = Field(default=None, description="Figures counted up to this date (tạm tính đến 30/11/2022); "
                                                          "a provisional figure without it reads 'ước thực hiện'")
    note: str | None = None
    collected: Collected | None = None

    @model_validator(mode="after")
    def _sourced(self) -> Figure:
        if self.status != "illustrative" and self.source is None:
            raise ValueError(_("an official or provisional figure needs a source; mark made-up figures 'illustrative'"))
        return self


class TaskProgress(Strict):
    """What an agency reported on an assigned task, and when it reported."""

    task: str = Field(description="Task id, or task group id")
    plan: Slug | None = None
    agency: str
    status: Progress
    account: str | None = Field(default=None, description="A short account of what was done")
    reported: Date | None = Field(default=None, description="The date the agency's report arrived")
    source: ResultSource | None = None
    illustrative: bool = False
    collected: Collected | None = None


class AgencyReport(Strict):
    """That an agency sent its report (even with no figures), for the timeliness table."""

    agency: str
    plan: Slug | None = None
    reported: Date
    number: str | None = None
    illustrative: bool = False
    collected: Collected | None = None


class ReportHeading(Strict):
    """What the year-end report needs that only the reporting body knows: its number, signer, recipients."""

    number: str | None = Field(default=None, description="Số, ký hiệu: 125/BC-SGDĐT")
    date: Date | None = Field(default=None, description="Ngày ban hành of the report, once it is signed")
    signature: Signature | None = None
    recipients: list[str] = Field(default_factory=list, description="Nơi nhận, without '- ' and ';'")


class Causes(Strict):
    """Nguyên nhân: only people know them, so the report never writes them itself."""

    objective: list[str] = Field(default_factory=list, description="Nguyên nhân khách quan")
    subjective: list[str] = Field(default_factory=list, description="Nguyên nhân chủ quan")


class ResultFile(Strict):
    """One file of data/results/: what came in for one issuer and year, and what the report says of it."""

    plan: Slug | None = Field(default=None, description="The plan most records in this file belong to")
    year: int = Field(ge=1945, le=2100)
    figures: list[Figure] = Field(default_factory=list)
    progress: list[TaskProgress] = Field(default_factory=list)
    reports: list[AgencyReport] = Field(default_factory=list)
    directives: list[str] = Field(default_factory=list, description="I.1 Công tác chỉ đạo, triển khai: documents "
                                                                     "issued and meetings held, one sentence each")
    strengths: list[str] = Field(default_factory=list, description="II.1 Ưu điểm, beyond what the figures show")
    limitations: list[str] = Field(default_factory=list,
                                   description="II.2 Tồn tại, hạn chế, beyond what the figures show")
    causes: Causes | None = Field(default=None, description="II.3 Nguyên nhân of the shortcomings")
    directions: list[str] = Field(default_factory=list, description="III. Phương hướng, nhiệm vụ of the next year")
    proposals: list[str] = Field(default_factory=list, description="IV. Kiến nghị, đề xuất")
    illustrative_note: str | None = None
    report: ReportHeading | None = Field(default=None,
                                         description="Number, signature and recipients of the year-end report")

    def figures_for(self) -> Iterator[tuple[str | None, int, Figure]]:
        """(plan, year, figure) for every figure, the file's plan and year filling what a figure leaves out."""
        for f in self.figures:
            yield f.plan or self.plan, f.year or self.year, f
