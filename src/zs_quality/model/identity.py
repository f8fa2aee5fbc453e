"""Text that identifies something is compared in one normal form.

A record id, a document number (文号) or a unified social credit code is copied from web pages,
Word files and Excel sheets, and picks up what nobody sees: a zero-width space (U+200B), a
byte-order mark (U+FEFF), a bidirectional mark, full-width digits typed with a Chinese input
method (``２０２４``), a non-breaking space. Compared as typed, ``粤建〔2024〕1号`` and
``粤建〔2024〕1号\u200b`` are two documents and one award counts twice.

:func:`identity_text` applies Unicode NFKC normalisation (full-width and other compatibility
forms become their plain equivalents), removes every invisible format character (Unicode
category Cf) and trims surrounding white space. The models apply it on construction, so what a
result shows is the normalised text. Removing is chosen over refusing: the characters carry no
meaning, and a person cannot see them to remove them.
"""

from __future__ import annotations

import unicodedata

__all__ = ["identity_text"]


def identity_text(value: object) -> object:
    """``value`` normalised when it is text (see the module docs); anything else (``None`` for an
    optional field) is returned as it is, for the field's validator to judge."""
    if type(value) is not str:  # exact type first: this runs for every record of a batch
        return identity_text(str(value)) if isinstance(value, str) else value
    if value.isascii():
        return value.strip()
    normal = unicodedata.normalize("NFKC", value)
    # Format characters are never printable: printable text (nearly all text, NFKC having made
    # odd spaces plain) needs no character-by-character look.
    if not normal.isprintable():
        visible = "".join(c for c in normal if unicodedata.category(c) != "Cf")
        normal = unicodedata.normalize("NFKC", visible)
    return normal.strip()
