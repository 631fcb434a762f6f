"""The words of a milestone ahead (documents/milestone_text.py), without the CLI: an average names the
years of its mean and how many have a figure; a trend names the year of its latest figure."""

from __future__ import annotations

from gdnn_cli.documents.milestone_text import average_sentence, figure_years
from gdnn_cli.documents.report_text import mean_years
from gdnn_cli.tracking.gaps import Ahead, GapRow, MeanSoFar
from gdnn_cli.tracking.progress import Assessment


def _row(mean: MeanSoFar | None, actual: float = 27800, status: str = "behind") -> GapRow:
    row = GapRow("p", "bq", "Tuyển sinh", 2030, "người", 28000, None, None, actual, actual - 28000,
                 actual / 28000 * 100, status, None)
    row.ahead, row.mean = Ahead(Assessment(status), 2026), mean
    return row


def test_mean_years_say_the_span_and_the_years_with_figures():
    assert mean_years(MeanSoFar(2024, 2024, 1)) == "năm 2024"
    assert mean_years(MeanSoFar(2024, 2026, 3)) == "3 năm 2024 - 2026"
    assert mean_years(MeanSoFar(2024, 2026, 2)) == "2 năm có số liệu trong giai đoạn 2024 - 2026"


def test_figure_years_of_a_trend_and_of_an_average():
    assert figure_years(_row(None)) == "2026"
    assert figure_years(_row(MeanSoFar(2024, 2026, 3))) == "bình quân 2024 - 2026"
    assert figure_years(_row(MeanSoFar(2024, 2026, 2))) == "bình quân 2024 - 2026, 2/3 năm có số liệu"


def test_average_sentence_of_one_year_has_no_mean():
    text = average_sentence(_row(MeanSoFar(2024, 2024, 1)), MeanSoFar(2024, 2024, 1), 2024)
    assert text == ("Tuyển sinh: năm 2024 đạt 27.800 người, bằng 99,3% mức bình quân 28.000 người/năm đề ra cho "
                    "giai đoạn 2024 - 2030; chậm tiến độ.")
