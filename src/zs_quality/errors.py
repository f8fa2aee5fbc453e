"""The library's exception hierarchy.

Every error raised on purpose derives from :class:`ZsQualityError`. An error knows where the bad
input was: the ``file`` it came from, the ``line`` in that file, and the ``path`` of the field
inside the record (``records[3].document_date``), so a person can find and fix it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Self

import attrs

__all__ = [
    "InputError",
    "Problem",
    "RulesetError",
    "TransitionError",
    "USCCError",
    "UnknownReferenceError",
    "ZsQualityError",
    "got",
    "json_type",
    "shown",
]

_SHOWN_CHARS = 60


def json_type(value: object) -> str:
    """The JSON name of ``value``'s type, for messages: ``null``, ``true/false``, ``a number``,
    ``a string``, ``an array`` or ``an object`` (Python's own names for anything else)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def got(value: object) -> str:
    """What a message says it got: ``null``, ``true``, or the JSON type and the value
    (``a number 12``, ``an object {"a": 1}``, ``a string 'x'``)."""
    if value is None or isinstance(value, bool):
        return shown(value)
    return f"{json_type(value)} {shown(value)}"


def shown(value: object) -> str:
    """``value`` as a message shows it: JSON's spelling (``null``, ``true``, ``12.5``,
    ``{"a": 1}``), text quoted, anything long cut short."""
    if isinstance(value, str):
        if len(value) > _SHOWN_CHARS:
            return f"{value[: _SHOWN_CHARS - 20]!r}… ({len(value)} characters)"
        return repr(value)
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    text = _spelled(value, _SHOWN_CHARS, 0)
    return text if len(text) <= _SHOWN_CHARS else f"{text[: _SHOWN_CHARS - 1]}…"


def _spelled(value: object, room: int, depth: int) -> str:
    """JSON's spelling of ``value``, written only until it is longer than ``room`` (the core may
    not import :mod:`json`, and a message needs no more)."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, str):
        escaped = value[:room].replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"' if len(value) <= room else f'"{escaped}…'
    if isinstance(value, int) and value.bit_length() > 4 * room:  # str() of it would be slow
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, Mapping | list | tuple):
        return "…" if depth > 8 else _spelled_container(value, room, depth)
    return repr(value)[:room]


def _spelled_container(
    value: Mapping[object, object] | list[object] | tuple[object, ...], room: int, depth: int
) -> str:
    mapping = isinstance(value, Mapping)
    pairs = value.items() if isinstance(value, Mapping) else ((None, v) for v in value)
    parts: list[str] = []
    size = 0
    for key, item in pairs:
        if size > room:
            parts.append("…")
            break
        part = _spelled(item, room - size, depth + 1)
        if mapping:
            part = f"{_spelled(str(key), room, depth + 1)}: {part}"
        parts.append(part)
        size += len(part) + 2
    inner = ", ".join(parts)
    return f"{{{inner}}}" if mapping else f"[{inner}]"


@attrs.frozen
class Problem:
    """One fault in an input: where it is (a field path, ``""`` for the whole record) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def join_path(prefix: str, path: str) -> str:
    """Join two field paths: ``join_path("records[3]", "grade") == "records[3].grade"``."""
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"


class ZsQualityError(Exception):
    """Base of every error zs_quality raises on purpose.

    ``problems`` holds one or more :class:`Problem`; ``file`` and ``line`` say where the input
    came from when it came from a file.
    """

    def __init__(
        self,
        message: str | Iterable[Problem],
        *,
        path: str = "",
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        if isinstance(message, str):
            problems: tuple[Problem, ...] = (Problem(path, message),)
        else:
            problems = tuple(Problem(join_path(path, p.path), p.message) for p in message)
            if not problems:
                raise ValueError("an error needs at least one problem")
        self.problems = problems
        self.file = file
        self.line = line
        super().__init__(str(self))

    @property
    def path(self) -> str:
        """The field path of the first problem."""
        return self.problems[0].path

    @property
    def message(self) -> str:
        """The message of the first problem, without its location."""
        return self.problems[0].message

    def located(self, *, file: str | None = None, line: int | None = None, path: str = "") -> Self:
        """A copy of this error of the same class, placed in ``file`` at ``line`` under ``path``."""
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        ZsQualityError.__init__(
            clone,
            self.problems,
            path=path,
            file=file if file is not None else self.file,
            line=line if line is not None else self.line,
        )
        return clone

    def problems_data(self) -> list[dict[str, str]]:
        """The problems as JSON-ready data: ``[{"path": ..., "message": ...}, ...]``."""
        return [{"path": p.path, "message": p.message} for p in self.problems]

    def where(self) -> str:
        """``file:line`` (or the part of it that is known), empty when neither is."""
        if self.file is None:
            return "" if self.line is None else f"line {self.line}"
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        where = self.where()
        body = "; ".join(str(p) for p in self.problems)
        return f"{where}: {body}" if where else body

    def __reduce__(self) -> tuple[object, ...]:
        # Keep errors picklable so that worker processes can return them.
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type[ZsQualityError], state: dict[str, object]) -> ZsQualityError:
    err = cls.__new__(cls)
    err.__dict__.update(state)
    Exception.__init__(err, str(err))
    return err


class InputError(ZsQualityError, ValueError):
    """A record, submission or argument is malformed or breaks a model's rules."""


class USCCError(InputError):
    """A unified social credit code (统一社会信用代码) breaks GB 32100-2015.

    ``rule`` names the rule that failed (``length``, ``charset``, ``division``, ``check``) and
    ``position`` the 1-based character position, when there is one.
    """

    def __init__(
        self, message: str, *, rule: str, position: int | None = None, path: str = ""
    ) -> None:
        self.rule = rule
        self.position = position
        super().__init__(message, path=path)


class RulesetError(ZsQualityError):
    """A ruleset, criteria or other policy-data file is malformed or inconsistent."""


class TransitionError(InputError):
    """A registry entry was asked to move between two states that its lifecycle does not join.

    It is an :class:`InputError`: a history with an illegal move is bad input, wherever it came
    from."""


class UnknownReferenceError(ZsQualityError, LookupError):
    """A ruleset, criteria set or title level was named by an id that does not exist.

    A client's mistake (a typo in an id, a version not shipped), told apart from a malformed
    policy file (:class:`RulesetError`): catch it as a :class:`LookupError` too. The command line
    exits 2 for both."""
