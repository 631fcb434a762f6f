"""Where a problem is, said as the document says it: "Chỉ tiêu «Cao đẳng» (mục II), dòng 61".

A clerk knows the plan by its sections and names, not by YAML paths such as
``targets[0].parts[0].value``. ``place`` turns the path of an issue (its ``loc``) into that label,
reading the file's raw data — not the validated model, since the file may not validate — so it
works for every file that parses. The YAML path stays in ``Issue.where`` for ``--format json`` and
``--verbose``.
"""

from __future__ import annotations

from gdnn_cli.common.i18n import N_, _

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
NAME_WIDTH = 48

# What a key is called in the document; keys not listed are shown as written in the file.
FIELDS = {
    "value": N_("value"), "min": N_("lower bound"), "max": N_("upper bound"), "unit": N_("unit"),
    "year": N_("year"), "measure": N_("kind of target"), "parts": N_("breakdown"), "shares": N_("“trong đó” part"),
    "deadline": N_("deadline"), "due": N_("deadline"), "lead": N_("lead agency"), "partners": N_("partner agencies"),
    "agencies": N_("agencies"), "to": N_("agency receiving the reports"), "reporters": N_("reporting agencies"),
    "task": N_("task"), "target": N_("target"), "agency": N_("agency"), "plan": N_("plan"), "id": N_("id"),
    "name": N_("name"), "sentence": N_("sentence"), "text": N_("text"), "title": N_("title"),
    "date": N_("issue date"), "number": N_("number"), "period": N_("period"), "issuer": N_("issuing agency"),
    "standing_agency": N_("standing agency"), "signature": N_("signature"), "recipients": N_("recipients"),
    "preamble": N_("opening"), "closing": N_("closing"), "bases": N_("legal bases"), "sections": N_("outline"),
    "reported": N_("date reported"), "ceased": N_("date ceased"), "started": N_("date started"),
    "successors": N_("successors"), "parent": N_("parent agency"), "status": N_("status"), "source": N_("source"),
    "only": N_("only"), "include": N_("include"), "heading": N_("heading"), "duties": N_("duties"),
    "blocks": N_("sub-section"),
}


def _short(text: object) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= NAME_WIDTH else s[: NAME_WIDTH - 1].rstrip() + "…"


def _field(key: object) -> str:
    return _(FIELDS[key]) if isinstance(key, str) and key in FIELDS else str(key)


def _at(node: object, key: object) -> object:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def _section_of(data: dict, include: str) -> str | None:
    """The Roman number of the top-level section whose outline includes this collection."""
    for i, section in enumerate(data.get("sections") or []):
        stack = [section]
        while stack:
            block = stack.pop()
            if isinstance(block, dict):
                if block.get("include") == include:
                    return ROMAN[i] if i < len(ROMAN) else str(i + 1)
                stack.extend(block.get("blocks") or [])
    return None


def _in_section(label: str, data: dict, include: str) -> str:
    roman = _section_of(data, include)
    return _("{label} (section {roman})").format(label=label, roman=roman) if roman else label


def _rest(rest: tuple) -> str:
    """The remaining keys after the named item: '', or ', value', or ', partner agencies no. 2'."""
    out = ""
    for part in rest:
        out += " " + _("no. {n}").format(n=part + 1) if isinstance(part, int) else ", " + _field(part)
    return out


def _descend(data: dict, loc: tuple, keys: tuple) -> tuple[dict | None, tuple]:
    """Follow nested items (targets → parts → shares, groups → groups …) as deep as ``loc`` goes:
    the innermost item, which names the place, and the rest of the path below it."""
    node, item, path = data, None, loc
    while len(path) >= 2 and path[0] in keys and isinstance(path[1], int):
        nxt = _at(_at(node, path[0]), path[1])
        if not isinstance(nxt, dict):
            break
        item = node = nxt
        path = path[2:]
    return item, path


def _plan_place(data: dict, loc: tuple) -> str:
    head = loc[0]
    if head == "targets":
        node, path = _descend(data, loc, ("targets", "parts", "shares"))
        name = (node.get("name") or node.get("id")) if node is not None else None
        if name is None:
            return _in_section(_("Targets"), data, "targets") + _rest(loc[1:])
        label = _in_section(_("Target «{name}»").format(name=_short(name)), data, "targets")
        return label + _rest(path)
    if head == "task_groups":
        group, path = _descend(data, loc, ("task_groups", "groups"))
        if group is None:
            return _in_section(_("Tasks"), data, "task_groups") + _rest(loc[1:])
        title = _short(group.get("title") or group.get("id") or "")
        if len(path) >= 2 and path[0] == "tasks" and isinstance(path[1], int):
            task = _at(group.get("tasks"), path[1])
            tid = task.get("id") if isinstance(task, dict) else None
            label = (_("Task «{id}» in group «{group}»").format(id=tid, group=title) if tid
                     else _("Task {n} in group «{group}»").format(n=path[1] + 1, group=title))
            return _in_section(label, data, "task_groups") + _rest(path[2:])
        return _in_section(_("Task group «{group}»").format(group=title), data, "task_groups") + _rest(path)
    if head == "assignments":
        item, path = _descend(data, loc, ("assignments", "units"))
        if item is None:
            return _in_section(_("Implementation"), data, "assignments") + _rest(loc[1:])
        who = item.get("heading") or ", ".join(map(str, item.get("agencies") or [])) or "?"
        if len(path) >= 2 and path[0] == "duties" and isinstance(path[1], int):
            label = _("Duty {n} of «{who}»").format(n=path[1] + 1, who=_short(who))
            return _in_section(label, data, "assignments") + _rest(path[2:])
        return _in_section(_("Duties of «{who}»").format(who=_short(who)), data, "assignments") + _rest(path)
    if head == "reporting":
        if len(loc) >= 2 and isinstance(loc[1], int):
            label = _("Reporting rule {n}").format(n=loc[1] + 1)
            return _in_section(label, data, "reporting") + _rest(loc[2:])
        return _in_section(_("Reporting"), data, "reporting")
    if head == "funding":
        if len(loc) >= 2 and isinstance(loc[1], int):
            return _in_section(_("Funding source {n}").format(n=loc[1] + 1), data, "funding") + \
                _rest(loc[2:])
        return _in_section(_("Funding"), data, "funding")
    if head == "sections":
        if len(loc) >= 2 and isinstance(loc[1], int):
            section = _at(data.get("sections"), loc[1])
            roman = ROMAN[loc[1]] if loc[1] < len(ROMAN) else str(loc[1] + 1)
            heading = section.get("heading") if isinstance(section, dict) else None
            label = (_("Section {roman} «{heading}»").format(roman=roman, heading=_short(heading)) if heading
                     else _("Section {roman}").format(roman=roman))
            return label + _rest(loc[2:])
        return _("Outline of the document (sections)")
    if head == "bases" and len(loc) >= 2 and isinstance(loc[1], int):
        return _("Legal basis {n}").format(n=loc[1] + 1) + _rest(loc[2:])
    return _("Plan: {field}").format(field=_field(head)) + _rest(loc[1:])


def _agencies_place(data: dict, loc: tuple) -> str:
    if len(loc) >= 2 and loc[0] == "agencies" and isinstance(loc[1], int):
        a = _at(data.get("agencies"), loc[1])
        if isinstance(a, dict) and (a.get("short") or a.get("name")):
            label = _("Agency «{name}»").format(name=_short(a.get("short") or a.get("name")))
        else:
            label = _("Agency {n}").format(n=loc[1] + 1)
        return label + _rest(loc[2:])
    return _("Agency file: {field}").format(field=_field(loc[0]))


def _results_place(data: dict, loc: tuple) -> str:
    if len(loc) >= 2 and loc[0] in ("figures", "progress", "reports") and isinstance(loc[1], int):
        rec = _at(data.get(loc[0]), loc[1])
        rec = rec if isinstance(rec, dict) else {}
        n = loc[1] + 1
        if loc[0] == "figures":
            label = (_("Figure {n} (target {target})").format(n=n, target=rec["target"]) if rec.get("target")
                     else _("Figure {n}").format(n=n))
        elif loc[0] == "progress":
            label = (_("Progress {n} (task {task})").format(n=n, task=rec["task"]) if rec.get("task")
                     else _("Progress {n}").format(n=n))
        else:
            label = (_("Report {n} ({agency})").format(n=n, agency=rec["agency"]) if rec.get("agency")
                     else _("Report {n}").format(n=n))
        return label + _rest(loc[2:])
    return _("Result file: {field}").format(field=_field(loc[0]))


def place(kind: str, data: object, loc: tuple, line: int | None = None) -> str:
    """The plain-language label of ``loc`` in a file of ``kind`` ('plan', 'agencies', 'results'),
    with ', line N' when the line is known; '' when the issue concerns the whole file."""
    if not loc or not isinstance(data, dict):
        label = ""
    elif kind == "plan":
        label = _plan_place(data, loc)
    elif kind == "agencies":
        label = _agencies_place(data, loc)
    else:
        label = _results_place(data, loc)
    if line is None:
        return label
    return _("{place}, line {line}").format(place=label, line=line) if label else _("line {line}").format(line=line)
