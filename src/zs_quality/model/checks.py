"""attrs validators shared by the models; each raises an InputError naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from zs_quality.errors import InputError, shown

__all__ = ["non_empty", "non_negative", "positive"]


def non_empty(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is text with at least one non-space character."""
    if not isinstance(value, str) or not value.strip():
        raise InputError("must be non-empty text", path=attribute.name)


def _number(attribute: attrs.Attribute[Any], value: object) -> int | Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InputError(f"{shown(value)} is not a number", path=attribute.name)
    return value


def non_negative(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is ``None`` or a number at or above zero."""
    if value is not None and _number(attribute, value) < 0:
        raise InputError(f"{value} is negative", path=attribute.name)


def positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is ``None`` or a number above zero."""
    if value is not None and _number(attribute, value) <= 0:
        raise InputError(f"{value} is not positive", path=attribute.name)
