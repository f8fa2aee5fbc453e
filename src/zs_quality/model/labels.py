"""Enumerations whose members carry a Chinese label beside their stable English identifier."""

from __future__ import annotations

import enum
from typing import Self

__all__ = ["CitedRule", "LabelledEnum", "choices"]


class LabelledEnum(enum.StrEnum):
    """A string enumeration: the value is a stable English id, ``label`` the Chinese term."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class CitedRule(enum.StrEnum):
    """A string enumeration of rules: the value is the rule's stable id (what a result names),
    ``clause`` the document clause it implements, ``reading`` whether the clause is this
    library's reading of the document rather than its words, and ``details`` what a family of
    rules adds (e.g. the outcomes an integrity rule gives)."""

    clause: str
    reading: bool
    details: tuple[object, ...]

    def __new__(cls, value: str, clause: str, reading: bool, *details: object) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.clause = clause
        member.reading = reading
        member.details = details
        return member


def choices(enum_type: type[enum.Enum]) -> str:
    """The values of an enumeration, comma-separated, for error messages."""
    return ", ".join(str(m.value) for m in enum_type)
