"""The typer app: the global ``--lang`` option, the table of contents of the commands, and the one
error boundary (``main``). No command lives here: each room has its command module (cli/core.py,
cli/tracking.py, cli/documents.py, …), which parses, calls the library and prints.

Heavy modules (pydantic models, docx, matplotlib, Babel) are imported inside the commands so that
``gdnn --help`` starts as fast as typer itself.
"""

import os
import sys
from typing import Annotated

import typer
from typer.models import CommandInfo

from gdnn_cli.cli import core, documents, exchange, repo, review, site, tracking
from gdnn_cli.cli.lang import LANG_HELP, Lang, lang_callback, use_catalog_for_typer
from gdnn_cli.cli.root import RootGroup, root_group
from gdnn_cli.common.i18n import N_, _

use_catalog_for_typer()

app = typer.Typer(
    name="gdnn",
    cls=RootGroup,
    help=N_("Vocational-education (GDNN) plans as data: validate them, compute target gaps, "
            "render Vietnamese documents."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


@app.callback()
def _global_options(
    lang: Annotated[Lang | None, typer.Option(
        "--lang", help=LANG_HELP, is_eager=True, callback=lang_callback, show_default=False)] = None,
) -> None:
    """Options that apply to every command."""


ROOMS = (core, tracking, documents, exchange, review, repo, site)
# The table of contents: every command, in the order `gdnn --help` lists them.
CONTENTS = (
    core.validate_cmd, core.schema_cmd,
    documents.plan_cmd, tracking.gaps_cmd, tracking.status_cmd, documents.report_cmd,
    exchange.forms_cmd, exchange.collect_cmd, exchange.remind_cmd,
    review.diff_cmd, review.textconv_cmd, review.git_setup_cmd,
    repo.init_cmd,
    site.site_cmd,
)


def contents(rooms=ROOMS, order=CONTENTS) -> list[CommandInfo]:
    """Each room's commands in the order of ``order``; a command a room declares but the contents do
    not list is an error here, not a command that silently disappears from `gdnn`."""
    declared = {info.callback: info for room in rooms for info in room.commands.registered_commands}
    missing = [f"{getattr(f, '__module__', '?')}.{getattr(f, '__name__', f)}" for f in declared if f not in order]
    if missing:
        raise RuntimeError(f"commands missing from cli.app.CONTENTS: {', '.join(missing)}")
    return [declared[f] for f in order]


app.registered_commands.extend(contents())
app.add_typer(repo.new_app, name="new")  # `gdnn new plan`: listed after the commands, as typer lists groups


def main() -> None:
    """Entry point with one exception boundary: expected errors exit 1, usage 2, bugs 3."""
    from gdnn_cli.cli.lang import click_exceptions, language_from_argv, show_click_error
    from gdnn_cli.common.errors import GdnnError, UsageError

    args = language_from_argv(sys.argv[1:])
    try:
        # not standalone, so that click's usage errors can be shown in the user's language
        # commands converted from typer on demand (gdnn --help converts none): see cli/root.py
        code = root_group(app)(args=args, prog_name="gdnn", standalone_mode=False)
    except click_exceptions.ClickException as exc:
        show_click_error(exc)
        sys.exit(exc.exit_code)
    except typer.Abort:
        print(_("Aborted!"), file=sys.stderr)
        sys.exit(1)
    except UsageError as exc:
        print(f"gdnn: {exc}", file=sys.stderr)
        sys.exit(2)
    except GdnnError as exc:
        from gdnn_cli.cli import output

        for issue in exc.issues:
            output.print_issue(issue, stream=sys.stderr)
        output.err(f"gdnn: {exc}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one boundary for bugs
        _bug(exc)
    sys.exit(code if isinstance(code, int) else 0)  # typer.Exit(n) comes back as n


def _bug(exc: Exception) -> None:
    import tempfile
    import traceback

    fd, log = tempfile.mkstemp(prefix="gdnn-crash-", suffix=".log")
    with os.fdopen(fd, "w") as fh:
        traceback.print_exc(file=fh)
    print("gdnn: " + _("internal error ({error}). Details in {log}; please report it.").format(
        error=f"{type(exc).__name__}: {exc}", log=log), file=sys.stderr)
    sys.exit(3)


if __name__ == "__main__":
    main()
