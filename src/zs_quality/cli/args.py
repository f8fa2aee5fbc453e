"""argparse types and options shared by the commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from zs_quality.dates import Date, parse_date
from zs_quality.errors import InputError
from zs_quality.limits import MAX_MAGNITUDE_DIGITS
from zs_quality.parallel import available_cpus
from zs_quality.reading import DEFAULT_ENCODING, encoding_name

__all__ = [
    "add_encoding",
    "argparse_type",
    "calendar_date",
    "capped_jobs",
    "encoding",
    "jobs_count",
]

T = TypeVar("T")


def calendar_date(text: str) -> Date:
    """argparse type for a date option such as ``--as-of``: ``YYYY-MM-DD``, a real day."""
    return argparse_type(parse_date, text)


def encoding(text: str) -> str:
    """argparse type for ``--encoding``: a known, ASCII-compatible encoding (``gbk`` is read as
    ``gb18030``)."""
    return argparse_type(encoding_name, text)


def add_encoding(parser: argparse.ArgumentParser, what: str = "the input files") -> None:
    """The ``--encoding`` option, for ``what`` a command reads."""
    parser.add_argument(
        "--encoding",
        type=encoding,
        default=DEFAULT_ENCODING,
        metavar="ENC",
        help=(
            f"encoding of {what} (default utf-8, with or without BOM; gb18030 also reads GBK, "
            "what Excel and Chinese Windows programs write; a BOM in a file wins)"
        ),
    )


def argparse_type(parse: Callable[[str], T], text: str) -> T:
    """``parse(text)``, its :class:`~zs_quality.errors.InputError` an argparse usage error: the
    parsers of :mod:`zs_quality.io.arguments` serve the command line and the service alike."""
    try:
        return parse(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def jobs_count(text: str) -> int:
    """argparse type for ``--jobs``: a whole number of at least 1."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) > MAX_MAGNITUDE_DIGITS or int(digits) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(digits)


def capped_jobs(jobs: int, *, stderr: Any = None) -> int:
    """``jobs``, or the number of CPUs available when it asks for more (saying so on stderr):
    more processes than CPUs only cost memory."""
    cpus = available_cpus()
    if jobs <= cpus:
        return jobs
    print(
        f"zs-quality: --jobs {jobs} is more than the {cpus} CPU(s) available; using {cpus}",
        file=stderr if stderr is not None else sys.stderr,
    )
    return cpus
