"""JSON and JSON Lines in and out, exact: numbers are read as Decimal, never float."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import attrs

from zs_quality.errors import InputError

__all__ = ["Line", "dumps", "loads", "open_text", "read_json_or_lines", "read_lines"]


def loads(text: str, *, file: str | None = None, line: int | None = None) -> Any:
    """Parse JSON text; numbers with a fraction or exponent become :class:`Decimal`."""
    try:
        if isinstance(text, str) and not text.startswith("\ufeff"):
            return _DECODER.decode(text)
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        at = line if line is not None else exc.lineno
        raise InputError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", file=file, line=at
        ) from None
    except InputError as exc:
        raise exc.located(file=file, line=line) from None


def _no_constant(name: str) -> Any:
    raise InputError(f"{name} is not a number JSON allows")


# One decoder for every line: json.loads would build a new decoder (and scanner) per call. Text
# with a byte-order mark goes through json.loads for its clearer message.
_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_no_constant)


def _default(value: object) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON data")


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text for JSON-ready ``data``; Chinese stays readable (no ``\\u`` escapes)."""
    if indent is None:
        return _ENCODER.encode(data)
    return json.dumps(data, ensure_ascii=False, indent=indent, default=_default)


# Like _DECODER: json.dumps with options builds a new encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_default)


@attrs.frozen
class Line:
    """One record read from a file: its 1-based line number and its data or the error it raised.

    A JSON Lines record read with ``parse=False`` carries its unparsed ``text`` instead, so that
    whoever scores it (a worker process) parses it.
    """

    number: int
    data: Any = None
    error: InputError | None = None
    text: str | None = None

    def parsed(self, *, file: str | None = None) -> Line:
        """This line with its ``text`` parsed into ``data`` or ``error``."""
        if self.text is None:
            return self
        try:
            return Line(self.number, loads(self.text, file=file, line=self.number))
        except InputError as exc:
            return Line(self.number, error=exc)


def open_text(path: str) -> IO[str]:
    """Open ``path`` for reading as UTF-8 text; ``-`` is standard input."""
    if path == "-":
        return sys.stdin
    try:
        return Path(path).open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=path) from None


def read_lines(stream: Iterable[str], *, file: str, parse: bool = True) -> Iterator[Line]:
    """Yield each non-blank line of a JSON Lines stream, parsed, or with the error it raised
    (with ``parse=False``, unparsed: see :attr:`Line.text`)."""
    for number, text in enumerate(stream, start=1):
        if not text.strip():
            continue
        if not parse:
            yield Line(number, text=text)
            continue
        try:
            yield Line(number, loads(text, file=file, line=number))
        except InputError as exc:
            yield Line(number, error=exc)


def read_json_or_lines(path: str, *, parse: bool = True) -> Iterator[Line]:
    """Read records from a JSON Lines file, a JSON file, or ``-`` (standard input).

    When the first non-blank line is a JSON value on its own, the input is JSON Lines and is
    streamed line by line (constant memory); ``parse=False`` leaves each line's text unparsed.
    Otherwise the whole input is one JSON document: an array of records, or a single record.
    """
    name = "<stdin>" if path == "-" else path
    stream = open_text(path)
    try:
        head: list[str] = []
        for text in stream:
            head.append(text)
            if text.strip():
                break
        first = head[-1] if head else ""
        try:
            loads(first)
        except InputError:
            yield from _whole_document("".join(head) + stream.read(), len(head), name)
            return
        yield from read_lines(itertools.chain(head, stream), file=name, parse=parse)
    finally:
        if stream is not sys.stdin:
            stream.close()


def _whole_document(text: str, first_line: int, name: str) -> Iterator[Line]:
    try:
        whole = loads(text, file=name)
    except InputError as exc:
        yield Line(exc.line or first_line, error=exc)
        return
    for item in whole if isinstance(whole, list) else [whole]:
        yield Line(first_line, item)
