"""Turn pydantic's errors into Issues a clerk can act on: one message table keyed by error type."""

from __future__ import annotations

import difflib
from functools import cache

from pydantic import BaseModel, ValidationError

from gdnn_cli.common.errors import Issue
from gdnn_cli.common.i18n import N_, _

# English message ids by pydantic error type, translated where they are used (locale/*/gdnn.po).
MESSAGES = {
    "missing": N_("required key '{field}' is missing"),
    "extra_forbidden": N_("unknown key '{field}'"),
    "string_type": N_("must be text"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number, not '{input}'"),
    "int_from_float": N_("must be a whole number, not {input}"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number, not '{input}' (write 240000 or 72.2, without dots or a '%' sign)"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false, not '{input}'"),
    "list_type": N_("must be a list (lines starting with '- ')"),
    "dict_type": N_("must be a mapping (key: value lines)"),
    "model_type": N_("must be a mapping (key: value lines), not {input_kind}"),
    "model_attributes_type": N_("must be a mapping (key: value lines), not {input_kind}"),
    "literal_error": N_("'{input}' is not allowed here; expected {expected}"),
    "string_pattern_mismatch": N_("'{input}' is not a valid id: use lowercase letters, digits and '-' (e.g. cao-dang)"),
    "string_too_short": N_("must not be empty"),
    "too_short": N_("must not be empty"),
    "greater_than_equal": N_("must be at least {ge}, not {input}"),
    "less_than_equal": N_("must be at most {le}, not {input}"),
    "date_type": N_("must be a date written YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("must be a date written YYYY-MM-DD"),
}


def _kind(value: object) -> str:
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        return _("the text '{text}'").format(text=value[:40])
    if value is None:
        return _("an empty value")
    return _("the value {value!r}").format(value=value)


@cache
def _all_field_names(model: type[BaseModel]) -> frozenset[str]:
    names: set[str] = set()
    todo, seen = [model], set()
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        names.update(m.model_fields)
        for f in m.model_fields.values():
            for arg in _models_in(f.annotation):
                todo.append(arg)
    return frozenset(names)


def _models_in(annotation) -> list[type[BaseModel]]:
    out = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        out.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        out.extend(_models_in(arg))
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and isinstance(origin, type) and issubclass(origin, BaseModel):
        out.append(origin)
    return out


def _trim(data: object, loc: tuple) -> tuple:
    """Keep the part of pydantic's loc that names real data (drop union-branch labels like 'int')."""
    out: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            out.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            out.append(part)
            node = node[part] if 0 <= part < len(node) else None
        else:
            break
    return tuple(out)


def issues_from_validation(display: str, data: object, exc: ValidationError, model: type[BaseModel]) -> list[Issue]:
    """pydantic's errors for one file as Issues in the user's language: one per mistake, with a hint
    (the key probably meant, the key to add), not yet located (dataset does that for failed files)."""
    by_loc: dict[tuple, Issue] = {}
    meant: dict[tuple, str] = {}  # loc of an unknown key → the field it probably means
    for err in exc.errors(include_url=False):
        typ = err["type"]
        loc = _trim(data, tuple(err["loc"]))
        field = str(err["loc"][-1]) if err["loc"] else ""
        ctx = err.get("ctx") or {}
        template = MESSAGES.get(typ)
        if typ == "value_error":
            msg = str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
        elif template:
            if typ == "literal_error" and "expected" in ctx:  # pydantic writes "'a', 'b' or 'c'"
                ctx = {**ctx, "expected": str(ctx["expected"]).replace(" or ", _(" or "))}
            msg = _(template).format(field=field, input=str(err.get("input"))[:60],
                                  input_kind=_kind(err.get("input")), **{k: v for k, v in ctx.items()})
        else:
            msg = err["msg"]
        hint = ctx.get("hint") if isinstance(ctx.get("hint"), str) else None
        if typ == "extra_forbidden":
            close = difflib.get_close_matches(field, sorted(_all_field_names(model)), n=1, cutoff=0.6)
            hint = (_("did you mean '{name}'?").format(name=close[0]) if close
                    else _("remove it, or check the spelling against the schema (gdnn schema)"))
            if close:
                meant[loc] = close[0]
        elif typ == "missing":
            hint = _("add '{field}:' here").format(field=field)
        if loc in by_loc and by_loc[loc].code != "missing":
            prev = by_loc[loc]
            if msg not in prev.message:
                either = _("{first}, or {second}").format(first=prev.message, second=msg)
                by_loc[loc] = Issue(display, "invalid_value", either, loc=loc, hint=prev.hint)
            continue
        if typ == "invalid_key" and err.get("input") is not None and not isinstance(err.get("input"), str):
            hint = _("a number written with a comma inside {{ … }} splits in two: write 12000 (viết 12000)").format()
        by_loc[loc] = Issue(display, typ, msg, loc=loc, hint=hint)
    return _one_per_mistake(by_loc, meant)


def _one_per_mistake(by_loc: dict[tuple, Issue], meant: dict[tuple, str]) -> list[Issue]:
    """A misspelt key is one mistake: 'plase' is unknown *and* 'place' is missing. Keep the first
    message, whose hint names the intended key, and drop the second."""
    for loc, key in meant.items():
        sibling = loc[:-1] + (key,)
        if sibling in by_loc and by_loc[sibling].code == "missing":
            del by_loc[sibling]
    return list(by_loc.values())
