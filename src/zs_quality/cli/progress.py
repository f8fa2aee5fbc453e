"""A one-line progress display on stderr for batch runs at a terminal; silent otherwise."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO, Protocol

__all__ = ["Progress"]

_INTERVAL = 0.25  # seconds between redraws: often enough to look alive, rarely enough to be free


class _Counts(Protocol):
    read: int
    rejected: int


class Progress:
    """Redraws ``N read, R records/s, M rejected`` in place at most four times a second.

    Use :meth:`on` to get one that draws only when the stream is a terminal, so that logs and
    pipes never see it.
    """

    def __init__(self, stream: IO[str] | None, clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.clock = clock
        self.start = clock()
        self.next = self.start + _INTERVAL
        self.shown = False

    @classmethod
    def on(cls, stream: IO[str]) -> Progress:
        """A display on ``stream`` when it is a terminal, else one that does nothing."""
        return cls(stream if stream.isatty() else None)

    def update(self, counts: _Counts) -> None:
        """Redraw if the interval has passed."""
        if self.stream is None:
            return
        now = self.clock()
        if now < self.next:
            return
        self.next = now + _INTERVAL
        rate = counts.read / max(now - self.start, 1e-9)
        self.stream.write(
            f"\r\x1b[Kzs-quality: {counts.read:,} read, {rate:,.0f} records/s, "
            f"{counts.rejected:,} rejected"
        )
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the line, so that other messages start on a clean line."""
        if self.stream is not None and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
