"""`gdnn diff`, `gdnn textconv` and `gdnn git-setup` on real temporary git repositories.

Mirrors the review/ room (gitdiff.py, gitcompare.py, textconv.py) and its commands in cli/review.py.

The data folder sits under a Vietnamese folder name with a space, as clerks name folders, so that
quoting of paths in git (ls-tree, show, .gitattributes) is exercised by every test.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.common.errors import GdnnError
from gdnn_cli.review import gitdiff
from gdnn_cli.review.changes import word_diff
from tests.conftest import FIXTURES, edit

runner = CliRunner()
SUB = "dữ liệu kế hoạch/data"
# The program in a separate process of this interpreter: for exit codes, and as git's textconv driver.
CLI = [sys.executable, "-c", "from gdnn_cli.cli.app import main; main()"]


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-c", "core.quotepath=false", *args], cwd=repo, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def commit(repo: Path, message: str = "edit") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "kho"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Cán bộ")
    git(root, "config", "user.email", "can-bo@example.org")
    git(root, "config", "commit.gpgsign", "false")
    shutil.copytree(FIXTURES / "mini", root / SUB)
    commit(root, "init")
    return root


def data(repo: Path) -> Path:
    return repo / SUB


def plan(repo: Path) -> Path:
    return data(repo) / "plans" / "tp-2025.yaml"


def agencies(repo: Path) -> Path:
    return data(repo) / "agencies" / "agencies.yaml"


def messages(res, kind: str) -> list[str]:
    return [c.message for c in res.changes if c.kind == kind]


def one(res, kind: str):
    found = [c for c in res.changes if c.kind == kind]
    assert len(found) == 1, [(c.kind, c.message) for c in res.changes]
    return found[0]


# --------------------------------------------------------------------------- semantic changes


def test_no_changes_and_valid(repo):
    res = gitdiff.diff(data(repo))
    assert res.changes == [] and res.valid and res.rev_from == "HEAD" and res.rev_to == "working tree"


def test_value_change_with_delta_between_two_commits(repo):
    edit(plan(repo), "value: 200", "value: 250")
    edit(plan(repo), "value: 1000", "value: 1050")
    commit(repo)
    res = gitdiff.diff(data(repo), "HEAD~1", "HEAD")
    msgs = messages(res, "target-changed")
    assert "Cao đẳng: 200 → 250 người (+50)" in msgs
    assert "Đào tạo: 1.000 → 1.050 người (+50)" in msgs
    c = next(c for c in res.changes if c.where == "targets:cao-dang.value")
    assert (c.old, c.new, c.delta, c.plan) == (200, 250, 50, "tp-2025")
    assert c.file == f"{SUB}/plans/tp-2025.yaml"
    assert res.valid and not messages(res, "breakdown-mismatch")


def test_rate_and_range_changes(repo):
    edit(plan(repo), "    value: 70\n", "    value: 72\n")
    edit(plan(repo), "min: 40", "min: 42")
    msgs = messages(gitdiff.diff(data(repo)), "target-changed")
    assert "Tỷ lệ lao động qua đào tạo: 70% → 72% (+2 điểm %)" in msgs
    assert "Tỷ lệ phân luồng: 40 - 45% → 42 - 45%" in msgs


def test_breakdown_no_longer_adds_up_and_verdict_false(repo):
    edit(plan(repo), "value: 200", "value: 210")
    res = gitdiff.diff(data(repo))
    assert one(res, "breakdown-mismatch").message == (
        "Đào tạo: các phần không còn cộng đủ: 210 + 300 + 500 = 1.010, không phải 1.000 người")
    assert not res.valid
    assert [e.code for e in res.errors] == ["breakdown-sum"]
    assert res.errors[0].file == f"{SUB}/plans/tp-2025.yaml" and res.errors[0].line == 30
    out = runner.invoke(app, ["diff", "--data", str(data(repo)), "--format", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert set(doc) == {"from", "to", "valid", "errors", "changes"}
    assert (doc["from"], doc["to"], doc["valid"]) == ("HEAD", "working tree", False)
    assert {"kind", "file", "plan", "where", "old", "new", "delta", "message"} <= set(doc["changes"][0])


def test_target_added_and_removed(repo):
    edit(plan(repo), "      - {id: so-cap, name: Sơ cấp, unit: người, value: 500, year: 2025}\n",
         "      - {id: so-cap-moi, name: Sơ cấp mới, unit: người, value: 500, year: 2025}\n")
    res = gitdiff.diff(data(repo))
    assert one(res, "target-added").message == "Thêm chỉ tiêu Sơ cấp mới: 500 người (năm 2025)"
    assert one(res, "target-removed").message == "Bỏ chỉ tiêu Sơ cấp (500 người)"


def test_duty_moved_between_agencies_and_role_changed(repo):
    edit(plan(repo), "      - {text: Chủ trì tổ chức ngày hội., task: ngay-hoi}\n", "      - {text: Tổng hợp.}\n")
    edit(plan(repo), "    role: phoi-hop\n    duties:\n      - {text: Phối hợp.}\n",
         "    role: chu-tri\n    duties:\n      - {text: Phối hợp.}\n"
         "      - {text: Chủ trì tổ chức ngày hội., task: ngay-hoi}\n")
    res = gitdiff.diff(data(repo))
    moved = one(res, "duty-moved")
    assert moved.message == "Nhiệm vụ «Chủ trì tổ chức ngày hội.» chuyển từ Sở LĐTBXH sang Sở GD&ĐT"
    assert (moved.old, moved.new) == (["tp-so-ldtbxh"], ["tp-so-gddt"])
    assert one(res, "role-changed").message == "Sở GD&ĐT: vai trò phối hợp → chủ trì"
    assert one(res, "duty-added").message == "Giao thêm cho Sở LĐTBXH: «Tổng hợp.»"


def test_duty_removed_and_reworded(repo):
    edit(plan(repo), "{text: Chủ trì tổ chức ngày hội., task: ngay-hoi}",
         "{text: Chủ trì tổ chức ngày hội lớn., task: ngay-hoi}")
    edit(plan(repo), "      - {text: Phối hợp.}\n", "      - {text: Phối hợp chặt chẽ với các sở trong mọi việc.}\n")
    res = gitdiff.diff(data(repo))
    texts = messages(res, "text-changed")
    assert "Nhiệm vụ của Sở LĐTBXH: Chủ trì tổ chức ngày [-hội.-] {+hội lớn.+}" in texts
    assert one(res, "duty-removed").message == "Sở GD&ĐT không còn nhiệm vụ «Phối hợp.»"


def test_task_lead_partners_and_deadline(repo):
    edit(plan(repo), "lead: tp-so-ldtbxh, partners: [tp-so-gddt], deadline: 2025-10-01",
         "lead: tp-so-tai-chinh, partners: [tp-so-gddt, tp-so-ldtbxh], deadline: 2025-11-15")
    res = gitdiff.diff(data(repo))
    assert one(res, "task-lead").message == "Sở LĐTBXH không còn chủ trì nhiệm vụ «ngay-hoi»; nay Sở Tài chính chủ trì"
    assert one(res, "task-partners").message == "Nhiệm vụ «ngay-hoi»: thêm phối hợp Sở LĐTBXH"
    moved = one(res, "deadline-moved")
    assert moved.message == "Hạn nhiệm vụ «ngay-hoi»: 01/10/2025 → 15/11/2025 (muộn hơn 45 ngày)"
    assert moved.delta == 45


def test_tasks_added_and_removed(repo):
    edit(plan(repo), "      - {id: ngay-hoi,", "      - {text: Tuyên truyền trên báo chí.}\n      - {id: ngay-hoi,")
    res = gitdiff.diff(data(repo))
    assert one(res, "task-added").message == "Thêm nhiệm vụ «Tuyên truyền trên báo chí.»"
    commit(repo)
    edit(plan(repo), "      - {text: Tuyên truyền trên báo chí.}\n", "")
    assert one(gitdiff.diff(data(repo)), "task-removed").message == "Bỏ nhiệm vụ «Tuyên truyền trên báo chí.»"


def test_reporting_deadline_moved(repo):
    edit(plan(repo), "due: 2025-12-15", "due: 2025-12-05")  # the sentence says {due}: it follows
    res = gitdiff.diff(data(repo))
    c = one(res, "deadline-moved")
    assert c.message == "Hạn báo cáo gửi Sở LĐTBXH: 15/12/2025 → 05/12/2025 (sớm hơn 10 ngày)" and c.delta == -10
    assert "Câu về báo cáo gửi Sở LĐTBXH: … Sở báo cáo trước ngày [-15/12/2025.-] {+05/12/2025.+}" in messages(
        res, "text-changed")


def test_reporting_day_month_moved(repo):
    edit(plan(repo), "due: 2025-12-15}", "due_day_month: '15/12'}")
    commit(repo)
    edit(plan(repo), "due_day_month: '15/12'}", "due_day_month: '05/12', frequency: 6-thang}")
    res = gitdiff.diff(data(repo))
    assert one(res, "deadline-moved").message == "Hạn báo cáo gửi Sở LĐTBXH: 15/12 → 05/12"
    assert one(res, "reporting-changed").message == "Tần suất báo cáo gửi Sở LĐTBXH: hằng năm → 6 tháng"


def test_text_changes_are_word_diffs(repo):
    edit(plan(repo), "ban hành Kế hoạch như sau:", "ban hành Kế hoạch cụ thể như sau:")
    edit(plan(repo), "title: Kế hoạch thử nghiệm", "title: Kế hoạch thí điểm")
    edit(plan(repo), "  - heading: Kinh phí\n", "  - heading: Kinh phí\n    text: [Kinh phí do ngân sách bảo đảm.]\n")
    texts = messages(gitdiff.diff(data(repo)), "text-changed")
    assert "Mở đầu: … phố ban hành Kế hoạch {+cụ thể+} như sau:" in texts
    assert "Trích yếu: Kế hoạch [-thử nghiệm-] {+thí điểm+} giáo dục nghề nghiệp năm …" in texts
    assert "Mục «Kinh phí» (thêm đoạn): — → Kinh phí do ngân sách bảo đảm." in texts


def test_word_diff_context():
    a = "một hai ba bốn năm sáu bảy tám chín mười mười một mười hai"
    b = "một hai ba bốn năm sáu BẢY tám chín mười mười một mười hai"
    assert word_diff(a, b, context=4) == "… ba bốn năm sáu [-bảy-] {+BẢY+} tám chín mười mười …"
    assert word_diff(a, b, context=2) == "… năm sáu [-bảy-] {+BẢY+} tám chín …"


def test_files_added_and_removed(repo):
    text = plan(repo).read_text(encoding="utf-8").replace("id: tp-2025", "id: tp-2026", 1)
    (data(repo) / "plans" / "kế hoạch 2026.yaml").write_text(text, encoding="utf-8")
    commit(repo)
    res = gitdiff.diff(data(repo), "HEAD~1", "HEAD")
    c = one(res, "file-added")
    assert c.file == f"{SUB}/plans/kế hoạch 2026.yaml" and c.plan == "tp-2026"
    assert c.message.startswith(f"Thêm tệp {SUB}/plans/kế hoạch 2026.yaml (kế hoạch tp-2026 «")
    (data(repo) / "plans" / "kế hoạch 2026.yaml").unlink()
    assert one(gitdiff.diff(data(repo)), "file-removed").plan == "tp-2026"


def test_agency_ceased_successors_and_added(repo):
    edit(agencies(repo),
         "  - {id: tp-so-gddt, name: Sở Giáo dục và Đào tạo, short: Sở GD&ĐT, kind: so, parent: tp-ubnd}\n",
         "  - id: tp-so-gddt\n    name: Sở Giáo dục và Đào tạo\n    short: Sở GD&ĐT\n    kind: so\n"
         "    parent: tp-ubnd\n"
         "    ceased: 2025-07-01\n    successors: [{id: tp-so-moi}]\n    sources: [{title: Quyết định sáp nhập}]\n"
         "  - {id: tp-so-moi, name: Sở Giáo dục mới, kind: so, parent: tp-ubnd}\n")
    res = gitdiff.diff(data(repo))
    assert one(res, "agency-ceased").message == "Sở GD&ĐT ngừng hoạt động từ 01/7/2025"
    assert one(res, "agency-successors").message == "Sở GD&ĐT: cơ quan kế thừa — → Sở Giáo dục mới"
    assert one(res, "agency-added").message == "Thêm cơ quan tp-so-moi: Sở Giáo dục mới"
    assert all(c.plan is None for c in res.changes)


def test_result_figures(repo):
    results = data(repo) / "results" / "tp" / "2025.yaml"
    results.parent.mkdir(parents=True)
    results.write_text("plan: tp-2025\nyear: 2025\nfigures:\n  - {target: cao-dang, value: 180, status: illustrative}\n"
                       "  - {target: ty-le, value: 68.5, status: illustrative}\n", encoding="utf-8")
    assert one(gitdiff.diff(data(repo)), "file-added").message.endswith("(kết quả năm 2025)")
    commit(repo)
    edit(results, "value: 180", "value: 195")
    edit(results, "value: 68.5", "value: 69")
    msgs = messages(gitdiff.diff(data(repo)), "result-changed")
    assert msgs == ["Kết quả 2025 · Cao đẳng: 180 → 195 người (+15)",
                    "Kết quả 2025 · Tỷ lệ lao động qua đào tạo: 68,5% → 69% (+0,5 điểm %)"]


def test_schema_invalid_new_side_is_reported_not_compared(repo):
    edit(plan(repo), "place: Thành phố Thử", "place: Thành phố Thử\nplaec: typo")
    res = gitdiff.diff(data(repo))
    assert [c.kind for c in res.changes] == ["file-invalid"] and not res.valid
    assert res.errors[0].code == "extra_forbidden"


# --------------------------------------------------------------------------- errors


def _error(call) -> str:
    with pytest.raises(GdnnError) as info:
        call()
    return str(info.value)


def test_not_a_repository(mini, vi):
    assert "không nằm trong kho git" in _error(lambda: gitdiff.diff(mini))


def test_bad_revision(repo, vi):
    assert "phiên bản 'khong-co-nhanh' không có trong kho git" in _error(
        lambda: gitdiff.diff(data(repo), "khong-co-nhanh"))
    assert "không phải tên phiên bản" in _error(lambda: gitdiff.diff(data(repo), "--output=x"))


def test_data_folder_missing_at_one_revision(tmp_path, vi):
    root = tmp_path / "kho"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "t")
    git(root, "config", "user.email", "t@example.org")
    (root / "README.md").write_text("kho\n", encoding="utf-8")
    commit(root, "readme")
    shutil.copytree(FIXTURES / "mini", root / SUB)
    commit(root, "data")
    msg = _error(lambda: gitdiff.diff(root / SUB, "HEAD~1", "HEAD"))
    assert msg == f"thư mục dữ liệu '{SUB}' không có ở phiên bản HEAD~1"
    shutil.rmtree(root / "dữ liệu kế hoạch")
    assert "không có trong cây làm việc" in _error(lambda: gitdiff.diff(root / SUB))
    assert gitdiff.diff(root / SUB, "HEAD", "HEAD").changes == []  # two revisions need no working tree


def test_unparsable_file_names_the_revision(repo, vi):
    edit(plan(repo), "title: Kế hoạch", "title: [Kế hoạch")
    commit(repo, "broken")
    with pytest.raises(GdnnError) as info:
        gitdiff.diff(data(repo), "HEAD")
    msg = str(info.value)
    assert msg.startswith(f"tệp {SUB}/plans/tp-2025.yaml không đọc được ở phiên bản HEAD (dòng 7, cột")
    assert info.value.issues and info.value.issues[0].context  # the located snippet, printed by main()
    assert "ở phiên bản working tree" not in msg
    edit(plan(repo), "title: [Kế hoạch", "title: Kế hoạch")
    git(repo, "commit", "-qam", "fixed")
    edit(plan(repo), "title: Kế hoạch", "title: [Kế hoạch")
    assert "ở phiên bản working tree (dòng 7" in _error(lambda: gitdiff.diff(data(repo)))


def test_cli_errors_exit_1_and_usage_2(repo, vi):
    proc = subprocess.run([*CLI, "diff", "khong-co", "--data", str(data(repo))], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1 and "khong-co" in proc.stderr and "Traceback" not in proc.stderr
    result = runner.invoke(app, ["diff", "HEAD", "HEAD", "HEAD", "--data", str(data(repo))])
    assert result.exit_code == 2
    assert runner.invoke(app, ["diff", "--format", "xml", "--data", str(data(repo))]).exit_code == 2


# --------------------------------------------------------------------------- output


def test_markdown_comment(repo):
    edit(plan(repo), "value: 200", "value: 210")
    edit(plan(repo), "{{ không phải mã }}", "{{ không phải mã }} <b>")
    result = runner.invoke(app, ["diff", "--data", str(data(repo)), "--format", "md"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("## Thay đổi dữ liệu kế hoạch: `HEAD` → cây làm việc (working tree)\n")
    assert "**4 thay đổi — chỉ tiêu: 1 · cơ cấu không cộng đủ: 1 · câu chữ: 2**" in out
    # the target's sentence says {cao-dang}: the reviewer sees the figure change in the words too
    assert "cao đẳng ~~200,~~ **210,**" in out
    assert "### Kế hoạch `tp-2025`: Kế hoạch thử nghiệm giáo dục nghề nghiệp năm 2025" in out
    assert "- **chỉ tiêu:** Cao đẳng: 200 → 210 người (+50)".replace("+50", "+10") in out
    assert "~~\\}\\},~~ **\\}\\} \\<b\\>,**" in out and "<b>" not in out  # word diff, HTML escaped
    assert "❌ không hợp lệ — 1 lỗi" in out and f"`{SUB}/plans/tp-2025.yaml:30`" in out


def test_text_output_says_how_far_a_deadline_moved(repo):
    edit(plan(repo), "due: 2025-12-15", "due: 2025-12-05")
    out = runner.invoke(app, ["diff", "--data", str(data(repo))]).stdout
    assert "[thời hạn] Hạn báo cáo gửi Sở LĐTBXH: 15/12/2025 → 05/12/2025 (sớm hơn 10 ngày)" in out
    assert out.rstrip().endswith("hợp lệ.")


# --------------------------------------------------------------------------- textconv and git-setup


def test_textconv_renders_plan_agencies_results(mini):
    out = runner.invoke(app, ["textconv", str(mini / "plans" / "tp-2025.yaml")]).stdout
    assert "Chỉ tiêu dao-tao: Đào tạo = 1.000 người (năm 2025)" in out
    assert "  Phần cao-dang: Cao đẳng = 200 người (năm 2025)" in out
    assert "Chỉ tiêu phan-luong: Tỷ lệ phân luồng = 40 - 45% (năm 2025)" in out
    assert "Giao việc: tp-so-ldtbxh (thường trực)" in out and "Báo cáo: tp-so-gddt → tp-so-ldtbxh" in out
    assert out == runner.invoke(app, ["textconv", str(mini / "plans" / "tp-2025.yaml")]).stdout
    out = runner.invoke(app, ["textconv", str(mini / "agencies" / "agencies.yaml")]).stdout
    assert "Cơ quan tp-so-ldtbxh: Sở Lao động - Thương binh và Xã hội (Sở LĐTBXH)" in out and "ngừng 01/3/2025" in out


def test_textconv_falls_back_on_invalid(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("id: tp\nplace: [\n", encoding="utf-8")
    result = runner.invoke(app, ["textconv", str(bad)])
    assert result.exit_code == 0
    first, rest = result.stdout.split("\n", 1)
    assert first.startswith("# gdnn: tệp này không hợp lệ") and rest == "id: tp\nplace: [\n"
    bad.write_bytes(b"sections: []\nissuer: x\n")  # YAML, but not a valid plan
    assert runner.invoke(app, ["textconv", str(bad)]).stdout.startswith("# gdnn: tệp này không hợp lệ")


def test_git_setup_and_real_git_diff(repo, vi):
    command = shlex.join([*CLI, "textconv"])
    first = runner.invoke(app, ["git-setup", "--data", str(data(repo)), "--command", command])
    assert first.exit_code == 0, first.output
    attrs = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert attrs == f'"{SUB}/**/*.yaml" diff=gdnn\n"{SUB}/**/*.yml" diff=gdnn\n'
    again = runner.invoke(app, ["git-setup", "--data", str(data(repo))])
    assert "đã có sẵn" in again.stdout and "đã là" in again.stdout
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == attrs
    assert git(repo, "config", "--get", "diff.gdnn.textconv").strip() == command
    assert git(repo, "config", "--get", "diff.gdnn.cachetextconv").strip() == "false"
    assert "diff: gdnn" in git(repo, "check-attr", "diff", "--", f"{SUB}/plans/tp-2025.yaml")
    edit(plan(repo), "value: 200", "value: 210")
    out = git(repo, "diff")
    assert "-  Phần cao-dang: Cao đẳng = 200 người (năm 2025)" in out
    assert "+  Phần cao-dang: Cao đẳng = 210 người (năm 2025)" in out
    assert "value: 210" not in out
    commit(repo)
    assert "+  Phần cao-dang: Cao đẳng = 210 người (năm 2025)" in git(repo, "log", "-p", "-1")
