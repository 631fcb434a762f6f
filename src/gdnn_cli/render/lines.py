"""Break a centred title into balanced lines, as a văn thư sets a trích yếu by hand.

Word and LibreOffice fill each line greedily, so a title a little longer than one line ends with a
single word ("2025", "Nội") alone on its last line. Here the title is broken where the lines come out
nearly equal; the renderer joins them with line breaks. Widths are estimated from average glyph
widths of Times New Roman (em units): close enough to choose the number of lines and where to break,
with a safety margin so that no estimated line is cut again by the word processor.
"""

from __future__ import annotations

import math

CM_PER_PT = 2.54 / 72
EPS = 1e-9  # widths are sums of floats: a line exactly at capacity fits
# average advance widths of Times New Roman, in em; bold is about 5% wider
_NARROW = set("fijlrtI.,;:!'()-/ ")
SLACK = 0.12  # a line up to 12% wider than the narrowest widest line, to keep a word whole
STRIP = "“”\"'()[],;:."
# two-syllable words of plan titles that a break must not cut ("thành / phố", "giai / đoạn")
BOUND = frozenset("""
thành phố|giai đoạn|giáo dục|nghề nghiệp|tầm nhìn|hà nội|hải phòng|nông thôn|lao động|đào tạo|việt nam|
trung ương|bí thư|chỉ thị|kế hoạch|chiến lược|phát triển|thực hiện|triển khai|công tác|địa bàn|quyết định|
chất lượng|nâng cao|đổi mới|nông nghiệp|công nghiệp|hiện đại|định hướng|tuyên truyền|khắc phục|hạn chế|
khuyết điểm|đề án|thành ủy|tỉnh ủy|thường vụ|nhân dân|ủy ban|nhiệm vụ|trọng tâm|chỉ tiêu|giải pháp|kinh phí|
nhân lực|việc làm|thị trường|doanh nghiệp|cơ sở|đại hóa|nghiệp hóa|ban bí|xã hội|kinh tế|thông tin|truyền thông|cán bộ|nhà giáo
""".replace("\n", "").split("|"))
_WIDE = set("mwMW%")


def text_width_em(text: str, bold: bool = False) -> float:
    """Estimated width of ``text`` in em."""
    width = 0.0
    for ch in text:
        if ch == " ":
            width += 0.25
        elif ch in _NARROW:
            width += 0.30
        elif ch in _WIDE:
            width += 0.86
        elif ch.isupper():
            width += 0.70
        else:
            width += 0.50
    return width * (1.05 if bold else 1.0)


def balanced_lines(text: str, width_cm: float, size_pt: float, bold: bool = False, fill: float = 0.92) -> list[str]:
    """The fewest lines that fit ``width_cm`` at ``fill``, broken at spaces so their widths are balanced."""
    words = [w for w in text.split(" ") if w]  # only ordinary spaces: a no-break space holds
    if not words:
        return []
    capacity = width_cm / CM_PER_PT / size_pt * fill  # in em
    widths = [text_width_em(w, bold) for w in words]
    space = text_width_em(" ", bold)

    def span(i: int, j: int) -> float:
        return sum(widths[i:j]) + space * (j - i - 1)

    total = span(0, len(words))
    # n lines hold the words and n - 1 spaces (the spaces at the breaks vanish): a lower bound on n
    n = max(1, math.ceil((total + space - EPS) / (capacity + space)))
    breaks = [0] + [_break_cost(words[j - 1], words[j]) for j in range(1, len(words))]
    while n < len(words):
        best = _split(len(words), n, span, capacity, lambda j: 0)
        if best is not None:
            # then, among breaks whose widest line is at most SLACK wider, the fewest inside a word
            widest = max(span(i, j) for i, j in best)
            kinder = _split(len(words), n, span, min(capacity, widest * (1 + SLACK)), breaks.__getitem__)
            return [" ".join(words[i:j]) for i, j in kinder or best]
        n += 1
    return words


def _break_cost(before: str, after: str) -> int:
    """1 for a break inside a two-syllable word ("thành / phố"), around a spaced dash, or between
    "ngày", "số", "năm" and their number; else 0."""
    if before == "-" or after == "-":
        return 1
    if before[-1:] in ",;:":
        return 0
    if before.lower() in ("ngày", "số", "năm", "tháng") and (after[:1].isdigit() or after[:1] == "\u00a0"):
        return 1  # "ngày / 10/7/2024"
    pair = f"{before.strip(STRIP)} {after.strip(STRIP)}".lower()
    return int(pair in BOUND)


def _split(count: int, n: int, span, capacity: float, penalty) -> list[tuple[int, int]] | None:
    """Break ``count`` words into ``n`` lines that fit ``capacity``: the fewest penalised breaks
    (``penalty(j)`` for a break before word j), then the narrowest widest line; None if none fits."""
    # cost[k][i]: (penalties, widest line) for words i.. broken into k lines
    inf = (float("inf"), float("inf"))
    cost = [[inf] * (count + 1) for _ in range(n + 1)]
    nxt = [[0] * (count + 1) for _ in range(n + 1)]
    cost[0][count] = (0, 0.0)
    for k in range(1, n + 1):
        for i in range(count - 1, -1, -1):
            for j in range(i + 1, count - k + 2):
                if cost[k - 1][j] == inf:
                    continue
                w = span(i, j)
                if w > capacity + EPS:
                    break
                rest_pen, rest_w = cost[k - 1][j]
                c = (rest_pen + (penalty(j) if j < count else 0), max(w, rest_w))
                if c[0] < cost[k][i][0] or (c[0] == cost[k][i][0] and c[1] < cost[k][i][1] - 1e-9):
                    cost[k][i], nxt[k][i] = c, j
    if cost[n][0] == inf:
        return None
    out, i = [], 0
    for k in range(n, 0, -1):
        j = nxt[k][i]
        out.append((i, j))
        i = j
    return out
