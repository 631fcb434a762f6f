"""Benchmark gdnn at national scale: python bench/run.py [--plans 10000] [--out bench/corpus].

Builds a synthetic corpus from the bundled plans (34 provinces, plans spread over 20 years, distinct
ids), then measures, side by side in one run:
  - gdnn validate (cold) against merely loading the same files with PyYAML's CSafeLoader;
  - gdnn validate again after one file changed (warm cache);
  - gdnn --help against `python -c "import typer"` (CPU time, min of 25 runs; alone with --startup-only);
  - peak memory of gdnn validate;
  - check-jsonschema with gdnn's exported schema on the same files (if installed);
  - gdnn gaps and gdnn report for 1, 2, 4 … provinces;
  - gdnn site for 1, 2, 4 … provinces (and a second build with nothing changed).
Timing lives here, never in the test suite. Figures go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PROVINCES = 34
YEARS = list(range(2011, 2031))
PREFIX = re.compile(r"\b(hn|hp|hd)-")
DATE_KEYS = {"date", "due", "deadline", "started", "ceased", "reported"}
YEAR_KEYS = {"year", "start", "end", "vision"}


# --------------------------------------------------------------------------- corpus


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _shift(node, years: int, prov: str):
    """Move a plan in time and into another province: years, dates, agency ids, plan ids."""
    if isinstance(node, dict):
        out: dict = {}
        for k, v in node.items():
            if k in YEAR_KEYS and isinstance(v, int):
                out[k] = v + years
            elif k == "milestones" and isinstance(v, list):
                out[k] = [m + years for m in v]
            elif k in DATE_KEYS and hasattr(v, "year") and not isinstance(v, dict):
                try:
                    out[k] = v.replace(year=v.year + years)
                except ValueError:
                    out[k] = v.replace(year=v.year + years, day=28)
            elif k == "date" and isinstance(v, dict):
                out[k] = {**v, "year": v["year"] + years}
            else:
                out[k] = _shift(v, years, prov)
        return out
    if isinstance(node, list):
        return [_shift(x, years, prov) for x in node]
    if isinstance(node, str):
        return PREFIX.sub(f"{prov}-", node) if PREFIX.match(node) and " " not in node else node
    return node


def _recite_bases(plan: dict) -> None:
    """After a shift, the preamble cites each base with its new date (gdnn checks that they agree)."""
    for base in plan.get("bases") or []:
        number, when = base.get("number"), base.get("date")
        if not number or not hasattr(when, "year"):
            continue
        cite = re.compile("(" + re.escape(number) + r"[\s,]*ngày\s+\d{1,2}/\d{1,2}/)\d{4}")
        plan["preamble"] = [cite.sub(rf"\g<1>{when.year}", p) for p in plan.get("preamble") or []]


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_corpus(out: Path, n_plans: int, n_agencies: int, n_records: int) -> dict:
    """Write the synthetic national corpus into ``out`` (replacing it); return what it holds, for the table."""
    if out.exists():
        shutil.rmtree(out)
    seeds = sorted((REPO / "data" / "plans").rglob("*.yaml"))
    plans = [_load(p) for p in seeds]
    agencies = [a for f in sorted((REPO / "data" / "agencies").glob("*.yaml")) for a in _load(f)["agencies"]]
    for a in agencies:  # synthetic provinces keep every agency for all 20 years: no plan names a ceased one
        for key in ("started", "ceased", "successors"):
            a.pop(key, None)
    central = [a for a in agencies if not PREFIX.match(a["id"])]
    local = [a for a in agencies if PREFIX.match(a["id"])]
    per_prov_agencies = max(len(local), n_agencies // PROVINCES)
    per_prov_plans = -(-n_plans // PROVINCES)
    strategy = max((p for p in plans if p["period"]["end"] - p["period"]["start"] >= 9 and p["targets"]),
                   key=lambda p: len(p["targets"]))  # enough targets that no figure is recorded twice
    _dump(out / "agencies" / "trung-uong.yaml", {"agencies": central})
    counts = {"plans": 0, "agencies": len(central), "records": 0, "result_files": 0}
    for i in range(PROVINCES):
        prov = f"p{i + 1:02d}"
        regs = []
        seen = set()
        for a in local:
            b = _shift(copy.deepcopy(a), 0, prov)
            if b["id"] in seen:
                continue
            seen.add(b["id"])
            regs.append(b)
        for k in range(per_prov_agencies - len(regs)):
            regs.append({"id": f"{prov}-co-so-{k}", "name": f"Trường cao đẳng số {k} tỉnh {prov}",
                         "kind": "co-so-gdnn", "parent": f"{prov}-ubnd", "province": prov})
        _dump(out / "agencies" / f"{prov}.yaml", {"agencies": regs})
        counts["agencies"] += len(regs)
        strat_ids = []
        for j in range(per_prov_plans):
            seed = plans[j % len(plans)] if j % 4 else strategy
            span = seed["period"]["end"] - seed["period"]["start"]
            start_year = YEARS[j % (len(YEARS) - span)] if span < len(YEARS) else YEARS[0]
            data = _shift(copy.deepcopy(seed), start_year - seed["period"]["start"], prov)
            data["id"] = f"{prov}-{j:04d}-{seed['id']}"
            data["illustrative"] = True
            _recite_bases(data)
            if seed is strategy:
                strat_ids.append((data["id"], data["period"]["start"], data["period"]["end"], data["targets"]))
            _dump(out / "plans" / prov / f"{data['id']}.yaml", data)
            counts["plans"] += 1
        # results: one file per province and year, records spread over the strategy copies
        per_prov_records = -(-n_records // PROVINCES)
        by_year: dict[int, list] = {}
        made = 0
        if strat_ids:  # one figure per plan, year and target (a second one would be counted twice)
            for plan_id, start, end, targets in strat_ids:
                for year in range(start, end + 1):
                    keys = set()
                    for t in targets:
                        if made >= per_prov_records:
                            break
                        if (t.get("indicator") or t["id"]) in keys:
                            continue  # milestones of one indicator share its yearly figure
                        keys.add(t.get("indicator") or t["id"])
                        val = (t.get("value") or t.get("min") or 1) * (0.9 + 0.02 * (year - start))
                        if t.get("unit") == "%":
                            val = min(val, 100)
                        by_year.setdefault(year, []).append(
                            {"plan": plan_id, "target": t["id"], "value": round(val, 1), "status": "illustrative"})
                        made += 1
                if made >= per_prov_records:
                    break
        for year, figs in by_year.items():
            _dump(out / "results" / prov / f"{year}.yaml", {"year": year, "figures": figs})
            counts["result_files"] += 1
        counts["records"] += made
    return counts


def subset(corpus: Path, n: int, dst: Path) -> Path:
    """A data folder with the first n provinces, as hard links (gdnn refuses symbolic links in a data
    folder; hard links cost nothing either)."""
    if dst.exists():
        shutil.rmtree(dst)
    for kind in ("plans", "results"):
        (dst / kind).mkdir(parents=True)
        for i in range(n):
            src = corpus / kind / f"p{i + 1:02d}"
            if src.exists():
                shutil.copytree(src, dst / kind / src.name, copy_function=os.link)
    (dst / "agencies").mkdir(parents=True)
    for f in (corpus / "agencies").glob("*.yaml"):
        if f.stem == "trung-uong" or int(f.stem[1:]) <= n:
            os.link(f, dst / "agencies" / f.name)
    return dst


# --------------------------------------------------------------------------- measuring


def run(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, int, str]:
    """Wall time, peak RSS of the child in MB, and output tail."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=cwd)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    tail = (proc.stdout + proc.stderr).strip().splitlines()[-1:] or [""]
    return elapsed, max(peak, before) // 1024, f"exit {proc.returncode}: {tail[0][:120]}"


def best(cmd, repeat=3, **kw) -> float:
    """The fastest of ``repeat`` wall-clock runs: the least disturbed by others on a shared machine."""
    return min(run(cmd, **kw)[0] for _ in range(repeat))


def cpu_time(cmd: list[str], env: dict | None = None) -> float:
    """CPU seconds (user + system) of one run: unlike wall time, it leaves out the time other
    processes held the cores, so it is the figure to compare on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, capture_output=True, check=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup_rows(repeat: int) -> list[tuple[str, str, str]]:
    """`gdnn --help` (the installed console script, as users start it) against `python -c "import
    typer"`: the minimum CPU time of ``repeat`` runs of each, the runs interleaved so that a busy
    spell on the machine weighs on both alike.

    Both run with their bytecode caches, as installed: pip compiles typer's and gdnn's .pyc files at
    install time, but an editable checkout with PYTHONDONTWRITEBYTECODE set (as on the development
    machines) would compile gdnn's modules from source on every run — some 8 ms that no user pays.
    So the variable is dropped for these runs and a first run writes the cache."""
    script = Path(sys.executable).with_name("gdnn")
    gdnn = [str(script)] if script.exists() else [sys.executable, "-m", "gdnn_cli"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmds = {"typer": [sys.executable, "-c", "import typer"], "vi": gdnn + ["--help"],
            "en": gdnn + ["--lang", "en", "--help"]}
    for cmd in cmds.values():
        cpu_time(cmd, env)  # bytecode written, files in the page cache
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeat):
        for k, cmd in cmds.items():
            times[k].append(cpu_time(cmd, env))
    typer_s = min(times["typer"])
    rows = []
    for k, label in (("vi", "gdnn --help"), ("en", "gdnn --lang en --help")):
        s = min(times[k])
        ratio = f"{s / typer_s:.2f}".replace(".", ",")
        rows.append((label, f"{s * 1000:.0f} ms CPU",
                     f"{ratio} × `python -c 'import typer'` ({typer_s * 1000:.0f} ms CPU; target ≤ 1,3); "
                     f"min of {repeat} runs"))
    return rows


PARSE_ONLY = """
import sys, os, yaml
n = 0
for base in ("plans", "agencies", "results"):
    for dp, dn, fn in os.walk(os.path.join(sys.argv[1], base)):
        for f in fn:
            if f.endswith((".yaml", ".yml")):
                with open(os.path.join(dp, f), encoding="utf-8") as fh:
                    yaml.load(fh.read(), Loader=yaml.CSafeLoader)
                n += 1
print(n, "files")
"""


def main() -> int:
    """Build the corpus (or reuse it), measure every row and print the Markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, default=10_000)
    ap.add_argument("--agencies", type=int, default=5_000)
    ap.add_argument("--records", type=int, default=200_000)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "corpus")
    ap.add_argument("--reuse", action="store_true", help="reuse an existing corpus")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--report-provinces", default="1,2,4", help="province counts for gdnn report")
    ap.add_argument("--gaps-provinces", default="1,4,17,34", help="province counts for gdnn gaps")
    ap.add_argument("--site-provinces", default="1,2,4,8", help="province counts for gdnn site")
    ap.add_argument("--site-only", action="store_true", help="measure gdnn site only (on an existing corpus)")
    ap.add_argument("--startup-only", action="store_true", help="measure gdnn --help only (no corpus)")
    ap.add_argument("--repeat", type=int, default=25, help="runs of each startup command (the minimum counts)")
    args = ap.parse_args()
    if args.startup_only:
        print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}.")
        print("Command: python bench/run.py --startup-only\n")
        print("| measure | value | ratio / note |\n|---|---|---|")
        for r in startup_rows(args.repeat):
            print(f"| {r[0]} | {r[1]} | {r[2]} |")
        return 0
    gdnn = [sys.executable, "-m", "gdnn_cli"]
    corpus = args.out
    t0 = time.perf_counter()
    if args.reuse and corpus.exists():
        counts = {"plans": sum(1 for _ in (corpus / "plans").rglob("*.yaml")), "agencies": "?", "records": "?",
                  "result_files": sum(1 for _ in (corpus / "results").rglob("*.yaml"))}
    else:
        counts = build_corpus(corpus, args.plans, args.agencies, args.records)
    build_s = time.perf_counter() - t0
    size_mb = sum(p.stat().st_size for p in corpus.rglob("*.yaml")) / 1e6
    rows: list[tuple[str, str, str]] = []
    print(f"corpus: {counts} ({size_mb:.0f} MB, built in {build_s:.0f} s)", file=sys.stderr)

    if args.site_only:
        return _report(counts, size_mb, site_rows(gdnn, corpus, args))
    parse_s = min(run([sys.executable, "-c", PARSE_ONLY, str(corpus)])[0] for _ in range(2))
    with tempfile.TemporaryDirectory() as cache:
        env = {"GDNN_CACHE_DIR": cache}
        cold_s, cold_mb, cold_out = run(gdnn + ["validate", "--data", str(corpus), "--jobs", str(args.jobs)], env=env)
        one = next((corpus / "plans").rglob("*.yaml"))
        original = one.read_text(encoding="utf-8")
        one.write_text(original.replace("title: ", "title: (sửa) ", 1), encoding="utf-8")
        warm_s, warm_mb, warm_out = run(gdnn + ["validate", "--data", str(corpus), "--jobs", str(args.jobs)], env=env)
        one.write_text(original, encoding="utf-8")
    with tempfile.TemporaryDirectory() as cache:
        serial_s, serial_mb, _ = run(gdnn + ["validate", "--data", str(corpus), "--jobs", "1"],
                                     env={"GDNN_CACHE_DIR": cache})
    rows.append(("parse only (PyYAML CSafeLoader, one process)", f"{parse_s:.1f} s", "baseline"))
    rows.append((f"gdnn validate, cold, --jobs {args.jobs}", f"{cold_s:.1f} s",
                 f"{cold_s / parse_s:.2f} × parse (target ≤ 1,5) — {cold_out}"))
    rows.append(("gdnn validate, cold, --jobs 1", f"{serial_s:.1f} s", f"{serial_s / parse_s:.2f} × parse"))
    rows.append(("gdnn validate after one file changed", f"{warm_s:.1f} s",
                 f"{warm_s / cold_s * 100:.0f}% of cold (target ≤ 10%) — {warm_out}"))
    rows.append(("peak memory, gdnn validate --jobs 1", f"{serial_mb} MB", "target < 1.024 MB"))
    rows += startup_rows(args.repeat)
    cj = shutil.which("check-jsonschema")
    if cj:
        with tempfile.TemporaryDirectory() as sd:
            subprocess.run(gdnn + ["schema", "-o", sd], check=True, capture_output=True)
            plan_files = [str(p) for p in (corpus / "plans").rglob("*.yaml")]
            t = time.perf_counter()
            for i in range(0, len(plan_files), 2000):
                subprocess.run([cj, "--schemafile", f"{sd}/plan.schema.json", *plan_files[i:i + 2000]],
                               capture_output=True)
            cj_s = time.perf_counter() - t
        with tempfile.TemporaryDirectory() as cache:
            plans_only = subset(corpus, PROVINCES, Path(tempfile.mkdtemp()) / "data")
            shutil.rmtree(plans_only / "results")
            g_s = run(gdnn + ["validate", "--data", str(plans_only), "--jobs", "1"], env={"GDNN_CACHE_DIR": cache})[0]
        rows.append(("check-jsonschema, plan files only (schema only)", f"{cj_s:.1f} s",
                     f"gdnn validate on the same plans + agencies, --jobs 1: {g_s:.1f} s = {cj_s / g_s:.1f}× faster"))
    else:
        rows.append(("check-jsonschema", "not installed", "pip install check-jsonschema"))
    tmp = Path(tempfile.mkdtemp())
    for n in [int(x) for x in args.gaps_provinces.split(",")]:
        data = subset(corpus, n, tmp / f"g{n}")
        with tempfile.TemporaryDirectory() as cache:
            env = {"GDNN_CACHE_DIR": cache}
            run(gdnn + ["validate", "--data", str(data), "--jobs", str(args.jobs)], env=env)  # warm the cache
            s, _, out = run(gdnn + ["gaps", "--year", "2025", "--format", "json", "--data", str(data)], env=env)
        rows.append((f"gdnn gaps --year 2025, {n} province(s)", f"{s:.1f} s", f"{s / n:.2f} s per province"))
    for n in [int(x) for x in args.report_provinces.split(",")]:
        data = subset(corpus, n, tmp / f"r{n}")
        with tempfile.TemporaryDirectory() as cache:
            env = {"GDNN_CACHE_DIR": cache}
            run(gdnn + ["validate", "--data", str(data), "--jobs", str(args.jobs)], env=env)
            s, _, out = run(gdnn + ["report", "--year", "2025", "--data", str(data), "-o", str(tmp / f"out{n}")],
                            env=env, cwd=REPO)
        rows.append((f"gdnn report --year 2025, {n} province(s)", f"{s:.1f} s",
                     f"{s / n:.2f} s per province — {out[:60]}"))
    shutil.rmtree(tmp, ignore_errors=True)
    rows += site_rows(gdnn, corpus, args)
    return _report(counts, size_mb, rows)


def site_rows(gdnn: list[str], corpus: Path, args) -> list[tuple[str, str, str]]:
    """gdnn site on 1, 2, 4 … provinces: time per plan in force (linearity), the largest page, a
    rebuild with no change, and a rebuild after one result file changed."""
    rows = []
    tmp = Path(tempfile.mkdtemp())
    for n in [int(x) for x in args.site_provinces.split(",") if x]:
        data = subset(corpus, n, tmp / f"s{n}")
        out = tmp / f"site{n}"
        cmd = gdnn + ["site", "--year", "2025", "--data", str(data), "-o", str(out), "--no-docx", "--no-history"]
        with tempfile.TemporaryDirectory() as cache:
            env = {"GDNN_CACHE_DIR": cache, "GDNN_LANG": "en"}
            run(gdnn + ["validate", "--data", str(data), "--jobs", str(args.jobs)], env=env)  # warm the cache
            s, mb, _ = run(cmd, env=env, cwd=REPO)
            again, _, _ = run(cmd, env=env, cwd=REPO)
            one = sorted((data / "results").rglob("2025.yaml"))[0]
            text = one.read_text(encoding="utf-8")
            one.unlink()  # a hard link into the corpus: write a copy, so that the corpus is not changed
            one.write_text(text + "# sửa\n", encoding="utf-8")
            touched, _, _ = run(cmd, env=env, cwd=REPO)
            rendered = json.loads((out / ".gdnn-site.json").read_text(encoding="utf-8")).get("rendered", "?")
        plans = sum(1 for _ in (out / "ke-hoach").glob("*.html"))
        pages = list(out.rglob("*.html"))
        biggest = max(pages, key=lambda p: p.stat().st_size)
        rows.append((f"gdnn site --year 2025 --no-docx, {n} province(s)", f"{s:.1f} s",
                     f"{plans} plans in force, {len(pages)} pages ({s / max(plans, 1) * 1000:.0f} ms per plan), "
                     f"largest page {biggest.stat().st_size / 1024:.0f} KB ({biggest.relative_to(out)}); "
                     f"second build, nothing changed: {again:.1f} s; after one result file changed: {touched:.1f} s, "
                     f"{rendered} pages rendered"))
    data = tmp / "s1"
    with tempfile.TemporaryDirectory() as cache:
        env = {"GDNN_CACHE_DIR": cache}
        out = tmp / "site1-docx"
        s, _, _ = run(gdnn + ["site", "--year", "2025", "--data", str(data), "-o", str(out), "--no-pdf",
                              "--no-history"], env=env, cwd=REPO)
    docs = sum(1 for _ in out.glob("tai-ve/*.docx"))
    rows.append(("gdnn site --year 2025 with each plan's .docx, 1 province", f"{s:.1f} s", f"{docs} .docx rendered"))
    shutil.rmtree(tmp, ignore_errors=True)
    return rows


def _report(counts: dict, size_mb: float, rows: list) -> int:
    print(f"Corpus: {counts['plans']} plan files, {counts['agencies']} agencies, {counts['records']} result "
          f"records in {counts['result_files']} files, {size_mb:.0f} MB.")
    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}.")
    print("Command: python bench/run.py\n")
    print("| measure | value | ratio / note |\n|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
