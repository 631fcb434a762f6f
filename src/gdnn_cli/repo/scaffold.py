"""`gdnn init`: start a department's own data repository, ready to validate, review and report.

A department keeps its plans in a git repository of its own, apart from gdnn's source. What it
needs on day one is more than folders: the agency registry of its province (ids to refer to), one
plan and one result file to copy from (marked as examples, so that no one reports them as theirs),
the JSON Schemas its editor finds from every file's first line, the diff driver, a pre-commit hook,
a CI example, and a README in Vietnamese for the clerks. Everything comes from files packaged with
gdnn (see resources.py), so the starter registry is the bundled one, not a copy that ages.

All or nothing: the files are written into a temporary folder beside the target and moved into
place only when all of them were made.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import partial
from importlib.resources.abc import Traversable
from pathlib import Path

from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.i18n import _
from gdnn_cli.common.resources import schemas, starter_tree

PROVINCES = {"hn": "thành phố Hà Nội", "hp": "thành phố Hải Phòng"}

EXAMPLE_PLAN = (
    "# VÍ DỤ do `gdnn init` chép vào: kế hoạch đã ban hành của {province}, để xem cách ghi một kế hoạch\n"
    "# thành dữ liệu. Sửa thành kế hoạch của đơn vị (hoặc `gdnn new plan … --from …`), hoặc xóa tệp này.\n"
)
EXAMPLE_RESULTS = (
    "# VÍ DỤ do `gdnn init` chép vào: SỐ LIỆU MINH HỌA (status: illustrative), không phải số liệu thật.\n"
    "# Xóa tệp này trước khi nhập kết quả thật của đơn vị.\n"
)

PRE_COMMIT = """\
# pre-commit: chạy `gdnn validate` trước mỗi lần commit, để không ai commit dữ liệu sai.
# Cài một lần trên máy: pip install pre-commit && pre-commit install
repos:
  - repo: local
    hooks:
      - id: gdnn-validate
        name: gdnn validate
        entry: gdnn validate --data data
        language: system
        pass_filenames: false
        files: ^(data|templates)/
"""

GITIGNORE = "out/\n"

CI_INSTALL = "pip install ."
CI_INSTALL_HERE = 'pip install "gdnn=={version}"   # hoặc nơi đơn vị phát hành gdnn: "gdnn @ git+<URL>@<tag>"'


@dataclass
class InitResult:
    """What `gdnn init` did, for the command to print and for tests to check."""

    folder: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    git: list[str] = field(default_factory=list)


def _walk(node: Traversable, prefix: str = ""):
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            yield from _walk(child, rel + "/")
        else:
            yield rel, child.read_bytes()


def _mark_example(rel: str, text: str, province: str) -> str:
    """Put the example notice right under the schema line, where whoever opens the file reads it first."""
    kind = rel.split("/")[1]
    if kind not in ("plans", "results"):
        return text
    notice = EXAMPLE_PLAN.format(province=province) if kind == "plans" else EXAMPLE_RESULTS
    first, _sep, rest = text.partition("\n")
    return f"{first}\n{notice}{rest}" if first.startswith("# yaml-language-server") else notice + text


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gdnn")
    except PackageNotFoundError:
        return "0.1.0"


def files_for(province: str) -> dict[str, bytes]:
    """Every file of a new data repository, by path: starter data, schemas, CI examples, hooks, README."""
    if province not in PROVINCES:
        raise GdnnError(_("unknown province '{code}': choose one of {codes}").format(
            code=province, codes=", ".join(PROVINCES)))
    name = PROVINCES[province]
    out: dict[str, bytes] = {}
    for part in ("common", province):
        for rel, data in _walk(starter_tree(part)):
            if rel.startswith("data/"):
                data = _mark_example(rel, data.decode("utf-8"), name).encode("utf-8")
            elif rel.startswith("ci/"):
                data = data.decode("utf-8").replace(CI_INSTALL, CI_INSTALL_HERE.format(version=_version())).encode()
            out[rel] = data
    for path in sorted(schemas().glob("*.schema.json")):
        out[f"schemas/{path.name}"] = path.read_bytes()
    plans = sorted(rel for rel in out if rel.startswith("data/plans/"))
    results = sorted(rel for rel in out if rel.startswith("data/results/"))
    out[".pre-commit-config.yaml"] = PRE_COMMIT.encode()
    out[".gitignore"] = GITIGNORE.encode()
    periods = {Path(rel).stem: _period(out[rel]) for rel in plans}
    out["README.md"] = readme(name, plans, results, periods).encode("utf-8")
    return out


def init(folder: Path, province: str = "hn", *, force: bool = False, with_templates: bool = False) -> InitResult:
    """Create a data repository in ``folder``; refuse a non-empty folder unless ``force`` (then keep
    every file already there and add only the missing ones). ``with_templates`` copies the packaged
    Word templates into templates/, for a department that edits its own letterhead and wording."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise GdnnError(_("{folder} is a file, not a folder").format(folder=folder))
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise GdnnError(_("{folder} is not empty: gdnn init starts a new data repository in an empty or new "
                          "folder; pass --force to add only the missing files (existing files are kept)").format(
                              folder=folder))
    files = files_for(province)
    if with_templates:
        from gdnn_cli.common.resources import templates

        files.update({f"templates/{p.name}": p.read_bytes() for p in sorted(templates().glob("*.docx"))})
    result = InitResult(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for rel, data in files.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).write_bytes(data)
        folder.mkdir(exist_ok=True)
        for rel in files:
            target = folder / rel
            if target.exists():
                result.kept.append(rel)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, target)
            result.written.append(rel)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.git = _git_setup(folder)
    return result


def _git_setup(folder: Path) -> list[str]:
    """A git repository with gdnn's diff driver; without git, say how to do it later."""
    from gdnn_cli.review.gitsetup import git_setup

    if not shutil.which("git"):
        return [_("git was not found: install git, then run `git init` and `gdnn git-setup` in {folder}").format(
            folder=folder)]
    said = []
    inside = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True)
    if inside.returncode:
        proc = subprocess.run(["git", "init", "-q"], cwd=folder, capture_output=True, text=True)
        if proc.returncode:
            return [_("git init failed ({why}); run `git init` and `gdnn git-setup` in {folder} yourself").format(
                why=proc.stderr.strip(), folder=folder)]
        said.append(_("created a git repository in {folder}").format(folder=folder))
    return said + git_setup(folder / "data")


def _period(plan_yaml: bytes) -> tuple[int, int]:
    import yaml

    period = yaml.safe_load(plan_yaml)["period"]
    return period["start"], period["end"]


def _moved_year(m: re.Match[str], by: int) -> str:
    return str(int(m.group()) + by)


def _rollover_example(plans: dict[str, tuple[int, int]]) -> str:
    """`gdnn new plan` for an example plan whose id names its period (hn-2025-gdnn for 2025 →
    hn-2026-gdnn; hp-2021-2030-chien-luoc → hp-2031-2040-chien-luoc), moved on by its own length: a
    clerk copies a command that runs and means what it says, not a placeholder in capitals that
    would be refused as an id, nor a ten-year plan moved by one year. ``plans``: id → (start, end)."""
    year = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
    for plan_id, (start, end) in plans.items():
        named = [int(y) for y in year.findall(plan_id)]
        if named in ([start], [start, end]) and (len(named) == 2 or start == end):
            span = end - start + 1
            new_id = year.sub(partial(_moved_year, by=span), plan_id)
            return f"gdnn new plan {new_id} --from {plan_id} --year {start + span}"
    first = next(iter(plans), "ma-ke-hoach")
    return f"gdnn new plan ma-ke-hoach-moi --from {first} --year {{năm bắt đầu}}"


def readme(province: str, plans: list[str], results: list[str],
           periods: dict[str, tuple[int, int]] | None = None) -> str:
    """The clerks' README: what is where, and the four things they do (edit, check, review, report)."""
    plan_list = "\n".join(f"- `{p}`" for p in plans)
    result_list = "\n".join(f"- `{r}`" for r in results)
    first_plan = Path(plans[0]).stem if plans else "ma-ke-hoach"
    rollover = _rollover_example(periods or {})
    return f"""# Dữ liệu kế hoạch giáo dục nghề nghiệp

Kho này giữ các kế hoạch, chỉ tiêu, cơ quan và kết quả thực hiện công tác giáo dục nghề nghiệp của
{province} dưới dạng tệp YAML. Chương trình `gdnn` kiểm tra dữ liệu, tính mức độ đạt chỉ tiêu và
xuất văn bản Word (Kế hoạch, Báo cáo) theo thể thức Nghị định 30/2020/NĐ-CP.

## Trong kho có gì

```
data/agencies/     danh mục cơ quan (mã cơ quan, tên, ngày thành lập, ngừng hoạt động, cơ quan kế thừa)
data/plans/        mỗi kế hoạch một tệp
data/results/      kết quả thực hiện theo từng cơ quan ban hành và từng năm
schemas/           lược đồ JSON để trình soạn thảo gợi ý và báo lỗi ngay khi gõ
templates/         (không bắt buộc) mẫu Word riêng của đơn vị: ke-hoach.docx, bao-cao.docx
ci/                ví dụ cấu hình CI (GitHub Actions, GitLab CI)
```

Các tệp sau là **VÍ DỤ** do `gdnn init` chép vào, để xem cách ghi; sửa thành dữ liệu của đơn vị hoặc xóa đi:

{plan_list}
{result_list}

Số liệu trong tệp kết quả ví dụ là **số liệu minh họa**, không phải số liệu thật.

## Sửa dữ liệu

Mở tệp bằng VS Code (cài tiện ích YAML của Red Hat): dòng đầu mỗi tệp chỉ tới lược đồ trong `schemas/`,
nên trình soạn thảo gợi ý tên trường và gạch chân chỗ sai. Mỗi cơ quan được nhắc tới bằng mã
(ví dụ `hn-so-gddt`), tra trong `data/agencies/`.

Bắt đầu kế hoạch năm sau từ kế hoạch năm nay (mã kế hoạch mới viết chữ thường không dấu, nối bằng
dấu gạch ngang; lệnh liệt kê những gì người soạn còn phải sửa, kèm số dòng):

```sh
{rollover}
```

## Kiểm tra

```sh
gdnn validate
```

Lệnh báo mọi lỗi một lần, kèm tệp, dòng, cột và gợi ý cách sửa; không có lỗi thì kết thúc với mã 0.
Để kiểm tra tự động trước mỗi lần commit: `pip install pre-commit && pre-commit install`
(cấu hình ở `.pre-commit-config.yaml`).

## Xem lại thay đổi của đồng nghiệp

```sh
gdnn diff                 # thay đổi chưa commit so với bản đã commit
gdnn diff main HEAD       # thay đổi của nhánh hiện tại so với nhánh main
```

`gdnn init` đã đặt sẵn bộ so sánh của gdnn cho git (như `gdnn git-setup`), nên `git diff` và
`git log -p` cũng hiển thị thay đổi theo ngôn ngữ kế hoạch: chỉ tiêu, thời hạn, cơ quan chủ trì.
Ví dụ CI trong `ci/` chạy `gdnn validate` và ghi kết quả `gdnn diff` thành bình luận trên yêu cầu hợp nhất:
chép `ci/github-actions.yml` thành `.github/workflows/gdnn.yml`, hoặc `ci/gitlab-ci.yml` thành `.gitlab-ci.yml`.

## Xuất văn bản

```sh
gdnn plan {first_plan}            # Kế hoạch: out/{first_plan}.docx
gdnn gaps --year 2025             # chỉ tiêu và mức độ thực hiện
gdnn status --year 2025           # cơ quan nào đã báo cáo, đúng hạn hay chậm
gdnn report --year 2025 --xlsx    # Báo cáo năm: out/2025/
```

Muốn đổi tiêu đề, phông chữ, câu chữ cố định của văn bản: sửa bằng Word các mẫu trong thư mục
`templates/` của kho này (`gdnn init --with-templates` chép sẵn mẫu của gdnn vào đó); khi có thư mục
này, gdnn dùng mẫu ở đó thay cho mẫu có sẵn trong chương trình.
"""
