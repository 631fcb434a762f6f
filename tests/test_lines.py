"""Balanced title lines: the words kept in order, the fewest lines that fit, no word alone at the end."""

from __future__ import annotations

import itertools

import pytest

from hypothesis import given
from hypothesis import strategies as st

from gdnn_cli.render.lines import BOUND, CM_PER_PT, SLACK, balanced_lines, text_width_em
from gdnn_cli.render.plan_doc import TEXT_WIDTH_CM

CAPACITY = TEXT_WIDTH_CM / CM_PER_PT / 14 * 0.92  # em per line at 14 pt, as balanced_lines computes it


def test_seed_000_title_no_longer_leaves_2025_alone():
    title = "Triển khai công tác giáo dục nghề nghiệp trên địa bàn thành phố Hà Nội năm 2025"
    lines = balanced_lines(title, TEXT_WIDTH_CM, 14, bold=True)
    assert lines == ["Triển khai công tác giáo dục nghề nghiệp", "trên địa bàn thành phố Hà Nội năm 2025"]


def test_short_title_stays_on_one_line():
    assert balanced_lines("Tuyên truyền về giáo dục nghề nghiệp", TEXT_WIDTH_CM, 14, True) == [
        "Tuyên truyền về giáo dục nghề nghiệp"]


def test_no_break_space_binds():
    blank = "\u00a0" * 6
    lines = balanced_lines(f"(Kèm theo Kế hoạch số {blank}/KH-UBND ngày {blank}/{blank}/2025 của Ủy ban nhân dân "
                           "thành phố Hà Nội)", TEXT_WIDTH_CM, 14)
    assert all(f"{blank}/{blank}/2025" in line or "2025" not in line for line in lines)


words = st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĐHNTV0123456789", min_size=1, max_size=12),
                 min_size=1, max_size=40)


def _w(line: str) -> float:
    return text_width_em(line, True)


def _greedy_count(ws: list[str]) -> int:
    """Fewest lines that fit, by filling each line as far as it goes (optimal for the count)."""
    count, line = 1, ws[0]
    for w in ws[1:]:
        if _w(line + " " + w) <= CAPACITY + 1e-9:
            line += " " + w
        else:
            count, line = count + 1, w
    return count


@given(words)
def test_the_fewest_lines_that_fit_every_word_in_order(ws):
    text = " ".join(ws)
    lines = balanced_lines(text, TEXT_WIDTH_CM, 14, bold=True)
    assert " ".join(lines) == text
    if all(_w(w) <= CAPACITY for w in ws):
        assert all(_w(line) <= CAPACITY + 1e-9 for line in lines)
        assert len(lines) == _greedy_count(ws)


@given(st.lists(st.text(alphabet="aăbcdđeghiklmnoprstuvxyHN", min_size=1, max_size=9), min_size=2, max_size=11))
def test_the_widest_line_is_as_narrow_as_any_break_allows(ws):
    """Balanced: no other choice of breaks into as many lines has a narrower widest line."""
    text = " ".join(ws)
    lines = balanced_lines(text, 5.0, 14, bold=True)  # a narrow column: several lines
    capacity = 5.0 / CM_PER_PT / 14 * 0.92
    if any(_w(w) > capacity for w in ws):
        return
    n = len(lines)
    best = min(
        max(_w(" ".join(ws[i:j])) for i, j in zip((0, *cuts), (*cuts, len(ws))))
        for cuts in itertools.combinations(range(1, len(ws)), n - 1)
    )
    assert max(_w(line) for line in lines) <= best * (1 + SLACK) + 1e-9  # wider only to keep a word whole
    if not any(f"{a} {b}".lower() in BOUND for a, b in zip(ws, ws[1:])):
        assert max(_w(line) for line in lines) <= best + 1e-9  # nothing to keep whole: the narrowest


@pytest.mark.parametrize("title, lines", [
    ("Thực hiện Chiến lược phát triển giáo dục nghề nghiệp thành phố Hải Phòng giai đoạn 2021 - 2030, tầm nhìn "
     "đến năm 2045", ["Thực hiện Chiến lược phát triển giáo dục nghề nghiệp thành phố",
                      "Hải Phòng giai đoạn 2021 - 2030, tầm nhìn đến năm 2045"]),
    ("Phát triển giáo dục nghề nghiệp tỉnh Thử giai đoạn 2024 - 2030, tầm nhìn đến năm 2045",
     ["Phát triển giáo dục nghề nghiệp tỉnh Thử", "giai đoạn 2024 - 2030, tầm nhìn đến năm 2045"]),
])
def test_titles_break_between_words_not_inside_them(title, lines):
    """'thành / phố', 'giai / đoạn' would cut a word in two: a văn thư breaks before it."""
    assert balanced_lines(title, TEXT_WIDTH_CM, 14, bold=True) == lines
