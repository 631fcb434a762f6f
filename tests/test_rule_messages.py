"""Every rule's exact message, hint, severity and place, for one small edit of the fixture each.

Messages are what the clerk reads: a test that only checks the code would let a wrong or empty
message through (mutation testing showed it). Expected values are in English (GDNN_LANG=en in tests);
the Vietnamese catalog is checked by test_i18n. Mirrors the messages of core/rules.py; those of
core/result_rules.py are in test_tracking.py and test_bad_input.py."""

from __future__ import annotations

import pytest

from gdnn_cli.core.dataset import load
from tests.conftest import edit

CASES = [
    ("duplicate-target-id", [("plan", "id: so-cap", "id: cao-dang")]),
    ("unit-measure-mismatch", [("plan", 'unit: "%"\n    measure: rate\n    value: 70', 'unit: người\n    measure: rate\n    value: 70')]),
    ("range-inverted", [("plan", "min: 40\n    max: 45", "min: 46\n    max: 45")]),
    ("rate-out-of-range", [("plan", "min: 40\n    max: 45", "min: 40\n    max: 145")]),
    ("year-outside-period", [("plan", "value: 1000\n    year: 2025", "value: 1000\n    year: 2031")]),
    ("breakdown-unit", [("plan", "{id: so-cap, name: Sơ cấp, unit: người", "{id: so-cap, name: Sơ cấp, unit: lượt người")]),
    ("breakdown-sum", [("plan", "value: 200", "value: 200.4")]),
    ("breakdown-sum-range", [("plan", "    value: 1000\n", "    min: 1001\n    max: 1100\n")]),
    ("share-exceeds-total", [("plan", "measure: rate, value: 50", "measure: rate, value: 70.5")]),
    ("share-min-exceeds", [("plan", "measure: rate, value: 50", "measure: rate, min: 71")]),
    ("duplicate-ids", [("plan", "  - id: tuyen-truyen\n    title: Tuyên truyền\n    tasks:\n",
                        "  - id: tuyen-truyen\n    title: Tuyên truyền\n    groups: [{id: tuyen-truyen, title: Lại}]\n    tasks:\n      - {id: ngay-hoi, text: Lần hai.}\n")]),
    ("unknown-task", [("plan", "task: ngay-hoi}", "task: ngay-hoj}")]),
    ("deadlines", [("plan", "deadline: 2025-10-01", "deadline: 2025-01-09"),
                   ("plan", "{text: Phối hợp.}", "{text: Phối hợp., deadline: 2024-12-31}"),
                   ("plan", "due: 2025-12-15", "due: 2025-01-01")]),
    ("deadline-month-only", [("plan", "date: 2025-01-10", "date: {year: 2025, month: 2}"), ("plan", "deadline: 2025-10-01", "deadline: 2025-01-31")]),
    ("deadline-year-only", [("plan", "date: 2025-01-10", "date: 2025"), ("plan", "deadline: 2025-10-01", "deadline: 2024-12-31")]),
    ("only", [("plan", "    include: targets\n", "    include: targets\n    only: [dao-tao, dao-tao-x]\n"),
              ("plan", "    include: task_groups\n", "    include: task_groups\n    only: [tuyen-truyem]\n"),
              ("plan", "    include: funding\n", "    include: funding\n    only: [x]\n")]),
    ("not-rendered", [("plan", "  - heading: Kinh phí\n    include: funding\n", ""),
                      ("plan", "  - heading: Nhiệm vụ\n    include: task_groups\n", "")]),
    ("unknown-agency", [("plan", "lead: tp-so-ldtbxh", "lead: tp-so-ldtbx")]),
    ("agency-ceased", [("plan", "date: 2025-01-10", "date: 2025-03-01")]),
    ("reports-ceased", [("plan", "reporters: [tp-so-gddt], to: tp-so-ldtbxh", "reporters: [tp-so-ldtbxh, tp-so-tai-chinh], to: tp-so-ldtbxh")]),
    ("agency-rules", [("agencies", "{id: tp-so-tai-chinh, name: Sở Tài chính, kind: so, parent: tp-ubnd}",
                       "{id: tp-so-tai-chinh, name: Sở Tài chính, kind: so, parent: tp-ubdn, started: 2025-05-01, ceased: 2025-04-01, successors: [{id: tp-so-gdt}]}")]),
    ("no-successor", [("agencies", "    successors: [{id: tp-so-gddt, scope: quản lý nhà nước về giáo dục nghề nghiệp}]\n", "")]),
    ("period-range-and-count-share", [("plan", "period: {start: 2025, end: 2025}", "period: {start: 2025, end: 2026}"),
                                      ("plan", "    value: 1000\n    year: 2025\n", "    value: 1000\n    year: 2027\n    shares: [{id: nu, name: Nữ, unit: người, value: 1200, year: 2025}]\n")]),
    ("near-at-half", [("plan", "task: ngay-hoi}", "task: hoi-ngay}")]),
    ("nothing-near", [("plan", "task: ngay-hoi}", "task: zzz}")]),
    ("ceased-with-two-successors", [("plan", "date: 2025-01-10", "date: 2025-04-01"),
                                    ("agencies", "    successors: [{id: tp-so-gddt, scope: quản lý nhà nước về giáo dục nghề nghiệp}]\n",
                                     "    successors: [{id: tp-so-gddt}, {id: tp-so-tai-chinh}]\n")]),
    ("report-from-ceased", [("plan", "reporters: [tp-so-gddt], to: tp-so-ldtbxh", "reporters: [tp-so-ldtbxh], to: tp-so-gddt")]),
    ("member-of", [("agencies", "{id: tp-so-tai-chinh, name: Sở Tài chính, kind: so, parent: tp-ubnd}",
                    "{id: tp-so-tai-chinh, name: Sở Tài chính, kind: so, parent: tp-ubnd, member_of: [tp-so-gddt, tp-nhom-x]}")]),
    ("two-successors", [("agencies", "    successors: [{id: tp-so-gddt, scope: quản lý nhà nước về giáo dục nghề nghiệp}]\n",
                         "    successors: [{id: tp-so-gddt, scope: giáo dục nghề nghiệp}, {id: tp-so-tai-chinh}]\n")]),
]

EXPECTED = {
    'duplicate-target-id': [
        ('duplicate-target-id', 'error', 32, 'targets[0] (id=dao-tao).parts[2] (id=cao-dang).id', "target id 'cao-dang' is used twice in this plan", 'give each target its own id'),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'unit-measure-mismatch': [
        ('unit-measure-mismatch', 'error', 37, 'targets[1] (id=ty-le).measure', "unit 'người' does not fit measure 'rate': a rate is in %, a count is not", "use measure: rate with unit: '%', or measure: count"),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'range-inverted': [
        ('range-inverted', 'error', 47, 'targets[2] (id=phan-luong).min', 'the range is inverted: min 46 > max 45', 'swap min and max'),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'rate-out-of-range': [
        ('rate-out-of-range', 'error', 48, 'targets[2] (id=phan-luong).max', 'a rate must lie between 0 and 100%, not 145%', None),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'year-outside-period': [
        ('year-outside-period', 'error', 28, 'targets[0] (id=dao-tao).year', "target year 2031 lies outside the plan's period 2025", "correct the year, or widen 'period'"),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'breakdown-unit': [
        ('breakdown-unit', 'error', 30, 'targets[0] (id=dao-tao).parts', "parts of 'dao-tao' must be in its unit 'người'", None),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'breakdown-sum': [
        ('breakdown-sum', 'error', 30, 'targets[0] (id=dao-tao).parts', '200,4 + 300 + 500 = 1.000,4, not 1.000', 'correct a part or the total so that the parts add up'),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'breakdown-sum-range': [
        ('breakdown-sum', 'error', 31, 'targets[0] (id=dao-tao).parts', '200 + 300 + 500 = 1.000, outside the range of the total', None),
        ('reports-to-ceased-agency', 'warning', 68, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'share-exceeds-total': [
        ('share-exceeds-total', 'error', 41, 'targets[1] (id=ty-le).shares[0] (id=ty-le-bang).value', "'trong đó' 70,5% is more than the 70% it belongs to", 'a share can never exceed the figure it is part of'),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'share-min-exceeds': [
        ('share-exceeds-total', 'error', 41, 'targets[1] (id=ty-le).shares[0] (id=ty-le-bang).min', "'trong đó' 71% is more than the 70% it belongs to", 'a share can never exceed the figure it is part of'),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'duplicate-ids': [
        ('duplicate-task-group-id', 'error', 53, 'task_groups[0] (id=tuyen-truyen).groups[0] (id=tuyen-truyen).id', "task group id 'tuyen-truyen' is used twice", None),
        ('duplicate-task-id', 'error', 56, 'task_groups[0] (id=tuyen-truyen).tasks[1] (id=ngay-hoi).id', "task id 'ngay-hoi' is used twice", None),
        ('reports-to-ceased-agency', 'warning', 69, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'unknown-task': [
        ('unknown-task', 'error', 61, 'assignments[0] (agencies=tp-so-ldtbxh).duties[0] (task=ngay-hoj).task', "duty refers to task 'ngay-hoj', which this plan does not have", "did you mean 'ngay-hoi'?"),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'deadlines': [
        ('deadline-before-issue', 'error', 54, 'task_groups[0] (id=tuyen-truyen).tasks[0] (id=ngay-hoi).deadline', 'deadline 09/01/2025 is before the plan was issued (10/01/2025)', 'a deadline must fall on or after the issue date'),
        ('deadline-before-issue', 'error', 65, 'assignments[1] (agencies=tp-so-gddt).duties[0].deadline', 'deadline 31/12/2024 is before the plan was issued (10/01/2025)', 'a deadline must fall on or after the issue date'),
        ('deadline-before-issue', 'error', 67, 'reporting[0].due', 'deadline 01/01/2025 is before the plan was issued (10/01/2025)', 'a deadline must fall on or after the issue date'),
    ],
    'deadline-month-only': [
        ('deadline-before-issue', 'error', 54, 'task_groups[0] (id=tuyen-truyen).tasks[0] (id=ngay-hoi).deadline', 'deadline 31/01/2025 is before the plan was issued (02/2025)', 'a deadline must fall on or after the issue date'),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'deadline-year-only': [
        ('deadline-before-issue', 'error', 54, 'task_groups[0] (id=tuyen-truyen).tasks[0] (id=ngay-hoi).deadline', 'deadline 31/12/2024 is before the plan was issued (2025)', 'a deadline must fall on or after the issue date'),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'only': [
        ('unknown-id', 'error', 13, 'sections[0] (heading=Chỉ tiêu).only[1]', "'dao-tao-x' is not a target id of this plan", "did you mean 'dao-tao'?"),
        ('unknown-id', 'error', 17, 'sections[1] (heading=Nhiệm vụ).only[0]', "'tuyen-truyem' is not a task group id of this plan", "did you mean 'tuyen-truyen'?"),
        ('only-without-include', 'error', 20, 'sections[2] (heading=Kinh phí).only[0]', "'only' needs include: targets or include: task_groups", None),
        ('reports-to-ceased-agency', 'warning', 70, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'not-rendered': [
        ('not-rendered', 'warning', 11, 'sections', "'task_groups' is never included in 'sections', so the document will not show it", "add a block with 'include: task_groups'"),
        ('not-rendered', 'warning', 11, 'sections', "'funding' is never included in 'sections', so the document will not show it", "add a block with 'include: funding'"),
        ('reports-to-ceased-agency', 'warning', 63, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'unknown-agency': [
        ('unknown-agency', 'error', 54, 'task_groups[0] (id=tuyen-truyen).tasks[0] (id=ngay-hoi).lead', "agency 'tp-so-ldtbx' is not in data/agencies/", "did you mean 'tp-so-ldtbxh' (Sở Lao động - Thương binh và Xã hội)?"),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'agency-ceased': [
        ('agency-ceased', 'error', 8, 'standing_agency', 'Sở Lao động - Thương binh và Xã hội ceased on 01/3/2025, on or before the day this plan was issued (01/3/2025), but the plan still gives it work or reports', 'name its successor instead (tp-so-gddt): Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'reports-ceased': [
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'agency-rules': [
        ('unknown-agency', 'error', 12, 'agencies[3] (id=tp-so-tai-chinh).parent', "agency 'tp-ubdn' is not in data/agencies/", "did you mean 'tp-ubnd' (Ủy ban nhân dân Thành phố Thử)?"),
        ('ceased-before-started', 'error', 12, 'agencies[3] (id=tp-so-tai-chinh).ceased', 'ceased 01/4/2025 is before started 01/5/2025', None),
        ('unknown-agency', 'error', 12, 'agencies[3] (id=tp-so-tai-chinh).successors[0] (id=tp-so-gdt).id', "agency 'tp-so-gdt' is not in data/agencies/", "did you mean 'tp-so-gddt' (Sở Giáo dục và Đào tạo)?"),
        ('unsourced-date', 'warning', 12, 'agencies[3] (id=tp-so-tai-chinh).ceased', 'the date Sở Tài chính ceased has no source', 'add sources: [{title: …, url: …}]'),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'no-successor': [
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'no successor is recorded; check data/agencies/'),
    ],
    'period-range-and-count-share': [
        ('year-outside-period', 'error', 28, 'targets[0] (id=dao-tao).year', "target year 2027 lies outside the plan's period 2025–2026", "correct the year, or widen 'period'"),
        ('share-exceeds-total', 'error', 29, 'targets[0] (id=dao-tao).shares[0] (id=nu).value', "'trong đó' 1.200 người is more than the 1.000 người it belongs to", 'a share can never exceed the figure it is part of'),
        ('reports-to-ceased-agency', 'warning', 68, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'near-at-half': [
        ('unknown-task', 'error', 61, 'assignments[0] (agencies=tp-so-ldtbxh).duties[0] (task=hoi-ngay).task', "duty refers to task 'hoi-ngay', which this plan does not have", "did you mean 'ngay-hoi'?"),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'nothing-near': [
        ('unknown-task', 'error', 61, 'assignments[0] (agencies=tp-so-ldtbxh).duties[0] (task=zzz).task', "duty refers to task 'zzz', which this plan does not have", None),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'ceased-with-two-successors': [
        ('agency-ceased', 'error', 8, 'standing_agency', 'Sở Lao động - Thương binh và Xã hội ceased on 01/3/2025, on or before the day this plan was issued (01/4/2025), but the plan still gives it work or reports', 'name its successor instead (tp-so-gddt, tp-so-tai-chinh): Sở Giáo dục và Đào tạo; Sở Tài chính'),
    ],
    'report-from-ceased': [
        ('report-from-ceased-agency', 'warning', 67, 'reporting[0].reporters[0]', 'Sở Lao động - Thương binh và Xã hội must report by 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'member-of': [
        ('member-of-non-group', 'error', 12, 'agencies[3] (id=tp-so-tai-chinh).member_of[0]', "'tp-so-gddt' is not a group (kind nhom) but so", 'member_of names groups such as hn-ubnd-xa'),
        ('unknown-agency', 'error', 12, 'agencies[3] (id=tp-so-tai-chinh).member_of[1]', "agency 'tp-nhom-x' is not in data/agencies/", "did you mean 'tp-so-ldtbxh' (Sở Lao động - Thương binh và Xã hội)?"),
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successor: Sở Giáo dục và Đào tạo (quản lý nhà nước về giáo dục nghề nghiệp)'),
    ],
    'two-successors': [
        ('reports-to-ceased-agency', 'warning', 67, 'reporting[0].to', 'reports are due to Sở Lao động - Thương binh và Xã hội on 15/12/2025, but it ceased on 01/3/2025', 'successors: Sở Giáo dục và Đào tạo (giáo dục nghề nghiệp); Sở Tài chính'),
    ],
}


@pytest.mark.parametrize("name", [name for name, _ in CASES])
def test_rule_message(mini, name):
    for file, old, new in dict(CASES)[name]:
        edit(mini / ("plans/tp-2025.yaml" if file == "plan" else "agencies/agencies.yaml"), old, new)
    issues = load(mini).issues
    found = [(i.code, i.severity, i.line, i.where, i.message, i.hint) for i in issues]
    assert found == EXPECTED[name]
    assert all(i.file.endswith(("tp-2025.yaml", "agencies.yaml")) and i.column for i in issues)


if __name__ == "__main__":  # after a deliberate change of wording: python -m tests.test_rule_messages > new.txt
    import os
    import shutil
    import tempfile
    from pathlib import Path

    os.environ.update(GDNN_LANG="en", GDNN_NO_CACHE="1")
    fixture = Path(__file__).parent / "fixtures" / "mini"
    for name, edits in CASES:
        data = Path(tempfile.mkdtemp()) / "data"
        shutil.copytree(fixture, data)
        (data / "results").mkdir(exist_ok=True)
        for file, old, new in edits:
            edit(data / ("plans/tp-2025.yaml" if file == "plan" else "agencies/agencies.yaml"), old, new)
        print(f"    {name!r}: [")
        for i in load(data).issues:
            print(f"        {(i.code, i.severity, i.line, i.where, i.message, i.hint)!r},")
        print("    ],")
