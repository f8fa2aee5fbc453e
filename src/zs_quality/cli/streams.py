"""The command line's edge with the operating system: exit statuses, output that fails cleanly,
signals, and the checks that no command writes over its own input.

Every fault of the environment ends a command with one line on standard error and a status of
its own (the table is in ``docs/errors.md``), never with a traceback.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import IO, Any

from zs_quality.errors import InputError

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_READ",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "EXIT_WORKER",
    "Fault",
    "GuardedStream",
    "SignalGate",
    "Terminated",
    "cannot_write",
    "gate",
    "open_output",
    "refuse_same_file",
    "signals_as_exceptions",
    "writes_utf8",
]

EXIT_OK = 0
"""Everything asked was done, and all input was valid."""
EXIT_INVALID = 1
"""Some input was invalid or rejected; the rest was processed and reported."""
EXIT_USAGE = 2
"""A usage error, an input file that cannot be opened, or a bad policy file: nothing processed."""
EXIT_OUTPUT = 3
"""An output could not be written: a full disk, an unwritable path, a closed standard output."""
EXIT_READ = 4
"""An input stopped being readable: a read error, a closed standard input."""
EXIT_WORKER = 5
"""A worker process of ``--jobs`` died (killed, out of memory) or failed."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it."""
EXIT_TERMINATED = 143
"""Stopped by SIGTERM: 128 + 15."""


class Fault(Exception):
    """A fault of the environment that ends the command: a one-line message and a status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class Terminated(BaseException):
    """SIGTERM arrived (raised in the main thread, like KeyboardInterrupt for SIGINT)."""


def _is_real(stream: IO[str]) -> bool:
    try:
        stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _silence(stream: IO[str]) -> None:
    """Point the file descriptor under ``stream`` at /dev/null, so that whatever is still in its
    buffer is dropped quietly when Python flushes it at exit."""
    if not _is_real(stream):
        return
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


class GuardedStream:
    """A text stream whose faults end the command cleanly.

    A closed pipe (``| head``) is no error: the stream goes quiet (``broken`` turns true) and
    every later write is dropped, so the command ends with the status its input implies. Any
    other failure to write raises :class:`Fault` with :data:`EXIT_OUTPUT`, unless the stream is
    ``quiet`` (standard error: where else would the message go?), which just goes quiet.
    """

    def __init__(self, stream: IO[str], name: str, *, quiet: bool = False) -> None:
        self.stream = stream
        self.name = name
        self.quiet = quiet
        self.broken = False
        self._errors = getattr(stream, "errors", None)
        if self._errors is not None and hasattr(stream, "reconfigure"):
            # What cannot be encoded (a lone surrogate: bytes of a file name or an argument that
            # were not UTF-8) is written as its escape, \udcff: output stays valid text and JSON
            # whatever the locale, at no cost to the text that can be.
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors="backslashreplace")

    def restore(self) -> None:
        """Give the stream back its own error handler (for an in-process caller)."""
        if self._errors is not None and hasattr(self.stream, "reconfigure"):
            with contextlib.suppress(OSError, ValueError):
                self.stream.reconfigure(errors=self._errors)

    def _fault(self, exc: OSError) -> Fault:
        _silence(self.stream)
        self.broken = True
        return cannot_write(self.name, exc)

    def _failed(self, exc: OSError) -> None:
        if not self.quiet:
            raise self._fault(exc) from None
        _silence(self.stream)
        self.broken = True

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn a failure to write into going quiet (a closed pipe) or a :class:`Fault`."""
        try:
            yield
        except BrokenPipeError:
            self._closed_pipe()
        except OSError as exc:
            self._failed(exc)
        except ValueError:  # the stream was closed under us
            self._failed(OSError(0, "the stream is closed"))

    def write(self, text: str) -> int:
        if not self.broken:
            with self._guard():
                return self.stream.write(text)
        return len(text)

    def write_utf8(self, data: bytes) -> None:
        """Write text already encoded as UTF-8 (a worker's results): straight to the bytes under
        the stream when it writes UTF-8 (:func:`writes_utf8`), after the text before it."""
        if self.broken:
            return
        if not writes_utf8(self.stream):
            self.write(data.decode("utf-8"))
            return
        buffer: IO[bytes] = self.stream.buffer  # type: ignore[attr-defined]  # writes_utf8 says so
        with self._guard():
            self.stream.flush()
            buffer.write(data)

    def flush(self) -> None:
        if not self.broken:
            with self._guard():
                self.stream.flush()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            with contextlib.suppress(OSError, ValueError):
                self.stream.close()

    def _closed_pipe(self) -> None:
        self.broken = True
        _silence(self.stream)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def writes_utf8(stream: object, *, errors: str | None = "backslashreplace") -> bool:
    """Whether ``stream`` writes text as UTF-8 onto a stream of bytes (``buffer``) that takes
    UTF-8 written straight to it, with ``errors`` as its error handler (``None``: any)."""
    encoding = getattr(stream, "encoding", None)
    try:
        utf8 = encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False
    if errors is not None and getattr(stream, "errors", None) != errors:
        return False
    return utf8 and getattr(stream, "buffer", None) is not None


def open_output(path: str, what: str) -> GuardedStream:
    """Open ``path`` for writing UTF-8 text (``what`` names it in messages)."""
    try:
        stream = open(path, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
    except OSError as exc:
        raise cannot_write(f"{what} {path}", exc) from None
    return GuardedStream(stream, f"{what} {path}")


def cannot_write(name: str, exc: BaseException) -> Fault:
    """The fault of an output that cannot be written (exit status 3): ``name`` says which, and
    the system's reason why."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return Fault(f"cannot write {name}: {reason}", EXIT_OUTPUT)


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _stdout_identity() -> tuple[int, int] | None:
    stream = sys.__stdout__
    if stream is None or not _is_real(stream):
        return None
    try:
        info = os.fstat(stream.fileno())
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def refuse_same_file(inputs: list[str], outputs: dict[str, str], *, stdout: bool = True) -> None:
    """Refuse (as a usage error) to write an output over an input, or two outputs to one file:
    each of ``outputs`` maps a name (``--errors``) to a path, and standard output counts when it
    is a regular file (a shell's ``> file``)."""
    seen = {_identity(p): p for p in inputs if p != "-"}
    seen.pop(None, None)
    written: dict[str, str] = {}
    for what, path in outputs.items():
        if path == "-":
            continue
        same = seen.get(_identity(path))
        if same is not None:
            raise InputError(f"{what} {path} is the input file {same}; choose another path")
        # An output need not exist yet, so two are compared by the path they resolve to.
        other = written.setdefault(os.path.realpath(path), what)
        if other != what:
            raise InputError(f"{other} and {what} are both {path}; choose two files")
    if stdout:
        same = seen.get(_stdout_identity())
        if same is not None:
            raise InputError(
                f"standard output is the input file {same}; write the output to another file"
            )


class SignalGate:
    """SIGINT and SIGTERM as exceptions (KeyboardInterrupt, :class:`Terminated`), held back while
    a command is between two consistent states.

    A batch counts a result and writes it in one step: a signal between the two would leave a
    count the output does not show. Between :meth:`hold` and :meth:`release` a signal waits, and
    :meth:`release` raises it; anywhere else it raises at once, so a command blocked reading
    its input still stops.
    """

    def __init__(self) -> None:
        self.holding = False
        self.pending: int | None = None

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.holding:
            self.pending = signum
            return
        raise _stop(signum)

    def hold(self) -> None:
        self.holding = True

    def release(self) -> None:
        self.holding = False
        pending, self.pending = self.pending, None
        if pending is not None:
            raise _stop(pending)


def _stop(signum: int) -> BaseException:
    return KeyboardInterrupt() if signum == signal.SIGINT else Terminated()


gate = SignalGate()
"""The gate of the running command (see :func:`signals_as_exceptions`)."""


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[SignalGate]:
    """While the command runs, SIGINT raises KeyboardInterrupt and SIGTERM :class:`Terminated`,
    through :data:`gate`; outside the main thread nothing changes."""
    try:
        previous = {s: signal.signal(s, gate.handle) for s in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: leave signals alone
        yield gate
        return
    try:
        yield gate
    finally:
        gate.holding, gate.pending = False, None
        for number, handler in previous.items():
            signal.signal(number, handler)
