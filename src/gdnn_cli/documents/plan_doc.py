"""The context of a Kế hoạch document: letterhead, number, date, body, appendices, signature."""

from __future__ import annotations

from pathlib import Path

from gdnn_cli.common.numbers import fmt_long_date, fmt_short_date
from gdnn_cli.common.vocab import DOCUMENT_CODES, QUALIFIERS, spoken
from gdnn_cli.core.agencies import Agency
from gdnn_cli.core.figures import fill_plan, target_figure
from gdnn_cli.core.models import Plan, Signature, Target
from gdnn_cli.core.registry import Registry
from gdnn_cli.documents.lines import CM_PER_PT, balanced_lines, text_width_em
from gdnn_cli.documents.outline import body

ILLUSTRATIVE_NOTICE = "DỮ LIỆU MINH HỌA – không phải số liệu chính thức"
BLANK = "\u00a0" * 6
TEXT_WIDTH_CM = 16.5  # A4 less the margins of Nghị định 30 (30 mm left, 15 mm right)


def centred(text: str, size_pt: float = 14, bold: bool = True) -> str:
    """A centred heading broken into balanced lines (no word left alone on the last line)."""
    return "\n".join(balanced_lines(text, TEXT_WIDTH_CM, size_pt, bold))


UBND = "ủy ban nhân dân"
LETTERHEAD_CM = 6.1  # the letterhead's left column (6.5 cm) less its cell margins


def fits_letterhead(line: str, size_pt: float = 13, bold: bool = False) -> bool:
    """Whether one letterhead line stays on one line of its column (widths as estimated in ``lines``)."""
    return text_width_em(line, bold) <= LETTERHEAD_CM / CM_PER_PT / size_pt


def letterhead(agency: Agency | None, reg: Registry) -> tuple[str, str, str]:
    """(superior in regular capitals, issuing body line 1, line 2) — both issuer lines bold."""
    if agency is None:
        return "", "", ""
    if agency.letterhead:
        lines = [x.upper() for x in agency.letterhead] + ["", "", ""]
        if len(agency.letterhead) >= 3:
            return lines[0], lines[1], lines[2]
        return "", lines[0], lines[1]
    name = agency.name
    if agency.kind.startswith("ubnd") and name.lower().startswith(UBND):
        return "", "ỦY BAN NHÂN DÂN", name[len(UBND):].strip().upper()
    parent = reg.agencies.get(agency.parent or "")
    superior = ""
    if parent is not None:
        superior = parent.name
        if superior.lower().startswith(UBND):
            place = superior[len(UBND):].strip()
            superior = "UBND " + place
            if not fits_letterhead(superior.upper()):  # "UBND THÀNH PHỐ HẢI / PHÒNG" would cut the name
                superior = "Ủy ban nhân dân\n" + place
            if name.lower().endswith(place.lower()):
                name = name[: -len(place)].strip()
    return superior.upper(), name.upper(), ""


def local_name(agency_id: str, reg: Registry) -> str:
    """The name as the city's own documents print it: 'Sở Giáo dục và Đào tạo', without 'thành phố Hà Nội'."""
    agency = reg.agencies.get(agency_id)
    if agency is None:
        return agency_id
    parent = reg.agencies.get(agency.parent or "")
    name = agency.name
    if parent is not None and parent.name.lower().startswith(UBND):
        place = parent.name[len(UBND):].strip()
        if place and name.lower().endswith(" " + place.lower()):
            return name[: -len(place)].strip()
    return name


def symbol(agency: Agency | None) -> str:
    """The issuer's letters in a document number ('…/KH-UBND', '…/BC-SGDĐT'): given, else from its name."""
    if agency is None:
        return ""
    if agency.symbol:
        return agency.symbol
    if agency.kind.startswith("ubnd"):
        return "UBND"
    return "".join(ch for ch in (agency.short or agency.name) if ch.isupper())  # Sở GD&ĐT → SGDĐT


def number_line(doc_type: str, number: str | None, agency: Agency | None) -> str:
    """'Số: 72/KH-UBND', or a blank for the văn thư to fill ('Số:       /KH-UBND') before the number is given."""
    if number:
        return f"Số: {number}"
    code = DOCUMENT_CODES.get(doc_type.lower(), "")
    return f"Số: {BLANK}/{code}-{symbol(agency)}"


def target_value_text(t: Target) -> str:
    """The Phụ lục cell: the figure as sentences print it ({id}), with 'Từ'/'Đến' for one bound."""
    text = target_figure(t) or ""
    if t.value is None and (t.min is None) != (t.max is None):
        text = f"Từ {text}" if t.min is not None else f"Đến {text}"
    prefix = spoken(QUALIFIERS, t.qualifier, capital=True) if t.qualifier else ""
    if prefix and t.qualifier != "phan_dau":
        text = f"{prefix} {text[0].lower() + text[1:] if text.startswith(('Từ', 'Đến')) else text}"
    return text


def year_text(year: int | str) -> str:
    """A target's year as the Phụ lục prints it: '2025', or 'Hằng năm' for every year of the period."""
    return "Hằng năm" if year == "hang-nam" else str(year)


def annex_target_rows(plan: Plan) -> list[dict]:
    """The rows of the targets' Phụ lục: totals numbered 1, 2, parts 1.1, 1.2, shares under 'Trong đó'."""
    rows: list[dict] = []

    def add(t: Target, no: str, prefix: str) -> None:
        rows.append({"no": no, "name": prefix + t.name, "unit": t.unit, "year": year_text(t.year),
                     "value": target_value_text(t) + (" (cộng dồn)" if t.cumulative else "")})
        for j, part in enumerate(t.parts, 1):
            add(part, f"{no}.{j}", "- ")
        for share in t.shares:
            add(share, "", "Trong đó: ")

    for i, t in enumerate(plan.targets, 1):
        add(t, str(i), "")
    return rows


def annex_task_rows(plan: Plan, reg: Registry) -> list[dict]:
    """The rows of the key tasks' Phụ lục: task, lead agency, partners and timing, by short names."""
    rows: list[dict] = []
    for group in plan.all_task_groups():
        for task in group.tasks:
            if not task.key:
                continue
            timing = task.timing or (fmt_short_date(task.deadline) if task.deadline else "")
            rows.append({
                "no": str(len(rows) + 1),
                "text": task.text,
                "lead": _short(task.lead, reg),
                "partners": "; ".join(_short(p, reg) for p in task.partners),
                "timing": timing,
            })
    return rows


def _short(agency_id: str | None, reg: Registry) -> str:
    if not agency_id:
        return ""
    a = reg.agencies.get(agency_id)
    return (a.short or a.name) if a else agency_id


def kem_theo(plan: Plan, issuer: Agency | None) -> str:
    """The line under a Phụ lục's title that ties it to its plan: '(Kèm theo Kế hoạch số … ngày … của …)'."""
    d = plan.date
    num = plan.number or f"{BLANK}/{DOCUMENT_CODES.get(plan.type.lower(), '')}-{symbol(issuer)}"
    from gdnn_cli.common.numbers import day_month

    dd, mm = day_month(d.day, d.month)
    date = f"{dd or BLANK}/{mm or BLANK}/{d.year}"
    who = issuer.name if issuer else plan.issuer
    return f"(Kèm theo {plan.type} số {num} ngày {date} của {who})"


def recipients_lines(recipients: list[str]) -> list[str]:
    """'- X;' for each, the last ending with '.' (Nghị định 30)."""
    out = [f"- {r.rstrip(';.')};" for r in recipients]
    if out:
        out[-1] = out[-1][:-1] + "."
    return out


def sign_lines(signature: Signature | None, agency: Agency | None) -> list[str]:
    """The lines above the signer's name: from the data when it gives a signature; else the usual block of
    the signing body (a Sở's director, else the People's Committee's chair), for the signer to confirm."""
    if signature is not None:
        return [x for x in (signature.authority, signature.acting, signature.title) if x]
    return ["GIÁM ĐỐC"] if (agency and agency.kind == "so") else ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def keep_with_signature(paras: list[dict]) -> list[dict]:
    """The last paragraph keeps with the signature block, which then never stands alone on a page."""
    if paras and paras[-1]["kind"] == "body":
        paras[-1] = {**paras[-1], "kind": "last"}
    return paras


def plan_context(plan: Plan, reg: Registry) -> dict:
    """Everything templates/ke-hoach.docx prints, from the plan and the registry (tested without Word)."""
    plan = fill_plan(plan)  # every sentence states its figures from the data, body and appendices alike
    issuer = reg.agencies.get(plan.issuer)
    sup, line1, line2 = letterhead(issuer, reg)
    paras = body(plan, lambda a: local_name(a, reg))
    note = kem_theo(plan, issuer)
    annex_targets = None
    annex_tasks = None
    labels = list(plan.appendices)
    many = len(labels) > 1
    if "targets" in plan.appendices and plan.targets:
        n = labels.index("targets") + 1
        annex_targets = {"label": f"Phụ lục {n}" if many else "Phụ lục",
                         "title": centred("CÁC CHỈ TIÊU " + plan.title.upper()), "note": centred(note, bold=False),
                         "rows": annex_target_rows(plan)}
    if "key_tasks" in plan.appendices:
        n = labels.index("key_tasks") + 1
        annex_tasks = {"label": f"Phụ lục {n}" if many else "Phụ lục",
                       "title": "DANH MỤC NHIỆM VỤ TRỌNG TÂM", "note": centred(note, bold=False),
                       "rows": annex_task_rows(plan, reg)}
    d = plan.date
    return {
        "letterhead_superior": sup,
        "letterhead_issuer": line1,
        "letterhead_issuer2": line2,
        "number_line": number_line(plan.type, plan.number, issuer),
        "place_date": fmt_long_date(d.year, d.month, d.day, place=plan.place),
        "doc_type": plan.type.upper(),
        "title": centred(plan.title),
        "illustrative_notice": ILLUSTRATIVE_NOTICE if plan.illustrative else "",
        "body": keep_with_signature([{"kind": p.kind, "text": p.text} for p in paras]),
        "recipients": recipients_lines(plan.recipients),
        "sign_lines": sign_lines(plan.signature, issuer),
        "signer": plan.signature.name,
        "annex_targets": annex_targets,
        "annex_tasks": annex_tasks,
    }


def render_plan(plan: Plan, reg: Registry, out: Path, templates: Path) -> Path:
    """Write the plan's .docx to ``out`` (atomically) from the ke-hoach.docx of ``templates``."""
    from gdnn_cli.documents.docx import render_docx

    return render_docx(templates / "ke-hoach.docx", plan_context(plan, reg), out)
