"""Plain-text tables for people at a terminal, aligned for Chinese (wide) characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["render_table", "width"]


def width(text: str) -> int:
    """The number of terminal columns ``text`` takes: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, columns: int, right: bool) -> str:
    gap = " " * (columns - width(text))
    return gap + text if right else text + gap


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()
) -> str:
    """A table with a header line and a rule under it; columns in ``right`` are right-aligned."""
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
