"""Exact numbers: points and money are :class:`~decimal.Decimal`, never float arithmetic."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from zs_quality.errors import InputError

__all__ = ["to_decimal", "to_optional_decimal"]


def to_decimal(value: object) -> Decimal:
    """An exact, finite :class:`Decimal` from an int, a decimal string, a Decimal or a float.

    A float is read through its shortest repr (``12.5`` becomes ``Decimal("12.5")``), which is the
    number as it was written in JSON or TOML; no arithmetic is ever done on floats.
    """
    if isinstance(value, bool):
        raise InputError(f"{value!r} is not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InputError(f"{value!r} is not a number") from None
    else:
        raise InputError(f"{value!r} is not a number")
    if not result.is_finite():
        raise InputError(f"{value!r} is not a finite number")
    return result


def to_optional_decimal(value: object) -> Decimal | None:
    """Like :func:`to_decimal`, but ``None`` stays ``None``."""
    return None if value is None else to_decimal(value)
