"""Balanced title lines: the words kept in order, the fewest lines that fit, no word alone at the end."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdnn_cli.documents.lines import BOUND, CM_PER_PT, balanced_lines, break_cost, text_width_em
from gdnn_cli.documents.plan_doc import TEXT_WIDTH_CM

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
        # the fewest lines, or one more when the fewest would part a word pair
        assert len(lines) in (_greedy_count(ws), _greedy_count(ws) + 1)


VOCABULARY = ["thành", "phố", "trên", "của", "ngày", "nghề", "nghiệp", "giáo", "dục", "về", "hiện", "đại",
              "năm", "2025,", "Hà", "Nội", "chất", "lượng", "tạo", "mới", "xã", "hội"]


def _objective(ws: list[str], cuts: tuple[int, ...]) -> float:
    """What balanced_lines minimises: the widest line plus what each break costs."""
    bounds = list(zip((0, *cuts), (*cuts, len(ws)), strict=True))
    return max(_w(" ".join(ws[i:j])) for i, j in bounds) + sum(break_cost(ws[c - 1], ws[c]) for c in cuts)


@given(st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(alphabet="aăbcdđeghiklmnoprstuvxyHN", min_size=1,
                                                                   max_size=9)), min_size=2, max_size=11))
def test_the_breaks_are_the_best_of_any_into_as_many_lines(ws):
    """Balanced and well placed: no other choice of breaks into as many lines scores better."""
    text = " ".join(ws)
    lines = balanced_lines(text, 5.0, 14, bold=True)  # a narrow column: several lines
    capacity = 5.0 / CM_PER_PT / 14 * 0.92
    if any(_w(w) > capacity for w in ws):
        return
    assert " ".join(lines) == text
    n = len(lines)
    chosen = tuple(itertools.accumulate(len(line.split(" ")) for line in lines[:-1]))
    fits = [cuts for cuts in itertools.combinations(range(1, len(ws)), n - 1)
            if all(_w(" ".join(ws[i:j])) <= capacity + 1e-9 for i, j in zip((0, *cuts), (*cuts, len(ws)), strict=True))]
    assert chosen in fits
    assert _objective(ws, chosen) <= min(_objective(ws, c) for c in fits) + 1e-9


SEED_TITLES = {  # the seeds' titles, broken as their PDFs break them where the width allows
    "Thực hiện Chiến lược phát triển giáo dục nghề nghiệp thành phố Hải Phòng giai đoạn 2021 - 2030, tầm nhìn đến "
    "năm 2045": ["Thực hiện Chiến lược phát triển giáo dục nghề nghiệp",
                 "thành phố Hải Phòng giai đoạn 2021 - 2030, tầm nhìn đến năm 2045"],
    "Khắc phục hạn chế, khuyết điểm trong công tác giáo dục nghề nghiệp năm 2021": [
        "Khắc phục hạn chế, khuyết điểm", "trong công tác giáo dục nghề nghiệp năm 2021"],
}


def test_seed_titles_break_where_the_seeds_break():
    for title, expected in SEED_TITLES.items():
        assert balanced_lines(title, TEXT_WIDTH_CM, 14, bold=True) == expected


def test_no_word_pair_or_date_parted():
    """Seed 002's long title and Phụ lục 1's used to break 'hiện / đại', 'ngày / 10/7/2024', 'NGHỀ / NGHIỆP'."""
    for title in (("Triển khai thực hiện Kế hoạch số 316-KH/TU, ngày 23/4/2025 của Thành ủy Hà Nội thực hiện Chỉ thị "
                  "số 37-CT/TW, ngày 10/7/2024 của Ban Bí thư về đổi mới công tác đào tạo nghề cho lao động nông "
                  "thôn đáp ứng yêu cầu công nghiệp hóa, hiện đại hóa nông nghiệp, nông thôn trên địa bàn thành "
                  "phố Hà Nội"),
                  ("Tuyên truyền thực hiện Đề án “Nâng cao chất lượng giáo dục nghề nghiệp trên địa bàn Thành phố "
                  "giai đoạn 2025 - 2030, định hướng đến năm 2035”"),
                  "CÁC CHỈ TIÊU TRIỂN KHAI CÔNG TÁC GIÁO DỤC NGHỀ NGHIỆP TRÊN ĐỊA BÀN THÀNH PHỐ HÀ NỘI NĂM 2025"):
        lines = balanced_lines(title, TEXT_WIDTH_CM, 14, bold=True)
        assert " ".join(lines) == title
        for a, b in itertools.pairwise(lines):
            assert break_cost(a.split(" ")[-1], b.split(" ")[0]) < BOUND, (a, b)


@pytest.mark.parametrize("title, lines", [
    ("Phát triển giáo dục nghề nghiệp tỉnh Thử giai đoạn 2024 - 2030, tầm nhìn đến năm 2045",
     ["Phát triển giáo dục nghề nghiệp tỉnh Thử", "giai đoạn 2024 - 2030, tầm nhìn đến năm 2045"]),
])
def test_titles_break_between_words_not_inside_them(title, lines):
    """'thành / phố', 'giai / đoạn' would cut a word in two: a văn thư breaks before it (issue 15)."""
    assert balanced_lines(title, TEXT_WIDTH_CM, 14, bold=True) == lines
