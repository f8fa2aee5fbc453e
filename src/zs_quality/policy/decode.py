"""The one decoder of policy files: TOML tables to attrs "file" classes, through cattrs.

Each kind of policy file (rulesets, criteria, qualification rules, size standards, towns,
scenario files) is written as attrs classes that mirror its tables, and structured by
:data:`policy_converter`, a child of the library's one converter
(:data:`zs_quality.convert.converter`) made with :meth:`cattrs.Converter.copy` as cattrs
recommends for a variant. It differs from its parent only where a policy file does:

* text must be non-empty, numbers are TOML numbers (never text), dates are TOML dates or ISO text
  (a time or datetime is refused);
* a constraint on a field is ``Annotated`` metadata: ``Annotated[int, AtLeast(1)]``,
  ``Annotated[Decimal, Positive()]``, ``Annotated[tuple[X, ...], NotEmpty("...")]``, a file's
  ``Annotated[int, Supported(1)]``; each also states itself as JSON Schema keywords
  (``json_schema()``), so the files' schemas (:mod:`zs_quality.schemas`) say what is checked;
* an array of tables whose class names a ``LABEL`` key is addressed by that key in error paths
  (``items[JJL-001].points``, not ``items[3].points``);
* every problem in a file is reported at once: each field is structured on its own, then the
  class's ``check(values)`` (cross-field rules, given the fields that were well formed) runs,
  then unknown keys are named; a class with a ``build(values)`` static method, or a ``MODEL``
  class to call with its fields, turns them into a domain object, whose own validation errors
  are placed under the table's path. ``check`` is
  given the structured values and the table as written (to tell a missing key from a bad one).

:func:`decode` structures a whole file and raises one :class:`~zs_quality.errors.RulesetError`
naming the file and every bad key path.
"""

from __future__ import annotations

import datetime as _dt
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Protocol, TypeVar

import attrs

from zs_quality.convert import converter
from zs_quality.dates import Date, as_date
from zs_quality.errors import (
    InputError,
    Problem,
    RulesetError,
    ZsQualityError,
    got,
    join_path,
)
from zs_quality.limits import MAX_YEARS
from zs_quality.model.numbers import to_decimal
from zs_quality.policy.toml import parse_toml

__all__ = [
    "MAX_YEARS",
    "AtLeast",
    "AtMost",
    "NotEmpty",
    "Positive",
    "Supported",
    "decode",
    "decode_toml",
    "policy_converter",
    "problems_of",
]

T = TypeVar("T")
R = TypeVar("R")

# MAX_YEARS (zs_quality.limits) is re-exported here, where the policy files' fields use it.

policy_converter = converter.copy()
"""The converter for policy files (a child of :data:`zs_quality.convert.converter`)."""


class Constraint(Protocol):
    """``Annotated`` metadata that checks a structured value (raises :class:`InputError`) and
    states the check as JSON Schema keywords."""

    def __call__(self, value: Any) -> None: ...

    def json_schema(self) -> dict[str, Any]: ...


@attrs.frozen
class AtLeast:
    """A number at least ``minimum``."""

    minimum: int

    def __call__(self, value: Any) -> None:
        if value < self.minimum:
            raise InputError(f"must be at least {self.minimum}, got {value}")

    def json_schema(self) -> dict[str, Any]:
        return {"minimum": self.minimum}


@attrs.frozen
class AtMost:
    """A number at most ``maximum`` (the documented bound of a count of years)."""

    maximum: int
    what: str = "years"

    def __call__(self, value: Any) -> None:
        if value > self.maximum:
            raise InputError(
                f"must be at most {self.maximum} {self.what}, got {value} "
                "(a period that long cannot be computed as a calendar date)"
            )

    def json_schema(self) -> dict[str, Any]:
        return {"maximum": self.maximum}


@attrs.frozen
class Positive:
    """A number above zero."""

    def __call__(self, value: Any) -> None:
        if value <= 0:
            raise InputError(f"must be positive, got {value}")

    def json_schema(self) -> dict[str, Any]:
        return {"exclusiveMinimum": 0}


@attrs.frozen
class NotEmpty:
    """A list with at least one element; ``message`` says what it must name."""

    message: str

    def __call__(self, value: Any) -> None:
        if not value:
            raise InputError(self.message)

    def json_schema(self) -> dict[str, Any]:
        return {"minItems": 1}


@attrs.frozen
class Supported:
    """A file's ``schema``: the format version this library reads."""

    version: int

    def __call__(self, value: Any) -> None:
        if value != self.version:
            raise InputError(f"this library reads schema {self.version}, not {value}")

    def json_schema(self) -> dict[str, Any]:
        return {"const": self.version}


def problems_of(exc: BaseException, path: str = "") -> list[Problem]:
    """The problems an exception raised while structuring stands for, placed under ``path``."""
    if isinstance(exc, ZsQualityError):
        return [Problem(join_path(path, p.path), p.message) for p in exc.problems]
    return [Problem(path, str(exc) or type(exc).__name__)]


# --- Scalars ------------------------------------------------------------------------------------


def _text(value: object, _: type) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"expected non-empty text, got {got(value)}")
    return value


def _decimal(value: object, _: type) -> Decimal:
    # A TOML number is an exact literal (a float is read through its repr); text is a mistake.
    if isinstance(value, str):
        raise InputError(f"expected a number, got {got(value)}")
    return to_decimal(value)


def _date(value: object, _: type) -> Date:
    if isinstance(value, _dt.datetime | _dt.time):
        raise InputError(f"expected a date, got a time or datetime {value}")
    if not isinstance(value, _dt.date | str):
        raise InputError(f"expected a date, got {got(value)}")
    return as_date(value)


policy_converter.register_structure_hook(str, _text)
policy_converter.register_structure_hook(Decimal, _decimal)
policy_converter.register_structure_hook(Date, _date)


# --- Constraints, lists and tables --------------------------------------------------------------


def _is_annotated(tp: Any) -> bool:
    return typing.get_origin(tp) is typing.Annotated


def _constrained(tp: Any) -> Callable[[Any, type], Any]:
    base = tp.__origin__
    checks: list[Constraint] = [m for m in tp.__metadata__ if callable(m)]

    def structure_constrained(value: Any, _: type) -> Any:
        result = policy_converter.structure(value, base)
        for check in checks:
            check(result)
        return result

    return structure_constrained


def _is_list(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _label(element_type: Any, value: object, index: int) -> str:
    key = getattr(element_type, "LABEL", None)
    if key is not None and isinstance(value, Mapping):
        label = value.get(key)
        if isinstance(label, str) and label:
            return label
    return str(index)


def _list(tp: Any) -> Callable[[Any, type], Any]:
    (element_type, _) = typing.get_args(tp)

    def structure_list(value: Any, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list):
            what = "an array of tables" if attrs.has(element_type) else "a list"
            raise InputError(f"expected {what}, got {got(value)}")
        items, problems = [], []
        for index, element in enumerate(value):
            try:
                items.append(policy_converter.structure(element, element_type))
            except Exception as exc:
                problems += problems_of(exc, f"[{_label(element_type, element, index)}]")
        if problems:
            raise InputError(problems)
        return tuple(items)

    return structure_list


def _is_mapping(tp: Any) -> bool:
    return typing.get_origin(tp) in (Mapping, dict)


def _mapping(tp: Any) -> Callable[[Any, type], Any]:
    key_type, value_type = typing.get_args(tp)

    def structure_mapping(value: Any, _: type) -> dict[Any, Any]:
        if not isinstance(value, Mapping):
            raise InputError(f"expected a table, got {got(value)}")
        result, problems = {}, []
        for key, element in value.items():
            try:
                result[policy_converter.structure(key, key_type)] = policy_converter.structure(
                    element, value_type
                )
            except Exception as exc:
                problems += problems_of(exc, str(key))
        if problems:
            raise InputError(problems)
        return result

    return structure_mapping


def _table(cls: type) -> Callable[[Any, type], Any]:
    fields = attrs.fields(cls)
    names = {f.name for f in fields}
    check: Callable[[Mapping[str, Any], Mapping[str, Any]], Iterator[Problem]] | None = getattr(
        cls, "check", None
    )
    model: Callable[..., Any] = getattr(cls, "MODEL", cls)
    build: Callable[[Mapping[str, Any]], Any] = getattr(cls, "build", None) or (
        lambda values: model(**values)
    )
    hints = typing.get_type_hints(cls, include_extras=True)

    def structure_table(value: Any, _: type) -> Any:
        if not isinstance(value, Mapping):
            raise InputError(f"expected a table, got {got(value)}")
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for field in fields:
            if field.name not in value:
                if field.default is attrs.NOTHING:
                    problems.append(Problem(field.name, "required key is missing"))
                continue
            try:
                values[field.name] = policy_converter.structure(
                    value[field.name], hints[field.name]
                )
            except Exception as exc:
                problems += problems_of(exc, field.name)
        if check is not None:
            problems += check(values, value)
        problems += [Problem(str(key), "unknown key") for key in value if key not in names]
        if problems:
            raise InputError(problems)
        try:
            return build(values)
        except ZsQualityError as exc:
            # The domain object's own validation: its paths are relative to this table.
            raise InputError(exc.problems) from None

    return structure_table


policy_converter.register_structure_hook_factory(_is_annotated, _constrained)
policy_converter.register_structure_hook_factory(_is_list, _list)
policy_converter.register_structure_hook_factory(_is_mapping, _mapping)
policy_converter.register_structure_hook_factory(attrs.has, _table)


def decode(data: Mapping[str, Any], cls: type[T], *, file: str) -> T:
    """Structure the parsed policy file ``data`` (its root table) as ``cls``.

    Every problem is collected and raised together as one :class:`RulesetError` naming ``file``
    and each bad key path.
    """
    try:
        return policy_converter.structure(data, cls)
    except Exception as exc:
        raise RulesetError(problems_of(exc), file=file) from None


def decode_toml(text: str, cls: type, into: type[R], *, source: str) -> R:
    """Parse the TOML ``text`` of a policy file and structure it as the file class ``cls``, whose
    ``build`` makes an ``into``; ``source`` names the file in errors."""
    built: object = decode(parse_toml(text, file=source), cls, file=source)
    assert isinstance(built, into)
    return built
