"""Plain text for people at a terminal: control characters escaped, tables aligned for Chinese.

Text from input (names, ids, keys, file names) reaches the terminal in tables, reports and error
messages. :func:`printable` escapes every character that is not meant to be seen (control
characters such as ESC, which could clear the screen or recolour it; line ends, which could forge
a row; invisible format characters such as U+200B or the bidirectional overrides) as a Python
escape (``\\x1b``, ``\\n``, ``\\u200b``); :func:`render_table` applies it to every cell.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

__all__ = ["printable", "render_table", "width"]

# Cc control, Cf format (zero-width, bidirectional), Cs surrogate, Zl/Zp line and paragraph ends.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    if unicodedata.category(char) not in _HIDDEN:
        return char
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def printable(text: str) -> str:
    """``text`` with every control, format and line-separator character escaped, so that the
    terminal shows the text instead of obeying it."""
    if text.isprintable():
        return text
    if all(unicodedata.category(c) not in _HIDDEN for c in text):
        return text
    return "".join(map(_escape, text))


@functools.lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.east_asian_width(char) in "WF":
        return 2
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 1


def width(text: str) -> int:
    """The number of terminal columns ``text`` takes: wide and full-width characters take two,
    combining marks none."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


def _pad(text: str, columns: int, right: bool) -> str:
    gap = " " * (columns - width(text))
    return gap + text if right else text + gap


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()
) -> str:
    """A table with a header line and a rule under it; columns in ``right`` are right-aligned.
    Every cell is passed through :func:`printable`."""
    headers = [printable(h) for h in headers]
    rows = [[printable(c) for c in row] for row in rows]
    widths = [width(h) for h in headers]
    for row in rows:
        widths = [max(w, width(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = [
        "  ".join(
            _pad(h, w, i in right) for i, (h, w) in enumerate(zip(headers, widths, strict=True))
        ),
        "  ".join("-" * w for w in widths),
    ]
    lines.extend(
        "  ".join(_pad(c, w, i in right) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        for row in rows
    )
    return "\n".join(line.rstrip() for line in lines)
