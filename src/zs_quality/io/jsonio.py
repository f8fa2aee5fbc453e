"""JSON and JSON Lines in and out, exact and bounded: numbers are read as Decimal, never float.

Reading (:func:`loads`) refuses what JSON does not define or what would silently lose data:
``NaN`` and infinities, a key given twice in one object (JSON leaves which value wins undefined),
numbers beyond the limits of :mod:`zs_quality.limits` and nesting deeper than
:data:`~zs_quality.limits.MAX_DEPTH`, each checked before anything is converted.

Files are read by :func:`read_json_or_lines` through :mod:`zs_quality.reading` (encodings, BOM,
line ends): JSON Lines, one JSON array, or one JSON document spread over several lines.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import orjson

from zs_quality.errors import InputError
from zs_quality.limits import (
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    MAX_MAGNITUDE_DIGITS,
    MAX_RECORD_BYTES,
)
from zs_quality.model.numbers import integer_from_text, number_from_text
from zs_quality.reading import (
    DEFAULT_ENCODING,
    LineReader,
    RawBlock,
    RawLine,
    block_lines,
    display_name,
    encoding_name,
    open_input,
    raw_lines,
)

__all__ = [
    "Line",
    "dumps",
    "loads",
    "read_block",
    "read_json_or_blocks",
    "read_json_or_lines",
    "read_lines",
    "read_one",
    "string_json",
]


def _no_constant(name: str) -> Any:
    raise InputError(f"{name} is not a number JSON allows")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise InputError(
                    f"the key {key!r} is given twice in one object (which value counts would "
                    "be a guess)"
                )
            seen.add(key)
    return obj


# One decoder for every record: json.loads would build a new decoder (and scanner) per call.
_DECODER = json.JSONDecoder(
    parse_float=number_from_text,
    parse_int=integer_from_text,
    parse_constant=_no_constant,
    object_pairs_hook=_object,
)

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?')
_BRACKETS = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deep the objects and arrays of JSON ``text`` nest (strings skipped)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(_STRING.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _check_text(value: Any) -> None:
    """Refuse a string holding a lone surrogate (an escape such as ``\\ud800`` with no pair):
    JSON's syntax allows it, but it is no character, and no output could hold it."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(value[exc.start])
            raise InputError(
                f"\\u{code:04x} is half of a surrogate pair, not a character"
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)


def _check_depth(text: str) -> None:
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise InputError(f"nested {depth} levels deep; at most {MAX_DEPTH} levels are read")


_BOUND = 10**MAX_MAGNITUDE_DIGITS

# What _fast looks for, in text and in UTF-8 bytes: a backslash, a colon.
_TEXT_MARKS = ("\\", ":")
_BYTE_MARKS = (b"\\", b":")


def _pairs(value: Any) -> int:
    """The key-value pairs in the objects of orjson's reading, or -1 when a number in it needs
    the exact reading (a fraction or exponent, which orjson reads as float, or an integer beyond
    the limits) or when it nests deeper than ``MAX_DEPTH``. Walked a level at a time, in loops
    rather than recursion: it runs for every record."""
    level = [value]
    pairs = 0
    for _ in range(MAX_DEPTH):
        deeper = []
        for container in level:
            if type(container) is dict:
                pairs += len(container)
                container = container.values()
            for item in container:
                kind = type(item)
                if kind is str:
                    continue
                if kind is dict or kind is list:
                    deeper.append(item)
                elif kind is float or (kind is int and not -_BOUND < item < _BOUND):
                    return -1
        if not deeper:
            return pairs
        level = deeper
    return -1  # deeper than MAX_DEPTH: the exact reading refuses it, in its words


# What _fast returns for a text orjson read whose reading is not the exact one.
_INEXACT = object()


def _fast(text: str | bytes) -> Any:
    """orjson's reading of ``text`` when it is the exact one; ``_INEXACT`` when orjson read it
    but a number needs the exact reading (a fraction or exponent, which orjson reads as a float,
    or an integer beyond the limits), a key may have been given twice, it nests deeper than
    ``MAX_DEPTH``, or it is not an object or an array (which the exact reading reads as well);
    else ``None``.

    Every key of an object is followed by a colon, and a colon can stand nowhere else but in a
    string. So the text holds at least as many colons as the objects read hold keys, and as many
    only when no key was given twice (orjson keeps the last value silently) and no string holds a
    colon; otherwise the exact reading decides. A backslash (an escape, perhaps of half a
    surrogate pair) leaves the text to the exact reading. UTF-8 bytes are read alike: no byte of
    a character beyond ASCII is a colon or a backslash, and orjson refuses what is not UTF-8."""
    backslash, colon = _BYTE_MARKS if type(text) is bytes else _TEXT_MARKS
    if backslash in text:  # type: ignore[operator]  # the marks are of the text's own type
        return None
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None  # the exact reading says what is wrong, in its words
    if type(data) in (dict, list) and _pairs(data) == text.count(colon):  # type: ignore[arg-type]
        return data
    return _INEXACT


def loads(
    text: str,
    *,
    file: str | None = None,
    line: int | None = None,
    path: str = "",
    column: int = 0,
) -> Any:
    """Parse JSON text (see the module docs for what is refused); numbers with a fraction or an
    exponent become :class:`Decimal`. Errors are :class:`InputError` placed at ``file``,
    ``line`` and ``path``; ``column`` is where ``text`` starts on its first line."""
    return _loads(text, file, line, path, column, fast=True)


def _loads(
    text: str, file: str | None, line: int | None, path: str, column: int, *, fast: bool
) -> Any:
    """:func:`loads`; without ``fast`` orjson is not tried (it has read the text, inexactly)."""
    try:
        if text[:1] == "\ufeff":
            text = text[1:]
        # orjson reads a plain record several times faster (_fast checks its depth against the
        # limit); the exact decoder reads the rest.
        read = _fast(text) if fast else None
        if read is not None and read is not _INEXACT:
            return read
        # Counting brackets is nearly free and settles almost every record's depth.
        if text.count("[") + text.count("{") > MAX_DEPTH:
            _check_depth(text)
        data = _DECODER.decode(text)
        # Half a surrogate pair is no character: escaped (\ud800), found in the strings read, or
        # raw in a text a caller built (text decoded from a file holds none), which orjson
        # refused if it was tried: the same refusal, of the same first half pair.
        if "\\ud" in text or "\\uD" in text:
            _check_text(data)
        elif fast and read is None and not text.isascii():
            _check_text(text)
        return data
    except json.JSONDecodeError as exc:
        at = exc.colno + (column if exc.lineno == 1 else 0)
        where = line + exc.lineno - 1 if line is not None else exc.lineno
        raise InputError(
            f"not valid JSON: {exc.msg} (column {at})", file=file, line=where, path=path
        ) from None
    except InputError as exc:
        raise exc.located(file=file, line=line, path=path) from None


def _default(value: object) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON data")


# Characters that many readers take for a line end although JSON does not (Python's splitlines,
# JavaScript before ES2019): written as escapes, a JSON Lines record stays on its line for all.
_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _escape_break(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text for JSON-ready ``data`` (text, integers, booleans, ``None``, Decimals, written as
    text, and lists, tuples and objects of them), as ``json.dumps(data, ensure_ascii=False,
    indent=indent)`` writes it; Chinese stays readable (no ``\\u`` escapes but for the three
    characters some readers take for line ends: U+0085, U+2028, U+2029).

    ``indent=2`` (every indented output of the library) is written by orjson, byte for byte as
    json writes it, or by json when orjson refuses the data (an integer beyond 64 bits, a key
    that is not text, half a surrogate pair, nesting deeper than orjson goes). Two things the
    library never writes are written indented as orjson writes them: a float (its numbers are
    Decimal) in orjson's shortest form, and an enumeration member (its data holds their values)
    as its value, which json refuses."""
    text = _ENCODER.encode(data) if indent is None else _indented(data, indent)
    # Three substring tests cost less than one search of a character class.
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        return text
    return _LINE_BREAKS.sub(_escape_break, text)


# Like _DECODER: json.dumps with options builds a new encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_default)

# Dates and dataclasses go to _default, which refuses them as json does; orjson would write them.
_INDENTED = orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def _indented(data: Any, indent: int) -> str:
    # json's encoder writes indented text in Python (its C encoder does not indent), building a
    # list of every piece first: orjson writes a comparison of 50,000 enterprises seven times
    # faster (0.38 s -> 0.055 s), without the list. tests/test_jsonio_fast.py compares the two.
    if indent == 2:
        try:
            return orjson.dumps(data, default=_default, option=_INDENTED).decode()
        except orjson.JSONEncodeError:
            pass  # json writes what orjson refuses, or refuses it in its own words
    return json.dumps(data, ensure_ascii=False, indent=indent, default=_default)


# The C encoder's own string escape (ensure_ascii=False), called directly: a batch calls it for
# every text of every result.
string_json: Callable[[str], str] = json.encoder.encode_basestring
"""A text as a JSON string, as :func:`dumps` writes it: quoted, escaped, Chinese kept (the three
line-end characters are left to whoever writes the whole line)."""


@attrs.frozen
class Line:
    """One record read from a file: its 1-based line number and its data or the error it raised.

    A record read with ``parse=False`` carries its unparsed ``text`` instead, so that whoever
    scores it (a worker process) parses it. ``path`` places the record in the file: ``[3]`` for
    the fourth element of a JSON array, ``""`` otherwise; errors about the record start with it.
    """

    number: int
    data: Any = None
    error: InputError | None = None
    text: str | None = None
    path: str = ""
    column: int = 0

    def parsed(self, *, file: str | None = None) -> Line:
        """This line with its ``text`` parsed into ``data`` or ``error``."""
        if self.text is None:
            return self
        try:
            data = loads(self.text, file=file, line=self.number, path=self.path, column=self.column)
        except InputError as exc:
            return Line(self.number, error=exc, path=self.path)
        return Line(self.number, data, path=self.path)


def read_lines(stream: Iterable[str], *, file: str, parse: bool = True) -> Iterator[Line]:
    """Yield each non-blank line of JSON Lines text, parsed, or with the error it raised (with
    ``parse=False``, unparsed: see :attr:`Line.text`). ``stream`` yields lines of text, such as
    a list of strings; files are read with :func:`read_json_or_lines`."""
    for number, text in enumerate(stream, start=1):
        if text.strip():
            yield _line(number, text.rstrip("\r\n"), file, parse)


def _line(number: int, text: str, file: str, parse: bool, *, fast: bool = True) -> Line:
    if not parse:
        return Line(number, text=text)
    try:
        return Line(number, _loads(text, file, number, "", 0, fast=fast))
    except InputError as exc:
        return Line(number, error=exc)


def _json_lines(raws: Iterable[RawLine], file: str, parse: bool) -> Iterator[Line]:
    for number, _, text, error, _ in raws:
        if error is not None:
            yield Line(number, error=error)
        elif text and not text.isspace():
            yield _line(number, text, file, parse)


def _incomplete(text: str) -> bool:
    """Whether ``text`` is the start of a JSON value that goes on past its end (the first line of
    a document written over several lines), rather than a value or a broken one."""
    stripped = text.strip()
    try:
        _DECODER.decode(stripped)
    except json.JSONDecodeError as exc:
        return exc.pos >= len(stripped)
    except (InputError, RecursionError):
        return False
    return False


def _document(first: RawLine, rest: Iterator[RawLine], file: str, parse: bool) -> Iterator[Line]:
    """A file whose first line opens a value it does not close: one JSON document written over
    several lines, as ``json.dump(..., indent=2)`` writes it. If the whole file does not parse
    but some of its lines do (JSON Lines whose first line was cut short), it is JSON Lines."""
    held = [first]
    size = len(first.text)
    for raw in rest:
        held.append(raw)
        size += len(raw.text) + 1
        if size > MAX_DOCUMENT_BYTES:
            # Too large for one document: JSON Lines, streamed from here on.
            yield from _json_lines(itertools.chain(held, rest), file, parse)
            return
    failed = next((raw.error for raw in held if raw.error is not None), None)
    if failed is None:
        text = "\n".join(raw.text for raw in held)
        try:
            if len(text) > MAX_RECORD_BYTES:
                raise InputError(
                    f"the document is longer than {MAX_RECORD_BYTES:,} bytes (the limit for one "
                    "record)"
                )
            yield Line(first.number, loads(text, file=file, line=first.number))
            return
        except InputError as exc:
            failed = exc.located(file=file, line=exc.line or first.number)
    lines = list(_json_lines(held, file, parse=True))
    if any(line.error is None for line in lines):
        yield from lines if parse else _json_lines(held, file, parse)
    else:
        yield Line(failed.line or first.number, error=failed)


# A JSON array is split into elements at its top-level commas: strings (which never span lines)
# are skipped whole, an unterminated one to the end of its line.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{},]')


@attrs.define
class _Element:
    """The element of a JSON array being collected."""

    index: int
    parts: list[str] = attrs.field(factory=list)
    size: int = 0
    line: int | None = None
    column: int = 0
    error: InputError | None = None

    def add(self, text: str, number: int, column: int) -> None:
        if self.line is None:
            stripped = text.lstrip()
            if not stripped:
                return
            self.line, self.column = number, column + len(text) - len(stripped)
            text = stripped
        if self.error is not None:
            return
        self.size += len(text)
        if self.size > MAX_RECORD_BYTES:
            self.error = InputError(
                f"the element is longer than {MAX_RECORD_BYTES:,} bytes (the limit for one record)"
            )
            self.parts.clear()
            return
        self.parts.append(text)

    def fail(self, error: InputError, number: int) -> None:
        if self.line is None:
            self.line = number
        if self.error is None:
            self.error = error
            self.parts.clear()


class _ArrayReader:
    """Splits the lines of a file holding one JSON array into its elements, streaming."""

    def __init__(self, file: str, parse: bool) -> None:
        self.file = file
        self.parse = parse
        self.depth = 0
        self.closed = False
        self.element = _Element(0)
        self.last = 0

    def _finish(self, number: int, *, last: bool) -> Iterator[Line]:
        element = self.element
        self.element = _Element(element.index + 1)
        path = f"[{element.index}]"
        if element.error is not None:
            yield Line(
                element.line or number,
                error=element.error.located(file=self.file, line=element.line or number),
                path=path,
            )
            return
        text = "".join(element.parts).rstrip()
        if not text:
            if last and element.index == 0:
                return  # [] holds no element
            yield Line(
                number,
                error=InputError(
                    "an empty element (two commas in a row, or a comma before the closing ']')",
                    file=self.file,
                    line=number,
                    path=path,
                ),
                path=path,
            )
            return
        line = Line(element.line or number, text=text, path=path, column=element.column)
        yield line.parsed(file=self.file) if self.parse else line

    def _after_end(self, number: int, text: str, error: InputError | None) -> Iterator[Line]:
        if error is not None:
            yield Line(number, error=error)
        elif text.strip():
            message = "text after the end of the JSON array"
            yield Line(number, error=InputError(message, file=self.file, line=number))

    def feed(self, raw: RawLine) -> Iterator[Line]:
        number, text, error = raw.number, raw.text, raw.error
        self.last = number
        if self.closed:
            yield from self._after_end(number, text, error)
            return
        if error is not None:
            self.element.fail(error, number)
            if not raw.whole:
                # Only the end of an over-long line was kept: its brackets cannot be followed, but
                # a comma at its end still ends the element.
                if text.rstrip().endswith(","):
                    yield from self._finish(number, last=False)
                return
        yield from self._split(number, text)

    def _split(self, number: int, text: str) -> Iterator[Line]:
        """The elements that end on this line, by its top-level commas and closing bracket."""
        start = 0
        for match in _TOKENS.finditer(text):
            token = match.group()
            if token[0] == '"':
                continue
            if token in "[{":
                self.depth += 1
                if self.depth == 1:  # the array's own opening bracket
                    start = match.end()
            elif token == "," and self.depth == 1:
                self.element.add(text[start : match.start()], number, start)
                yield from self._finish(number, last=False)
                start = match.end()
            elif token in "]}":
                self.depth -= 1
                if self.depth <= 0:
                    self.element.add(text[start : match.start()], number, start)
                    yield from self._finish(number, last=True)
                    self.closed = True
                    yield from self._after_end(number, text[match.end() :], None)
                    return
        self.element.add(text[start:] + "\n", number, start)

    def end(self) -> Iterator[Line]:
        if self.closed:
            return
        if self.element.line is not None or self.element.error is not None:
            yield from self._finish(self.last, last=False)
        yield Line(
            self.last,
            error=InputError(
                "the JSON array is not closed: the file ends inside it (cut short?)",
                file=self.file,
                line=self.last,
            ),
        )


def _array(raws: Iterable[RawLine], file: str, parse: bool) -> Iterator[Line]:
    reader = _ArrayReader(file, parse)
    for raw in raws:
        yield from reader.feed(raw)
    yield from reader.end()


def _form(raw: RawLine) -> str:
    """What the first lines of a file say it holds, line by line until one decides: ``error`` (an
    unreadable line), ``blank``, or the form of the file: ``array``, ``document`` or ``lines``."""
    if raw.error is not None:
        return "error"
    head = raw.text.lstrip()
    if not head:
        return "blank"
    if head.startswith("["):
        return "array"
    if head.startswith("{") and _incomplete(raw.text):
        return "document"
    return "lines"


def _leading(raws: Iterator[RawLine]) -> Generator[Line, None, tuple[RawLine, str] | None]:
    """The error of each unreadable line before the first record (blank lines are skipped);
    returns the first record's line and the form it says the file has (``None`` for none)."""
    for raw in raws:
        form = _form(raw)
        if form == "error":
            yield Line(raw.number, error=raw.error)
        elif form != "blank":
            return raw, form
    return None


def read_records(raws: Iterator[RawLine], *, file: str, parse: bool = True) -> Iterator[Line]:
    """The records of a file's lines (see :func:`read_json_or_lines`)."""
    first = yield from _leading(raws)
    if first is None:
        return
    yield from _records_of(*first, raws, file, parse)


def _records_of(
    raw: RawLine, form: str, raws: Iterator[RawLine], file: str, parse: bool
) -> Iterator[Line]:
    """The records of a file whose first record is on ``raw``, in the ``form`` it says."""
    if form == "array":
        yield from _array(itertools.chain([raw], raws), file, parse)
    elif form == "document":
        yield from _document(raw, raws, file, parse)
    else:
        yield from _json_lines(itertools.chain([raw], raws), file, parse)


def read_json_or_lines(
    path: str | Path, *, parse: bool = True, encoding: str = DEFAULT_ENCODING
) -> Iterator[Line]:
    """Read the records of a file, or of ``-`` (standard input), in constant memory.

    The first character that is not white space decides the form: ``[`` opens one JSON array,
    whose elements are the records (each with its index as :attr:`Line.path`); ``{`` on a line
    that does not close it opens one JSON document written over several lines; anything else is
    JSON Lines, one record a line, each line read on its own, so a bad line costs only itself.
    ``parse=False`` leaves each record's text unparsed. Text is decoded as ``encoding`` (see
    :mod:`zs_quality.reading`).
    """
    name = display_name(path)
    codec = encoding_name(encoding)
    stream = open_input(path)
    try:
        yield from read_records(
            raw_lines(stream, file=name, encoding=codec), file=name, parse=parse
        )
    finally:
        if str(path) != "-":
            stream.close()


def read_json_or_blocks(
    path: str | Path, *, encoding: str = DEFAULT_ENCODING, size: int = 1 << 20
) -> Iterator[Line | RawBlock]:
    """The records of a file as :func:`read_json_or_lines` reads them with ``parse=False``, but
    a JSON Lines file's lines after its first record come in blocks of about ``size`` bytes,
    undecoded (:class:`~zs_quality.reading.RawBlock`; :func:`read_block` reads one), so that
    whoever reads the file only cuts it at line ends. Arrays and documents come as lines."""
    name = display_name(path)
    codec = encoding_name(encoding)
    stream = open_input(path)
    try:
        reader = LineReader(stream, file=name, encoding=codec)
        raws = iter(reader)
        first = yield from _leading(raws)
        if first is None:
            return
        raw, form = first
        if form != "lines":
            yield from _records_of(raw, form, raws, name, False)
            return
        yield from _json_lines([raw], name, parse=False)
        for part in reader.blocks(size):
            if isinstance(part, RawBlock):
                yield part
            else:  # a line too long to read: refused here, as _json_lines does
                yield from _json_lines([part], name, parse=False)
    finally:
        if str(path) != "-":
            stream.close()


def read_block(block: RawBlock, *, file: str) -> Iterator[Line]:
    """The records of a block of JSON Lines, parsed, as :func:`read_json_or_lines` reads them."""
    if block.encoding != "utf-8":
        return _json_lines(block_lines(block, file=file), file, parse=True)
    return _utf8_block(block, file)


def _utf8_block(block: RawBlock, file: str) -> Iterator[Line]:
    """:func:`read_block` for UTF-8: orjson reads each line's bytes as they are (and checks them
    as UTF-8), where decoding the line to text would have it encode the text back. The lines it
    does not read (not JSON, a byte that is not UTF-8, a byte-order mark, a backslash, a line
    longer than the limit, a blank one) are read as text, the one way, a run of them at a time;
    a line it read but perhaps not exactly (a fraction, a colon in a string, a key given twice,
    nesting deeper than the limit) goes to the exact decoder at once. So every refusal and its
    words are the text path's."""
    lines = block.data.split(b"\n")
    last = lines.pop()  # what follows the last line end: the file's last line, or nothing
    ends = itertools.chain(itertools.repeat(b"\n", len(lines)), [b""])
    if last:
        lines.append(last)
    at = 0
    held: tuple[int, int] | None = None  # the number and place of the first line held for text
    for number, (raw, end) in enumerate(zip(lines, ends, strict=False), start=block.number):
        start, at = at, at + len(raw) + len(end)
        # orjson takes a line's "\r" for white space, and refuses a blank line or a byte-order
        # mark: the text path skips the one and drops the other.
        data = _fast(raw) if len(raw) <= MAX_RECORD_BYTES else None
        if data is None:
            held = held or (number, start)
            continue
        if held is not None:
            yield from _as_text(block, held, start, file)
            held = None
        if data is _INEXACT:
            # orjson read it, so it is UTF-8 with no byte-order mark and no backslash: read it
            # exactly, as the text path would, without trying orjson again.
            yield _line(number, raw.decode("utf-8"), file, parse=True, fast=False)
        else:
            yield Line(number, data)
    if held is not None:
        yield from _as_text(block, held, at, file)


def _as_text(block: RawBlock, held: tuple[int, int], stop: int, file: str) -> Iterator[Line]:
    """The lines of ``block`` from ``held`` (a line's number and where it starts in the block) up
    to byte ``stop``, read as text."""
    number, start = held
    part = RawBlock(number, block.offset + start, block.data[start:stop], block.encoding)
    return _json_lines(block_lines(part, file=file), file, parse=True)


def read_one(path: str | Path, *, encoding: str = DEFAULT_ENCODING) -> Line:
    """The one record of a JSON file (a document, or a file of one line); anything else, or a
    record that is not JSON, raises :class:`InputError`."""
    name = display_name(path)
    lines = list(itertools.islice(read_json_or_lines(path, encoding=encoding), 2))
    if len(lines) != 1:
        raise InputError(
            f"expected one JSON record, found {'none' if not lines else 'several'}", file=name
        )
    if lines[0].error is not None:
        raise lines[0].error
    return lines[0]
