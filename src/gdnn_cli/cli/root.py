"""The root command group, converted from the Typer app one command at a time.

On every start typer turns each registered command into a click command (its signature, type hints,
click parameters): a few milliseconds that `gdnn --help` and each command would pay for all the
commands while using one. ``root_group`` builds the root with the global options only; a command is
converted when click looks it up, and the root help lists the commands from their registration (name
and help text), converting none. Everything else is typer's: the same conversion functions, the same
group class, so the group behaves as the one ``app()`` builds (tests compare the two). Tests that
call ``CliRunner().invoke(app, …)`` get typer's own eager group, in which nothing here is switched on.
"""

from __future__ import annotations

import copy
import inspect

import typer
from typer import main as typer_main
from typer.models import CommandInfo, TyperInfo

from gdnn_cli.cli.lang import TranslatedGroup
from gdnn_cli.common.i18n import _


class RootGroup(TranslatedGroup):
    """A TranslatedGroup that, when ``typer_app`` is set, converts its commands on demand."""

    typer_app: typer.Typer | None = None

    def _registered(self) -> dict[str, CommandInfo | TyperInfo]:
        """Command name → typer's CommandInfo (or TyperInfo for a sub-group), in registration order."""
        app = self.typer_app
        assert app is not None
        found: dict[str, CommandInfo | TyperInfo] = {}
        for command in app.registered_commands:
            callback_name = command.callback.__name__ if command.callback is not None else ""
            found[command.name or typer_main.get_command_name(callback_name)] = command
        for group in app.registered_groups:
            found[group.name or ""] = group
        return found

    def _convert(self, info):
        app = self.typer_app
        assert app is not None
        if isinstance(info, CommandInfo):
            return typer_main.get_command_from_info(info, pretty_exceptions_short=app.pretty_exceptions_short,
                                                    rich_markup_mode=app.rich_markup_mode)
        return typer_main.get_group_from_info(info, pretty_exceptions_short=app.pretty_exceptions_short,
                                              rich_markup_mode=app.rich_markup_mode,
                                              suggest_commands=app.suggest_commands)

    def _load_all(self) -> None:
        for name, info in self._registered().items():
            if name not in self.commands:
                self.commands[name] = self._convert(info)

    def list_commands(self, ctx):
        """The commands in registration order, from the registration alone (nothing converted)."""
        return list(self._registered()) if self.typer_app is not None else super().list_commands(ctx)

    def get_command(self, ctx, cmd_name):
        """The command, converted from typer the first time it is asked for (then translated)."""
        if self.typer_app is not None and cmd_name not in self.commands:
            info = self._registered().get(cmd_name)
            if info is None:
                self._load_all()  # an unknown name: typer's "did you mean" looks at every command
            else:
                self.commands[cmd_name] = self._convert(info)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx, formatter):
        """The root help's list of commands, each with the first sentence of its help, as typer's
        ``format_commands`` writes it, from the registration alone."""
        if self.typer_app is None:
            return super().format_commands(ctx, formatter)
        try:  # typer ≥ 0.20 carries its own copy of click
            from typer._click.utils import make_default_short_help
        except ImportError:  # pragma: no cover - older typer on click
            from click.utils import make_default_short_help  # type: ignore[no-redef]  # same function, older home

        rows = []
        for name, info in self._registered().items():
            plain = isinstance(info, CommandInfo) and not (info.short_help or info.deprecated or info.hidden)
            if not plain:  # a sub-group, or a command with unusual help: ask the command itself
                cmd = self.get_command(ctx, name)
                if cmd is not None and not cmd.hidden:
                    rows.append((name, cmd))
                continue
            doc = inspect.cleandoc(info.help) if info.help is not None else inspect.getdoc(info.callback)
            rows.append((name, _(doc) if doc else ""))
        if not rows:
            return None
        limit = formatter.width - 6 - max(len(name) for name, _cmd in rows)
        lines = [(name, make_default_short_help(what, limit).strip() if isinstance(what, str)
                  else what.get_short_help_str(limit)) for name, what in rows]
        with formatter.section(_("Commands")):
            formatter.write_dl(lines)
        return None


def root_group(app: typer.Typer) -> RootGroup:
    """The click group of ``app`` with its global options and callback, and its commands on demand."""
    shell = copy.copy(app)
    shell.registered_commands = []
    shell.registered_groups = []
    group = typer_main.get_command(shell)
    assert isinstance(group, RootGroup), "the app is declared with cls=RootGroup"
    group.typer_app = app
    return group
