"""Bytes to text, the one way every file is read: encodings, byte-order marks, line ends, limits.

The files a bureau has come from Excel, Chinese Windows programs, web exports and scripts. This
module reads them all alike:

* UTF-8 by default, with or without a byte-order mark (BOM); any other ASCII-compatible encoding
  by name (``gb18030``, which also covers GBK and GB2312; ``gbk``, ``gb2312`` and ``cp936`` are
  read as ``gb18030``). A BOM at the start of a file says which encoding it is and wins over the
  name given. UTF-16 and UTF-32 files are refused with a message that says so.
* A line ends at ``\\n`` (with or without ``\\r`` before it); a lone ``\\r`` does not end a line, so
  line numbers are the file's own. The last line needs no newline.
* A line that cannot be decoded is one bad line, with its number, the byte offset of the first
  bad byte and a hint; the other lines are read.
* A line longer than :data:`~zs_quality.limits.MAX_RECORD_BYTES` is refused without being read
  into memory; a file read whole may not exceed :data:`~zs_quality.limits.MAX_DOCUMENT_BYTES`.

In a batch's blocks of UTF-8 JSON Lines most lines skip the decoding:
:func:`zs_quality.io.jsonio.read_block` hands each line's bytes to orjson, which refuses what is
not UTF-8, and reads here, as text, every line orjson does not settle.
"""

from __future__ import annotations

import codecs
import errno
import io
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

from zs_quality.errors import InputError, ZsQualityError
from zs_quality.limits import MAX_DOCUMENT_BYTES, MAX_RECORD_BYTES

__all__ = [
    "DEFAULT_ENCODING",
    "LineReader",
    "RawBlock",
    "RawLine",
    "block_lines",
    "decode_text",
    "display_name",
    "encoding_name",
    "open_input",
    "raw_lines",
    "read_text",
]

DEFAULT_ENCODING = "utf-8"
"""The encoding of every file unless another is named."""

# GB18030 is a superset of GBK and GB2312 (every GBK byte sequence means the same character in
# GB18030), so one codec reads all three; Excel's "ANSI" on Chinese Windows is code page 936 (GBK).
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "936": "gb18030"}

# Byte-order marks: the encoding a file that starts with one is in, whatever name was given.
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (b"\x84\x31\x95\x33", "gb18030"))
_UNSUPPORTED_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Text every supported encoding writes exactly as ASCII does: the JSON and TOML syntax.
_ASCII_PROBE = (
    "\n\r\t {}[]\":,=.-+_#'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

_SKIP_CHUNK = 1 << 16


def encoding_name(name: str) -> str:
    """The codec to read ``name`` with: checked, with ``gbk``, ``gb2312`` and ``cp936`` read as
    ``gb18030``. An unknown encoding, or one that does not write JSON and TOML syntax as ASCII
    does (UTF-16, UTF-32, EBCDIC), is an :class:`InputError`."""
    wanted = name.strip().lower()
    try:
        codec = codecs.lookup(_ALIASES.get(wanted, wanted))
    except LookupError:
        raise InputError(f"unknown encoding {name!r}", path="encoding") from None
    try:
        ascii_compatible = _ASCII_PROBE.encode(codec.name) == _ASCII_PROBE.encode("ascii")
    except (UnicodeError, LookupError, TypeError):
        ascii_compatible = False
    if not ascii_compatible:
        raise InputError(
            f"encoding {name!r} is not supported: save the file as UTF-8 (or GB18030)",
            path="encoding",
        )
    return codec.name


def display_name(path: str | Path) -> str:
    """The name errors give a file: its path, or ``<stdin>`` for ``-``."""
    return "<stdin>" if str(path) == "-" else str(path)


def open_input(path: str | Path) -> IO[bytes]:
    """Open ``path`` for reading bytes; ``-`` is standard input.

    A file that cannot be opened is an :class:`InputError` naming it; a closed standard input is
    an :class:`OSError` (a fault of the environment, not of the input).
    """
    if str(path) == "-":
        if sys.stdin is None:
            raise OSError(errno.EBADF, "standard input is closed")
        buffer: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a text-only stand-in (io.StringIO in a notebook or a test)
            return io.BytesIO(sys.stdin.read().encode(DEFAULT_ENCODING))
        return buffer
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None


def _hint(codec: str) -> str:
    if codec == "utf-8":
        return (
            "a file saved by Excel or a Chinese Windows program is usually GB18030: "
            "try --encoding gb18030 (encoding='gb18030' in Python)"
        )
    return "check the file's encoding (--encoding; UTF-8 is the default)"


def _undecodable(
    exc: UnicodeDecodeError, codec: str, offset: int, *, file: str, line: int | None
) -> InputError:
    bad = exc.object[exc.start : exc.start + 1].hex()
    return InputError(
        f"cannot be read as {codec}: byte 0x{bad} at byte offset {offset + exc.start} "
        f"({exc.reason}); {_hint(codec)}",
        file=file,
        line=line,
    )


def _sniff(head: bytes, codec: str, file: str) -> tuple[int, str]:
    """The length of the byte-order mark ``head`` starts with (0 without one), and the codec."""
    for bom, name in _UNSUPPORTED_BOMS:
        if head.startswith(bom):
            raise InputError(
                f"the file is {name} (it starts with a {name} byte-order mark); "
                "save it as UTF-8 (or GB18030) and read it again",
                file=file,
            )
    for bom, name in _BOMS:
        if head.startswith(bom):
            return len(bom), name
    return 0, codec


class RawLine(NamedTuple):
    """One line of a file: its 1-based ``number``, the byte ``offset`` where it starts, its
    ``text`` without the line end, and the ``error`` that kept it from being read. Then ``text``
    is what could be read: the line with undecodable bytes replaced, or only the last bytes of an
    over-long line (``whole`` is false)."""

    number: int
    offset: int
    text: str
    error: InputError | None
    whole: bool = True


def _skip_rest(stream: IO[bytes]) -> tuple[int, bytes]:
    """Read past the rest of an over-long line in chunks; return how many bytes were skipped and
    the line's last bytes (which say, for instance, whether it ended with a comma)."""
    skipped = 0
    tail = b""
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk:
            return skipped, tail
        skipped += len(chunk)
        tail = (tail + chunk)[-256:]
        if chunk.endswith(b"\n"):
            return skipped, tail


class RawBlock(NamedTuple):
    """Whole lines of a file, undecoded: the ``number`` of the first, the byte ``offset`` where
    it starts, the ``data`` and the ``encoding`` of the file. :func:`block_lines` reads them as
    :func:`raw_lines` would have."""

    number: int
    offset: int
    data: bytes
    encoding: str


class LineReader:
    """The lines of ``stream`` as :func:`raw_lines` reads them, keeping its place: the number of
    the last line read, the byte offset of the next and the codec (a byte-order mark on the first
    line chooses it). After reading lines one by one (to see the form of a file), a reader can go
    on in :meth:`blocks` of whole lines, undecoded, for worker processes to decode.

    ``number`` and ``offset`` say where ``stream`` starts in its file; ``sniff`` reads a
    byte-order mark on its first line (a stream that starts a file)."""

    def __init__(
        self,
        stream: IO[bytes],
        *,
        file: str,
        encoding: str = DEFAULT_ENCODING,
        number: int = 0,
        offset: int = 0,
        sniff: bool = True,
    ) -> None:
        self.stream = stream
        self.file = file
        self.codec = encoding
        self.number = number
        self.offset = offset
        self.sniff = sniff

    def __iter__(self) -> Iterator[RawLine]:
        stream, file, codec = self.stream, self.file, self.codec
        limit = MAX_RECORD_BYTES
        offset = self.offset
        number = self.number
        while True:
            raw = stream.readline(limit + 1)
            if not raw:
                return
            number += 1
            start = offset
            offset += len(raw)
            if self.sniff:
                self.sniff = False
                skip, codec = _sniff(raw, codec, file)
                self.codec = codec
                raw = raw[skip:]
                start += skip
            if len(raw) > limit and not raw.endswith(b"\n"):
                skipped, tail = _skip_rest(stream)
                offset += skipped
                self.number, self.offset = number, offset
                yield _overlong(number, start, tail, codec, file)
                continue
            self.number, self.offset = number, offset
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                error = _undecodable(exc, codec, start, file=file, line=number)
                text = raw.decode(codec, errors="replace").rstrip("\r\n")
                yield RawLine(number, start, text, error)
                continue
            if text[-1:] == "\n":
                text = text[:-2] if text[-2:] == "\r\n" else text[:-1]
            if text[:1] == "\ufeff":
                text = text[1:]
            # tuple.__new__: a NamedTuple's own constructor is Python code, and this runs per line.
            yield tuple.__new__(RawLine, (number, start, text, None, True))

    def blocks(self, size: int = 1 << 20) -> Iterator[RawBlock | RawLine]:
        """The rest of the stream in blocks of whole lines of about ``size`` bytes, undecoded;
        a line longer than the limit is not read into memory but yielded as the
        :class:`RawLine` :func:`raw_lines` yields for it. The main process of ``score --jobs``
        reads so: it only cuts the file at line ends and counts them."""
        if self.sniff:  # the first line says the encoding: read it as a line
            yield from itertools.islice(self, 1)
        stream, limit = self.stream, MAX_RECORD_BYTES
        carry = b""
        while True:
            data = stream.read(size)
            if not data:
                if carry:
                    yield RawBlock(self.number + 1, self.offset, carry, self.codec)
                    self.number += 1
                    self.offset += len(carry)
                return
            data = carry + data if carry else data
            cut = data.rfind(b"\n") + 1
            carry = data[cut:]
            if cut:
                yield RawBlock(self.number + 1, self.offset, data[:cut], self.codec)
                self.number += data.count(b"\n", 0, cut)
                self.offset += cut
            if len(carry) > limit:  # no line end in more than the limit: read past the rest
                skipped, tail = _skip_rest(stream)
                rest = carry[limit + 1 :]
                self.number += 1
                yield _overlong(
                    self.number, self.offset, (rest + tail)[-256:], self.codec, self.file
                )
                self.offset += len(carry) + skipped
                carry = b""


def _overlong(number: int, start: int, tail: bytes, codec: str, file: str) -> RawLine:
    error = InputError(
        f"the line is longer than {MAX_RECORD_BYTES:,} bytes (the limit for one record); "
        "it was not read",
        file=file,
        line=number,
    )
    text = tail.decode(codec, errors="replace").rstrip("\r\n")
    return RawLine(number, start, text, error, whole=False)


def raw_lines(
    stream: IO[bytes], *, file: str, encoding: str = DEFAULT_ENCODING
) -> Iterator[RawLine]:
    """Every line of ``stream`` (blank ones too) as a :class:`RawLine`, in constant memory.

    ``encoding`` must be a name :func:`encoding_name` returned. A byte-order mark at the start is
    dropped (and chooses the encoding); so is one at the start of any later line, which is what
    concatenating files leaves behind.
    """
    return iter(LineReader(stream, file=file, encoding=encoding))


def block_lines(block: RawBlock, *, file: str) -> Iterator[RawLine]:
    """The lines of a :class:`RawBlock` of ``file``, as :func:`raw_lines` would have read them."""
    stream = io.BytesIO(block.data)
    return iter(
        LineReader(
            stream,
            file=file,
            encoding=block.encoding,
            number=block.number - 1,
            offset=block.offset,
            sniff=False,
        )
    )


def decode_text(
    data: bytes,
    *,
    file: str,
    encoding: str = DEFAULT_ENCODING,
    error: type[ZsQualityError] = InputError,
) -> str:
    """The text of a whole file's bytes (a byte-order mark dropped and obeyed); undecodable
    bytes raise ``error`` naming the line and the byte offset."""
    skip, codec = _sniff(data[:4], encoding, file)
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, skip + exc.start) + 1
        problem = _undecodable(exc, codec, skip, file=file, line=line)
        raise error(problem.problems, file=file, line=line) from None


def read_text(
    path: str | Path,
    *,
    encoding: str = DEFAULT_ENCODING,
    error: type[ZsQualityError] = InputError,
) -> str:
    """The whole text of the file at ``path`` (``-``: standard input), read as :func:`decode_text`
    reads; a file larger than :data:`~zs_quality.limits.MAX_DOCUMENT_BYTES`, or one that cannot
    be opened, raises ``error``."""
    name = display_name(path)
    try:
        stream = open_input(path)
    except InputError as exc:
        raise error(exc.problems, file=name) from None
    try:
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
    finally:
        if str(path) != "-":
            stream.close()
    if len(data) > MAX_DOCUMENT_BYTES:
        raise error(
            f"the file is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB "
            "(the limit for a file read whole)",
            file=name,
        )
    return decode_text(data, file=name, encoding=encoding_name(encoding), error=error)
