"""Each enterprise once: where a unified social credit code was first seen in a population.

A population (a batch file, a registry, the input of an impact analysis) lists each enterprise
once. Every reader keeps a :class:`USCCIndex` and refuses a code it has seen, naming the line it
was first seen on: ``score``, ``impact`` and ``cqo coverage`` treat a repeated code alike.

A batch of millions of enterprises is streamed, so the index must stay small: it is an
open-addressing hash table in one array of 64-bit words, 16 bytes a slot, kept between a third
and two thirds full, so **24 to 48 bytes per enterprise** (while it doubles, the old table lives
on for a moment: 80 bytes per enterprise at the peak). A Python ``dict`` from code to line takes
about 200. It is exact: the table stores the code itself (the 17 characters that determine the
check character, as a base-36 number), not a hash of it.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from zs_quality.errors import InputError
from zs_quality.model.uscc import USCC

__all__ = ["USCCIndex", "repeated_uscc"]

# A slot: two words of an array of unsigned 64-bit integers, the code's number plus one (zero marks
# an empty slot) in 88 bits (the low word, and the low 24 bits of the high word), and the position
# it was first seen at in the remaining 40 (positions beyond 2**40 - 1 are stored as that). An
# array's items are read and written without the struct module's tuples: a third faster.
_LOW = (1 << 64) - 1
_HIGH_BITS = 24
_HIGH = (1 << _HIGH_BITS) - 1
_MAX_POSITION = (1 << 40) - 1
_GOLDEN = 0x9E3779B97F4A7C15  # Fibonacci hashing: spreads codes that share their last characters


def _words(slots: int) -> array[int]:
    return array("Q", bytes(16 * slots))


def _home(low: int, high: int, shift: int) -> int:
    """The slot a code's number (its ``low`` word and ``high`` bits) is looked for from, in a
    table of ``2 ** (64 - shift)`` slots."""
    return (((low ^ high) * _GOLDEN) & _LOW) >> shift


class USCCIndex:
    """The position at which each code was first seen; :meth:`first` adds and looks up at once.

    ``capacity`` is the number of slots to start with (a power of two is used: 65,536 slots,
    1 MiB, hold 43,690 codes before the table first doubles)."""

    def __init__(self, capacity: int = 1 << 16) -> None:
        bits = max(capacity - 1, 1).bit_length()
        self._bits = bits
        self._table = _words(1 << bits)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    @property
    def nbytes(self) -> int:
        """The memory the table takes, in bytes."""
        return len(self._table) * self._table.itemsize

    def first(self, code: USCC | str, position: int) -> int | None:
        """``None`` when ``code`` is new (it is then recorded at ``position``), else the position
        where it was first seen."""
        text = code.value if isinstance(code, USCC) else code
        repeated = self.first_of_each((text,), (position,))
        return repeated[0][1] if repeated else None

    def first_of_each(
        self, codes: Sequence[str], positions: Sequence[int]
    ) -> list[tuple[int, int]]:
        """:meth:`first` for each of ``codes`` in turn (``positions`` beside them), in one call:
        the codes already seen, as pairs of their index in ``codes`` and the position where each
        was first seen (a code twice in ``codes`` is seen at its first). ``score --jobs`` checks
        a worker's chunk of codes at once; one call a code costs the main process more."""
        repeated: list[tuple[int, int]] = []
        # Locals, not attributes, in the loop: it runs for every enterprise of a batch. A slot is
        # two words, so the place of a slot in the table is twice its number.
        table, (shift, full, wrap), count = self._table, self._shape(), self._count
        try:
            for index, text in enumerate(codes):
                key = int(text[:17], 36) + 1
                low, high = key & _LOW, key >> 64
                at = 2 * ((((low ^ high) * _GOLDEN) & _LOW) >> shift)  # _home, inlined
                while True:
                    stored = table[at + 1]
                    if not stored:
                        position = positions[index]
                        if not 1 <= position <= _MAX_POSITION:
                            position = 1 if position < 1 else _MAX_POSITION
                        table[at] = low
                        table[at + 1] = high | position << _HIGH_BITS
                        count += 1
                        if count > full:
                            self._count = count
                            self._grow()
                            table, (shift, full, wrap) = self._table, self._shape()
                        break
                    if table[at] == low and stored & _HIGH == high:
                        repeated.append((index, stored >> _HIGH_BITS))
                        break
                    at = (at + 2) & wrap
        finally:  # a code that is not one stops the loop: what it recorded before is counted
            self._count = count
        return repeated

    def _shape(self) -> tuple[int, int, int]:
        """What finding a slot needs: the shift of :func:`_home`, the count of codes beyond which
        the table doubles (two thirds of its slots), and the mask of a slot's place."""
        return 64 - self._bits, (2 << self._bits) // 3, (2 << self._bits) - 1

    def _grow(self) -> None:
        old = self._table
        self._bits += 1
        table = self._table = _words(1 << self._bits)
        mask, shift = (1 << self._bits) - 1, 64 - self._bits
        words = memoryview(old)  # slices of a view copy nothing: the old table is not copied
        for low, high in zip(words[::2], words[1::2], strict=True):
            if not high:
                continue
            slot = _home(low, high & _HIGH, shift)
            while table[2 * slot + 1]:
                slot = (slot + 1) & mask
            table[2 * slot] = low
            table[2 * slot + 1] = high


def repeated_uscc(
    code: USCC | str,
    first: int,
    *,
    file: str | None = None,
    line: int | None = None,
    path: str = "",
) -> InputError:
    """The error for an enterprise listed again: one message wherever a population is read.
    ``first`` is the line (for a file) or the 1-based position where the code was first seen."""
    where = f"line {first}" if file is not None else f"position {first}"
    return InputError(
        f"enterprise {code} is listed twice (first at {where}): a population lists each "
        "enterprise once",
        path=path,
        file=file,
        line=line,
    )
