"""Break a centred title into balanced lines, as a văn thư sets a trích yếu by hand.

Word and LibreOffice fill each line greedily, so a title a little longer than one line ends with a
single word ("2025", "Nội") alone on its last line. Here the title is broken where the lines come out
nearly equal; the renderer joins them with line breaks. Widths are estimated from average glyph
widths of Times New Roman (em units): close enough to choose the number of lines and where to break,
with a safety margin so that no estimated line is cut again by the word processor.

Balance alone is not enough in Vietnamese, where a word is often two syllables written apart: the
breaker must not leave "thành" at the end of a line and "phố" at the start of the next, nor part
"ngày" from its date. So each break has a cost: none after punctuation or before a word that opens
a phrase ("trên địa bàn", "của Thành ủy", "về đổi mới"), a little elsewhere, a lot inside a known
word pair or after a word that binds to the next. The breaker keeps the fewest lines and, among
them, minimises the widest line plus the costs of its breaks; it takes one line more only when the
fewest would have to part a word.
"""

from __future__ import annotations

import math

CM_PER_PT = 2.54 / 72
EPS = 1e-9  # widths are sums of floats: a line exactly at capacity fits
# average advance widths of Times New Roman, in em; bold is about 5% wider
_NARROW = set("fijlrtI.,;:!'()-/ ")
_WIDE = set("mwMW%")

# A line of a trích yếu may begin with these: each opens a phrase (seeds 000–004 break before them).
OPENERS = frozenset(["của", "về", "trên", "trong", "tại", "cho", "theo", "thực", "triển", "giai", "tầm", "định",
                     "đến", "đáp", "nhằm", "và", "với", "thành", "tỉnh"])
# ... and never end with these: each binds to the word after it ("ngày 10/7/2024", "giai đoạn 2021").
BINDERS = frozenset(["ngày", "số", "tháng", "năm", "đoạn", "kế", "quyết", "chỉ", "nghị", "thông", "chương", "đề",
                     "-"])
# Two-syllable words of plan titles that a break must not part.
PAIRS = frozenset(tuple(p.split()) for p in (
    "thành phố", "nghề nghiệp", "chất lượng", "hiện đại", "giáo dục", "đào tạo", "kế hoạch", "lao động",
    "nông thôn", "nông nghiệp", "công nghiệp", "phát triển", "thực hiện", "triển khai", "địa bàn", "công tác",
    "giai đoạn", "tầm nhìn", "định hướng", "hà nội", "hải phòng", "nhân dân", "ủy ban", "xã hội", "việc làm",
    "đề án", "chỉ tiêu", "nhiệm vụ", "tuyên truyền", "nâng cao", "đổi mới", "nhân lực", "khắc phục", "hạn chế",
    "khuyết điểm", "thành ủy", "bí thư", "chiến lược", "cơ quan", "đơn vị", "báo cáo", "kết quả", "trọng tâm",
    "hoàn thành", "dục nghề", "thương binh", "chỉ thị", "quyết định", "nghị quyết", "thủ tướng", "chính phủ",
    "cơ sở", "doanh nghiệp", "việt nam", "trung ương", "tỉnh ủy", "thường vụ", "giải pháp", "kinh phí", "thị trường",
    "đại hóa", "nghiệp hóa", "ban bí", "kinh tế", "thông tin", "truyền thông", "cán bộ", "nhà giáo"))

GOOD, NEUTRAL, BOUND = 0.0, 4.0, 12.0  # cost of a break, in em of the widest line it may save


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


def _bare(word: str) -> str:
    return word.strip("“”\"'()[]").lower()


def break_cost(before: str, after: str) -> float:
    """What breaking the line between ``before`` and ``after`` costs: GOOD, NEUTRAL or BOUND."""
    b, a = _bare(before), _bare(after)
    if b.rstrip(",;:") != b or before.endswith(")"):
        return GOOD
    if b in BINDERS or a == "-" or (b, a) in PAIRS:
        return BOUND
    if a in OPENERS or after.startswith(("(", "“")):
        return GOOD
    return NEUTRAL


def balanced_lines(text: str, width_cm: float, size_pt: float, bold: bool = False, fill: float = 0.92) -> list[str]:
    """The fewest lines that fit ``width_cm`` at ``fill``, broken where it reads well and the lines balance."""
    words = [w for w in text.split(" ") if w]  # only ordinary spaces: a no-break space holds
    if not words:
        return []
    capacity = width_cm / CM_PER_PT / size_pt * fill  # in em
    space = text_width_em(" ", bold)
    start = [0.0]
    for w in words:
        start.append(start[-1] + text_width_em(w, bold))

    def span(i: int, j: int) -> float:
        return start[j] - start[i] + space * (j - i - 1)

    costs = [0.0] + [break_cost(words[j - 1], words[j]) for j in range(1, len(words))]
    total = span(0, len(words))
    # n lines hold the words and n - 1 spaces (the spaces at the breaks vanish): a lower bound on n
    n = max(1, math.ceil((total + space - EPS) / (capacity + space)))
    while n < len(words):
        best = _split(len(words), n, span, costs, capacity)
        if best is not None:
            if _cuts_word(best, costs) and n + 1 < len(words):  # one more line rather than a word cut
                more = _split(len(words), n + 1, span, costs, capacity)
                if more is not None and not _cuts_word(more, costs):
                    best = more
            return [" ".join(words[i:j]) for i, j in best]
        n += 1
    return words


def _cuts_word(lines: list[tuple[int, int]], costs: list[float]) -> bool:
    return any(costs[j] >= BOUND for _, j in lines[:-1])


def _fit(count: int, n: int, span, costs: list[float], limit: float):
    """The cheapest breaks of ``count`` words into ``n`` lines none wider than ``limit``: (cost, lines) or None."""
    inf = float("inf")
    cost = [[inf] * (count + 1) for _ in range(n + 1)]
    nxt = [[0] * (count + 1) for _ in range(n + 1)]
    cost[0][count] = 0.0
    for k in range(1, n + 1):
        for i in range(count - 1, -1, -1):
            for j in range(i + 1, count - k + 2):
                if span(i, j) > limit + EPS:
                    break
                rest = cost[k - 1][j]
                if rest == inf:
                    continue
                c = rest + (costs[j] if j < count else 0.0)
                if c < cost[k][i] - 1e-9:
                    cost[k][i], nxt[k][i] = c, j
    if cost[n][0] == inf:
        return None
    out, i = [], 0
    for k in range(n, 0, -1):
        out.append((i, nxt[k][i]))
        i = nxt[k][i]
    return cost[n][0], out


def _split(count: int, n: int, span, costs: list[float], capacity: float) -> list[tuple[int, int]] | None:
    """Break ``count`` words into ``n`` lines minimising widest line + break costs; None if a line must overflow.

    The cheapest breaks under a width limit cost less as the limit grows, so only the limits at which
    they get cheaper need trying: each is found by bisection over the possible line widths.
    """
    widths = sorted({span(i, j) for i in range(count) for j in range(i + 1, count + 1)
                     if span(i, j) <= capacity + EPS})
    if not widths or _fit(count, n, span, costs, widths[-1]) is None:
        return None

    def fit_at(k: int):
        return _fit(count, n, span, costs, widths[k])

    lo, hi = 0, len(widths) - 1  # the narrowest limit that fits at all
    while lo < hi:
        mid = (lo + hi) // 2
        if fit_at(mid) is None:
            lo = mid + 1
        else:
            hi = mid
    best_total, best_lines = float("inf"), None
    k = lo
    while k < len(widths) and widths[k] < best_total:
        penalty, lines = fit_at(k)
        widest = max(span(i, j) for i, j in lines)
        if widest + penalty < best_total - 1e-9:
            best_total, best_lines = widest + penalty, lines
        if penalty == 0:
            break
        lo, hi = k + 1, len(widths)  # the narrowest wider limit at which the breaks get cheaper
        while lo < hi:
            mid = (lo + hi) // 2
            if fit_at(mid)[0] < penalty - 1e-9:
                hi = mid
            else:
                lo = mid + 1
        k = lo
    return best_lines
