"""Command help in the user's language, and the global ``--lang`` option.

typer reads help texts when the app is declared, at import time — before ``--lang`` is parsed.
So the texts stay English message ids in the code (``N_()`` marks them, command docstrings are
extracted by ``i18n_extract``), and the group translates a command's help, and its options', at
the moment click looks the command up or prints the group's help. Nothing heavy is imported: this
runs on every ``gdnn --help``.
"""

from enum import Enum

from typer.core import TyperGroup

from gdnn_cli.common.i18n import N_, _, normalise, set_language

LANG_HELP = N_("Language of messages and help: vi (default) or en; or set GDNN_LANG.")


class Lang(str, Enum):
    """The languages ``--lang`` offers: those the package has a catalog for, and English (the ids)."""

    vi = "vi"
    en = "en"


HELP_OPTION = N_("Show this message and exit.")  # click's own text, translated like ours
# typer's own words in help and usage errors: it looks them up with the stdlib's gettext, which
# ``use_catalog_for_typer`` points at this catalog.
TYPER_TEXTS = (N_("Options"), N_("Arguments"), N_("Commands"), N_("default: {default}"), N_("required"),
               N_("Missing command."), N_("No such command {name!r}."), N_("Aborted!"), N_("env var: {var}"))


def use_catalog_for_typer() -> None:
    """typer.core calls ``gettext.gettext`` as ``_``; give it ours (no-op if a typer lacks it)."""
    import typer.core

    if callable(getattr(typer.core, "_", None)):
        typer.core._ = _


def translate_help(cmd, ctx=None) -> None:
    """Replace the help of a click command and of its parameters by their translation (idempotent:
    the English message id is kept on the object, so switching language in one process works)."""
    params = list(getattr(cmd, "params", ()))
    if ctx is not None and hasattr(cmd, "get_help_option"):
        params.append(cmd.get_help_option(ctx))
    for obj in (cmd, *params):
        if obj is None:
            continue
        if not hasattr(obj, "_gdnn_msgid"):
            obj._gdnn_msgid = getattr(obj, "help", None)
        if obj._gdnn_msgid:
            obj.help = _(obj._gdnn_msgid)


class TranslatedGroup(TyperGroup):
    """A typer group whose help, and its commands' help, is shown in the current language."""

    def get_command(self, ctx, cmd_name):
        """The command as click finds it, its help and its options' help translated first."""
        cmd = super().get_command(ctx, cmd_name)
        if cmd is not None:
            translate_help(cmd, ctx)
        return cmd

    def format_help(self, ctx, formatter):
        """`gdnn --help`, with the group's own help translated (the commands' through get_command)."""
        translate_help(self, ctx)
        return super().format_help(ctx, formatter)


def lang_callback(value: Lang | None) -> Lang | None:
    """``--lang`` is eager, so it takes effect before any other option is checked or any help shown."""
    if value is not None:
        set_language(value.value)
    return value


def language_from_argv(argv: list[str]) -> list[str]:
    """Take ``--lang X`` out of the arguments, wherever it stands, and switch to that language.

    Done before click parses anything: ``gdnn --help --lang en`` would print help before the eager
    option ran, ``gdnn validate --lang en`` would be refused by the subcommand, and letting typer
    convert the value imports pydantic (half a second on ``gdnn --lang en --help``). Unknown values
    are left in place for click to refuse."""
    rest: list[str] = []
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--":
            rest.extend(argv[i:])
            break
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else \
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if value is not None and normalise(value):
            set_language(value)
            skip = arg == "--lang"
            continue
        rest.append(arg)
    return rest


# --------------------------------------------------------------------------- click's own errors

try:  # typer ≥ 0.20 carries its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer on click
    from click import exceptions as click_exceptions  # type: ignore[no-redef]  # the same module under its older name

# click writes its usage errors in English, in code (no catalog): the common ones, by their shape.
CLICK_TEXTS = [
    (r"Missing option (?P<option>.+)\.", N_("Missing option {option}.")),
    (r"Missing argument (?P<name>.+)\.", N_("Missing argument {name}.")),
    (r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.+)\)",
     N_("No such option: {option} (did you mean {options}?)")),
    (r"No such option: (?P<option>\S+)", N_("No such option: {option}")),
    (r"Got unexpected extra arguments? ?(?:\(s\))? \((?P<args>.*)\)", N_("Unexpected extra argument(s): {args}")),
    (r"Option (?P<option>.+) requires an argument\.", N_("Option {option} needs a value.")),
    (r"Invalid value for (?P<name>[^:]+): (?P<reason>.*)", N_("Invalid value for {name}: {reason}")),
    (r"(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.+?)\.?", N_("'{value}' is not one of {choices}.")),
    (r"Input should be a valid integer.*", N_("must be a whole number")),
    (r"Input should be greater than or equal to (?P<n>\S+)", N_("must be at least {n}")),
    (r"(?P<text>.*?)\.? Did you mean (?P<names>.+)\?", N_("{text}. Did you mean {names}?")),
]


def translate_click_message(text: str) -> str:
    """click's English message in the current language when its shape is known, else unchanged."""
    import re

    for pattern, msgid in CLICK_TEXTS:
        m = re.fullmatch(pattern, text.strip(), flags=re.S)
        if m:
            parts = {k: translate_click_message(v) if k in ("reason", "text") else v
                     for k, v in m.groupdict().items() if v is not None}
            return _(msgid).format(**parts)
    return text


def show_click_error(exc) -> None:
    """What click's ``UsageError.show`` prints — usage line, where to find help, the error — in the
    user's language."""
    import sys

    if isinstance(exc, click_exceptions.NoArgsIsHelpError) or not isinstance(exc, click_exceptions.UsageError):
        exc.show()
        return
    ctx = exc.ctx
    if ctx is not None:
        usage = ctx.get_usage()
        if usage.startswith("Usage:"):
            usage = _("Usage:") + usage[len("Usage:"):]
        print(usage, file=sys.stderr)
        if ctx.command.get_help_option(ctx) is not None:
            print(_("See '{command} {option}' for help.").format(command=ctx.command_path,
                                                                 option=ctx.help_option_names[0]), file=sys.stderr)
    print(_("Error: {message}").format(message=translate_click_message(exc.format_message())), file=sys.stderr)
