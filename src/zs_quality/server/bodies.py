"""Reading a request: its body as text and JSON, its parameters, with the library's own readers.

The body is decoded by :func:`zs_quality.reading.decode_text` in the charset its ``Content-Type``
names (checked by :func:`zs_quality.reading.encoding_name`: UTF-8 when none, GBK and GB2312 read
as GB18030, a byte-order mark obeyed, UTF-16 refused) and parsed by
:func:`zs_quality.io.jsonio.loads` (a key given twice, nesting or numbers beyond
:mod:`zs_quality.limits` refused), the readers of the command line, so the service takes exactly
the input the command line takes. What cannot be read is a 400 ``unreadable-body``; what is read
but breaks a model's rules a 422 ``invalid-body``; a bad parameter a 400 ``invalid-parameter``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from zs_quality.convert import structure
from zs_quality.errors import InputError, Problem, ZsQualityError
from zs_quality.io.jsonio import loads
from zs_quality.reading import DEFAULT_ENCODING, decode_text, encoding_name
from zs_quality.server.problems import (
    INVALID_BODY,
    INVALID_PARAMETER,
    UNREADABLE_BODY,
    ProblemError,
)

__all__ = ["body_text", "json_body", "model", "parameter"]

T = TypeVar("T")

_BODY = "request body"


def _codec(content_type: str | None) -> str:
    """The codec of the charset ``content_type`` names, checked as ``--encoding`` is."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset":
            try:
                return encoding_name(value.strip().strip('"'))
            except InputError as exc:
                raise ProblemError(UNREADABLE_BODY, f"charset: {exc.problems[0].message}") from None
    return DEFAULT_ENCODING


def body_text(body: bytes, content_type: str | None) -> str:
    """The body as text in the charset of ``content_type``."""
    codec = _codec(content_type)
    try:
        return decode_text(body, file=_BODY, encoding=codec)
    except InputError as exc:
        raise ProblemError.of(UNREADABLE_BODY, exc) from None


def json_body(body: bytes, content_type: str | None) -> Any:
    """The body parsed as JSON (numbers with a fraction read exactly, as decimals)."""
    try:
        return loads(body_text(body, content_type))
    except InputError as exc:
        raise ProblemError.of(UNREADABLE_BODY, exc) from None


def model(data: Any, cls: type[T]) -> T:
    """``data`` structured as a ``cls``; every fault is a problem of a 422 answer."""
    try:
        return structure(data, cls)
    except ZsQualityError as exc:
        raise ProblemError.of(INVALID_BODY, exc) from None


def parameter(name: str, text: str, parse: Callable[[str], T]) -> T:
    """The parameter ``name`` parsed by ``parse``; a fault is a 400 naming the parameter."""
    try:
        return parse(text)
    except ZsQualityError as exc:
        problems = [Problem(name, p.message) for p in exc.problems]
        raise ProblemError(INVALID_PARAMETER, f"{name}: {exc.message}", problems) from None
