"""A Babel extractor for gdnn's Python files: the ``_()``/``N_()``/``ngettext()`` calls, as Babel's
own python extractor finds them, plus the help texts of typer commands and options.

typer shows a command's docstring as its help, and ``help="…"`` of its options; the group in
``cli_lang`` translates them when they are shown. Babel extracts neither, so ``babel.cfg`` names
this function, and ``pybabel extract`` puts every help text into the catalog — also those other
modules write as plain strings.
Only ``pybabel`` and the catalog tests import this module.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator

COMMAND_DECORATORS = ("command", "callback")


def help_texts(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every typer help: ``help="…"`` arguments written as plain strings, and the
    cleaned docstrings of functions decorated with ``….command(…)``/``….callback(…)``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.keyword) and node.arg == "help" and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            yield node.value.lineno, node.value.value
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for deco in node.decorator_list:
            func = deco.func if isinstance(deco, ast.Call) else deco
            if isinstance(func, ast.Attribute) and func.attr in COMMAND_DECORATORS:
                doc = ast.get_docstring(node, clean=False)
                if doc:
                    yield node.body[0].lineno, inspect.cleandoc(doc)
                break


def extract(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method (see babel.cfg)."""
    import io

    from babel.messages.extract import extract_python

    data = fileobj.read()
    yield from extract_python(io.BytesIO(data), keywords, comment_tags, options)
    source = data.decode(options.get("encoding", "utf-8"))
    for line, text in help_texts(source):
        yield line, None, text, ["typer help"]

