"""How `gdnn collect` shows its run: errors located like `gdnn validate`'s, conflicts side by side."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from gdnn_cli.common.i18n import _

if TYPE_CHECKING:
    from gdnn_cli.core.registry import Registry
    from gdnn_cli.exchange.records import CollectResult


def print_collect(res: CollectResult, registry: Registry, dry_run: bool = False) -> None:
    """What a run of `gdnn collect` did, form by form: refused forms and errors on stderr (located like
    `gdnn validate`'s), conflicts as one table, then one summary line and the files written."""
    from rich.table import Table

    from gdnn_cli.cli.output import err, print_issue, say, show

    for issue in res.issues:
        print_issue(issue, stream=sys.stderr)
    bad = sorted({i.file for i in res.issues})
    for f in bad:
        err(_("{file}: nothing was taken from this form").format(file=f))
    for form in res.forms:
        figs = sum(1 for r in form.records if r.section == "figures")
        tasks = sum(1 for r in form.records if r.section == "progress")
        say(_("read {file}: {name} — {figs} figure(s), {tasks} task report(s)").format(
            file=form.path.name, name=registry.short_name(form.body), figs=figs, tasks=tasks))
    if res.conflicts:
        t = Table(title=_("Conflicts kept out (run again with --replace to let these forms win)"),
                  title_justify="left")
        for col in (_("Body · target"), _("Already in the data"), _("From"), _("This form"), _("From")):
            t.add_column(col, overflow="fold")
        for c in res.conflicts:
            origin = c.record.data.get("collected") or {}
            t.add_row(c.record.label, c.existing, c.where, c.record.shown,
                      f"{origin.get('file')} {origin.get('sheet')}!{origin.get('cell')}")
        show(t, stderr=True)
    verb = _("would write") if dry_run else _("wrote")
    summary = _("{forms} form(s) read, {bad} refused; {added} record(s) added, {replaced} replaced, "
                "{same} already there, {conflicts} conflict(s) kept out").format(
        forms=len(res.forms), bad=len(bad), added=res.added, replaced=res.replaced, same=res.unchanged,
        conflicts=len(res.conflicts))
    say(summary)
    for path in res.written:
        say(f"{verb} {path}")
    if not res.written and not dry_run:
        say(_("no file changed"))
