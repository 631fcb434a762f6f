"""Messages users read go through ``_()`` so that they can come from gettext catalogs.

This is the seam: today ``_`` returns its English message id unchanged; the catalogs (Vietnamese by
default, English with ``--lang en`` or ``GDNN_LANG=en``) plug in here without touching callers.
Write every new user-facing message as ``_("English text with {name}").format(name=…)``: format
after translating, so that the catalog holds the placeholder and not the value.
"""

from __future__ import annotations


def _(message: str) -> str:
    """Translate one message id (identity until the catalogs are installed)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose wording depends on a count."""
    return singular if n == 1 else plural
