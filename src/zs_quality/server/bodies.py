"""Reading a request: its body as text and JSON, its parameters, with the library's own readers.

The body is decoded in the charset its ``Content-Type`` names (UTF-8 when none; a GBK or GB2312
body is read as GB18030, their superset; a UTF-8 byte-order mark is dropped) and parsed with
:func:`zs_quality.io.jsonio.loads`, the reader of the command line, so the service takes exactly
the input the command line takes. What cannot be read is a 400 ``unreadable-body``; what is read
but breaks a model's rules a 422 ``invalid-body``; a bad parameter a 400 ``invalid-parameter``.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any, TypeVar

from zs_quality.convert import structure
from zs_quality.errors import InputError, Problem, ZsQualityError
from zs_quality.io.jsonio import loads
from zs_quality.server.problems import (
    INVALID_BODY,
    INVALID_PARAMETER,
    UNREADABLE_BODY,
    ProblemError,
)

__all__ = ["body_text", "json_body", "model", "parameter"]

T = TypeVar("T")

# Chinese text in the wild is often labelled with a subset of GB18030.
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030"}


def _charset(content_type: str | None) -> str:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset":
            name = value.strip().strip('"').lower()
            try:
                codec = codecs.lookup(_SUPERSETS.get(name, name)).name
            except LookupError:
                raise ProblemError(UNREADABLE_BODY, f"unknown charset {name!r}") from None
            return "utf-8-sig" if codec == "utf-8" else codec
    return "utf-8-sig"


def body_text(body: bytes, content_type: str | None) -> str:
    """The body as text in the charset of ``content_type``."""
    charset = _charset(content_type)
    try:
        return body.decode(charset)
    except UnicodeDecodeError as exc:
        raise ProblemError(
            UNREADABLE_BODY,
            f"not {charset.removesuffix('-sig').upper()} text: {exc.reason} at byte {exc.start}",
        ) from None


def json_body(body: bytes, content_type: str | None) -> Any:
    """The body parsed as JSON (numbers with a fraction read exactly, as decimals)."""
    text = body_text(body, content_type)
    try:
        return loads(text)
    except InputError as exc:
        raise ProblemError.of(UNREADABLE_BODY, exc) from None
    # Python's JSON parser refuses these with exceptions of its own, not JSONDecodeError.
    except RecursionError:
        raise ProblemError(UNREADABLE_BODY, "not valid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer of more than 4300 digits
        raise ProblemError(
            UNREADABLE_BODY, f"not valid JSON: a number has too many digits ({exc})"
        ) from None


def model(data: Any, cls: type[T], *, under: str = "") -> T:
    """``data`` structured as a ``cls``; every fault is a problem of a 422 answer."""
    try:
        return structure(data, cls)
    except ZsQualityError as exc:
        raise ProblemError.of(INVALID_BODY, exc, under=under) from None


def parameter(name: str, text: str, parse: Callable[[str], T]) -> T:
    """The parameter ``name`` parsed by ``parse``; a fault is a 400 naming the parameter."""
    try:
        return parse(text)
    except ZsQualityError as exc:
        problems = [Problem(name, p.message) for p in exc.problems]
        raise ProblemError(INVALID_PARAMETER, f"{name}: {exc.message}", problems) from None
