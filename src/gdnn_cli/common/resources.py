"""Files that ship inside the package: Word templates, JSON Schemas, the starter data of `gdnn init`.

gdnn must work from an installed wheel in any folder, so nothing may be looked up relative to a
clone of this repository. In the source tree, ``templates/`` and ``schemas/`` in the package are
symlinks to the top-level folders (the clerk-editable templates and `gdnn schema`'s output stay in
one place, no copy to drift) and ``starter/`` links the bundled files that `gdnn init` copies; the
wheel holds them as real files (tests/test_wheel.py checks that).
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "gdnn_cli"


def _folder(name: str) -> Path:
    """A package folder as a real path (an installed wheel or an editable checkout: both on disk)."""
    return Path(str(resources.files(PACKAGE).joinpath(name)))


def templates() -> Path:
    """The packaged Word templates (ke-hoach.docx, bao-cao.docx …)."""
    return _folder("templates")


def schemas() -> Path:
    """The packaged JSON Schemas (plan, agencies, results), as `gdnn schema` writes them."""
    return _folder("schemas")


def starter_tree(part: str) -> Traversable:
    """The files `gdnn init` copies, laid out as in a data repository: ``common`` for every province,
    else a province code (``hn``, ``hp``)."""
    return resources.files(PACKAGE).joinpath("starter", part)
