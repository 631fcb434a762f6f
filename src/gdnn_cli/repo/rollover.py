"""`gdnn new plan NEW --from OLD`: start next year's plan from this year's, and say what is left to decide.

Next year's plan is this year's with the years moved on, the issue date and number blank, and the
agencies that have ceased since replaced by their successors. The file is rewritten with
ruamel.yaml so that the drafter's comments, key order and flow style survive. What a program must
not decide is listed instead of changed: the figures (kept, marked "xem lại"), and every text that
still names an old year, an old figure or a ceased agency. Figures written as placeholders in
sentences follow the data by themselves.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.i18n import _
from gdnn_cli.common.numbers import fmt_short_date
from gdnn_cli.core.plan_terms import place
from gdnn_cli.core.positions import describe

DATE_KEYS = ("deadline", "due")  # dates of the plan's own work, which move with the plan
TIMING_KEYS = ("timing",)  # "Năm 2025", "Quý II/2025", "Trước 20/11/2025": the plan's own schedule, in words
UNTOUCHED = ("bases", "source", "id", "issuer")  # citations of other documents keep their years
REVIEW = "xem lại: số của kế hoạch {old}"


@dataclass
class Finding:
    """One thing the drafter must look at: where, which line of the new file, and why."""

    where: str  # the YAML path, for --format json
    line: int | None
    what: str
    text: str = ""
    loc: tuple = ()
    place: str = ""  # where, as the document says it: "Chỉ tiêu «Cao đẳng» (mục II)"

    def to_json(self) -> dict:
        """The finding for `gdnn new plan --format json`."""
        return {"where": self.where, "place": self.place, "line": self.line, "what": self.what, "text": self.text}


@dataclass
class Rollover:
    """What `gdnn new plan` did and what it leaves to the drafter."""

    path: Path
    old_id: str
    new_id: str
    shift: int
    moved: list[str] = field(default_factory=list)  # years and deadlines moved, in words
    dates: list[Finding] = field(default_factory=list)  # each date moved, with its YAML path (for --format json)
    replaced: list[Finding] = field(default_factory=list)  # ceased agency → successor
    figures: list[Finding] = field(default_factory=list)  # kept, marked to review
    texts: list[Finding] = field(default_factory=list)  # still naming an old year, figure or agency
    undecided: list[Finding] = field(default_factory=list)  # what the program could not do
    gone: list[str] = field(default_factory=list)  # ids of the ceased agencies the old plan named

    def to_json(self) -> dict:
        """What `gdnn new plan --format json` prints: the new file, what moved, what the drafter must check."""
        return {"file": str(self.path), "from": self.old_id, "id": self.new_id, "years": self.shift,
                "moved": self.moved, **{k: [f.to_json() for f in getattr(self, k)]
                                        for k in ("dates", "replaced", "figures", "texts", "undecided")}}


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()  # round trip: comments, order, quotes and flow style are kept
    y.preserve_quotes = True
    y.width = 100000  # never re-wrap a long sentence
    y.indent(mapping=2, sequence=4, offset=2)
    y.representer.add_representer(type(None), lambda r, _d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def dump(doc: Any) -> str:
    """The plan as YAML text, round-trip: the old file's comments, order and quotes stay as they were."""
    buf = io.StringIO()
    _yaml().dump(doc, buf)
    return buf.getvalue()


def _node(doc, loc: tuple):
    node = doc
    for part in loc:
        node = node[part]
    return node


def _line(doc, loc: tuple) -> int | None:
    """1-based line of the value at ``loc`` in the document ruamel parsed."""
    try:
        parent = _node(doc, loc[:-1])
        pos = parent.lc.item(loc[-1]) if isinstance(loc[-1], int) else parent.lc.value(loc[-1])
        return pos[0] + 1
    except (AttributeError, KeyError, IndexError, TypeError):
        return None


def _walk(node, loc: tuple = ()):
    """Every scalar with its loc, depth first in document order."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, loc + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, loc + (i,))
    else:
        yield loc, node


def _targets(node, loc: tuple):
    for i, t in enumerate(node or []):
        yield loc + (i,), t
        for sub in ("parts", "shares"):
            if isinstance(t, dict) and t.get(sub):
                yield from _targets(t[sub], loc + (i, sub))


def _shift_date(value, years: int):
    if isinstance(value, dt.date):
        try:
            return value.replace(year=value.year + years)
        except ValueError:  # 29/02 into a common year
            return value.replace(year=value.year + years, day=28)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
        y, rest = value.strip().split("-", 1)
        shifted = _shift_date(dt.date(int(y), *map(int, rest.split("-"))), years)
        return shifted.isoformat()
    return value


def new_plan(ds, new_id: str, old_id: str, year: int | None = None) -> Rollover:
    """Write ``new_id`` beside ``old_id``'s file, rolled forward to ``year`` (default: the year after the
    old period). ``ds`` is a loaded, valid Dataset."""
    from ruamel.yaml.comments import CommentedMap

    from gdnn_cli.common.atomic import write_text
    from gdnn_cli.core.rules import agency_refs

    if old_id not in ds.plans:
        raise GdnnError(_("no plan with id '{id}' to start from; known plans: {known}").format(
            id=old_id, known=", ".join(sorted(ds.plans)) or "-"))
    if new_id in ds.plans:
        raise GdnnError(_("a plan with id '{id}' already exists ({file}); choose another id").format(
            id=new_id, file=ds.registry.plan_files.get(new_id, "")))
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", new_id):
        raise GdnnError(_("'{id}' is not a valid plan id: use lower-case letters without accents, digits and "
                          "hyphens, e.g. hn-2026-gdnn").format(id=new_id))
    old = ds.plans[old_id]
    src = next(lf.path for lf in ds.files if lf.kind == "plan" and lf.valid and lf.index.id == old_id)
    start = year if year is not None else old.period.end + 1
    shift = start - old.period.start
    if shift <= 0:
        raise GdnnError(_("--year {year} does not come after the plan's period {start}–{end}").format(
            year=start, start=old.period.start, end=old.period.end))
    target = src.with_name(f"{new_id}.yaml")
    if target.exists():
        raise GdnnError(_("{file} already exists; nothing was written").format(file=target))

    doc = _yaml().load(src.read_text(encoding="utf-8-sig"))
    out = Rollover(target, old_id, new_id, shift)
    doc["id"] = new_id
    if "number" in doc:
        doc["number"] = None
    date = CommentedMap([("year", start)])
    date.fa.set_flow_style()
    doc["date"] = date
    if "source" in doc:
        del doc["source"]
    period = doc["period"]
    period["start"], period["end"] = period["start"] + shift, period["end"] + shift
    if period.get("milestones"):
        period["milestones"] = type(period["milestones"])([m + shift for m in period["milestones"]])
    if old.period.start == old.period.end:
        out.moved.append(_("period: year {a} → year {c}").format(a=old.period.start, c=period["start"]))
    else:
        from gdnn_cli.common.numbers import fmt_range

        out.moved.append(_("period: {old} → {new}").format(old=fmt_range(str(old.period.start), str(old.period.end)),
                                                         new=fmt_range(str(period["start"]), str(period["end"]))))

    for loc, t in _targets(doc.get("targets"), ("targets",)):
        if isinstance(t.get("year"), int):
            t["year"] += shift
        for key in ("value", "min", "max"):
            if isinstance(t.get(key), (int, float)) and not isinstance(t.get(key), bool):
                out.figures.append(Finding(describe(doc, loc + (key,)), None, _("figure kept from {old}: review it")
                                           .format(old=old_id), str(t[key]), loc + (key,)))
                _comment(doc, loc, key, REVIEW.format(old=old_id))
    old_year = re.compile(r"(?<!\d)(" + "|".join(str(y) for y in range(old.period.start, old.period.end + 1))
                          + r")(?!\d)")
    timings = 0
    dates: list[tuple[tuple, object, object]] = []
    for loc, value in list(_walk(doc)):
        if not loc or loc[0] in UNTOUCHED:
            continue
        if loc[-1] in DATE_KEYS:
            moved = _shift_date(value, shift)
            if moved != value:
                _node(doc, loc[:-1])[loc[-1]] = moved
                dates.append((loc, value, moved))
        elif loc[-1] in TIMING_KEYS and isinstance(value, str) and old_year.search(value):
            # type(value): a quoted ruamel string stays quoted
            _node(doc, loc[:-1])[loc[-1]] = type(value)(old_year.sub(lambda m: str(int(m.group(1)) + shift), value))
            timings += 1
    _replace_ceased(ds.registry, old, doc, dt.date(start, 1, 1), out, agency_refs)

    text = _without_example_note(dump(doc))
    first, _sep, rest = text.partition("\n")
    note = (f"# Dự thảo: `gdnn new plan {new_id} --from {old_id} --year {start}`. Số liệu giữ của {old_id}, "
            f"đánh dấu «xem lại»; số, ngày ban hành để trống.\n")
    text = f"{first}\n{note}{rest}" if first.startswith("# yaml-language-server") else note + text
    fresh = _yaml().load(text)
    for loc, before, after in dates:  # in plan terms, as the document says them: 20/11/2025 → 20/11/2026
        moved = Finding(describe(fresh, loc), _line(fresh, loc), f"{_date(before)} → {_date(after)}", loc=loc,
                        place=place("plan", fresh, loc))
        out.dates.append(moved)
        out.moved.append(f"{moved.place or moved.where}: {moved.what}")
    if timings:
        out.moved.append(_("timing of {n} task(s): years moved by {shift}").format(n=timings, shift=shift))
    _double_assignments(fresh, out, ds.registry)
    _find_texts(fresh, old, ds.registry, out)
    for f in out.replaced + out.undecided + out.figures + out.texts:  # lines and labels of the file as written
        f.line, f.place = _line(fresh, f.loc), place("plan", fresh, f.loc)
    write_text(target, text)
    return out


def _without_example_note(text: str) -> str:
    """The next plan is the department's own: `gdnn init`'s "VÍ DỤ …" header of the example plan it
    was rolled from does not follow it (a clerk would take the new draft for the example)."""
    from gdnn_cli.repo.scaffold import EXAMPLE_PLAN, PROVINCES

    for province in PROVINCES.values():
        text = text.replace(EXAMPLE_PLAN.format(province=province), "")
    return text


def _comment(doc, loc: tuple, key: str, text: str) -> None:
    """An end-of-line comment on a figure; on a flow mapping ({… value: 26500 …}) on its list item."""
    t = _node(doc, loc)
    if getattr(t, "fa", None) is not None and t.fa.flow_style():
        parent = _node(doc, loc[:-1])
        parent.yaml_add_eol_comment(text, loc[-1])
    else:
        t.yaml_add_eol_comment(text, key)


def _replace_ceased(reg, old, doc, when: dt.date, out: Rollover, agency_refs) -> None:
    """Each agency that has ceased by the new period is replaced by the one doing its work then."""
    lists: set[tuple] = set()
    for loc, agency_id in agency_refs(old):
        agency = reg.agencies.get(agency_id)
        if agency is None or agency.ceased is None or agency.ceased > when:
            continue
        succ = reg.successor_at(agency_id, when)
        where = describe(doc, loc)
        if agency_id not in out.gone:
            out.gone.append(agency_id)
        if succ == agency_id:
            out.undecided.append(Finding(where, None, _(
                "{name} ceased on {date} and has no successor in the registry: remove it or name who does its "
                "work").format(name=agency.name, date=fmt_short_date(agency.ceased)), agency_id, loc))
            continue
        parent = _node(doc, loc[:-1])
        parent[loc[-1]] = succ
        others = [s for s in agency.successors if s.id != succ]
        scope = next((s.scope for s in agency.successors if s.id == succ), None)
        note = _("{old} → {new}").format(old=reg.agency_name(agency_id), new=reg.agency_name(succ))
        if scope:
            note += f" ({scope})"
        if others:
            note += "; " + _("other successors: {names}").format(names="; ".join(
                f"{reg.agency_name(s.id)} ({s.scope})" if s.scope else reg.agency_name(s.id) for s in others))
        out.replaced.append(Finding(where, None, note, agency_id, loc))
        if isinstance(loc[-1], int):
            lists.add(loc[:-1])
    for loc in lists:  # [ldtbxh, gddt] → [gddt, gddt] → [gddt]
        seq = _node(doc, loc)
        for i in reversed([i for i in range(len(seq)) if seq[i] in seq[:i]]):
            del seq[i]


def _double_assignments(doc, out: Rollover, reg) -> None:
    """Two assignment blocks for one agency after a merger: only the drafter can merge their duties.
    ``doc`` is the new file as written, so that the first block is named by its line there (both
    blocks now carry the same agency, hence the same label)."""
    first: dict[str, tuple[str, int | None]] = {}

    def walk(items, loc):
        for i, a in enumerate(items or []):
            for agency in a.get("agencies", []):
                where = describe(doc, loc + (i,))
                if agency in first and first[agency][0] != where:
                    out.undecided.append(Finding(where, None, _(
                        "{agency} now has a second block of duties (the first begins on line {line}): merge them")
                        .format(agency=reg.agency_name(agency), line=first[agency][1]), agency, loc + (i,)))
                first.setdefault(agency, (where, _line(doc, loc + (i,))))
            walk(a.get("units"), loc + (i, "units"))

    walk(doc.get("assignments"), ("assignments",))


def _date(value) -> str:
    """A moved date as Nghị định 30 writes it (20/11/2025); anything else as it stands."""
    from gdnn_cli.common.numbers import fmt_short_date

    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
        value = dt.date(*map(int, value.strip().split("-")))
    return fmt_short_date(value) if isinstance(value, dt.date) else str(value)


def _figure_patterns(old) -> list[tuple[re.Pattern, str]]:
    from gdnn_cli.common.numbers import fmt_number

    pats = []
    for t in old.all_targets():
        for v in (t.value, t.min, t.max):
            if v is None:
                continue
            shown = fmt_number(v)
            if t.unit.strip() == "%":
                pats.append((re.compile(rf"(?<![\d.,]){re.escape(shown)}\s?%"), f"{shown}%"))
            elif abs(v) >= 100:
                pats.append((re.compile(rf"(?<![\d.,]){re.escape(shown)}(?![\d]|[.,]\d)"), shown))
    return pats


def _find_texts(doc, old, reg, out: Rollover) -> None:
    """Every text still naming an old year, an old figure, or an agency that has ceased."""
    years = [y for y in range(old.period.start, old.period.end + 1)]
    year_re = re.compile(r"(?<!\d)(" + "|".join(map(str, years)) + r")(?!\d)")
    figures = _figure_patterns(old)
    gone = [reg.agencies[a] for a in out.gone]
    names = sorted({n for a in gone for n in (a.name, a.short, re.split(r" (?:thành phố|tỉnh) ", a.name)[0])
                    if n and len(n) >= 8}, key=len, reverse=True)
    for loc, value in _walk(doc):
        if not isinstance(value, str) or not loc or loc[0] in UNTOUCHED or loc[-1] in ("id", "unit", "text_id"):
            continue
        reasons = [_("year {year}").format(year=y) for y in dict.fromkeys(year_re.findall(value))]
        reasons += [_("figure {n}").format(n=label) for pat, label in figures if pat.search(value)]
        named = [n for n in names if n in value]
        reasons += [_("ceased agency «{name}»").format(name=n) for n in named
                    if not any(n != m and n in m for m in named)]  # the longest form only
        if reasons:
            out.texts.append(Finding(describe(doc, loc), None, ", ".join(dict.fromkeys(reasons)), value, loc))



def to_text(res: Rollover) -> str:
    """The drafter's list: what was done, then what is left to decide, each with its line in the new file."""
    def block(title: str, items: list[Finding]) -> list[str]:
        if not items:
            return []
        lines = ["", f"{title} ({len(items)}):"]
        for f in items:
            at = f"{res.path.name}:{f.line}" if f.line else res.path.name
            shown = f.text if len(f.text) <= 160 else f.text[:157] + "…"
            lines.append(f"  {at} {f.place or f.where}: {f.what}"
                         + (f"\n      «{shown}»" if f.text and f.text != f.what else ""))
        return lines

    def grouped(title: str, items: list[Finding]) -> list[str]:
        """One line per replacement, with the lines where it was made: the drafter checks the choice once."""
        if not items:
            return []
        by: dict[str, list[int | None]] = {}
        for f in items:
            by.setdefault(f.what, []).append(f.line)
        lines = ["", f"{title} ({len(items)}):"]
        for what, at in by.items():
            lines.append(f"  {what}\n      " + _("lines {lines}").format(
                lines=", ".join(str(n) for n in at if n)))
        return lines

    lines = [_("wrote {file}: plan {new} from {old}, {n} year(s) later").format(
        file=res.path, new=res.new_id, old=res.old_id, n=res.shift)]
    lines += ["  " + m for m in res.moved]
    lines += [_("  issue date and number left blank")]
    lines += grouped(_("Ceased agencies replaced by their successors"), res.replaced)
    lines += block(_("The drafter must decide"), res.undecided)
    lines += block(_("Figures kept from the old plan, marked «xem lại»"), res.figures)
    lines += block(_("Texts that still name an old year, figure or agency"), res.texts)
    return "\n".join(lines) + "\n"
