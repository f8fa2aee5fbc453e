"""The unified social credit code (统一社会信用代码, USCC) of GB 32100-2015."""

from __future__ import annotations

import operator
import re
from typing import Self

import attrs

from zs_quality.errors import USCCError

__all__ = ["CHARSET", "USCC", "check_character"]

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters a code may use, in value order 0-30 (GB 32100-2015; no I, O, S, V, Z)."""

_VALUE = {c: i for i, c in enumerate(CHARSET)}
# GB 32100-2015 §4.3: the weight of position i (1-based) is 3^(i-1) mod 31.
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_LENGTH = 18


def check_character(body: str) -> str:
    """The check character (position 18) for the first 17 characters ``body``.

    GB 32100-2015: ``C18 = 31 - (sum(C_i * W_i) mod 31)``, where a result of 31 stands for 0.
    """
    if len(body) != _LENGTH - 1 or any(c not in _VALUE for c in body):
        raise USCCError(
            f"expected the 17 leading characters of a code, got {body!r}", rule="length"
        )
    return _check_of(body)


def _check_of(body: str) -> str:
    total = sum(map(operator.mul, map(_VALUE.__getitem__, body), _WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


# A valid code in one regular-expression match and one sum; the checks below run only to say what
# is wrong with an invalid one.
_VALID_SHAPE = re.compile(f"[{CHARSET}]{{2}}[0-9]{{6}}[{CHARSET}]{{10}}")


def _validate(text: str) -> None:
    if _VALID_SHAPE.fullmatch(text) and text[17] == _check_of(text[:17]):
        return
    if len(text) != _LENGTH:
        raise USCCError(
            f"length: a code has {_LENGTH} characters, got {len(text)}",
            rule="length",
        )
    # Position 18 is judged by the check rule below, so a wrong character there is reported with
    # the character that was expected.
    for pos, char in enumerate(text[:17], start=1):
        if char not in _VALUE:
            raise USCCError(
                f"position {pos}: {char!r} is not in the code's character set "
                "(digits and capital letters except I, O, S, V, Z)",
                rule="charset",
                position=pos,
            )
    for pos in range(3, 9):
        char = text[pos - 1]
        if not char.isdigit():
            raise USCCError(
                f"position {pos}: the administrative-division code (positions 3-8) "
                f"must be digits, got {char!r}",
                rule="division",
                position=pos,
            )
    expected = check_character(text[:17])
    if text[17] != expected:
        raise USCCError(
            f"position 18: check character is {text[17]!r}, expected {expected!r}",
            rule="check",
            position=18,
        )


def _check(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise USCCError(f"{value!r} is not a text code", rule="length")
    _validate(value)


@attrs.frozen(order=True)
class USCC:
    """A unified social credit code (统一社会信用代码), valid by GB 32100-2015.

    Construct with :meth:`parse` for text typed by a person; the constructor itself takes only a
    code that is already normalized and raises :class:`~zs_quality.errors.USCCError` otherwise.
    """

    value: str = attrs.field(validator=_check)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Trim surrounding whitespace, upper-case, then validate.

        The rules are checked in this order and the first that fails is reported: the length
        (18), the character set, digits in positions 3-8, the check character.
        """
        if not isinstance(text, str):
            raise USCCError(f"{text!r} is not a text code", rule="length")
        return cls(text.strip().upper())

    @property
    def registration_authority(self) -> str:
        """Position 1: the registration-management authority (登记管理部门) code."""
        return self.value[0]

    @property
    def organisation_type(self) -> str:
        """Position 2: the organisation-type (机构类别) code."""
        return self.value[1]

    @property
    def division_code(self) -> str:
        """Positions 3-8: the registering authority's administrative-division code (行政区划码)."""
        return self.value[2:8]

    @property
    def subject_identifier(self) -> str:
        """Positions 9-17: the subject identifier (主体标识码, the former organisation code)."""
        return self.value[8:17]

    def __str__(self) -> str:
        return self.value
