"""Enumerations whose members carry a Chinese label beside their stable English identifier."""

from __future__ import annotations

import enum
from typing import Self

__all__ = ["LabelledEnum", "choices"]


class LabelledEnum(enum.StrEnum):
    """A string enumeration: the value is a stable English id, ``label`` the Chinese term."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


def choices(enum_type: type[enum.Enum]) -> str:
    """The values of an enumeration, comma-separated, for error messages."""
    return ", ".join(str(m.value) for m in enum_type)
