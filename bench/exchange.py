"""Benchmark the December loop: python bench/exchange.py [--year 2025] [--keep DIR].

On a copy of the bundled data (243 bodies must report for 2025: 126 xã, phường of Hà Nội, 114 of
Hải Phòng and three bodies without listed members), times as separate `gdnn` processes, the way a
clerk runs them:
  - gdnn forms --year 2025 (one .xlsx per body);
  - filling every form with openpyxl, as the bodies would (not gdnn's work; shown for scale);
  - gdnn collect on all the filled forms (first run: every record new);
  - gdnn collect on the same forms again (idempotent: nothing changes);
  - gdnn status and gdnn remind on the result.
Timing lives here, never in the test suite. Figures go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GDNN = [sys.executable, "-m", "gdnn_cli"]


def _cpu() -> float:
    import resource

    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def run(args: list[str], cwd: Path) -> tuple[tuple[float, float], str]:
    """(wall-clock seconds, the process's CPU seconds — steadier on a shared machine), its output."""
    start, cpu = time.perf_counter(), _cpu()
    proc = subprocess.run(GDNN + args, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "GDNN_NO_CACHE": "1", "GDNN_LANG": "vi"})
    took = (time.perf_counter() - start, _cpu() - cpu)
    if proc.returncode not in (0,):
        raise SystemExit(f"gdnn {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return took, proc.stdout + proc.stderr


def fill_all(forms: Path, filled: Path) -> int:
    """Every form filled: a figure in every count cell, numerator/denominator for rates, every task."""
    from openpyxl import load_workbook

    sys.path.insert(0, str(REPO / "src"))
    from gdnn_cli.exchange import layout as L

    n = 0
    for i, path in enumerate(sorted(forms.glob("*.xlsx"))):
        wb = load_workbook(path)
        ws = wb[L.TARGET_SHEET]
        for r in range(L.FIRST_ROW, ws.max_row + 1):
            if ws[f"{L.T_ID}{r}"].value:
                if ws[f"{L.T_NUM}{r}"].protection.locked:
                    ws[f"{L.T_ACTUAL}{r}"] = 100 + (i * 7 + r) % 300
                else:
                    ws[f"{L.T_NUM}{r}"], ws[f"{L.T_DEN}{r}"] = 700 + i % 200, 1000
        kt = wb[L.TASK_SHEET]
        for r in range(L.FIRST_ROW, kt.max_row + 1):
            if kt[f"{L.K_ID}{r}"].value:
                kt[f"{L.K_STATUS}{r}"] = list(L.STATUS_LABELS.values())[(i + r) % 3]
                kt[f"{L.K_RESULT}{r}"] = "Đã triển khai theo kế hoạch (số liệu minh họa của benchmark)."
        meta = {row[0].value: row[1].value for row in wb[L.META_SHEET].iter_rows(max_col=2)}
        guide = wb[L.GUIDE_SHEET]
        guide[meta["filler_cell"]] = "Cán bộ phụ trách"
        guide[meta["date_cell"]] = dt.date(2025, 12, 1)
        wb.save(filled / path.name)
        n += 1
    return n


def main() -> int:
    """Run the loop once on a fresh copy of the data and print the timings as a Markdown table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--keep", type=Path, help="keep the work folder here")
    a = ap.parse_args()
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="gdnn-bench-exchange-"))
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(REPO / "data", work / "data")
    forms, filled = work / "forms", work / "filled"
    filled.mkdir()
    y = str(a.year)
    rows: list[tuple[str, int | str, tuple[float, float | None]]] = []  # step, forms, (wall, CPU)
    t, out = run(["forms", "--year", y, "-o", str(forms)], work)
    n_forms = len(list(forms.glob("*.xlsx")))
    rows.append((f"`gdnn forms --year {y}`", n_forms, t))
    start = time.perf_counter()
    fill_all(forms, filled)
    rows.append(("filling every form with openpyxl (the bodies' side)", n_forms, (time.perf_counter() - start, None)))
    files = [str(p) for p in sorted(filled.glob("*.xlsx"))]
    t, out1 = run(["collect", "--year", y, "--received", f"{y}-12-02", "--status", "illustrative", *files], work)
    rows.append(("`gdnn collect` (all new)", n_forms, t))
    t, out2 = run(["collect", "--year", y, "--received", f"{y}-12-02", "--status", "illustrative", *files], work)
    rows.append(("`gdnn collect` again (nothing changes)", n_forms, t))
    t, _ = run(["status", "--year", y], work)
    rows.append((f"`gdnn status --year {y}`", "", t))
    t, _ = run(["validate"], work)
    rows.append(("`gdnn validate` after collecting", "", t))
    print(f"Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} core(s), "
          f"Python {platform.python_version()}; {dt.date.today().isoformat()}\n")
    print("| step | forms | wall seconds | CPU seconds |\n|---|---|---|---|")
    for name, n, (secs, cpu) in rows:
        print(f"| {name} | {n} | {secs:.1f} | {'' if cpu is None else f'{cpu:.1f}'} |")
    print("\n" + out1.strip().splitlines()[-2] if len(out1.strip().splitlines()) > 1 else out1)
    print(out2.strip().splitlines()[-1])
    size = sum(p.stat().st_size for p in (work / "data" / "results").rglob("*.yaml"))
    print(f"results YAML after collecting: {size / 1e6:.1f} MB")
    if not a.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
