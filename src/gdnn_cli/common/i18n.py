"""Messages users read come from gettext catalogs: Vietnamese by default, English on request.

Write every user-facing message as ``_("English text with {name}").format(name=…)``: the English
text is the message id, and formatting comes after translating, so that the catalog holds the
placeholder and not the value. The catalog is ``locale/vi/LC_MESSAGES/gdnn.po`` (compiled to
``gdnn.mo`` beside it); README's Development section says how to extract, update and compile it.

The language is ``vi`` unless ``--lang en`` (which calls ``set_language``) or ``GDNN_LANG=en`` says
otherwise. It is read on every call, not once at import, so that tests and the ``--lang`` option
can switch it; ``set_language`` also sets ``GDNN_LANG`` so that worker processes started later
speak the same language. Only the standard library's gettext is used here: this module is imported
by ``gdnn --help`` and by every check, and must stay cheap.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
DOMAIN = "gdnn"
LOCALE_DIR = Path(__file__).parents[1] / "locale"


def normalise(lang: str | None) -> str | None:
    """'vi', 'vi_VN.UTF-8', 'EN' → 'vi' / 'en'; anything else → None."""
    if not lang:
        return None
    code = lang.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else None


def current_language() -> str:
    """The language messages are shown in now: GDNN_LANG if it names a known language, else Vietnamese."""
    return normalise(os.environ.get("GDNN_LANG")) or DEFAULT


def set_language(lang: str) -> str:
    """Switch every later message to ``lang`` (this process and the worker processes it starts)."""
    code = normalise(lang)
    if code is None:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    os.environ["GDNN_LANG"] = code
    return code


@lru_cache(maxsize=4)
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalog of one language; English is the message ids themselves."""
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[lang], fallback=True)


def _(message: str) -> str:
    """Translate one message id into the current language."""
    return gettext_in(message)


def gettext_in(message: str, lang: str | None = None) -> str:
    """Translate one message id into ``lang`` (None: the current language); documents pass "vi", so
    that a Vietnamese document stays Vietnamese whatever ``--lang`` says."""
    return translations(lang or current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose wording depends on a count."""
    return translations(current_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it yet (translated where it is shown)."""
    return message
