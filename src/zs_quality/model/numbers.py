"""Exact numbers: points and money are :class:`~decimal.Decimal`, never float arithmetic.

Every number that enters from outside is bounded (:mod:`zs_quality.limits`): smaller than 10^15
in absolute value, with at most 12 decimal places. Text is checked before it is converted, so
``1e9999999`` or a 5,000-digit integer is refused at once instead of hanging a conversion.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from zs_quality.errors import InputError, got, shown
from zs_quality.limits import (
    MAX_DECIMAL_PLACES,
    MAX_MAGNITUDE,
    MAX_MAGNITUDE_DIGITS,
    MAX_NUMBER_CHARS,
)

__all__ = [
    "bounded",
    "integer_from_text",
    "number_from_text",
    "to_decimal",
    "to_optional_decimal",
    "whole_number",
]

_PLACES = Decimal(1).scaleb(-MAX_DECIMAL_PLACES)
_LIMITS = f"numbers must be below 10^{MAX_MAGNITUDE_DIGITS} with at most {MAX_DECIMAL_PLACES} decimal places"


def _clipped(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:10]}…{text[-10:]} ({len(text)} characters)"


def bounded(value: Decimal) -> Decimal:
    """``value`` itself when it is finite, below :data:`~zs_quality.limits.MAX_MAGNITUDE` and has
    at most :data:`~zs_quality.limits.MAX_DECIMAL_PLACES` decimal places; else an InputError."""
    if not value.is_finite():
        raise InputError(f"{value} is not a finite number")
    if not value:
        return value
    if value.adjusted() >= MAX_MAGNITUDE_DIGITS:
        raise InputError(f"{_clipped(str(value))} is too large ({_LIMITS})")
    # The exponent test first: quantizing a number with a huge negative exponent is slow.
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite number's exponent
    if exponent < -MAX_DECIMAL_PLACES and (
        value.adjusted() < -MAX_DECIMAL_PLACES or value.quantize(_PLACES) != value
    ):
        raise InputError(f"{_clipped(str(value))} has too many decimal places ({_LIMITS})")
    return value


def number_from_text(text: str) -> Decimal:
    """The :class:`Decimal` a JSON or TOML number's text stands for, bounded (see :func:`bounded`);
    text longer than :data:`~zs_quality.limits.MAX_NUMBER_CHARS` is refused unconverted."""
    if len(text) > MAX_NUMBER_CHARS:
        raise InputError(f"the number {_clipped(text)} is too long ({_LIMITS})")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InputError(f"{shown(text)} is not a number") from None
    return bounded(value)


def integer_from_text(text: str) -> int:
    """The integer a JSON number without fraction or exponent stands for, bounded like every
    number; more than 15 digits are refused before conversion."""
    digits = len(text) - text.startswith("-")
    if digits > MAX_MAGNITUDE_DIGITS:
        raise InputError(f"the number {_clipped(text)} is too large ({_LIMITS})")
    return int(text)


def whole_number(value: object) -> int:
    """An int from an int or an integral Decimal, bounded like every number."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InputError(f"expected a whole number, got {got(value)}")
    if isinstance(value, int):
        if -MAX_MAGNITUDE < value < MAX_MAGNITUDE:
            return value
        raise InputError(f"{shown(value)} is too large ({_LIMITS})")
    bounded(value)  # before int(): converting 1e9999999 would take minutes
    if value != value.to_integral_value():
        raise InputError(f"expected a whole number, got {got(value)}")
    return int(value)


def to_decimal(value: object) -> Decimal:
    """An exact, finite, bounded :class:`Decimal` from an int, a decimal string, a Decimal or a
    float.

    A float is read through its shortest repr (``12.5`` becomes ``Decimal("12.5")``), which is the
    number as it was written in JSON or TOML; no arithmetic is ever done on floats.
    """
    if isinstance(value, bool):
        raise InputError(f"{shown(value)} is not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        if not -MAX_MAGNITUDE < value < MAX_MAGNITUDE:
            raise InputError(f"{shown(value)} is too large ({_LIMITS})")
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        return number_from_text(value.strip())
    else:
        raise InputError(f"{shown(value)} is not a number")
    if not result.is_finite():
        raise InputError(f"{shown(value)} is not a finite number")
    return bounded(result)


def to_optional_decimal(value: object) -> Decimal | None:
    """Like :func:`to_decimal`, but ``None`` stays ``None``."""
    return None if value is None else to_decimal(value)
