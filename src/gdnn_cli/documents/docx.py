"""Fill a Word template with docxtpl, safely, and write the result atomically.

Autoescape is on and undefined names fail loudly: with docxtpl's defaults one '&' in the data
silently truncates the document (upstream issues #557, #634).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gdnn_cli.common.atomic import write_with
from gdnn_cli.common.errors import GdnnError
from gdnn_cli.common.i18n import _

if TYPE_CHECKING:
    from docxtpl import DocxTemplate


def templates_dir(explicit: Path | None = None, data: Path | None = None) -> Path:
    """Where the Word templates are: --templates DIR, then $GDNN_TEMPLATES, then a templates/ folder in
    the data repository (beside the data folder), then the ones packaged with gdnn.

    A department edits its letterhead and wording in its own repository; gdnn installed as a tool
    still renders everywhere with the packaged templates.
    """
    from gdnn_cli.common.resources import templates
    from gdnn_cli.core.dataset import default_data_dir

    if explicit is not None and not (Path(explicit) / "ke-hoach.docx").is_file():
        raise GdnnError(_("--templates {folder}: no ke-hoach.docx there; a templates folder holds ke-hoach.docx "
                          "and bao-cao.docx (the packaged ones to copy and edit are in {packaged})").format(
                              folder=explicit, packaged=templates()))
    repo = (Path(data) if data is not None else default_data_dir()).absolute().parent / "templates"
    for candidate in (explicit, os.environ.get("GDNN_TEMPLATES"), repo, templates()):
        if candidate and (Path(candidate) / "ke-hoach.docx").is_file():
            return Path(candidate)
    raise GdnnError(_("no Word templates were found, not even the packaged ones in {packaged}; reinstall gdnn "
                      "or pass --templates DIR").format(packaged=templates()))


def _nfc(value: object) -> object:
    """Text to NFC, through dicts and lists; other objects (subdocuments, images) pass as they are."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc(v) for v in value]
    return value


def render_docx(template: Path, context: dict | Callable[[DocxTemplate], dict], out: Path,
                properties: dict | None = None) -> Path:
    """Render ``template`` into ``out``; nothing is left behind on failure. ``context`` is a dict, or a
    function of the template that builds one (subdocuments and images belong to their template).
    ``properties`` sets core properties (author, title, created) that Word shows under File → Info."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined

    doc = DocxTemplate(str(template))
    ctx = _nfc(context(doc) if callable(context) else context)
    env = Environment(autoescape=True, undefined=StrictUndefined)
    doc.render(ctx, jinja_env=env)
    _fix_core_properties(doc, properties or {})
    return write_with(out, lambda tmp: doc.save(str(tmp)))


def _fix_core_properties(doc, properties: dict) -> None:
    """Without ``properties``, fixed values (reproducible files); with them, the issuer as author and
    the real date of creation, as a document the issuer sends should carry."""
    import datetime as dt

    cp = doc.docx.core_properties if hasattr(doc, "docx") and doc.docx is not None else None
    if cp is not None:
        cp.author = properties.get("author", "gdnn")
        cp.last_modified_by = properties.get("author", "gdnn")
        if "title" in properties:
            cp.title = properties["title"]
        created = properties.get("created")
        cp.created = created or cp.created
        cp.modified = created or dt.datetime(2025, 1, 1)


def convert_pdf(docx_path: Path) -> Path:
    """Convert with LibreOffice when ``soffice`` is on PATH; say so plainly when it is not."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise GdnnError(_("--pdf needs LibreOffice: 'soffice' is not on PATH (Debian: apt-get install "
                          "libreoffice-writer-nogui). The .docx was written."))
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
            capture_output=True, text=True, timeout=300,
        )
        produced = Path(tmp) / (docx_path.stem + ".pdf")
        if proc.returncode != 0 or not produced.is_file():
            raise GdnnError(_("LibreOffice could not convert {path}: {reason}").format(
                path=docx_path, reason=proc.stderr.strip() or proc.stdout.strip()))
        target = docx_path.with_suffix(".pdf")

        def copy(tmp_path: Path) -> None:
            shutil.copyfile(produced, tmp_path)

        write_with(target, copy)
    return target
