"""Reading policy-data tables (TOML) with every fault named by its key path.

A :class:`TableReader` wraps one TOML table. Each accessor checks the value's type and range and
records a :class:`~zs_quality.errors.Problem` instead of raising, so that one pass over a file
reports every fault; :meth:`TableReader.finish` adds the keys nobody asked for (unknown keys are
an error). :func:`read_policy_file` opens a TOML file and turns the problems into one
:class:`~zs_quality.errors.RulesetError` naming the file.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from zs_quality.dates import Date, as_date
from zs_quality.errors import InputError, Problem, RulesetError, join_path
from zs_quality.model.labels import choices
from zs_quality.model.numbers import to_decimal

__all__ = ["TableReader", "parse_toml", "read_policy_file"]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_MISSING: Any = object()
_AT_LINE = re.compile(r"at line (\d+)")


class TableReader:
    """Typed, located access to one TOML table; faults are collected in ``problems``."""

    def __init__(self, data: Mapping[str, Any], path: str, problems: list[Problem]) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self._seen: set[str] = set()

    def here(self, key: str) -> str:
        """The full path of ``key`` in this table."""
        return join_path(self.path, key)

    def fault(self, key: str, message: str) -> None:
        """Record a problem at ``key`` of this table (``""`` for the table itself)."""
        self.problems.append(Problem(self.here(key) if key else self.path, message))

    def has(self, key: str) -> bool:
        """Whether the table has ``key`` (and mark it as known)."""
        self._seen.add(key)
        return key in self.data

    def _raw(self, key: str, required: bool) -> Any:
        self._seen.add(key)
        if key not in self.data:
            if required:
                self.fault(key, "required key is missing")
            return _MISSING
        return self.data[key]

    def _convert(self, key: str, required: bool, convert: Callable[[Any], T]) -> T | None:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return None
        try:
            return convert(raw)
        except InputError as exc:
            self.fault(key, exc.message)
            return None

    def text(self, key: str, *, required: bool = True) -> str | None:
        """A non-empty string."""
        return self._convert(key, required, _text)

    def boolean(self, key: str, *, required: bool = False) -> bool | None:
        """``true`` or ``false``."""
        return self._convert(key, required, _boolean)

    def integer(self, key: str, *, required: bool = True, minimum: int | None = None) -> int | None:
        """A whole number, at least ``minimum`` when given."""
        return self._convert(key, required, lambda v: _integer(v, minimum))

    def decimal(self, key: str, *, required: bool = True, positive: bool = False) -> Decimal | None:
        """An exact number (integer, decimal string, or TOML float read through its repr)."""
        return self._convert(key, required, lambda v: _decimal(v, positive))

    def date(self, key: str, *, required: bool = True) -> Date | None:
        """A calendar date (TOML date or ISO string; a datetime is refused)."""
        return self._convert(key, required, _date)

    def choice(self, key: str, enum_type: type[E], *, required: bool = True) -> E | None:
        """A value of ``enum_type``."""
        return self._convert(key, required, lambda v: _choice(v, enum_type))

    def choices(self, key: str, enum_type: type[E], *, required: bool = True) -> list[E] | None:
        """A list of values of ``enum_type``; each bad one is reported with its index."""
        raw = self._raw(key, required)
        if raw is _MISSING:
            return None
        if not isinstance(raw, list):
            self.fault(key, f"expected a list, got {raw!r}")
            return None
        result: list[E] = []
        for index, value in enumerate(raw):
            try:
                result.append(_choice(value, enum_type))
            except InputError as exc:
                self.problems.append(Problem(f"{self.here(key)}[{index}]", exc.message))
        return result

    def strings(self, key: str, *, required: bool = False) -> list[str] | None:
        """A list of non-empty strings."""
        raw = self._raw(key, required)
        if raw is _MISSING:
            return None
        if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
            self.fault(key, f"expected a list of text, got {raw!r}")
            return None
        return list(raw)

    def table(
        self, key: str, *, required: bool = True, path: str | None = None
    ) -> TableReader | None:
        """A sub-table, as a reader whose path is ``path`` (default: this path and ``key``)."""
        raw = self._raw(key, required)
        if raw is _MISSING:
            return None
        if not isinstance(raw, Mapping):
            self.fault(key, f"expected a table, got {raw!r}")
            return None
        return TableReader(raw, path or self.here(key), self.problems)

    def tables(
        self,
        key: str,
        *,
        required: bool = True,
        label: Callable[[Mapping[str, Any]], str] | None = None,
    ) -> list[TableReader]:
        """An array of tables; each reader's path is ``key[label]`` (default: the index)."""
        raw = self._raw(key, required)
        if raw is _MISSING:
            return []
        if not isinstance(raw, list) or not all(isinstance(t, Mapping) for t in raw):
            self.fault(key, "expected an array of tables")
            return []
        readers = []
        for index, table in enumerate(raw):
            name = label(table) if label is not None else None
            tag = name if name else str(index)
            readers.append(TableReader(table, f"{self.here(key)}[{tag}]", self.problems))
        return readers

    def finish(self) -> None:
        """Report every key of the table that no accessor asked for."""
        for key in self.data:
            if key not in self._seen:
                self.fault(key, "unknown key")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"expected non-empty text, got {value!r}")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"expected true or false, got {value!r}")
    return value


def _integer(value: Any, minimum: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"expected a whole number, got {value!r}")
    if minimum is not None and value < minimum:
        raise InputError(f"must be at least {minimum}, got {value}")
    return value


def _decimal(value: Any, positive: bool) -> Decimal:
    if isinstance(value, str):
        raise InputError(f"expected a number, got text {value!r}")
    number = to_decimal(value)
    if positive and number <= 0:
        raise InputError(f"must be positive, got {number}")
    return number


def _date(value: Any) -> Date:
    if isinstance(value, _dt.datetime | _dt.time):
        raise InputError(f"expected a date, got a time or datetime {value!r}")
    if not isinstance(value, _dt.date | str):
        raise InputError(f"expected a date, got {value!r}")
    return as_date(value)


def _choice(value: Any, enum_type: type[E]) -> E:
    try:
        return enum_type(value)
    except ValueError:
        raise InputError(f"{value!r} is not one of: {choices(enum_type)}") from None


def parse_toml(text: str, *, file: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error is a :class:`RulesetError` naming the file and line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's message ends "(at line L, column C)"; lift the line into the error.
        found = _AT_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise RulesetError(f"not valid TOML: {exc}", file=file, line=line) from None


def read_policy_file(path: str | Path, build: Callable[[TableReader], T]) -> T:
    """Read the TOML file at ``path`` and build a value from its root table.

    ``build`` reads the table through the reader it is given; when it has recorded any problem,
    a :class:`RulesetError` listing them all, with the file name, is raised instead.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesetError(f"cannot read: {exc.strerror}", file=name) from None
    return build_from(parse_toml(text, file=name), build, file=name)


def build_from(data: Mapping[str, Any], build: Callable[[TableReader], T], *, file: str) -> T:
    """Build a value from parsed TOML ``data`` (see :func:`read_policy_file`)."""
    problems: list[Problem] = []
    reader = TableReader(data, "", problems)
    value = build(reader)
    reader.finish()
    if problems:
        raise RulesetError(problems, file=file)
    return value
